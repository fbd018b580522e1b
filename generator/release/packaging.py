"""Building and publishing the generated client packages (`python -m generator build|publish`).

`build` makes exactly what would be uploaded and proves it works the way a user meets it: an
sdist and a wheel of `generated/<api>`, `twine check --strict`, the files and metadata a
publishable package carries, then the wheel installed alone in a fresh virtualenv and called
over HTTP against the stateful mock of its spec.

`publish` uploads only what `build` made, and only when nothing argues against it: no drift
(`python -m generator check`), every artefact present with the configured version, and no
version already on the index. Every selected package is checked before any is uploaded: an
index never lets a version be replaced, so a half-published set is hard to undo.
"""

from __future__ import annotations

import email.parser
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import time
import tomllib
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import TextIO
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import httpx
from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    parse_sdist_filename,
    parse_wheel_filename,
)
from packaging.version import InvalidVersion, Version

from generator.config import ConfigError, Target, load_targets, select_targets
from generator.errors import SpecError
from generator.ir.build import build_api
from generator.ir.model import Api, ModelRef, TypeRef
from generator.release.records import ReleaseError, load_release

Log = Callable[[str], None]

BUILD_HINT = "run `python -m generator build` (nox -s build) first"
TOOL_TIMEOUT = 900.0
MOCK_START_TIMEOUT = 60.0
LICENSE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE)(\.\w+)?", re.IGNORECASE)
SIMPLE_ACCEPT = "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.1"


class PackagingError(RuntimeError):
    """An expected failure (a tool or a check said no): reported as its message, never a traceback."""


# --- shared helpers -------------------------------------------------------------------------


def run_tool(
    command: Sequence[str],
    *,
    what: str,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = TOOL_TIMEOUT,
) -> str:
    """Run a tool and return its output; when it fails, its own output is the error message."""
    try:
        result = subprocess.run(
            list(command),
            cwd=cwd,
            env=None if env is None else dict(env),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except OSError as exc:
        raise PackagingError(f"{what}: cannot run {command[0]}: {exc}") from None
    except subprocess.TimeoutExpired:
        raise PackagingError(f"{what}: no result after {timeout:.0f}s (stopped)") from None
    if result.returncode != 0:
        raise PackagingError(f"{what} failed (exit {result.returncode}):\n{result.stdout.rstrip()}")
    return result.stdout


def quiet_env(base: Mapping[str, str], **extra: str) -> dict[str, str]:
    """The environment for tools whose output ends up in messages: no colour escapes."""
    return {**base, "NO_COLOR": "1", **extra}


def own_code_env(base: Mapping[str, str]) -> dict[str, str]:
    """The environment for `python -m generator ...` and `python -m contract_tests.mock` subprocesses:
    the folder this code runs from comes first on their path, so they run the same code as this
    process wherever the working folder is."""
    code_root = str(Path(__file__).resolve().parents[2])
    path = os.pathsep.join(p for p in (code_root, base.get("PYTHONPATH", "")) if p)
    return {**base, "PYTHONPATH": path}


def load_selected(config: Path, names: Sequence[str]) -> list[Target]:
    try:
        return select_targets(load_targets(config), names)
    except ConfigError as exc:
        raise PackagingError(str(exc)) from None


def file_name_version(filename: str) -> tuple[str, Version] | None:
    """Name and version of a wheel or sdist from its file name; None for any other file."""
    try:
        if filename.endswith(".whl"):
            name, version, _, _ = parse_wheel_filename(filename)
            return name, version
        if filename.endswith((".tar.gz", ".zip")):
            return parse_sdist_filename(filename)
    except (InvalidWheelFilename, InvalidSdistFilename, InvalidVersion):
        return None
    return None


def size_text(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.1f} KiB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.2f} MiB"


# --- artefacts ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Artefacts:
    """What gets uploaded for one package."""

    sdist: Path
    wheel: Path

    @property
    def files(self) -> tuple[Path, Path]:
        return (self.sdist, self.wheel)


