"""Models (the classes of `types`) and their fields, judged by the directions they travel in.

Fields of models reachable from a request: removed, renamed, new required, optional to required
-> breaking; new optional -> addition. Reachable from a response: removed, renamed, required to
optional -> breaking; new field -> addition. A model reachable from both gets the stricter
outcome. The fields of a model used only as a flattened request body are reported once, as
arguments. Business rules (`x-rules`) and required groups on request models: new or tightened
-> breaking; on response-only models: informational.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.document.loader import join_pointer
from generator.ir.model import AnyType, Api, Field, Model, TypeRef, UnionOf, models_in
from generator.release.changes.findings import (
    Context,
    Direction,
    Finding,
    by_direction,
    finding,
    from_finding,
    related,
    renamed,
    renamed_pairs,
    spec_change,
    strictest,
)
from generator.release.changes.keywords import keyword_findings
from generator.release.changes.report import Change
from generator.release.changes.schemas import type_findings, value_findings, variant_findings


@dataclass(frozen=True, slots=True)
class Usage:
    """Which directions each model travels in, and which models only exist as flattened bodies."""

    directions: Mapping[str, frozenset[Direction]]
    flattened_only: frozenset[str]


def _model_refs(model: Model) -> set[str]:
    found: set[str] = set()
    for f in model.fields:
        found |= models_in(f.type)
    for type_ in (model.additional_properties, model.alias_of, *model.variants):
        if type_ is not None:
            found |= models_in(type_)
    if model.discriminator is not None:
        found |= {name for _, name in model.discriminator.mapping}
    return found


def _closure(api: Api, roots: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        name = stack.pop()
        if name in seen or name not in api.model_map:
            continue
        seen.add(name)
        stack.extend(_model_refs(api.model(name)))
    return seen


def usage(api: Api) -> Usage:
    request_roots: set[str] = set()
    response_roots: set[str] = set()
    flattened: set[str] = set()
    for op in api.operations:
        for param in op.params:
            request_roots |= models_in(param.type)
        body = op.body
        if body is not None and body.fields and body.model:
            flattened.add(body.model)
            request_roots |= _model_refs(api.model(body.model))
        elif body is not None:
            request_roots |= models_in(body.type)
        for answer in op.responses:
            if answer.type is not None:
                response_roots |= models_in(answer.type)
    request, response = _closure(api, request_roots), _closure(api, response_roots)
    directions: dict[str, frozenset[Direction]] = {}
    for model in api.models:
        found: set[Direction] = set()
        if model.name in request or model.name in flattened:
            found.add("request")
        if model.name in response:
            found.add("response")
        # A model no operation uses is still importable: judge it both ways.
        directions[model.name] = frozenset(found or ("request", "response"))
    return Usage(directions, frozenset(flattened - request - response))


def model_pointer(model: Model, field: Field | None = None) -> str:
    pointer = model.location.pointer if model.location is not None else model.source
    return join_pointer(pointer, "properties", field.name) if field is not None else pointer


def match_models(old: Api, new: Api) -> tuple[list[tuple[Model, Model]], list[Model], list[Model]]:
    """Pairs, removed, added: by place in the spec, then by name, then by identical schema."""
    by_source = {m.source: m for m in old.models}
    taken: set[str] = set()
    pairs: list[tuple[Model, Model]] = []
    unmatched: list[Model] = []
    for model in new.models:
        match = by_source.get(model.source)
        if match is not None and match.name not in taken:
            pairs.append((match, model))
            taken.add(match.name)
        else:
            unmatched.append(model)
    added = []
    for model in unmatched:
        match = old.model_map.get(model.name)
        if match is not None and match.name not in taken:
            pairs.append((match, model))
            taken.add(match.name)
        else:
            added.append(model)
    removed = [m for m in old.models if m.name not in taken]
    for a, b in renamed_pairs(removed, added, lambda a, b: a.kind == b.kind and a.schema_json == b.schema_json):
        pairs.append((a, b))
        removed.remove(a)
        added.remove(b)
    return pairs, removed, added


_KIND_TEXT = {"object": "an object model", "enum": "an enum", "union": "a union", "alias": "a type alias"}


def _keyword_changes(old: Model, new: Model, directions: frozenset[Direction], models: frozenset[str]) -> list[Change]:
    """The JSON Schema keywords of the model's own schema (nested models are compared on their own)."""
    before, after = json.loads(old.schema_json), json.loads(new.schema_json)
    if before == after:
        return []
    located: dict[str, str] = {}
    groups = []
    for direction in sorted(directions):
        found = keyword_findings(before, after, direction, new.source, models)
        located.update((f.fact, where) for where, f in found)
        groups.append([f for _, f in found])
    return [from_finding(f, f"{new.name}{located[f.fact]}", model_pointer(new)) for f in strictest(groups)]


