"""Compiled code the generator's command keeps between runs, in one per-user folder.

`$XDG_CACHE_HOME/sdk-generator/` (`~/.cache/sdk-generator/` by default, made private to the
user) holds one file per kind of code (`dataclass_code`, `regex_code`), named with the interpreter's cache tag
(`...cpython-311.bin`) and starting with its bytecode magic number: a file another interpreter
wrote is ignored, and so is one that is not the user's own or that others may write to. Every
entry is stored with what it was compiled from, which its reader compares before use, so
nothing can be stale. A file is replaced in one step (written aside, then renamed), so a reader
sees the old file or the new one; without a usable folder, nothing is kept and everything is
compiled as before.

What a process compiled is written when it exits (`save_all`, which `python -m generator` calls
itself as it skips the interpreter's teardown; `atexit` otherwise).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from collections.abc import Callable
from importlib.util import MAGIC_NUMBER
from typing import Any

_savers: list[Callable[[], None]] = []


def cache_file(kind: str) -> str | None:
    """Where the code of `kind` is kept; None without a home folder to speak of."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    return os.path.join(base, "sdk-generator", f"{kind}.{sys.implementation.cache_tag}.bin")


def read(path: str | None) -> dict[Any, Any]:
    """The file's entries; empty when it is missing, unreadable or another interpreter's."""
    if path is None:
        return {}
    try:
        with open(path, "rb") as file:
            if not _trusted(os.fstat(file.fileno())):
                return {}
            data = file.read()
    except OSError:
        return {}
    if data[: len(MAGIC_NUMBER)] != MAGIC_NUMBER:
        return {}
    try:
        entries = marshal.loads(data[len(MAGIC_NUMBER) :])
    except (EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def _trusted(found: os.stat_result) -> bool:
    """A file whose code may run: the user's own, and writable by nobody else (POSIX)."""
    if os.name != "posix":
        return True
    return found.st_uid == os.getuid() and not found.st_mode & 0o022


def write(path: str | None, entries: dict[Any, Any]) -> None:
    """Replace the file by `entries` (marshal-able values); never raises."""
    if path is None:
        return
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        with open(temporary, "wb") as file:
            file.write(MAGIC_NUMBER + marshal.dumps(entries))
        os.replace(temporary, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def merge(
    path: str | None,
    known: dict[Any, Any],
    new: dict[Any, Any],
    *,
    usable: Callable[[Any, Any], bool],
    max_entries: int,
) -> None:
    """Write `new` (what this process compiled) merged with the `usable` entries the file holds
    now, another process may have written since; past `max_entries` the file starts afresh
    from what this process `known` (entries of code changed since go). `new` is emptied."""
    if not new:
        return
    entries = {key: value for key, value in read(path).items() if usable(key, value)}
    if len(entries) + len(new) > max_entries:
        entries = dict(known)
    entries.update(new)
    new.clear()
    write(path, entries)


def on_exit(save: Callable[[], None]) -> None:
    """Run `save` when the process ends (see `save_all`)."""
    if not _savers:
        import atexit

        atexit.register(save_all)
    _savers.append(save)


def save_all() -> None:
    """Write what this process compiled; each saver writes only when it has something new."""
    for save in _savers:
        save()
