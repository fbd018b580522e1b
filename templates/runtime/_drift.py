"""Responses that differ from the spec ("drift"), found without slowing down those that do not.

Live APIs drift from their description: a field documented as required goes missing, a date
arrives in another format, a new enum value or part type appears, new fields show up. The
client still returns what came back, and reports each difference as a `Drift` with its JSON
pointer into the response body (see `BaseClient` for where the reports go).

Finding drift costs nothing on a conforming response:

- a body that passes validation can still hold undocumented things (an enum value, a union
  variant, a field). Only the model hooks that accept those call `note_unknown`, which raises a
  flag; the result is walked for pointers (`find_unknowns`) only when the flag is up.
- a body that fails validation is decoded and built again leniently (`build_leniently`): each
  model field that validates is kept as validated, one that does not is kept as received (a
  missing required field is `None`), and each of them is reported.

`drift_of(obj)` returns the drift recorded for a returned model, or for a page.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
import weakref
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Annotated, Any, Literal, TypeAlias, TypeVar

import pydantic

__all__ = [
    "Drift",
    "DriftKind",
    "build_leniently",
    "drift_of",
    "find_unknowns",
    "note_unknown",
    "noting_unknowns",
    "record_drift",
    "unknowns_noted",
]

T = TypeVar("T")
_In = TypeVar("_In")

DriftKind: TypeAlias = Literal["missing", "type", "format", "constraint", "enum", "variant", "extra"]
"""What differs: a required field `missing`; a value of the wrong `type`; a string in the wrong
`format` (a date, a pattern); a value outside a `constraint` (a bound, a length); an undocumented
`enum` value; an undocumented union `variant`; an `extra` field the spec does not list."""

_MAX_RECEIVED_CHARS = 200


@dataclasses.dataclass(frozen=True)
class Drift:
    """One place where a response differs from the spec.

    `pointer` is an RFC 6901 JSON pointer into the response body (`/messages/3/sent_at`; `""`
    is the whole body), `expected` what the spec says, in a few words, and `received` the value
    that came instead (`None` for a missing field; a long value as a truncated repr).
    `method` and `url` name the request.
    """

    pointer: str
    kind: DriftKind
    expected: str
    received: object
    method: str = ""
    url: str = ""

    def __str__(self) -> str:
        where = self.pointer or "/"
        if self.kind == "missing":
            return f"{where}: missing (expected {self.expected})"
        return f"{where}: {self.kind} (expected {self.expected}, received {self.received!r})"


# --- the flag raised by the hooks for undocumented values ----------------------------------------

_unknown_seen: ContextVar[bool] = ContextVar("_unknown_seen", default=False)


def note_unknown(value: T) -> T:
    """Raise the flag "something undocumented was accepted"; returns `value` unchanged.

    Called only by the hooks that run for undocumented values (unknown enum values, literals,
    union variants, extra fields), so a conforming response never calls it.
    """
    _unknown_seen.set(True)
    return value


class unknowns_noted:  # used like a function: `with unknowns_noted() as noted:`
    """`with unknowns_noted() as noted: ...; noted()`: whether a hook ran inside the block."""

    def __enter__(self) -> Callable[[], bool]:
        self._token = _unknown_seen.set(False)
        return _unknown_seen.get

    def __exit__(self, *exc_info: object) -> None:
        _unknown_seen.reset(self._token)


def noting_unknowns(validate: Callable[[_In], T]) -> Callable[[_In], tuple[T, bool]]:
    """`validate` made to return, with its result, whether a hook ran while it did: the
    `unknowns_noted` block, as one call for the parsing of every response."""

    def run(data: _In) -> tuple[T, bool]:
        token = _unknown_seen.set(False)
        try:
            return validate(data), _unknown_seen.get()
        finally:
            _unknown_seen.reset(token)

    return run


# --- a drift found: (pointer, kind, expected, received) ------------------------------------------

Found: TypeAlias = tuple[str, DriftKind, str, object]


def _token(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def _untoken(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def received_value(value: object) -> object:
    """The value as reported: scalars as they are, long strings cut, anything else as a short repr."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return value if len(value) <= _MAX_RECEIVED_CHARS else value[:_MAX_RECEIVED_CHARS] + "..."
    text = repr(value)
    return text if len(text) <= _MAX_RECEIVED_CHARS else text[:_MAX_RECEIVED_CHARS] + "..."


