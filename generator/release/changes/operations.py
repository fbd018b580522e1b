"""Operations, responses, pagination, required security and resources, compared.

Operations are matched by HTTP method and path (path parameter names ignored), failing that by
client method. Removed: breaking; added: an addition; the same endpoint under another client
method (`x-sdk-method`): breaking `operation-renamed`; deprecated, new HTTP path: informational.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from generator.ir import naming
from generator.ir.model import Api, Operation
from generator.release.changes.arguments import argument_changes, method_subject, op_pointer
from generator.release.changes.findings import Context, from_finding, renamed, spec_change, spell
from generator.release.changes.report import Change
from generator.release.changes.schemas import type_findings


def _path_key(op: Operation) -> tuple[str, str]:
    return op.method, re.sub(r"{[^}]*}", "{}", op.path)


def match_operations(old: Api, new: Api) -> tuple[list[tuple[Operation, Operation]], list[Operation], list[Operation]]:
    """Pairs, removed, added: by endpoint, then by client method for an endpoint that moved."""
    by_key = {_path_key(op): op for op in old.operations}
    pairs: list[tuple[Operation, Operation]] = []
    added: list[Operation] = []
    for op in new.operations:
        match = by_key.pop(_path_key(op), None)
        if match is None:
            added.append(op)
        else:
            pairs.append((match, op))
    removed = list(by_key.values())
    by_method = {(op.method, method_subject(op)): op for op in removed}
    for op in list(added):
        match = by_method.pop((op.method, method_subject(op)), None)
        if match is not None:
            pairs.append((match, op))
            removed.remove(match)
            added.remove(op)
    return pairs, removed, added


def _operation_changes(old: Operation, new: Operation, ctx: Context) -> list[Change]:
    subject, pointer = method_subject(new), op_pointer(new)
    old_subject = method_subject(old)
    changes = []
    if old_subject != subject:
        changes.append(spec_change("operation-renamed", old_subject, pointer, old_subject, subject, (subject,)))
    if old.path != new.path and _path_key(old) != _path_key(new):
        old_call, new_call = f"{old.method} {old.path}", f"{new.method} {new.path}"
        changes.append(
            spec_change("path-changed", subject, pointer, old.path, new.path, old_call=old_call, new_call=new_call)
        )
    if new.deprecated and not old.deprecated:
        changes.append(spec_change("operation-deprecated", subject, pointer))
    if old.deprecated and not new.deprecated:
        changes.append(spec_change("operation-reactivated", subject, pointer))
    changes += argument_changes(old, new, ctx)
    changes += _response_changes(old, new, ctx)
    changes += _pagination_changes(old, new, ctx)
    return changes


def _response_changes(old: Operation, new: Operation, ctx: Context) -> list[Change]:
    subject, pointer = method_subject(new), op_pointer(new)
    before, after = old.success, new.success
    old_type = before.type if before is not None else None
    new_type = after.type if after is not None else None
    changes = []
    if old_type is None and new_type is not None:
        changes.append(
            dataclasses.replace(spec_change("response-added", subject, pointer, new=spell(new_type)), new=None)
        )
    elif old_type is not None and new_type is None:
        changes.append(
            dataclasses.replace(spec_change("response-removed", subject, pointer, old=spell(old_type)), old=None)
        )
    elif old_type is not None and new_type is not None:
        for f in type_findings(old_type, new_type, "response", ctx):
            if f.kind == "type-changed":
                rule_id = "return-type-changed" if f.severity == "breaking" else "return-type-compatible"
                f = dataclasses.replace(f, rule=rule_id)
            changes.append(from_finding(dataclasses.replace(f, message=f"return value: {f.message}"), subject, pointer))
    if before is not None and after is not None and before.status != after.status:
        changes.append(spec_change("success-status-changed", subject, pointer, before.status, after.status))
    old_errors = {r.status for r in old.errors}
    new_errors = {r.status for r in new.errors}
    for status in sorted(new_errors - old_errors):
        changes.append(spec_change("error-response-added", subject, pointer, status=status))
    for status in sorted(old_errors - new_errors):
        changes.append(spec_change("error-response-removed", subject, pointer, status=status))
    return changes


# What the client sends and the flag it stops on. `next_cursor_field` names a cursor at the top
# level, as it always has; `next_cursor_path` tells a nested one apart. A total or page count
# that appears or goes is a response field added or removed, not a change of paging.
_PAGINATION_FIELDS = (
    "style",
    "items",
    "limit_param",
    "cursor_param",
    "next_cursor_field",
    "offset_param",
    "has_more_path",
    "page_param",
    "first_page",
)


def _pagination_changes(old: Operation, new: Operation, ctx: Context) -> list[Change]:
    subject, pointer = method_subject(new), op_pointer(new)
    before, after = old.pagination, new.pagination
    if before is None and after is None:
        return []
    if before is None and after is not None:
        return [spec_change("pagination-added", subject, pointer, style=after.style)]
    if before is not None and after is None:
        return [spec_change("pagination-removed", subject, pointer)]
    assert before is not None and after is not None
    differences = [
        f"{name} {getattr(before, name)!r} -> {getattr(after, name)!r}"
        for name in _PAGINATION_FIELDS
        if getattr(before, name) != getattr(after, name)
    ]
    if (
        before.next_cursor_path != after.next_cursor_path
        and max(len(before.next_cursor_path), len(after.next_cursor_path)) > 1
    ):
        differences.append(f"next_cursor_path {before.next_cursor_path!r} -> {after.next_cursor_path!r}")
    if renamed(before.item_type, ctx.renames) != after.item_type:
        differences.append(f"items `{spell(before.item_type)}` -> `{spell(after.item_type)}`")
    if not differences:
        return []
    return [spec_change("pagination-changed", subject, pointer, text="; ".join(differences))]


def _security_text(requirements: Iterable[tuple[str, ...]]) -> str:
    alternatives = sorted(" + ".join(r) or "no credentials" for r in requirements)
    return " or ".join(alternatives) or "no credentials"


def _security_changes(changed: list[tuple[Operation, Operation]], matched: int) -> list[Change]:
    """Required schemes changed: once for the client when every method changed alike."""
    transitions = {(frozenset(o.security), frozenset(n.security)) for o, n in changed}
    if len(changed) == matched > 1 and len(transitions) == 1:
        ((before, after),) = transitions
        text = f"every method now requires {_security_text(after)} (was {_security_text(before)})"
        return [spec_change("auth-changed", "client", "/security", text=text)]
    return [
        spec_change(
            "auth-changed",
            method_subject(n),
            op_pointer(n),
            text=f"now requires {_security_text(n.security)} (was {_security_text(o.security)})",
        )
        for o, n in changed
    ]


def operations_changes(old: Api, new: Api, ctx: Context) -> list[Change]:
    pairs, removed, added = match_operations(old, new)
    changes = [
        spec_change("operation-removed", method_subject(op), op_pointer(op), method=op.method, path=op.path)
        for op in removed
    ]
    changes += [
        spec_change("operation-added", method_subject(op), op_pointer(op), method=op.method, path=op.path)
        for op in added
    ]
    for o, n in pairs:
        changes += _operation_changes(o, n, ctx)
    security = [(o, n) for o, n in pairs if frozenset(o.security) != frozenset(n.security)]
    return changes + (_security_changes(security, len(pairs)) if security else [])


def _resource_paths(api: Api) -> set[str]:
    paths = set()
    for op in api.operations:
        segments = [naming.method_name(p) for p in op.sdk_path[:-1]]
        paths |= {".".join(("client", *segments[: k + 1])) for k in range(len(segments))}
    return paths


def resource_changes(old: Api, new: Api) -> list[Change]:
    before, after = _resource_paths(old), _resource_paths(new)
    changes = [spec_change("resource-removed", path) for path in sorted(before - after)]
    return changes + [spec_change("resource-added", path) for path in sorted(after - before)]
