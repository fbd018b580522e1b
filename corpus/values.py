"""Minimal valid values for JSON Schemas: the arguments of a round-trip call.

The round trip calls every operation with the least a valid request needs: required path,
query and header parameters and the required fields of the body. A value comes from the
schema's own `example`/`examples`/`default`/`const`/`enum` when one is valid, else it is built
from the schema's type and constraints. Strings with a `pattern` get a short matching string
(`regex_text`). Values are checked against the schema afterwards (`Checker`): a call made with a
value that does not validate is the harness's failure, not the client's.

Schemas are IR fragments: JSON Schema 2020-12 whose `$ref`s point into `#/components/schemas`
of a registry document (`Api.json_schema_registry()`).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from functools import cache
from typing import Any

import jsonschema

from . import regex_text

JSON = Any
MAX_DEPTH = 10


class Missing:
    """No value could be made (a schema that admits nothing, or recursion too deep)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = Missing()

_FORMATS: dict[str, str] = {
    "date-time": "2024-01-02T03:04:05Z",
    "date": "2024-01-02",
    "time": "03:04:05Z",
    "uuid": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
    "email": "user@example.com",
    "idn-email": "user@example.com",
    "uri": "https://example.com/a",
    "url": "https://example.com/a",
    "iri": "https://example.com/a",
    "uri-reference": "https://example.com/a",
    "hostname": "example.com",
    "idn-hostname": "example.com",
    "ipv4": "127.0.0.1",
    "ipv6": "::1",
    "byte": "aGVsbG8=",
    "binary": "data",
    "int32": "1",
    "int64": "1",
    "duration": "P1D",
    "password": "secret",
}


@cache
def _string_for_pattern(pattern: str, min_length: int, max_length: int | None) -> str | None:
    """The simplest string matching `pattern` within the length bounds (None if none found)."""
    for candidate in ("string", "a", "1", "A", "a1", "example"):
        if _fits(candidate, pattern, min_length, max_length):
            return candidate
    return regex_text.matching(pattern, min_length, max_length)


def _fits(text: str, pattern: str, min_length: int, max_length: int | None) -> bool:
    if len(text) < min_length or (max_length is not None and len(text) > max_length):
        return False
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return True  # a pattern Python cannot read (ECMA-only syntax) constrains nothing we can check


class Checker:
    """Validates values against schema fragments of one API (compiled validators, cached)."""

    def __init__(self, registry: dict[str, JSON]) -> None:
        self.registry = registry
        self._validators: dict[str, jsonschema.protocols.Validator] = {}

    def problems(self, schema: JSON, value: JSON) -> list[str]:
        """Why `value` breaks `schema` (empty when it is valid); the first few reasons only."""
        if schema is True or schema == {}:
            return []
        if schema is False:
            return ["the schema admits no value"]
        key = repr(schema)
        validator = self._validators.get(key)
        if validator is None:
            standalone = {**schema, **self.registry} if isinstance(schema, dict) else schema
            validator = jsonschema.Draft202012Validator(standalone, format_checker=jsonschema.FormatChecker())
            self._validators[key] = validator
        try:
            errors = [e for e in validator.iter_errors(value) if not self._read_only_missing(e)]
        except Exception as exc:  # a schema the validator cannot use (bad $ref, bad regex...)
            return [f"schema cannot be checked: {type(exc).__name__}"]
        return [f"{'/' + '/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in errors[:3]]

    def _read_only_missing(self, error: jsonschema.exceptions.ValidationError) -> bool:
        """A `required` property that is `readOnly`: OpenAPI has requests leave those out."""
        if error.validator != "required" or not isinstance(error.schema, dict):
            return False
        properties = error.schema.get("properties") or {}
        required: Any = error.validator_value
        names = required if isinstance(required, list) else []
        name = next((n for n in names if repr(n) in error.message), None)
        target: Any = properties.get(name) if isinstance(properties, dict) else None
        schemas = (self.registry.get("components") or {}).get("schemas") or {}
        for _ in range(20):
            if not isinstance(target, dict):
                return False
            if target.get("readOnly") is True:
                return True
            ref = target.get("$ref")
            if not (isinstance(ref, str) and ref.startswith("#/components/schemas/")):
                return False
            target = schemas.get(ref.rsplit("/", 1)[1])
        return False

    def is_valid(self, schema: JSON, value: JSON) -> bool:
        return not self.problems(schema, value)


class ValueMaker:
    """Builds the smallest plausible valid instance of a schema (see the module docstring)."""

    def __init__(self, registry: dict[str, JSON], checker: Checker | None = None) -> None:
        self.registry = registry
        self.checker = checker or Checker(registry)

    def resolve(self, schema: JSON) -> JSON:
        """`schema` with a top-level `$ref` (to this registry) followed, siblings kept."""
        seen = 0
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and seen < 20:
            target = self._pointer(schema["$ref"])
            if target is MISSING:
                return {}
            rest = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**target, **rest} if isinstance(target, dict) else target
            seen += 1
        return schema

    def _pointer(self, ref: str) -> JSON:
        if not ref.startswith("#/"):
            return MISSING
        node: JSON = self.registry
        for token in ref[2:].split("/"):
            token = token.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or token not in node:
                return MISSING
            node = node[token]
        return node

    def make(self, schema: JSON, depth: int = 0, *, writing: bool = True) -> JSON:
        """A valid value for `schema`, or MISSING. `writing`: leave out `readOnly` properties."""
        if depth > MAX_DEPTH:
            return MISSING
        schema = self.resolve(schema)
        if schema is True or schema is None:
            return "string"
        if schema is False or not isinstance(schema, dict):
            return MISSING
        for candidate in self._given(schema):
            if self.checker.is_valid(schema, candidate):
                return copy.deepcopy(candidate)
        if "allOf" in schema:
            return self.make(self._merge_all_of(schema), depth + 1, writing=writing)
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list):
                return self._variant(schema, key, depth, writing)
        return self._typed(schema, depth, writing)

    def _given(self, schema: dict[str, JSON]) -> list[JSON]:
        """Values the schema itself offers, best first."""
        found: list[JSON] = []
        if "const" in schema:
            found.append(schema["const"])
        if isinstance(schema.get("enum"), list):
            found.extend(value for value in schema["enum"] if value is not None)
        if "example" in schema:
            found.append(schema["example"])
        if isinstance(schema.get("examples"), list):
            found.extend(schema["examples"])
        if "default" in schema:
            found.append(schema["default"])
        return found

    def _merge_all_of(self, schema: dict[str, JSON]) -> dict[str, JSON]:
        merged: dict[str, JSON] = {k: v for k, v in schema.items() if k != "allOf"}
        properties: dict[str, JSON] = dict(merged.get("properties") or {})
        required: list[str] = list(merged.get("required") or [])
        for part in schema["allOf"]:
            part = self.resolve(part)
            if not isinstance(part, dict):
                continue
            if "allOf" in part:
                part = self._merge_all_of(part)
            properties.update(part.get("properties") or {})
            required.extend(part.get("required") or [])
            for key, value in part.items():
                if key not in ("properties", "required"):
                    merged.setdefault(key, value)
        if properties:
            merged["properties"] = properties
            merged.setdefault("type", "object")
        if required:
            merged["required"] = list(dict.fromkeys(required))
        return merged

    def _variant(self, schema: dict[str, JSON], key: str, depth: int, writing: bool) -> JSON:
        siblings = {k: v for k, v in schema.items() if k not in ("oneOf", "anyOf", "discriminator")}
        first: JSON = MISSING
        for variant in schema[key]:
            variant = self.resolve(variant)
            if isinstance(variant, dict) and variant.get("type") == "null" and len(schema[key]) > 1:
                continue
            combined = {**siblings, **variant} if isinstance(variant, dict) else variant
            if isinstance(variant, dict) and siblings.get("properties") and variant.get("properties"):
                combined["properties"] = {**siblings["properties"], **variant["properties"]}
                combined["required"] = [*siblings.get("required", []), *variant.get("required", [])]
            value = self.make(combined, depth + 1, writing=writing)
            if value is MISSING:
                continue
            value = self._tag(schema, variant, value)
            if self.checker.is_valid(schema, value):
                return value
            value = self._set_apart(schema, combined, value, depth, writing)
            if self.checker.is_valid(schema, value):
                return value
            if first is MISSING:
                first = value
        return first

    def _set_apart(self, schema: dict[str, JSON], variant: JSON, value: JSON, depth: int, writing: bool) -> JSON:
        """`value` with optional properties of its variant added one by one until it matches the
        `oneOf` once: `{}` fits every variant that requires nothing, and so fits none."""
        variant = self.resolve(variant)
        if not (isinstance(value, dict) and isinstance(variant, dict)):
            return value
        if "allOf" in variant:
            variant = self._merge_all_of(variant)
        for name, prop in (variant.get("properties") or {}).items():
            if name in value:
                continue
            made = self.make(prop, depth + 1, writing=writing)
            if made is MISSING:
                continue
            value = {**value, name: made}
            if self.checker.is_valid(schema, value):
                break
        return value

    def _tag(self, schema: dict[str, JSON], variant: JSON, value: JSON) -> JSON:
        """Set the discriminator property to the variant's mapped value, when there is one."""
        discriminator = schema.get("discriminator")
        if not (isinstance(discriminator, dict) and isinstance(value, dict)):
            return value
        name = discriminator.get("propertyName")
        mapping = discriminator.get("mapping") or {}
        ref = variant.get("$ref") if isinstance(variant, dict) else None
        for tag, target in mapping.items():
            if target == ref and isinstance(name, str):
                return {**value, name: tag}
        return value

    def _typed(self, schema: dict[str, JSON], depth: int, writing: bool) -> JSON:
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind is None:
            kind = _implied_type(schema)
        maker = self._makers().get(str(kind))
        return maker(schema, depth, writing) if maker else "string"

    def _makers(self) -> dict[str, Callable[[dict[str, JSON], int, bool], JSON]]:
        return {
            "string": lambda s, d, w: _string(s),
            "integer": lambda s, d, w: _number(s, integer=True),
            "number": lambda s, d, w: _number(s, integer=False),
            "boolean": lambda s, d, w: True,
            "null": lambda s, d, w: None,
            "array": self._array,
            "object": self._object,
        }

    def _array(self, schema: dict[str, JSON], depth: int, writing: bool) -> JSON:
        count = max(1, int(schema.get("minItems") or 0))
        if schema.get("maxItems") == 0:
            return []
        item = self.make(schema.get("items", True), depth + 1, writing=writing)
        if item is MISSING:
            return [] if not schema.get("minItems") else MISSING
        if count > 1 and schema.get("uniqueItems"):
            if isinstance(item, str):
                return [f"{item}{index}" if index else item for index in range(count)]
            if isinstance(item, int) and not isinstance(item, bool):
                return [item + index for index in range(count)]
        return [copy.deepcopy(item) for _ in range(count)]

    def _object(self, schema: dict[str, JSON], depth: int, writing: bool) -> JSON:
        properties: dict[str, JSON] = schema.get("properties") or {}
        value: dict[str, JSON] = {}
        for name in schema.get("required") or []:
            prop = self.resolve(properties.get(name, True))
            if writing and isinstance(prop, dict) and prop.get("readOnly"):
                continue
            made = self.make(prop, depth + 1, writing=writing)
            if made is MISSING:
                return MISSING
            value[name] = made
        minimum = int(schema.get("minProperties") or 0)
        for name, prop in properties.items():
            if len(value) >= minimum:
                break
            if name not in value:
                made = self.make(prop, depth + 1, writing=writing)
                if made is not MISSING:
                    value[name] = made
        extra = schema.get("additionalProperties", True)
        index = 1
        while len(value) < minimum and extra is not False and index <= minimum:
            made = self.make(extra, depth + 1, writing=writing)  # a map: keys of our choosing
            if made is MISSING:
                break
            value[f"key{index}"] = made
            index += 1
        return value


