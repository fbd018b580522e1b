"""What changed for the users of a generated client between two versions of a spec.

A vendor changes its API, the spec follows, the client is regenerated: this module says what that
means for code written against the previous client. The answer is a `ChangeReport` of `Change`s,
each one of:

- `breaking`: code that worked may now fail (or silently get something else): fix it, major bump;
- `addition`: new capability, nothing to fix: minor bump;
- `other`: worth a CHANGELOG line, nothing to fix.

Two sources are compared, then merged:

- `spec` (`diff_apis`): the two IRs. Subjects are spelled as users meet them in the client:
  `client.chats.create()`, `client.chats.create(handle=)`, `Chat.handle`, `ChatStatus`, `client`
  (for what concerns every call: auth, base URL).
- `python-api` (`api_surface`, `diff_surfaces`): the public Python API of the two packages, read
  with griffe. It catches what the generator changed by itself (and a hand edit of generated
  code). `merge` drops a Python API change that restates a spec change.

Classification rules. The question is always "what happens to a call, or to code reading a
result, that worked with the previous client":

Operations (matched by HTTP method and path, path parameter names ignored; failing that, by
method name): removed -> breaking; added -> addition; same endpoint under another client method
(`x-sdk-method`) -> breaking `operation-renamed`; newly deprecated, new HTTP path -> other.
Resources (`client.chats`) appearing or disappearing with their methods: addition / breaking.

Arguments (path, query and header parameters, and the fields of an object request body, which
the client flattens into keyword arguments): removed, renamed, new required, optional to
required -> breaking; new optional -> addition; required to optional, moved between query,
header and body, server default changed, deprecated -> other. Their types are judged as request
types (below).

Types, as a request (what callers send): narrowing is breaking (an enum value removed, a
constraint tightened: lower maxLength / maximum / maxItems, higher minLength / minimum /
minItems, a new or changed pattern or multipleOf, items now unique, None no longer accepted, a
different kind of type or model, a union variant removed); widening is not (enum value or union
variant added -> addition; constraint loosened, None now accepted, integer to number -> other).
As a response (what callers read): a different kind of type or model, a value that may now be
None -> breaking; an enum value added -> other, because generated enums accept unknown values
(code branching on the value should handle it); an enum value removed, constraints changed ->
other; a union variant added -> other when the union is discriminated (older clients parse it as
an unknown variant), breaking otherwise. A `date`/`date-time` format appearing or going away
changes the Python type: breaking.

Model fields (`Chat.handle`) of models reachable from a request: removed, renamed, new required,
optional to required -> breaking; new optional -> addition. Reachable from a response: removed,
renamed, required to optional -> breaking (callers now get None); new field -> addition. A model
reachable from both gets the stricter outcome. A field removed and one added with the same type
in the same model are reported as one rename. The fields of a model used only as a flattened
request body are reported once, as arguments, not again as model fields.

Models (the classes of `types`): removed, renamed (same place in the spec, new name) ->
breaking; added -> addition; kind changed (object, enum, union, alias) -> breaking. Business
rules (`x-rules`) and required groups (`oneOf`/`anyOf` of `required`, `if`/`then`) on models
reachable from a request: new or tightened -> breaking (calls that passed now fail before being
sent); removed or loosened -> other. On response-only models they are informational (other).

Responses: success type changed incompatibly or gone -> breaking; a success body appearing ->
addition; success status changed, error responses added or removed -> other. Pagination added
-> addition; removed, or its style, parameters or fields changed -> breaking.

Auth: a security scheme removed or changed (kind, location, parameter name, HTTP scheme), or the
schemes an operation requires changed -> breaking; a scheme added -> addition. The default base
URL changed -> other.

Python API (griffe): an object removed, a kind changed (class to function, method to property,
sync to async), a parameter removed, renamed, moved, changed kind or made required, a new
required parameter, a removed base class, a type annotation changed (parameter, return value,
attribute, type alias) -> breaking; a new object or optional parameter -> addition; a default,
value or re-export target changed, a base class added -> other. The same change on the sync and
async classes and on the raw/streaming response views of a resource is reported once.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal, TypeVar, assert_never, cast

import griffe
from packaging.utils import canonicalize_name

from generator.config import ConfigError, Target, load_targets, target_for_spec
from generator.document.loader import join_pointer
from generator.emit.python_types import annotation
from generator.ir import naming
from generator.ir.build import build_api
from generator.ir.model import (
    AnyType,
    Api,
    ArrayOf,
    BooleanType,
    Constraints,
    Field,
    IntegerType,
    LiteralOf,
    MapOf,
    Model,
    ModelRef,
    NullType,
    NumberType,
    Operation,
    SecurityScheme,
    StringType,
    TypeRef,
    UnionOf,
    constraints_of,
    is_nullable,
    models_in,
    with_nullable,
)

Severity = Literal["breaking", "addition", "other"]
Level = Literal["breaking", "addition", "other", "none"]
ChangeSource = Literal["spec", "python-api"]
Direction = Literal["request", "response"]

SEVERITIES: tuple[Severity, ...] = ("breaking", "addition", "other")
_RANK: dict[str, int] = {severity: rank for rank, severity in enumerate(SEVERITIES)}
_T = TypeVar("_T")


# --- the report ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    """One change, in the terms of the generated client's user.

    `old` and `new` hold the two sides where a value applies (a type, a name, a URL). `related`
    lists other subjects under which the same fact shows (the model field behind a body
    argument, the new name of something renamed): `merge` uses them to recognise a Python API
    change as a restatement of a spec change.
    """

    severity: Severity
    kind: str
    subject: str
    message: str
    source: ChangeSource
    pointer: str | None = None
    old: str | None = None
    new: str | None = None
    related: tuple[str, ...] = ()

    def sort_key(self) -> tuple[int, str, str, str, str]:
        return (_RANK[self.severity], self.subject, self.kind, self.source, self.message)

    def to_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "kind": self.kind,
            "subject": self.subject,
            "message": self.message,
            "source": self.source,
            "pointer": self.pointer,
            "old": self.old,
            "new": self.new,
            "related": list(self.related),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Change:
        return cls(
            severity=data["severity"],
            kind=data["kind"],
            subject=data["subject"],
            message=data["message"],
            source=data["source"],
            pointer=data.get("pointer"),
            old=data.get("old"),
            new=data.get("new"),
            related=tuple(data.get("related") or ()),
        )


@dataclass(frozen=True, slots=True)
class ChangeReport:
    """The changes between two versions, de-duplicated and in a fixed order.

    The order (severity, then subject, then kind) is applied on construction, so that equal
    inputs give byte-identical text and JSON whoever builds the report.
    """

    old_label: str
    new_label: str
    changes: tuple[Change, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", tuple(sorted(dict.fromkeys(self.changes), key=Change.sort_key)))

    def _of(self, severity: Severity) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.severity == severity)

    @property
    def breaking(self) -> tuple[Change, ...]:
        return self._of("breaking")

    @property
    def additions(self) -> tuple[Change, ...]:
        return self._of("addition")

    @property
    def others(self) -> tuple[Change, ...]:
        return self._of("other")

    @property
    def level(self) -> Level:
        """The highest severity present: what the next version number must say."""
        return next((s for s in SEVERITIES if self._of(s)), "none")

    def to_json(self) -> dict[str, Any]:
        return {
            "old": self.old_label,
            "new": self.new_label,
            "level": self.level,
            "counts": {severity: len(self._of(severity)) for severity in SEVERITIES},
            "changes": [change.to_json() for change in self.changes],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ChangeReport:
        return cls(data["old"], data["new"], tuple(Change.from_json(c) for c in data["changes"]))

    def to_markdown(self, heading_level: int = 3) -> str:
        """CHANGELOG sections: breaking changes, additions, other changes, one bullet each."""
        if not self.changes:
            return f"No changes for users of the generated client between {self.old_label} and {self.new_label}.\n"
        hashes = "#" * heading_level
        sections = []
        for severity, title in (("breaking", "Breaking changes"), ("addition", "Added"), ("other", "Changed")):
            bullets = [_bullet(c) for c in self.changes if c.severity == severity]
            if bullets:
                sections.append(f"{hashes} {title}\n\n" + "\n".join(bullets) + "\n")
        return "\n".join(sections)


def _bullet(change: Change) -> str:
    origin = " _(Python API)_" if change.source == "python-api" else ""
    return f"- `{change.subject}`: {change.message}{origin}"


# --- spec level: judging types --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Finding:
    """A change of one aspect (`fact`) of a type, field or argument, judged for one direction."""

    fact: str
    kind: str
    severity: Severity
    message: str
    old: str | None = None
    new: str | None = None


@dataclass(frozen=True, slots=True)
class _Context:
    """The two APIs, and which old model became which new one (renamed models included)."""

    old: Api
    new: Api
    renames: Mapping[str, str]

    def same_model(self, old_name: str | None, new_name: str | None) -> bool:
        return old_name is not None and self.renames.get(old_name) == new_name


_BOUNDS: tuple[tuple[str, str, bool], ...] = (
    ("max_length", "maxLength", True),
    ("maximum", "maximum", True),
    ("exclusive_maximum", "exclusiveMaximum", True),
    ("max_items", "maxItems", True),
    ("min_length", "minLength", False),
    ("minimum", "minimum", False),
    ("exclusive_minimum", "exclusiveMinimum", False),
    ("min_items", "minItems", False),
)
_PYTHON_TYPED_FORMATS = frozenset({"date", "date-time"})


def _renamed(type_: TypeRef, renames: Mapping[str, str]) -> TypeRef:
    """`type_` with old model names replaced by their new names, to compare with a new type."""
    match type_:
        case ModelRef(name=name):
            return dataclasses.replace(type_, name=renames.get(name, name))
        case ArrayOf(items=items):
            return dataclasses.replace(type_, items=_renamed(items, renames))
        case MapOf(values=values):
            return dataclasses.replace(type_, values=_renamed(values, renames))
        case UnionOf(variants=variants, discriminator=discriminator):
            if discriminator is not None:
                mapping = tuple((tag, renames.get(m, m)) for tag, m in discriminator.mapping)
                discriminator = dataclasses.replace(discriminator, mapping=mapping)
            variants = tuple(_renamed(v, renames) for v in variants)
            return dataclasses.replace(type_, variants=variants, discriminator=discriminator)
        case StringType() | IntegerType() | NumberType() | BooleanType() | NullType() | LiteralOf() | AnyType():
            return type_
        case _:
            assert_never(type_)


def _spell(type_: TypeRef, direction: Direction = "response") -> str:
    return annotation(type_, direction=direction)


def _type_findings(old: TypeRef, new: TypeRef, direction: Direction, ctx: _Context) -> list[_Finding]:
    """How a value of type `old` and one of type `new` differ for a caller, in one direction."""
    if _renamed(old, ctx.renames) == new:
        return []
    found = _nullability(old, new, direction)
    before, after = with_nullable(old, False), with_nullable(new, False)
    if type(before) is not type(after):
        return found + _kind_findings(before, after, direction, ctx)
    # In each case `after` is of the same class as `before`.
    match before:
        case ModelRef(name=name):
            assert isinstance(after, ModelRef)
            if not ctx.same_model(name, after.name):
                found.append(_type_changed(before, after, direction))
            return found
        case LiteralOf(values=values):
            assert isinstance(after, LiteralOf)
            found += _value_findings(values, after.values, direction)
        case ArrayOf(items=items):
            assert isinstance(after, ArrayOf)
            found += _part_findings("items", items, after.items, direction, ctx)
        case MapOf(values=values):
            assert isinstance(after, MapOf)
            found += _part_findings("values", values, after.values, direction, ctx)
        case UnionOf():
            assert isinstance(after, UnionOf)
            found += _variant_findings(before, after, direction, ctx)
        case StringType() | IntegerType() | NumberType() | BooleanType() | NullType() | AnyType():
            pass
        case _:
            assert_never(before)
    if _format(before) != _format(after):
        found.append(_format_finding(before, after, direction))
    return found + _constraint_findings(constraints_of(before), constraints_of(after), direction)


def _part_findings(part: str, old: TypeRef, new: TypeRef, direction: Direction, ctx: _Context) -> list[_Finding]:
    """Findings on an array's items or a map's values, named after that part."""
    inner = _type_findings(old, new, direction, ctx)
    return [dataclasses.replace(f, fact=f"{part}.{f.fact}", message=f"{part}: {f.message}") for f in inner]


def _format(type_: TypeRef) -> str | None:
    return type_.format if isinstance(type_, StringType | IntegerType | NumberType) else None


def _nullability(old: TypeRef, new: TypeRef, direction: Direction) -> list[_Finding]:
    if is_nullable(old) == is_nullable(new) or isinstance(old, AnyType) or isinstance(new, AnyType):
        return []
    if is_nullable(new):
        if direction == "request":
            return [_Finding("nullable", "nullable-added", "other", "now accepts None")]
        return [_Finding("nullable", "nullable-added", "breaking", "may now be None: code reading it must handle None")]
    if direction == "request":
        return [_Finding("nullable", "nullable-removed", "breaking", "no longer accepts None")]
    return [_Finding("nullable", "nullable-removed", "other", "is never None any more")]


def _type_changed(old: TypeRef, new: TypeRef, direction: Direction, why: str = "") -> _Finding:
    before, after = _spell(old, direction), _spell(new, direction)
    return _Finding(
        "type", "type-changed", "breaking", f"type changed from `{before}` to `{after}`{why}", before, after
    )


def _literal_kind(values: tuple[Any, ...]) -> type[StringType | IntegerType | BooleanType] | None:
    """The scalar type whose values these all are (strings, integers or booleans), if any."""
    if values and all(isinstance(v, str) for v in values):
        return StringType
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return IntegerType
    if values and all(isinstance(v, bool) for v in values):
        return BooleanType
    return None


def _enum_values(type_: TypeRef, api: Api) -> tuple[Any, ...] | None:
    if isinstance(type_, LiteralOf):
        return type_.values
    if isinstance(type_, ModelRef) and type_.name in api.model_map and api.model(type_.name).kind == "enum":
        return api.model(type_.name).enum_values
    return None


def _kind_findings(old: TypeRef, new: TypeRef, direction: Direction, ctx: _Context) -> list[_Finding]:
    """A different kind of type: mostly breaking, except the widenings a caller cannot notice."""
    old_values, new_values = _enum_values(old, ctx.old), _enum_values(new, ctx.new)
    before, after = _spell(old, direction), _spell(new, direction)
    if old_values is not None and new_values is not None:
        # An inline enum became a named one, or the reverse: what matters is the values.
        renamed = _Finding("type", "type-changed", "other", f"type changed from `{before}` to `{after}`", before, after)
        return [renamed, *_value_findings(old_values, new_values, direction)]
    if direction == "request" and (
        isinstance(new, AnyType)
        or (isinstance(old, IntegerType) and isinstance(new, NumberType))
        or (isinstance(old, LiteralOf) and type(new) is _literal_kind(old.values))
    ):
        return [_Finding("type", "type-widened", "other", f"type widened from `{before}` to `{after}`", before, after)]
    if direction == "response" and (
        (isinstance(old, NumberType) and isinstance(new, IntegerType))
        or (isinstance(old, LiteralOf) and type(new) is _literal_kind(old.values))
        or (isinstance(new, LiteralOf) and type(old) is _literal_kind(new.values))
    ):
        return [_Finding("type", "type-changed", "other", f"type changed from `{before}` to `{after}`", before, after)]
    return [_type_changed(old, new, direction)]


def _values_text(values: Sequence[Any]) -> str:
    return ", ".join(f"`{json.dumps(v, ensure_ascii=False)}`" for v in values)


def _value_findings(old: tuple[Any, ...], new: tuple[Any, ...], direction: Direction) -> list[_Finding]:
    if len(old) == 1 and len(new) == 1 and old != new:
        before, after = json.dumps(old[0]), json.dumps(new[0])
        return [
            _Finding("type", "type-changed", "breaking", f"constant changed from {before} to {after}", before, after)
        ]
    removed = [v for v in old if v not in new]
    added = [v for v in new if v not in old]
    found = []
    if removed:
        text = _values_text(removed)
        if direction == "request":
            found.append(_Finding("values-removed", "enum-value-removed", "breaking", f"no longer accepts {text}"))
        else:
            found.append(_Finding("values-removed", "enum-value-removed", "other", f"{text} no longer returned"))
    if added:
        text = _values_text(added)
        if direction == "request":
            found.append(_Finding("values-added", "enum-value-added", "addition", f"now also accepts {text}"))
        else:
            message = (
                f"may now be {text}; not breaking: generated enums accept unknown values "
                "(code that branches on the value should handle it)"
            )
            found.append(_Finding("values-added", "enum-value-added", "other", message))
    return found


def _variant_findings(old: UnionOf, new: UnionOf, direction: Direction, ctx: _Context) -> list[_Finding]:
    found = []
    if old.discriminator and new.discriminator and old.discriminator.property != new.discriminator.property:
        message = f"variants told apart by `{new.discriminator.property}` instead of `{old.discriminator.property}`"
        found.append(_Finding("discriminator", "type-changed", "breaking", message))
    before = {_spell(_renamed(v, ctx.renames), direction) for v in old.variants}
    after = {_spell(v, direction) for v in new.variants}
    for text in sorted(before - after):
        if direction == "request":
            found.append(
                _Finding(f"variant {text}", "union-variant-removed", "breaking", f"no longer accepts `{text}`")
            )
        else:
            found.append(_Finding(f"variant {text}", "union-variant-removed", "other", f"`{text}` no longer returned"))
    for text in sorted(after - before):
        if direction == "request":
            found.append(_Finding(f"variant {text}", "union-variant-added", "addition", f"now also accepts `{text}`"))
        elif new.discriminator is not None:
            message = f"may now be `{text}` (older clients parse it as an unknown variant)"
            found.append(_Finding(f"variant {text}", "union-variant-added", "other", message))
        else:
            message = f"may now be `{text}`: code reading it must handle that type"
            found.append(_Finding(f"variant {text}", "union-variant-added", "breaking", message))
    return found


def _format_finding(old: TypeRef, new: TypeRef, direction: Direction) -> _Finding:
    old_format, new_format = _format(old), _format(new)
    if {old_format, new_format} & _PYTHON_TYPED_FORMATS:
        return _type_changed(old, new, direction, f" (format {old_format or 'none'} -> {new_format or 'none'})")
    message = f"format changed from {old_format or 'none'} to {new_format or 'none'}"
    return _Finding("format", "format-changed", "other", message, old_format, new_format)


def _number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _constraint_findings(old: Constraints, new: Constraints, direction: Direction) -> list[_Finding]:
    found = []
    for attribute, keyword, upper in _BOUNDS:
        a, b = getattr(old, attribute), getattr(new, attribute)
        if a == b:
            continue
        tightened = b is not None and (a is None or (b < a if upper else b > a))
        if a is None:
            text = f"{keyword} {_number(b)} added"
        elif b is None:
            text = f"{keyword} {_number(a)} removed"
        else:
            text = f"{keyword} {'lowered' if b < a else 'raised'} from {_number(a)} to {_number(b)}"
        found.append(_constraint(keyword, tightened, text, direction, a, b))
    if old.pattern != new.pattern:
        if old.pattern is None:
            text = f"pattern `{new.pattern}` added"
        elif new.pattern is None:
            text = f"pattern `{old.pattern}` removed"
        else:
            text = f"pattern changed from `{old.pattern}` to `{new.pattern}`"
        found.append(_constraint("pattern", new.pattern is not None, text, direction, old.pattern, new.pattern))
    if old.multiple_of != new.multiple_of:
        text = f"multipleOf changed from {_number(old.multiple_of)} to {_number(new.multiple_of)}"
        found.append(
            _constraint("multipleOf", new.multiple_of is not None, text, direction, old.multiple_of, new.multiple_of)
        )
    if old.unique_items != new.unique_items:
        text = "items must now be unique" if new.unique_items else "items no longer need to be unique"
        found.append(_constraint("uniqueItems", new.unique_items, text, direction, old.unique_items, new.unique_items))
    return found


def _constraint(keyword: str, tightened: bool, text: str, direction: Direction, old: Any, new: Any) -> _Finding:
    before = None if old is None else _number(old)
    after = None if new is None else _number(new)
    if direction == "request" and tightened:
        message = f"{text}: values accepted before may now be rejected"
        return _Finding(keyword, "constraint-tightened", "breaking", message, before, after)
    return _Finding(
        keyword, "constraint-tightened" if tightened else "constraint-loosened", "other", text, before, after
    )


def _strictest(groups: Iterable[Sequence[_Finding]]) -> list[_Finding]:
    """One finding per fact: the most severe of the directions a model is used in."""
    chosen: dict[str, _Finding] = {}
    for findings in groups:
        for finding in findings:
            current = chosen.get(finding.fact)
            if current is None or _RANK[finding.severity] < _RANK[current.severity]:
                chosen[finding.fact] = finding
    return list(chosen.values())


def _spec(
    severity: Severity,
    kind: str,
    subject: str,
    message: str,
    pointer: str | None = None,
    old: str | None = None,
    new: str | None = None,
    related: tuple[str, ...] = (),
) -> Change:
    return Change(severity, kind, subject, message, "spec", pointer, old, new, related)


def _from_finding(finding: _Finding, subject: str, pointer: str | None, related: tuple[str, ...] = ()) -> Change:
    return _spec(finding.severity, finding.kind, subject, finding.message, pointer, finding.old, finding.new, related)


def _renamed_pairs(removed: Sequence[_T], added: Sequence[_T], same: Callable[[_T, _T], bool]) -> list[tuple[_T, _T]]:
    """Pairs of one removed and one added item that match each other and nothing else: renames."""
    pairs = []
    for old in removed:
        candidates = [new for new in added if same(old, new)]
        if len(candidates) == 1 and sum(1 for other in removed if same(other, candidates[0])) == 1:
            pairs.append((old, candidates[0]))
    return pairs


# --- spec level: where models are used ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Usage:
    """Which directions each model travels in, and which models only exist as flattened bodies."""

    directions: Mapping[str, frozenset[Direction]]
    flattened_only: frozenset[str]


def _model_refs(model: Model) -> set[str]:
    found: set[str] = set()
    for f in model.fields:
        found |= models_in(f.type)
    for type_ in (model.additional_properties, model.alias_of, *model.variants):
        if type_ is not None:
            found |= models_in(type_)
    if model.discriminator is not None:
        found |= {name for _, name in model.discriminator.mapping}
    return found


def _closure(api: Api, roots: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        name = stack.pop()
        if name in seen or name not in api.model_map:
            continue
        seen.add(name)
        stack.extend(_model_refs(api.model(name)))
    return seen


def _usage(api: Api) -> _Usage:
    request_roots: set[str] = set()
    response_roots: set[str] = set()
    flattened: set[str] = set()
    for op in api.operations:
        for param in op.params:
            request_roots |= models_in(param.type)
        body = op.body
        if body is not None and body.fields and body.model:
            flattened.add(body.model)
            request_roots |= _model_refs(api.model(body.model))
        elif body is not None:
            request_roots |= models_in(body.type)
        for answer in op.responses:
            if answer.type is not None:
                response_roots |= models_in(answer.type)
    request, response = _closure(api, request_roots), _closure(api, response_roots)
    directions: dict[str, frozenset[Direction]] = {}
    for model in api.models:
        found: set[Direction] = set()
        if model.name in request or model.name in flattened:
            found.add("request")
        if model.name in response:
            found.add("response")
        # A model no operation uses is still importable: judge it both ways.
        directions[model.name] = frozenset(found or ("request", "response"))
    return _Usage(directions, frozenset(flattened - request - response))


# --- spec level: subjects and arguments -----------------------------------------------------------


def _method_path(op: Operation) -> str:
    return ".".join(("client", *(naming.method_name(p) for p in op.sdk_path[:-1]), op.name))


def _method_subject(op: Operation) -> str:
    return _method_path(op) + "()"


def _argument_subject(op: Operation, py_name: str) -> str:
    return f"{_method_path(op)}({py_name}=)"


def _op_pointer(op: Operation) -> str:
    return op.location.pointer if op.location is not None else join_pointer("/paths", op.path, op.method.lower())


def _model_pointer(model: Model, field: Field | None = None) -> str:
    pointer = model.location.pointer if model.location is not None else model.source
    return join_pointer(pointer, "properties", field.name) if field is not None else pointer


@dataclass(frozen=True, slots=True)
class _Argument:
    """A keyword argument of a generated method, as the emitter derives it from the operation."""

    py_name: str
    wire: str
    location: str  # path, query, header, cookie, body (a field of the body) or raw-body
    type: TypeRef
    required: bool
    default: Any
    has_default: bool
    deprecated: bool
    model_field: str | None  # "NoteCreate.title" for a field of the body model


def _arguments(op: Operation) -> list[_Argument]:
    """The method's arguments: parameters, then the body's fields (or one `body` argument)."""
    taken: set[str] = set()
    found = [
        _Argument(
            naming.unique(p.py_name, taken),
            p.name,
            p.location,
            p.type,
            p.required,
            p.default,
            p.has_default,
            p.deprecated,
            None,
        )
        for p in op.params
    ]
    body = op.body
    if body is not None and body.fields:
        for f in body.fields:
            if f.read_only:
                continue
            owner = f"{body.model}.{f.py_name}" if body.model else None
            py_name = naming.unique(f.py_name, taken)
            required = f.required and body.required
            found.append(
                _Argument(py_name, f.name, "body", f.type, required, f.default, f.has_default, f.deprecated, owner)
            )
    elif body is not None:
        py_name = naming.unique("body", taken)
        found.append(_Argument(py_name, "", "raw-body", body.type, body.required, None, False, False, None))
    return found


def _where(argument: _Argument) -> str:
    return {
        "path": f"path parameter `{argument.wire}`",
        "query": f"query parameter `{argument.wire}`",
        "header": f"header `{argument.wire}`",
        "cookie": f"cookie `{argument.wire}`",
        "body": f"body field `{argument.wire}`",
    }.get(argument.location, "request body")


def _match_arguments(
    old: list[_Argument], new: list[_Argument]
) -> tuple[list[tuple[_Argument, _Argument]], list[_Argument], list[_Argument]]:
    """Pairs, removed, added. Path parameters pair by position, the others by wire name."""
    old_path = [a for a in old if a.location == "path"]
    new_path = [a for a in new if a.location == "path"]
    pairs = list(zip(old_path, new_path, strict=False))
    removed, added = old_path[len(new_path) :], new_path[len(old_path) :]
    rest_new = {(a.location, a.wire): a for a in new if a.location != "path"}
    matched: set[tuple[str, str]] = set()
    left: list[_Argument] = []
    for a in (a for a in old if a.location != "path"):
        b = rest_new.get((a.location, a.wire))
        if b is None:
            left.append(a)
        else:
            pairs.append((a, b))
            matched.add((a.location, a.wire))
    unmatched = [b for key, b in rest_new.items() if key not in matched]
    # The same name moved between query, header and body is the same argument for a caller.
    for a in list(left):
        b = next((b for b in unmatched if b.wire == a.wire and b.location != "raw-body"), None)
        if b is not None:
            pairs.append((a, b))
            left.remove(a)
            unmatched.remove(b)
    return pairs, removed + left, added + unmatched


def _related(*subjects: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for s in subjects if s))


def _argument_findings(old: _Argument, new: _Argument, ctx: _Context) -> list[_Finding]:
    found = []
    if old.py_name != new.py_name:
        message = f"renamed from `{old.py_name}` to `{new.py_name}`"
        found.append(_Finding("name", "param-renamed", "breaking", message, old.py_name, new.py_name))
    if old.location != new.location:
        message = f"now sent as {_where(new)} instead of {_where(old)}"
        found.append(_Finding("location", "param-location-changed", "other", message))
    if new.required and not old.required:
        found.append(_Finding("required", "param-required", "breaking", "now required: calls without it fail"))
    if old.required and not new.required:
        found.append(_Finding("required", "param-optional", "other", "now optional"))
    found += _type_findings(old.type, new.type, "request", ctx)
    if (old.has_default, old.default) != (new.has_default, new.default):
        before = json.dumps(old.default) if old.has_default else "none"
        after = json.dumps(new.default) if new.has_default else "none"
        message = f"server default changed from {before} to {after}"
        found.append(_Finding("default", "default-changed", "other", message, before, after))
    if new.deprecated and not old.deprecated:
        found.append(_Finding("deprecated", "param-deprecated", "other", "deprecated"))
    return found


def _argument_changes(old_op: Operation, new_op: Operation, ctx: _Context) -> list[Change]:
    pairs, removed, added = _match_arguments(_arguments(old_op), _arguments(new_op))
    pointer, old_pointer = _op_pointer(new_op), _op_pointer(old_op)
    changes = []
    renames = _renamed_pairs(
        removed, added, lambda a, b: a.location == b.location and _renamed(a.type, ctx.renames) == b.type
    )
    for a, b in renames:
        removed.remove(a)
        added.remove(b)
        related = _related(_argument_subject(new_op, b.py_name), a.model_field, b.model_field)
        message = f"renamed to `{b.py_name}` ({_where(b)})"
        subject = _argument_subject(old_op, a.py_name)
        changes.append(_spec("breaking", "param-renamed", subject, message, pointer, a.py_name, b.py_name, related))
    for a in removed:
        subject = _argument_subject(old_op, a.py_name)
        changes.append(
            _spec(
                "breaking",
                "param-removed",
                subject,
                f"argument removed ({_where(a)})",
                old_pointer,
                related=_related(a.model_field),
            )
        )
    for b in added:
        subject = _argument_subject(new_op, b.py_name)
        if b.required:
            message = f"new required argument ({_where(b)}): existing calls must pass it"
            changes.append(
                _spec("breaking", "param-added-required", subject, message, pointer, related=_related(b.model_field))
            )
        else:
            message = f"new optional argument ({_where(b)})"
            changes.append(_spec("addition", "param-added", subject, message, pointer, related=_related(b.model_field)))
    for a, b in pairs:
        subject = _argument_subject(new_op, b.py_name)
        old_subject = _argument_subject(old_op, a.py_name)
        related = _related(old_subject if old_subject != subject else None, a.model_field, b.model_field)
        changes += [_from_finding(f, subject, pointer, related) for f in _argument_findings(a, b, ctx)]
    return changes


# --- spec level: operations -----------------------------------------------------------------------


def _path_key(op: Operation) -> tuple[str, str]:
    return op.method, re.sub(r"{[^}]*}", "{}", op.path)


def _match_operations(old: Api, new: Api) -> tuple[list[tuple[Operation, Operation]], list[Operation], list[Operation]]:
    """Pairs, removed, added: by endpoint, then by client method for an endpoint that moved."""
    by_key = {_path_key(op): op for op in old.operations}
    pairs: list[tuple[Operation, Operation]] = []
    added: list[Operation] = []
    for op in new.operations:
        match = by_key.pop(_path_key(op), None)
        if match is None:
            added.append(op)
        else:
            pairs.append((match, op))
    removed = list(by_key.values())
    by_method = {(op.method, _method_subject(op)): op for op in removed}
    for op in list(added):
        match = by_method.pop((op.method, _method_subject(op)), None)
        if match is not None:
            pairs.append((match, op))
            removed.remove(match)
            added.remove(op)
    return pairs, removed, added


def _operation_changes(old: Operation, new: Operation, ctx: _Context) -> list[Change]:
    subject, pointer = _method_subject(new), _op_pointer(new)
    old_subject = _method_subject(old)
    changes = []
    if old_subject != subject:
        message = f"renamed to `{subject}`"
        changes.append(
            _spec("breaking", "operation-renamed", old_subject, message, pointer, old_subject, subject, (subject,))
        )
    if old.path != new.path and _path_key(old) != _path_key(new):
        message = f"now calls `{new.method} {new.path}` instead of `{old.method} {old.path}`"
        changes.append(_spec("other", "path-changed", subject, message, pointer, old.path, new.path))
    if new.deprecated and not old.deprecated:
        changes.append(_spec("other", "operation-deprecated", subject, "deprecated", pointer))
    changes += _argument_changes(old, new, ctx)
    changes += _response_changes(old, new, ctx)
    changes += _pagination_changes(old, new, ctx)
    return changes


def _response_changes(old: Operation, new: Operation, ctx: _Context) -> list[Change]:
    subject, pointer = _method_subject(new), _op_pointer(new)
    before, after = old.success, new.success
    old_type = before.type if before is not None else None
    new_type = after.type if after is not None else None
    changes = []
    if old_type is None and new_type is not None:
        changes.append(_spec("addition", "response-added", subject, f"now returns `{_spell(new_type)}`", pointer))
    elif old_type is not None and new_type is None:
        message = f"no longer returns a value (returned `{_spell(old_type)}`)"
        changes.append(_spec("breaking", "response-type-changed", subject, message, pointer))
    elif old_type is not None and new_type is not None:
        for f in _type_findings(old_type, new_type, "response", ctx):
            kind = "response-type-changed" if f.kind == "type-changed" else f.kind
            changes.append(
                _from_finding(dataclasses.replace(f, kind=kind, message=f"return value: {f.message}"), subject, pointer)
            )
    if before is not None and after is not None and before.status != after.status:
        message = f"succeeds with HTTP {after.status} instead of {before.status}"
        changes.append(_spec("other", "success-status-changed", subject, message, pointer, before.status, after.status))
    old_errors = {r.status for r in old.errors}
    new_errors = {r.status for r in new.errors}
    for status in sorted(new_errors - old_errors):
        changes.append(_spec("other", "error-response-added", subject, f"may now fail with HTTP {status}", pointer))
    for status in sorted(old_errors - new_errors):
        message = f"HTTP {status} no longer documented as an error"
        changes.append(_spec("other", "error-response-removed", subject, message, pointer))
    return changes


_PAGINATION_FIELDS = (
    "style",
    "items",
    "limit_param",
    "cursor_param",
    "next_cursor_field",
    "offset_param",
    "has_more_path",
)


def _pagination_changes(old: Operation, new: Operation, ctx: _Context) -> list[Change]:
    subject, pointer = _method_subject(new), _op_pointer(new)
    before, after = old.pagination, new.pagination
    if before is None and after is None:
        return []
    if before is None and after is not None:
        message = f"now paginated ({after.style}): returns a page that iterates over every item"
        return [_spec("addition", "pagination-added", subject, message, pointer)]
    if before is not None and after is None:
        message = "no longer paginated: returns the response object instead of a page"
        return [_spec("breaking", "pagination-removed", subject, message, pointer)]
    assert before is not None and after is not None
    differences = [
        f"{name} {getattr(before, name)!r} -> {getattr(after, name)!r}"
        for name in _PAGINATION_FIELDS
        if getattr(before, name) != getattr(after, name)
    ]
    if _renamed(before.item_type, ctx.renames) != after.item_type:
        differences.append(f"items `{_spell(before.item_type)}` -> `{_spell(after.item_type)}`")
    if not differences:
        return []
    message = f"pagination changed: {'; '.join(differences)}"
    return [_spec("breaking", "pagination-changed", subject, message, pointer)]


def _security_text(requirements: Iterable[tuple[str, ...]]) -> str:
    alternatives = sorted(" + ".join(r) or "no credentials" for r in requirements)
    return " or ".join(alternatives) or "no credentials"


def _security_changes(changed: list[tuple[Operation, Operation]], matched: int) -> list[Change]:
    """Required schemes changed: once for the client when every method changed alike."""
    transitions = {(frozenset(o.security), frozenset(n.security)) for o, n in changed}
    if len(changed) == matched > 1 and len(transitions) == 1:
        ((before, after),) = transitions
        message = f"every method now requires {_security_text(after)} (was {_security_text(before)})"
        return [_spec("breaking", "auth-changed", "client", message, "/security")]
    return [
        _spec(
            "breaking",
            "auth-changed",
            _method_subject(n),
            f"now requires {_security_text(n.security)} (was {_security_text(o.security)})",
            _op_pointer(n),
        )
        for o, n in changed
    ]


def _operations_changes(old: Api, new: Api, ctx: _Context) -> list[Change]:
    pairs, removed, added = _match_operations(old, new)
    changes = [
        _spec(
            "breaking",
            "operation-removed",
            _method_subject(op),
            f"method removed (`{op.method} {op.path}`)",
            _op_pointer(op),
        )
        for op in removed
    ]
    changes += [
        _spec(
            "addition", "operation-added", _method_subject(op), f"new method (`{op.method} {op.path}`)", _op_pointer(op)
        )
        for op in added
    ]
    for o, n in pairs:
        changes += _operation_changes(o, n, ctx)
    security = [(o, n) for o, n in pairs if frozenset(o.security) != frozenset(n.security)]
    return changes + (_security_changes(security, len(pairs)) if security else [])


def _resource_paths(api: Api) -> set[str]:
    paths = set()
    for op in api.operations:
        segments = [naming.method_name(p) for p in op.sdk_path[:-1]]
        paths |= {".".join(("client", *segments[: k + 1])) for k in range(len(segments))}
    return paths


def _resource_changes(old: Api, new: Api) -> list[Change]:
    before, after = _resource_paths(old), _resource_paths(new)
    changes = [
        _spec("breaking", "resource-removed", path, "resource removed with all its methods")
        for path in sorted(before - after)
    ]
    return changes + [_spec("addition", "resource-added", path, "new resource") for path in sorted(after - before)]


# --- spec level: models ---------------------------------------------------------------------------


def _match_models(old: Api, new: Api) -> tuple[list[tuple[Model, Model]], list[Model], list[Model]]:
    """Pairs, removed, added: by place in the spec, then by name, then by identical schema."""
    by_source = {m.source: m for m in old.models}
    taken: set[str] = set()
    pairs: list[tuple[Model, Model]] = []
    unmatched: list[Model] = []
    for model in new.models:
        match = by_source.get(model.source)
        if match is not None and match.name not in taken:
            pairs.append((match, model))
            taken.add(match.name)
        else:
            unmatched.append(model)
    added = []
    for model in unmatched:
        match = old.model_map.get(model.name)
        if match is not None and match.name not in taken:
            pairs.append((match, model))
            taken.add(match.name)
        else:
            added.append(model)
    removed = [m for m in old.models if m.name not in taken]
    for a, b in _renamed_pairs(removed, added, lambda a, b: a.kind == b.kind and a.schema_json == b.schema_json):
        pairs.append((a, b))
        removed.remove(a)
        added.remove(b)
    return pairs, removed, added


def _kind_text(model: Model) -> str:
    return {"object": "an object model", "enum": "an enum", "union": "a union", "alias": "a type alias"}[model.kind]


def _union_of(model: Model) -> UnionOf:
    return UnionOf(model.variants, model.discriminator)


def _model_changes(
    old: Model, new: Model, directions: frozenset[Direction], flattened_only: bool, ctx: _Context
) -> list[Change]:
    subject, pointer = new.name, _model_pointer(new)
    changes = []
    if old.name != new.name:
        message = f"renamed to `{new.name}`: imports of `{old.name}` break"
        changes.append(_spec("breaking", "model-renamed", old.name, message, pointer, old.name, new.name, (new.name,)))
    if old.kind != new.kind:
        message = f"changed from {_kind_text(old)} to {_kind_text(new)}"
        return [*changes, _spec("breaking", "type-changed", subject, message, pointer, old.kind, new.kind)]
    groups: list[list[_Finding]] = []
    for direction in sorted(directions):
        if new.kind == "enum":
            groups.append(_value_findings(old.enum_values, new.enum_values, direction))
        elif new.kind == "union":
            groups.append(_variant_findings(_union_of(old), _union_of(new), direction, ctx))
        elif new.kind == "alias":
            groups.append(_type_findings(old.alias_of or AnyType(), new.alias_of or AnyType(), direction, ctx))
    changes += [_from_finding(f, subject, pointer) for f in _strictest(groups)]
    if new.kind != "object":
        return changes
    if not flattened_only:
        changes += _field_changes(old, new, directions, ctx)
    request = "request" in directions
    changes += _rule_changes(old, new, request)
    changes += _requirement_changes(old, new, request)
    if old.allows_extra != new.allows_extra or not _same_optional_type(
        old.additional_properties, new.additional_properties, ctx
    ):
        message = "extra properties " + ("now allowed" if new.allows_extra else "no longer allowed")
        changes.append(_spec("other", "extra-fields-changed", subject, message, pointer))
    return changes


def _same_optional_type(old: TypeRef | None, new: TypeRef | None, ctx: _Context) -> bool:
    if old is None or new is None:
        return old is new
    return _renamed(old, ctx.renames) == new


def _field_findings(old: Field, new: Field, direction: Direction, ctx: _Context) -> list[_Finding]:
    found = []
    if old.py_name != new.py_name:
        message = f"renamed from `{old.py_name}` to `{new.py_name}`"
        found.append(_Finding("name", "field-renamed", "breaking", message, old.py_name, new.py_name))
    if new.required and not old.required:
        if direction == "request":
            found.append(
                _Finding("required", "field-required", "breaking", "now required: code building this model must set it")
            )
        else:
            found.append(_Finding("required", "field-required", "other", "now always present"))
    if old.required and not new.required:
        if direction == "request":
            found.append(_Finding("required", "field-optional", "other", "now optional"))
        else:
            found.append(
                _Finding("required", "field-optional", "breaking", "may now be missing: code reading it gets None")
            )
    found += _type_findings(old.type, new.type, direction, ctx)
    if (old.has_default, old.default) != (new.has_default, new.default):
        before = json.dumps(old.default) if old.has_default else "none"
        after = json.dumps(new.default) if new.has_default else "none"
        found.append(
            _Finding("default", "default-changed", "other", f"default changed from {before} to {after}", before, after)
        )
    if new.deprecated and not old.deprecated:
        found.append(_Finding("deprecated", "field-deprecated", "other", "deprecated"))
    return found


def _added_field(field: Field, direction: Direction) -> _Finding:
    if direction == "request" and field.required:
        message = "new required field: code building this model must set it"
        return _Finding("added", "field-added-required", "breaking", message)
    return _Finding("added", "field-added", "addition", "new field")


def _field_changes(old: Model, new: Model, directions: frozenset[Direction], ctx: _Context) -> list[Change]:
    old_fields = {f.name: f for f in old.fields}
    new_fields = {f.name: f for f in new.fields}
    removed = [f for name, f in old_fields.items() if name not in new_fields]
    added = [f for name, f in new_fields.items() if name not in old_fields]
    changes = []
    for a, b in _renamed_pairs(removed, added, lambda a, b: _renamed(a.type, ctx.renames) == b.type):
        removed.remove(a)
        added.remove(b)
        message = f"renamed to `{b.py_name}` (`{b.name}` in JSON)"
        related = (f"{new.name}.{b.py_name}",)
        changes.append(
            _spec(
                "breaking",
                "field-renamed",
                f"{new.name}.{a.py_name}",
                message,
                _model_pointer(new, b),
                a.py_name,
                b.py_name,
                related,
            )
        )
    for gone in removed:
        subject = f"{new.name}.{gone.py_name}"
        changes.append(_spec("breaking", "field-removed", subject, "field removed", _model_pointer(old, gone)))
    for field in added:
        groups = [[_added_field(field, direction)] for direction in sorted(directions)]
        subject = f"{new.name}.{field.py_name}"
        changes += [_from_finding(x, subject, _model_pointer(new, field)) for x in _strictest(groups)]
    for name, current in new_fields.items():
        previous = old_fields.get(name)
        if previous is None:
            continue
        findings = _strictest(_field_findings(previous, current, d, ctx) for d in sorted(directions))
        moved = _related(f"{new.name}.{previous.py_name}" if previous.py_name != current.py_name else None)
        subject = f"{new.name}.{current.py_name}"
        changes += [_from_finding(x, subject, _model_pointer(new, current), moved) for x in findings]
    return changes


def _rule_changes(old: Model, new: Model, request: bool) -> list[Change]:
    subject, pointer = new.name, _model_pointer(new)
    tight: Severity = "breaking" if request else "other"
    effect = ": calls breaking it now fail before they are sent" if request else ""
    before = {r.id: r for r in old.rules}
    after = {r.id: r for r in new.rules}
    changes = []
    for rule_id, rule in after.items():
        previous = before.get(rule_id)
        if previous is None:
            changes.append(
                _spec(tight, "rule-added", subject, f"new rule `{rule_id}` ({rule.message}){effect}", pointer)
            )
        elif previous == rule:
            continue
        elif dataclasses.replace(previous, message=rule.message) == rule:
            changes.append(_spec("other", "rule-changed", subject, f"message of rule `{rule_id}` changed", pointer))
        elif dataclasses.replace(previous, max=rule.max) == rule and (rule.max or 0) > (previous.max or 0):
            message = f"rule `{rule_id}` now allows up to {rule.max} (was {previous.max})"
            changes.append(_spec("other", "rule-loosened", subject, message, pointer))
        else:
            changes.append(
                _spec(tight, "rule-changed", subject, f"rule `{rule_id}` changed ({rule.message}){effect}", pointer)
            )
    for rule_id in before.keys() - after.keys():
        changes.append(_spec("other", "rule-removed", subject, f"rule `{rule_id}` removed", pointer))
    return changes


def _groups_text(groups: tuple[tuple[str, ...], ...]) -> str:
    return " / ".join("+".join(f"`{name}`" for name in group) for group in groups)


def _requirement_changes(old: Model, new: Model, request: bool) -> list[Change]:
    subject, pointer = new.name, _model_pointer(new)
    tight: Severity = "breaking" if request else "other"
    changes = []
    for attribute, label in (("exactly_one_of", "exactly one of"), ("at_least_one_of", "at least one of")):
        before, after = getattr(old, attribute), getattr(new, attribute)
        if before == after:
            continue
        if not before:
            changes.append(
                _spec(tight, "requirement-added", subject, f"now requires {label} {_groups_text(after)}", pointer)
            )
        elif not after:
            changes.append(
                _spec(
                    "other",
                    "requirement-removed",
                    subject,
                    f"no longer requires {label} {_groups_text(before)}",
                    pointer,
                )
            )
        else:
            message = f"now requires {label} {_groups_text(after)} (was {_groups_text(before)})"
            changes.append(_spec(tight, "requirement-changed", subject, message, pointer))
    for condition in new.required_when:
        if condition not in old.required_when:
            prop, value, fields = condition
            message = f"{', '.join(f'`{f}`' for f in fields)} now required when `{prop}` is {json.dumps(value)}"
            changes.append(_spec(tight, "requirement-added", subject, message, pointer))
    for condition in old.required_when:
        if condition not in new.required_when:
            prop, value, fields = condition
            message = f"{', '.join(f'`{f}`' for f in fields)} no longer required when `{prop}` is {json.dumps(value)}"
            changes.append(_spec("other", "requirement-removed", subject, message, pointer))
    return changes


def _models_changes(old: Api, new: Api, ctx: _Context, pairs: list[tuple[Model, Model]]) -> list[Change]:
    old_usage, new_usage = _usage(old), _usage(new)
    changes = []
    for a, b in pairs:
        directions = old_usage.directions[a.name] | new_usage.directions[b.name]
        flattened_only = a.name in old_usage.flattened_only and b.name in new_usage.flattened_only
        changes += _model_changes(a, b, directions, flattened_only, ctx)
    return changes


# --- spec level: auth and servers -----------------------------------------------------------------


def _scheme_text(scheme: SecurityScheme) -> str:
    if scheme.kind == "http":
        return f"HTTP {scheme.scheme or 'auth'}"
    if scheme.kind == "apiKey":
        return f"API key in {scheme.location} `{scheme.param_name}`"
    return scheme.kind


def _auth_changes(old: Api, new: Api) -> list[Change]:
    before = {s.name: s for s in old.security_schemes}
    after = {s.name: s for s in new.security_schemes}
    changes = []
    for name, scheme in before.items():
        pointer = join_pointer("/components/securitySchemes", name)
        current = after.get(name)
        if current is None:
            message = f"security scheme `{name}` ({_scheme_text(scheme)}) removed"
            changes.append(_spec("breaking", "auth-scheme-removed", "client", message, pointer))
        elif dataclasses.replace(current, description=scheme.description) != scheme:
            old_text, new_text = _scheme_text(scheme), _scheme_text(current)
            how = f" from {old_text} to {new_text}" if old_text != new_text else ""
            message = f"security scheme `{name}` changed{how}: credentials are sent differently"
            changes.append(_spec("breaking", "auth-changed", "client", message, pointer, old_text, new_text))
    for name, scheme in after.items():
        if name not in before:
            message = f"new security scheme `{name}` ({_scheme_text(scheme)})"
            pointer = join_pointer("/components/securitySchemes", name)
            changes.append(_spec("addition", "auth-scheme-added", "client", message, pointer))
    return changes


def _server_changes(old: Api, new: Api) -> list[Change]:
    if old.servers == new.servers:
        return []
    before = old.servers[0] if old.servers else None
    after = new.servers[0] if new.servers else None
    if before != after:
        message = f"default base URL changed from `{before}` to `{after}`"
    else:
        message = f"servers changed from {list(old.servers)} to {list(new.servers)}"
    return [_spec("other", "server-changed", "client", message, "/servers", before, after)]


def diff_apis(old: Api, new: Api) -> list[Change]:
    """Every change between two IRs that a user of the generated client can notice."""
    pairs, removed, added = _match_models(old, new)
    ctx = _Context(old, new, {a.name: b.name for a, b in pairs})
    changes = _operations_changes(old, new, ctx)
    changes += _resource_changes(old, new)
    changes += [
        _spec("breaking", "model-removed", m.name, "type removed from `types`", _model_pointer(m)) for m in removed
    ]
    changes += [_spec("addition", "model-added", m.name, "new type in `types`", _model_pointer(m)) for m in added]
    changes += _models_changes(old, new, ctx, pairs)
    changes += _auth_changes(old, new)
    changes += _server_changes(old, new)
    return sorted(dict.fromkeys(changes), key=Change.sort_key)


# --- Python level: the surface ------------------------------------------------------------------

SURFACE_FORMAT = 1
# Dunder members that are part of how a class is used; every other `_name` is private.
_SPECIAL_PUBLIC = frozenset({"__init__", "__call__"})
# griffe labels that change how a member is used (called, awaited, read as an attribute).
_KEPT_LABELS = frozenset({"property", "cached", "classmethod", "staticmethod", "async", "abstractmethod", "writable"})
# Properties of a resource that return the same methods in another response mode: a change seen
# through them is the same change as on the resource.
RESPONSE_VIEWS = frozenset({"with_raw_response", "with_streaming_response"})
# Where `diff_surfaces` files private base classes, whatever private module defines them.
_INTERNAL = "<internal>"


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _private_segment(path: str) -> bool:
    return any(part.startswith("_") and part not in _SPECIAL_PUBLIC for part in path.split("."))


class _Extractor:
    """Collects a package's public objects (griffe objects -> compact entries) by public path.

    Re-exports whose target is private (`linq_client.Linq` -> `linq_client._client.Linq`) are
    recorded in place of the target; private classes that public ones inherit from are recorded
    at their own path, flagged `internal`, because their public members are reachable.
    """

    def __init__(self, package: str, collection: griffe.ModulesCollection) -> None:
        self.package = package
        self.collection = collection
        self.objects: dict[str, dict[str, Any]] = {}
        self.classes: dict[str, griffe.Class] = {}
        self.public_of: dict[str, str] = {}  # canonical path -> path in the surface

    def walk(self, obj: griffe.Object, path: str) -> None:
        self.objects[path] = _describe(obj)
        self.public_of.setdefault(obj.path, path)
        if isinstance(obj, griffe.Class):
            self.classes[path] = obj
        if not isinstance(obj, griffe.Module | griffe.Class):
            return
        exports = {str(e) for e in (obj.exports or ())} if isinstance(obj, griffe.Module) else set()
        for name, member in sorted(obj.members.items()):
            if name not in exports and name not in _SPECIAL_PUBLIC and name.startswith("_"):
                continue
            if isinstance(member, griffe.Alias):
                if name in exports:
                    self.re_export(member, f"{path}.{name}")
            else:
                self.walk(member, f"{path}.{name}")

    def re_export(self, alias: griffe.Alias, path: str) -> None:
        try:
            target = alias.final_target
        except (griffe.AliasResolutionError, griffe.CyclicAliasError):
            self.objects[path] = {"kind": "alias", "target": alias.target_path}
            return
        inside = target.path.startswith(self.package + ".")
        if inside and (_private_segment(target.path) or not target.is_public):
            self.walk(target, path)
        else:
            self.objects[path] = {"kind": "alias", "target": target.path}

    def add_internal_bases(self) -> None:
        """Record the private in-package classes public classes derive from, then link bases."""
        pending = [b for entry in self.objects.values() for b in entry.get("bases", ())]
        while pending:
            base = pending.pop()
            if base in self.public_of or not base.startswith(self.package + "."):
                continue
            try:
                found = self.collection.get_member(base)
            except (KeyError, ValueError, griffe.AliasResolutionError):
                continue
            if isinstance(found, griffe.Class):
                self.walk(found, base)
                self.objects[base]["internal"] = True
                pending.extend(self.objects[base]["bases"])
        for entry in self.objects.values():
            if "bases" in entry:
                entry["bases"] = [self.public_of.get(b, b) for b in entry["bases"]]

    def property_links(self, cls: griffe.Class) -> Iterator[tuple[str, str]]:
        """(property name, canonical path of the class it returns) for a class's properties."""
        for name, member in sorted(cls.members.items()):
            if name.startswith("_") or isinstance(member, griffe.Alias) or "property" not in member.labels:
                continue
            returned = member.annotation if isinstance(member, griffe.Attribute) else None
            if isinstance(member, griffe.Function):
                returned = member.returns
            canonical = getattr(returned, "canonical_path", None)
            if isinstance(canonical, str):
                yield name, canonical

    def assign_access(self) -> None:
        """Spell each resource class as the client expression reaching it: `client.chats`.

        Clients are the classes exported at the package root that lead into `resources`. The
        sync and async clients, and the response views, reach the same expressions.
        """
        resources = f"{self.package}.resources."
        surface_path = {cls.path: path for path, cls in self.classes.items()}
        access: dict[str, str] = {}
        for path, cls in sorted(self.classes.items()):
            if path.count(".") != 1:
                continue
            leads = [target for _, target in self.property_links(cls)] + [
                _text(getattr(b, "canonical_path", b)) or "" for b in cls.bases
            ]
            if any(target.startswith(resources) for target in leads):
                access[path] = "client"
        queue = sorted(access)
        while queue:
            path = queue.pop(0)
            for name, target in self.property_links(self.classes[path]):
                target_path = surface_path.get(target)
                if target_path is None or target_path in access:
                    continue
                access[target_path] = access[path] if name in RESPONSE_VIEWS else f"{access[path]}.{name}"
                queue.append(target_path)
        inherited: dict[str, set[str]] = {}
        for path, value in access.items():
            for base in self.internal_ancestors(path):
                inherited.setdefault(base, set()).add(value)
        for base, values in inherited.items():
            if len(values) == 1 and base not in access:
                access[base] = next(iter(values))
        for path, value in access.items():
            self.objects[path]["access"] = value
        for path, entry in self.objects.items():
            if entry["kind"] != "module":
                continue
            defined = [e for p, e in self.objects.items() if p.rpartition(".")[0] == path and e["kind"] == "class"]
            if defined and all("access" in e for e in defined):
                entry["access"] = _common_prefix([e["access"] for e in defined])

    def internal_ancestors(self, path: str) -> set[str]:
        found: set[str] = set()
        stack = list(self.objects[path].get("bases", ()))
        while stack:
            base = stack.pop()
            entry = self.objects.get(base)
            if entry is None or not entry.get("internal") or base in found:
                continue
            found.add(base)
            stack.extend(entry.get("bases", ()))
        return found


