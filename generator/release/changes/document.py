"""What only the spec documents themselves say: webhooks, and the lifecycle policy of operations.

The IR keeps neither webhooks (the client does not call them; user code receives them) nor the
`x-sunset` and `x-stability-level` extensions, so both documents are read again from
`Api.source`. An IR whose file is gone (a release baseline written to a temporary folder) is
skipped: these rules then stay silent.

Policy rules (`!` in the rule table) are ERR, so that `--fail-on ERR` stops on them, but they
ask for no version bump by themselves: a deprecation without a sunset date breaks no call.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from generator.document.loader import join_pointer, read_document
from generator.ir.model import Api
from generator.release.changes.arguments import method_subject
from generator.release.changes.findings import spec_change
from generator.release.changes.keywords import keyword_findings
from generator.release.changes.report import Change

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_STABILITY = ("draft", "alpha", "beta", "stable")
_DATE = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits (`\d` also matches "٢٠٢٥-٠١-٠١")


def _read(api: Api) -> Mapping[str, Any] | None:
    path = Path(api.source)
    if not path.is_file():
        return None
    document, _ = read_document(path)
    return document.data if document is not None and isinstance(document.data, dict) else None


def _operations(document: Mapping[str, Any], section: str = "paths") -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    for path, item in (document.get(section) or {}).items():
        if isinstance(item, dict):
            for method in _METHODS:
                if isinstance(item.get(method), dict):
                    yield path, method, item[method]


def _sunset(node: Mapping[str, Any]) -> str | None:
    value = node.get("x-sunset")
    return None if value is None else str(value)


def _lifecycle(subject: str, pointer: str, old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> list[Change]:
    """Deprecation, sunset and stability of one operation or parameter (`old` None: it is new)."""
    changes = []
    before = old or {}
    sunset, old_sunset = _sunset(new), _sunset(before)
    if new.get("deprecated") and not before.get("deprecated") and sunset is None:
        changes.append(spec_change("deprecated-without-sunset", subject, pointer))
    if sunset is not None and sunset != old_sunset and not _DATE.fullmatch(sunset):
        changes.append(spec_change("sunset-invalid", subject, pointer, value=json.dumps(sunset)))
    if new.get("deprecated") and old_sunset is not None:
        if sunset is None:
            changes.append(spec_change("sunset-removed", subject, pointer, old_sunset))
        elif _DATE.fullmatch(sunset) and _DATE.fullmatch(old_sunset) and sunset < old_sunset:
            changes.append(spec_change("sunset-earlier", subject, pointer, old_sunset, sunset))
    level, old_level = new.get("x-stability-level"), before.get("x-stability-level")
    if level != old_level and level is not None:
        if level not in _STABILITY:
            changes.append(spec_change("stability-invalid", subject, pointer, value=json.dumps(level)))
        elif old_level in _STABILITY:
            rule_id = (
                "stability-decreased"
                if _STABILITY.index(level) < _STABILITY.index(old_level)
                else "stability-increased"
            )
            changes.append(spec_change(rule_id, subject, pointer, str(old_level), str(level)))
    return changes


def _parameters(operation: Mapping[str, Any], item: Mapping[str, Any]) -> dict[tuple[str, str], Mapping[str, Any]]:
    found: dict[tuple[str, str], Mapping[str, Any]] = {}
    for parameter in [*(item.get("parameters") or ()), *(operation.get("parameters") or ())]:
        if isinstance(parameter, dict) and "name" in parameter:
            found[(str(parameter.get("in")), str(parameter["name"]))] = parameter
    return found


def _lifecycle_changes(old_doc: Mapping[str, Any], new_doc: Mapping[str, Any], old: Api, new: Api) -> list[Change]:
    subjects = {(op.method.lower(), op.path): method_subject(op) for op in (*old.operations, *new.operations)}
    before = {(path, method): op for path, method, op in _operations(old_doc)}
    after = {(path, method): op for path, method, op in _operations(new_doc)}
    today = datetime.date.today().isoformat()
    changes = []
    for (path, method), operation in after.items():
        subject = subjects.get((method, path), f"{method.upper()} {path}")
        pointer = join_pointer("/paths", path, method)
        previous = before.get((path, method))
        changes += _lifecycle(subject, pointer, previous, operation)
        old_params = _parameters(previous, old_doc["paths"][path]) if previous is not None else {}
        for (where, name), parameter in _parameters(operation, new_doc["paths"][path]).items():
            changes += _lifecycle(
                f"{subject} parameter `{name}` ({where})", pointer, old_params.get((where, name)), parameter
            )
    for (path, method), operation in before.items():
        subject = subjects.get((method, path), f"{method.upper()} {path}")
        pointer = join_pointer("/paths", path, method)
        if (path, method) not in after:
            call = f"{method.upper()} {path}"
            changes += _removed_early("operation-removed-before-sunset", subject, pointer, operation, today, call)
            continue
        new_params = _parameters(after[(path, method)], new_doc["paths"][path])
        for key, parameter in _parameters(operation, old_doc["paths"][path]).items():
            if key not in new_params:
                removed = f"{subject.removesuffix('()')}({parameter['name']}=)"
                changes += _removed_early("param-removed-before-sunset", removed, pointer, parameter, today, "")
    return changes + _property_lifecycle(old_doc, new_doc)


def _removed_early(
    rule_id: str, subject: str, pointer: str, node: Mapping[str, Any], today: str, call: str
) -> list[Change]:
    """A removal while the removed thing's `x-sunset` was still ahead (or not a date at all)."""
    sunset = _sunset(node)
    if sunset is None or (_DATE.fullmatch(sunset) and sunset <= today):
        return []
    if not _DATE.fullmatch(sunset):
        return [spec_change("sunset-invalid", subject, pointer, value=json.dumps(sunset))]
    return [spec_change(rule_id, subject, pointer, sunset=sunset, call=call)]


def _property_lifecycle(old_doc: Mapping[str, Any], new_doc: Mapping[str, Any]) -> list[Change]:
    """Deprecation, sunset and stability of the properties of named schemas (`Model.property`)."""
    old_schemas = (old_doc.get("components") or {}).get("schemas") or {}
    changes = []
    for name, schema in ((new_doc.get("components") or {}).get("schemas") or {}).items():
        if not isinstance(schema, dict):
            continue
        old_schema = old_schemas.get(name)
        old_properties = (old_schema.get("properties") or {}) if isinstance(old_schema, dict) else {}
        for prop, node in (schema.get("properties") or {}).items():
            if isinstance(node, dict):
                pointer = join_pointer("/components/schemas", name, "properties", prop)
                changes += _lifecycle(f"{name}.{prop}", pointer, old_properties.get(prop), node)
    return changes


def _payload(operation: Mapping[str, Any]) -> Any:
    content = (operation.get("requestBody") or {}).get("content") or {}
    return next((media.get("schema") for media in content.values() if isinstance(media, dict)), None)


def _webhook_changes(old_doc: Mapping[str, Any], new_doc: Mapping[str, Any]) -> list[Change]:
    """Webhooks as the receiving code sees them: their payloads are read like responses."""
    before = {(name, method): op for name, method, op in _operations(old_doc, "webhooks")}
    after = {(name, method): op for name, method, op in _operations(new_doc, "webhooks")}
    changes = []
    for name, method in sorted(before.keys() - after.keys()):
        changes.append(
            spec_change(
                "webhook-removed", "webhooks", join_pointer("/webhooks", name), name=f"{name} ({method.upper()})"
            )
        )
    for name, method in sorted(after.keys() - before.keys()):
        changes.append(
            spec_change("webhook-added", "webhooks", join_pointer("/webhooks", name), name=f"{name} ({method.upper()})")
        )
    for key in sorted(before.keys() & after.keys()):
        old_payload, new_payload = _payload(before[key]), _payload(after[key])
        if old_payload == new_payload:
            continue
        name, pointer = f"{key[0]} ({key[1].upper()})", join_pointer("/webhooks", key[0], key[1])
        texts = _payload_breaks(old_payload, new_payload)
        if texts:
            changes.append(spec_change("webhook-changed", "webhooks", pointer, name=name, text="; ".join(texts)))
        else:
            changes.append(
                spec_change("webhook-loosened", "webhooks", pointer, name=name, text="payload schema changed")
            )
    return changes


def _payload_breaks(old: Any, new: Any) -> list[str]:
    """What in a payload change can break the code receiving it."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return ["payload schema replaced"]
    texts = []
    if old.get("$ref") != new.get("$ref"):
        texts.append(f"payload schema changed from `{old.get('$ref')}` to `{new.get('$ref')}`")
    if old.get("type") != new.get("type"):
        texts.append(f"type changed from {old.get('type')} to {new.get('type')}")
    old_props, new_props = old.get("properties") or {}, new.get("properties") or {}
    texts += [f"property `{p}` removed" for p in sorted(old_props.keys() - new_props.keys())]
    texts += [
        f"property `{p}` no longer required"
        for p in sorted(set(old.get("required") or ()) - set(new.get("required") or ()))
    ]
    texts += [
        f"property `{p}` changed" for p in sorted(old_props.keys() & new_props.keys()) if old_props[p] != new_props[p]
    ]
    texts += [f.message for _, f in keyword_findings(old, new, "response") if f.severity == "breaking"]
    return texts


def document_changes(old: Api, new: Api) -> list[Change]:
    """Webhook and lifecycle policy changes, when both spec files can still be read."""
    old_doc, new_doc = _read(old), _read(new)
    if old_doc is None or new_doc is None:
        return []
    return _webhook_changes(old_doc, new_doc) + _lifecycle_changes(old_doc, new_doc, old, new)
