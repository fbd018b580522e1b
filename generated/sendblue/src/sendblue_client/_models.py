"""Runtime of the generated models of Sendblue API.

- `BaseModel`: the base of every model. Unknown fields are kept; `to_dict()` / `to_json()` dump
  by wire name and leave out what was never set, so a field sent as null and a field left out
  survive a round trip (`model_fields_set` tells them apart).
- `ReadOnlyFieldsModel`: the base of a model with required `readOnly` fields: required in a
  response, not asked for in a request (`REQUEST`, the validation context of requests).
- `OpenEnum` / `OpenIntEnum`: enums that accept values added to the API after this client was
  generated, as pseudo-members whose `is_unknown` is true.
- `OpenLiteral[Literal[...]]`: an inline string enum that accepts any string; an undocumented
  one arrives as an `UnknownValue` (a `str`).
- `OpenUnion("type")`: a union told apart by one property; a variant of a type this client does
  not know arrives as an `UnknownVariant` that keeps its data.

`is_unknown(value)` is true for each of the three kinds of unknown value.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Mapping
from functools import lru_cache
from typing import Annotated, Any, ClassVar, Literal, TypeAlias, TypeVar, cast

import pydantic
from pydantic import (
    AfterValidator,
    ConfigDict,
    Discriminator,
    GetCoreSchemaHandler,
    PrivateAttr,
    Tag,
    TypeAdapter,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError, core_schema

from ._drift import note_unknown

__all__ = [
    "REQUEST",
    "BaseModel",
    "ConstFieldsModel",
    "OpenEnum",
    "OpenIntEnum",
    "OpenLiteral",
    "OpenUnion",
    "ReadOnlyFieldsModel",
    "UnknownValue",
    "UnknownVariant",
    "is_unknown",
    "parse",
]


class BaseModel(pydantic.BaseModel):
    """Base of the generated models."""

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
        # Schemas are built on first use, not at import: importing the package stays cheap.
        defer_build=True,
    )

    # Unknown fields are kept; validating one raises the drift flag (a model without unknown
    # fields never runs this validator, so it costs nothing there).
    __pydantic_extra__: dict[str, Annotated[Any, AfterValidator(note_unknown)]]

    # Fields holding a single allowed value (a discriminator such as `type: "text"`): they have
    # that value as default and count as set, so a dump always sends them (`ConstFieldsModel`).
    __const_fields__: ClassVar[tuple[str, ...]] = ()

    def to_dict(self, *, mode: Literal["json", "python"] = "json") -> dict[str, Any]:
        """The model as its wire JSON: names as on the wire, fields never set left out."""
        # No serializer warnings: a response that drifted from the spec keeps values of other types.
        return self.model_dump(mode=mode, by_alias=True, exclude_unset=True, warnings=False)

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as a JSON document."""
        return self.model_dump_json(by_alias=True, exclude_unset=True, indent=indent, warnings=False)


class ConstFieldsModel(BaseModel):
    """Base of the models with `__const_fields__`, which count as set in every instance.

    Only these models run a post-init hook: pydantic skips the hook in models that do not
    define one, which keeps parsing a page of plain models free of a Python call per instance.
    A variant of an `OpenUnion` picked by its tag in JSON skips it too when the tag is its only
    constant field: the tag is in the input, so it counts as set already.
    """

    def model_post_init(self, context: Any, /) -> None:
        self.__pydantic_fields_set__.update(self.__const_fields__)


# The validation context of a request (`_validation.validate_request`): the same object at
# every level of the value, so each model can tell a request from a response.
REQUEST: dict[str, str] = {"direction": "request"}


class ReadOnlyFieldsModel(BaseModel):
    """Base of the models with required `readOnly` fields, `__read_only__` (wire names).

    OpenAPI makes such a field required in responses only: a request leaves it out. In a
    request's validation (context `REQUEST`) the model is validated as its request form, a
    subclass in which these fields default to None and are not set (so no dump sends them);
    elsewhere, as itself. Only these models run this validator.
    """

    __read_only__: ClassVar[tuple[str, ...]] = ()

    @pydantic.model_validator(mode="wrap")
    @classmethod
    def _read_only_fields_not_asked(
        cls, data: Any, handler: pydantic.ValidatorFunctionWrapHandler, info: pydantic.ValidationInfo
    ) -> Any:
        if info.context is not REQUEST or not cls.__read_only__:
            return handler(data)
        return _request_form(cls).model_validate(data, context=REQUEST)


_request_forms: dict[type[ReadOnlyFieldsModel], type[ReadOnlyFieldsModel]] = {}