def _model_changes(
    old: Model, new: Model, directions: frozenset[Direction], flattened_only: bool, ctx: Context, models: frozenset[str]
) -> list[Change]:
    subject, pointer = new.name, model_pointer(new)
    changes = []
    if old.name != new.name:
        changes.append(spec_change("model-renamed", old.name, pointer, old.name, new.name, (new.name,)))
    if old.kind != new.kind:
        kinds = spec_change("model-kind-changed", subject, pointer, _KIND_TEXT[old.kind], _KIND_TEXT[new.kind])
        return [*changes, dataclasses.replace(kinds, old=old.kind, new=new.kind)]
    groups: list[list[Finding]] = []
    for direction in sorted(directions):
        if new.kind == "enum":
            groups.append(value_findings(old.enum_values, new.enum_values, direction))
        elif new.kind == "union":
            before, after = UnionOf(old.variants, old.discriminator), UnionOf(new.variants, new.discriminator)
            groups.append(variant_findings(before, after, direction, ctx))
        elif new.kind == "alias":
            groups.append(type_findings(old.alias_of or AnyType(), new.alias_of or AnyType(), direction, ctx))
    changes += [from_finding(f, subject, pointer) for f in strictest(groups)]
    changes += _keyword_changes(old, new, directions, models)
    if new.kind != "object":
        return changes
    if not flattened_only:
        changes += _field_changes(old, new, directions, ctx)
    request = "request" in directions
    changes += _rule_changes(old, new, request)
    changes += _requirement_changes(old, new, request)
    if old.allows_extra != new.allows_extra or not _same_optional_type(
        old.additional_properties, new.additional_properties, ctx
    ):
        text = "now allowed" if new.allows_extra else "no longer allowed"
        changes.append(spec_change("extra-fields-changed", subject, pointer, text=text))
    return changes


def _same_optional_type(old: TypeRef | None, new: TypeRef | None, ctx: Context) -> bool:
    if old is None or new is None:
        return old is new
    return renamed(old, ctx.renames) == new


def _not_sent(field: Field, direction: Direction) -> bool:
    """A field that never travels in this direction: readOnly in requests, writeOnly in responses."""
    return field.read_only if direction == "request" else field.write_only


def _mutability_findings(old: Field, new: Field, direction: Direction) -> list[Finding]:
    found = []
    if old.read_only != new.read_only:
        text = "now read-only: no longer sent in requests" if new.read_only else "no longer read-only"
        found.append(finding("readOnly", "field-read-only-changed", text=text))
    if old.write_only != new.write_only:
        if old.write_only and new.required and direction == "response":
            found.append(finding("writeOnly", "response-field-became-readable"))
        else:
            text = "now write-only: no longer returned" if new.write_only else "no longer write-only"
            found.append(finding("writeOnly", "field-write-only-changed", text=text))
    return found


def _field_findings(old: Field, new: Field, direction: Direction, ctx: Context) -> list[Finding]:
    found = []
    if old.py_name != new.py_name:
        found.append(finding("name", "field-name-changed", old.py_name, new.py_name))
    found += _mutability_findings(old, new, direction)
    if _not_sent(old, direction) and _not_sent(new, direction):
        # Restricting what never travels this way changes nothing for this direction.
        if old.required != new.required:
            text = "now required" if new.required else "now optional"
            way = "in requests (readOnly)" if direction == "request" else "in responses (writeOnly)"
            found.append(finding("required", "unsent-field-required-changed", text=text, way=way))
        return found + _lifecycle_findings(old, new)
    if new.required and not old.required:
        found.append(finding("required", by_direction(direction, "request-field-required", "response-field-required")))
    if old.required and not new.required:
        found.append(finding("required", by_direction(direction, "request-field-optional", "response-field-optional")))
    found += type_findings(old.type, new.type, direction, ctx)
    if (old.has_default, old.default) != (new.has_default, new.default):
        before = json.dumps(old.default) if old.has_default else "none"
        after = json.dumps(new.default) if new.has_default else "none"
        found.append(finding("default", "field-default-changed", before, after))
    return found + _lifecycle_findings(old, new)


def _lifecycle_findings(old: Field, new: Field) -> list[Finding]:
    if new.deprecated and not old.deprecated:
        return [finding("deprecated", "field-deprecated")]
    if old.deprecated and not new.deprecated:
        return [finding("deprecated", "field-reactivated")]
    return []


def _added_field(field: Field, direction: Direction) -> Finding:
    if direction == "request" and field.required and not field.read_only:
        return finding("added", "field-added-required")
    return finding("added", "field-added")


