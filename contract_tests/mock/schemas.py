"""Compiled JSON Schema validators and readable validation problems.

Every schema the mock checks is an IR fragment made standalone (`Api.standalone_schema`) and
validated as JSON Schema Draft 2020-12. Validity is decided by a compiled validator
(`jsonschema_rs` when installed: about a hundred times faster than the pure-Python one, and
the mock is benchmarked); the explanation of an invalid instance comes from `jsonschema`,
whose error tree lets us name the broken field and keyword precisely, e.g. the variant a
discriminator selects. Both use the same format checks (`FORMAT_CHECKS`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import jsonschema

from generator.ir.rule_engine import check_rules, field_group_rules

from .ascii_numbers import ascii_digits

jsonschema_rs: Any
try:  # optional accelerator; results are identical, only faster
    import jsonschema_rs
except ImportError:  # pragma: no cover - exercised only without the package
    jsonschema_rs = None

JSON = Any

# RFC 3986: ASCII only, `%` followed by two hex digits; an IRI (RFC 3987) also takes non-ASCII
# characters, but never a control character (C0, DEL, C1) or a space.
_URI_CHARS = r"A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%"
_SCHEME = r"[A-Za-z][A-Za-z0-9+.\-]*:"
_URI = re.compile(f"{_SCHEME}[{_URI_CHARS}]*")
_IRI = re.compile(f"{_SCHEME}[{_URI_CHARS}\\u00a0-\\U0010ffff]*")
_URI_REFERENCE = re.compile(f"[{_URI_CHARS}]*")
_IRI_REFERENCE = re.compile(f"[{_URI_CHARS}\\u00a0-\\U0010ffff]*")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _uri_check(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda value: pattern.fullmatch(value) is not None and _BAD_PERCENT.search(value) is None


_EMAIL = re.compile(r"[^\s@]+@[^\s@]+")
_HOSTNAME = re.compile(
    r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)
# `re.ASCII`: `\d` is 0-9 (without it, also '٣' and '３': `time` checks only the regex past `HH:MM:SS`).
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})", re.ASCII)
_TIME = re.compile(r"\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})", re.ASCII)


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _is_uuid(value: str) -> bool:
    return _UUID.fullmatch(value) is not None


def _is_date_time(value: str) -> bool:
    if not _DATE_TIME.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _is_time(value: str) -> bool:
    if not _TIME.fullmatch(value):
        return False
    try:
        time.fromisoformat(value[:8])
    except ValueError:
        return False
    return True


def _is_ipv4(value: str) -> bool:
    parts = value.split(".")
    return len(parts) == 4 and all(len(p) <= 3 and ascii_digits(p) and str(int(p)) == p and int(p) < 256 for p in parts)


# Format name -> check. Unknown formats are annotations, as JSON Schema 2020-12 says.
FORMAT_CHECKS: dict[str, Callable[[str], bool]] = {
    "uuid": _is_uuid,
    "date-time": _is_date_time,
    "date": _is_date,
    "time": _is_time,
    "uri": _uri_check(_URI),
    "url": _uri_check(_URI),
    "iri": _uri_check(_IRI),
    "uri-reference": _uri_check(_URI_REFERENCE),
    "iri-reference": _uri_check(_IRI_REFERENCE),
    "email": lambda v: bool(_EMAIL.fullmatch(v)),
    "idn-email": lambda v: bool(_EMAIL.fullmatch(v)),
    "hostname": lambda v: bool(_HOSTNAME.fullmatch(v)),
    "ipv4": _is_ipv4,
}


def _format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker(formats=())
    for name, check in FORMAT_CHECKS.items():
        checker.checks(name)(lambda value, check=check: not isinstance(value, str) or check(value))
    return checker


PY_FORMAT_CHECKER = _format_checker()

# Integer formats of the OpenAPI format registry, enforced as the bounds they stand for.
INTEGER_FORMATS: dict[str, tuple[int, int]] = {
    "int8": (-(2**7), 2**7 - 1),
    "int16": (-(2**15), 2**15 - 1),
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
    "uint8": (0, 2**8 - 1),
    "uint16": (0, 2**16 - 1),
    "uint32": (0, 2**32 - 1),
    "uint64": (0, 2**64 - 1),
}


def bound_integer_formats(schema: JSON) -> JSON:
    """`schema` with `minimum`/`maximum` added where an integer `format` implies tighter bounds.

    A copy is made only along the paths that change. `minimum` applies to numbers only, so a
    string with `format: int64` (a common way to carry big ids) is unaffected.
    """
    if isinstance(schema, list):
        items = [bound_integer_formats(item) for item in schema]
        return items if any(a is not b for a, b in zip(items, schema, strict=True)) else schema
    if not isinstance(schema, dict):
        return schema
    changed = {
        key: bound_integer_formats(value)
        for key, value in schema.items()
        if key not in ("enum", "const", "example", "examples", "default")
    }
    result = schema
    if any(changed[key] is not schema[key] for key in changed):
        result = {**schema, **changed}
    bounds = INTEGER_FORMATS.get(schema["format"]) if isinstance(schema.get("format"), str) else None
    if bounds is not None:
        low, high = bounds
        minimum, maximum = schema.get("minimum"), schema.get("maximum")
        result = dict(result)
        if not isinstance(minimum, int | float) or minimum < low:
            result["minimum"] = low
        if not isinstance(maximum, int | float) or maximum > high:
            result["maximum"] = high
    return result


def quote(value: JSON, limit: int = 60) -> str:
    """`repr(value)` cut to about `limit` characters: error messages never echo a whole value."""
    if isinstance(value, str) and len(value) > limit:
        return repr(value[:limit]) + f"... ({len(value)} characters)"
    if isinstance(value, list | dict) and len(value) > 8:
        kind = "items" if isinstance(value, list) else "properties"
        return f"<{'array' if isinstance(value, list) else 'object'} of {len(value)} {kind}>"
    text = repr(value)
    return text if len(text) <= limit else text[: max(limit - 3, 1)] + "..."


def _bounded(message: str, instance: JSON, limit: int, *reprs: Callable[[JSON], str]) -> str:
    """A validator's message with the whole instance it starts with replaced by a short quote."""
    if len(message) <= 3 * limit + 60:
        return message
    for render in reprs:
        try:
            text = render(instance)
        except (TypeError, ValueError):
            continue
        if message.startswith(text):
            return quote(instance, limit) + message[len(text) :][: 2 * limit]
    return message[: 3 * limit] + "..."


