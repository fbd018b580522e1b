"""Writing a generated package: formatted, byte-identical for the same input, all or nothing.

`write_package` (or `staged_package`, for a caller that builds the files itself) builds the
package in a sibling folder, flushes it to disk, then swaps it into place in one step, so that whenever the process dies (an exception, SIGKILL, a power cut) the
output folder holds either the complete previous package or the complete new one:

- `.<name>.new-<pid>-<token>`: the package being written (after an exchange, the previous package
  on its way out). Left behind only by a process that was killed.
- `.<name>.old-<pid>-<token>`: the previous package, only where the system cannot exchange two
  folders atomically (not Linux, or a filesystem without `RENAME_EXCHANGE`): there the swap is two
  renames, and a process killed between them leaves no output folder, only this one.

Each run first clears what killed runs left next to its output (restoring the `.old-` folder when
the output folder is missing); a folder whose process is still running is left alone.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import stat
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ctypes
    import subprocess


class WriteError(RuntimeError):
    """The package could not be written; the previous package, if any, is untouched."""


# --- the C library (Linux): an atomic exchange of two paths, and children that die with us ------

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # <linux/fs.h>
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
# What renameat2 answers where the kernel, the filesystem or a seccomp filter does not offer it.
_NO_EXCHANGE = frozenset({errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EPERM})


@functools.cache
def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    import ctypes

    libc = _libc()
    function = getattr(libc, "renameat2", None)  # glibc 2.28 and later
    if function is None:
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function  # type: ignore[no-any-return]


def _exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths in one atomic step; False where this system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    import ctypes

    code = ctypes.get_errno()
    if code in _NO_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def _die_with_parent(parent: int) -> Callable[[], None] | None:
    """For a child process (Linux): be killed when `parent` dies, so that a ruff left running by a
    killed generation does not go on writing into a folder the next run is removing."""
    import signal

    libc = _libc()
    if libc is None:
        return None
    prctl = libc.prctl

    def set_death_signal() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the signal was asked for
            os._exit(1)

    return set_death_signal


# --- formatting ---------------------------------------------------------------------------------


@functools.cache
def _ruff_command() -> list[str]:
    """The ruff binary itself where it can be found (`python -m ruff` costs an interpreter start)."""
    try:
        from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]

        return [os.fsdecode(find_ruff_bin())]
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "ruff"]


def _ruff(*args: str, cwd: Path, die_with_parent: bool) -> subprocess.CompletedProcess[str]:
    import subprocess  # only when ruff runs: most generations never start it

    command = [*_ruff_command(), *args]
    return subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        # Runs between fork and exec (one C call, no lock taken), at the price of a fork instead of
        # a vfork: ~5 ms a call in a generation's process.
        preexec_fn=_die_with_parent(os.getpid()) if die_with_parent else None,
    )


def format_tree(
    root: Path,
    files: Mapping[str, str] | None = None,
    *,
    by_construction: bool = False,
    die_with_parent: bool = False,
) -> list[str] | None:
    """Sort imports, drop unused ones and format the Python (and Markdown) files under `root`
    with ruff.

    `by_construction`: the files are the generator's, which writes code in ruff's format already
    (`generator.emit.layout`): only a file that `formatted_by_construction` cannot vouch for (a
    line too long that only ruff knows how to split) goes to ruff, and when none does, ruff does
    not run. `files` are the files' texts (read from `root` when not given). Returns the files
    ruff formatted (relative paths), None where that was every file.

    `die_with_parent`: ruff is killed if this process is (Linux), so that it cannot go on writing
    into `root` once the process is gone (see `write_package`).
    """
    targets = ["."]
    if by_construction:
        from generator.emit.layout import formatted_by_construction

        if files is None:
            files = {
                path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
                for path in sorted(root.rglob("*"))
                if path.suffix in (".py", ".md") and path.is_file()
            }
        targets = sorted(relative for relative, text in files.items() if not formatted_by_construction(relative, text))
        if not targets:
            return []
    # `--isolated`: no configuration file is read (a `pyproject.toml` above the output folder, the
    # user's own ruff.toml), so that the same package is formatted the same wherever it is written.
    config = ["--isolated", "--config", "line-length = 120", "--config", "target-version = 'py311'", "--no-cache"]
    fix = ["check", "--fix", "--select", "I,F401,RUF022", *config, "--exit-zero", "--", *targets]
    fixed = _ruff(*fix, cwd=root, die_with_parent=die_with_parent)
    formatted = _ruff("format", *config, "--", *targets, cwd=root, die_with_parent=die_with_parent)
    for result in (fixed, formatted):
        if result.returncode != 0:
            raise WriteError(f"ruff failed on the generated code:\n{result.stdout}{result.stderr}")
    return None if targets == ["."] else targets


def render_to_directory(files: Mapping[str, str], directory: Path) -> None:
    made: set[Path] = set()  # each folder is made once, not asked for again at every file in it
    for relative, content in sorted(files.items()):
        path = directory / relative
        folder = path.parent
        if folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(folder)
        path.write_text(content, encoding="utf-8", newline="\n")


# --- durability ---------------------------------------------------------------------------------


def _fsync_path(path: str) -> None:
    # Windows flushes only a handle open for writing.
    descriptor = os.open(path, os.O_RDONLY if os.name == "posix" else os.O_RDWR)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_dir(path: Path) -> None:
    """Flush a folder's entries (a rename in it, say); only POSIX lets a folder be opened for it."""
    if os.name == "posix":
        _fsync_path(str(path))


