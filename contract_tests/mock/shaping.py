"""Shaping data into a type: how records become response bodies, and request bodies records.

A value is poured into a target type field by field. A field takes, in order: the source's
field of the same name (or an alias from the table, or the same name in another spelling,
`account_email` for `accountEmail`; `chat_id` is the id of a chat record; related records
such as a message's chat answer to their singular name); for an object field the source
knows nothing about, the source itself when the field is named after it or is an envelope
(`data`), else a fresh object that still sees the source's relations; then the operation's
documented example at the same place, unless the field is an id (ids must be real); then,
for required fields, synthesised data. Values that do not fit the target type are not used.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, assert_never

from generator.ir.model import (
    AnyType,
    Api,
    ArrayOf,
    BooleanType,
    Constraints,
    Discriminator,
    Field,
    IntegerType,
    LiteralOf,
    MapOf,
    Model,
    ModelRef,
    NullType,
    NumberType,
    StringType,
    TypeRef,
    UnionOf,
    accepts_null,
)
from generator.ir.walk import InstanceVisitor, ScalarType

from .resources import ENVELOPE_FIELDS, Kind, normalise
from .schemas import FORMAT_CHECKS, SchemaCache
from .store import Record
from .synth import Synthesizer, format_time
from .validation import MISSING

JSON = Any
_ID_NAMES = re.compile(r"(^id$|_id$|Id$|^uuid$|^trace_?id$|^request_?id$)")


class Source:
    """Data to shape from, with what it knows about its kind and related records."""

    __slots__ = ("_normalised", "data", "ids_only", "kind", "record", "related")

    def __init__(
        self,
        data: Mapping[str, JSON],
        kind: Kind | None = None,
        record: Record | None = None,
        related: dict[str, JSON] | None = None,
        ids_only: bool = False,
    ) -> None:
        self.data = data
        self.kind = kind
        self.record = record
        self.related = related or {}
        self.ids_only = ids_only
        self._normalised: dict[str, str] | None = None

    def beside_envelope(self) -> Source:
        """The view of the fields next to an envelope field: ids and related records only."""
        return Source(self.data, self.kind, self.record, self.related, ids_only=True)

    @property
    def singular(self) -> str | None:
        return self.kind.singular if self.kind else None

    def lookup(self, name: str) -> JSON:
        if self.ids_only and not _ID_NAMES.search(name):
            return self.related.get(name, MISSING)
        data = self.data
        if name in data:
            return data[name]
        kind = self.kind
        if kind is not None:
            alias = kind.facts.aliases.get(name)
            if alias == "@created":
                return format_time(self.record.created) if self.record else MISSING
            if alias is not None and alias in data:
                return data[alias]
            if self.record is not None and name in (f"{kind.singular}_id", f"{kind.singular}Id"):
                return self.record.id
        if self._normalised is None:
            self._normalised = {normalise(k): k for k in data}
        key = self._normalised.get(normalise(name))
        if key is not None:
            return data[key]
        if name in self.related:
            return self.related[name]
        return MISSING

    def relations(self) -> dict[str, JSON]:
        """What a nested object shaped from this source may refer to."""
        related = dict(self.related)
        if self.singular:
            related.setdefault(self.singular, self)
        return related


class Shaper(InstanceVisitor[tuple[JSON, str], JSON]):
    """Pours values into types, reading each type as every instance walk does (`generator.ir.walk`).

    What a visit carries down is the documented example at the same place and the field's name.
    """

    def __init__(self, api: Api, schemas: SchemaCache, synth: Synthesizer) -> None:
        super().__init__(api)
        self.schemas = schemas
        self.synth = synth
        self._patterns: dict[str, re.Pattern[str]] = {}
        self._plans: dict[str, list[tuple[Field, bool, bool]]] = {}

    def shape(self, type_: TypeRef, value: JSON, example: JSON = MISSING, name: str = "") -> JSON:
        """`value` as an instance of `type_`, or MISSING when it cannot be one."""
        if value is MISSING:
            return MISSING
        if value is None:
            return None if self.allows_null(type_) else MISSING
        return self.visit(type_, value, (example, name))

    def visit_array(self, type_: ArrayOf, value: JSON, at: tuple[JSON, str]) -> JSON:
        if not isinstance(value, list):
            return MISSING
        example, name = at
        item_example = example[0] if isinstance(example, list) and example else MISSING
        items = [self.shape(type_.items, item, item_example, name) for item in value]
        if any(item is MISSING for item in items):
            return MISSING
        return items if self.fits(type_, items) else MISSING

    def visit_map(self, type_: MapOf, value: JSON, at: tuple[JSON, str]) -> JSON:
        if isinstance(value, Source):
            value = value.data
        if not isinstance(value, dict):
            return MISSING
        shaped = {k: self.shape(type_.values, v) for k, v in value.items()}
        return MISSING if any(v is MISSING for v in shaped.values()) else shaped

    def visit_enum(
        self, type_: LiteralOf | ModelRef, values: tuple[JSON, ...], value: JSON, at: tuple[JSON, str]
    ) -> JSON:
        if isinstance(value, Source):
            return MISSING
        return value if value in values else MISSING

    def visit_scalar(self, type_: ScalarType, value: JSON, at: tuple[JSON, str]) -> JSON:
        if isinstance(value, Source):
            return MISSING
        return value if self.fits(type_, value) else MISSING

    def visit_object(self, model: Model, type_: ModelRef, value: JSON, at: tuple[JSON, str]) -> JSON:
        if isinstance(value, Source):
            source = value
        elif isinstance(value, dict):
            if self.schemas.model(model.name).is_valid(value):
                return value  # already an instance (e.g. a stored record's nested part)
            source = Source(value)
        else:
            return MISSING
        if source.record is not None and source.kind is not None and source.kind.model.name == model.name:
            return source.data  # a record is already an instance of its own model
        return self.object(model, source, at[0])

    def _plan(self, model: Model) -> list[tuple[Field, bool, bool]]:
        """(field, holds an object, is an id) of the fields a response may carry."""
        plan = self._plans.get(model.name)
        if plan is None:
            plan = self._plans[model.name] = [
                (f, self._is_object(f.type), bool(_ID_NAMES.search(f.name))) for f in model.fields if not f.write_only
            ]
        return plan

    def object(self, model: Model, source: Source, example: JSON = MISSING) -> dict[str, JSON]:
        result: dict[str, JSON] = {}
        plan = self._plan(model)
        singular = source.singular
        envelope = next(
            (
                f.name
                for f, is_object, _ in plan
                if is_object
                and (f.name == singular or (f.name in ENVELOPE_FIELDS and source.kind is not None))
                and source.lookup(f.name) is MISSING
            ),
            None,
        )
        outer = source.beside_envelope() if envelope is not None else source
        has_example = isinstance(example, dict)
        for field, is_object, is_id in plan:
            here = source if field.name == envelope else outer
            field_example = example.get(field.name, MISSING) if has_example else MISSING
            raw = here.lookup(field.name)
            value = self.shape(field.type, raw, field_example, field.name) if raw is not MISSING else MISSING
            if value is MISSING and raw is MISSING and is_object:
                if field.name == envelope:
                    value = self.shape(field.type, source, field_example, field.name)
                elif field.required:
                    fresh = Source({}, related=source.relations())
                    value = self.shape(field.type, fresh, field_example, field.name)
            if value is MISSING and field_example is not MISSING and not is_id:
                value = self.shape(field.type, field_example, MISSING, field.name)
            if value is MISSING:
                if not field.required:
                    continue
                value = self.synth.field_value(field, full=False, depth=1)
            result[field.name] = value
        return result

    def visit_union(
        self,
        type_: UnionOf | ModelRef,
        variants: tuple[TypeRef, ...],
        discriminator: Discriminator | None,
        value: JSON,
        at: tuple[JSON, str],
    ) -> JSON:
        example = at[0]
        if discriminator is not None and isinstance(value, dict | Source):
            tag = (
                value.lookup(discriminator.property) if isinstance(value, Source) else value.get(discriminator.property)
            )
            variant = self.tagged_variant(variants, discriminator, tag)
            return MISSING if variant is None else self.shape(variant, value, example)
        for variant in variants:
            shaped = self.shape(variant, value, example)
            if shaped is MISSING:
                continue
            if not isinstance(variant, ModelRef) or self.schemas.model(variant.name).is_valid(shaped):
                return shaped
        return MISSING

    def _is_object(self, type_: TypeRef) -> bool:
        while isinstance(type_, ModelRef):
            model = self.api.model(type_.name)
            if model.kind == "alias" and model.alias_of is not None:
                type_ = model.alias_of
                continue
            return model.kind == "object"
        return False

    def allows_null(self, type_: TypeRef) -> bool:
        if accepts_null(type_):
            return True
        match type_:
            case LiteralOf(values=values):
                return None in values
            case UnionOf(variants=variants):
                return any(self.allows_null(v) for v in variants)
            case ModelRef(name=name):
                model = self.api.model(name)
                if model.kind == "alias" and model.alias_of is not None:
                    return self.allows_null(model.alias_of)
                return model.kind == "enum" and None in model.enum_values
            case StringType() | IntegerType() | NumberType() | BooleanType() | ArrayOf() | MapOf():
                return False  # not marked nullable (see above)
            case NullType() | AnyType():
                return True
            case _:
                assert_never(type_)

    def fits(self, type_: TypeRef, value: JSON) -> bool:
        """Whether a scalar (or array of scalars) satisfies the type's own constraints."""
        if value is None:
            return self.allows_null(type_)
        match type_:
            case LiteralOf(values=values):
                return value in values
            case StringType(format=format_, constraints=c):
                return isinstance(value, str) and self._fits_string(value, format_, c)
            case IntegerType(constraints=c):
                return _fits_number(value, c, integer=True)
            case NumberType(constraints=c):
                return _fits_number(value, c, integer=False)
            case BooleanType():
                return isinstance(value, bool)
            case ArrayOf(constraints=c):
                if not isinstance(value, list):
                    return False
                return (c.min_items is None or len(value) >= c.min_items) and (
                    c.max_items is None or len(value) <= c.max_items
                )
            case NullType():
                return False  # the value is not None
            case MapOf() | ModelRef() | UnionOf() | AnyType():
                return True
            case _:
                assert_never(type_)

    def _fits_string(self, value: str, format_: str | None, c: Constraints) -> bool:
        if c.min_length is not None and len(value) < c.min_length:
            return False
        if c.max_length is not None and len(value) > c.max_length:
            return False
        check = FORMAT_CHECKS.get(format_ or "")
        if check is not None and not check(value):
            return False
        if c.pattern:
            pattern = self._patterns.get(c.pattern)
            if pattern is None:
                pattern = self._patterns[c.pattern] = re.compile(c.pattern)
            return pattern.search(value) is not None
        return True


def _fits_number(value: JSON, c: Constraints, *, integer: bool) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if integer and not (isinstance(value, int) or float(value).is_integer()):
        return False
    return (
        (c.minimum is None or value >= c.minimum)
        and (c.maximum is None or value <= c.maximum)
        and (c.exclusive_minimum is None or value > c.exclusive_minimum)
        and (c.exclusive_maximum is None or value < c.exclusive_maximum)
    )
