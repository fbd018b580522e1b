"""What a `generate` process imports, and what it keeps between runs (`generator.user_cache`).

Nothing here is timed. Each test runs the command as a user does, in a fresh interpreter with
`-X importtime` (which names every module imported) and its own cache folder
(`XDG_CACHE_HOME`), and checks which modules were imported and which files were written.
"""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from importlib.util import MAGIC_NUMBER
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINQ = ROOT / "spec" / "linq.yaml"
PETSTORE = ROOT / "tests" / "fixtures" / "specs" / "petstore.json"

# The release machinery, and the formatter's process (ruff runs only for a file that needs it).
NEVER_FOR_GENERATE = {
    "generator.release.changes",
    "generator.release.packaging",
    "generator.release.drift_patch",
    "packaging",
    "subprocess",
}


def generate(spec: Path, out: Path, cache: Path) -> set[str]:
    """`python -m generator generate SPEC --out OUT` with `cache` as the cache folder; the modules it imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "generator", "generate", str(spec), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    names = set()
    for line in done.stderr.splitlines():
        found = re.match(r"import time:\s+\d+ \|\s+\d+ \|\s*(\S+)$", line)
        if found:
            names.add(found.group(1))
            names.add(found.group(1).split(".")[0])
    assert "generator.cli" in names, "no -X importtime report: the test cannot see imports"
    return names


def files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def kept_file(cache: Path) -> Path:
    [kept] = (cache / "sdk-generator").iterdir()
    assert kept.name == f"dataclass-code.{sys.implementation.cache_tag}.bin"
    return kept


def test_a_second_generation_reuses_the_kept_dataclass_code_and_writes_the_same_files(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    generate(LINQ, tmp_path / "first", cache)
    kept = kept_file(cache)
    entries = marshal.loads(kept.read_bytes()[len(MAGIC_NUMBER) :])
    assert any("def __init__" in source for source in entries)  # the methods' sources are the keys
    written = kept.stat().st_mtime_ns
    generate(LINQ, tmp_path / "second", cache)
    assert kept.stat().st_mtime_ns == written  # nothing new to keep: every method was found
    assert files(tmp_path / "second") == files(tmp_path / "first")


def test_generate_imports_no_release_machinery(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    names = generate(PETSTORE, tmp_path / "first", cache)
    assert "generator.release.records" in names  # the changelog and the release baseline
    assert not names & NEVER_FOR_GENERATE


def test_importing_the_generator_leaves_dataclasses_alone() -> None:
    script = (
        "import builtins, dataclasses\n"
        "import generator, generator.ir.model\n"
        "from generator.ir.build import build_api\n"
        "assert getattr(dataclasses, 'exec', builtins.exec) is builtins.exec\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True)


@pytest.mark.parametrize(
    "damage",
    [
        b"not a cache",
        MAGIC_NUMBER + b"\x00truncated",
        b"\x00\x00\r\n" + b"another interpreter's",
        MAGIC_NUMBER + marshal.dumps({"def __init__(self): pass": 1, "x": b"not code"}),
    ],
    ids=["garbage", "truncated", "other-interpreter", "wrong-entries"],
)
def test_a_damaged_or_foreign_cache_is_ignored(tmp_path: Path, damage: bytes) -> None:
    cache = tmp_path / "cache"
    generate(PETSTORE, tmp_path / "first", cache)
    kept_file(cache).write_bytes(damage)
    generate(PETSTORE, tmp_path / "again", cache)
    assert files(tmp_path / "again") == files(tmp_path / "first")


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_a_cache_others_may_write_is_not_used(tmp_path: Path) -> None:
    """Code is run from the cache only when nobody but the user could have written it."""
    cache = tmp_path / "cache"
    generate(PETSTORE, tmp_path / "first", cache)
    kept = kept_file(cache)
    source = next(iter(marshal.loads(kept.read_bytes()[len(MAGIC_NUMBER) :])))
    # The first method's code replaced by code that would fail the generation if it ran.
    hostile = compile("raise SystemExit('kept code ran')", "<string>", "exec")
    kept.write_bytes(MAGIC_NUMBER + marshal.dumps({source: marshal.dumps(hostile)}))
    with pytest.raises(AssertionError, match="kept code ran"):
        generate(PETSTORE, tmp_path / "trusted", cache)  # the user's own file: used (as designed)
    kept.chmod(0o666)
    generate(PETSTORE, tmp_path / "again", cache)
    assert files(tmp_path / "again") == files(tmp_path / "first")
