"""Generated packages are written formatted, deterministically, and all or nothing."""

from __future__ import annotations

import pytest

from generator.emit.writer import WriteError, write_package


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
