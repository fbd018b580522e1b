"""The runtime templates as files: rendering leaves them intact, and they stay type- and lint-clean."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

RUNTIME = Path(__file__).resolve().parents[2] / "templates" / "runtime"


def test_rendering_leaves_plain_modules_unchanged(
    tmp_path: Path, render_runtime: Callable[..., dict[str, str]]
) -> None:
    """The emitter may copy `*.py` runtime files or render them: both must give the same text."""
    rendered = render_runtime(tmp_path, package="demo_client", client_class="Demo", version="1.0.0")
    plain = sorted(path.name for path in RUNTIME.glob("*.py"))
    assert plain, "no runtime modules found"
    for name in plain:
        assert rendered[name] == (RUNTIME / name).read_text(encoding="utf-8"), name


def test_runtime_is_self_contained() -> None:
    """Generated packages must not import the generator, nor reach outside the package."""
    for path in sorted(RUNTIME.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                assert node.module is not None
                assert node.module.split(".")[0] not in {"generator", "contract_tests"}, path.name
            if isinstance(node, ast.ImportFrom) and node.level > 1:
                pytest.fail(f"{path.name} imports from outside its package")


@pytest.mark.slow
def test_rendered_runtime_passes_mypy_strict(demo_root: Path, request: pytest.FixtureRequest) -> None:
    """mypy --strict on the rendered package, the demo client and its typing checks included."""
    pytest.importorskip("mypy")
    pytest_cache = getattr(request.config, "cache", None)  # absent under -p no:cacheprovider
    cache = pytest_cache.mkdir("runtime-mypy") if pytest_cache is not None else demo_root / ".mypy_cache"
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--cache-dir", str(cache), "demo_client"],
        cwd=demo_root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_runtime_and_its_tests_pass_ruff() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed")
    root = RUNTIME.parents[1]
    paths = [str(RUNTIME), str(Path(__file__).parent)]
    check = subprocess.run([ruff, "check", *paths], cwd=root, capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    formatted = subprocess.run(
        [ruff, "format", "--check", *paths], cwd=root, capture_output=True, text=True, check=False
    )
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
