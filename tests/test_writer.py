"""Generated packages are written formatted, deterministically, and all or nothing.

All or nothing holds against SIGKILL too: real child processes are killed while they write, at
moments spread over a whole write and right after each of its stages, and the output folder must
then hold exactly the previous package or exactly the new one.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.emit import writer
from generator.emit.writer import WriteError, recover, write_package

ROOT = Path(__file__).resolve().parent.parent


def test_writes_formatted_files_and_replaces_the_whole_folder(tmp_path):
    out = tmp_path / "pkg"
    (out / "stale").mkdir(parents=True)
    (out / "stale" / "old.py").write_text("x = 1\n")
    written = write_package({"src/a.py": "import os\nx = {'a':1}\n", "README.md": "hi\n"}, out)
    assert sorted(p.relative_to(out).as_posix() for p in written) == ["README.md", "src/a.py"]
    assert (out / "src" / "a.py").read_text() == 'x = {"a": 1}\n'  # unused import dropped, formatted
    assert not (out / "stale").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["pkg"]


def test_same_input_gives_byte_identical_output(tmp_path):
    files = {"m.py": "from typing import Any\nimport sys\n\nvalue: Any = sys.argv\n", "n/o.py": "y=2\n"}
    write_package(files, tmp_path / "one")
    write_package(files, tmp_path / "two")
    for name in ("m.py", "n/o.py"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_a_failure_leaves_the_previous_package_untouched(tmp_path):
    out = tmp_path / "pkg"
    write_package({"good.py": "x = 1\n"}, out)
    with pytest.raises(WriteError, match="ruff"):
        write_package({"good.py": "x = 2\n", "broken.py": "def (:\n"}, out)
    assert (out / "good.py").read_text() == "x = 1\n"
    assert not (out / "broken.py").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["pkg"]  # no staging folder left behind


# --- SIGKILL ------------------------------------------------------------------------------------


def _package(version: str) -> dict[str, str]:
    """A package of ~40 files in nested folders; the two versions differ in files and contents."""
    files = {}
    for index in range(36):
        module = f"src/pkg/sub{index % 4}/m{index}.py"
        files[module] = f"import os\nimport sys\nVALUE_{index}={{'version':'{version}','n':{index}}}\nx=sys.argv\n"
    files["README.md"] = f"version {version}\n" * 200
    files[f"only_in_{version}.txt"] = version
    if version == "b":
        del files["src/pkg/sub1/m5.py"]
    return files


def _snapshot(root: Path) -> dict[str, bytes | None] | None:
    """Every folder and file under `root` with the file's bytes; None when `root` is missing."""
    if not root.exists():
        return None
    return {p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else None for p in sorted(root.rglob("*"))}


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    """The files of versions a and b, and what each looks like once written."""
    folder = tmp_path_factory.mktemp("packages")
    files = {}
    written = {}
    for version in ("a", "b"):
        files[version] = folder / f"{version}.json"
        files[version].write_text(json.dumps(_package(version)))
        write_package(_package(version), folder / version)
        written[version] = _snapshot(folder / version)
    assert written["a"] != written["b"]
    return files, written


# A generation that can be killed: prints "ready" just before `write_package`. `kill_after` names a
# function of the writer after which the process SIGKILLs itself (a stage boundary, exactly);
# `no_exchange` stands for a system without renameat2.
CHILD = r"""
import importlib.util, json, os, signal, sys
from pathlib import Path

plan = json.loads(sys.argv[1])
# The writer's module itself, without the generator package's imports (~60 ms a child).
spec = importlib.util.spec_from_file_location("writer", plan["module"])
writer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(writer)
if plan["no_exchange"]:
    writer._exchange = lambda first, second: False
if plan["kill_after"]:
    stage = getattr(writer, plan["kill_after"])

    def stage_then_die(*args, **kwargs):
        result = stage(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(writer, plan["kill_after"], stage_then_die)
files = json.loads(Path(plan["files"]).read_text())
print("ready", flush=True)
writer.write_package(files, Path(plan["out"]), format_code=plan["format"])
print("done", flush=True)
"""


def _start(files: Path, out: Path, *, kill_after: str | None = None, no_exchange: bool = False, format_code=True):
    plan = {"files": str(files), "out": str(out), "kill_after": kill_after, "no_exchange": no_exchange}
    plan.update(format=format_code, module=writer.__file__)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, json.dumps(plan)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline() == "ready\n"
    return child


