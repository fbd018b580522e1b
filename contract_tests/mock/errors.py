"""Error bodies in the API's own documented shape.

The body of an error with status S for operation O is built from, in order: O's response for
S; the response for S of any other operation (error shapes are usually API-wide); O's (or the
API's) `400` response; a `default` response; and failing all of those an RFC 9457
`application/problem+json` document. The documented example is the template when there is one
(so application codes such as Linq's `4000` keep their style), otherwise a synthesised body.
The human-readable message goes into the first string field named like a message, integer
fields named like a status get S, and ids of the request (`trace_id`) are fresh.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, assert_never

from generator.ir.model import (
    AnyType,
    Api,
    ArrayOf,
    BooleanType,
    IntegerType,
    LiteralOf,
    MapOf,
    ModelRef,
    NullType,
    NumberType,
    Operation,
    Response,
    StringType,
    TypeRef,
    UnionOf,
)

from .ascii_numbers import digits_value
from .schemas import Problem, SchemaCache
from .synth import Synthesizer
from .variations import NO_VARIATIONS, Variations, other_code, other_trace_id

JSON = Any
PROBLEM_JSON = "application/problem+json"
_MESSAGE_NAMES = (
    "message",
    "error_message",
    "errorMessage",
    "detail",
    "error_description",
    "description",
    "title",
    "msg",
    "error",
)
_STATUS_NAMES = ("status", "status_code", "statusCode", "http_status", "httpStatus")
_CODE_NAMES = ("code", "error_code", "errorCode")
_TRACE_NAMES = ("trace_id", "traceId", "request_id", "requestId", "correlation_id")

Path = tuple[str, ...]


@dataclass(frozen=True)
class ErrorTemplate:
    status_from: int | None
    content_type: str
    body: JSON
    message_at: Path | None
    status_at: tuple[Path, ...]
    code_at: tuple[Path, ...]
    trace_at: tuple[Path, ...]
    response: Response | None


class ErrorFactory:
    def __init__(self, api: Api, schemas: SchemaCache, seed: int, variations: Variations = NO_VARIATIONS) -> None:
        self.api = api
        self.variations = variations
        self.schemas = schemas
        self.synth = Synthesizer(api, random.Random(seed))
        self.rng = random.Random(seed + 1)
        self._templates: dict[tuple[str, int], ErrorTemplate] = {}
        self._by_status: dict[int, Response] = {}
        for op in api.operations:
            for response in op.responses:
                status = digits_value(response.status)
                if status is not None and response.schema_json is not None:
                    self._by_status.setdefault(status, response)
        self._has_default = any(
            r.status == "default" and r.schema_json is not None for op in api.operations for r in op.responses
        )

    def status_for_bad_request(self, op: Operation | None, only_path: bool) -> int:
        """Prism's order: the operation's 422, else its 400 (or `default`); a bad path id is a
        404 where only that is documented; else the API's own error body (as a 400) where some
        operation documents one; else a 422 problem+json."""
        documented = {r.status for r in op.responses} if op else set()
        if op is None:
            return 400
        if "422" in documented:
            return 422
        if "400" in documented or "default" in documented:
            return 400
        if only_path and "404" in documented:
            return 404
        if 400 in self._by_status or self._has_default:
            return 400
        return 422

    def status_for_media_type(self, op: Operation) -> int:
        """415 where documented, else the status of a bad request when the spec documents one
        (Prism answers with the spec's own 422 or 400 before generating a 415)."""
        if any(r.status == "415" for r in op.responses) or 415 in self._by_status:
            return 415
        status = self.status_for_bad_request(op, False)
        return 415 if status == 422 and not any(r.status == "422" for r in op.responses) else status

    def build(
        self, op: Operation | None, status: int, message: str, problems: Sequence[Problem] = ()
    ) -> tuple[str, JSON]:
        """(content type, body) of an error; a generated problem+json lists `problems` in
        `validation`, as Prism's does."""
        template = self._template(op, status)
        body = copy.deepcopy(template.body)
        if template.response is None and problems:
            body["title"] = "Invalid request"
            body["validation"] = [
                {"location": _location(p.where), "severity": "Error", "code": p.rule, "message": p.message[:500]}
                for p in problems[:20]
            ]
        if template.message_at is not None:
            body = _set(body, template.message_at, message)
        for path in template.status_at:
            body = _set(body, path, status)
        if template.status_from is not None and template.status_from != status:
            for path in template.code_at:
                old = _get(body, path)
                if isinstance(old, int) and str(old).startswith(str(template.status_from)):
                    body = _set(body, path, int(str(status) + str(old)[len(str(template.status_from)) :]))
        if self.variations.on("other-error-codes"):
            for path in template.code_at:
                body = _set(body, path, other_code(_get(body, path)))
        for path in template.trace_at:
            old = _get(body, path)
            length = len(old) if isinstance(old, str) and 8 <= len(old) <= 64 else 16
            trace = "".join(self.rng.choice("0123456789abcdef") for _ in range(length))
            body = _set(body, path, other_trace_id() if self.variations.on("other-id-formats") else trace)
        return template.content_type, body

    def _template(self, op: Operation | None, status: int) -> ErrorTemplate:
        key = (op.id if op else "", status)
        found = self._templates.get(key)
        if found is None:
            found = self._templates[key] = self._make_template(op, status)
        return found

    def _make_template(self, op: Operation | None, status: int) -> ErrorTemplate:
        own = {r.status: r for r in op.responses} if op else {}
        candidates = [own.get(str(status)), self._by_status.get(status), own.get("400"), self._by_status.get(400)]
        candidates += [
            own.get("default"),
            *(r for o in self.api.operations for r in o.responses if r.status == "default"),
        ]
        response = next(
            (r for r in candidates if r is not None and r.schema_json is not None and r.type is not None), None
        )
        if response is None:
            body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "detail": ""}
            return ErrorTemplate(status, PROBLEM_JSON, body, ("detail",), (("status",),), (), (), None)
        assert response.type is not None and response.schema_json is not None
        validator = self.schemas.get(response.schema_json)
        example_status = digits_value(response.status)
        if response.has_example and validator.is_valid(response.example):
            body = response.example
        else:
            example_status = None
            body = self.synth.value(response.type)
            for _ in range(20):
                if validator.is_valid(body):
                    break
                body = self.synth.value(response.type)
        paths = _string_paths(self.api, response.type, ())
        message_at = next(
            (p for name in _MESSAGE_NAMES for p, kind in paths if p[-1] == name and kind == "string"), None
        )
        status_at = tuple(p for p, kind in paths if p[-1] in _STATUS_NAMES and kind == "integer")
        code_at = tuple(p for p, kind in paths if p[-1] in _CODE_NAMES and kind == "integer")
        if example_status is None:
            status_at += code_at
        trace_at = tuple(p for p, kind in paths if p[-1] in _TRACE_NAMES and kind == "string")
        body = _ensure_paths(body, (message_at, *status_at, *trace_at) if message_at else (*status_at, *trace_at))
        return ErrorTemplate(
            example_status,
            response.content_type or "application/json",
            body,
            message_at,
            status_at,
            code_at,
            trace_at,
            response,
        )


