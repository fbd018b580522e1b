"""Child processes: timed runs with their peak memory, and servers started for a part.

Every tool runs in its own process so its imports, caches and memory are its own: a figure
then measures what a user would see running that command.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO


@dataclass(frozen=True)
class Run:
    """One finished child: its wall time, the peak RSS of the largest process in its tree, its output."""

    command: tuple[str, ...]
    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    def failure(self) -> str:
        """A one-line reason for a failed run, for the table and results.json."""
        if self.timed_out:
            return f"timed out after {self.seconds:.0f} s"
        lines = [line for line in (self.stderr or self.stdout).splitlines() if line.strip()]
        last = lines[-1].strip() if lines else "no output"
        return f"exit {self.returncode}: {last[:300]}"


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def run_measured(
    command: Sequence[str],
    *,
    timeout: float,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Run:
    """Run `command` to its end and measure it.

    `os.wait4` gives the rusage of exactly this child (its `ru_maxrss` covers the child and the
    descendants it waited for, such as a formatter it spawned), so figures of different tools
    never mix even though they run one after the other. A watchdog kills the whole process group
    at `timeout`.
    """
    with (
        open(os.devnull, "rb") as stdin,
        _capture() as out,
        _capture() as err,
    ):
        started = time.perf_counter()
        proc = subprocess.Popen(
            list(command),
            stdin=stdin,
            stdout=out,
            stderr=err,
            cwd=cwd,
            env=dict(env) if env is not None else None,
            start_new_session=True,
        )
        fired = threading.Event()

        def expire() -> None:
            fired.set()
            _kill_group(proc.pid)

        watchdog = threading.Timer(timeout, expire)
        watchdog.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            watchdog.cancel()
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        out.seek(0)
        err.seek(0)
        return Run(
            command=tuple(command),
            seconds=seconds,
            peak_rss_mb=usage.ru_maxrss / 1024,
            returncode=proc.returncode,
            stdout=out.read().decode(errors="replace"),
            stderr=err.read().decode(errors="replace"),
            timed_out=fired.is_set(),
        )


@contextlib.contextmanager
def _capture() -> Iterator[IO[bytes]]:
    """A temporary file for a child's output: a pipe could fill up and stall a chatty tool."""
    with tempfile.TemporaryFile() as handle:
        yield handle


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen[bytes], timeout: float, label: str) -> None:
    """Block until something accepts connections on 127.0.0.1:`port`; fail if the server exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{label} exited with {proc.returncode} before listening")
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.settimeout(0.2)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listened on port {port} within {timeout:.0f} s")


@contextlib.contextmanager
def background(
    command: Sequence[str],
    *,
    port: int,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    startup_timeout: float = 60.0,
    log: Path | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """A server process for the duration of a block; stopped (its whole group) afterwards."""
    sink = open(log, "wb") if log is not None else open(os.devnull, "wb")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(
        list(command),
        stdin=subprocess.DEVNULL,
        stdout=sink,
        stderr=subprocess.STDOUT,
        cwd=cwd,
        env=dict(env) if env is not None else None,
        start_new_session=True,
    )
    try:
        wait_for_port(port, proc, startup_timeout, " ".join(command))
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            _kill_group(proc.pid)
            proc.wait()
        sink.close()
