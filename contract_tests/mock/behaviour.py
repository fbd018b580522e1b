"""The vocabulary of the per-API tables (`tables.py`): what stateful mode cannot read in a spec.

Most behaviour is inferred from the IR (see `resources.py`): collections and items from paths
and ids, record shapes from responses, pagination, idempotency, status codes. A table adds
only facts about meaning, as data:

- `KindFacts` per resource kind: the id field when it is not `id`, names that mean another
  field (`"createdAt": "@created"`, the creation time), newest-first order, the field that
  links a reply to the record it answers (`thread`), defaults of records created through the
  API, and filters that are not plain field equality.
- steps per operationId, run in order on the operation's record (`$record`): `Create` and
  `Retrieve` give a role to an operation whose path says nothing, `Append`, `UpdateItems`,
  `AddOrRemove`, `UpdateChildren` change arrays and children, `CreateChild` creates a related
  record (and `expose`s it to the response), `Derive` computes fields from the record.
- `Seed` entries (the data present at start-up) and the API's `RateLimit`.

Values in steps are literals or expressions, after OpenAPI runtime expressions:
`$request.body#/message/parts`, `$request.query.handle`, `$request.path.chatId`,
`$request.header.sb-api-key-id`, `$record#/handles`, `$parent#/handles/[is_me=true]` (the first
item whose `is_me` is true), `$item` (the element of `each`), `$value` (a filter's query value),
`$now`; `expr ?? 0` gives a default when the expression finds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

JSON = Any


# --- facts about a resource kind ---------------------------------------------------------------


@dataclass(frozen=True)
class ItemsMatch:
    """Filter: some item of the array `field` has these values (`$value` is the query value)."""

    field: str
    where: Mapping[str, JSON]


@dataclass(frozen=True)
class AnyField:
    """Filter: at least one of these fields equals the query value."""

    fields: tuple[str, ...]


Filter = ItemsMatch | AnyField


@dataclass(frozen=True)
class KindFacts:
    id_field: str | None = None
    aliases: Mapping[str, str] = dc_field(default_factory=dict)
    newest_first: bool = False
    thread: str | None = None
    defaults: Mapping[str, JSON] = dc_field(default_factory=dict)
    filters: Mapping[str, Filter] = dc_field(default_factory=dict)


# --- steps of an operation ---------------------------------------------------------------------


@dataclass(frozen=True)
class Create:
    """The operation creates a record of `kind` (its path does not say so), with `set` values."""

    kind: str
    set: Mapping[str, JSON] = dc_field(default_factory=dict)


@dataclass(frozen=True)
class Retrieve:
    """The operation reads the record of `kind` whose id is `id` (an expression)."""

    kind: str
    id: str


@dataclass(frozen=True)
class Append:
    """Add `item` to the array `field` once per value of `each`.

    With `unique_by`, an item already there (same value of that key) is updated in place instead:
    only its `refresh` keys when given (a participant added again becomes active, and stays who it
    was: `is_me`, `joined_at`), every key of `item` otherwise.
    """

    field: str
    each: str
    item: Mapping[str, JSON]
    unique_by: str | None = None
    refresh: tuple[str, ...] | None = None


@dataclass(frozen=True)
class UpdateItems:
    """Set values on the items of array `field` selected by `where` (all must match) or `index`.

    `require` lists values the selected item must have; otherwise the request is refused with
    `refuse` (400). Selecting nothing is refused the same way.
    """

    field: str
    set: Mapping[str, JSON]
    where: Mapping[str, JSON] | None = None
    index: str | None = None
    require: Mapping[str, JSON] = dc_field(default_factory=dict)
    refuse: str = "no such item"


@dataclass(frozen=True)
class AddOrRemove:
    """In `field[index].list`, add `item` or remove the items equal to it on the keys `same`.

    `operation` evaluates to "add" or "remove".
    """

    field: str
    index: str
    list: str
    operation: str
    item: Mapping[str, JSON]
    same: tuple[str, ...]


@dataclass(frozen=True)
class UpdateChildren:
    """Set values on every record of `kind` whose parent is this record."""

    kind: str
    set: Mapping[str, JSON]


@dataclass(frozen=True)
class CreateChild:
    """Create a record of `kind` under this one from `body`; `expose` names it in the response."""

    kind: str
    body: str
    expose: str | None = None


@dataclass(frozen=True)
class Derive:
    """Compute fields from the record (after the steps before it)."""

    fields: Mapping[str, Callable[[dict[str, JSON]], JSON]]


Step = Create | Retrieve | Append | UpdateItems | AddOrRemove | UpdateChildren | CreateChild | Derive


# --- start-up data and limits ------------------------------------------------------------------


@dataclass(frozen=True)
class Seed:
    """`count` records of `kind` at start-up (`per` parent record, so each parent has `count`).

    With `via`, each is created by calling that operation with a synthesised valid request;
    otherwise records are synthesised directly (varied values, for filters to select from).
    `replies_every` makes every n-th record a reply (the kind's `thread` field) to an earlier
    one with the same parent.
    """

    kind: str
    count: int
    per: str | None = None
    via: str | None = None
    replies_every: int | None = None


@dataclass(frozen=True)
class RateLimit:
    """At most `requests` per `seconds` for each value of `key` (default: the credentials)."""

    requests: int
    seconds: float
    key: str | None = None


@dataclass(frozen=True)
class ApiTable:
    title: str
    kinds: Mapping[str, KindFacts] = dc_field(default_factory=dict)
    operations: Mapping[str, Sequence[Step]] = dc_field(default_factory=dict)
    seed: Sequence[Seed] = ()
    rate_limit: RateLimit | None = None


GENERIC = ApiTable(title="")
