"""OpenAPI to typed Python clients, a spec-driven mock server and contract tests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from generator.document.loader import LoadedSpec, inspect_spec, load_spec
    from generator.errors import SourceLocation, SpecError, SpecProblem
    from generator.ir.model import Api

# The names below are imported on first use, so that `python -m generator` runs its `__main__`
# (which sets the process up) before anything heavier than this module is imported.
_EXPORTS = {
    "LoadedSpec": "generator.document.loader",
    "inspect_spec": "generator.document.loader",
    "load_spec": "generator.document.loader",
    "SourceLocation": "generator.errors",
    "SpecError": "generator.errors",
    "SpecProblem": "generator.errors",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def build_api(spec: LoadedSpec | str | Path) -> Api:
    """The IR of a spec; raises `SpecError` listing every problem when the spec cannot be used."""
    from generator.ir.build import build_api as build  # imported on use: `import generator` stays light

    return build(spec)


__all__ = ["LoadedSpec", "SourceLocation", "SpecError", "SpecProblem", "build_api", "inspect_spec", "load_spec"]