def _json_text(value: JSON) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason a value is invalid: where (a location such as `body#/to/0`) and which rule."""

    where: str
    message: str
    rule: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message} [{self.rule}]"


def join_pointer(pointer: str, *tokens: Any) -> str:
    for token in tokens:
        pointer += "/" + str(token).replace("~", "~0").replace("/", "~1")
    return pointer


class CompiledSchema:
    """One schema compiled once: `is_valid` on the hot path, `problems` when it fails."""

    __slots__ = ("_fast", "_slow", "quote_limit", "schema")

    def __init__(self, schema: JSON, quote_limit: int = 60) -> None:
        # Already JSON Schema 2020-12 (the IR builder converted 3.0 keywords); integer formats
        # become the bounds they imply.
        self.schema = bound_integer_formats(schema)
        self.quote_limit = quote_limit
        self._slow: jsonschema.Draft202012Validator | None = None
        self._fast: Any = None
        if jsonschema_rs is not None:
            try:
                self._fast = jsonschema_rs.Draft202012Validator(
                    self.schema, validate_formats=True, formats=dict(FORMAT_CHECKS), ignore_unknown_formats=True
                )
            except Exception:  # a schema the Rust validator rejects still works, slowly
                self._fast = None

    @property
    def slow(self) -> jsonschema.Draft202012Validator:
        if self._slow is None:
            self._slow = jsonschema.Draft202012Validator(self.schema, format_checker=PY_FORMAT_CHECKER)
        return self._slow

    def is_valid(self, instance: JSON) -> bool:
        if self._fast is not None:
            return bool(self._fast.is_valid(instance))
        return bool(self.slow.is_valid(instance))

    def problems(self, instance: JSON, where: str = "", *, first_only: bool = False) -> list[Problem]:
        """Readable problems, most specific first; empty when the instance is valid.

        `first_only`: just the first problem the compiled validator meets, for instances too
        large to explain in Python (the explanation costs about 30 us per JSON value).
        """
        limit = self.quote_limit
        if first_only and self._fast is not None:
            return self._first_fast_problem(instance, where)
        try:
            errors = sorted(self.slow.iter_errors(instance), key=lambda e: list(e.absolute_path))
        except RecursionError:  # nesting the pure-Python validator cannot follow
            return self._first_fast_problem(instance, where) if self._fast is not None else []
        problems: list[Problem] = []
        for error in errors:
            problems.extend(_explain(error, where, limit))
        if not problems and self._fast is not None:
            for fast_error in self._fast.iter_errors(instance):
                pointer = join_pointer("", *fast_error.instance_path)
                message = _bounded(fast_error.message, fast_error.instance, limit, _json_text)
                problems.append(Problem(_where(where, pointer), message, str(fast_error.schema_path[-1])))
        return problems

    def _first_fast_problem(self, instance: JSON, where: str) -> list[Problem]:
        try:
            self._fast.validate(instance)
        except jsonschema_rs.ValidationError as error:
            pointer = join_pointer("", *error.instance_path)
            rule = str(error.schema_path[-1]) if error.schema_path else "schema"
            return [Problem(_where(where, pointer), _fast_message(error, self.quote_limit), rule)]
        return []


def _fast_message(error: Any, limit: int) -> str:
    """The compiled validator's message, without the whole instance it starts with."""
    kind, instance = error.kind, error.instance
    size = len(instance) if isinstance(instance, str | list | dict) else 0
    bound = getattr(kind, "limit", None)
    match type(kind).__name__:
        case "MaxItems":
            return f"has {size} items, more than {bound}"
        case "MinItems":
            return f"has {size} items, fewer than {bound}"
        case "MaxLength":
            return f"{quote(instance, limit)} is longer than {bound} characters"
        case "MinLength":
            return f"{quote(instance, limit)} is shorter than {bound} characters"
        case "MaxProperties":
            return f"has {size} properties, more than {bound}"
        case _:
            return _bounded(error.message, instance, limit, _json_text)


