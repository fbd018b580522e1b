"""Every generated method's body is one call of a verb helper of `_resource.py`."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from tests.conftest import ROOT

HELPERS = {"_get", "_post", "_put", "_patch", "_delete", "_call", "_get_api_list"}
MODULES = sorted(p for p in (ROOT / "generated").glob("*/src/*/resources/**/*.py") if p.name != "__init__.py")


def helper_called(statement: ast.stmt) -> str | None:
    """The helper a `return self._post(...)` statement calls (through `await` and `cast`)."""
    if not isinstance(statement, ast.Return) or statement.value is None:
        return None
    value = statement.value
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "cast":
        value = value.args[1]
    if isinstance(value, ast.Await):
        value = value.value
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
        target = value.func.value
        if isinstance(target, ast.Name) and target.id == "self":
            return value.func.attr
    return None


@pytest.mark.parametrize("module", MODULES, ids=lambda path: f"{path.parts[-5]}/{path.name}")
def test_method_bodies_are_one_helper_call(module):
    tree = ast.parse(module.read_text(encoding="utf-8"))
    methods = 0
    for cls in (node for node in tree.body if isinstance(node, ast.ClassDef)):
        if cls.name.endswith(("WithRawResponse", "WithStreamingResponse")):
            continue
        for function in cls.body:
            # Properties (sub-resources, raw and streaming views) are not API methods.
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef) or function.name.startswith("_"):
                continue
            if any(isinstance(d, ast.Name) and d.id == "cached_property" for d in function.decorator_list):
                continue
            body = function.body[1:] if isinstance(function.body[0], ast.Expr) else function.body
            assert len(body) == 1, f"{cls.name}.{function.name}"
            assert helper_called(body[0]) in HELPERS, f"{cls.name}.{function.name}: {ast.unparse(body[0])[:80]}"
            methods += 1
    assert methods


TREE_SPEC = """\
openapi: 3.1.0
info: {title: Tree, version: "1"}
paths:
  /a:
    get: {operationId: aList, x-sdk-method: a.list, responses: {"204": {description: ok}}}
  /a/a:
    get: {operationId: aaList, x-sdk-method: a.a.list, responses: {"204": {description: ok}}}
  /a/b/c:
    get: {operationId: abcGet, x-sdk-method: a.b.c.get, responses: {"204": {description: ok}}}
  /d:
    get: {operationId: dGet, x-sdk-method: d.get, responses: {"204": {description: ok}}}
"""

TREE_CALLS = """\
import httpx
import tree_client
from tree_client import Tree
from tree_client.resources import A, AsyncA, D
from tree_client.resources.a import AA, AB, ABC, AsyncABC

seen = []
http = httpx.Client(transport=httpx.MockTransport(lambda r: seen.append(r.url.path) or httpx.Response(204)))
client = Tree(base_url="http://x.test", http_client=http)
client.a.list(); client.a.a.list(); client.a.b.c.get(); client.d.get()
assert seen == ["/a", "/a/a", "/a/b/c", "/d"], seen
assert type(client.a.b.c) is ABC and type(client.a.a) is AA and type(client.a.b) is AB and type(client.d) is D
print("ok")
"""


def test_resources_with_sub_resources_are_packages(tmp_path, mypy_cache):
    spec = tmp_path / "tree.yaml"
    spec.write_text(TREE_SPEC, encoding="utf-8")
    out = tmp_path / "tree"
    command = [sys.executable, "-m", "generator", "generate", str(spec), "--out", str(out), "--package", "tree_client"]
    generated = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert generated.returncode == 0, generated.stderr
    resources = out / "src" / "tree_client" / "resources"
    assert sorted(p.relative_to(resources).as_posix() for p in resources.rglob("*.py")) == [
        "__init__.py",
        "a/__init__.py",
        "a/a.py",
        "a/a2.py",  # the sub-resource named like its parent
        "a/b/__init__.py",
        "a/b/b.py",
        "a/b/c.py",
        "d.py",
    ]
    (tmp_path / "calls.py").write_text(TREE_CALLS, encoding="utf-8")
    env = {"PYTHONPATH": str(out / "src"), "PATH": ""}
    result = subprocess.run([sys.executable, str(tmp_path / "calls.py")], capture_output=True, text=True, env=env)
    assert result.stdout.strip() == "ok", result.stderr
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(mypy_cache(True)),
            str(out / "src" / "tree_client"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout
