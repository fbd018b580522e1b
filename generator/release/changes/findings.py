"""What the spec comparisons share: findings before they get a subject, renames, and helpers."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar, assert_never

from generator.emit.python_types import annotation
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
)
from generator.release.changes.report import RANK, Change, Severity
from generator.release.changes.rules import RULES

Direction = Literal["request", "response"]
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Finding:
    """A change of one aspect (`fact`) of a type, field or argument, judged by a rule."""

    fact: str
    rule: str
    message: str
    old: str | None = None
    new: str | None = None

    @property
    def severity(self) -> Severity:
        return RULES[self.rule].severity

    @property
    def kind(self) -> str:
        return RULES[self.rule].kind


def finding(fact: str, rule_id: str, old: str | None = None, new: str | None = None, **fields: object) -> Finding:
    """A finding whose message is its rule's template, filled with `old`, `new` and `fields`."""
    return Finding(fact, rule_id, RULES[rule_id].render(old=old, new=new, **fields), old, new)


def by_direction(direction: Direction, request_rule: str, response_rule: str) -> str:
    return request_rule if direction == "request" else response_rule


@dataclass(frozen=True, slots=True)
class Context:
    """The two APIs, and which old model became which new one (renamed models included)."""

    old: Api
    new: Api
    renames: Mapping[str, str]

    def same_model(self, old_name: str | None, new_name: str | None) -> bool:
        return old_name is not None and self.renames.get(old_name) == new_name


def renamed(type_: TypeRef, renames: Mapping[str, str]) -> TypeRef:
    """`type_` with old model names replaced by their new names, to compare with a new type."""
    match type_:
        case ModelRef(name=name):
            return dataclasses.replace(type_, name=renames.get(name, name))
        case ArrayOf(items=items):
            return dataclasses.replace(type_, items=renamed(items, renames))
        case MapOf(values=values):
            return dataclasses.replace(type_, values=renamed(values, renames))
        case UnionOf(variants=variants, discriminator=discriminator):
            if discriminator is not None:
                mapping = tuple((tag, renames.get(m, m)) for tag, m in discriminator.mapping)
                discriminator = dataclasses.replace(discriminator, mapping=mapping)
            variants = tuple(renamed(v, renames) for v in variants)
            return dataclasses.replace(type_, variants=variants, discriminator=discriminator)
        case StringType() | IntegerType() | NumberType() | BooleanType() | NullType() | LiteralOf() | AnyType():
            return type_
        case _:
            assert_never(type_)


def spell(type_: TypeRef, direction: Direction = "response") -> str:
    return annotation(type_, direction=direction)


def strictest(groups: Iterable[Sequence[Finding]]) -> list[Finding]:
    """One finding per fact: the most severe of the directions a model is used in."""
    chosen: dict[str, Finding] = {}
    for findings in groups:
        for found in findings:
            current = chosen.get(found.fact)
            if current is None or RANK[found.severity] < RANK[current.severity]:
                chosen[found.fact] = found
    return list(chosen.values())


def spec_change(
    rule_id: str,
    subject: str,
    pointer: str | None = None,
    old: str | None = None,
    new: str | None = None,
    related: tuple[str, ...] = (),
    **fields: object,
) -> Change:
    """A spec change of rule `rule_id`, its message rendered from the rule's template."""
    found = RULES[rule_id]
    message = found.render(old=old, new=new, **fields)
    return Change(found.severity, found.kind, subject, message, "spec", pointer, old, new, related, rule_id)


def from_finding(found: Finding, subject: str, pointer: str | None, related: tuple[str, ...] = ()) -> Change:
    rule = RULES[found.rule]
    return Change(
        rule.severity, rule.kind, subject, found.message, "spec", pointer, found.old, found.new, related, found.rule
    )


def renamed_pairs(removed: Sequence[_T], added: Sequence[_T], same: Callable[[_T, _T], bool]) -> list[tuple[_T, _T]]:
    """Pairs of one removed and one added item that match each other and nothing else: renames."""
    pairs = []
    for old in removed:
        candidates = [new for new in added if same(old, new)]
        if len(candidates) == 1 and sum(1 for other in removed if same(other, candidates[0])) == 1:
            pairs.append((old, candidates[0]))
    return pairs


def related(*subjects: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for s in subjects if s))
