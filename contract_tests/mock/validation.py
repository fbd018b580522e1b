"""Request checks compiled once per operation: credentials, parameters, body, x-rules.

Parameters arrive as text; each is coerced to the JSON type its schema allows (`"20"` becomes
`20` for an integer; a number only as JSON spells it, in ASCII) before its schema is checked,
so `limit=abc` (or `limit=٣`) fails on `type` and `limit=0` on `minimum`. A JSON body is
checked against its schema, then (only when that passes, as spec/README.md says) against the
`x-rules` and field groups of every model instance in it, found by walking the body along the
IR types (`generator.ir.walk`).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any, assert_never
from urllib.parse import parse_qs

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
    Param,
    StringType,
    TypeRef,
    UnionOf,
    is_nullable,
    models_in,
)
from generator.ir.rule_engine import check_rules, field_group_rules
from generator.ir.walk import InstanceWalker

from .ascii_numbers import read_number
from .limits import Limits, inspect_json
from .schemas import CompiledSchema, Problem, SchemaCache

JSON = Any
MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING", "__bool__": lambda self: False})()


@dataclass
class Incoming:
    """A request as the ASGI server handed it over (header names lower-case)."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes = b""


@dataclass
class Checked:
    """A request that passed every check, with parameters coerced to their JSON types."""

    op: Operation
    path: dict[str, JSON] = field(default_factory=dict)
    query: dict[str, JSON] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    body: JSON = MISSING
    credentials: str = ""


# --- credentials --------------------------------------------------------------------------------


class SecurityCheck:
    """The operation's security requirements: any one alternative, all of its schemes.

    Each scheme by its own rule: an apiKey by its name in its location (header names are
    case-insensitive, query and cookie names are not); HTTP Basic needs base64 `user:password`;
    Bearer (and oauth2 / openIdConnect) a token; Digest the `username`, `realm`, `nonce`, `uri`
    and `response` parameters. A failure names what to send and carries `WWW-Authenticate`.
    """

    def __init__(self, api: Api, op: Operation) -> None:
        schemes = {s.name: s for s in api.security_schemes}
        self.alternatives: list[list[tuple[str, str, str]]] = []
        self.names: list[str] = []
        self.challenges: list[str] = []
        for requirement in op.security:
            checks: list[tuple[str, str, str]] = []
            for name in requirement:
                scheme = schemes.get(name)
                if scheme is None or scheme.kind == "mutualTLS":
                    continue
                if scheme.kind == "apiKey":
                    location = scheme.location or "header"
                    key = scheme.param_name or ""
                    checks.append((location, key.lower() if location == "header" else key, "key"))
                    self.names.append(f"{location} {key!r}")
                    self.challenges.append(f'ApiKey realm="mock", in="{location}", name="{key}"')
                elif scheme.kind == "http" and (scheme.scheme or "").lower() in ("basic", "digest"):
                    kind = (scheme.scheme or "").lower()
                    checks.append(("header", "authorization", kind))
                    self.names.append(f"Authorization: {kind.title()}")
                    self.challenges.append(
                        'Basic realm="mock"' if kind == "basic" else 'Digest realm="mock", qop="auth", nonce="mock"'
                    )
                else:  # bearer (any other http scheme is sent the same way), oauth2, openIdConnect
                    checks.append(("header", "authorization", "bearer"))
                    self.names.append("Authorization: Bearer")
                    self.challenges.append('Bearer realm="mock"')
            self.alternatives.append(checks)
        self.required = bool(self.alternatives) and all(self.alternatives)
        self.challenge = ", ".join(dict.fromkeys(self.challenges))

    def credentials(self, request: Incoming, cookies: Mapping[str, str]) -> str | None:
        """The credentials presented (a key for per-account state), or None when missing."""
        if not self.required:
            return ""
        for checks in self.alternatives:
            values = []
            for location, name, kind in checks:
                if location == "header":
                    raw = request.headers.get(name, "")
                elif location == "query":
                    raw = (request.query.get(name) or [""])[0]
                else:
                    raw = cookies.get(name, "")
                if kind != "key":
                    raw = _http_credentials(raw, kind)
                if not raw:
                    break
                values.append(raw)
            else:
                return "|".join(values)
        return None

    def describe(self) -> str:
        return " and ".join(dict.fromkeys(self.names)) or "credentials"


