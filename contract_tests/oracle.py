"""The suite's own reading of the spec: what is wrong with a request, according to the IR.

`SpecOracle` lists the problems of a request body (JSON Schema errors and broken `x-rules`) and
of its parameters. The checks use it to decide whether an accepted body should have been
refused, whether a 400 names what was wrong, and the rule tests use it to make sure a mutated
body breaks exactly the rule it is meant to break. `x-rules` are evaluated with `generator.ir.rule_engine`, the code the mock and the generated clients use too,
on every instance of a model that carries rules and satisfies its own JSON Schema
(spec/README.md, `x-rules`); the instances are found by the IR walk the mock uses
(`generator.ir.walk`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, ValidationError

from generator.document.loader import array_index
from generator.ir.model import Api, Model, Operation, TypeRef, models_in
from generator.ir.rule_engine import check_rules
from generator.ir.walk import InstanceWalker, Node

from .mock.ascii_numbers import ascii_digits
from .mock.schemas import bound_integer_formats
from .mock.validation import coerce_text
from .targets import ApiName, load_api


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a request.

    `code` is the JSON Schema keyword that failed (`maxLength`, `oneOf`, `required`...) or the
    rule id; `names` are the words a useful error message would mention (property, parameter
    or rule names).
    """

    source: str  # "body", "query", "path", "header" or "rule"
    pointer: str
    code: str
    message: str
    names: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.source} {self.pointer or '/'}: {self.message} [{self.code}]"


def _pointer(parts: Iterable[Any]) -> str:
    return "".join(f"/{str(part).replace('~', '~0').replace('/', '~1')}" for part in parts)


def _leaf_name(parts: Iterable[Any]) -> list[str]:
    """The innermost property name of a path: the most specific word an error can name."""
    names = [part for part in parts if isinstance(part, str) and not ascii_digits(part)]
    return names[-1:]


def _schema_error_names(error: ValidationError) -> list[str]:
    names = _leaf_name(error.absolute_path)
    instance = error.instance
    if error.validator == "required" and isinstance(instance, Mapping):
        names += [name for name in error.validator_value if name not in instance]
    elif error.validator == "additionalProperties" and isinstance(instance, Mapping):
        declared = error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {}
        names += [name for name in instance if name not in declared]
    for sub in error.context or ():
        names += _schema_error_names(sub)
    return names