def _common_prefix(dotted: list[str]) -> str:
    parts = [d.split(".") for d in dotted]
    common = []
    for segments in zip(*parts, strict=False):
        if len(set(segments)) != 1:
            break
        common.append(segments[0])
    return ".".join(common)


def _describe(obj: griffe.Object) -> dict[str, Any]:
    """The compact entry of one object: what a caller depends on, nothing else."""
    if isinstance(obj, griffe.Module):
        return {"kind": "module"}
    if isinstance(obj, griffe.Class):
        return {"kind": "class", "bases": [_text(getattr(b, "canonical_path", b)) or "" for b in obj.bases]}
    labels = sorted(obj.labels & _KEPT_LABELS)
    entry: dict[str, Any]
    if isinstance(obj, griffe.Function):
        entry = {
            "kind": "function",
            "params": [
                [
                    p.name,
                    (p.kind or griffe.ParameterKind.positional_or_keyword).value,
                    _text(p.annotation),
                    _text(p.default),
                ]
                for p in obj.parameters
            ],
        }
        if obj.returns is not None:
            entry["returns"] = _text(obj.returns)
    elif isinstance(obj, griffe.Attribute):
        entry = {"kind": "attribute"}
        if obj.annotation is not None:
            entry["annotation"] = _text(obj.annotation)
        # The value of an instance attribute is whatever `__init__` assigns: not API. Nor is
        # `__version__`, which changes with every release by design.
        if obj.value is not None and "instance-attribute" not in obj.labels and obj.name != "__version__":
            entry["value"] = _text(obj.value)
    elif isinstance(obj, griffe.TypeAlias):
        entry = {"kind": "type alias", "value": _text(obj.value)}
    else:
        entry = {"kind": obj.kind.value}
    if labels:
        entry["labels"] = labels
    return entry


