"""What a `generate` process imports, and what it keeps between runs (`generator.user_cache`).

Nothing here is timed. Each test runs the command as a user does, in a fresh interpreter with
`-X importtime` (which names every module imported) and its own cache folder
(`XDG_CACHE_HOME`), and checks which modules were imported and which files were written.
"""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from collections.abc import Callable
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from typing import Any

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


def kept_file(cache: Path, kind: str = "dataclass-code") -> Path:
    kept = cache / "sdk-generator" / f"{kind}.{sys.implementation.cache_tag}.bin"
    assert kept.is_file(), sorted(path.name for path in (cache / "sdk-generator").iterdir())
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


# --- the kept regular expressions (`generator.regex_code`) ---------------------------------------


def kept_patterns(cache: Path) -> dict[str, tuple[object, ...]]:
    entries = marshal.loads(kept_file(cache, "regex-code").read_bytes()[len(MAGIC_NUMBER) :])
    assert isinstance(entries, dict)
    return entries


def test_the_kept_patterns_are_what_re_compiles_and_a_second_generation_reuses_them(tmp_path: Path) -> None:
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _constants  # type: ignore[attr-defined]

    cache = tmp_path / "cache"
    generate(PETSTORE, tmp_path / "first", cache)
    entries = kept_patterns(cache)
    keys = set(entries)
    # Patterns compiled as modules are imported: ours, Jinja's lexer (made by a function of a
    # module whose patterns are constants), the standard library's.
    assert r"0:\b[A-Za-z_][A-Za-z0-9_]*" in keys  # generator.emit.layout
    assert any(key.endswith(r"\s+") for key in keys)  # jinja2.lexer's whitespace
    for key, entry in entries.items():
        flags, _, pattern = key.partition(":")
        assert entry[0] == _constants.MAGIC
        kept = _sre.compile(pattern, *entry[1:])
        fresh = _compiler.compile(pattern, int(flags))
        assert kept == fresh, key  # same pattern, flags and code
        assert kept.groupindex == fresh.groupindex and kept.groups == fresh.groups, key
    written = kept_file(cache, "regex-code").stat().st_mtime_ns
    generate(PETSTORE, tmp_path / "second", cache)
    assert kept_file(cache, "regex-code").stat().st_mtime_ns == written  # every pattern was found
    assert files(tmp_path / "second") == files(tmp_path / "first")


def test_patterns_of_a_spec_are_never_kept(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    marker = "kept-if-wrong-[0-9]{3}"
    spec.write_text(
        json.dumps(
            {
                "openapi": "3.1.0",
                "info": {"title": "Patterns", "version": "1"},
                "paths": {
                    "/things": {
                        "get": {
                            "operationId": "listThings",
                            "parameters": [
                                {"name": "code", "in": "query", "schema": {"type": "string", "pattern": marker}}
                            ],
                            "responses": {"200": {"description": "ok"}},
                        }
                    }
                },
            }
        ),
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    generate(spec, tmp_path / "out", cache)
    assert not [key for key in kept_patterns(cache) if marker in key]


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry: (entry[0], entry[1], [1, 2, 3], *entry[3:]),  # code `_sre` refuses
        lambda entry: (entry[0] - 1, *entry[1:]),  # another `re`'s code format
        lambda entry: entry[:3],  # not an entry
        lambda entry: "not a tuple",
    ],
    ids=["unsound-code", "other-format", "short", "not-a-tuple"],
)
def test_a_damaged_kept_pattern_is_compiled_again(tmp_path: Path, damage: Callable[[Any], Any]) -> None:
    cache = tmp_path / "cache"
    generate(PETSTORE, tmp_path / "first", cache)
    kept = kept_file(cache, "regex-code")
    entries = kept_patterns(cache)
    kept.write_bytes(MAGIC_NUMBER + marshal.dumps({key: damage(entry) for key, entry in entries.items()}))
    generate(PETSTORE, tmp_path / "again", cache)
    assert files(tmp_path / "again") == files(tmp_path / "first")
    assert kept_patterns(cache) == entries  # each damaged entry compiled again, and kept as it should be


def test_importing_the_generator_leaves_re_alone() -> None:
    script = (
        "import re\n"
        "compile_ = re._compiler.compile\n"
        "import generator, generator.regex_code, generator.emit.layout\n"
        "assert re._compiler.compile is compile_\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True)