class SpecOracle:
    """Problems of requests to the operations of one API."""

    def __init__(self, api: Api) -> None:
        self.api = api
        self._validators: dict[str, Draft202012Validator] = {}

    @cached_property
    def _registry(self) -> dict[str, Any]:
        return self.api.json_schema_registry()

    def validator(self, schema_json: str) -> Draft202012Validator:
        found = self._validators.get(schema_json)
        if found is None:
            fragment = json.loads(schema_json)
            if not isinstance(fragment, dict):
                fragment = {} if fragment is True else {"not": {}}
            # Integer formats mean their bounds (`int32` stops at 2**31 - 1), as the mock reads them.
            schema = bound_integer_formats({**fragment, **self._registry})
            found = Draft202012Validator(schema, format_checker=FormatChecker())
            self._validators[schema_json] = found
        return found

    def model_validator(self, model: Model) -> Draft202012Validator:
        return self.validator(json.dumps({"$ref": f"#/components/schemas/{model.name}"}))

    # --- schema ---------------------------------------------------------------------------------

    def schema_problems(self, schema_json: str, value: Any, source: str, prefix: tuple[str, ...] = ()) -> list[Problem]:
        problems = []
        for error in self.validator(schema_json).iter_errors(value):
            path = (*prefix, *error.absolute_path)
            problems.append(
                Problem(
                    source=source,
                    pointer=_pointer(error.absolute_path),
                    code=str(error.validator),
                    message=error.message if len(error.message) < 300 else error.message[:300] + "...",
                    names=tuple(dict.fromkeys([*_leaf_name(path), *_schema_error_names(error)])),
                )
            )
        return problems

    def model_problems(self, model_name: str, value: Any) -> list[Problem]:
        """JSON Schema errors of `value` read as an instance of one named model."""
        return self.schema_problems(json.dumps({"$ref": f"#/components/schemas/{model_name}"}), value, "body")

    # --- rules ----------------------------------------------------------------------------------

    @cached_property
    def _walker(self) -> InstanceWalker:
        # A union without discriminator is the first model variant whose schema the value meets.
        return InstanceWalker(self.api, lambda model, value: self.model_validator(model).is_valid(value))

    def _checked_instances(self, nodes: Iterable[Node]) -> Iterator[tuple[Node, list[dict[str, Any]]]]:
        """The model instances among `nodes` whose `x-rules` are checked: those that satisfy
        their model's own JSON Schema (spec/README.md, `x-rules`), with the rules. (The field
        groups are part of that schema: `schema_problems` reports them.)"""
        for node in nodes:
            if node.model is not None and node.model.rules and self.model_validator(node.model).is_valid(node.value):
                yield node, [rule.as_json() for rule in node.model.rules]

    def rule_violations(self, type_ref: TypeRef | None, value: Any, pointer: str = "") -> list[Problem]:
        """Every broken `x-rules` rule anywhere inside `value`, read as an instance of `type_ref`."""
        if type_ref is None:
            return []
        problems = []
        for node, rules in self._checked_instances(self._walker.walk(type_ref, value, pointer)):
            for rule in rules:
                for violation in check_rules([rule], node.value, node.pointer):
                    problems.append(
                        Problem(
                            source="rule",
                            pointer=violation.pointer,
                            code=violation.rule_id,
                            message=violation.message,
                            names=(violation.rule_id, rule["message"], *_leaf_name(violation.pointer.split("/"))),
                        )
                    )
        return problems

    def repair(self, type_ref: TypeRef | None, value: Any) -> None:
        """Remove, in place, the array items that make `value` break an `x-rules` rule.

        Each violation points at the item at fault (the second of two text parts, the 41st url
        media part, a decoration out of range...). Dropping it keeps the JSON Schema valid: the
        array rules only break with two items or more, so the array is never left empty. Inner
        instances are repaired before the ones that hold them.
        """
        if type_ref is None:
            return
        nodes = list(self._walker.walk(type_ref, value))
        for node, rules in self._checked_instances(reversed(nodes)):
            for _ in range(1000):
                violations = check_rules(rules, node.value)
                if not violations or not _drop_item(node.value, violations[0].pointer):
                    break

    def declared_names(self, operation: Operation) -> set[str]:
        """Every parameter name of the operation and property name its body's models declare."""
        names = {param.name for param in operation.params}
        pending = list(models_in(operation.body.type)) if operation.body is not None else []
        seen: set[str] = set()
        while pending:
            name = pending.pop()
            if name in seen:
                continue
            seen.add(name)
            model = self.api.model(name)
            for field in model.fields:
                names.add(field.name)
                pending.extend(models_in(field.type))
            for variant in (*model.variants, model.alias_of, model.additional_properties):
                if variant is not None:
                    pending.extend(models_in(variant))
        return names

    # --- requests -------------------------------------------------------------------------------

    def body_problems(self, operation: Operation, body: Any) -> list[Problem]:
        """JSON Schema errors of the body, then broken rules inside it."""
        if operation.body is None:
            return []
        return self.schema_problems(operation.body.schema_json, body, "body") + self.rule_violations(
            operation.body.type, body
        )

    def parameter_problems(
        self, operation: Operation, location: str, values: Mapping[str, Any] | None
    ) -> list[Problem]:
        values = values or {}
        problems = []
        lowered = {str(key).lower(): key for key in values} if location == "header" else {}
        for param in operation.params_in(location):  # type: ignore[arg-type]
            key = lowered.get(param.name.lower(), param.name) if location == "header" else param.name
            if key not in values:
                if param.required:
                    problems.append(Problem(location, "", "required", f"{param.name} is required", (param.name,)))
                continue
            for problem in self.schema_problems(param.schema_json, _coerce(param.json_schema, values[key]), location):
                names = (param.name, *problem.names)
                problems.append(Problem(location, f"/{param.name}", problem.code, problem.message, names))
        return problems

    def request_problems(
        self, operation: Operation, *, path: Any, query: Any, body: Any, has_body: bool
    ) -> list[Problem]:
        problems = self.parameter_problems(operation, "path", path)
        problems += self.parameter_problems(operation, "query", query)
        if operation.body is not None:
            if has_body:
                problems += self.body_problems(operation, body)
            elif operation.body.required:
                problems.append(Problem("body", "", "required", "the request body is required", ("body",)))
        return problems


def _drop_item(instance: dict[str, Any], pointer: str) -> bool:
    """Delete the array item a violation's pointer (`/<field>/<index>/...`) names; False if it cannot."""
    segments = pointer.strip("/").split("/")
    items = instance.get(segments[0]) if len(segments) >= 2 else None
    if not isinstance(items, list):
        return False
    index = array_index(segments[1], len(items))
    if index is None:
        return False
    del items[index]
    return True


def _coerce(schema: Mapping[str, Any], value: Any) -> Any:
    """A parameter read from a URL arrives as text: read it as the types its schema declares,
    by the same reading as the mock's (`coerce_text`: JSON's number syntax in ASCII only)."""
    if not isinstance(value, str):
        return value
    kinds = schema.get("type")
    return coerce_text(value, {kinds} if isinstance(kinds, str) else {k for k in kinds or () if isinstance(k, str)})


@cache
def oracle_for(name: ApiName) -> SpecOracle:
    return SpecOracle(load_api(name))
