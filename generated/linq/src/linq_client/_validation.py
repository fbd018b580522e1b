"""Checks a request body before it is sent, so that a mistake fails here and not on the network.

pydantic checks types and constraints; then every model in the body is checked for what the
models cannot say, or accept on purpose when parsing responses: undocumented enum values and
union variants, null in a field that may only be left out, undeclared properties of closed
models, and the rules of `_rules.py`, the same code the mock server runs: the spec's `x-rules`
and the groups of fields of which exactly one (or at least one) must be given, or that are
required when another field has a given value.
"""

from __future__ import annotations

import datetime
import enum
import functools
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pydantic
import typing_extensions

from ._exceptions import RequestValidationError
from ._models import (
    REQUEST,
    OpenEnum,
    OpenIntEnum,
    OpenUnion,
    UnknownValue,
    UnknownVariant,
    _adapter,
)
from ._rules import check_rules

__all__ = ["to_wire", "validate_request"]

# The rules of each model, as `_rules.check_rules` reads them: its `x-rules`, then its groups of
# fields (wire names) of which exactly one or at least one must be given, and fields required
# when another field has a given value.
_RULES: dict[str, list[dict[str, Any]]] = {
    "TextDecoration": [
        {
            "id": "exactly-one-of",
            "kind": "exactly-one-of",
            "message": "exactly one of 'style' or 'animation' is required",
            "groups": [["style"], ["animation"]],
        },
    ],
    "MessageContent": [
        {
            "id": "link-part-alone",
            "kind": "sole-item",
            "message": "A link part must be the only part in the message. It cannot be combined with text or media parts.",
            "field": "parts",
            "match": {"type": "link"},
        },
        {
            "id": "no-consecutive-text-parts",
            "kind": "no-consecutive",
            "message": "Consecutive text parts are not allowed. Text parts must be separated by media parts.",
            "field": "parts",
            "match": {"type": "text"},
        },
        {
            "id": "max-url-media-parts",
            "kind": "max-matching",
            "message": "Media parts using a public url (downloaded by the server on send) are capped at 40.",
            "field": "parts",
            "match": {"type": "media", "has": ["url"]},
            "max": 40,
        },
    ],
    "TextPart": [
        {
            "id": "decoration-range-within-text",
            "kind": "range-within",
            "message": "Each decoration range [start, end) must lie within the value, measured in UTF-16 code units.",
            "items": "text_decorations",
            "range": "range",
            "target": "value",
            "unit": "utf-16",
        },
        {
            "id": "animation-no-overlap",
            "kind": "no-overlap",
            "message": "Style ranges may overlap, but animation ranges must not overlap with other animations or styles.",
            "match": {"has": ["animation"]},
            "items": "text_decorations",
            "range": "range",
        },
    ],
    "MediaPart": [
        {
            "id": "exactly-one-of",
            "kind": "exactly-one-of",
            "message": "exactly one of 'url' or 'attachment_id' is required",
            "groups": [["url"], ["attachment_id"]],
        },
    ],
    "ChatSendVoicememoParams": [
        {
            "id": "exactly-one-of",
            "kind": "exactly-one-of",
            "message": "exactly one of 'attachment_id' or 'voice_memo_url' is required",
            "groups": [["attachment_id"], ["voice_memo_url"]],
        },
    ],
    "MessageAddReactionParams": [
        {
            "id": "required-when",
            "kind": "required-when",
            "message": "is required when 'type' is 'custom'",
            "match": {"type": "custom"},
            "required": ["custom_emoji"],
        },
    ],
}
# Optional fields that may be left out but are not nullable (wire names).
_NOT_NULL: dict[str, tuple[str, ...]] = {
    "Sticker": ("file_name", "height", "mime_type", "url", "width"),
    "TextDecoration": ("animation", "style"),
    "MessageEffect": ("name", "type"),
    "ReplyTo": ("part_index",),
    "MessageContent": ("effect", "idempotency_key", "preferred_service", "reply_to"),
    "TextPart": ("text_decorations",),
    "MediaPart": ("attachment_id", "url"),
    "ChatUpdateParams": ("display_name", "group_chat_icon"),
    "ChatUpdateResponse": ("chat_id", "status"),
    "ChatLeaveChatResponse": ("message", "status", "trace_id"),
    "ChatSendVoicememoParams": ("attachment_id", "voice_memo_url"),
    "ParticipantAddResponse": ("message", "status", "trace_id"),
    "ParticipantRemoveResponse": ("message", "status", "trace_id"),
    "MessageUpdateParams": ("part_index",),
    "MessageAddReactionParams": ("custom_emoji", "part_index"),
    "MessageAddReactionResponse": ("message", "status", "trace_id"),
}
# Models that take no properties besides their own (`additionalProperties: false`).
_CLOSED: frozenset[str] = frozenset(())

_ABSENT = object()


