"""The compiled methods of the generator's dataclasses, kept from one run to the next.

`@dataclass` writes the source of each method it adds (`__init__`, `__repr__`, `__eq__`,
`__hash__`, and a frozen class's `__setattr__` and `__delattr__`) and compiles it with `exec`
whenever the class is created, that is at every import: for the ~55 classes a generation
imports, compiling is ~15 ms of a ~110 ms run, the largest share of its start-up.

`install()` gives `dataclasses` an `exec` that compiles each source of a `generator.*` class once
and then reuses the code object, kept in a per-user cache file. The key is the exact source text,
compiled as `dataclasses` compiles it (no inherited `__future__` flags, file `<string>`): a
class is created by the same `dataclasses` code from the same code objects, so nothing can be
stale; a changed class has a new source, compiled and added. The file carries the interpreter's
bytecode magic number and is ignored by any other interpreter. Without a usable cache folder,
everything is compiled as before.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import marshal
import os
import sys
from collections.abc import Mapping
from importlib.util import MAGIC_NUMBER
from types import CodeType
from typing import Any

_OWN_MODULES = "generator."
# Entries beyond this (sources of classes changed since) start the file afresh.
_MAX_ENTRIES = 4000

_codes: dict[str, CodeType] = {}
_new: dict[str, CodeType] = {}
_path: str | None = None


def cache_file() -> str | None:
    """`$XDG_CACHE_HOME/sdk-generator/dataclass-code.<tag>.bin` (`~/.cache/...` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):  # no home folder to speak of
        return None
    return os.path.join(base, "sdk-generator", f"dataclass-code.{sys.implementation.cache_tag}.bin")


def _read(path: str) -> dict[str, CodeType]:
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError:
        return {}
    if data[: len(MAGIC_NUMBER)] != MAGIC_NUMBER:
        return {}
    try:
        codes = marshal.loads(data[len(MAGIC_NUMBER) :])
    except (EOFError, ValueError, TypeError):
        return {}
    return codes if isinstance(codes, dict) else {}


def _exec(source: Any, globals: Mapping[str, Any] | None = None, locals: Mapping[str, object] | None = None, /) -> None:
    """`exec` as `dataclasses` calls it, with the code of a `generator.*` class's method cached."""
    if type(source) is str and globals is not None and str(globals.get("__name__", "")).startswith(_OWN_MODULES):
        code = _codes.get(source)
        if code is None:
            # What `exec(source)` compiles when called from `dataclasses`, which has no `__future__` imports.
            code = compile(source, "<string>", "exec", dont_inherit=True)
            _codes[source] = _new[source] = code
        source = code
    builtins.exec(source, globals, locals)  # type: ignore[arg-type]


def install() -> None:
    """Load the cache and give it to `dataclasses`; saved at exit when anything was compiled."""
    global _path
    if _path is not None or getattr(dataclasses, "exec", builtins.exec) is not builtins.exec:
        return
    _path = cache_file()
    if _path is None:
        return
    _codes.update(_read(_path))
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    import atexit

    atexit.register(save)


def save() -> None:
    """Write what this process compiled, merged with what the file holds now (another process may
    have written since); never raises. A write goes to a temporary file renamed into place, so a
    reader sees the old file or the new one."""
    if _path is None or not _new:
        return
    codes = _read(_path)
    if len(codes) + len(_new) > _MAX_ENTRIES:
        codes = dict(_codes)
    codes.update(_new)
    _new.clear()
    temporary = f"{_path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(_path), mode=0o700, exist_ok=True)
        with open(temporary, "wb") as file:
            file.write(MAGIC_NUMBER + marshal.dumps(codes))
        os.replace(temporary, _path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
