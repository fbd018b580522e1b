"""Resources inferred from the IR: which paths are collections and items, and what each
operation does to them.

- A path parameter right after a literal segment is the id of a record of that *kind*
  (`/v3/chats/{chatId}`: kind `chats`). The kind's record shape is the model the item's GET
  returns, unwrapped from an envelope (`{data: V2Message}`), or else the item type of a list,
  or else what a create returns.
- A kind nested under another's item (`/v3/chats/{chatId}/messages`) has that kind as parent.
- Roles: POST on a collection creates, GET on it lists (children of the parent item when
  nested, or the item's thread when nested under a record of the same kind), GET/PUT/PATCH/
  DELETE on an item retrieve, update or delete it, and anything else under an item is an
  action on that record. Operations whose path says nothing get a role from the table, or
  answer statelessly as in examples mode.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Literal

from generator.ir.model import AnyType, Api, ArrayOf, Field, Model, ModelRef, Operation, StringType, TypeRef

from .behaviour import ApiTable, Create, KindFacts, Retrieve

Action = Literal["create", "list", "retrieve", "update", "delete", "action", "other"]
ENVELOPE_FIELDS = ("data", "item", "result", "record")


def singular(name: str) -> str:
    if name.endswith("ies") and len(name) > 4:
        return name[:-3] + "y"
    if name.endswith(("sses", "xes", "ches", "shes")):
        return name[:-2]
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name


@functools.cache
def normalise(name: str) -> str:
    """A name without case or separators: `account_email` and `accountEmail` are the same."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


@dataclass
class Kind:
    name: str
    singular: str
    model: Model
    facts: KindFacts
    id_field: str | None = None
    id_type: TypeRef = field(default_factory=StringType)
    id_example: str | None = None
    parent: str | None = None
    parent_field: str | None = None

    def field(self, name: str) -> Field | None:
        return self.model.field_named(name)


@dataclass
class Role:
    action: Action
    kind: Kind | None = None
    target_param: str | None = None
    parent_param: str | None = None
    relation: Literal["children", "thread", "all"] = "all"
    id_params: dict[str, Kind] = field(default_factory=dict)
    retrieve_id: str | None = None
    create_set: dict[str, object] = field(default_factory=dict)


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def _param(segment: str) -> str | None:
    return segment[1:-1] if segment.startswith("{") and segment.endswith("}") else None


