"""Drift: how a server's responses deviate from the spec, recorded for a report and a spec patch.

In live mode (and against the mock with `CONTRACT_DRIFT_REPORT=1`) every response the suite
receives is read against its documented response, by the IR's types:

| kind | what | a failure? |
|------|------|------------|
| `extra` | an object field the spec does not list (with the JSON types observed) | no: a finding |
| `enum` | a value outside a documented enum (a component enum or an inline one) | no: a finding |
| `variant` | a discriminator value naming no documented variant | no: a finding |
| `header` | a response header the spec does not document (standard HTTP headers aside) | no: a finding |
| `status` | a status code the operation does not document | Schemathesis' `status_code_conformance` fails it |
| `type` | a documented field that arrives with another JSON type | yes (`response_schema_conformance`) |

Documented fields of the objects seen that never appeared are listed apart (`unobserved`): a
short run proves nothing about them, so they are not drift.

The kinds are those of the generated clients' `Drift` records (`templates/runtime/_drift.py`),
so a report reads the same whichever side saw it. At the end of the session `conftest.py` writes
`reports/drift.md` (for people) and `reports/drift.json` (for `python -m generator drift apply`,
which turns the additive entries into a proposed patch of the spec).
"""

from __future__ import annotations

import dataclasses
import json
import os
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from generator.ir.model import (
    AnyType,
    Api,
    ArrayOf,
    BooleanType,
    IntegerType,
    LiteralOf,
    MapOf,
    Model,
    ModelRef,
    NullType,
    NumberType,
    Operation,
    StringType,
    TypeRef,
    UnionOf,
)

from . import findings
from .targets import API_NAMES, ROOT, SPECS, ApiName, live_url, load_api

REPORT_VERSION = 1
ADDITIVE = frozenset({"extra", "enum", "variant", "header"})
# JSON Schema keywords whose failure in a response is additive drift, not a broken promise.
ADDITIVE_VALIDATORS = frozenset({"enum"})
# Headers any HTTP server may send, documented or not.
STANDARD_HEADERS = frozenset(
    {
        "content-type",
        "content-length",
        "content-encoding",
        "transfer-encoding",
        "connection",
        "keep-alive",
        "date",
        "server",
        "vary",
        "cache-control",
        "etag",
        "expires",
        "last-modified",
        "pragma",
        "age",
        "via",
        "allow",
        "www-authenticate",
        "retry-after",
        "deprecation",
        "strict-transport-security",
        "access-control-allow-origin",
        "alt-svc",
        "set-cookie",
    }
)
# Statuses of the HTTP protocol itself (a method the path does not take, a media type refused, a
# body too large, throttling): any server may answer them to the requests the suite makes invalid on
# purpose, documented or not. Every other undocumented status is drift.
PROTOCOL_STATUSES = frozenset({405, 406, 408, 411, 413, 414, 415, 429, 431, 501, 503})
MISSING: Any = object()


def enabled() -> bool:
    """Drift is recorded against live servers, and against the mock with `CONTRACT_DRIFT_REPORT=1`."""
    return os.environ.get("CONTRACT_DRIFT_REPORT", "").strip() in ("1", "true", "yes") or any(
        live_url(name) for name in API_NAMES
    )


def report_dir() -> Path:
    return Path(os.environ.get("CONTRACT_REPORT_DIR") or ROOT / "reports")


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def keys_in(value: Any) -> set[str]:
    """Every object key anywhere in a JSON value."""
    found: set[str] = set()
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            found.update(map(str, item))
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return found


def breaking(errors: Iterable[Any]) -> list[Any]:
    """The JSON Schema errors of a response that are not additive drift (an undocumented enum value)."""
    return [error for error in errors if error.validator not in ADDITIVE_VALIDATORS]


