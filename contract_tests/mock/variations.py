"""Benign variations: switches that make the mock differ from itself only in ways the contract allows.

A conformant server is not a copy of this mock: it words its errors its own way, reports one of
several problems, uses its own error codes, ids, cursors and trace ids, a default page size of its
own, adds fields the spec does not list yet, and may refuse an empty string the spec is silent
about. Each switch makes the mock do one of those (`create_app(..., variations=[...])`,
`--vary NAME,NAME`), so that tests/test_contract_benign_variations.py can prove the contract
suite, in live mode, passes against each of them; the deliberate defects (`defects.py`) prove it
still fails where it should. All are off by default.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable
from typing import Any

from generator.document.loader import unescape_pointer_token
from generator.ir.model import Api, ArrayOf, MapOf, Model, ModelRef, Operation, TypeRef, UnionOf
from generator.ir.walk import pointer_token

from .ascii_numbers import ascii_digits
from .defects import Switches
from .schemas import Problem

JSON = Any

VARIATIONS: dict[str, str] = {
    "reworded-errors": "validation errors in the server's own words: no rule id, the rule's first sentence "
    "paraphrased, the field by its path",
    "first-problem-only": "a request with several problems is refused naming only the first one",
    "other-error-codes": "application error codes other than the spec's examples, in the documented shape",
    "extra-fields": f"every 2xx JSON object answer carries an undocumented string field `{'served_by'}`",
    "new-enum-value": "the first string enum model of the API's answers (by name) takes an undocumented value "
    "(`<first value>_v2`) in every 2xx answer",
    "other-id-formats": "record ids (those without a format or pattern), cursors and trace ids in other formats",
    "other-page-size": "a list called without a limit answers pages of 7 items (the spec's default is not promised)",
    "refuse-empty-strings": "an empty string anywhere in a request body is refused with a 400 naming the field, "
    "where the spec allows it (a stricter server where the pages are silent)",
}
EXTRA_FIELD = "served_by"
OTHER_PAGE_SIZE = 7
# Linq's codes are the HTTP status and a digit (4000); another server's own scheme.
CODE_OFFSET = 7


@dataclasses.dataclass(frozen=True)
class Variations(Switches):
    """The variations switched on (none by default)."""

    @classmethod
    def of(cls, names: str | Iterable[str] = ()) -> Variations:
        return cls(cls.chosen(names, VARIATIONS, "variation"))


NO_VARIATIONS = Variations()


# --- errors ---------------------------------------------------------------------------------------


def reworded(api: Api, problems: list[Problem]) -> str:
    """The problems in other words: the field as a dotted path, a rule by its sentence, lower case."""
    sentences = {rule.id: rule.message for model in api.models for rule in model.rules}
    said = []
    for problem in problems:
        _, _, pointer = problem.where.partition("#")
        # Each property by its name, as a server knows it (`~0` in a pointer is a `~`).
        names = (unescape_pointer_token(t) for t in pointer.strip("/").split("/") if t)
        where = ".".join(names) or problem.where.partition(".")[2]
        sentence = sentences.get(problem.rule)
        if sentence:
            first = sentence.split(". ")[0].rstrip(".")
            said.append(f"{first[0].lower()}{first[1:]} (at {where or 'the body'})")
        elif problem.rule == "empty-string" and not any(not ascii_digits(t) for t in where.split(".") if t):
            # No property to name (array items under an empty key, say): a server that rewords
            # still says what is wrong with the value.
            said.append(f"an empty value is not acceptable (at {where or 'the body'})")
        else:
            said.append(f"{where or 'the request'} is not acceptable")
    return "Request refused: " + "; ".join(said)


def other_code(code: JSON) -> JSON:
    return code + CODE_OFFSET if isinstance(code, int) and not isinstance(code, bool) else code


def other_trace_id() -> str:
    return str(uuid.uuid4())


def other_id(kind_prefix: str, rng: Any) -> str:
    return kind_prefix.upper() + "-" + "".join(rng.choice("ABCDEFGHJKMNPQRSTVWXYZ0123456789") for _ in range(20))


def empty_string_at(value: JSON, pointer: str = "") -> str | None:
    """The JSON Pointer (RFC 6901) of the first empty string in a JSON value, or None."""
    if value == "":
        return pointer
    if isinstance(value, dict):
        items: Iterable[tuple[Any, JSON]] = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = empty_string_at(item, f"{pointer}/{pointer_token(key)}")
        if found is not None:
            return found
    return None


# --- answers --------------------------------------------------------------------------------------


class AnswerVariation:
    """Changes a 2xx JSON answer: an extra field, an undocumented enum value."""

    def __init__(self, api: Api, variations: Variations) -> None:
        self.api = api
        self.variations = variations
        self.enum_model: Model | None = None
        if variations.on("new-enum-value"):
            self.enum_model = next(
                (
                    api.model(name)
                    for name in sorted(self._answer_models())
                    if api.model(name).kind == "enum"
                    and api.model(name).enum_values
                    and all(isinstance(v, str) for v in api.model(name).enum_values)
                ),
                None,
            )

    @property
    def new_enum_value(self) -> str | None:
        return None if self.enum_model is None else f"{self.enum_model.enum_values[0]}_v2"

    def _answer_models(self) -> set[str]:
        found: set[str] = set()
        pending = [r.type for op in self.api.operations for r in op.responses if r.status.startswith("2") and r.type]
        while pending:
            type_ = pending.pop()
            for name in _model_names(type_):
                if name in found:
                    continue
                found.add(name)
                model = self.api.model(name)
                pending += [f.type for f in model.fields]
                pending += [v for v in (*model.variants, model.alias_of, model.additional_properties) if v is not None]
        return found

    def apply(self, op: Operation, status: int, value: JSON) -> JSON:
        response = next((r for r in op.responses if r.status == str(status)), None)
        if response is None or response.type is None:
            return value
        if self.enum_model is not None:
            value = self._replace_enum(response.type, value, 0)
        if self.variations.on("extra-fields") and isinstance(value, dict):
            value = {**value, EXTRA_FIELD: "mock-variation"}
        return value

    def _replace_enum(self, type_: TypeRef | None, value: JSON, depth: int) -> JSON:
        if type_ is None or depth > 20 or value is None:
            return value
        match type_:
            case ModelRef(name=name):
                assert self.enum_model is not None
                if name == self.enum_model.name:
                    return self.new_enum_value if isinstance(value, str) else value
                model = self.api.model(name)
                if model.kind == "alias":
                    return self._replace_enum(model.alias_of, value, depth + 1)
                if model.kind == "union":
                    return value  # variants are left alone: which one applies is the server's to say
                if model.kind == "object" and isinstance(value, dict):
                    fields = {f.name: f.type for f in model.fields}
                    return {k: self._replace_enum(fields.get(k), v, depth + 1) for k, v in value.items()}
                return value
            case ArrayOf(items=items):
                return [self._replace_enum(items, v, depth + 1) for v in value] if isinstance(value, list) else value
            case MapOf(values=values):
                if isinstance(value, dict):
                    return {k: self._replace_enum(values, v, depth + 1) for k, v in value.items()}
                return value
            case UnionOf():
                return value
            case _:
                return value


def _model_names(type_: TypeRef) -> list[str]:
    match type_:
        case ModelRef(name=name):
            return [name]
        case ArrayOf(items=items):
            return _model_names(items)
        case MapOf(values=values):
            return _model_names(values)
        case UnionOf(variants=variants):
            return [name for variant in variants for name in _model_names(variant)]
        case _:
            return []