def api_surface(src_dir: Path, package: str) -> dict[str, Any]:
    """The public Python API of a generated package, as compact JSON-serialisable data.

    `objects` maps each public path (`linq_client.types.Chat.id`) to its kind, parameters
    (name, kind, annotation, default), return annotation, bases and attribute annotation;
    docstrings, line numbers and private members are left out, so that the result can be
    committed as a release baseline and compared with `diff_surfaces` later.

    Why not griffe's own JSON (`Object.as_json`, `griffe.json_decoder`): its public re-exports
    are aliases into private modules (`linq_client.Linq` -> `linq_client._client.Linq`), which
    cannot be resolved once those modules are stripped, so a public-only dump decodes but cannot
    be compared; it is also larger (about 230 KB for linq_client without docstrings, against
    about 95 KB here). This format is loaded back into griffe objects by `_griffe_tree` instead.
    """
    loader = griffe.GriffeLoader(
        search_paths=[str(src_dir)], docstring_parser=None, allow_inspection=False, store_source=False
    )
    root = loader.load(package, try_relative_path=False)
    loader.resolve_aliases(external=False, implicit=False)
    extractor = _Extractor(package, loader.modules_collection)
    extractor.walk(cast(griffe.Object, root), package)
    extractor.add_internal_bases()
    extractor.assign_access()
    objects = extractor.objects
    return {"format": SURFACE_FORMAT, "package": package, "objects": {p: objects[p] for p in sorted(objects)}}


# --- Python level: the diff -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PythonChange:
    """A change of one Python object (and maybe one parameter), before it gets its subject."""

    severity: Severity
    kind: str
    path: str
    message: str
    side: Literal["old", "new"]
    param: str | None = None
    old: str | None = None
    new: str | None = None
    new_param: str | None = None


def _griffe_tree(surface: Mapping[str, Any]) -> griffe.Module:
    """griffe objects rebuilt from a stored surface, for `griffe.find_breaking_changes`.

    Classes get no bases (inherited members are compared where they are defined) and re-exports
    become attributes holding their target, so no alias resolution is needed.
    """
    package: str = surface["package"]
    objects: Mapping[str, Any] = surface["objects"]
    root = griffe.Module(package)
    root.public = True
    nodes: dict[str, griffe.Object] = {package: root}

    def parent_of(path: str) -> griffe.Object:
        if path not in nodes:
            owner_path, _, name = path.rpartition(".")
            module = griffe.Module(name)
            module.public = True
            parent_of(owner_path).set_member(name, module)
            nodes[path] = module
        return nodes[path]

    for path in sorted(objects, key=lambda p: (p.count("."), p)):
        if path == package:
            continue
        owner_path, _, name = path.rpartition(".")
        node = _griffe_node(name, objects[path])
        node.public = True
        parent_of(owner_path).set_member(name, node)
        nodes[path] = node
    return root