def find_artefacts(folder: Path, target: Target) -> Artefacts:
    """The sdist and wheel of `target` in `folder`: exactly one of each, with the configured name and version.

    Anything else means the folder was not made by `build` for this version, and uploading it
    would publish something nobody checked.
    """
    if not folder.is_dir():
        raise PackagingError(f"{target.distribution}: no artefacts ({folder} does not exist); {BUILD_HINT}")
    sdists = sorted(folder.glob("*.tar.gz"))
    wheels = sorted(folder.glob("*.whl"))
    if len(sdists) != 1 or len(wheels) != 1:
        found = ", ".join(p.name for p in sorted(folder.iterdir())) or "nothing"
        raise PackagingError(
            f"{target.distribution}: expected one sdist and one wheel in {folder}, found {found}; {BUILD_HINT}"
        )
    for path in (*sdists, *wheels):
        parsed = file_name_version(path.name)
        if parsed is None:
            raise PackagingError(f"{target.distribution}: {path.name} is not a valid distribution file name")
        name, version = parsed
        if canonicalize_name(name) != canonicalize_name(target.distribution) or version != Version(target.version):
            raise PackagingError(
                f"{target.distribution}: {path.name} is {name} {version}, but the target is "
                f"{target.distribution} {target.version}; {BUILD_HINT}"
            )
    return Artefacts(sdist=sdists[0], wheel=wheels[0])


def build_distributions(target: Target, folder: Path, *, python: str) -> Artefacts:
    """sdist and wheel of the generated package in `folder`, emptied first so no stale file rides along."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    command = [python, "-m", "build", "--sdist", "--wheel", "--outdir", str(folder), str(target.out)]
    run_tool(command, what=f"{target.distribution}: python -m build", env=quiet_env(os.environ))
    return find_artefacts(folder, target)


def twine_check(artefacts: Artefacts, *, python: str) -> str:
    """`twine check --strict`: the metadata and README render as the index will show them, warnings fail."""
    command = [python, "-m", "twine", "--no-color", "check", "--strict", *map(str, artefacts.files)]
    output = run_tool(command, what="twine check --strict", env=quiet_env(os.environ))
    return "PASSED" if "PASSED" in output else output.strip()


# --- what a publishable package carries -----------------------------------------------------


def parse_metadata(text: str) -> Message:
    return email.parser.Parser().parsestr(text)


def metadata_problems(metadata: Message, target: Target, where: str) -> list[str]:
    """The core metadata must name the target and version, declare a license and carry the README."""
    problems = []
    name, version = metadata.get("Name", ""), metadata.get("Version", "")
    if canonicalize_name(name) != canonicalize_name(target.distribution):
        problems.append(f"{where}: Name is {name!r}, expected {target.distribution!r}")
    try:
        same_version = Version(version) == Version(target.version)
    except InvalidVersion:
        same_version = False
    if not same_version:
        problems.append(f"{where}: Version is {version!r}, expected {target.version!r}")
    if not any(metadata.get(key) for key in ("License-Expression", "License", "License-File")):
        problems.append(f"{where}: declares no license (License-Expression, License or License-File)")
    description = metadata.get_payload()
    if not (isinstance(description, str) and description.strip()) and not metadata.get("Description"):
        problems.append(f"{where}: no long description (the README is not in the metadata)")
    return problems


def license_summary(metadata: Message) -> str:
    return str(metadata.get("License-Expression") or metadata.get("License") or metadata.get("License-File") or "-")


def readme_name(package_dir: Path) -> str | None:
    """The README the package's pyproject names (`project.readme`), if any."""
    try:
        project = tomllib.loads((package_dir / "pyproject.toml").read_text(encoding="utf-8")).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return None
    readme = project.get("readme")
    if isinstance(readme, dict):
        readme = readme.get("file")
    return readme if isinstance(readme, str) else None