@lru_cache(maxsize=1024)
def _wire_names(cls: type[pydantic.BaseModel]) -> tuple[tuple[str, str], ...]:
    """(attribute name, wire name) of each field of a model."""
    pairs = []
    for name, field in cls.model_fields.items():
        alias = field.validation_alias if isinstance(field.validation_alias, str) else field.alias
        pairs.append((name, alias or name))
    return tuple(pairs)


@lru_cache(maxsize=1024)
def _field_by_wire_name(cls: type[pydantic.BaseModel]) -> Mapping[str, str]:
    names = {wire: name for name, wire in _wire_names(cls)}
    if cls.model_config.get("populate_by_name") or cls.model_config.get("validate_by_name"):
        for name in cls.model_fields:
            names.setdefault(name, name)
    return names


# --- drift in a validated result: the undocumented things the hooks let in ------------------------


def find_unknowns(value: object, pointer: str = "") -> list[Found]:
    """Every undocumented value, variant and extra field in a parsed result, with its pointer.

    Walks the whole result: call it only when `unknowns_noted` says a hook ran.
    """
    found: list[Found] = []
    _walk(value, pointer, found)
    return found


def _walk(value: object, pointer: str, found: list[Found]) -> None:
    report = getattr(value, "_drift_report", None)
    if report is not None:
        # An undocumented enum value, literal or variant reports itself (see `_models`).
        described = report()
        if described is not None:
            kind, expected, received = described
            found.append((pointer, kind, expected, received_value(received)))
            return
    if isinstance(value, pydantic.BaseModel):
        for key, extra in (value.__pydantic_extra__ or {}).items():
            found.append(
                (
                    f"{pointer}/{_token(key)}",
                    "extra",
                    f"no field {key!r} in {type(value).__name__}",
                    received_value(extra),
                )
            )
        attributes = value.__dict__
        for name, wire in _wire_names(type(value)):
            _walk(attributes.get(name), f"{pointer}/{_token(wire)}", found)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _walk(item, f"{pointer}/{index}", found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(item, f"{pointer}/{_token(str(key))}", found)


# --- drift in a body that fails validation: built again, leniently ---------------------------------


def build_leniently(cast_to: Any, data: object) -> tuple[Any, list[Found]]:
    """`data` (decoded JSON) as `cast_to`, never failing, with every difference from the spec.

    What validates is kept as validated; a value that does not is kept as received, a missing
    required field is `None` (and not counted as set, so `to_dict()` leaves it out).
    """
    found: list[Found] = []
    with unknowns_noted():
        value = _lenient(cast_to, data, "", found)
    found.extend(find_unknowns(value))
    found.sort(key=lambda item: _pointer_order(item[0]))
    return value, found


def _pointer_order(pointer: str) -> tuple[tuple[int, int | str], ...]:
    order: list[tuple[int, int | str]] = []
    for token in pointer.split("/"):
        index = _array_index(token)
        order.append((1, token) if index is None else (0, index))
    return tuple(order)


def _array_index(token: str) -> int | None:
    """The array index a JSON pointer token spells (RFC 6901: ASCII digits, no leading zero), or
    None: a key such as '³' (which `int()` refuses) or '٣' (which it reads as 3) is no index."""
    if not (token.isascii() and token.isdigit()) or (token[0] == "0" and token != "0") or len(token) > 18:
        return None  # (no array in memory has 10**18 items: a longer token is a key)
    return int(token)


def _lenient(tp: Any, value: object, pointer: str, found: list[Found]) -> Any:
    base, metadata = _unwrap(tp)
    if _is_model(base) and isinstance(value, dict):
        try:
            return base.model_validate(value)
        except pydantic.ValidationError:
            return _lenient_model(base, value, pointer, found)
    try:
        return _adapter(tp).validate_python(value)
    except pydantic.ValidationError as exc:
        errors = exc.errors()
    origin = typing.get_origin(base)
    if isinstance(value, dict):
        variant = _variant_for(base, metadata, value)
        if variant is not None:
            return _lenient(variant, value, pointer, found)
    if origin in (list, tuple) and isinstance(value, list):
        args = typing.get_args(base)
        item_type = args[0] if args else Any
        _report_own(errors, tp, value, pointer, found)
        return [_lenient(item_type, item, f"{pointer}/{index}", found) for index, item in enumerate(value)]
    if origin is dict and isinstance(value, dict):
        args = typing.get_args(base)
        item_type = args[1] if len(args) == 2 else Any
        _report_own(errors, tp, value, pointer, found)
        return {key: _lenient(item_type, item, f"{pointer}/{_token(str(key))}", found) for key, item in value.items()}
    if origin in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(base) if arg is not type(None)]
        fitting = [member for member in members if _shape_fits(member, value)]
        if len(fitting) == 1 and _is_structured(fitting[0]):
            return _lenient(fitting[0], value, pointer, found)
    found.append((pointer, _kind(errors), describe(tp), received_value(value)))
    return value


