"""Deliberate defects: switches that make the mock break its spec in one known way each.

They exist to prove that a test suite notices a broken server: start the mock with a defect on
(`create_app(..., defects=["serve-deleted"])`, `--defect serve-deleted`) and the suite must fail
and name the check that caught it (see tests/test_contract_catches_defects.py). All are off by
default; the code asks `defects.on(name)` at the one or two places each defect changes, and the
few helpers those places need live here.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable
from typing import Any

from generator.ir.model import TypeRef

from .store import Record
from .validation import RuleWalker

JSON = Any

# name -> what the mock does wrong with the defect on (stateful mode unless marked "any mode").
DEFECTS: dict[str, str] = {
    "drop-required-field": "answers omit the record id field (Linq `id`, a required one) from every object in them",
    "edit-not-persisted": "PUT/PATCH answer with the edit applied but do not store it",
    "accept-rule-violation": "x-rules and exactly-one-of groups are not enforced on request bodies (any mode)",
    "serve-deleted": "GET of a deleted record still answers 200 with it (other operations answer 404)",
    "duplicate-page-items": "pages after the first start one item early, so an item is listed twice (cursor, offset)",
    "ignore-idempotency": "a repeated idempotency key creates a new record instead of replaying the first answer",
    "wrong-status": "a create documented as 201 answers 200",
}
ANY_MODE = frozenset({"accept-rule-violation"})


@dataclasses.dataclass(frozen=True)
class Defects:
    """The defects switched on (none by default)."""

    names: frozenset[str] = frozenset()

    @classmethod
    def of(cls, names: Iterable[str] = (), mode: str = "stateful") -> Defects:
        chosen = frozenset((names,) if isinstance(names, str) else names)
        unknown = sorted(chosen - DEFECTS.keys())
        if unknown:
            raise ValueError(f"unknown defect(s) {', '.join(unknown)}; known: {', '.join(DEFECTS)}")
        if mode != "stateful" and chosen - ANY_MODE:
            raise ValueError(f"defect(s) {', '.join(sorted(chosen - ANY_MODE))} need stateful mode")
        return cls(chosen)

    def on(self, name: str) -> bool:
        return name in self.names

    def __bool__(self) -> bool:
        return bool(self.names)

    def __str__(self) -> str:
        return ", ".join(sorted(self.names)) or "none"


NO_DEFECTS = Defects()


def without_field(value: JSON, name: str) -> JSON:
    """`value` with the member `name` removed from every object in it (`drop-required-field`)."""
    if isinstance(value, dict):
        return {key: without_field(item, name) for key, item in value.items() if key != name}
    if isinstance(value, list):
        return [without_field(item, name) for item in value]
    return value


def detached(record: Record) -> Record:
    """A copy of a record: changes to it answer the request but never reach the store (`edit-not-persisted`)."""
    return dataclasses.replace(record, data=copy.deepcopy(record.data))


class IgnoredRules(RuleWalker):
    """A rule walker that finds nothing to check in any body (`accept-rule-violation`)."""

    def relevant(self, type_: TypeRef) -> bool:
        return False
