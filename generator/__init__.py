"""OpenAPI to typed Python clients, a spec-driven mock server and contract tests."""

from .errors import SourceLocation, SpecError, SpecProblem
from .loader import LoadedSpec, inspect_spec, load_spec

__all__ = ["LoadedSpec", "SourceLocation", "SpecError", "SpecProblem", "inspect_spec", "load_spec"]