def validate_request(
    type_: Any, data: Any, *, not_given: object = _ABSENT, rules: bool = True, check: bool = True
) -> Any:
    """The JSON to send for `data`, checked against `type_`; raises `RequestValidationError`.

    `type_` is the body's model (or any type, such as `list[Model]`); `data` is an instance of
    it, or the arguments given to the method as a mapping keyed by field name or wire name
    (at every level: dicts written for nested models too). Entries whose value is `not_given`
    are left out; an explicit None is sent as null. `rules=False` keeps the type and
    constraint checks and skips the rest: groups, undocumented values and `x-rules`.
    `check=False` (a client's `validate_requests=False`) checks nothing: see `to_wire`.
    """
    if not check:
        return to_wire(type_, data, not_given=not_given)
    is_model = isinstance(type_, type) and issubclass(type_, pydantic.BaseModel)
    if is_model and isinstance(data, type_):
        value = data
    else:
        if isinstance(data, Mapping):
            data = {key: item for key, item in data.items() if item is not not_given}
            if is_model:
                data = _by_wire_name(type_, data)
        try:
            # In the request context a model with required read-only fields does not ask for them.
            if is_model:
                value = type_.model_validate(data, context=REQUEST)
            else:
                value = _adapter(type_).validate_python(data, context=REQUEST)
        except pydantic.ValidationError as exc:
            errors = [(_pointer(error["loc"], data, error["type"]), error["msg"]) for error in exc.errors()]
            raise RequestValidationError(errors) from exc
    if is_model:
        wire = value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    else:
        wire = _adapter(type_).dump_python(value, mode="json", by_alias=True, exclude_unset=True)
    problems: list[tuple[str, str]] = []
    if rules:
        _check(value, wire, "", problems)
    if problems:
        raise RequestValidationError(problems)
    return wire


def _by_wire_name(model: type[pydantic.BaseModel], data: Mapping[str, Any]) -> dict[str, Any]:
    if not model.__pydantic_complete__:
        # Aliases written in `Annotated[...]` are known once the deferred schema is built.
        model.model_rebuild()
    fields = model.model_fields
    return {(fields[key].alias or key) if key in fields else key: item for key, item in data.items()}


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _pointer(loc: Sequence[int | str], data: Any, error_type: str) -> str:
    """The JSON pointer of a pydantic error location, without the union members' labels."""
    tokens: list[str] = []
    current = data
    for index, segment in enumerate(loc):
        in_mapping = isinstance(current, Mapping) and segment in current
        in_list = (
            isinstance(current, Sequence)
            and not isinstance(current, str)
            and isinstance(segment, int)
            and 0 <= segment < len(current)
        )
        if in_mapping or in_list:
            current = current[segment]
        elif not (index == len(loc) - 1 and error_type == "missing"):
            # A label pydantic adds for a union member (`TextPart`, `str`...): not in the data.
            continue
        tokens.append(_escape(str(segment)))
    return "".join(f"/{token}" for token in tokens)


def _choices(values: Iterable[object]) -> str:
    return ", ".join(repr(value) for value in values)


def _check(value: Any, wire: Any, pointer: str, problems: list[tuple[str, str]]) -> None:
    if isinstance(value, UnknownVariant):
        prop = value.discriminator or ""
        found = wire.get(prop) if isinstance(wire, Mapping) else None
        message = f"{found!r} is not a known {prop!r} (expected one of {_choices(value.expected)})"
        problems.append((f"{pointer}/{_escape(prop)}", message))
    elif isinstance(value, pydantic.BaseModel):
        _check_model(value, wire if isinstance(wire, Mapping) else {}, pointer, problems)
    elif isinstance(value, UnknownValue):
        problems.append((pointer, f"{str(value)!r} is not one of {_choices(value.expected)}"))
    elif isinstance(value, OpenEnum | OpenIntEnum):
        if value.is_unknown:
            expected = _choices(member.value for member in type(value))
            problems.append((pointer, f"{value.value!r} is not one of {expected}"))
    elif isinstance(value, list | tuple) and isinstance(wire, list):
        for index, (item, item_wire) in enumerate(zip(value, wire, strict=False)):
            _check(item, item_wire, f"{pointer}/{index}", problems)
    elif isinstance(value, dict) and isinstance(wire, Mapping):
        for key, item in value.items():
            if key in wire:
                _check(item, wire[key], f"{pointer}/{_escape(str(key))}", problems)


def _check_model(
    model: pydantic.BaseModel, wire: Mapping[str, Any], pointer: str, problems: list[tuple[str, str]]
) -> None:
    name = type(model).__name__
    for key in _NOT_NULL.get(name, ()):
        if key in wire and wire[key] is None:
            problems.append((f"{pointer}/{_escape(key)}", f"{key!r} may be left out but cannot be null"))
    if name in _CLOSED:
        for key in model.model_extra or {}:
            problems.append((f"{pointer}/{_escape(key)}", f"{key!r} is not a field of {name}"))
    rules = _RULES.get(name)
    if rules:
        for violation in check_rules(rules, wire, pointer):
            problems.append((violation.pointer, f"{violation.message} [{violation.rule_id}]"))
    for field_name, info in type(model).model_fields.items():
        key = info.alias or field_name
        if field_name in model.model_fields_set and key in wire:
            _check(model.__dict__.get(field_name), wire[key], f"{pointer}/{_escape(key)}", problems)