def _where(where: str, pointer: str) -> str:
    if where.startswith(("body", "response")):
        return f"{where}#{pointer}" if pointer else where
    return where + pointer.replace("/", ".") if pointer else where


def _is_constraint_only(variants: Iterable[JSON]) -> bool:
    return all(isinstance(v, dict) and set(v) <= {"required", "description", "title"} for v in variants)


def _explain(error: jsonschema.ValidationError, where: str, limit: int) -> list[Problem]:
    """Turn one jsonschema error into problems, descending into unions to the real cause."""
    pointer = join_pointer("", *error.absolute_path)
    keyword = str(error.validator)
    schema = error.schema if isinstance(error.schema, dict) else {}
    instance = error.instance
    if keyword == "required" and isinstance(instance, dict):
        missing = [name for name in error.validator_value if name not in instance]
        return [Problem(_where(where, join_pointer(pointer, name)), "is required", "required") for name in missing]
    if keyword in ("oneOf", "anyOf"):
        variants = schema.get(keyword) or []
        if variants and _is_constraint_only(variants):
            # A field group: explained by the rule engine's check of it, as the clients do.
            groups = [list(v.get("required") or []) for v in variants]
            if keyword == "oneOf":
                rules = field_group_rules(exactly_one_of=groups)
            else:
                rules = field_group_rules(at_least_one_of=groups)
            broken = check_rules(rules, instance, pointer)
            if broken:
                return [Problem(_where(where, v.pointer), v.message, v.rule_id) for v in broken]
        chosen = _discriminated_branch(schema, keyword, instance)
        if chosen is not None:
            branch, prop, allowed = chosen
            if branch is None:
                value = instance.get(prop) if isinstance(instance, dict) else None
                return [
                    Problem(
                        _where(where, join_pointer(pointer, prop)),
                        f"{quote(value, limit)} is not one of {allowed}",
                        "discriminator",
                    )
                ]
            causes = [c for c in error.context or () if c.relative_schema_path and c.relative_schema_path[0] == branch]
            if causes:
                return [p for cause in _deepest(causes) for p in _explain(cause, where, limit)]
        causes = list(error.context or ())
        if causes:
            # Without a discriminator, explain by the branch that got furthest.
            by_branch: dict[int, list[jsonschema.ValidationError]] = {}
            for cause in causes:
                by_branch.setdefault(int(cause.relative_schema_path[0]), []).append(cause)
            best = max(by_branch.values(), key=lambda errs: (max(len(e.absolute_path) for e in errs), -len(errs)))
            if max(len(e.absolute_path) for e in best) > len(error.absolute_path):
                return [p for cause in _deepest(best) for p in _explain(cause, where, limit)]
        return [
            Problem(_where(where, pointer), f"{quote(instance, limit)} matches none of the allowed shapes", keyword)
        ]
    if keyword == "enum":
        return [
            Problem(_where(where, pointer), f"{quote(instance, limit)} is not one of {error.validator_value}", "enum")
        ]
    if keyword == "const":
        return [Problem(_where(where, pointer), f"{quote(instance, limit)} must be {error.validator_value!r}", "const")]
    if keyword == "format":
        return [
            Problem(
                _where(where, pointer), f"{quote(instance, limit)} is not a valid {error.validator_value}", "format"
            )
        ]
    if keyword == "additionalProperties" and isinstance(instance, dict):
        known = set(schema.get("properties") or {})
        extra = [name for name in instance if name not in known]
        return [Problem(_where(where, join_pointer(pointer, name)), "is not allowed here", keyword) for name in extra]
    return [Problem(_where(where, pointer), _bounded(error.message, instance, limit, repr), keyword)]


