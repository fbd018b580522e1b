"""The compiled regular expressions of the generator's start-up, kept from one run to the next.

A module's regular expressions are compiled when it is imported, by `re`'s parser and code
generator, both written in Python: for the ~60 patterns a generation's modules compile (ours,
Jinja's lexer, the standard library's), that is ~6 ms of a ~80 ms small generation, paid again at
every run. Only the last step, `_sre.compile`, turns the compiled code into a pattern, in C.

`install()` gives `re` a compiler that keeps that code (the list of integers `_sre.compile`
takes, with the pattern's flags and groups) in the per-user cache (`generator.user_cache`), and
builds the pattern from it the next time. What is kept is what a constant pattern compiles to:
the patterns compiled by a module's own code as it is imported, and Jinja's (its lexer's rules,
made from the environment's fixed delimiters). A pattern compiled from what a spec holds (a
schema's `pattern`, an output folder's name) is compiled as before and never kept, so no spec
can fill the cache.

Nothing can be stale or foreign: the key is the exact pattern and flags; each entry carries the
`re` code format (`re._constants.MAGIC`) it was made with, and the file the interpreter's
bytecode magic number (`generator.user_cache`); `_sre.compile` checks the code it is given and
refuses code that is not sound (an entry it refuses is compiled again). Should a Python version
compile differently (no `re._compiler`, another signature), nothing is kept and nothing breaks.

Only `python -m generator` installs it, in its own process, as it does `generator.dataclass_code`.
"""

from __future__ import annotations

import sys
from typing import Any

from generator import user_cache

try:
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _constants, _parser  # type: ignore[attr-defined]
except ImportError:  # another implementation of `re`: nothing is kept
    _AVAILABLE = False
else:
    _AVAILABLE = True

# Entries beyond this start the file afresh (patterns of modules changed since).
_MAX_ENTRIES = 2000
# Modules whose patterns are kept wherever they are compiled: their patterns are constants.
_CONSTANT_MODULES = ("jinja2.",)

# "flags:pattern" -> (code format, flags, code, groups, groupindex, indexgroup).
_codes: dict[str, tuple[Any, ...]] = {}
_new: dict[str, tuple[Any, ...]] = {}
_path: str | None = None
_installed = False


def _kept_pattern(pattern: str, flags: int) -> Any:
    """The pattern, from its kept code or compiled (and its code kept)."""
    key = f"{flags}:{pattern}"
    kept = _codes.get(key)
    if type(kept) is tuple and len(kept) == 6 and kept[0] == _constants.MAGIC:
        try:
            return _sre.compile(pattern, *kept[1:])
        except (TypeError, ValueError, RuntimeError, OverflowError):
            pass  # damaged or from another `re`: compiled again below
    # What `re._compiler.compile` does, keeping the code on the way.
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    entry = (
        _constants.MAGIC,
        flags | parsed.state.flags,
        [int(op) for op in code],
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
    compiled = _sre.compile(pattern, *entry[1:])
    _codes[key] = _new[key] = entry
    return compiled


def _constant_site(depth: int) -> bool:
    """Whether the code that asked `re` for the pattern `depth` frames up is a module being
    imported, or a module whose patterns are all constants."""
    try:
        frame = sys._getframe(depth)
    except ValueError:
        return False
    if frame.f_code.co_name == "<module>":
        return True
    return str(frame.f_globals.get("__name__", "")).startswith(_CONSTANT_MODULES)


def install() -> None:
    """Load the cache and give `re` the compiler that reads it; what was compiled is saved at exit."""
    global _path, _installed
    if _installed or not _AVAILABLE:
        return
    try:
        original = _compiler.compile
        debug = _constants.SRE_FLAG_DEBUG
        _sre.compile, _parser.parse, _compiler._code  # noqa: B018  # what `_kept_pattern` calls
    except AttributeError:
        return
    _installed = True
    _path = user_cache.cache_file("regex-code")
    _codes.update(user_cache.read(_path))

    def compile_(pattern: Any, flags: int = 0) -> Any:
        # Frames up from `_constant_site`: 1 this function, 2 `re._compile`, 3 `re.compile` (or
        # `re.match`...), 4 the code that asked.
        if type(pattern) is str and type(flags) is int and not flags & debug and _constant_site(4):
            try:
                return _kept_pattern(pattern, flags)
            except Exception:  # whatever `re` does, it does as before
                pass
        return original(pattern, flags)

    _compiler.compile = compile_
    user_cache.on_exit(save)


def save() -> None:
    """Write what this process compiled (see `user_cache.merge`)."""
    user_cache.merge(
        _path,
        _codes,
        _new,
        usable=lambda key, entry: type(key) is str and type(entry) is tuple,
        max_entries=_MAX_ENTRIES,
    )
