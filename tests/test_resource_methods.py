"""Every generated method's body is one call of a verb helper of `_resource.py`."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

HELPERS = {"_get", "_post", "_put", "_patch", "_delete", "_call", "_get_api_list"}
MODULES = sorted(p for p in (ROOT / "generated").glob("*/src/*/resources/*.py") if p.name != "__init__.py")


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