def sdist_problems(sdist: Path, target: Target) -> tuple[list[str], Message | None]:
    """What a source distribution must contain to rebuild and document the package: PKG-INFO,
    pyproject.toml, the README, `py.typed` (the package advertises types) and the license files
    of the package folder."""
    with tarfile.open(sdist, "r:gz") as archive:
        members = {PurePosixPath(m.name): m for m in archive.getmembers() if m.isfile()}
        roots = {path.parts[0] for path in members}
        if len(roots) != 1:
            return [f"{sdist.name}: expected one top-level folder, found {sorted(roots)}"], None
        (root,) = roots
        inside = {PurePosixPath(*path.parts[1:]).as_posix() for path in members}
        pkg_info = archive.extractfile(members[PurePosixPath(root, "PKG-INFO")]) if "PKG-INFO" in inside else None
        metadata = parse_metadata(pkg_info.read().decode("utf-8")) if pkg_info is not None else None
    wanted = ["PKG-INFO", "pyproject.toml", readme_name(target.out) or "README.md"]
    wanted += sorted(p.name for p in target.out.iterdir() if p.is_file() and LICENSE_FILE.fullmatch(p.name))
    problems = [f"{sdist.name}: {name} is missing" for name in wanted if name not in inside]
    if not any(name.endswith(f"{target.package}/py.typed") for name in inside):
        problems.append(f"{sdist.name}: {target.package}/py.typed is missing")
    if metadata is not None:
        problems += metadata_problems(metadata, target, f"{sdist.name} PKG-INFO")
    return problems, metadata


def wheel_problems(wheel: Path, target: Target) -> list[str]:
    """The wheel installs the import package, typed, under the configured name and version."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata_files = sorted(n for n in names if re.fullmatch(r"[^/]+\.dist-info/METADATA", n))
        if len(metadata_files) != 1:
            return [f"{wheel.name}: expected one .dist-info/METADATA, found {metadata_files}"]
        metadata = parse_metadata(archive.read(metadata_files[0]).decode("utf-8"))
    problems = [
        f"{wheel.name}: {name} is missing"
        for name in (f"{target.package}/__init__.py", f"{target.package}/py.typed")
        if name not in names
    ]
    return problems + metadata_problems(metadata, target, f"{wheel.name} METADATA")


def check_contents(artefacts: Artefacts, target: Target) -> str:
    """Refuse artefacts missing what a publishable package carries; a one-line summary when all is there."""
    problems, metadata = sdist_problems(artefacts.sdist, target)
    problems += wheel_problems(artefacts.wheel, target)
    if problems:
        listed = "\n".join(f"  - {problem}" for problem in problems)
        raise PackagingError(f"{target.distribution}: the artefacts are not publishable:\n{listed}")
    readme = readme_name(target.out) or "README.md"
    license_text = license_summary(metadata) if metadata is not None else "-"
    return (
        f"{readme}, pyproject.toml, PKG-INFO, py.typed; license {license_text}; "
        f"metadata {target.distribution} {target.version}"
    )


# --- install test ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Probe:
    """One real call an installed client makes against the mock: `client.<path>()`, answered by a `model`."""

    path: tuple[str, ...]
    model: str
    paginated: bool


def probe_for(api: Api) -> Probe | None:
    """The first GET operation callable without arguments: the stateful mock answers it from its seed data."""
    for resource in api.root.walk():
        for op in resource.operations:
            if op.method.lower() != "get" or any(p.required for p in op.params):
                continue
            if op.body is not None and op.body.required:
                continue
            if op.pagination is not None:
                answer: TypeRef | None = op.pagination.item_type
            else:
                answer = next((r.type for r in op.responses if r.status.startswith("2") and r.type is not None), None)
            if isinstance(answer, ModelRef):
                return Probe(path=(*resource.path, op.name), model=answer.name, paginated=op.pagination is not None)
    return None


# Runs inside the fresh venv (`python -I`: nothing from the environment or the working folder is
# importable), so the package can only come from the installed wheel.
PROBE_SCRIPT = r"""
import importlib, json, sys
job = json.loads(sys.argv[1])
package = importlib.import_module(job["package"])
if not package.__file__.startswith(sys.prefix):
    sys.exit(f"{job['package']} was imported from {package.__file__}, not from the venv {sys.prefix}")
if package.__version__ != job["version"]:
    sys.exit(f"{job['package']}.__version__ is {package.__version__!r}, expected {job['version']!r}")
found = {"version": package.__version__, "result": "no call"}
client_class = getattr(package, job["client"])
with client_class(base_url=job["base_url"], max_retries=0, **job["credentials"]) as client:
    if job["call"]:
        method = client
        for name in job["call"]:
            method = getattr(method, name)
        result = method()
        model = getattr(importlib.import_module(job["package"] + ".types"), job["model"])
        if job["paginated"]:
            if not isinstance(result, package.SyncPage):
                sys.exit(f"expected a SyncPage, got {type(result).__name__}")
            wrong = sorted({type(item).__name__ for item in result.items if not isinstance(item, model)})
            if wrong:
                sys.exit(f"expected page items of type {model.__name__}, got {wrong}")
            found["result"] = f"SyncPage[{model.__name__}] ({len(result.items)} items)"
        elif not isinstance(result, model):
            sys.exit(f"expected a {model.__name__}, got {type(result).__name__}")
        else:
            found["result"] = model.__name__
print(json.dumps(found))
"""


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def create_venv(venv: Path, *, python: str) -> Path:
    """A fresh venv without pip: packages go in with this interpreter's `pip --python`, which is faster
    and leaves the venv holding only the package and its dependencies."""
    run_tool([python, "-m", "venv", "--without-pip", str(venv)], what=f"python -m venv {venv}")
    return venv_python(venv)


def pip_install(venv: Path, requirements: Sequence[str], *, python: str) -> str:
    """`pip install` into `venv`; dependencies come from the index configured on this machine."""
    command = [python, "-m", "pip", "--python", str(venv_python(venv)), "install", "--no-input", *requirements]
    return run_tool(command, what=f"pip install {' '.join(requirements)}")


def stop_process(process: subprocess.Popen[str]) -> None:
    """Terminate, then kill if it does not stop within 10 s: nothing is left running."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for_mock(process: subprocess.Popen[str], log_file: Path, timeout: float) -> str:
    """The mock's URL, once it says it is ready (it picks its own free port, so there is no race for one)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log_file.read_text(encoding="utf-8", errors="replace")
        found = re.search(r" mode at (http://\S+)", text)
        if found and "operations ready" in text:
            return found.group(1)
        if process.poll() is not None:
            raise PackagingError(f"the mock server exited (code {process.returncode}):\n{text.rstrip()}")
        time.sleep(0.05)
    raise PackagingError(f"the mock server was not ready after {timeout:.0f}s:\n{log_file.read_text().rstrip()}")


@contextmanager
def running_mock(spec: Path, *, api_keys: Sequence[str], python: str, log_file: Path) -> Iterator[str]:
    """A stateful mock of `spec` on a free loopback port, as a subprocess; always stopped on exit."""
    command = [python, "-m", "contract_tests.mock", str(spec), "--mode", "stateful", "--host", "127.0.0.1"]
    command += ["--port", "0", *(arg for key in api_keys for arg in ("--api-key", key))]
    env = own_code_env(os.environ)
    with log_file.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        yield wait_for_mock(process, log_file, MOCK_START_TIMEOUT)
    finally:
        stop_process(process)


def install_test(target: Target, wheel: Path, *, python: str) -> str:
    """Install the wheel alone in a fresh venv and use it as a user would, against the mock of its spec.

    The fresh venv proves the wheel carries the whole package and declares its dependencies;
    the mock (accepting only the credentials given) proves the installed client authenticates,
    talks HTTP and parses answers into its typed models.
    """
    try:
        api = build_api(target.spec)
        credentials = {c.argument: f"install-test-{c.argument}" for c in target.credentials_for(api)}
    except (SpecError, ConfigError) as exc:
        raise PackagingError(f"{target.distribution}: {target.spec} cannot be served to the client:\n{exc}") from None
    probe = probe_for(api)
    job: dict[str, object] = {
        "package": target.package,
        "version": target.version,
        "client": target.client,
        "credentials": credentials,
        "call": list(probe.path) if probe else [],
        "model": probe.model if probe else "",
        "paginated": bool(probe and probe.paginated),
    }
    with tempfile.TemporaryDirectory(prefix=f"{target.package}-install-") as temporary:
        work = Path(temporary)
        create_venv(work / "venv", python=python)
        pip_install(work / "venv", [str(wheel)], python=python)
        keys = list(credentials.values())
        with running_mock(target.spec, api_keys=keys, python=python, log_file=work / "mock.log") as url:
            command = [str(venv_python(work / "venv")), "-I", "-c", PROBE_SCRIPT, json.dumps({**job, "base_url": url})]
            output = run_tool(command, what=f"{target.distribution}: install test", cwd=work)
    found = json.loads(output.strip().splitlines()[-1])
    if probe is None:
        return f"imported {target.package} {found['version']} (the spec has no GET operation without arguments)"
    call = f"{target.client}({', '.join(credentials)}).{'.'.join(probe.path)}()"
    return f"imported {target.package} {found['version']}; {call} -> {found['result']}"


# --- build ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BuildReport:
    target: Target
    artefacts: Artefacts
    contents: str
    twine: str
    install: str

    def summary(self) -> str:
        width = max(len(p.name) for p in self.artefacts.files)
        lines = [f"{self.target.distribution} {self.target.version}: ok"]
        lines += [f"  {p.name:<{width}}  {size_text(p)}" for p in self.artefacts.files]
        lines += [
            f"  contents: {self.contents}",
            f"  twine check --strict: {self.twine}",
            f"  install test (fresh venv, mock): {self.install}",
        ]
        return "\n".join(lines)


def build_package(target: Target, out_dir: Path, *, python: str, log: Log) -> BuildReport:
    """Build one package into `out_dir/<distribution>/` and check it every way a user would notice."""
    folder = out_dir / target.distribution
    log(f"{target.distribution} {target.version}: building {target.out} into {folder}")
    artefacts = build_distributions(target, folder, python=python)
    contents = check_contents(artefacts, target)
    twine = twine_check(artefacts, python=python)
    log(f"{target.distribution} {target.version}: install test")
    install = install_test(target, artefacts.wheel, python=python)
    return BuildReport(target, artefacts, contents, twine, install)


def run_build(config: Path, out_dir: Path, names: Sequence[str], *, python: str, log: Log, error: Log) -> int:
    """`build`: every selected package, each reported; exit status 1 when any failed."""
    try:
        targets = load_selected(config, names)
    except PackagingError as exc:
        error(f"error: {exc}")
        return 1
    failed = []
    for target in targets:
        try:
            report = build_package(target, out_dir.resolve(), python=python, log=log)
        except PackagingError as exc:
            error(f"error: {exc}")
            failed.append(target.distribution)
            continue
        log(report.summary())
    if failed:
        error(f"build failed for {', '.join(failed)}")
        return 1
    return 0


# --- the index ------------------------------------------------------------------------------


def simple_index_url(repository_url: str) -> str:
    """The simple API (PEP 503) of the index an upload URL belongs to.

    PyPI and TestPyPI take uploads at `/legacy/` (PyPI on its own upload host) and serve `/simple/`;
    devpi takes them at `/<user>/<index>/` and serves `/<user>/<index>/+simple/`; pypiserver takes
    them at its root and serves `<root>/simple/`. Other layouts: pass the index URL explicitly.
    """
    parts = urlsplit(repository_url)
    segments = [s for s in parts.path.split("/") if s]
    netloc = parts.netloc
    if segments and segments[-1] == "legacy":
        segments = [*segments[:-1], "simple"]
        if parts.hostname == "upload.pypi.org":
            netloc = netloc.replace("upload.pypi.org", "pypi.org")
    elif len(segments) == 2:
        segments = [*segments, "+simple"]
    else:
        segments = [*segments, "simple"]
    return urlunsplit((parts.scheme, netloc, "/" + "/".join(segments) + "/", "", ""))


def same_origin(first: str, second: str) -> bool:
    a, b = urlsplit(first), urlsplit(second)
    return (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port)


class _Anchors(HTMLParser):
    """File names of a PEP 503 page: each anchor's text, else the last part of its href."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href, self._text = dict(attrs).get("href") or "", []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            text = "".join(self._text).strip()
            self.names.append(text or unquote(urlsplit(self._href).path.rsplit("/", 1)[-1]))
            self._href = None