def _field_changes(old: Model, new: Model, directions: frozenset[Direction], ctx: Context) -> list[Change]:
    old_fields = {f.name: f for f in old.fields}
    new_fields = {f.name: f for f in new.fields}
    removed = [f for name, f in old_fields.items() if name not in new_fields]
    added = [f for name, f in new_fields.items() if name not in old_fields]
    changes = []
    for a, b in renamed_pairs(removed, added, lambda a, b: renamed(a.type, ctx.renames) == b.type):
        removed.remove(a)
        added.remove(b)
        subject, also = f"{new.name}.{a.py_name}", (f"{new.name}.{b.py_name}",)
        pointer = model_pointer(new, b)
        changes.append(spec_change("field-renamed", subject, pointer, a.py_name, b.py_name, also, wire=b.name))
    for gone in removed:
        changes.append(spec_change("field-removed", f"{new.name}.{gone.py_name}", model_pointer(old, gone)))
    for field in added:
        groups = [[_added_field(field, direction)] for direction in sorted(directions)]
        subject = f"{new.name}.{field.py_name}"
        changes += [from_finding(x, subject, model_pointer(new, field)) for x in strictest(groups)]
    for name, current in new_fields.items():
        previous = old_fields.get(name)
        if previous is None:
            continue
        findings = strictest(_field_findings(previous, current, d, ctx) for d in sorted(directions))
        moved = related(f"{new.name}.{previous.py_name}" if previous.py_name != current.py_name else None)
        subject = f"{new.name}.{current.py_name}"
        changes += [from_finding(x, subject, model_pointer(new, current), moved) for x in findings]
    return changes


def _rule_changes(old: Model, new: Model, request: bool) -> list[Change]:
    subject, pointer = new.name, model_pointer(new)
    before = {r.id: r for r in old.rules}
    after = {r.id: r for r in new.rules}
    changes = []
    for rule_id, rule in after.items():
        previous = before.get(rule_id)
        if previous is None:
            text = f"new rule `{rule_id}` ({rule.message})"
            changes.append(
                spec_change("request-x-rule-added" if request else "x-rule-added", subject, pointer, text=text)
            )
        elif previous == rule:
            continue
        elif dataclasses.replace(previous, message=rule.message) == rule:
            changes.append(spec_change("x-rule-message-changed", subject, pointer, id=rule_id))
        elif dataclasses.replace(previous, max=rule.max) == rule and (rule.max or 0) > (previous.max or 0):
            loosened = spec_change("x-rule-loosened", subject, pointer, str(previous.max), str(rule.max), id=rule_id)
            changes.append(dataclasses.replace(loosened, old=None, new=None))
        else:
            text = f"rule `{rule_id}` changed ({rule.message})"
            rule_name = "request-x-rule-tightened" if request else "response-x-rule-tightened"
            changes.append(spec_change(rule_name, subject, pointer, text=text))
    for rule_id in before.keys() - after.keys():
        changes.append(spec_change("x-rule-removed", subject, pointer, id=rule_id))
    return changes


def _groups_text(groups: tuple[tuple[str, ...], ...]) -> str:
    return " / ".join("+".join(f"`{name}`" for name in group) for group in groups)


def _requirement_changes(old: Model, new: Model, request: bool) -> list[Change]:
    subject, pointer = new.name, model_pointer(new)
    added = "request-requirement-added" if request else "response-requirement-added"
    changed = "request-requirement-changed" if request else "response-requirement-changed"
    changes = []
    for attribute, label in (("exactly_one_of", "exactly one of"), ("at_least_one_of", "at least one of")):
        before, after = getattr(old, attribute), getattr(new, attribute)
        if before == after:
            continue
        if not before:
            changes.append(spec_change(added, subject, pointer, text=f"now requires {label} {_groups_text(after)}"))
        elif not after:
            text = f"no longer requires {label} {_groups_text(before)}"
            changes.append(spec_change("requirement-removed", subject, pointer, text=text))
        else:
            text = f"now requires {label} {_groups_text(after)} (was {_groups_text(before)})"
            changes.append(spec_change(changed, subject, pointer, text=text))
    for condition in new.required_when:
        if condition not in old.required_when:
            prop, value, fields = condition
            text = f"{', '.join(f'`{f}`' for f in fields)} now required when `{prop}` is {json.dumps(value)}"
            changes.append(spec_change(added, subject, pointer, text=text))
    for condition in old.required_when:
        if condition not in new.required_when:
            prop, value, fields = condition
            text = f"{', '.join(f'`{f}`' for f in fields)} no longer required when `{prop}` is {json.dumps(value)}"
            changes.append(spec_change("requirement-removed", subject, pointer, text=text))
    return changes


def models_changes(old: Api, new: Api, ctx: Context, pairs: list[tuple[Model, Model]]) -> list[Change]:
    old_usage, new_usage = usage(old), usage(new)
    models = frozenset(m.source for m in new.models)
    changes = []
    for a, b in pairs:
        directions = old_usage.directions[a.name] | new_usage.directions[b.name]
        flattened_only = a.name in old_usage.flattened_only and b.name in new_usage.flattened_only
        changes += _model_changes(a, b, directions, flattened_only, ctx, models)
    return changes