def _lenient_model(cls: type[pydantic.BaseModel], data: dict[str, Any], pointer: str, found: list[Found]) -> Any:
    model = cls.model_construct()  # defaults set, post-init run; required fields still absent
    validator = cls.__pydantic_validator__
    fields_by_wire = _field_by_wire_name(cls)
    wire_by_field = dict(_wire_names(cls))
    given: set[str] = set()
    extra: dict[str, Any] = {}
    for key, item in data.items():
        name = fields_by_wire.get(key)
        if name is None:
            extra[key] = item
            continue
        given.add(name)
        try:
            validator.validate_assignment(model, name, item)
        except pydantic.ValidationError:
            model.__dict__[name] = _lenient(_field_type(cls, name), item, f"{pointer}/{_token(key)}", found)
            model.__pydantic_fields_set__.add(name)
    for name, field in cls.model_fields.items():
        if name not in given and field.is_required():
            model.__dict__[name] = None
            found.append(
                (f"{pointer}/{_token(wire_by_field[name])}", "missing", describe(_field_type(cls, name)), None)
            )
    if cls.model_config.get("extra") == "allow":
        model.__pydantic_extra__ = {**(model.__pydantic_extra__ or {}), **extra}
    return model


@lru_cache(maxsize=2048)
def _field_type(cls: type[pydantic.BaseModel], name: str) -> Any:
    field = cls.model_fields[name]
    if field.metadata:
        return Annotated[(field.annotation, *field.metadata)]
    return field.annotation


def _adapter(tp: Any) -> pydantic.TypeAdapter[Any]:
    try:
        return _cached_adapter(tp)
    except TypeError:  # an unhashable annotation
        return pydantic.TypeAdapter(tp)


@lru_cache(maxsize=512)
def _cached_adapter(tp: Any) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(tp)


def _unwrap(tp: Any) -> tuple[Any, tuple[Any, ...]]:
    """The type inside `Annotated[...]`, with the metadata found."""
    metadata: tuple[Any, ...] = ()
    while True:
        if typing.get_origin(tp) is Annotated:
            metadata += tuple(getattr(tp, "__metadata__", ()))
            tp = tp.__origin__
        else:
            return tp, metadata


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, pydantic.BaseModel)


def _variant_for(base: Any, metadata: tuple[Any, ...], value: dict[str, Any]) -> Any:
    """The model a tagged union picks for `value`, when the union says which property tells."""
    prop = next((getattr(item, "discriminator", None) for item in metadata if hasattr(item, "discriminator")), None)
    if not isinstance(prop, str) or typing.get_origin(base) not in (typing.Union, types.UnionType):
        return None
    tag = value.get(prop)
    for choice in typing.get_args(base):
        model, choice_metadata = _unwrap(choice)
        if any(getattr(item, "tag", None) == tag for item in choice_metadata) and _is_model(model):
            return model
    return None


def _shape_fits(tp: Any, value: object) -> bool:
    base, _ = _unwrap(tp)
    origin = typing.get_origin(base)
    if _is_model(base) or origin is dict:
        return isinstance(value, dict)
    if origin in (list, tuple):
        return isinstance(value, list)
    if origin in (typing.Union, types.UnionType):
        return any(_shape_fits(arg, value) for arg in typing.get_args(base))
    return False


def _is_structured(tp: Any) -> bool:
    base, _ = _unwrap(tp)
    return _is_model(base) or typing.get_origin(base) in (list, tuple, dict, typing.Union, types.UnionType)


def _report_own(errors: Iterable[Any], tp: Any, value: object, pointer: str, found: list[Found]) -> None:
    """Errors about a container itself (its length, say) rather than its items."""
    own = [error for error in errors if not error["loc"]]
    if own:
        found.append((pointer, _kind(own), describe(tp), received_value(value)))


_CONSTRAINT_ERRORS = frozenset(
    {
        "too_short",
        "too_long",
        "string_too_short",
        "string_too_long",
        "greater_than",
        "greater_than_equal",
        "less_than",
        "less_than_equal",
        "multiple_of",
        "finite_number",
    }
)
_TYPE_ERRORS = frozenset({"int_parsing", "float_parsing", "bool_parsing", "int_from_float", "none_required"})