def simple_page_files(body: str, content_type: str) -> list[str]:
    """The file names listed by a project page of the simple API, in its JSON (PEP 691) or HTML form."""
    if "json" in content_type:
        return [str(f.get("filename", "")) for f in json.loads(body).get("files", []) if isinstance(f, dict)]
    parser = _Anchors()
    parser.feed(body)
    parser.close()
    return parser.names


def fetch_project_page(url: str, *, auth: tuple[str, str] | None) -> httpx.Response | None:
    """The project page at `url`, following redirects on the same index only; None when it is not there.

    A redirect to another host is a fallback to a different index (pypiserver sends unknown
    projects to PyPI): what that index holds says nothing about this one.
    """
    with httpx.Client(timeout=30, headers={"Accept": SIMPLE_ACCEPT}, auth=auth) as client:
        for _ in range(5):
            try:
                response = client.get(url)
            except httpx.HTTPError as exc:
                raise PackagingError(f"cannot reach the index at {url}: {exc}") from None
            if response.status_code == 404:
                return None
            if not response.is_redirect:
                break
            target = urljoin(url, response.headers.get("location", ""))
            if not same_origin(url, target):
                return None
            url = target
    if response.status_code != 200:
        raise PackagingError(f"cannot tell what the index holds: HTTP {response.status_code} from {url}")
    return response


