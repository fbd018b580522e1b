"""`python -m generator build` and `publish`, end to end: the real generated packages, a real local
package index (pypiserver, uploads password-protected) and fresh virtualenvs calling the mock.

The expensive steps run once per module: one build of both packages, one index, one publish.
The refusals run against that same index and show that it did not change.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from contract_tests.mock import MockServer
from generator.config import ConfigError, Target, load_targets, select_targets
from generator.ir.build import build_api
from generator.release.packaging import (
    create_venv,
    probe_for,
    run_tool,
    simple_index_url,
    simple_page_files,
    stop_process,
)

# Under pytest-xdist, the module's tests share one worker: the artefacts are built once for the module.
pytestmark = [pytest.mark.xdist_group("packaging"), pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "pyproject.toml"
TARGETS = load_targets(CONFIG)
USERNAME, PASSWORD = "uploader", "test-upload-secret"


def cli(*args: str, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command line as a user runs it, in its own process, from the project folder."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        env=dict(os.environ if env is None else env),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def twine_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "TWINE_USERNAME": USERNAME, "TWINE_PASSWORD": PASSWORD, **extra}


def artefact_names(target: Target) -> set[str]:
    return {f"{target.package}-{target.version}.tar.gz", f"{target.package}-{target.version}-py3-none-any.whl"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class LocalIndex:
    url: str
    packages: Path

    @property
    def simple(self) -> str:
        return f"{self.url}/simple/"

    def snapshot(self) -> dict[str, bytes]:
        return {path.name: path.read_bytes() for path in sorted(self.packages.iterdir())}


def wait_until_up(url: str, process: subprocess.Popen[str], log: Path, timeout: float = 30) -> None:
    """Ready when /health answers; pypiserver needs `passlib` for its password file, and says so if missing."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"pypi-server exited with {process.returncode}:\n{log.read_text()}"
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"pypi-server did not answer at {url} within {timeout}s")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalIndex]:
    """pypiserver on a free loopback port; uploads need USERNAME/PASSWORD.

    The htpasswd entry uses the `{SHA}` scheme because the standard library can write it;
    pypiserver checks it with passlib.
    """
    root = tmp_path_factory.mktemp("index")
    packages = root / "packages"
    packages.mkdir()
    digest = base64.b64encode(hashlib.sha1(PASSWORD.encode()).digest()).decode()
    (root / "htpasswd").write_text(f"{USERNAME}:{{SHA}}{digest}\n", encoding="utf-8")
    port = free_port()
    command = [sys.executable, "-m", "pypiserver", "run", "-i", "127.0.0.1", "-p", str(port)]
    command += ["-a", "update", "-P", str(root / "htpasswd"), "--disable-fallback", str(packages)]
    with (root / "server.log").open("w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process, root / "server.log")
        yield LocalIndex(url, packages)
    finally:
        stop_process(process)


def copy_project(destination: Path) -> Path:
    """What `check` reads (the config, specs, generated packages, release records): its config file."""
    destination.mkdir()
    shutil.copy2(CONFIG, destination / "pyproject.toml")
    for folder in ("spec", "generated", "releases"):
        if (ROOT / folder).exists():
            shutil.copytree(ROOT / folder, destination / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return destination / "pyproject.toml"


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project whose current versions are recorded as released: its config file."""
    config = copy_project(tmp_path_factory.mktemp("released") / "project")
    result = cli("release", "--config", str(config), "--date", "2026-01-02")
    assert result.returncode == 0, result.stdout + result.stderr
    return config


@pytest.fixture(scope="module")
def built(released: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Both packages built once by the CLI: the artefacts folder and what the command printed."""
    dist = tmp_path_factory.mktemp("dist")
    result = cli("build", "--config", str(released), "--out", str(dist))
    assert result.returncode == 0, result.stdout + result.stderr
    return dist, result.stdout


@pytest.fixture(scope="module")
def published(released: Path, built: tuple[Path, str], index: LocalIndex) -> str:
    dist, _ = built
    result = cli(
        "publish", "--config", str(released), "--dist", str(dist), "--repository-url", index.url, env=twine_env()
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


# --- build ----------------------------------------------------------------------------------


def test_build_makes_checked_artefacts_and_says_so(built):
    dist, output = built
    for target in TARGETS:
        assert {p.name for p in (dist / target.distribution).iterdir()} == artefact_names(target)
        assert f"{target.distribution} {target.version}: ok" in output
    assert output.count("twine check --strict: PASSED") == len(TARGETS)
    assert "Linq(api_key).chats.list_chats() -> SyncPage[Chat]" in output
    assert "Sendblue(api_key, api_secret).messages.list() -> SyncPage[V2Message]" in output


def test_the_sdist_carries_the_dated_changelog_of_the_release(built):
    dist, _ = built
    for target in TARGETS:
        with tarfile.open(dist / target.distribution / f"{target.package}-{target.version}.tar.gz") as sdist:
            member = f"{target.package}-{target.version}/CHANGELOG.md"
            changelog = sdist.extractfile(member).read().decode()  # type: ignore[union-attr]
        assert f"## {target.version} (2026-01-02)" in changelog
        assert "unreleased" not in changelog


def test_build_refuses_artefacts_whose_version_is_not_the_target_version(tmp_path):
    config = copy_project(tmp_path / "project")
    linq = next(t for t in TARGETS if t.distribution == "linq-client")
    header = "[[tool.sdk-generator.targets]]"
    blocks = config.read_text(encoding="utf-8").split(header)
    blocks = [re.sub(r'(?m)^version = ".*"$', 'version = "9.9.9"', b) if "generated/linq" in b else b for b in blocks]
    config.write_text(header.join(blocks), encoding="utf-8")
    assert [t.version for t in load_targets(config) if t.distribution == "linq-client"] == ["9.9.9"]
    result = cli("build", "linq-client", "--config", str(config), "--out", str(tmp_path / "dist"))
    assert result.returncode == 1
    assert f"linq_client-{linq.version}.tar.gz is linq-client {linq.version}, but the target is linq-client 9.9.9" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_build_names_unknown_distributions():
    result = cli("build", "no-such-client", "--config", str(CONFIG))
    assert result.returncode == 1
    assert "unknown distribution(s) no-such-client; configured: linq-client, sendblue-client" in result.stderr


# --- publish: refusals ----------------------------------------------------------------------


def test_publish_refuses_a_drifted_tree_and_uploads_nothing(built, index, tmp_path):
    dist, _ = built
    config = copy_project(tmp_path / "project")
    changed = config.parent / "generated" / "linq" / "src" / "linq_client" / "_version.py"
    changed.write_text(changed.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    before = index.snapshot()
    result = cli(
        "publish", "--config", str(config), "--dist", str(dist), "--repository-url", index.url, env=twine_env()
    )
    assert result.returncode == 1
    assert "refusing to publish: the tree is not releasable" in result.stderr
    assert "python -m generator check failed" in result.stderr
    assert "_version.py" in result.stderr  # what `check` found
    assert "nothing uploaded" in result.stderr and "Traceback" not in result.stderr
    assert index.snapshot() == before


def test_publish_refuses_missing_or_stale_artefacts_of_any_package(built, index, tmp_path):
    """The same copied project without the edit passes `check`: here only the artefacts are wrong."""
    dist, _ = built
    config = copy_project(tmp_path / "project")
    stale = tmp_path / "stale-dist" / "linq-client"
    stale.mkdir(parents=True)
    linq = next(t for t in TARGETS if t.distribution == "linq-client")
    for path in (dist / "linq-client").iterdir():
        shutil.copy2(path, stale / path.name.replace(f"-{linq.version}", "-0.0.9"))
    before = index.snapshot()
    result = cli(
        "publish", "--config", str(config), "--dist", str(stale.parent), "--repository-url", index.url, env=twine_env()
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "python -m generator check" not in result.stderr
    assert "sendblue-client: no artefacts" in result.stderr
    assert f"is linq-client 0.0.9, but the target is linq-client {linq.version}" in result.stderr
    assert result.stderr.count("run `python -m generator build` (nox -s build) first") == 2
    assert "nothing uploaded" in result.stderr
    assert index.snapshot() == before


def test_publish_refuses_a_version_not_recorded_as_released(built, index, tmp_path):
    """Without a release record the next version's gate would have no baseline: record first."""
    dist, _ = built
    config = copy_project(tmp_path / "project")
    before = index.snapshot()
    result = cli(
        "publish", "--config", str(config), "--dist", str(dist), "--repository-url", index.url, env=twine_env()
    )
    assert result.returncode == 1
    for target in TARGETS:
        assert f"{target.distribution} {target.version} is not recorded as released" in result.stderr
        assert f"run `python -m generator release {target.distribution}`" in result.stderr
    assert "nothing uploaded" in result.stderr
    assert index.snapshot() == before


def test_publish_needs_credentials_and_a_repository(built, index):
    dist, _ = built
    no_password = {k: v for k, v in twine_env().items() if k != "TWINE_PASSWORD"}
    result = cli("publish", "--dist", str(dist), "--repository-url", index.url, env=no_password)
    assert result.returncode == 1 and "no credentials: set TWINE_PASSWORD" in result.stderr
    no_url = {k: v for k, v in twine_env().items() if k != "TWINE_REPOSITORY_URL"}
    result = cli("publish", "--dist", str(dist), env=no_url)
    assert result.returncode == 1 and "pass --repository-url URL or set TWINE_REPOSITORY_URL" in result.stderr


# --- publish: the upload and what users get from the index --------------------------------


def test_publish_uploads_every_package_to_the_index(published, index):
    assert set(index.snapshot()) == set().union(*(artefact_names(t) for t in TARGETS))
    assert "published to" in published


def test_publishing_a_version_already_on_the_index_is_refused(released, built, published, index):
    dist, _ = built
    before = index.snapshot()
    result = cli(
        "publish", "--config", str(released), "--dist", str(dist), env=twine_env(TWINE_REPOSITORY_URL=index.url)
    )
    assert result.returncode == 1
    for target in TARGETS:
        assert f"{target.distribution} {target.version} is already on {index.simple}" in result.stderr
    assert "nothing uploaded" in result.stderr
    assert index.snapshot() == before


INDEX_USER_SCRIPT = r"""
import json, sys
from linq_client import Linq, __version__ as linq_version
from linq_client.types import Chat
from sendblue_client import Sendblue, __version__ as sendblue_version
from sendblue_client.types import V2Message

urls = json.loads(sys.argv[1])
with Linq(api_key="test-key", base_url=urls["linq"]) as linq:
    chats = linq.chats.list_chats().items
with Sendblue(api_key="key-id", api_secret="secret", base_url=urls["sendblue"]) as sendblue:
    messages = sendblue.messages.list(limit=5).items
print(json.dumps({
    "versions": [linq_version, sendblue_version],
    "chats": len(chats), "all_chats": all(isinstance(c, Chat) for c in chats),
    "messages": len(messages), "all_messages": all(isinstance(m, V2Message) for m in messages),
}))
"""


def pip_env_without_configured_indexes() -> dict[str, str]:
    """No configured index, extra index or find-links: the packages can only come from the local index."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    return {**env, "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def test_published_packages_install_from_the_index_and_call_the_mock(published, index, tmp_path):
    venv = tmp_path / "venv"
    python = create_venv(venv, python=sys.executable)
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-input"]
    wanted = [f"{t.distribution}=={t.version}" for t in TARGETS]
    run_tool(
        [*pip, "--index-url", index.simple, "--no-deps", *wanted],
        what="pip install from the local index",
        env=pip_env_without_configured_indexes(),
    )
    run_tool([*pip, *wanted], what="pip install the dependencies")  # the packages themselves are installed
    with (
        MockServer(ROOT / "spec" / "linq.yaml", mode="stateful", seed=7) as linq,
        MockServer(ROOT / "spec" / "sendblue.yaml", mode="stateful", seed=7) as sendblue,
    ):
        urls = json.dumps({"linq": linq.url, "sendblue": sendblue.url})
        output = run_tool(
            [str(python), "-I", "-c", INDEX_USER_SCRIPT, urls], what="the installed clients", cwd=tmp_path
        )
    found = json.loads(output.strip().splitlines()[-1])
    assert found["versions"] == [t.version for t in sorted(TARGETS, key=lambda t: t.distribution)]
    assert found["chats"] > 0 and found["all_chats"]
    assert found["messages"] == 5 and found["all_messages"]


# --- the pieces -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("upload", "simple"),
    [
        ("https://upload.pypi.org/legacy/", "https://pypi.org/simple/"),
        ("https://test.pypi.org/legacy/", "https://test.pypi.org/simple/"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/simple/"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/simple/"),
        ("https://devpi.example.test/team/stable/", "https://devpi.example.test/team/stable/+simple/"),
    ],
)
def test_the_simple_index_is_derived_from_the_upload_url(upload, simple):
    assert simple_index_url(upload) == simple


def test_simple_pages_list_file_names_in_html_and_json():
    html = (
        '<html><body><a href="/packages/linq_client-0.1.0.tar.gz#sha256=ab">linq_client-0.1.0.tar.gz</a><br>'
        '<a href="../../packages/linq_client-0.2.0-py3-none-any.whl"></a></body></html>'
    )
    assert simple_page_files(html, "text/html") == ["linq_client-0.1.0.tar.gz", "linq_client-0.2.0-py3-none-any.whl"]
    body = json.dumps({"name": "linq-client", "files": [{"filename": "linq_client-0.1.0.tar.gz", "url": "x"}]})
    assert simple_page_files(body, "application/vnd.pypi.simple.v1+json") == ["linq_client-0.1.0.tar.gz"]


def test_targets_are_selected_by_any_spelling_of_their_distribution():
    assert [t.distribution for t in select_targets(TARGETS, ["Linq_Client", "linq-client"])] == ["linq-client"]
    with pytest.raises(ConfigError, match="unknown distribution"):
        select_targets(TARGETS, ["linq"])


def test_the_install_probe_is_a_get_without_arguments():
    probes = {t.distribution: probe_for(build_api(t.spec)) for t in TARGETS}
    assert probes["linq-client"] is not None and probes["linq-client"].path == ("chats", "list_chats")
    assert probes["sendblue-client"] is not None and probes["sendblue-client"].path == ("messages", "list")
    assert probes["sendblue-client"].model == "V2Message" and probes["sendblue-client"].paginated


def test_wheel_and_sdist_carry_the_license(built):
    dist, _ = built
    for target in TARGETS:
        folder = dist / target.distribution
        with tarfile.open(folder / f"{target.package}-{target.version}.tar.gz") as sdist:
            member = sdist.extractfile(f"{target.package}-{target.version}/LICENSE")
            assert member is not None
            in_sdist = member.read().decode()
        [wheel] = folder.glob("*.whl")
        with zipfile.ZipFile(wheel) as archive:
            [license_name] = [name for name in archive.namelist() if name.endswith(".dist-info/licenses/LICENSE")]
            in_wheel = archive.read(license_name).decode()
            [metadata_name] = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
            metadata = archive.read(metadata_name).decode()
        assert in_sdist == in_wheel == (target.out / "LICENSE").read_text(encoding="utf-8")
        assert in_wheel.startswith("MIT License") and f"The {target.distribution} authors" in in_wheel
        assert "License-Expression: MIT" in metadata and "License-File: LICENSE" in metadata


LICENSED_TARGET = """\
[[tool.sdk-generator.targets]]
spec = "spec.yaml"
out = "out"
package = "notes_client"
{extra}
"""


def test_a_license_other_than_mit_needs_its_text(tmp_path):
    config = tmp_path / "pyproject.toml"
    config.write_text(LICENSED_TARGET.format(extra='license = "Apache-2.0"'), encoding="utf-8")
    with pytest.raises(ConfigError, match="license_file"):
        load_targets(config)
    (tmp_path / "COPYING.txt").write_text("Apache License\nVersion 2.0\n", encoding="utf-8")
    extra = 'license = "Apache-2.0"\nlicense_file = "COPYING.txt"\nlicense_holder = "Notes Inc."'
    config.write_text(LICENSED_TARGET.format(extra=extra), encoding="utf-8")
    [target] = load_targets(config)
    assert (target.license, target.license_file, target.copyright_holder) == (
        "Apache-2.0",
        tmp_path / "COPYING.txt",
        "Notes Inc.",
    )
    [default] = load_targets(_write(tmp_path / "default.toml", LICENSED_TARGET.format(extra="")))
    assert (default.license, default.license_file) == ("MIT", None)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_configured_license_text_is_the_package_license(tmp_path):
    from generator.emit.package import package_files

    linq = next(t for t in TARGETS if t.distribution == "linq-client")
    text = "Proprietary. All rights reserved.\n"
    (tmp_path / "TERMS.txt").write_text(text, encoding="utf-8")
    target = dataclasses.replace(linq, license="LicenseRef-Proprietary", license_file=tmp_path / "TERMS.txt")
    files = package_files(build_api(target.spec), target)
    assert files["LICENSE"] == text
    assert 'license = "LicenseRef-Proprietary"' in files["pyproject.toml"]
    assert 'license-files = ["LICENSE"]' in files["pyproject.toml"]