def _request_form(cls: type[ReadOnlyFieldsModel]) -> type[ReadOnlyFieldsModel]:
    """`cls` with its read-only fields optional (default None): made once per model."""
    form = _request_forms.get(cls)
    if form is not None:
        return form
    optional: dict[str, Any] = {
        name: (field.annotation, FieldInfo.merge_field_infos(field, default=None))
        for name, field in cls.model_fields.items()
        if (field.alias or name) in cls.__read_only__
    }
    form = pydantic.create_model(cls.__name__, __base__=cls, __module__=cls.__module__, **optional)
    form.__read_only__ = ()
    form.__qualname__ = cls.__qualname__
    return _request_forms.setdefault(cls, form)


class OpenEnum(enum.StrEnum):
    """A string enum that accepts undocumented values instead of failing.

    `ServiceType("WhatsApp")` returns a pseudo-member: it compares equal to its value, dumps as
    its value, and its `is_unknown` is true.
    """

    @classmethod
    def _missing_(cls, value: object) -> OpenEnum | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return note_unknown(member)

    @property
    def is_unknown(self) -> bool:
        """True for a value this client does not document."""
        return type(self)._member_map_.get(self._name_) is not self

    def _drift_report(self) -> tuple[str, str, object] | None:
        if not self.is_unknown:
            return None
        return "enum", "one of " + ", ".join(repr(str(value)) for value in type(self)._value2member_map_), str(self)

    @classmethod
    def is_known(cls, value: object) -> bool:
        """True when `value` is one of the documented values."""
        return isinstance(value, str) and value in cls._value2member_map_


class OpenIntEnum(enum.IntEnum):
    """An integer enum that accepts undocumented values, like `OpenEnum`."""

    @classmethod
    def _missing_(cls, value: object) -> OpenIntEnum | None:
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        member = int.__new__(cls, value)
        member._name_ = str(value)
        member._value_ = value
        return note_unknown(member)

    @property
    def is_unknown(self) -> bool:
        """True for a value this client does not document."""
        return type(self)._member_map_.get(self._name_) is not self

    def _drift_report(self) -> tuple[str, str, object] | None:
        if not self.is_unknown:
            return None
        return "enum", "one of " + ", ".join(str(value) for value in type(self)._value2member_map_), int(self)

    @classmethod
    def is_known(cls, value: object) -> bool:
        """True when `value` is one of the documented values."""
        return isinstance(value, int) and not isinstance(value, bool) and value in cls._value2member_map_


class UnknownValue(str):
    """A string outside the documented values of an `OpenLiteral`; `expected` lists those."""

    expected: tuple[str, ...] = ()

    def _drift_report(self) -> tuple[str, str, object]:
        return "enum", "one of " + ", ".join(repr(value) for value in self.expected), str(self)


class _OpenLiteralSchema:
    """Validates `Literal[...] | str` as a string, marking undocumented values.

    JSON tries the documented values first, without a Python call; only another string goes
    through the function that marks it. A value that is no string fails as before, with one
    `string_type` error.
    """

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        expected = tuple(value for arg in typing.get_args(source) for value in typing.get_args(arg))
        known = frozenset(expected)

        def mark(value: str) -> str:
            if value in known:
                return value
            unknown = UnknownValue(value)
            unknown.expected = expected
            return note_unknown(unknown)

        marked = core_schema.no_info_after_validator_function(mark, core_schema.str_schema())
        return core_schema.json_or_python_schema(
            json_schema=core_schema.union_schema(
                [core_schema.literal_schema(list(expected)), marked],
                mode="left_to_right",
                custom_error_type="string_type",
            ),
            python_schema=marked,
        )


_Values = TypeVar("_Values", bound=str)
OpenLiteral: TypeAlias = Annotated[_Values | str, _OpenLiteralSchema()]
"""`OpenLiteral[Literal["a", "b"]]`: "a" or "b" to a type checker, any string at run time."""


class UnknownVariant(BaseModel):
    """A variant of a union whose discriminator value this client does not know.

    Its data is kept as extra fields (`variant.model_extra`, `variant.to_dict()`).
    """

    _discriminator: str | None = PrivateAttr(default=None)
    _expected: tuple[str, ...] = PrivateAttr(default=())

    @property
    def discriminator(self) -> str | None:
        """The property that tells the variants apart (`type`)."""
        return self._discriminator

    @property
    def expected(self) -> tuple[str, ...]:
        """The values of that property this client knows."""
        return self._expected

    def _drift_report(self) -> tuple[str, str, object]:
        prop = self._discriminator
        tag = (self.__pydantic_extra__ or {}).get(prop) if prop else None
        return "variant", f"{prop!r} one of " + ", ".join(repr(value) for value in self._expected), tag