def _deepest(errors: list[jsonschema.ValidationError]) -> list[jsonschema.ValidationError]:
    depth = max(len(e.absolute_path) for e in errors)
    return [e for e in errors if len(e.absolute_path) == depth]


def _discriminated_branch(
    schema: dict[str, JSON], keyword: str, instance: JSON
) -> tuple[int | None, str, list[str]] | None:
    """(index of the branch the discriminator selects or None, property, allowed values)."""
    discriminator = schema.get("discriminator")
    if not isinstance(discriminator, dict) or not isinstance(instance, dict):
        return None
    prop = str(discriminator.get("propertyName"))
    mapping = discriminator.get("mapping") or {}
    variants = schema.get(keyword) or []
    refs = [v.get("$ref") if isinstance(v, dict) else None for v in variants]
    if not mapping:
        mapping = {ref.rsplit("/", 1)[-1]: ref for ref in refs if ref}
    target = mapping.get(instance.get(prop)) if isinstance(instance.get(prop), str) else None
    if target is None:
        return None, prop, list(mapping)
    target = target if "/" in target else f"#/components/schemas/{target}"
    return (refs.index(target) if target in refs else None), prop, list(mapping)


class SchemaCache:
    """Compiled validators of an API's fragments, shared by every operation (compiled once)."""

    def __init__(self, standalone: Callable[[str], dict[str, JSON]], quote_limit: int = 60) -> None:
        self._standalone = standalone
        self.quote_limit = quote_limit
        self._compiled: dict[str, CompiledSchema] = {}

    def get(self, schema_json: str) -> CompiledSchema:
        compiled = self._compiled.get(schema_json)
        if compiled is None:
            compiled = self._compiled[schema_json] = CompiledSchema(self._standalone(schema_json), self.quote_limit)
        return compiled

    def model(self, name: str) -> CompiledSchema:
        return self.get('{"$ref":"#/components/schemas/' + name + '"}')