def index_versions(index_url: str, distribution: str, *, auth: tuple[str, str] | None) -> set[Version]:
    """Versions of `distribution` with at least one file on the index (none when the project is not there)."""
    name = canonicalize_name(distribution)
    response = fetch_project_page(urljoin(index_url.rstrip("/") + "/", f"{name}/"), auth=auth)
    if response is None:
        return set()
    versions = set()
    for filename in simple_page_files(response.text, response.headers.get("content-type", "")):
        parsed = file_name_version(filename)
        if parsed is not None and canonicalize_name(parsed[0]) == name:
            versions.add(parsed[1])
    return versions


# --- publish --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Destination:
    """Where and as whom to upload; `index_url` is the simple API checked for existing versions."""

    repository_url: str
    index_url: str
    username: str
    password: str

    @property
    def auth(self) -> tuple[str, str] | None:
        """Credentials go to the index only when it is the host they were issued for."""
        return (self.username, self.password) if same_origin(self.repository_url, self.index_url) else None


def destination(repository_url: str | None, index_url: str | None, environ: Mapping[str, str]) -> Destination:
    """The upload URL (argument, else TWINE_REPOSITORY_URL) and credentials (TWINE_USERNAME, TWINE_PASSWORD)."""
    url = repository_url or environ.get("TWINE_REPOSITORY_URL")
    if not url:
        raise PackagingError("no repository URL: pass --repository-url URL or set TWINE_REPOSITORY_URL")
    password = environ.get("TWINE_PASSWORD")
    if not password:
        raise PackagingError(
            "no credentials: set TWINE_PASSWORD (for an API token, with TWINE_USERNAME=__token__) and TWINE_USERNAME"
        )
    return Destination(
        repository_url=url,
        index_url=index_url or simple_index_url(url),
        username=environ.get("TWINE_USERNAME") or "__token__",
        password=password,
    )


