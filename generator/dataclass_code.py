"""The compiled methods of the generator's dataclasses, kept from one run to the next.

`@dataclass` writes the source of each method it adds (`__init__`, `__repr__`, `__eq__`,
`__hash__`, and a frozen class's `__setattr__` and `__delattr__`) and compiles it with `exec`
whenever the class is created, that is at every import: for the ~55 classes a generation
imports, compiling is ~15 ms of a ~110 ms run, the largest share of its start-up.

`install()` gives `dataclasses` an `exec` that compiles each source of a `generator.*` class once
and then reuses the code object, kept in the per-user cache (`generator.user_cache`). The key is
the exact source text, compiled as `dataclasses` compiles it (no inherited `__future__` flags,
file `<string>`): a class is created by the same `dataclasses` code from the same code objects,
so nothing can be stale; a changed class has a new source, compiled and added.

Only `python -m generator` installs it, in its own process: a program that imports the generator
(the mock, the tests, a user's script) keeps `dataclasses` as it is. Should a Python version
create dataclasses without calling `exec` by that name, nothing is cached and nothing breaks.
"""

from __future__ import annotations

import builtins
import dataclasses
import marshal
from collections.abc import Mapping
from types import CodeType
from typing import Any

from generator import user_cache

_OWN_MODULES = "generator."
# Entries beyond this (sources of classes changed since) start the file afresh.
_MAX_ENTRIES = 4000

# Source -> its code, marshalled: each is unmarshalled when its class is created, so that a command
# pays only for the classes it imports (a generation, ~300 of the ~360 a test run keeps).
_codes: dict[str, bytes] = {}
_new: dict[str, bytes] = {}
_path: str | None = None
_installed = False


def _code(source: str) -> CodeType:
    kept = _codes.get(source)
    if type(kept) is bytes:
        try:
            code = marshal.loads(kept)
        except (EOFError, ValueError, TypeError):
            code = None
        if type(code) is CodeType:
            return code
    # Not kept (or not as it should be: a damaged file). What `exec(source)` compiles when called
    # from `dataclasses`, which has no `__future__` imports:
    code = compile(source, "<string>", "exec", dont_inherit=True)
    _codes[source] = _new[source] = marshal.dumps(code)
    return code


def _exec(source: Any, globals: Mapping[str, Any] | None = None, locals: Mapping[str, object] | None = None, /) -> None:
    """`exec` as `dataclasses` calls it, with the code of a `generator.*` class's method cached."""
    if type(source) is str and globals is not None and str(globals.get("__name__", "")).startswith(_OWN_MODULES):
        source = _code(source)
    builtins.exec(source, globals, locals)  # type: ignore[arg-type]


def install() -> None:
    """Load the cache and give it to `dataclasses`; what was compiled is saved at exit."""
    global _path, _installed
    if _installed or getattr(dataclasses, "exec", builtins.exec) is not builtins.exec:
        return
    _installed = True
    _path = user_cache.cache_file("dataclass-code")
    _codes.update(user_cache.read(_path))
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    user_cache.on_exit(save)


def save() -> None:
    """Write what this process compiled (see `user_cache.merge`)."""
    user_cache.merge(_path, _codes, _new, usable=lambda source, code: type(code) is bytes, max_entries=_MAX_ENTRIES)