def _griffe_node(name: str, entry: Mapping[str, Any]) -> griffe.Object:
    kind = entry["kind"]
    if kind == "module":
        return griffe.Module(name)
    if kind == "class":
        return griffe.Class(name)
    if kind == "function":
        parameters = griffe.Parameters(
            *(
                griffe.Parameter(p_name, kind=griffe.ParameterKind(p_kind), annotation=p_annotation, default=p_default)
                for p_name, p_kind, p_annotation, p_default in entry["params"]
            )
        )
        return griffe.Function(name, parameters=parameters, returns=entry.get("returns"))
    return griffe.Attribute(name, value=entry.get("value", entry.get("target")), annotation=entry.get("annotation"))


def _what(objects: Mapping[str, Any], path: str) -> str:
    """How a user would call the object: method, property, class, re-export..."""
    entry = objects[path]
    labels = set(entry.get("labels", ()))
    kind = entry["kind"]
    in_class = objects.get(path.rpartition(".")[0], {}).get("kind") == "class"
    if "property" in labels:
        return "property"
    if kind == "function":
        prefix = "async " if "async" in labels else ""
        noun = "classmethod" if "classmethod" in labels else "staticmethod" if "staticmethod" in labels else ""
        return prefix + (noun or ("method" if in_class else "function"))
    return {"alias": "re-export", "attribute": "attribute"}.get(kind, str(kind))