_SEQUENCES: tuple[Any, ...] = (list, tuple, Sequence)
_MAPPINGS: tuple[Any, ...] = (dict, Mapping)


def to_wire(type_: Any, data: Any, *, not_given: object = _ABSENT) -> Any:
    """`data` as the JSON to send for `type_`, converted but not checked.

    What a client made with `validate_requests=False` sends: models become their `to_dict()`,
    enums their values, dates ISO 8601 strings, and a dict given for a model has its Python
    field names replaced by wire names, at every level `type_` describes. Nothing is refused:
    a value the type does not describe is sent as given.
    """
    if isinstance(data, Mapping) and not_given is not _ABSENT:
        data = {key: item for key, item in data.items() if item is not not_given}
    return _to_wire(type_, data)


def _to_wire(type_: Any, value: Any) -> Any:
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, enum.Enum):
        return _to_wire(Any, value.value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Mapping):
        model = _model_for(type_, value)
        if model is None:
            values_type = _items_type(type_, _MAPPINGS)
            return {key: _to_wire(values_type, item) for key, item in value.items()}
        fields = _wire_fields(model)
        wire = {}
        for key, item in value.items():
            name, item_type = fields.get(key, (key, Any))
            wire[name] = _to_wire(item_type, item)
        return wire
    if isinstance(value, list | tuple):
        items_type = _items_type(type_, _SEQUENCES)
        return [_to_wire(items_type, item) for item in value]
    return value


def _unwrap(type_: Any) -> tuple[Any, str | None]:
    """`type_` without `Annotated` and type alias layers, and the discriminator they name."""
    discriminator = None
    while True:
        if isinstance(type_, typing_extensions.TypeAliasType):
            # A recursive alias holds its value as a string, which only pydantic resolves.
            type_ = type_.__value__ if not isinstance(type_.__value__, str) else Any
        elif typing.get_origin(type_) is typing.Annotated:
            for item in type_.__metadata__:
                if isinstance(item, OpenUnion):
                    discriminator = item.discriminator
            type_ = type_.__origin__
        else:
            return type_, discriminator


def _items_type(type_: Any, origins: tuple[Any, ...]) -> Any:
    """The item type of a list (`_SEQUENCES`) or the value type of a dict (`_MAPPINGS`)."""
    type_, _ = _unwrap(type_)
    arguments = typing.get_args(type_)
    if typing.get_origin(type_) in origins and arguments:
        return arguments[-1] if origins is _MAPPINGS else arguments[0]
    if _is_union(type_):
        for option in arguments:
            found = _items_type(option, origins)
            if found is not Any:
                return found
    return Any


def _is_union(type_: Any) -> bool:
    return typing.get_origin(type_) in (typing.Union, types.UnionType)


def _is_model(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, pydantic.BaseModel)


def _variants(type_: Any) -> list[tuple[type[pydantic.BaseModel], str | None]]:
    """The models a value of `type_` may be, each with its discriminator tag if it has one."""
    type_, _ = _unwrap(type_)
    if _is_model(type_):
        return [(type_, None)]
    if not _is_union(type_):
        return []
    found = []
    for option in typing.get_args(type_):
        tag = None
        if typing.get_origin(option) is typing.Annotated:
            tag = next((item.tag for item in option.__metadata__ if isinstance(item, pydantic.Tag)), None)
        found += [(model, tag or own) for model, own in _variants(option)]
    return found


def _model_for(type_: Any, value: Mapping[str, Any]) -> type[pydantic.BaseModel] | None:
    """The model a dict stands for: by its discriminator, else the first whose fields it uses."""
    variants = _variants(type_)
    _, discriminator = _unwrap(type_)
    if discriminator is None:
        # A union of several layers (`MessagePart | None`) names its discriminator inside.
        for option in typing.get_args(_unwrap(type_)[0]):
            discriminator = discriminator or _unwrap(option)[1]
    if discriminator is not None:
        for model, tag in variants:
            keys = [key for key, (wire, _) in _wire_fields(model).items() if wire == discriminator]
            if tag is not None and any(value.get(key) == tag for key in keys):
                return model
    for model, _ in variants:
        if all(key in _wire_fields(model) for key in value):
            return model
    return variants[0][0] if len(variants) == 1 else None


@functools.cache
def _wire_fields(model: type[pydantic.BaseModel]) -> dict[str, tuple[str, Any]]:
    """Python name and wire name of each field -> (wire name, the field's type)."""
    if not model.__pydantic_complete__:
        model.model_rebuild()
    fields: dict[str, tuple[str, Any]] = {}
    for name, info in model.model_fields.items():
        # pydantic keeps the outer `Annotated[...]` of a field apart: `OpenUnion(...)` may be there.
        annotation: Any = info.annotation
        for item in info.metadata:
            if isinstance(item, OpenUnion):
                annotation = typing.Annotated[annotation, item]
        wire = info.alias or name
        fields[name] = (wire, annotation)
        fields.setdefault(wire, (wire, annotation))
    return fields