def _fsync_tree(root: Path) -> None:
    """Flush every file and folder under `root` to disk, so that once the tree is renamed into
    place a power cut cannot leave it half written.

    The flushes run in parallel: the filesystem commits concurrent ones together (26 files one by
    one take ~90 ms on ext4, in parallel ~15 ms). A thread for every four paths, up to 32: for
    the 32 paths of a small package, 8 threads take 5 ms (wall) and 3 ms (CPU) where 32 took 13 and
    5.5; at 400 paths, 32 threads were the fastest (34 ms against 41 for 8).
    """
    paths: list[str] = []
    for folder, _, names in os.walk(root):
        paths.extend(os.path.join(folder, name) for name in names)
        if os.name == "posix":
            paths.append(folder)
    _in_threads(_fsync_path, paths, workers=min(32, max(4, len(paths) // 4)))


def _in_threads(function: Callable[[str], None], items: list[str], *, workers: int) -> None:
    """`function` on every item, spread over up to `workers` threads; raises the first error.

    (concurrent.futures would do, but importing it costs a generation ~3 ms.)"""
    count = max(1, min(workers, len(items)))
    errors: list[BaseException] = []

    def run(share: list[str]) -> None:
        try:
            for item in share:
                function(item)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(items[index::count],)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


# --- what killed runs leave behind --------------------------------------------------------------


def _leftover_pattern(out: Path) -> re.Pattern[str]:
    """`.<name>.new-<pid>-<token>`, `.<name>.old-<pid>-<token>`, and `.<name>.old-<pid>` (what the
    two-rename scheme of earlier versions left behind)."""
    name = re.escape(out.name)
    return re.compile(rf"\.{name}\.(?P<kind>new|old)-(?P<pid>[1-9][0-9]{{0,9}})(?P<token>-[0-9a-f]{{8}})?")


def _sibling_name(out: Path, kind: str) -> Path:
    return out.parent / f".{out.name}.{kind}-{os.getpid()}-{os.urandom(4).hex()}"


def _process_is_alive(pid: int) -> bool:
    """Whether `pid` runs; True whenever unsure, so that nothing of a live run is ever removed."""
    if os.name != "posix":  # os.kill on Windows terminates the process: never ask it there
        return True
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # PermissionError: it runs, as another user
        return True
    return True


def _remove(path: Path) -> None:
    """Remove a folder we made (never following a symlink), or a file; whatever is left, the next
    run removes."""
    try:
        if stat.S_ISDIR(path.lstat().st_mode):
            import shutil

            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink()
    except OSError:
        pass


_SCRATCH = re.compile(r"sdk-regenerate-(?P<pid>[1-9][0-9]{0,9})-[0-9a-z_]+")


@contextlib.contextmanager
def scratch_directory() -> Iterator[Path]:
    """A temporary folder for formatting a package before it is compared or written.

    Its name carries the pid, so that each run first removes the folders of runs that were
    killed before they could (never one whose process still runs).
    """
    import tempfile

    root = Path(tempfile.gettempdir())
    try:
        entries = list(os.scandir(root))
    except OSError:
        entries = []
    for entry in entries:
        match = _SCRATCH.fullmatch(entry.name)
        if match and entry.is_dir(follow_symlinks=False) and not _process_is_alive(int(match["pid"])):
            _remove(Path(entry.path))
    with tempfile.TemporaryDirectory(prefix=f"sdk-regenerate-{os.getpid()}-") as temp:
        yield Path(temp)


def recover(out: Path) -> list[Path]:
    """Clear what killed runs of `write_package` left next to `out`; returns what it removed.

    When `out` is missing because a run was killed between the two renames of the fallback swap,
    the previous package (`.<name>.old-*`) is renamed back into place first. Only folders named
    exactly as `write_package` names them, and whose process has ended, are touched.
    """
    out = out.resolve()
    pattern = _leftover_pattern(out)
    leftovers: list[tuple[str, Path]] = []
    try:
        entries = list(os.scandir(out.parent))
    except OSError:
        return []
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or not (match["token"] or match["kind"] == "old"):
            continue
        if not entry.is_dir(follow_symlinks=False):
            continue
        if not _process_is_alive(int(match["pid"])):
            leftovers.append((match["kind"], Path(entry.path)))
    if not os.path.lexists(out):
        retired = sorted((p for kind, p in leftovers if kind == "old"), key=lambda p: p.lstat().st_ctime_ns)
        if retired:
            try:
                os.rename(retired[-1], out)
                _fsync_dir(out.parent)
            except OSError:
                # Out of reach for now: keep every copy of the package.
                leftovers = [(kind, p) for kind, p in leftovers if kind != "old"]
            else:
                leftovers.remove(("old", retired[-1]))
    for _, path in leftovers:
        _remove(path)
    return [path for _, path in leftovers]


# --- writing ------------------------------------------------------------------------------------


def _retire(out: Path) -> Path:
    """The fallback swap's first step: the previous package moves aside, to `.<name>.old-*`."""
    retired = _sibling_name(out, "old")
    os.rename(out, retired)
    return retired


def _swap_into_place(staging: Path, out: Path) -> Path | None:
    """Put `staging` at `out`; returns where the previous package now is (to remove), if any."""
    if not os.path.lexists(out):
        os.rename(staging, out)
        return None
    if _exchange(staging, out):
        return staging  # now holds the previous package
    # No atomic exchange here: two renames, with a moment between them without `out`, which
    # `recover` repairs if the process dies in it.
    retired = _retire(out)
    try:
        os.rename(staging, out)
    except OSError:
        os.rename(retired, out)
        raise
    return retired


def _make_staging(out: Path) -> Path:
    while True:
        staging = _sibling_name(out, "new")
        try:
            staging.mkdir()
        except FileExistsError:
            continue
        return staging


@contextlib.contextmanager
def staged_package(out: Path) -> Iterator[Path]:
    """A new, empty sibling folder of `out` to build a package in. When the block ends without an
    error, the folder is flushed to disk and swapped into place at `out`, atomically, even against
    SIGKILL or a power cut; on any error it is removed and `out` is left as it was.

    Leftovers of earlier runs that were killed are cleared first (see `recover`). A subprocess
    that writes into the folder should die with this process (`format_tree(die_with_parent=True)`).
    """
    from generator.gc_pause import collector_paused

    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    staging = _make_staging(out)
    try:
        # Building a package allocates millions of objects: see `collector_paused`. One pause for
        # the whole build, so that the collector does not walk what each stage leaves in between.
        with collector_paused():
            yield staging
        _fsync_tree(staging)
    except BaseException:
        _remove(staging)
        raise
    try:
        previous = _swap_into_place(staging, out)
    except OSError as exc:
        if not os.path.lexists(out):  # the previous package could not be put back: recover() will
            raise WriteError(f"cannot replace {out}: {exc}; the previous package is in {out.parent}") from exc
        _remove(staging)
        raise WriteError(f"cannot replace {out}: {exc}") from exc
    _fsync_dir(out.parent)
    if previous is not None:
        _remove(previous)


def write_package(files: Mapping[str, str], out: Path, *, format_code: bool = True) -> list[Path]:
    """Replace the folder `out` by exactly `files`, atomically, even against SIGKILL or a power cut.

    The package is written, formatted with ruff and flushed to disk in a sibling folder; only when
    that has fully succeeded is it swapped into place (see `staged_package`). On any failure `out`
    is left as it was.
    """
    with staged_package(out) as staging:
        render_to_directory(files, staging)
        if format_code:
            format_tree(staging, die_with_parent=True)  # no ruff left writing into a killed run's folder
    return sorted(out.resolve() / relative for relative in files)