class Inference:
    def __init__(self, api: Api, table: ApiTable) -> None:
        self.api = api
        self.table = table
        self.kinds: dict[str, Kind] = {}
        self._find_kinds()
        self.roles = {op.id: self._role(op) for op in api.operations}

    # --- kinds --------------------------------------------------------------------------------

    def _model_of(self, type_: TypeRef | None) -> Model | None:
        if not isinstance(type_, ModelRef):
            return None
        model = self.api.model(type_.name)
        return model if model.kind == "object" else None

    def _unwrap(self, model: Model | None, kind_name: str) -> Model | None:
        """The record inside an envelope such as `{data: Record, status}`."""
        if model is None:
            return None
        for f in model.fields:
            inner = self._model_of(f.type)
            if inner is not None and f.name in (*ENVELOPE_FIELDS, singular(kind_name)):
                return inner
        return model

    def _list_item_model(self, op: Operation) -> Model | None:
        if op.pagination is not None:
            return self._model_of(op.pagination.item_type)
        success = op.success
        if success is not None and isinstance(success.type, ArrayOf):
            return self._model_of(success.type.items)
        return None

    def _find_kinds(self) -> None:
        item_models: dict[str, Model] = {}
        list_models: dict[str, Model] = {}
        create_models: dict[str, Model] = {}
        id_params: dict[str, str] = {}
        nested_lists: dict[str, Model] = {}
        posted: set[str] = set()
        for op in self.api.operations:
            segments = _segments(op.path)
            last = segments[-1] if segments else ""
            if len(segments) >= 2 and _param(last) and not _param(segments[-2]):
                name = segments[-2]
                id_params.setdefault(name, _param(last) or "")
                if op.method == "GET" and op.success is not None:
                    model = self._unwrap(self._model_of(op.success.type), name)
                    if model is not None:
                        item_models.setdefault(name, model)
            elif last and not _param(last):
                nested = len(segments) >= 2 and _param(segments[-2]) is not None
                if op.method == "GET":
                    model = self._list_item_model(op)
                    if model is not None:
                        # `/messages/{id}/thread` lists messages; it is not a collection of its own.
                        (nested_lists if nested else list_models).setdefault(last, model)
                elif op.method == "POST" and op.success is not None:
                    posted.add(last)
                    model = self._unwrap(self._model_of(op.success.type), last)
                    if model is not None:
                        create_models.setdefault(last, model)
        for name, model in nested_lists.items():
            if name in id_params or name in posted:
                list_models.setdefault(name, model)
        names = list(dict.fromkeys([*item_models, *list_models, *self.table.kinds]))
        for name in names:
            model = item_models.get(name) or list_models.get(name)
            if model is None and name in id_params:
                model = create_models.get(name)
            if model is None:
                continue
            facts = self.table.kinds.get(name, KindFacts())
            kind = Kind(name=name, singular=singular(name), model=model, facts=facts)
            kind.id_field = facts.id_field or self._id_field(model, id_params.get(name), kind.singular)
            id_field = model.field_named(kind.id_field) if kind.id_field else None
            if id_field is not None:
                kind.id_type = id_field.type
                kind.id_example = self._example_id(name, kind.id_field or "")
            elif id_params.get(name):
                op_param = next(
                    (
                        p
                        for op in self.api.operations
                        for p in op.params
                        if p.name == id_params[name] and p.location == "path"
                    ),
                    None,
                )
                if op_param is not None:
                    kind.id_type = op_param.type
            self.kinds[name] = kind
        # Parents: `/P/{pid}/K` makes P the parent of K.
        for op in self.api.operations:
            segments = _segments(op.path)
            for index in range(2, len(segments)):
                name, param, parent_name = segments[index], _param(segments[index - 1]), segments[index - 2]
                child = self.kinds.get(name)
                if child is None or param is None or parent_name not in self.kinds or parent_name == name:
                    continue
                if child.parent is None:
                    parent = self.kinds[parent_name]
                    child.parent = parent_name
                    child.parent_field = next(
                        (
                            n
                            for n in (f"{parent.singular}_id", f"{parent.singular}Id", param)
                            if model_has_string_field(child.model, n)
                        ),
                        None,
                    )

    def _id_field(self, model: Model, param: str | None, single: str) -> str | None:
        candidates = [param, re.sub(r"(?<!^)(?=[A-Z])", "_", param).lower() if param else None]
        candidates += ["id", f"{single}_id", f"{single}Id", "uuid", "key", "name"]
        for name in candidates:
            if name and model.field_named(name) is not None:
                return name
        return None

    def _example_id(self, kind_name: str, id_field: str) -> str | None:
        for op in self.api.operations:
            success = op.success
            if success is None or not success.has_example:
                continue
            found = _find_value(success.example, id_field)
            if isinstance(found, str):
                return found
        return None

    # --- roles --------------------------------------------------------------------------------

    def _role(self, op: Operation) -> Role:
        segments = _segments(op.path)
        id_params: dict[str, Kind] = {}
        for index, segment in enumerate(segments):
            name = _param(segment)
            if name and index > 0 and segments[index - 1] in self.kinds:
                id_params[name] = self.kinds[segments[index - 1]]
        for step in self.table.operations.get(op.id, ()):
            if isinstance(step, Create):
                return Role("create", self.kinds[step.kind], id_params=id_params, create_set=dict(step.set))
            if isinstance(step, Retrieve):
                return Role("retrieve", self.kinds[step.kind], id_params=id_params, retrieve_id=step.id)
        last = segments[-1] if segments else ""
        before = _param(segments[-2]) if len(segments) >= 2 else None
        before_kind = id_params.get(before) if before else None
        if _param(last):
            kind = id_params.get(_param(last) or "")
            if kind is None:
                return Role("other", id_params=id_params)
            action: Action = {"GET": "retrieve", "PUT": "update", "PATCH": "update", "DELETE": "delete"}.get(
                op.method, "action"
            )  # type: ignore[assignment]
            return Role(action, kind, target_param=_param(last), id_params=id_params)
        kind = self.kinds.get(last)
        if kind is not None and (before_kind is None or before_kind.name != kind.name):
            if op.method == "POST":
                return Role("create", kind, parent_param=before, id_params=id_params)
            if op.method == "GET":
                relation: Literal["children", "thread", "all"] = "children" if before_kind is not None else "all"
                return Role("list", kind, parent_param=before, relation=relation, id_params=id_params)
        if op.method == "GET" and before_kind is not None:
            listed = self._list_item_model(op)
            listed_kind = next(
                (k for k in self.kinds.values() if listed is not None and k.model.name == listed.name), None
            )
            if listed_kind is not None and listed_kind.name == before_kind.name and listed_kind.facts.thread:
                return Role("list", listed_kind, parent_param=before, relation="thread", id_params=id_params)
            if listed_kind is not None and listed_kind.parent == before_kind.name:
                return Role("list", listed_kind, parent_param=before, relation="children", id_params=id_params)
        if before_kind is not None:
            return Role("action", before_kind, target_param=before, id_params=id_params)
        return Role("other", id_params=id_params)


def model_has_string_field(model: Model, name: str) -> bool:
    found = model.field_named(name)
    return found is not None and isinstance(found.type, StringType | ModelRef | AnyType)


def _find_value(example: object, key: str, depth: int = 0) -> object:
    if depth > 5:
        return None
    if isinstance(example, dict):
        if key in example:
            return example[key]
        for value in example.values():
            found = _find_value(value, key, depth + 1)
            if found is not None:
                return found
    if isinstance(example, list):
        for value in example:
            found = _find_value(value, key, depth + 1)
            if found is not None:
                return found
    return None
