"""OpenAPI to typed Python clients, a spec-driven mock server and contract tests."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator import dataclass_code

dataclass_code.install()  # before any module of ours defines a dataclass

from generator.document.loader import LoadedSpec, inspect_spec, load_spec  # noqa: E402
from generator.errors import SourceLocation, SpecError, SpecProblem  # noqa: E402

if TYPE_CHECKING:
    from generator.ir.model import Api


def build_api(spec: LoadedSpec | str | Path) -> Api:
    """The IR of a spec; raises `SpecError` listing every problem when the spec cannot be used."""
    from generator.ir.build import build_api as build  # imported on use: `import generator` stays light

    return build(spec)


__all__ = ["LoadedSpec", "SourceLocation", "SpecError", "SpecProblem", "build_api", "inspect_spec", "load_spec"]