def _string_paths(api: Api, type_: TypeRef, prefix: Path, depth: int = 0) -> list[tuple[Path, str]]:
    """(path, scalar kind) of every scalar field reachable through objects, breadth first."""
    if depth > 4:
        return []
    found: list[tuple[Path, str]] = []
    nested: list[tuple[Path, TypeRef]] = []
    model = api.model(type_.name) if isinstance(type_, ModelRef) else None
    while model is not None and model.kind == "alias" and model.alias_of is not None:
        type_ = model.alias_of
        model = api.model(type_.name) if isinstance(type_, ModelRef) else None
    if model is None or model.kind != "object":
        return []
    for field in model.fields:
        path = (*prefix, field.name)
        inner = api.model(field.type.name) if isinstance(field.type, ModelRef) else None
        if inner is not None and inner.kind == "enum":
            continue
        # A field of an alias is read as the aliased type.
        aliased = inner.alias_of if inner is not None and inner.kind == "alias" else None
        read_as = aliased or field.type
        match read_as:
            case StringType():
                found.append((path, "string"))
            case IntegerType():
                found.append((path, "integer"))
            case ModelRef():
                nested.append((path, field.type))
            case NumberType() | BooleanType() | NullType() | ArrayOf() | MapOf() | UnionOf() | LiteralOf() | AnyType():
                pass
            case _:
                assert_never(read_as)
    for path, inner_type in nested:
        found.extend(_string_paths(api, inner_type, path, depth + 1))
    return found


def _get(body: JSON, path: Path) -> JSON:
    for key in path:
        if not isinstance(body, dict):
            return None
        body = body.get(key)
    return body


def _set(body: JSON, path: Path, value: JSON) -> JSON:
    if not path:
        return value
    if not isinstance(body, dict):
        body = {}
    body[path[0]] = _set(body.get(path[0]), path[1:], value)
    return body


def _ensure_paths(body: JSON, paths: tuple[Path, ...]) -> JSON:
    """Make sure the objects leading to each slot exist (a synthesised body may omit them)."""
    for path in paths:
        if _get(body, path[:-1]) is None and path[:-1]:
            body = _set(body, path[:-1], {})
    return body


def _location(where: str) -> list[str]:
    """`body#/message/parts/1` -> ["body", "message", "parts", "1"]; `query.limit` -> ["query", "limit"]."""
    head, _, pointer = where.partition("#")
    parts = head.split(".")
    if pointer:
        parts += [t.replace("~1", "/").replace("~0", "~") for t in pointer.strip("/").split("/")]
    return [p[:200] for p in parts if p]