def _griffe_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[_PythonChange]:
    """Removals, kind changes and parameter changes, as griffe judges them."""
    old_objects, new_objects = old["objects"], new["objects"]
    kinds = griffe.BreakageKind
    for breakage in griffe.find_breaking_changes(_griffe_tree(old), _griffe_tree(new)):
        path = breakage.obj.path
        before, after = breakage.old_value, breakage.new_value
        if breakage.kind is kinds.OBJECT_REMOVED:
            # A folder of the tree with no entry of its own stands for the entries below it.
            for removed in [path] if path in old_objects else _topmost_under(old_objects, path):
                message = f"{_what(old_objects, removed)} removed"
                yield _PythonChange("breaking", "python-object-removed", removed, message, "old")
        elif breakage.kind is kinds.OBJECT_CHANGED_KIND:
            message = f"changed from {_what(old_objects, path)} to {_what(new_objects, path)}"
            yield _PythonChange("breaking", "python-kind-changed", path, message, "new")
        elif breakage.kind is kinds.PARAMETER_REMOVED:
            yield _PythonChange("breaking", "python-param-removed", path, "parameter removed", "old", before.name)
        elif breakage.kind is kinds.PARAMETER_ADDED_REQUIRED:
            message = "new required parameter: existing calls must pass it"
            yield _PythonChange("breaking", "python-param-added-required", path, message, "new", after.name)
        elif breakage.kind is kinds.PARAMETER_CHANGED_REQUIRED:
            yield _PythonChange("breaking", "python-param-required", path, "parameter now required", "new", after.name)
        elif breakage.kind is kinds.PARAMETER_MOVED:
            message = f"positional parameter moved ({breakage.details})"
            yield _PythonChange("breaking", "python-param-moved", path, message, "new", after.name)
        elif breakage.kind is kinds.PARAMETER_CHANGED_KIND:
            message = f"parameter changed from {before.kind.value} to {after.kind.value}"
            yield _PythonChange("breaking", "python-param-kind-changed", path, message, "new", after.name)
        elif breakage.kind is kinds.PARAMETER_CHANGED_DEFAULT:
            message = f"default changed from `{before.default}` to `{after.default}`"
            yield _PythonChange(
                "other",
                "python-default-changed",
                path,
                message,
                "new",
                after.name,
                str(before.default),
                str(after.default),
            )
        # Return and attribute types are compared by `_own_changes`: griffe reports few of them.