def _run_and_kill(files: Path, out: Path, delay: float, **options) -> tuple[float, bool]:
    """Start a write, SIGKILL it `delay` seconds into `write_package`: (time it ran, was it cut short)."""
    child = _start(files, out, **options)
    started = time.perf_counter()
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    finished = child.wait() == 0
    assert child.stdout is not None
    child.stdout.close()
    return time.perf_counter() - started, not finished


def _write_duration(files: Path, out: Path, **options) -> float:
    durations = []
    for _ in range(2):
        child = _start(files, out, **options)
        started = time.perf_counter()
        assert child.wait() == 0
        durations.append(time.perf_counter() - started)
        assert child.stdout is not None
        child.stdout.close()
    return min(durations)


def _kill_at_spread_moments(packages, out: Path, kills: int, *, repair, **options) -> int:
    """Write a and b alternately, each write SIGKILLed at moments spread over a write's duration;
    after each kill (and `repair`), `out` must be exactly a or exactly b. Returns the writes cut short."""
    files, written = packages
    duration = _write_duration(files["b"], out, **options)  # and now out is b
    current, cut_short = "b", 0
    for kill in range(kills):
        other = "a" if current == "b" else "b"
        delay = duration * 1.1 * (kill + 0.5) / kills
        _, cut = _run_and_kill(files[other], out, delay, **options)
        cut_short += cut
        repair(out)
        state = _snapshot(out)
        assert state in (written[current], written[other]), f"kill {kill} at {delay:.3f}s left a broken {out}"
        current = "a" if state == written["a"] else "b"
    return cut_short


def test_sigkill_at_any_moment_leaves_the_old_or_the_new_package(packages, tmp_path):
    out = tmp_path / "site" / "pkg"
    cut_short = _kill_at_spread_moments(packages, out, 25, repair=lambda out: None)
    assert cut_short >= 12, "the kills should mostly land during the writes"
    write_package(_package("b"), out)
    assert _snapshot(out) == packages[1]["b"]
    assert os.listdir(out.parent) == ["pkg"]  # the killed writes' folders are gone


def test_sigkill_during_an_unformatted_write_as_generate_does_it(packages, tmp_path):
    out = tmp_path / "pkg"
    files = {version: _package(version) for version in ("a", "b")}
    written = {}
    for version in ("a", "b"):  # unformatted this time
        write_package(files[version], tmp_path / "expected" / version, format_code=False)
        written[version] = _snapshot(tmp_path / "expected" / version)
    unformatted = (packages[0], written)
    _kill_at_spread_moments(unformatted, out, 6, repair=lambda out: None, format_code=False)
    write_package(files["b"], out, format_code=False)
    assert sorted(os.listdir(out.parent)) == ["expected", "pkg"]


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        ("render_to_directory", "a"),  # files written, not formatted
        ("format_tree", "a"),  # formatted, not flushed
        ("_fsync_tree", "a"),  # flushed, not swapped
        ("_exchange", "b"),  # swapped; the previous package not yet removed
        ("_swap_into_place", "b"),
        ("_fsync_dir", "b"),  # the swap flushed
    ],
)
def test_sigkill_right_after_each_stage(packages, tmp_path, stage, expected):
    files, written = packages
    out = tmp_path / "pkg"
    shutil.copytree(files["a"].with_suffix(""), out)  # package a, as written
    child = _start(files["b"], out, kill_after=stage)
    assert child.wait() == -signal.SIGKILL
    assert _snapshot(out) == written[expected]
    assert len(os.listdir(tmp_path)) == 2  # the package and the killed write's folder
    write_package(_package("b"), out, format_code=False)
    assert os.listdir(tmp_path) == ["pkg"]