@dataclasses.dataclass
class Entry:
    """One kind of deviation at one place of the spec, with what was observed there."""

    api: str
    kind: str
    model: str | None = None
    field: str | None = None
    schema_pointer: str | None = None
    value: Any = None
    expected: str = ""
    observed_types: set[str] = dataclasses.field(default_factory=set)
    operations: set[str] = dataclasses.field(default_factory=set)
    example_pointer: str = ""
    count: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "additive": self.kind in ADDITIVE,
            "model": self.model,
            "field": self.field,
            "schema_pointer": self.schema_pointer,
            "value": self.value,
            "expected": self.expected,
            "observed_types": sorted(self.observed_types),
            "operations": sorted(self.operations),
            "example_pointer": self.example_pointer,
            "count": self.count,
        }


class DriftRecorder:
    """Every deviation of the responses seen, per API (thread-safe; one per session)."""

    def __init__(self) -> None:
        self.entries: dict[tuple[Any, ...], Entry] = {}
        self.seen_fields: dict[tuple[str, str], set[str]] = {}
        self.servers: dict[str, str] = {}
        self._echoed: set[str] = set()
        self._lock = threading.Lock()

    # --- observing ----------------------------------------------------------------------------

    def observe(
        self,
        api_name: ApiName,
        operation: Operation,
        status: int,
        headers: Mapping[str, Any],
        body: Any = MISSING,
        sent: Any = None,
    ) -> None:
        """Record the deviations of one response; `sent` is the request body: an undocumented field
        named like one a request of this session carried is the server echoing (or storing) what the
        client sent, not drift."""
        api = load_api(api_name)
        echoed = keys_in(sent)
        where = f"{operation.method} {operation.path} -> {status}"
        by_status = {r.status.upper(): r for r in operation.responses}
        response = by_status.get(str(status)) or by_status.get(f"{str(status)[0]}XX") or by_status.get("DEFAULT")
        with self._lock:
            self._echoed |= echoed
            if response is None:
                if status in PROTOCOL_STATUSES:
                    return
                self._add(Entry(api_name, "status", value=status, expected="a documented status"), where, "")
                return
            documented = {h.name.lower() for h in response.headers}
            for name in headers:
                lowered = name.lower()
                if lowered not in documented and lowered not in STANDARD_HEADERS:
                    self._add(Entry(api_name, "header", field=lowered, expected="documented headers"), where, "")
            if body is not MISSING and response.type is not None:
                self._walk(api_name, api, response.type, body, "", None, where)

    def _add(self, entry: Entry, where: str, pointer: str, observed: str | None = None) -> None:
        key = (entry.api, entry.kind, entry.model, entry.field, json.dumps(entry.value, sort_keys=True))
        found = self.entries.setdefault(key, entry)
        found.count += 1
        found.operations.add(where)
        found.example_pointer = found.example_pointer or pointer or "/"
        if observed is not None:
            found.observed_types.add(observed)

    def _walk(
        self,
        api_name: ApiName,
        api: Api,
        type_: TypeRef | None,
        value: Any,
        pointer: str,
        owner: tuple[Model, str] | None,
        where: str,
    ) -> None:
        if type_ is None or value is None:
            return
        match type_:
            case ModelRef(name=name):
                self._model(api_name, api, api.model(name), value, pointer, owner, where)
            case ArrayOf(items=items):
                if not isinstance(value, list):
                    self._mismatch(api_name, owner, "array", value, pointer, where)
                    return
                for index, item in enumerate(value):
                    self._walk(api_name, api, items, item, f"{pointer}/{index}", owner, where)
            case MapOf(values=values):
                if not isinstance(value, dict):
                    self._mismatch(api_name, owner, "object", value, pointer, where)
                    return
                for key, item in value.items():
                    self._walk(api_name, api, values, item, f"{pointer}/{key}", owner, where)
            case UnionOf(variants=variants):
                chosen = next((v for v in variants if _fits(api, v, value)), None)
                if chosen is not None:
                    self._walk(api_name, api, chosen, value, pointer, owner, where)
            case LiteralOf(values=values):
                if value not in values and owner is not None:
                    model, name = owner
                    entry = Entry(
                        api_name,
                        "enum",
                        model=model.name,
                        field=name,
                        schema_pointer=f"{model.source}/properties/{name}",
                        value=value,
                        expected=f"one of {list(values)}",
                    )
                    self._add(entry, where, pointer, json_type(value))
            case StringType() | IntegerType() | NumberType() | BooleanType() | NullType():
                expected = _scalar_type(type_)
                if not _is_json_type(value, expected):
                    self._mismatch(api_name, owner, expected, value, pointer, where)
            case AnyType():
                pass
            case _:
                pass

    def _model(
        self,
        api_name: ApiName,
        api: Api,
        model: Model,
        value: Any,
        pointer: str,
        owner: tuple[Model, str] | None,
        where: str,
    ) -> None:
        if model.kind == "enum":
            if value not in model.enum_values:
                entry = Entry(
                    api_name,
                    "enum",
                    model=model.name,
                    schema_pointer=model.source,
                    value=value,
                    expected=f"one of {list(model.enum_values)}",
                )
                self._add(entry, where, pointer, json_type(value))
            return
        if model.kind == "alias":
            self._walk(api_name, api, model.alias_of, value, pointer, owner, where)
            return
        if model.kind == "union":
            discriminator = model.discriminator
            if discriminator is not None and isinstance(value, dict):
                tag = value.get(discriminator.property)
                target = dict(discriminator.mapping).get(tag) if isinstance(tag, str) else None
                if target is None:
                    entry = Entry(
                        api_name,
                        "variant",
                        model=model.name,
                        field=discriminator.property,
                        schema_pointer=model.source,
                        value=tag,
                        expected=f"one of {sorted(dict(discriminator.mapping))}",
                    )
                    self._add(entry, where, pointer, json_type(tag))
                    return
                self._model(api_name, api, api.model(target), value, pointer, owner, where)
                return
            chosen = next((v for v in model.variants if _fits(api, v, value)), None)
            if chosen is not None:
                self._walk(api_name, api, chosen, value, pointer, owner, where)
            return
        if not isinstance(value, dict):
            self._mismatch(api_name, owner, "object", value, pointer, where)
            return
        fields = {f.name: f for f in model.fields}
        seen = self.seen_fields.setdefault((api_name, model.name), set())
        for key, item in value.items():
            declared = fields.get(key)
            if declared is not None:
                seen.add(key)
                self._walk(api_name, api, declared.type, item, f"{pointer}/{key}", (model, key), where)
            elif model.additional_properties is not None:
                self._walk(api_name, api, model.additional_properties, item, f"{pointer}/{key}", owner, where)
            elif key not in self._echoed:
                entry = Entry(
                    api_name,
                    "extra",
                    model=model.name,
                    field=key,
                    schema_pointer=f"{model.source}/properties",
                    expected="not in the spec",
                )
                self._add(entry, where, f"{pointer}/{key}", json_type(item))

    def _mismatch(
        self, api_name: ApiName, owner: tuple[Model, str] | None, expected: str, value: Any, pointer: str, where: str
    ) -> None:
        model, name = owner if owner is not None else (None, None)
        entry = Entry(
            api_name,
            "type",
            model=model.name if model else None,
            field=name,
            schema_pointer=f"{model.source}/properties/{name}" if model else None,
            expected=expected,
        )
        self._add(entry, where, pointer, json_type(value))

    # --- reporting ----------------------------------------------------------------------------

    def unobserved(self, api_name: str) -> list[dict[str, Any]]:
        """Documented fields of the objects seen that never appeared in any of them."""
        found = []
        api = load_api(api_name)  # type: ignore[arg-type]
        for (name, model_name), seen in sorted(self.seen_fields.items()):
            if name != api_name:
                continue
            model = api.model(model_name)
            missing = [f.name for f in model.fields if f.name not in seen]
            if missing:
                found.append({"model": model_name, "fields": missing})
        return found

    def report(self) -> dict[str, Any]:
        apis: dict[str, Any] = {}
        for name in API_NAMES:
            entries = [e for e in self.entries.values() if e.api == name]
            if not entries and not any(api == name for api, _ in self.seen_fields):
                continue
            apis[name] = {
                "spec": str(SPECS[name].relative_to(ROOT) if SPECS[name].is_relative_to(ROOT) else SPECS[name]),
                "server": live_url(name) or "mock",
                "drift": [e.as_json() for e in sorted(entries, key=_entry_order)],
                "unobserved": self.unobserved(name),
            }
        listed = sorted(findings.FINDINGS.items(), key=lambda item: (item[0].kind, item[0].operation))
        return {
            "version": REPORT_VERSION,
            "apis": apis,
            "findings": [{**finding.as_json(), "count": count} for finding, count in listed],
        }

    def write(self, directory: Path) -> list[Path]:
        directory.mkdir(parents=True, exist_ok=True)
        report = self.report()
        json_path, md_path = directory / "drift.json", directory / "drift.md"
        json_path.write_text(json.dumps(report, indent=2, sort_keys=False, default=str) + "\n", encoding="utf-8")
        md_path.write_text(markdown(report), encoding="utf-8")
        return [md_path, json_path]