def _topmost_under(objects: Mapping[str, Any], prefix: str) -> list[str]:
    below = sorted(p for p in objects if p.startswith(prefix + "."))
    return [p for p in below if not any(p.startswith(q + ".") for q in below)]


def _griffe_kind(entry: Mapping[str, Any]) -> str:
    return "attribute" if entry["kind"] in ("alias", "attribute", "type alias") else str(entry["kind"])


def _own_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[_PythonChange]:
    """What griffe does not report: additions, annotations, values, labels and bases."""
    added = set(new) - set(old)
    for path in sorted(added):
        ancestors = {path.rsplit(".", depth)[0] for depth in range(1, path.count(".") + 1)}
        if not ancestors & added:
            yield _PythonChange("addition", "python-object-added", path, f"new {_what(new, path)}", "new")
    for path in sorted(set(old) & set(new)):
        a, b = old[path], new[path]
        if a["kind"] != b["kind"]:
            if _griffe_kind(a) == _griffe_kind(b):
                message = f"changed from {_what(old, path)} to {_what(new, path)}"
                yield _PythonChange("breaking", "python-kind-changed", path, message, "new")
            continue
        if a.get("labels", []) != b.get("labels", []):
            message = f"changed from {_what(old, path)} to {_what(new, path)}"
            yield _PythonChange("breaking", "python-kind-changed", path, message, "new")
        yield from _entry_changes(path, a, b)


def _entry_changes(path: str, a: Mapping[str, Any], b: Mapping[str, Any]) -> Iterator[_PythonChange]:
    kind = a["kind"]
    if kind == "function":
        if a.get("returns") != b.get("returns"):
            before, after = a.get("returns"), b.get("returns")
            message = f"return type changed from `{before}` to `{after}`"
            yield _PythonChange("breaking", "python-type-changed", path, message, "new", None, before, after)
        old_params = {p[0]: p for p in a["params"]}
        for name, _, param_annotation, default in b["params"]:
            previous = old_params.get(name)
            if previous is None and default is not None:
                yield _PythonChange("addition", "python-param-added", path, "new optional parameter", "new", name)
            elif previous is not None and previous[2] != param_annotation:
                message = f"type changed from `{previous[2]}` to `{param_annotation}`"
                yield _PythonChange(
                    "breaking", "python-type-changed", path, message, "new", name, previous[2], param_annotation
                )
    elif kind == "attribute":
        before, after = a.get("annotation"), b.get("annotation")
        if before != after:
            message = f"type changed from `{before}` to `{after}`"
            yield _PythonChange("breaking", "python-type-changed", path, message, "new", None, before, after)
        elif a.get("value") != b.get("value"):
            yield _value_change(path, before or "", a.get("value"), b.get("value"))
    elif kind == "type alias" and a.get("value") != b.get("value"):
        message = f"type alias changed from `{a.get('value')}` to `{b.get('value')}`"
        yield _PythonChange(
            "breaking", "python-type-changed", path, message, "new", None, a.get("value"), b.get("value")
        )
    elif kind == "class":
        before_bases = [base.rpartition(".")[2] for base in a.get("bases", ())]
        after_bases = [base.rpartition(".")[2] for base in b.get("bases", ())]
        for base in before_bases:
            if base not in after_bases:
                yield _PythonChange("breaking", "python-base-removed", path, f"no longer a subclass of `{base}`", "new")
        for base in after_bases:
            if base not in before_bases:
                yield _PythonChange("other", "python-base-added", path, f"now also a subclass of `{base}`", "new")
    elif kind == "alias" and a.get("target") != b.get("target"):
        message = f"now re-exports `{b.get('target')}` instead of `{a.get('target')}`"
        yield _PythonChange(
            "other", "python-value-changed", path, message, "new", None, a.get("target"), b.get("target")
        )


def _value_change(path: str, annotation_text: str, before: str | None, after: str | None) -> _PythonChange:
    if annotation_text.endswith("TypeAlias"):
        message = f"type alias changed from `{before}` to `{after}`"
        return _PythonChange("breaking", "python-type-changed", path, message, "new", None, before, after)
    if before is not None and after is None:
        message = f"no longer has a default (was `{before}`): it must now be given"
        return _PythonChange("breaking", "python-default-removed", path, message, "new", None, before, after)
    message = f"value changed from `{before}` to `{after}`"
    return _PythonChange("other", "python-value-changed", path, message, "new", None, before, after)


def _pair_renamed_parameters(
    found: list[_PythonChange], old: Mapping[str, Any], new: Mapping[str, Any]
) -> list[_PythonChange]:
    """A parameter removed and one added with the same kind, type and requiredness: one rename."""
    removed = [c for c in found if c.kind == "python-param-removed"]
    added = [c for c in found if c.kind in ("python-param-added", "python-param-added-required")]

    def spec(change: _PythonChange, objects: Mapping[str, Any]) -> tuple[Any, ...]:
        _, kind, param_annotation, default = next(p for p in objects[change.path]["params"] if p[0] == change.param)
        return change.path, kind, param_annotation, default is None

    pairs = _renamed_pairs(removed, added, lambda a, b: spec(a, old) == spec(b, new))
    renames = [
        _PythonChange(
            "breaking",
            "python-param-renamed",
            a.path,
            f"parameter renamed from `{a.param}` to `{b.param}`",
            "old",
            a.param,
            a.param,
            b.param,
            new_param=b.param,
        )
        for a, b in pairs
    ]
    paired = {id(c) for pair in pairs for c in pair}
    return [c for c in found if id(c) not in paired] + renames


def _display(objects: Mapping[str, Any], package: str, path: str) -> str:
    """How users spell an object: `Chat.id` for models, `resources.chats.X` for the rest."""
    if path == package or not path.startswith(package + "."):
        return path
    parts = path[len(package) + 1 :].split(".")
    for index in range(len(parts)):
        kind = objects.get(".".join((package, *parts[: index + 1])), {}).get("kind")
        if kind not in (None, "module"):
            module, rest = parts[:index], parts[index:]
            break
    else:
        return path  # a module: its import path
    # Models are spelled by class name, as in the spec, whether `types` is a module or a package.
    if not module or module[0] == "types" or any(p.startswith("_") or p == _INTERNAL for p in module):
        return ".".join(rest)
    return ".".join((*module, *rest))


def _python_subject(objects: Mapping[str, Any], package: str, path: str, param: str | None = None) -> str:
    """The subject of a Python object, spelled like a spec change's when they are the same thing."""
    entry = objects.get(path, {})
    target = entry.get("target")
    if entry.get("kind") == "alias" and target in objects:
        return _python_subject(objects, package, target, param)
    owner_path, _, name = path.rpartition(".")
    owner = objects.get(owner_path, {})
    in_class = owner.get("kind") == "class"
    if entry.get("access") not in (None, "client") and entry.get("kind") in ("class", "module"):
        base = str(entry["access"])
    elif in_class and name == "__init__":
        base = _display(objects, package, owner_path)
        return f"{base}({param}=)" if param else f"{base}()"
    elif in_class:
        base = f"{owner.get('access') or _display(objects, package, owner_path)}.{name}"
    else:
        base = _display(objects, package, path)
    if entry.get("kind") == "function" or param:
        return f"{base}({param}=)" if param else f"{base}()"
    return base


def _internal_by_name(objects: Mapping[str, Any], package: str) -> dict[str, Any]:
    """Private base classes keyed by class name, not by module.

    Users reach them only through inheritance: moving one between private modules changes
    nothing for them, so it must not read as a removal and an addition.
    """
    internal = [p for p, entry in objects.items() if entry.get("internal")]
    names = [p.rpartition(".")[2] for p in internal]
    moves = {
        p: f"{package}.{_INTERNAL}.{name}" for p, name in zip(internal, names, strict=True) if names.count(name) == 1
    }

    def moved(path: str) -> str:
        owner = next((p for p in moves if path == p or path.startswith(p + ".")), None)
        return path if owner is None else moves[owner] + path[len(owner) :]

    result: dict[str, Any] = {}
    for path, entry in objects.items():
        if "bases" in entry:
            entry = {**entry, "bases": [moved(b) for b in entry["bases"]]}
        result[moved(path)] = entry
    return result


def _meaning(subject: str) -> str:
    """Subjects that name the same thing: a method and the attribute holding its wrapper."""
    return subject.removesuffix("()")


def diff_surfaces(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """The changes between two stored or freshly read surfaces (`api_surface`).

    One change per subject and kind: the same change on the sync and async resource classes
    and on their raw/streaming response views is reported once, naming one of them.
    """
    if old.get("format") != new.get("format"):
        raise ValueError(f"surfaces of formats {old.get('format')} and {new.get('format')} cannot be compared")
    package = str(new.get("package") or old.get("package"))
    old = {**old, "objects": _internal_by_name(old["objects"], package)}
    new = {**new, "objects": _internal_by_name(new["objects"], package)}
    old_objects, new_objects = old["objects"], new["objects"]
    found = [*_griffe_changes(old, new), *_own_changes(old_objects, new_objects)]
    found = _pair_renamed_parameters(found, old_objects, new_objects)
    groups: dict[tuple[str, str, str], list[tuple[str, _PythonChange]]] = {}
    for change in found:
        objects = old_objects if change.side == "old" else new_objects
        subject = _python_subject(objects, package, change.path, change.param)
        groups.setdefault((change.kind, change.severity, _meaning(subject)), []).append((subject, change))
    changes = []
    for members in groups.values():
        members.sort(key=lambda m: (len(m[1].path), m[1].path))
        subject, primary = members[0]
        where = primary.path.removeprefix(package + ".")
        others = len(members) - 1
        more = f" and {others} related object{'s' * (others != 1)}" if others else ""
        related: tuple[str, ...] = ()
        if primary.new_param is not None:
            related = (_python_subject(new_objects, package, primary.path, primary.new_param),)
        message = f"{primary.message} (`{where}`{more})"
        changes.append(
            Change(
                primary.severity, primary.kind, subject, message, "python-api", None, primary.old, primary.new, related
            )
        )
    return sorted(changes, key=Change.sort_key)


# --- merging ------------------------------------------------------------------------------------

# Spec changes that cover everything under their subject (an enum's members, a removed method's
# parameters, a renamed model's attributes).
_CONTAINER_KINDS = frozenset(
    {
        "operation-removed",
        "operation-added",
        "operation-renamed",
        "resource-removed",
        "resource-added",
        "model-removed",
        "model-added",
        "model-renamed",
        "enum-value-added",
        "enum-value-removed",
        "type-changed",
    }
)
# Python changes of a type or value, which a change to a model they mention explains.
_MENTIONING_KINDS = frozenset(
    {"python-type-changed", "python-value-changed", "python-default-changed", "python-default-removed"}
)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _compatible(python_kind: str, spec_kind: str) -> bool:
    """Whether a Python change of `python_kind` can be the effect of a spec change of `spec_kind`."""
    if python_kind in ("python-object-removed", "python-param-removed"):
        return "removed" in spec_kind or "renamed" in spec_kind
    if python_kind in ("python-object-added", "python-param-added", "python-param-added-required"):
        return "added" in spec_kind or "renamed" in spec_kind
    if python_kind == "python-param-renamed":
        return "renamed" in spec_kind
    if python_kind == "python-param-required":
        return "required" in spec_kind
    return True


# `MessageContentParam.parts`, the `TypedDict` callers may write for a model, changes with
# `MessageContent.parts` (see generator/emit/request_types.py).
_PARAM_FORM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*?)Param[0-9]*(?=\.|$)")