_UNKNOWN_TAG = "*unknown*"


class OpenUnion:
    """`Annotated[Annotated[A, Tag("a")] | Annotated[B, Tag("b")] | UnknownVariant, OpenUnion("type")]`.

    Picks the variant from the value of property `type` (or from the class of a model instance);
    any other value selects `UnknownVariant`, so parsing never fails on a new variant.

    Parsing JSON looks the property up in the JSON itself, so a known variant is validated
    straight from the bytes, never decoded to Python first; only a value whose variant is not
    known goes through Python. (A JSON value of a known variant that does not match it fails
    with the variant's errors, and one more saying that its tag is known.)
    """

    def __init__(self, discriminator: str) -> None:
        self.discriminator = discriminator

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        prop = self.discriminator
        choices: list[Any] = []
        models_by_tag: dict[str, Any] = {}
        tags_by_model: dict[Any, str] = {}
        for choice in typing.get_args(source):
            if choice is UnknownVariant:
                continue
            model, *metadata = typing.get_args(choice)
            tag = next(item.tag for item in metadata if isinstance(item, Tag))
            models_by_tag[tag] = model
            tags_by_model.setdefault(model, tag)
            choices.append(choice)
        expected = tuple(models_by_tag)

        def known_tag(value: Any) -> str | None:
            tag = value.get(prop) if isinstance(value, Mapping) else None
            return tag if isinstance(tag, str) and tag in models_by_tag else None

        def choose(value: Any) -> str:
            if isinstance(value, Mapping):
                return known_tag(value) or _UNKNOWN_TAG
            return tags_by_model.get(type(value), _UNKNOWN_TAG)

        def only_unknown(value: Any) -> Any:
            tag = known_tag(value)
            if tag is not None:
                message = "'{tag}' is a known '{prop}': the errors of its variant say why the value fails"
                raise PydanticCustomError("known_variant", message, {"tag": tag, "prop": prop})
            return value

        def remember(variant: UnknownVariant) -> UnknownVariant:
            variant._discriminator = prop
            variant._expected = expected
            return note_unknown(variant)

        unknown = Annotated[UnknownVariant, AfterValidator(remember), Tag(_UNKNOWN_TAG)]
        by_key = core_schema.tagged_union_schema(
            {tag: _tagged_variant_schema(model, prop, handler) for tag, model in models_by_tag.items()},
            discriminator=prop,
        )
        return core_schema.json_or_python_schema(
            json_schema=core_schema.union_schema(
                [
                    (by_key, "variant"),
                    (core_schema.no_info_before_validator_function(only_unknown, handler(unknown)), "unknown"),
                ],
                mode="left_to_right",
            ),
            python_schema=handler(Annotated[typing.Union[(*choices, unknown)], Discriminator(choose)]),
        )


_NOT_COPIED = frozenset({"ref", "post_init"})


def _tagged_variant_schema(model: Any, prop: str, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
    """A variant's schema where its tag picked it: there the tag is in the input, so it counts
    as set already, and a model whose only constant field is the tag can skip its post-init
    hook (`ConstFieldsModel`), a Python call per instance. Any other model: its own schema."""
    schema = handler(model)
    const_fields = getattr(model, "__const_fields__", ())
    if not const_fields or getattr(model, "model_post_init", None) is not ConstFieldsModel.model_post_init:
        return schema
    fields = model.model_fields
    if any(name not in fields or (fields[name].alias or name) != prop for name in const_fields):
        return schema
    try:
        resolved = handler.resolve_ref_schema(schema)
    except LookupError:  # a model still being built (recursion): its schema as it is
        return schema
    if resolved["type"] != "model" or resolved.get("post_init") != "model_post_init":
        return schema
    # The same model, inline and without the hook (its `ref` stays with the original).
    return cast(core_schema.ModelSchema, {key: value for key, value in resolved.items() if key not in _NOT_COPIED})


def is_unknown(value: object) -> bool:
    """True for a value this client does not document: an enum pseudo-member, an
    `UnknownValue` or an `UnknownVariant`."""
    if isinstance(value, UnknownValue | UnknownVariant):
        return True
    return isinstance(value, OpenEnum | OpenIntEnum) and value.is_unknown


@lru_cache(maxsize=512)
def _adapter(type_: Any) -> TypeAdapter[Any]:
    return TypeAdapter(type_)


def parse(type_: Any, data: Any) -> Any:
    """`data` (decoded JSON) as an instance of `type_`: a model, `list[Model]`, a union alias..."""
    if isinstance(type_, type) and issubclass(type_, pydantic.BaseModel):
        return type_.model_validate(data)
    return _adapter(type_).validate_python(data)
