"""Stateful mode: records that persist between requests, kept as the IR and the table say.

Roles come from `resources.Inference`; what an operation does beyond its role comes from the
API's table (`tables.py`). Responses are shaped from records by `shaping.Shaper`, so every
body has the documented shape whatever the record's kind.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from generator.ir.model import (
    Api,
    ArrayOf,
    IntegerType,
    LiteralOf,
    Model,
    ModelRef,
    Operation,
    StringType,
    TypeRef,
    UnionOf,
)

from . import defects, regex_gen
from .behaviour import (
    AddOrRemove,
    AnyField,
    ApiTable,
    Append,
    CreateChild,
    Derive,
    ItemsMatch,
    Seed,
    UpdateChildren,
    UpdateItems,
)
from .defects import NO_DEFECTS, Defects
from .expressions import Env, dotted_get, dotted_set, evaluate
from .replies import ExampleReplies, MockError, Reply, status_code
from .resources import Inference, Kind, Role, normalise
from .schemas import SchemaCache
from .shaping import Shaper, Source
from .store import SEED_START, Clock, Record, Store
from .synth import Synthesizer, format_time, new_uuid
from .validation import MISSING, Checked, Incoming, OperationChecks
from .variations import NO_VARIATIONS, OTHER_PAGE_SIZE, Variations, other_id

JSON = Any
DEFAULT_PAGE = 20
ORDER_BY_PARAMS = ("order_by", "orderBy", "sort_by", "sortBy", "sort")
_RANGES = (("_gte", "ge"), ("_lte", "le"), ("_gt", "gt"), ("_lt", "lt"), ("_after", "gt"), ("_before", "lt"))


def _text(value: JSON) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(value)


def _comparable(value: JSON) -> JSON:
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] in "Tt":
        try:
            return datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        except ValueError:
            return value
    return value


def _get(body: dict[str, JSON], path: tuple[str, ...]) -> dict[str, JSON]:
    """The object at `path` in `body`, made when missing."""
    for key in path:
        inner = body.get(key)
        if not isinstance(inner, dict):
            inner = body[key] = {}
        body = inner
    return body


def _put(body: dict[str, JSON], path: tuple[str, ...], value: JSON) -> None:
    _get(body, path[:-1])[path[-1]] = value


def _as_source(body: dict[str, JSON]) -> Source:
    """A page body to shape field by field, its envelopes too (an echoed parameter the envelope
    does not document is left out, not passed through)."""
    return Source({key: _as_source(value) if isinstance(value, dict) else value for key, value in body.items()})


def _sort_key(value: JSON) -> tuple[int, JSON]:
    if value is None or isinstance(value, dict | list):
        return (0, "")
    if isinstance(value, bool | int | float):
        return (1, float(value))
    return (2, str(value))


@dataclass
class ListPlan:
    """How one list operation selects, orders and pages (decided at start-up)."""

    filters: list[tuple[str, Callable[[Record, JSON], bool]]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    order_by: str | None = None
    direction: str | None = None


class StatefulMock:
    def __init__(
        self,
        api: Api,
        table: ApiTable,
        schemas: SchemaCache,
        examples: ExampleReplies,
        checks: dict[str, OperationChecks],
        seed: int,
        defects: Defects = NO_DEFECTS,
        variations: Variations = NO_VARIATIONS,
    ) -> None:
        self.api = api
        self.defects = defects
        self.variations = variations
        self.default_page = OTHER_PAGE_SIZE if variations.on("other-page-size") else DEFAULT_PAGE
        self.tombstones: dict[tuple[str, str], Record] = {}  # deleted records, kept for `serve-deleted`
        self.table = table
        self.schemas = schemas
        self.examples = examples
        self.checks = checks
        self.inference = Inference(api, table)
        self.kinds = self.inference.kinds
        self.roles = self.inference.roles
        self.by_singular = {k.singular: k for k in self.kinds.values()}
        self.child_kinds: dict[str, list[str]] = {}
        for kind in self.kinds.values():
            if kind.parent:
                self.child_kinds.setdefault(kind.parent, []).append(kind.name)
        self.rng = random.Random(seed)
        self.clock = Clock()
        self.store = Store()
        self.synth = Synthesizer(api, random.Random(seed + 1), now=self.clock.now)
        self.seed_synth = Synthesizer(api, random.Random(seed + 2))
        self.shaper = Shaper(api, schemas, self.synth)
        self.violations: list[str] = []
        self.check_records = False
        self._counters: dict[str, int] = {}
        self._stamps = {kind.name: self._stamp_fields(kind.model) for kind in self.kinds.values()}
        self.plans = {
            op.id: self._list_plan(op, role)
            for op in api.operations
            if (role := self.roles[op.id]).action == "list" and role.kind is not None
        }
        self._last_created: Record | None = None

    # --- entry point --------------------------------------------------------------------------

    def respond(self, checked: Checked) -> Reply:
        op = checked.op
        role = self.roles[op.id]
        if role.action == "other" or role.kind is None:
            reply = self.examples.reply(op)
            if reply is None:
                return Reply(200)
            return reply
        key = None if self.defects.on("ignore-idempotency") else self._idempotency_key(op, checked)
        if key is not None and key in self.store.idempotent:
            cached = self.store.idempotent[key]
            assert isinstance(cached, Reply)
            return cached
        handler: Callable[[Operation, Role, Checked], Reply] = getattr(self, "_" + role.action)
        reply = handler(op, role, checked)
        if key is not None and reply.status < 300:
            self.store.idempotent[key] = reply
        return reply

    def _idempotency_key(self, op: Operation, checked: Checked) -> tuple[str, str, str] | None:
        if op.method == "GET":
            return None
        value: JSON = checked.body
        if op.idempotency_key_path and isinstance(value, dict):
            for key in op.idempotency_key_path:
                value = value.get(key) if isinstance(value, dict) else None
        else:
            value = None
        value = value if isinstance(value, str) and value else checked.headers.get("idempotency-key")
        return (op.id, checked.credentials, value) if value else None

    # --- roles --------------------------------------------------------------------------------

    def _path_records(self, role: Role, checked: Checked) -> dict[str, Record]:
        found: dict[str, Record] = {}
        for param, kind in role.id_params.items():
            record = self.store.get(kind.name, checked.path.get(param))
            if record is None:
                raise MockError(404, f"No {kind.singular} has id {checked.path.get(param)!r} (path.{param}).")
            found[param] = record
        return found

    def _create(self, op: Operation, role: Role, checked: Checked) -> Reply:
        assert role.kind is not None
        records = self._path_records(role, checked)
        parent = records.get(role.parent_param) if role.parent_param else None
        body = checked.body if isinstance(checked.body, dict) else {}
        self._check_references(body, "body")
        env = self._env(checked, parent)
        record = self._new_record(role.kind, self._fields_of(role.kind, body), parent, env, role.create_set)
        exposed: dict[str, JSON] = {}
        self._run_steps(op, record, env, exposed)
        self._verify(record)
        reply = self._reply(op, self._source(record, exposed))
        if reply.status == 201 and self.defects.on("wrong-status"):
            reply.status = 200
        return reply

    def _retrieve(self, op: Operation, role: Role, checked: Checked) -> Reply:
        assert role.kind is not None
        if role.retrieve_id is not None:
            wanted = evaluate(role.retrieve_id, self._env(checked, None))
            record = self.store.get(role.kind.name, wanted)
            if record is None:
                raise MockError(404, f"No {role.kind.singular} has id {wanted!r}.")
        else:
            target = role.target_param or ""
            deleted = None
            if self.defects.on("serve-deleted"):
                deleted = self.tombstones.get((role.kind.name, str(checked.path.get(target))))
            record = deleted or self._path_records(role, checked)[target]
        return self._reply(op, self._source(record))

    def _update(self, op: Operation, role: Role, checked: Checked) -> Reply:
        assert role.kind is not None
        records = self._path_records(role, checked)
        record = records[role.target_param or ""]
        if self.defects.on("edit-not-persisted"):
            record = defects.detached(record)
        body = checked.body if isinstance(checked.body, dict) else {}
        self._check_references(body, "body")
        source = Source(self._fields_of(role.kind, body))
        protected = {role.kind.id_field, role.kind.parent_field}
        for f in role.kind.model.fields:
            if f.name in protected or f.read_only:
                continue
            raw = source.lookup(f.name)
            value = self.shaper.shape(f.type, raw)
            if value is not MISSING:
                record.data[f.name] = value
        env = self._env(checked, self._parent(record))
        self._run_steps(op, record, env, {})
        self._touch(record, env.now)
        return self._reply(op, self._source(record))

    def _delete(self, op: Operation, role: Role, checked: Checked) -> Reply:
        record = self._path_records(role, checked)[role.target_param or ""]
        self._run_steps(op, record, self._env(checked, self._parent(record)), {})
        self.store.remove(record, self.child_kinds)
        if self.defects.on("serve-deleted"):
            self.tombstones[(record.kind, record.id)] = record
        return self._reply(op, self._source(record))

    def _action(self, op: Operation, role: Role, checked: Checked) -> Reply:
        record = self._path_records(role, checked)[role.target_param or ""]
        exposed: dict[str, JSON] = {}
        if self.table.operations.get(op.id):
            self._check_references(checked.body if isinstance(checked.body, dict) else {}, "body")
            env = self._env(checked, self._parent(record))
            self._run_steps(op, record, env, exposed)
            self._touch(record, env.now)
        return self._reply(op, self._source(record, exposed))

    def _list(self, op: Operation, role: Role, checked: Checked) -> Reply:
        kind = role.kind
        assert kind is not None
        records = self._path_records(role, checked)
        if role.relation == "children" and role.parent_param:
            selected = self.store.children(kind.name, records[role.parent_param].id)
        elif role.relation == "thread" and role.parent_param:
            anchor = records[role.parent_param]
            root = anchor.thread_root or anchor.id
            selected = self.store.thread(kind.name, root)
        else:
            selected = self.store.all(kind.name)
        plan = self.plans[op.id]
        for name, matches in plan.filters:
            if name in checked.query:
                value = checked.query[name]
                selected = [r for r in selected if matches(r, value)]
        direction = checked.query.get(plan.direction) if plan.direction else None
        descending = str(direction).lower() == "desc" if direction else kind.facts.newest_first
        order_by = checked.query.get(plan.order_by) if plan.order_by else None
        getter = self._getter(kind, str(order_by)) if order_by else None

        def key(record: Record) -> tuple[JSON, ...]:
            return (*(_sort_key(getter(record)) if getter else ()), record.seq)

        if getter is not None:
            selected.sort(key=key, reverse=descending)
        elif descending:
            selected.reverse()  # the store keeps records in creation order already
        return self._page(op, kind, selected, key, descending, checked, by_creation=getter is None)

    # --- pages --------------------------------------------------------------------------------

    def _page(
        self,
        op: Operation,
        kind: Kind,
        selected: list[Record],
        key: Callable[[Record], tuple[JSON, ...]],
        descending: bool,
        checked: Checked,
        by_creation: bool,
    ) -> Reply:
        pagination = op.pagination
        success = op.success
        assert success is not None
        if pagination is None:
            limit = checked.query.get("limit")
            page = selected[:limit] if isinstance(limit, int) else selected
            items = [self._source(r) for r in page]
            if isinstance(success.type, ArrayOf):
                return self._reply(op, items)
            model = self._object_model(success.type)
            array_field = next((f.name for f in model.fields if isinstance(f.type, ArrayOf)), None) if model else None
            return self._reply(op, Source({array_field or "items": items}))
        limit_value = checked.query.get(pagination.limit_param or "", self.default_page)
        limit = limit_value if isinstance(limit_value, int) and limit_value > 0 else self.default_page
        # The request's page parameters, echoed next to the page facts (`pagination.offset`).
        echoed: dict[str, JSON] = {pagination.limit_param or "limit": limit}
        next_cursor: str | None = None
        if pagination.style == "cursor":
            start = 0
            cursor = checked.query.get(pagination.cursor_param or "")
            if cursor:
                after = self._decode_cursor(cursor, pagination.cursor_param or "cursor")
                if by_creation:  # ordered by creation: a binary search on the sequence number
                    seq = after[-1]
                    if descending:
                        start = bisect.bisect_right(selected, -seq, key=lambda r: -r.seq)
                    else:
                        start = bisect.bisect_right(selected, seq, key=lambda r: r.seq)
                else:
                    keys = [list(key(r)) for r in selected]
                    start = next(
                        (i for i, k in enumerate(keys) if (k < after if descending else k > after)),
                        len(selected),
                    )
            if start + limit < len(selected):
                next_cursor = self._encode_cursor(key(selected[start : start + limit][-1]))
        elif pagination.style == "offset":
            offset_value = checked.query.get(pagination.offset_param or "", 0)
            start = offset_value if isinstance(offset_value, int) and offset_value >= 0 else 0
            echoed[pagination.offset_param or "offset"] = start
        else:
            first = pagination.first_page
            number_value = checked.query.get(pagination.page_param or "", first)
            number = number_value if isinstance(number_value, int) and number_value >= first else first
            start = (number - first) * limit
            echoed[pagination.page_param or "page"] = number
        page = selected[start : start + limit]
        if start > 0 and self.defects.on("duplicate-page-items"):
            page = selected[start - 1 : start - 1 + limit]
        facts: list[tuple[tuple[str, ...], JSON]] = [
            (pagination.has_more_path, start + limit < len(selected)),
            (pagination.total_path, len(selected)),
            (pagination.total_pages_path, -(-len(selected) // limit)),
        ]
        if pagination.style == "cursor":
            facts.append((pagination.next_cursor_path or ("next_cursor",), next_cursor))
        body: dict[str, JSON] = {pagination.items: [self._source(r) for r in page]}
        for path, value in facts:
            if path:
                _put(body, path, value)
        for path in {path[:-1] for path, _ in facts if path}:
            envelope = _get(body, path)
            for name, value in echoed.items():
                envelope.setdefault(name, value)
        return self._reply(op, _as_source(body))

    def _encode_cursor(self, key: tuple[JSON, ...]) -> str:
        raw = json.dumps(list(key), separators=(",", ":")).encode()
        if self.variations.on("other-id-formats"):
            return "c." + raw.hex()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def _decode_cursor(self, cursor: JSON, name: str) -> list[JSON]:
        try:
            if self.variations.on("other-id-formats") and str(cursor).startswith("c."):
                raw = bytes.fromhex(str(cursor)[2:])
            else:
                raw = base64.urlsafe_b64decode(str(cursor) + "=" * (-len(str(cursor)) % 4))
            after = json.loads(raw)
            if isinstance(after, list) and after and isinstance(after[-1], int):
                return after
        except (ValueError, binascii.Error):
            pass
        raise MockError(400, f"query.{name}: {cursor!r} is not a cursor this server issued [cursor]")

    # --- replies ------------------------------------------------------------------------------

    def _reply(self, op: Operation, source: JSON) -> Reply:
        success = op.success
        assert success is not None
        status = status_code(success)
        headers = self.examples.headers(success)
        if success.type is None or success.content_type is None:
            return Reply(status, headers=headers)
        example = success.example if success.has_example else MISSING
        value = self.shaper.shape(success.type, source, example)
        if value is MISSING:
            value = self.examples.synthesise(success)
        if self.defects.on("drop-required-field") and (kind := self.roles[op.id].kind) and kind.id_field:
            value = defects.without_field(value, kind.id_field)
        return Reply.json(status, value, success.content_type, headers=headers)

    def _source(self, record: Record, exposed: dict[str, JSON] | None = None) -> Source:
        kind = self.kinds[record.kind]
        related: dict[str, JSON] = dict(exposed or {})
        parent = self._parent(record)
        if parent is not None:
            related.setdefault(self.kinds[parent.kind].singular, Source(parent.data, self.kinds[parent.kind], parent))
        return Source(record.data, kind, record, related)

    def _parent(self, record: Record) -> Record | None:
        kind = self.kinds[record.kind]
        if kind.parent is None or record.parent is None:
            return None
        return self.store.get(kind.parent, record.parent)

    def _object_model(self, type_: TypeRef | None) -> Model | None:
        if not isinstance(type_, ModelRef):
            return None
        model = self.api.model(type_.name)
        return model if model.kind == "object" else None

    # --- records ------------------------------------------------------------------------------

    def _fields_of(self, kind: Kind, body: dict[str, JSON]) -> dict[str, JSON]:
        """A create body may carry the record's fields in a member named after it (`message`)."""
        inner = body.get(kind.singular)
        if isinstance(inner, dict) and kind.model.field_named(kind.singular) is None:
            return inner
        return body

    def _env(self, checked: Checked | None, parent: Record | None) -> Env:
        env = Env(parent=parent.data if parent else MISSING)
        if checked is not None:
            env.body, env.query, env.path, env.headers = checked.body, checked.query, checked.path, checked.headers
        return env

    def _new_record(
        self, kind: Kind, fields: dict[str, JSON], parent: Record | None, env: Env, values: dict[str, JSON]
    ) -> Record:
        now = self.clock.now()
        env.now = format_time(now)
        source = Source(fields)
        data = self.shaper.object(kind.model, source)
        env.record = data
        for name, raw in kind.facts.defaults.items():
            if source.lookup(name) is MISSING:
                self._assign(kind.model, data, name, evaluate(raw, env))
        for name, raw in values.items():
            self._assign(kind.model, data, name, evaluate(raw, env))
        record_id = self._new_id(kind)
        if kind.id_field:
            data[kind.id_field] = int(record_id) if record_id.isdigit() and self._integer_ids(kind) else record_id
        if parent is not None and kind.parent_field:
            data[kind.parent_field] = parent.id
        created, updated = self._stamps[kind.name]
        for name in created + updated:
            data[name] = env.now
        record = self.store.add(kind.name, record_id, data, parent.id if parent else None, now)
        if kind.facts.thread:
            self._join_thread(kind, record)
        self._last_created = record
        return record

    def _assign(self, model: Model, data: dict[str, JSON], name: str, value: JSON) -> None:
        f = model.field_named(name)
        if f is None or value is MISSING:
            return
        shaped = self.shaper.shape(f.type, value)
        if shaped is not MISSING:
            data[name] = shaped

    def _join_thread(self, kind: Kind, record: Record) -> None:
        target = dotted_get(record.data, kind.facts.thread or "")
        answered = self.store.get(kind.name, target) if target else None
        self.store.set_thread(record, (answered.thread_root or answered.id) if answered else None)

    def _touch(self, record: Record, now: str = "") -> None:
        now = now or format_time(self.clock.now())
        for name in self._stamps[record.kind][1]:
            record.data[name] = now
        self._verify(record)

    def _verify(self, record: Record) -> None:
        if not self.check_records:
            return
        model = self.kinds[record.kind].model
        compiled = self.schemas.model(model.name)
        if not compiled.is_valid(record.data):
            problems = "; ".join(str(p) for p in compiled.problems(record.data, "body")[:3])
            self.violations.append(f"{record.kind} record {record.id} is not a valid {model.name}: {problems}")

    def _id_type(self, kind: Kind) -> TypeRef:
        id_type = kind.id_type
        while isinstance(id_type, ModelRef):
            model = self.api.model(id_type.name)
            if model.kind != "alias" or model.alias_of is None:
                break
            id_type = model.alias_of
        return id_type

    def _integer_ids(self, kind: Kind) -> bool:
        return isinstance(self._id_type(kind), IntegerType)

    def _new_id(self, kind: Kind) -> str:
        id_type = self._id_type(kind)
        count = self._counters[kind.name] = self._counters.get(kind.name, 0) + 1
        if isinstance(id_type, IntegerType):
            return str(count)
        if not isinstance(id_type, StringType) or id_type.format == "uuid":
            return new_uuid(self.rng)
        if id_type.constraints.pattern:
            return regex_gen.generate(id_type.constraints.pattern, self.rng)
        example = kind.id_example or ""
        prefix = example[: example.index("_") + 1] if "_" in example[:12] else f"{kind.singular[:3]}_"
        if self.variations.on("other-id-formats"):
            return other_id(prefix.rstrip("_") or kind.singular[:3], self.rng)
        return prefix + "".join(self.rng.choice("0123456789abcdef") for _ in range(12))

    def _stamp_fields(self, model: Model) -> tuple[list[str], list[str]]:
        created: list[str] = []
        updated: list[str] = []
        for f in model.fields:
            if not isinstance(f.type, StringType) or f.type.format != "date-time":
                continue
            key = normalise(f.name)
            if "created" in key:
                created.append(f.name)
            elif "updated" in key or "modified" in key:
                updated.append(f.name)
        return created, updated

    def _check_references(self, value: JSON, where: str) -> None:
        """Ids of known kinds in a body (`reply_to.message_id`, `attachment_id`) must exist."""
        if isinstance(value, list):
            for index, item in enumerate(value):
                self._check_references(item, f"{where}/{index}")
            return
        if not isinstance(value, dict):
            return
        for name, item in value.items():
            at = f"{where}/{name}" if "#" in where else f"{where}#/{name}"
            if isinstance(item, str):
                base = name[:-3] if name.endswith("_id") else name[:-2] if name.endswith("Id") else None
                kind = self.by_singular.get(base or "")
                if kind is not None and self.store.get(kind.name, item) is None:
                    raise MockError(400, f"Invalid request: {at}: no {kind.singular} has id {item!r} [reference]")
            else:
                self._check_references(item, at)

    # --- table steps --------------------------------------------------------------------------

    def _run_steps(self, op: Operation, record: Record, env: Env, exposed: dict[str, JSON]) -> None:
        kind = self.kinds[record.kind]
        env.now = env.now or format_time(self.clock.now())
        for step in self.table.operations.get(op.id, ()):
            env.record = record.data
            if isinstance(step, Append):
                self._append(kind, record, step, env)
            elif isinstance(step, UpdateItems):
                self._update_items(record, step, env)
            elif isinstance(step, AddOrRemove):
                self._add_or_remove(kind, record, step, env)
            elif isinstance(step, UpdateChildren):
                for child in self.store.children(step.kind, record.id):
                    child_env = Env(record=child.data, now=env.now, body=env.body)
                    for name, raw in step.set.items():
                        self._assign(self.kinds[step.kind].model, child.data, name, evaluate(raw, child_env))
                    self._touch(child, env.now)
            elif isinstance(step, CreateChild):
                child_kind = self.kinds[step.kind]
                body = evaluate(step.body, env)
                fields = self._fields_of(child_kind, body) if isinstance(body, dict) else {}
                child = self._new_record(child_kind, fields, record, self._env(None, record), {})
                self._verify(child)
                if step.expose:
                    exposed[step.expose] = self._source(child)
            elif isinstance(step, Derive):
                for name, compute in step.fields.items():
                    self._assign(kind.model, record.data, name, compute(record.data))

    def _element_type(self, type_: TypeRef, value: JSON) -> TypeRef | None:
        """The type of a concrete value: unions resolved by their discriminator."""
        while isinstance(type_, ModelRef):
            model = self.api.model(type_.name)
            if model.kind == "alias" and model.alias_of is not None:
                type_ = model.alias_of
            elif model.kind == "union":
                type_ = UnionOf(model.variants, model.discriminator)
            else:
                return type_
        if isinstance(type_, UnionOf) and type_.discriminator is not None and isinstance(value, dict):
            target = dict(type_.discriminator.mapping).get(str(value.get(type_.discriminator.property)))
            return ModelRef(target) if target else None
        return type_

    def _items_type(self, model: Model, name: str) -> TypeRef | None:
        f = model.field_named(name)
        return f.type.items if f is not None and isinstance(f.type, ArrayOf) else None

    def _append(self, kind: Kind, record: Record, step: Append, env: Env) -> None:
        items_type = self._items_type(kind.model, step.field)
        values = evaluate(step.each, env)
        if values is MISSING or items_type is None:
            return
        current = record.data.get(step.field)
        current = current if isinstance(current, list) else []
        for value in values if isinstance(values, list) else [values]:
            env.item = value
            item = evaluate(step.item, env)
            if step.unique_by is not None:
                existing = next((i for i in current if i.get(step.unique_by) == item.get(step.unique_by)), None)
                if existing is not None:
                    refreshed = item if step.refresh is None else {k: item[k] for k in step.refresh if k in item}
                    existing.update(refreshed)
                    continue
            shaped = self.shaper.shape(items_type, Source(item))
            if shaped is not MISSING:
                current.append(shaped)
        record.data[step.field] = current

    def _update_items(self, record: Record, step: UpdateItems, env: Env) -> None:
        items = record.data.get(step.field)
        items = items if isinstance(items, list) else []
        if step.index is not None:
            index = evaluate(step.index, env)
            selected = [index] if isinstance(index, int) and 0 <= index < len(items) else []
        else:
            where = evaluate(step.where or {}, env)
            selected = [i for i, item in enumerate(items) if all(item.get(k) == v for k, v in where.items())]
        if not selected or any(items[i].get(k) != v for i in selected for k, v in step.require.items()):
            raise MockError(400, f"Invalid request: {step.refuse} [state]")
        for index in selected:
            for name, raw in step.set.items():
                value = evaluate(raw, env)
                if value is not MISSING:
                    items[index][name] = value

    def _add_or_remove(self, kind: Kind, record: Record, step: AddOrRemove, env: Env) -> None:
        containers = record.data.get(step.field)
        containers = containers if isinstance(containers, list) else []
        index = evaluate(step.index, env)
        if not isinstance(index, int) or not 0 <= index < len(containers):
            source = _request_field(step.index)
            raise MockError(
                400,
                f"Invalid request: {source + ': ' if source else ''}index {index!r} is out of range "
                f"({len(containers)} {step.field}) [state]",
            )
        container = containers[index]
        items_type = self._items_type(kind.model, step.field)
        container_type = self._element_type(items_type, container) if items_type else None
        container_model = self._object_model(container_type)
        list_type = self._items_type(container_model, step.list) if container_model else None
        if list_type is None:
            raise MockError(400, f"Invalid request: {step.field}/{index} has no {step.list} [state]")
        item = self.shaper.shape(list_type, Source(evaluate(step.item, env)))
        current = container.get(step.list)
        current = list(current) if isinstance(current, list) else []

        def same(other: JSON) -> tuple[JSON, ...]:
            return tuple(other.get(k) for k in step.same) if isinstance(other, dict) else ()

        if evaluate(step.operation, env) == "remove":
            current = [other for other in current if same(other) != same(item)]
        elif item is not MISSING and all(same(other) != same(item) for other in current):
            current.append(item)
        container[step.list] = current

    # --- lists --------------------------------------------------------------------------------

    def _getter(self, kind: Kind, name: str) -> Callable[[Record], JSON] | None:
        target = kind.facts.aliases.get(name, name)
        if target == "@created":
            return lambda record: format_time(record.created)
        if kind.model.field_named(target) is None:
            wanted = normalise(target)
            target = next((f.name for f in kind.model.fields if normalise(f.name) == wanted), "")
            if not target:
                return None
        field_name = target
        return lambda record: record.data.get(field_name)

    def _list_plan(self, op: Operation, role: Role) -> ListPlan:
        kind = role.kind
        assert kind is not None
        plan = ListPlan()
        pagination = op.pagination
        skip = {"limit", "offset", "cursor"}
        if pagination is not None:
            named = (pagination.limit_param, pagination.offset_param, pagination.cursor_param, pagination.page_param)
            skip |= {name for name in named if name is not None}
        for param in op.params_in("query"):
            name = param.name
            if name in skip:
                continue
            if name in ORDER_BY_PARAMS:
                plan.order_by = name
                continue
            values = self._enum_values(param.type)
            if values and {str(v).lower() for v in values} <= {"asc", "desc"}:
                plan.direction = name
                continue
            matcher = self._matcher(kind, name)
            if matcher is None:
                plan.ignored.append(name)
            else:
                plan.filters.append((name, matcher))
        return plan

    def _enum_values(self, type_: TypeRef) -> tuple[JSON, ...]:
        if isinstance(type_, LiteralOf):
            return type_.values
        if isinstance(type_, ModelRef):
            model = self.api.model(type_.name)
            return model.enum_values if model.kind == "enum" else ()
        return ()

    def _matcher(self, kind: Kind, name: str) -> Callable[[Record, JSON], bool] | None:
        special = kind.facts.filters.get(name)
        if isinstance(special, ItemsMatch):
            field_name, where = special.field, special.where

            def items_match(record: Record, value: JSON) -> bool:
                wanted = evaluate(where, Env(value=value))
                items = record.data.get(field_name) or ()
                return any(isinstance(i, dict) and all(i.get(k) == v for k, v in wanted.items()) for i in items)

            return items_match
        if isinstance(special, AnyField):
            fields = special.fields
            return lambda record, value: any(_text(record.data.get(f)) == _text(value) for f in fields)
        for suffix, comparison in _RANGES:
            if name.endswith(suffix):
                getter = self._getter(kind, name[: -len(suffix)])
                if getter is not None:
                    return _range_matcher(getter, comparison)
        getter = self._getter(kind, name)
        if getter is None:
            return None

        def equals(record: Record, value: JSON) -> bool:
            own = getter(record)
            if isinstance(value, list):
                return _text(own) in {_text(v) for v in value}
            return _text(own) == _text(value)

        return equals

    # --- seed data ----------------------------------------------------------------------------

    def seed(self, seeds: list[Seed]) -> None:
        self.clock.seeding(SEED_START, timedelta(minutes=7))
        try:
            for entry in seeds:
                kind = self.kinds.get(entry.kind)
                if kind is None:
                    raise ValueError(f"seed: no resource kind {entry.kind!r} in this spec")
                parents = self.store.all(entry.per) if entry.per else [None]
                for parent in parents:
                    existing = self.store.children(kind.name, parent.id) if parent else self.store.all(kind.name)
                    created = list(existing)
                    for _ in range(entry.count - len(existing)):
                        record = self._seed_one(kind, entry, parent)
                        if record is None:
                            continue
                        created.append(record)
                        if entry.replies_every and len(created) % entry.replies_every == 0 and kind.facts.thread:
                            answered = self.rng.choice(created[:-1])
                            dotted_set(record.data, kind.facts.thread, answered.id)
                            self._join_thread(kind, record)
        finally:
            self.clock.seeding(None)

    def default_seeds(self) -> list[Seed]:
        return [Seed(kind.name, 5) for kind in self.kinds.values() if kind.parent is None]

    def _seed_one(self, kind: Kind, entry: Seed, parent: Record | None) -> Record | None:
        if entry.via is None:
            type_ = ModelRef(kind.model.name)
            compiled = self.schemas.model(kind.model.name)
            data = self.seed_synth.value(type_)
            for _ in range(20):
                if compiled.is_valid(data):
                    break
                data = self.seed_synth.value(type_)
            else:
                data = self.seed_synth.value(type_, full=False)
            record = self._new_record(kind, {}, parent, Env(), {})
            record.data.update({k: v for k, v in data.items() if k not in (kind.id_field, kind.parent_field)})
            created, updated = self._stamps[kind.name]
            for name in created + updated:
                record.data[name] = format_time(record.created)
            self._verify(record)
            return record
        op = self.api.operation(entry.via)
        role = self.roles[op.id]
        path = {role.parent_param: parent.id} if parent is not None and role.parent_param else {}
        checks = self.checks[op.id]
        for _ in range(30):
            body = self.seed_synth.value(op.body.type, full=False, response=False) if op.body else None
            raw = json.dumps(body).encode() if body is not None else b""
            incoming = Incoming(op.method, op.path, {}, {"content-type": "application/json"}, raw)
            checked, problems = checks.check(incoming, {k: str(v) for k, v in path.items()}, {})
            if problems:
                continue
            self._last_created = None
            try:
                self.respond(checked)
            except MockError:
                continue
            made = self._last_created
            if made is not None and made.kind != kind.name:
                made = next(iter(reversed(self.store.all(kind.name))), None)
            return made
        raise ValueError(f"seed: could not synthesise a valid request for {entry.via}")


def _range_matcher(getter: Callable[[Record], JSON], comparison: str) -> Callable[[Record, JSON], bool]:
    def matches(record: Record, value: JSON) -> bool:
        own = getter(record)
        if own is None:
            return False
        left, right = _comparable(own), _comparable(value)
        try:
            if comparison == "ge":
                return bool(left >= right)
            if comparison == "le":
                return bool(left <= right)
            if comparison == "gt":
                return bool(left > right)
            return bool(left < right)
        except TypeError:
            return False

    return matches


def _request_field(expression: object) -> str | None:
    """The request body field an expression reads (`$request.body#/part_index ?? 0` -> `part_index`)."""
    if not isinstance(expression, str) or "$request.body#/" not in expression:
        return None
    pointer = expression.split("$request.body#/", 1)[1].split()[0]
    return pointer.replace("/", ".")
