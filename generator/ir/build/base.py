"""The state every stage of the IR builder shares, and its problem reporting."""

from __future__ import annotations

import json
from typing import Any

from generator.document.loader import LoadedSpec
from generator.errors import SpecProblem
from generator.ir.model import (
    Model,
)

JSON = Any


def is_json_media(content_type: str) -> bool:
    base = content_type.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json") or base == "*/*"


def dumps(value: JSON) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class BuilderBase:
    """What every stage of the builder shares: the loaded spec, the models so far, problems."""

    def __init__(self, loaded: LoadedSpec) -> None:
        self.loaded = loaded
        self.problems: list[SpecProblem] = []
        self.warnings: list[SpecProblem] = []
        self.models: dict[str, Model] = {}
        self.model_order: list[str] = []
        # (document uri, pointer) of a named schema -> model name
        self.named: dict[tuple[str, str], str] = {}
        self.taken_names: set[str] = set()
        self.taken_folded: set[str] = set()
        self.in_progress: set[str] = set()
        # `rewrite_refs` results by (id of the schema object, uri), with the object itself (which
        # keeps its id from being reused): a nested schema is rewritten with each enclosing one.
        self.rewritten: dict[tuple[int, str], tuple[JSON, JSON]] = {}

    # --- problems -----------------------------------------------------------------------------

    def error(self, pointer: str, message: str, hint: str | None = None, uri: str | None = None) -> None:
        self.problems.append(SpecProblem(self.loaded.locate(pointer, uri), message, hint))

    def warn(self, pointer: str, message: str, hint: str | None = None, uri: str | None = None) -> None:
        self.warnings.append(SpecProblem(self.loaded.locate(pointer, uri), message, hint, severity="warning"))

    def deref(self, node: JSON, uri: str, pointer: str) -> tuple[str, str, JSON]:
        """Follow `$ref`s (already checked by the loader): (uri, pointer, target)."""
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            uri, pointer, node = self.loaded.resolve(node["$ref"], uri)
        return uri, pointer, node