def _entry_order(entry: Entry) -> tuple[str, str, str, str]:
    return (entry.kind, entry.model or "", entry.field or "", json.dumps(entry.value, default=str))


def markdown(report: dict[str, Any]) -> str:
    lines = ["# Drift report", ""]
    lines.append(
        "Responses that deviate from the spec. Additive drift (undocumented fields, enum values, variants, "
        "headers) is a finding: `python -m generator drift apply reports/drift.json` proposes the spec patch. "
        "A documented field with another type is a failure of the run."
    )
    for name, data in report["apis"].items():
        lines += ["", f"## {name} ({data['spec']}, server {data['server']})", ""]
        if not data["drift"]:
            lines.append("No drift.")
        else:
            lines += ["| kind | where | value / observed | expected | seen | operations |", "|---|---|---|---|---|---|"]
            for entry in data["drift"]:
                where = ".".join(x for x in (entry["model"], entry["field"]) if x) or "-"
                observed = ", ".join(entry["observed_types"])
                if entry["kind"] in ("enum", "variant", "status"):
                    observed = f"`{json.dumps(entry['value'])}`" + (f" ({observed})" if observed else "")
                operations = "<br>".join(entry["operations"][:3]) + (" ..." if len(entry["operations"]) > 3 else "")
                lines.append(
                    f"| {entry['kind']}{'' if entry['additive'] else ' (failure)'} | `{where}` | {observed} "
                    f"| {entry['expected']} | {entry['count']} | {operations} |"
                )
        if data["unobserved"]:
            lines += ["", "Documented fields never seen in this run (not drift: a short run proves nothing):", ""]
            lines += [f"- `{item['model']}`: {', '.join(item['fields'])}" for item in data["unobserved"]]
    if report["findings"]:
        lines += ["", "## Findings", ""]
        for finding in report["findings"]:
            lines.append(f"- **{finding['kind']}** {finding['operation']} ({finding['count']}x): {finding['detail']}")
    return "\n".join(lines) + "\n"


def _scalar_type(type_: TypeRef) -> str:
    match type_:
        case StringType():
            return "string"
        case IntegerType():
            return "integer"
        case NumberType():
            return "number"
        case BooleanType():
            return "boolean"
        case _:
            return "null"


def _is_json_type(value: Any, expected: str) -> bool:
    kind = json_type(value)
    return kind == expected or (expected == "number" and kind == "integer")


def _fits(api: Api, type_: TypeRef, value: Any) -> bool:
    """Whether `value` has the JSON type `type_` expects (enough to choose a union's variant)."""
    match type_:
        case ModelRef(name=name):
            model = api.model(name)
            if model.kind == "enum":
                return value in model.enum_values or isinstance(value, str)
            if model.kind == "alias":
                return model.alias_of is not None and _fits(api, model.alias_of, value)
            return isinstance(value, dict)
        case ArrayOf():
            return isinstance(value, list)
        case MapOf():
            return isinstance(value, dict)
        case LiteralOf(values=values):
            return value in values
        case StringType() | IntegerType() | NumberType() | BooleanType() | NullType():
            return _is_json_type(value, _scalar_type(type_))
        case _:
            return True


RECORDER = DriftRecorder()
