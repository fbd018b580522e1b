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

from generator.ir.model import Api, TypeRef

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


@dataclasses.dataclass(frozen=True)
class Relaxation:
    """One rule of the pages not enforced: x-rules ids, JSON Schema (keyword, value) pairs, "exactly one of" groups."""

    what: str
    rules: frozenset[str] = frozenset()
    keywords: tuple[tuple[str, Any], ...] = ()
    groups: frozenset[frozenset[str]] = frozenset()


# One defect per rule of the Linq reference page: the mock accepts a body that breaks that rule
# (and only that one), so that the rule's own test must catch it.
RULE_DEFECTS: dict[str, Relaxation] = {
    "accept-link-part-not-alone": Relaxation("a link part next to other parts", rules=frozenset({"link-part-alone"})),
    "accept-consecutive-text-parts": Relaxation(
        "two text parts in a row", rules=frozenset({"no-consecutive-text-parts"})
    ),
    "accept-more-than-max-parts": Relaxation("more than 100 parts (maxItems 100)", keywords=(("maxItems", 100),)),
    "accept-more-than-max-url-media-parts": Relaxation(
        "more than 40 media parts by url", rules=frozenset({"max-url-media-parts"})
    ),
    "accept-text-longer-than-max": Relaxation(
        "text over 10000 characters (maxLength 10000)", keywords=(("maxLength", 10000),)
    ),
    "accept-decoration-past-utf16-end": Relaxation(
        "a decoration range past the text's UTF-16 length", rules=frozenset({"decoration-range-within-text"})
    ),
    "accept-animation-overlaps-decoration": Relaxation(
        "an animation overlapping another decoration", rules=frozenset({"animation-no-overlap"})
    ),
    "accept-decoration-style-and-animation": Relaxation(
        "a decoration with both style and animation (style xor animation)",
        groups=frozenset({frozenset({"style", "animation"})}),
    ),
    "accept-media-url-and-attachment-id": Relaxation(
        "a media part with both url and attachment_id", groups=frozenset({frozenset({"url", "attachment_id"})})
    ),
    "accept-media-url-not-https": Relaxation("a media url that is not https", keywords=(("pattern", "^https://"),)),
}
DEFECTS.update(
    {
        name: f"the rule is not enforced on request bodies: {r.what} is accepted (any mode)"
        for name, r in RULE_DEFECTS.items()
    }
)
ANY_MODE = frozenset({"accept-rule-violation", *RULE_DEFECTS})


@dataclasses.dataclass(frozen=True)
class Switches:
    """Named switches of the mock that are on (none by default): its defects, its variations."""

    names: frozenset[str] = frozenset()

    @staticmethod
    def chosen(names: str | Iterable[str], known: Iterable[str], what: str) -> frozenset[str]:
        """The names given (repeated, or comma-separated as on the command line), all known."""
        known = tuple(known)
        found = frozenset(
            name.strip()
            for item in ((names,) if isinstance(names, str) else names)
            for name in item.split(",")
            if name.strip()
        )
        unknown = sorted(found - set(known))
        if unknown:
            raise ValueError(f"unknown {what}(s) {', '.join(unknown)}; known: {', '.join(known)}")
        return found

    def on(self, name: str) -> bool:
        return name in self.names

    def __bool__(self) -> bool:
        return bool(self.names)

    def __str__(self) -> str:
        return ", ".join(sorted(self.names)) or "none"


@dataclasses.dataclass(frozen=True)
class Defects(Switches):
    """The defects switched on (none by default)."""

    @classmethod
    def of(cls, names: str | Iterable[str] = (), mode: str = "stateful") -> Defects:
        chosen = cls.chosen(names, DEFECTS, "defect")
        if mode != "stateful" and chosen - ANY_MODE:
            raise ValueError(f"defect(s) {', '.join(sorted(chosen - ANY_MODE))} need stateful mode")
        return cls(chosen)


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


def relaxation(chosen: Defects) -> Relaxation | None:
    """The rules the per-rule defects switched on leave unenforced, merged (None when none is on)."""
    found = [RULE_DEFECTS[name] for name in sorted(chosen.names) if name in RULE_DEFECTS]
    if not found:
        return None
    return Relaxation(
        ", ".join(r.what for r in found),
        frozenset().union(*(r.rules for r in found)),
        tuple(pair for r in found for pair in r.keywords),
        frozenset().union(*(r.groups for r in found)),
    )


def _group_one_of(value: JSON) -> frozenset[str] | None:
    """The names of a `oneOf: [{required: [a]}, {required: [b]}]`, or None for any other value."""
    if not isinstance(value, list) or not all(isinstance(v, dict) and set(v) == {"required"} for v in value):
        return None
    return frozenset(name for v in value for name in v["required"])


def relaxed_schema(schema: JSON, relaxed: Relaxation) -> JSON:
    """`schema` without the keywords and `oneOf` groups `relaxed` names, at any depth."""
    if isinstance(schema, list):
        return [relaxed_schema(item, relaxed) for item in schema]
    if not isinstance(schema, dict):
        return schema
    kept = {}
    for key, value in schema.items():
        if (key, value) in relaxed.keywords:
            continue
        if key == "oneOf" and _group_one_of(value) in relaxed.groups:
            continue
        kept[key] = relaxed_schema(value, relaxed)
    return kept


class RelaxedRules(RuleWalker):
    """A rule walker that leaves the rules and groups of the per-rule defects unchecked."""

    def __init__(self, api: Api, schemas: Any, relaxed: Relaxation) -> None:
        super().__init__(api, schemas)
        self.rules = {
            name: kept
            for name, rules in self.rules.items()
            if (kept := [r for r in rules if r["id"] not in relaxed.rules])
        }
        self.api = _without_groups(api, relaxed.groups)


def _without_groups(api: Api, groups: frozenset[frozenset[str]]) -> Api:
    if not groups:
        return api
    models = tuple(
        dataclasses.replace(m, exactly_one_of=())
        if frozenset(name for group in m.exactly_one_of for name in group) in groups
        else m
        for m in api.models
    )
    return dataclasses.replace(api, models=models)