def check_no_drift(config: Path, *, python: str) -> None:
    """`python -m generator check`: `generated/` is what the specs make and each version passes the gate."""
    command = [python, "-m", "generator", "check", "--config", str(config.resolve())]
    try:
        run_tool(command, what="python -m generator check", env=own_code_env(os.environ))
    except PackagingError as exc:
        raise PackagingError(f"refusing to publish: the tree is not releasable as it is.\n{exc}") from None


def publish_problems(target: Target, dist_dir: Path, where: Destination) -> tuple[Artefacts | None, list[str]]:
    """Why `target` must not be uploaded: artefacts missing or stale, or its version already on the index."""
    problems = []
    artefacts = None
    try:
        release = load_release(target)
    except ReleaseError as exc:
        problems.append(str(exc))
    else:
        if release is None or release.version != target.version:
            recorded = f"the last recorded release is {release.version}" if release else "no release is recorded"
            problems.append(
                f"{target.distribution} {target.version} is not recorded as released ({recorded}): run "
                f"`python -m generator release {target.distribution}`, commit, build, then publish"
            )
    try:
        artefacts = find_artefacts(dist_dir / target.distribution, target)
    except PackagingError as exc:
        problems.append(str(exc))
    try:
        if Version(target.version) in index_versions(where.index_url, target.distribution, auth=where.auth):
            problems.append(
                f"{target.distribution} {target.version} is already on {where.index_url}; "
                "an index never replaces a version: bump the version in pyproject.toml and regenerate"
            )
    except PackagingError as exc:
        problems.append(f"{target.distribution}: {exc}")
    return artefacts, problems


def upload(artefacts: Artefacts, where: Destination, *, python: str) -> str:
    """`twine upload` of one package's files; the credentials travel in the environment, not the command line."""
    command = [python, "-m", "twine", "--no-color", "upload", "--non-interactive", "--disable-progress-bar"]
    command += ["--repository-url", where.repository_url, *map(str, artefacts.files)]
    env = quiet_env(os.environ, TWINE_USERNAME=where.username, TWINE_PASSWORD=where.password)
    return run_tool(command, what="twine upload", env=env)


def run_publish(
    config: Path,
    dist_dir: Path,
    names: Sequence[str],
    *,
    repository_url: str | None,
    index_url: str | None,
    environ: Mapping[str, str],
    python: str,
    log: Log,
    error: Log,
) -> int:
    """`publish`: every check for every selected package first, then the uploads, one package at a time."""
    try:
        targets = load_selected(config, names)
        where = destination(repository_url, index_url, environ)
        check_no_drift(config, python=python)
    except PackagingError as exc:
        error(f"error: {exc}")
        error("nothing uploaded")
        return 1
    log(f"python -m generator check: ok; looking for {len(targets)} package(s) in {dist_dir} and on {where.index_url}")
    ready: list[tuple[Target, Artefacts]] = []
    problems: list[str] = []
    for target in targets:
        artefacts, found = publish_problems(target, dist_dir, where)
        problems += found
        if artefacts is not None and not found:
            ready.append((target, artefacts))
    if problems:
        error("refusing to publish:\n" + "\n".join(f"  - {problem}" for problem in problems))
        error("nothing uploaded")
        return 1
    uploaded: list[str] = []
    for index, (target, artefacts) in enumerate(ready):
        log(f"{target.distribution} {target.version}: uploading {', '.join(p.name for p in artefacts.files)}")
        try:
            upload(artefacts, where, python=python)
        except PackagingError as exc:
            left = ", ".join(t.distribution for t, _ in ready[index:])
            error(f"error: {exc}")
            error(f"uploaded: {', '.join(uploaded) or 'nothing'}; not uploaded: {left}")
            return 1
        uploaded.append(f"{target.distribution} {target.version}")
    log(f"published to {where.repository_url}: {', '.join(uploaded)}")
    return 0


def echo(stream: TextIO) -> Log:
    """A logger printing to `stream` and flushing, so progress shows during long builds."""
    return lambda line: print(line, file=stream, flush=True)