def test_leftovers_of_live_processes_and_foreign_folders_are_not_touched(tmp_path):
    out = tmp_path / "pkg"
    write_package({"m.py": "x = 1\n"}, out)
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead, alive, mine = ended.pid, live.pid, os.getpid()
        removed = [f".pkg.new-{dead}-0123abcd", f".pkg.old-{dead}-0123abcd", f".pkg.old-{dead}"]
        kept = [
            f".pkg.new-{alive}-0123abcd",  # a write in progress in another process
            f".pkg.old-{alive}-0123abcd",
            f".pkg.new-{mine}-0123abcd",  # one in this process (another thread)
            f".pkg.new-{dead}-0123abcd.bak",  # not exactly our name
            f".pkg.new-{dead}-notours!",
            f".pkg.new-{dead}",
            f".pkg.tmp-{dead}-0123abcd",
            f".pkg2.new-{dead}-0123abcd",
            f"pkg.new-{dead}-0123abcd",
            ".pkg.new-0-0123abcd",
            ".pkg.new-abcdefgh",  # the unnamed staging folders of earlier versions: whose, unknown
        ]
        for name in removed + kept:
            (tmp_path / name).mkdir()
            (tmp_path / name / "file.py").write_text(name)
        (tmp_path / "target").mkdir()
        (tmp_path / "target" / "keep.txt").write_text("keep")
        (tmp_path / f".pkg.new-{dead}-fedcba98").symlink_to(tmp_path / "target")  # named like ours
        (tmp_path / f".pkg.old-{dead}-fedcba98").write_text("a file named like ours")
        write_package({"m.py": "x = 2\n"}, out)
        names = set(os.listdir(tmp_path))
        assert names == {"pkg", "target", f".pkg.new-{dead}-fedcba98", f".pkg.old-{dead}-fedcba98", *kept}
        assert all((tmp_path / name / "file.py").read_text() == name for name in kept)
        assert (tmp_path / "target" / "keep.txt").read_text() == "keep"
        assert (out / "m.py").read_text() == "x = 2\n"
    finally:
        live.kill()
        live.wait()


def test_the_swap_is_an_atomic_exchange_where_the_system_has_one(tmp_path, monkeypatch):
    (tmp_path / "first").mkdir()
    (tmp_path / "first" / "one").write_text("1")
    (tmp_path / "second").mkdir()
    if not writer._exchange(tmp_path / "first", tmp_path / "second"):
        pytest.skip("no renameat2(RENAME_EXCHANGE) here")
    assert os.listdir(tmp_path / "second") == ["one"] and os.listdir(tmp_path / "first") == []
    retired = []
    monkeypatch.setattr(writer, "_retire", lambda out: retired.append(out))
    write_package({"m.py": "x = 1\n"}, tmp_path / "pkg")
    write_package({"m.py": "x = 2\n"}, tmp_path / "pkg")
    assert retired == []  # never the two renames, never a moment without the package


def test_without_an_atomic_exchange_two_renames_still_end_complete(tmp_path, monkeypatch):
    monkeypatch.setattr(writer, "_exchange", lambda first, second: False)
    retire = writer._retire
    retired = []
    monkeypatch.setattr(writer, "_retire", lambda out: retired.append(retire(out)) or retired[-1])
    out = tmp_path / "pkg"
    write_package({"m.py": "x = 1\n", "gone.py": "y = 1\n"}, out)
    write_package({"m.py": "x = 2\n"}, out)
    assert len(retired) == 1 and retired[0].name.startswith(f".pkg.old-{os.getpid()}-")
    assert _snapshot(out) == {"m.py": b"x = 2\n"}
    assert os.listdir(tmp_path) == ["pkg"]


def test_a_kill_between_the_two_renames_is_repaired_by_the_next_run(packages, tmp_path):
    files, written = packages
    out = tmp_path / "pkg"
    shutil.copytree(files["a"].with_suffix(""), out)
    child = _start(files["b"], out, kill_after="_retire", no_exchange=True)
    assert child.wait() == -signal.SIGKILL
    assert not out.exists()  # the moment the fallback cannot avoid
    assert sorted(name.split("-")[0] for name in os.listdir(tmp_path)) == [".pkg.new", ".pkg.old"]
    recover(out)
    assert _snapshot(out) == written["a"]
    assert os.listdir(tmp_path) == ["pkg"]


def test_sigkill_at_any_moment_without_an_atomic_exchange(packages, tmp_path):
    out = tmp_path / "pkg"
    _kill_at_spread_moments(packages, out, 6, repair=recover, no_exchange=True)
    write_package(_package("a"), out)
    assert _snapshot(out) == packages[1]["a"]
    assert os.listdir(tmp_path) == ["pkg"]


def test_scratch_folders_of_killed_runs_are_removed_and_live_ones_kept(tmp_path, monkeypatch):
    import tempfile

    from generator.emit.writer import scratch_directory

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = tmp_path / f"sdk-regenerate-{int(finished.stdout)}-abc123"
    live = tmp_path / f"sdk-regenerate-{os.getppid()}-def456"
    foreign = tmp_path / "sdk-regenerate-notapid"
    for folder in (dead, live, foreign):
        (folder / "src").mkdir(parents=True)
    with scratch_directory() as scratch:
        assert scratch.parent == tmp_path and scratch.exists()
    assert not dead.exists()
    assert live.exists() and foreign.exists()
    assert not scratch.exists()
