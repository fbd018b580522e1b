"""Judging two types of one value, in one direction: kinds, nullability, values, variants, formats.

As a request (what callers send), narrowing is breaking and widening is not; as a response (what
callers read), a value the previous client cannot parse or handle is breaking. Constraints are
judged in `constraints.py`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Any, assert_never

from generator.ir.model import (
    AnyType,
    Api,
    ArrayOf,
    BooleanType,
    IntegerType,
    LiteralOf,
    MapOf,
    ModelRef,
    NullType,
    NumberType,
    StringType,
    TypeRef,
    UnionOf,
    constraints_of,
    is_nullable,
    with_nullable,
)
from generator.release.changes.constraints import constraint_findings
from generator.release.changes.findings import (
    Context,
    Direction,
    Finding,
    by_direction,
    finding,
    renamed,
    spell,
)

_PYTHON_TYPED_FORMATS = frozenset({"date", "date-time"})


def type_findings(old: TypeRef, new: TypeRef, direction: Direction, ctx: Context) -> list[Finding]:
    """How a value of type `old` and one of type `new` differ for a caller, in one direction."""
    if renamed(old, ctx.renames) == new:
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
                found.append(type_changed(before, after, direction))
            return found
        case LiteralOf(values=values):
            assert isinstance(after, LiteralOf)
            found += value_findings(values, after.values, direction)
        case ArrayOf(items=items):
            assert isinstance(after, ArrayOf)
            found += _part_findings("items", items, after.items, direction, ctx)
        case MapOf(values=values):
            assert isinstance(after, MapOf)
            found += _part_findings("values", values, after.values, direction, ctx)
        case UnionOf():
            assert isinstance(after, UnionOf)
            found += variant_findings(before, after, direction, ctx)
        case StringType() | IntegerType() | NumberType() | BooleanType() | NullType() | AnyType():
            pass
        case _:
            assert_never(before)
    if _format(before) != _format(after):
        found.append(_format_finding(before, after, direction))
    return found + constraint_findings(constraints_of(before), constraints_of(after), direction)


def _part_findings(part: str, old: TypeRef, new: TypeRef, direction: Direction, ctx: Context) -> list[Finding]:
    """Findings on an array's items or a map's values, named after that part."""
    inner = type_findings(old, new, direction, ctx)
    return [dataclasses.replace(f, fact=f"{part}.{f.fact}", message=f"{part}: {f.message}") for f in inner]


def _format(type_: TypeRef) -> str | None:
    return type_.format if isinstance(type_, StringType | IntegerType | NumberType) else None


def _nullability(old: TypeRef, new: TypeRef, direction: Direction) -> list[Finding]:
    if is_nullable(old) == is_nullable(new) or isinstance(old, AnyType) or isinstance(new, AnyType):
        return []
    if is_nullable(new):
        return [finding("nullable", by_direction(direction, "request-nullable-added", "response-nullable-added"))]
    return [finding("nullable", by_direction(direction, "request-nullable-removed", "response-nullable-removed"))]


def type_changed(old: TypeRef, new: TypeRef, direction: Direction) -> Finding:
    rule_id = by_direction(direction, "request-type-changed", "response-type-changed")
    return finding("type", rule_id, spell(old, direction), spell(new, direction), why="")


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


def _kind_findings(old: TypeRef, new: TypeRef, direction: Direction, ctx: Context) -> list[Finding]:
    """A different kind of type: mostly breaking, except the widenings a caller cannot notice."""
    old_values, new_values = _enum_values(old, ctx.old), _enum_values(new, ctx.new)
    before, after = spell(old, direction), spell(new, direction)
    if old_values is not None and new_values is not None:
        # An inline enum became a named one, or the reverse: what matters is the values.
        return [finding("type", "enum-type-renamed", before, after), *value_findings(old_values, new_values, direction)]
    if direction == "request" and (
        isinstance(new, AnyType)
        or (isinstance(old, IntegerType) and isinstance(new, NumberType))
        or (isinstance(old, LiteralOf) and type(new) is _literal_kind(old.values))
    ):
        return [finding("type", "request-type-widened", before, after)]
    if direction == "response" and (
        (isinstance(old, NumberType) and isinstance(new, IntegerType))
        or (isinstance(old, LiteralOf) and type(new) is _literal_kind(old.values))
        or (isinstance(new, LiteralOf) and type(old) is _literal_kind(new.values))
    ):
        return [finding("type", "response-type-narrowed", before, after)]
    return [type_changed(old, new, direction)]


def values_text(values: Sequence[Any]) -> str:
    return ", ".join(f"`{json.dumps(v, ensure_ascii=False)}`" for v in values)


def value_findings(old: tuple[Any, ...], new: tuple[Any, ...], direction: Direction) -> list[Finding]:
    if len(old) == 1 and len(new) == 1 and old != new:
        return [finding("type", "const-changed", json.dumps(old[0]), json.dumps(new[0]))]
    removed = [v for v in old if v not in new]
    added = [v for v in new if v not in old]
    found = []
    if removed:
        rule_id = by_direction(direction, "request-enum-value-removed", "response-enum-value-removed")
        found.append(finding("values-removed", rule_id, values=values_text(removed)))
    if added:
        rule_id = by_direction(direction, "request-enum-value-added", "response-enum-value-added")
        found.append(finding("values-added", rule_id, values=values_text(added)))
    return found


def variant_findings(old: UnionOf, new: UnionOf, direction: Direction, ctx: Context) -> list[Finding]:
    found = []
    if old.discriminator and new.discriminator and old.discriminator.property != new.discriminator.property:
        found.append(
            dataclasses.replace(
                finding(
                    "discriminator", "discriminator-changed", old.discriminator.property, new.discriminator.property
                ),
                old=None,
                new=None,
            )
        )
    before = {spell(renamed(v, ctx.renames), direction) for v in old.variants}
    after = {spell(v, direction) for v in new.variants}
    for text in sorted(before - after):
        rule_id = by_direction(direction, "request-variant-removed", "response-variant-removed")
        found.append(finding(f"variant {text}", rule_id, variant=text))
    for text in sorted(after - before):
        if direction == "request":
            rule_id = "request-variant-added"
        elif new.discriminator is not None:
            rule_id = "response-tagged-variant-added"
        else:
            rule_id = "response-variant-added"
        found.append(finding(f"variant {text}", rule_id, variant=text))
    return found


def _format_finding(old: TypeRef, new: TypeRef, direction: Direction) -> Finding:
    old_format, new_format = _format(old), _format(new)
    if {old_format, new_format} & _PYTHON_TYPED_FORMATS:
        before, after = spell(old, direction), spell(new, direction)
        return finding(
            "type",
            "date-format-changed",
            before,
            after,
            old_format=old_format or "none",
            new_format=new_format or "none",
        )
    found = finding("format", "format-changed", old_format or "none", new_format or "none")
    return dataclasses.replace(found, old=old_format, new=new_format)