_DIGEST_FIELDS = ("username", "realm", "nonce", "uri", "response")


def _http_credentials(header: str, kind: str) -> str:
    """The credentials of an `Authorization` header of scheme `kind`, or "" when malformed."""
    prefix, _, rest = header.strip().partition(" ")
    rest = rest.strip()
    if prefix.lower() != kind or not rest:
        return ""
    if kind == "basic":
        try:
            decoded = base64.b64decode(rest, validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return ""
        return rest if ":" in decoded else ""
    if kind == "digest":
        present = {part.split("=", 1)[0].strip().lower() for part in rest.split(",") if "=" in part}
        return rest if all(name in present for name in _DIGEST_FIELDS) else ""
    return rest


# --- parameters ---------------------------------------------------------------------------------


def json_kinds(api: Api, type_: TypeRef) -> set[str]:
    """The JSON types a value of this type can take (following aliases, enums and unions)."""
    kinds: set[str] = {"null"} if is_nullable(type_) else set()
    match type_:
        case ModelRef(name=name):
            model = api.model(name)
            if model.kind == "alias" and model.alias_of is not None:
                return kinds | json_kinds(api, model.alias_of)
            if model.kind == "enum":
                return kinds | {_kind_of(v) for v in model.enum_values}
            if model.kind == "union":
                return kinds.union(*(json_kinds(api, v) for v in model.variants))
            return kinds | {"object"}
        case LiteralOf(values=values):
            return kinds | {_kind_of(v) for v in values}
        case UnionOf(variants=variants):
            return kinds.union(*(json_kinds(api, v) for v in variants))
        case MapOf():
            return kinds | {"object"}
        case AnyType():
            # Parameter text is taken as it is.
            return kinds | {"string"}
        case StringType():
            return kinds | {"string"}
        case IntegerType():
            return kinds | {"integer"}
        case NumberType():
            return kinds | {"number"}
        case BooleanType():
            return kinds | {"boolean"}
        case NullType():
            return kinds | {"null"}
        case ArrayOf():
            return kinds | {"array"}
        case _:
            assert_never(type_)


def _kind_of(value: JSON) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if value is None:
        return "null"
    return "string"


def coerce_text(text: str, kinds: set[str]) -> JSON:
    """The JSON value a parameter's text stands for, given the types its schema allows."""
    if "integer" in kinds or "number" in kinds:
        # JSON's syntax in ASCII only: `int()` would read '٣', '３', ' 3' or '1_0' as a number.
        number = read_number(text, fraction="number" in kinds)
        if number is not None:
            return number
    if "boolean" in kinds and text in ("true", "false"):
        return text == "true"
    if "null" in kinds and text in ("null", "") and "string" not in kinds:
        return None
    return text


_SEPARATORS = {"form": ",", "simple": ",", "spaceDelimited": " ", "pipeDelimited": "|"}


class ParamCheck:
    __slots__ = (
        "explode",
        "item_kinds",
        "kinds",
        "location",
        "name",
        "param",
        "properties",
        "schema",
        "separator",
        "style",
    )

    def __init__(self, api: Api, param: Param, schema: CompiledSchema) -> None:
        self.param = param
        self.name = param.name
        self.location = param.location
        self.schema = schema
        self.kinds = json_kinds(api, param.type)
        items = param.type.items if isinstance(param.type, ArrayOf) else None
        self.item_kinds = json_kinds(api, items) if items is not None else set()
        style, self.explode = param.serialization
        self.separator = _SEPARATORS.get(style, ",")
        self.style = style
        # An object in the query: its properties' types, to read `?role=admin&size=3` (form,
        # exploded) or `?filter[role]=admin` (deepObject).
        self.properties: dict[str, set[str]] = {}
        if "object" in self.kinds and param.location == "query":
            root = schema.schema
            for prop, node in (_resolve(root, root).get("properties") or {}).items():
                self.properties[prop] = _schema_kinds(node, root)

    def gather(self, query: dict[str, list[str]]) -> JSON:
        """An object parameter spread over the query string, or MISSING when none of it is there."""
        found: dict[str, JSON] = {}
        if self.style == "deepObject":
            prefix = self.name + "["
            for key, texts in query.items():
                if key.startswith(prefix) and key.endswith("]"):
                    prop = key[len(prefix) : -1]
                    found[prop] = coerce_text(texts[-1], self.properties.get(prop, {"string"}))
        elif self.explode:
            for prop, kinds in self.properties.items():
                if prop in query:
                    found[prop] = coerce_text(query[prop][-1], kinds)
        return found if found else MISSING

    def coerce(self, texts: list[str]) -> JSON:
        if "array" in self.kinds:
            if not self.explode and texts:
                texts = [part for text in texts for part in text.split(self.separator)]
            return [coerce_text(text, self.item_kinds) for text in texts]
        return coerce_text(texts[-1], self.kinds)


# --- x-rules and field groups -------------------------------------------------------------------


class RuleWalker(InstanceWalker):
    """Checks the rules of every model instance in a value: its `x-rules` and field groups.

    The instances are found by the one IR walk (`generator.ir.walk`), entering only types that
    reach a model with rules; a union without discriminator is the first model variant whose
    schema the value meets. `rules` holds the `x-rules` by model (a defect may leave some out);
    the field groups are read from the models of `api`.
    """

    def __init__(self, api: Api, schemas: SchemaCache) -> None:
        super().__init__(api, lambda model, value: schemas.model(model.name).is_valid(value))
        self.schemas = schemas
        self.rules = {m.name: [r.as_json() for r in m.rules] for m in api.models if m.rules}
        self._checked: dict[str, list[dict[str, JSON]]] = {}
        self._relevant: dict[str, bool] = {}
        self._by_type: dict[int, bool] = {}

    def relevant(self, type_: TypeRef) -> bool:
        """Whether values of `type_` can hold an instance with rules (the walk enters no other)."""
        # Keyed by identity: IR types live as long as the Api, and hashing them is not cheap.
        found = self._by_type.get(id(type_))
        if found is None:
            found = self._by_type[id(type_)] = any(self._model_relevant(name, set()) for name in models_in(type_))
        return found

    descend = relevant

    def _model_relevant(self, name: str, seen: set[str]) -> bool:
        if name in self._relevant:
            return self._relevant[name]
        if name in seen:
            return False
        seen.add(name)
        model = self.api.model(name)
        own = bool(model.rules or model.exactly_one_of or model.at_least_one_of or model.required_when)
        nested: set[str] = set()
        for f in model.fields:
            nested |= models_in(f.type)
        for t in (model.additional_properties, model.alias_of, *model.variants):
            if t is not None:
                nested |= models_in(t)
        result = own or any(self._model_relevant(n, seen) for n in nested)
        self._relevant[name] = result
        return result

    def _rules_of(self, model: Model) -> list[dict[str, JSON]]:
        found = self._checked.get(model.name)
        if found is None:
            groups = field_group_rules(model.exactly_one_of, model.at_least_one_of, model.required_when)
            found = self._checked[model.name] = self.rules.get(model.name, []) + groups
        return found

    def check(self, type_: TypeRef, value: JSON, pointer: str, where: str) -> list[Problem]:
        problems: list[Problem] = []
        checked = self._checked
        for model, instance, at in self.instances(type_, value, pointer):
            rules = checked.get(model.name)
            if rules is None:
                rules = self._rules_of(model)
            if rules:
                for violation in check_rules(rules, instance, at):
                    place = f"{where}#{violation.pointer}" if violation.pointer else where
                    problems.append(Problem(place, violation.message, violation.rule_id))
        return problems


# --- the whole request --------------------------------------------------------------------------


def _resolve(schema: JSON, root: JSON) -> dict[str, JSON]:
    """A schema node with its local `$ref` followed (a few hops), or {} for anything else."""
    for _ in range(8):
        if not isinstance(schema, dict) or not isinstance(schema.get("$ref"), str):
            break
        node: JSON = root
        for token in schema["$ref"].lstrip("#").strip("/").split("/"):
            token = token.replace("~1", "/").replace("~0", "~")
            node = node.get(token) if isinstance(node, dict) else None
        schema = node
    return schema if isinstance(schema, dict) else {}


def _schema_kinds(schema: JSON, root: JSON) -> set[str]:
    """The JSON types a schema node allows, for coercing form text (string when unknown)."""
    node = _resolve(schema, root)
    declared = node.get("type")
    kinds = {declared} if isinstance(declared, str) else {k for k in declared or () if isinstance(k, str)}
    for keyword in ("anyOf", "oneOf", "allOf"):
        for variant in node.get(keyword) or ():
            kinds |= _schema_kinds(variant, root)
    for value in (node.get("enum") or []) + ([node["const"]] if "const" in node else []):
        kinds.add(_kind_of(value))
    return kinds or {"string"}


def _media_type(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def _media_matches(sent: str, documented: str) -> bool:
    """Whether a request's Content-Type is the body's documented media type (JSON types match
    each other; a documented `*/*` or `type/*` takes any)."""
    base, expected = _media_type(sent), _media_type(documented)
    if base == expected or expected == "*/*" or (_is_json(base) and _is_json(expected)):
        return True
    return expected.endswith("/*") and base.startswith(expected[:-1])


def _is_json(content_type: str) -> bool:
    base = content_type.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json") or base == "*/*"


class OperationChecks:
    """Everything checked on a request to one operation, compiled at start-up."""

    def __init__(
        self,
        api: Api,
        op: Operation,
        schemas: SchemaCache,
        walker: RuleWalker,
        limits: Limits | None = None,
        negotiation: bool = True,
    ) -> None:
        self.op = op
        self.limits = limits or Limits()
        self.negotiation = negotiation
        self.security = SecurityCheck(api, op)
        self.params = [ParamCheck(api, p, schemas.get(p.schema_json)) for p in op.params]
        self.path_params = [p for p in self.params if p.location == "path"]
        self.other_params = [p for p in self.params if p.location != "path"]
        self.body = op.body
        self.body_is_json = op.body is not None and _is_json(op.body.content_type)
        self.body_schema = schemas.get(op.body.schema_json) if op.body is not None else None
        self.walker = walker
        self.body_has_rules = op.body is not None and walker.relevant(op.body.type)
        self.form_kinds: dict[str, tuple[set[str], set[str]]] = {}
        if op.body is not None and not self.body_is_json and self.body_schema is not None:
            # Read from the body's JSON Schema: the IR types a form body as `AnyType`.
            root = self.body_schema.schema
            properties = _resolve(root, root).get("properties") or {}
            for name, prop in properties.items():
                prop = _resolve(prop, root)
                self.form_kinds[name] = (_schema_kinds(prop, root), _schema_kinds(prop.get("items"), root))

    def _form(self, content_type: str, raw: bytes) -> dict[str, JSON] | Problem | None:
        """A form or multipart body as the JSON object its schema describes (fields coerced from
        text by their types), a problem when it cannot be read, or None for other media types."""
        media = _media_type(content_type)
        if media == "application/x-www-form-urlencoded":
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                return Problem("body", "is not UTF-8 form data", "form")
            return self._coerce_fields(parse_qs(text, keep_blank_values=True))
        if media.startswith("multipart/"):
            message = BytesParser(policy=HTTP).parsebytes(
                b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n" + raw
            )
            if not message.is_multipart():
                boundary = message.get_boundary()
                if boundary and raw.strip() == b"--" + boundary.encode("latin-1", "replace") + b"--":
                    # No part at all, only the closing delimiter: what a client sends for a form
                    # whose fields are all optional and left out. RFC 2046 asks for one part, but
                    # servers read it as an empty form, and so does the mock.
                    return self._coerce_fields({})
                return Problem("body", "is not a multipart body (no parts, or no boundary)", "multipart")
            fields: dict[str, list[str]] = {}
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                if not isinstance(name, str):
                    return Problem("body", "a part has no name in its Content-Disposition", "multipart")
                # Header bytes that are not ASCII arrive as surrogate escapes: make them text.
                name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                payload = part.get_payload(decode=True)
                data = payload if isinstance(payload, bytes) else b""
                fields.setdefault(name, []).append(data.decode("utf-8", "replace"))
            return self._coerce_fields(fields)
        return None

    def _coerce_fields(self, fields: dict[str, list[str]]) -> dict[str, JSON]:
        result: dict[str, JSON] = {}
        for name, texts in fields.items():
            kinds, item_kinds = self.form_kinds.get(name, ({"string"}, set()))
            if "array" in kinds:
                result[name] = [coerce_text(t, item_kinds) for t in texts]
            elif "object" in kinds and texts and texts[-1].lstrip().startswith("{"):
                try:
                    result[name] = json.loads(texts[-1])
                except ValueError:
                    result[name] = texts[-1]
            else:
                result[name] = coerce_text(texts[-1], kinds)
        return result

    def check(
        self, request: Incoming, path_values: dict[str, str], cookies: Mapping[str, str]
    ) -> tuple[Checked, list[Problem]]:
        checked = Checked(self.op, headers=request.headers)
        problems: list[Problem] = []
        for param in self.path_params:
            value = param.coerce([path_values.get(param.name, "")])
            if not param.schema.is_valid(value):
                problems.extend(param.schema.problems(value, f"path.{param.name}"))
            checked.path[param.name] = value
        for param in self.other_params:
            if param.location == "query":
                texts = request.query.get(param.name)
                if texts is None and param.properties:
                    gathered = param.gather(request.query)
                    if gathered is not MISSING:
                        if not param.schema.is_valid(gathered):
                            problems.extend(param.schema.problems(gathered, f"query.{param.name}"))
                        checked.query[param.name] = gathered
                        continue
            elif param.location == "header":
                raw = request.headers.get(param.name.lower())
                texts = None if raw is None else [raw]
            else:
                raw = cookies.get(param.name)
                texts = None if raw is None else [raw]
            where = f"{param.location}.{param.name}"
            if texts is None:
                if param.param.required:
                    problems.append(Problem(where, "is required", "required"))
                elif param.param.has_default and param.location == "query":
                    checked.query[param.name] = param.param.default
                continue
            value = param.coerce(texts)
            if not param.schema.is_valid(value):
                problems.extend(param.schema.problems(value, where))
            if param.location == "query":
                checked.query[param.name] = value
        if self.body is not None:
            problems.extend(self._check_body(request, checked))
        return checked, problems

    def _check_body(self, request: Incoming, checked: Checked) -> list[Problem]:
        assert self.body is not None
        raw = request.body
        if not raw.strip():
            return [Problem("body", "is required", "required")] if self.body.required else []
        content_type = request.headers.get("content-type") or self.body.content_type
        if not _media_matches(content_type, self.body.content_type) and (self.negotiation or self.body_is_json):
            return [Problem("header.content-type", f"{content_type!r} is not {self.body.content_type}", "content-type")]
        if not self.body_is_json:
            form = self._form(content_type, raw)
            if form is None:
                checked.body = raw
                return []
            if isinstance(form, Problem):
                return [form]
            checked.body = form
            assert self.body_schema is not None
            return [] if self.body_schema.is_valid(form) else self.body_schema.problems(form, "body")
        try:
            body = json.loads(_json_text(raw))
        except RecursionError:
            limit = self.limits.max_depth
            return [Problem("body", f"nests deeper than {limit} levels (--max-depth)", "max-depth")]
        except ValueError as exc:
            return [Problem("body", f"is not valid JSON ({str(exc)[:200]})", "json")]
        # Bound the work before any schema sees the body: depth, array lengths, lone surrogates.
        refused, size = inspect_json(raw, body, self.limits)
        if refused is not None:
            return [refused]
        checked.body = body
        assert self.body_schema is not None
        if not self.body_schema.is_valid(body):
            large = size > self.limits.explain_values or len(raw) > self.limits.explain_bytes
            return self.body_schema.problems(body, "body", first_only=large)
        if self.body_has_rules:
            return self.walker.check(self.body.type, body, "", "body")
        return []


def _json_text(raw: bytes) -> str | bytes:
    """The body as `json.loads` would decode it: UTF-8 text when its first bytes say UTF-8 (no
    BOM, no NUL), decoded here without `json`'s encoding detection; else the bytes, for it."""
    if len(raw) >= 2 and 0 < raw[0] < 0x80 and raw[1]:
        return raw.decode("utf-8", "surrogatepass")
    return raw


def describe(problems: list[Problem], limit: int = 5) -> str:
    """One message naming each broken field and rule (the first few; a long location is cut)."""
    text = "; ".join(
        str(p) if len(p.where) <= 200 else str(Problem(p.where[:200] + "...", p.message, p.rule))
        for p in problems[:limit]
    )
    if len(problems) > limit:
        text += f"; and {len(problems) - limit} more"
    return f"Invalid request: {text}"
