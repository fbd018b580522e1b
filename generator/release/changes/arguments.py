"""A generated method's keyword arguments, compared: parameters and the fields of a flattened body.

Removed, renamed, new required, optional to required: breaking; new optional: an addition;
required to optional, moved between query, header and body, server default changed,
deprecated: informational. Their types are judged as request types.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from generator.document.loader import join_pointer
from generator.ir import naming
from generator.ir.model import Operation, TypeRef, is_nullable
from generator.release.changes.findings import (
    Context,
    Finding,
    finding,
    from_finding,
    related,
    renamed,
    renamed_pairs,
    spec_change,
)
from generator.release.changes.keywords import keyword_findings
from generator.release.changes.report import Change
from generator.release.changes.schemas import type_findings


def method_path(op: Operation) -> str:
    return ".".join(("client", *(naming.method_name(p) for p in op.sdk_path[:-1]), op.name))


def method_subject(op: Operation) -> str:
    return method_path(op) + "()"


def argument_subject(op: Operation, py_name: str) -> str:
    return f"{method_path(op)}({py_name}=)"


def op_pointer(op: Operation) -> str:
    return op.location.pointer if op.location is not None else join_pointer("/paths", op.path, op.method.lower())


@dataclass(frozen=True, slots=True)
class Argument:
    """A keyword argument of a generated method, as the emitter derives it from the operation."""

    py_name: str
    wire: str
    location: str  # path, query, header, cookie, body (a field of the body) or raw-body
    type: TypeRef
    required: bool
    default: Any
    has_default: bool
    deprecated: bool
    model_field: str | None  # "NoteCreate.title" for a field of the body model
    required_if_sent: bool = False  # a field required whenever the (optional) body is sent
    schema: str | None = None  # a parameter's schema JSON, for the keywords the IR does not model


def arguments(op: Operation) -> list[Argument]:
    """The method's arguments: parameters, then the body's fields (or one `body` argument)."""
    taken: set[str] = set()
    found = [
        Argument(
            naming.unique(p.py_name, taken),
            p.name,
            p.location,
            p.type,
            p.required,
            p.default,
            p.has_default,
            p.deprecated,
            None,
            p.required,
            p.schema_json,
        )
        for p in op.params
    ]
    body = op.body
    if body is not None and body.fields:
        for f in body.fields:
            if f.read_only:
                continue
            owner = f"{body.model}.{f.py_name}" if body.model else None
            py_name = naming.unique(f.py_name, taken)
            required = f.required and body.required
            found.append(
                Argument(
                    py_name, f.name, "body", f.type, required, f.default, f.has_default, f.deprecated, owner, f.required
                )
            )
    elif body is not None:
        py_name = naming.unique("body", taken)
        found.append(
            Argument(py_name, "", "raw-body", body.type, body.required, None, False, False, None, body.required)
        )
    return found


def where(argument: Argument) -> str:
    return {
        "path": f"path parameter `{argument.wire}`",
        "query": f"query parameter `{argument.wire}`",
        "header": f"header `{argument.wire}`",
        "cookie": f"cookie `{argument.wire}`",
        "body": f"body field `{argument.wire}`",
    }.get(argument.location, "request body")


def _match_arguments(
    old: list[Argument], new: list[Argument]
) -> tuple[list[tuple[Argument, Argument]], list[Argument], list[Argument]]:
    """Pairs, removed, added. Path parameters pair by position, the others by wire name."""
    old_path = [a for a in old if a.location == "path"]
    new_path = [a for a in new if a.location == "path"]
    pairs = list(zip(old_path, new_path, strict=False))
    removed, added = old_path[len(new_path) :], new_path[len(old_path) :]
    rest_new = {(a.location, a.wire): a for a in new if a.location != "path"}
    matched: set[tuple[str, str]] = set()
    left: list[Argument] = []
    for a in (a for a in old if a.location != "path"):
        b = rest_new.get((a.location, a.wire))
        if b is None:
            left.append(a)
        else:
            pairs.append((a, b))
            matched.add((a.location, a.wire))
    unmatched = [b for key, b in rest_new.items() if key not in matched]
    # The same name moved between query, header and body is the same argument for a caller.
    for a in list(left):
        b = next((b for b in unmatched if b.wire == a.wire and b.location != "raw-body"), None)
        if b is not None:
            pairs.append((a, b))
            left.remove(a)
            unmatched.remove(b)
    return pairs, removed + left, added + unmatched


def _default_text(has_default: bool, default: Any) -> str:
    return json.dumps(default) if has_default else "none"


def _argument_findings(old: Argument, new: Argument, ctx: Context) -> list[Finding]:
    found = []
    if old.py_name != new.py_name:
        found.append(finding("name", "param-name-changed", old.py_name, new.py_name))
    if old.location != new.location:
        found.append(finding("location", "param-location-changed", where(old), where(new)))
    if new.required and not old.required:
        found.append(finding("required", "param-required"))
    if old.required and not new.required:
        found.append(finding("required", "param-optional"))
    if new.required_if_sent and not old.required_if_sent and not new.required:
        found.append(finding("required", "param-required-in-body"))
    found += type_findings(old.type, new.type, "request", ctx)
    if old.schema is not None and new.schema is not None:
        keywords = keyword_findings(json.loads(old.schema), json.loads(new.schema), "request")
        found += [
            dataclasses.replace(f, message=f"{where[1:]}: {f.message}" if where else f.message) for where, f in keywords
        ]
    if (old.has_default, old.default) != (new.has_default, new.default):
        before, after = _default_text(old.has_default, old.default), _default_text(new.has_default, new.default)
        found.append(finding("default", "param-default-changed", before, after))
    if new.deprecated and not old.deprecated:
        found.append(finding("deprecated", "param-deprecated"))
    if old.deprecated and not new.deprecated:
        found.append(finding("deprecated", "param-reactivated"))
    return found


def argument_changes(old_op: Operation, new_op: Operation, ctx: Context) -> list[Change]:
    pairs, removed, added = _match_arguments(arguments(old_op), arguments(new_op))
    pointer, old_pointer = op_pointer(new_op), op_pointer(old_op)
    changes = []
    renames = renamed_pairs(
        removed, added, lambda a, b: a.location == b.location and renamed(a.type, ctx.renames) == b.type
    )
    for a, b in renames:
        removed.remove(a)
        added.remove(b)
        also = related(argument_subject(new_op, b.py_name), a.model_field, b.model_field)
        subject = argument_subject(old_op, a.py_name)
        changes.append(spec_change("param-renamed", subject, pointer, a.py_name, b.py_name, also, where=where(b)))
    for a in removed:
        subject = argument_subject(old_op, a.py_name)
        changes.append(
            spec_change("param-removed", subject, old_pointer, related=related(a.model_field), where=where(a))
        )
    for b in added:
        subject = argument_subject(new_op, b.py_name)
        rule_id = "param-added-required" if b.required else "param-added"
        if b.required_if_sent and not b.required:
            rule_id = "param-added-required-in-body"
        changes.append(spec_change(rule_id, subject, pointer, related=related(b.model_field), where=where(b)))
    changes += _body_changes(old_op, new_op)
    for a, b in pairs:
        subject = argument_subject(new_op, b.py_name)
        old_subject = argument_subject(old_op, a.py_name)
        also = related(old_subject if old_subject != subject else None, a.model_field, b.model_field)
        changes += [from_finding(f, subject, pointer, also) for f in _argument_findings(a, b, ctx)]
    return changes


def _body_changes(old_op: Operation, new_op: Operation) -> list[Change]:
    """A flattened body's own nullability (its fields are arguments, compared one by one)."""
    before, after = old_op.body, new_op.body
    if before is None or after is None or not (before.fields and after.fields):
        return []
    if is_nullable(before.type) == is_nullable(after.type):
        return []
    rule_id = "body-nullable-removed" if is_nullable(before.type) else "body-nullable-added"
    return [spec_change(rule_id, method_subject(new_op), op_pointer(new_op))]