def _kind(errors: Iterable[Any]) -> DriftKind:
    kinds: list[DriftKind] = []
    for error in errors:
        kind: str = error["type"]
        if kind == "missing":
            kinds.append("missing")
        elif kind.endswith("_type") or kind in _TYPE_ERRORS:
            kinds.append("type")
        elif kind in ("enum", "literal_error"):
            kinds.append("enum")
        elif kind.startswith("union_tag"):
            kinds.append("variant")
        elif kind in _CONSTRAINT_ERRORS:
            kinds.append("constraint")
        else:
            kinds.append("format")
    # A value of a nullable type fails twice (as the type and as null): the first is the one.
    for kind in kinds:
        if kind != "type":
            return kind
    return "type"


# --- what the spec expects, in a few words ---------------------------------------------------------

_NAMES: dict[Any, str] = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    datetime: "date-time string",
    date: "date string",
    time: "time string",
    timedelta: "duration",
    type(None): "null",
    Any: "any value",
    object: "any value",
}


def describe(tp: Any) -> str:
    """`datetime | None` -> "date-time string or null"; `list[Chat]` -> "array of Chat"."""
    base, metadata = _unwrap(tp)
    origin = typing.get_origin(base)
    pattern = next((getattr(item, "pattern", None) for item in metadata if getattr(item, "pattern", None)), None)
    if base in _NAMES:
        name = _NAMES[base]
        return f"{name} matching {pattern}" if pattern else name
    if origin is Literal:
        return "one of " + ", ".join(repr(value) for value in typing.get_args(base))
    if origin in (typing.Union, types.UnionType):
        prop = next((getattr(item, "discriminator", None) for item in metadata if hasattr(item, "discriminator")), None)
        if isinstance(prop, str):
            return f"an object told apart by {prop!r}"
        return " or ".join(dict.fromkeys(describe(arg) for arg in typing.get_args(base)))
    if origin in (list, tuple):
        args = typing.get_args(base)
        return f"array of {describe(args[0])}" if args else "array"
    if origin is dict:
        return "object"
    if isinstance(base, type) and issubclass(base, enum.Enum):
        return "one of " + ", ".join(repr(member.value) for member in base)
    if _is_model(base):
        return f"object {base.__name__}"
    return getattr(base, "__name__", None) or repr(base)


# --- drift attached to what a call returned ---------------------------------------------------------

_recorded: dict[int, tuple[Drift, ...]] = {}


def drift_of(obj: object) -> tuple[Drift, ...]:
    """The drift found in the response `obj` came from: for the returned model or page, all of
    it; for a model inside one (an item of a page, a nested object), the drift under it. The
    pointers are into the whole response body. Empty for a conforming response."""
    return _recorded.get(id(obj), ())


def record_drift(root: object, drifts: tuple[Drift, ...], *, also: object = None) -> None:
    """Attach `drifts` to `root` (the parsed body), to `also` (a page) and to every model on
    the way to each drift, for `drift_of`. Costs nothing when there is no drift."""
    if not drifts:
        return
    attached: dict[int, tuple[object, list[Drift]]] = {}
    for drift in drifts:
        node: object = root
        _add(attached, node, drift)
        for token in drift.pointer.split("/")[1:]:
            node = _child(node, _untoken(token))
            if node is None:
                break
            if isinstance(node, pydantic.BaseModel):
                _add(attached, node, drift)
    if also is not None:
        _keep(also, tuple(drifts))
    for node, found in attached.values():
        _keep(node, tuple(found))


def _add(attached: dict[int, tuple[object, list[Drift]]], node: object, drift: Drift) -> None:
    attached.setdefault(id(node), (node, []))[1].append(drift)


def _keep(node: object, drifts: tuple[Drift, ...]) -> None:
    key = id(node)
    try:
        weakref.finalize(node, _recorded.pop, key, None)
    except TypeError:  # not weakly referenceable (a list, a str): nothing to attach to
        return
    _recorded[key] = drifts


def _child(node: object, name: str) -> object:
    if isinstance(node, pydantic.BaseModel):
        field = _field_by_wire_name(type(node)).get(name)
        if field is not None:
            return node.__dict__.get(field)
        return (node.__pydantic_extra__ or {}).get(name)
    if isinstance(node, list | tuple):
        index = _array_index(name)
        return node[index] if index is not None and index < len(node) else None
    if isinstance(node, dict):
        return node.get(name)
    return None