def _implied_type(schema: dict[str, JSON]) -> str:
    if "properties" in schema or "additionalProperties" in schema or "required" in schema:
        return "object"
    if "items" in schema:
        return "array"
    if any(k in schema for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")):
        return "number"
    return "string"


def _string(schema: dict[str, JSON]) -> JSON:
    min_length = int(schema.get("minLength") or 0)
    max_length = schema.get("maxLength")
    max_length = int(max_length) if isinstance(max_length, int | float) else None
    text = _FORMATS.get(str(schema.get("format")), "string")
    pattern = schema.get("pattern")
    if isinstance(pattern, str) and not _fits(text, pattern, min_length, max_length):
        found = _string_for_pattern(pattern, min_length, max_length)
        return found if found is not None else text
    if len(text) < min_length:
        text = text + "a" * (min_length - len(text))
    if max_length is not None and len(text) > max_length:
        text = text[:max_length]
    return text


def _number(schema: dict[str, JSON], *, integer: bool) -> JSON:
    low, high = schema.get("minimum"), schema.get("maximum")
    exclusive_low, exclusive_high = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    step = 1 if integer else 0.5
    candidates: list[float] = []
    if isinstance(low, int | float) and not isinstance(low, bool):
        candidates.append(low)
    if isinstance(exclusive_low, int | float) and not isinstance(exclusive_low, bool):
        candidates.append(exclusive_low + step)
    value: float = max(candidates) if candidates else 1
    ceiling = [v for v in (high,) if isinstance(v, int | float) and not isinstance(v, bool)]
    ceiling += [v - step for v in (exclusive_high,) if isinstance(v, int | float) and not isinstance(v, bool)]
    if ceiling and value > min(ceiling):
        value = min(ceiling)
    multiple = schema.get("multipleOf")
    if isinstance(multiple, int | float) and multiple > 0 and not isinstance(multiple, bool):
        value = -(-value // multiple) * multiple
    if integer:
        return int(value)
    return float(value)