def _explained(change: Change, covered: Mapping[str, set[str]], containers: set[str], models: set[str]) -> bool:
    subjects = [_meaning(s) for s in (change.subject, *change.related)]
    subjects += [_PARAM_FORM.sub(r"\1", s) for s in subjects if _PARAM_FORM.match(s)]
    for subject in subjects:
        if any(_compatible(change.kind, kind) for kind in covered.get(subject, ())):
            return True
        if any(subject.startswith(c + ".") or subject.startswith(c + "(") for c in containers):
            return True
    if change.kind in _MENTIONING_KINDS:
        mentioned = set(_IDENTIFIER.findall(f"{change.old or ''} {change.new or ''}"))
        return bool(mentioned & models)
    return False


def merge(
    spec_changes: Iterable[Change], python_changes: Iterable[Change], old_label: str, new_label: str
) -> ChangeReport:
    """One report: the spec changes, and the Python API changes they do not explain.

    A Python change is explained by a spec change with the same subject (or a related one) and
    a compatible kind, by a structural spec change above it (a removed method covers its
    parameters, an enum's new value covers the new member), or, for a changed annotation or
    value, by a change to a model the annotation mentions.
    """
    spec = list(spec_changes)
    covered: dict[str, set[str]] = {}
    containers: set[str] = set()
    models: set[str] = set()
    for change in spec:
        for subject in (change.subject, *change.related):
            covered.setdefault(_meaning(subject), set()).add(change.kind)
            if change.kind in _CONTAINER_KINDS:
                containers.add(_meaning(subject))
            if _IDENTIFIER.fullmatch(subject) and subject != "client":
                models.add(subject)
    kept = [c for c in python_changes if not _explained(c, covered, containers, models)]
    return ChangeReport(old_label, new_label, (*spec, *kept))


# --- comparing specs and packages ---------------------------------------------------------------


def _generate(api: Api, spec: Path, out: Path, package: str, client: str | None, target: Target | None) -> Path:
    """Render the package of `api` with the current generator into `out`; its source folder."""
    from generator.emit.package import package_files  # the templates are only needed when generating
    from generator.emit.writer import write_package

    if target is None:
        chosen = target_for_spec(spec, out, package, client)
    else:
        chosen = dataclasses.replace(target, spec=spec.resolve(), out=out)
        try:
            chosen.credentials_for(api)
        except ConfigError:  # credentials configured for schemes this version of the spec lacks
            chosen = dataclasses.replace(chosen, credentials=())
    # Formatting cannot change the API griffe reads from the syntax tree; skipping it saves two
    # ruff runs per side.
    write_package(package_files(api, chosen), out, format_code=False)
    return out / "src"


def _with_credential_subjects(changes: list[Change], apis: Sequence[tuple[Api, Target]]) -> list[Change]:
    """Auth changes also cover the clients' credential arguments (`Linq(api_key=)`)."""
    auth = {"auth-scheme-added", "auth-scheme-removed", "auth-changed"}
    if not any(c.kind in auth and c.subject == "client" for c in changes):
        return changes
    arguments: set[str] = set()
    for api, target in apis:
        try:
            credentials = target.credentials_for(api)
        except ConfigError:
            continue
        for credential in credentials:
            arguments |= {f"{target.client}({credential.argument}=)", f"{target.async_client}({credential.argument}=)"}
    return [
        dataclasses.replace(c, related=(*c.related, *sorted(arguments)))
        if c.kind in auth and c.subject == "client"
        else c
        for c in changes
    ]


def compare(
    old_spec: Path,
    new_spec: Path,
    *,
    package: str,
    client: str | None = None,
    old_package_src: Path | None = None,
    new_package_src: Path | None = None,
    target: Target | None = None,
) -> ChangeReport:
    """The full report between two specs: the spec diff and the Python API diff, merged.

    A side without a package source is generated from its spec with the current generator,
    into a temporary folder, using `target` (credentials, client name) when one is given.
    Raises `SpecError` when a spec cannot be built.
    """
    old_api, new_api = build_api(old_spec), build_api(new_spec)
    spec_changes = diff_apis(old_api, new_api)
    with tempfile.TemporaryDirectory(prefix="sdk-diff-") as temp:
        sources = []
        for side, api, spec, src in (
            ("old", old_api, old_spec, old_package_src),
            ("new", new_api, new_spec, new_package_src),
        ):
            sources.append(src if src is not None else _generate(api, spec, Path(temp) / side, package, client, target))
        python_changes = diff_surfaces(api_surface(sources[0], package), api_surface(sources[1], package))
    chosen = target or target_for_spec(new_spec, new_spec.parent, package, client)
    spec_changes = _with_credential_subjects(spec_changes, ((old_api, chosen), (new_api, chosen)))
    return merge(spec_changes, python_changes, str(old_spec), str(new_spec))


# --- against a git revision ---------------------------------------------------------------------


class DiffError(Exception):
    """A comparison that cannot start: unknown revision, file missing at it, bad arguments."""


def _git(repository: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(repository), *args], capture_output=True, check=False)


def repository_root(path: Path) -> Path:
    result = _git(path, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        raise DiffError(f"{path} is not inside a git repository")
    return Path(result.stdout.decode().strip()).resolve()


def check_revision(repository: Path, revision: str) -> None:
    if _git(repository, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode != 0:
        raise DiffError(f"unknown revision {revision!r}")


def _inside(path: Path, repository: Path) -> PurePosixPath:
    try:
        return PurePosixPath(path.resolve().relative_to(repository).as_posix())
    except ValueError:
        raise DiffError(f"{path} is not inside the repository {repository}") from None


def _extract(
    repository: Path, revision: str, relative: PurePosixPath, destination: Path, needed: PurePosixPath | None = None
) -> None:
    """Write the folder `relative` as of `revision` under `destination` (for `needed` in it)."""
    result = _git(repository, "archive", "--format=tar", revision, "--", relative.as_posix())
    if result.returncode != 0:
        raise DiffError(f"{needed or relative} does not exist at {revision}")
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        archive.extractall(destination, filter="data")


def compare_with_revision(target: Target, revision: str) -> ChangeReport:
    """The target's spec at `revision` (with the package committed then) against the working tree.

    The old package is the committed one, so changes made by the generator since are caught;
    the new one is generated from the working-tree spec. The spec's whole folder is extracted,
    so that relative `$ref`s keep working.
    """
    repository = repository_root(target.spec.parent)
    check_revision(repository, revision)
    spec = _inside(target.spec, repository)
    src = _inside(target.out / "src", repository)
    with tempfile.TemporaryDirectory(prefix="sdk-diff-base-") as temp:
        old_root = Path(temp)
        _extract(repository, revision, spec.parent, old_root, needed=spec)
        if not (old_root / spec).is_file():
            raise DiffError(f"{spec} does not exist at {revision}")
        _extract(repository, revision, src, old_root)
        report = compare(
            old_root / spec,
            target.spec,
            package=target.package,
            client=target.client,
            old_package_src=old_root / src,
            target=target,
        )
    return dataclasses.replace(report, old_label=f"{spec} @ {revision}", new_label="working tree")


# --- the `diff` command ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DiffJob:
    """One comparison of the `diff` command: a target's spec against an older version of it."""

    target: Target
    header: str
    old_spec: Path | None = None  # the OLD_SPEC NEW_SPEC form (as given, for the labels)
    new_spec: Path | None = None
    base: str | None = None  # the --base REV form

    def run(self) -> ChangeReport:
        if self.base is not None:
            return compare_with_revision(self.target, self.base)
        assert self.old_spec is not None and self.new_spec is not None
        t = self.target
        return compare(self.old_spec, self.new_spec, package=t.package, client=t.client, target=t)

    def to_json(self, report: ChangeReport) -> dict[str, Any]:
        return {"target": self.target.distribution, "package": self.target.package, **report.to_json()}


def diff_jobs(
    specs: Sequence[Path], *, base: str | None, config: Path, package: str | None = None, client: str | None = None
) -> list[DiffJob]:
    """What `diff` compares. Raises `DiffError` (usage, revision) or `ConfigError`."""
    if base is None:
        if len(specs) != 2:
            raise DiffError("give OLD_SPEC and NEW_SPEC, or --base REV [SPEC ...]")
        old, new = specs
        targets = load_targets(config) if config.is_file() else []
        target = next((t for t in targets if t.spec == new.resolve()), None)
        target = target or target_for_spec(new, new.parent, package, client)
        return [DiffJob(target, f"{target.distribution}: {old} -> {new}", old_spec=old, new_spec=new)]
    targets = load_targets(config)
    if not targets:
        raise ConfigError(f"{config}: no [[tool.sdk-generator.targets]] to compare")
    chosen = targets
    if specs:
        # Each may be a target's spec file or its distribution name (any spelling pip accepts).
        by_spec = {t.spec: t for t in targets}
        by_name = {canonicalize_name(t.distribution): t for t in targets}

        def find(spec: Path) -> Target | None:
            return by_spec.get(spec.resolve()) or by_name.get(canonicalize_name(str(spec)))

        missing = [str(s) for s in specs if find(s) is None]
        if missing:
            raise DiffError(f"not a target in {config}: {', '.join(missing)}")
        chosen = [t for t in map(find, specs) if t is not None]
    repository = repository_root(config.resolve().parent)
    check_revision(repository, base)
    return [
        DiffJob(t, f"{t.distribution}: {_inside(t.spec, repository)} @ {base} -> working tree", base=base)
        for t in chosen
    ]


def reaches(level: Level, fail_on: str) -> bool:
    """Whether a report of `level` fails a run with `--fail-on fail_on` (breaking, addition, never)."""
    return fail_on != "never" and level != "none" and _RANK[level] <= _RANK[fail_on]
