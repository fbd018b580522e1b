"""Whose fault a failed round-trip call is: the generated client's, the mock's, or the harness's.

Best effort, from what the call left behind (the exception, and the request if one was sent):

- "harness": the arguments this instrument made do not validate against the spec (or could not
  be passed), so the call says nothing about the client or the mock;
- "client": the client raised before sending on valid arguments, or crashed, or could not parse
  a 2xx (the mock runs with its self-check, so every answer it sends meets the spec), or the
  request it sent breaks the spec (wrong content type, missing required parameter, invalid JSON
  body, no credentials) and the mock rightly refused it;
- "mock": a 5xx (including the self-check's 500 for an answer that would not have met the spec),
  no answer at all, or a 4xx refusal of a request that meets the spec as far as we can tell.

The error text is kept in every case so a reader can overrule the guess.
"""

from __future__ import annotations

import json
import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx

from .irview import ApiView, OperationView
from .values import Checker

MAX_TEXT = 400


@dataclass
class Call:
    api: ApiView
    op: OperationView
    module: ModuleType
    request: httpx.Request | None  # the last request sent during the call, if any
    problems: list[str]  # what was wrong with the arguments the harness made
    checker: Checker


def exception_text(exc: BaseException) -> str:
    """`Type: first line (file:line)`: the place is where the exception was raised."""
    message = " / ".join(line.strip() for line in str(exc).strip().splitlines()[:4] if line.strip())
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {message}"[:MAX_TEXT] + where


def _names(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return " ".join(text.split())[:MAX_TEXT]


def classify(call: Call, exc: BaseException) -> tuple[str, str]:
    """(kind, text) for an exception raised by a generated method."""
    text = exception_text(exc)
    names = _names(exc)
    if call.problems:
        return "harness", f"{text}; our arguments: {call.problems[0]}"
    if call.request is None:
        return "client", text
    if "APIStatusError" in names:
        status = int(getattr(exc, "status_code", 0))
        said = _short(getattr(exc, "body", ""))
        if status >= 500:
            return "mock", f"{status}: {said}"
        if status == 401:
            if credentials_sent(call.api, call.op, call.request):
                return "mock", f"401 although the request carried the credentials the spec asks for: {said}"
            return "client", f"401, credentials the spec asks for were not sent: {said}"
        # Not routed (404/405): only the path can be to blame; a body or parameter problem is not
        # why the request was refused.
        broken = request_problems(call, path_only=status in (404, 405))
        if broken:
            return "client", f"{status}; the request broke the spec: {broken[0]}; the mock said: {said}"
        return "mock", f"{status} for a request that meets the spec: {said}"
    if "APIConnectionError" in names:
        return "mock", text
    return "client", text


def credentials_sent(api: ApiView, op: OperationView, request: httpx.Request) -> bool:
    """Whether the request carries every credential of one of the operation's security
    alternatives, where the scheme says (header, query parameter, cookie, Authorization)."""
    schemes = {scheme.name: scheme for scheme in api.security_schemes}
    cookie = str(request.headers.get("cookie", ""))
    authorization = str(request.headers.get("authorization", "")).lower()
    query = set(request.url.params.keys())

    def present(name: str) -> bool:
        scheme = schemes.get(name)
        if scheme is None:
            return True  # a scheme the spec does not define asks for nothing we can check
        if scheme.kind == "apiKey":
            where, key = scheme.location or "header", scheme.param_name or ""
            if where == "query":
                return key in query
            if where == "cookie":
                return f"{key}=" in cookie
            return key.lower() in request.headers
        if scheme.kind == "http" and (scheme.scheme or "").lower() == "basic":
            return authorization.startswith("basic ")
        return authorization.startswith("bearer ")

    return not op.security or any(all(present(name) for name in alternative) for alternative in op.security)


def _path_pattern(template: str) -> re.Pattern[str]:
    """The encoded paths that fill `template`: a parameter is one segment, so a `/` inside a
    value must arrive percent-encoded. The client's base URL is the mock's root: no prefix."""
    template = re.split(r"[#?]", template, maxsplit=1)[0]  # `/#X-Amz-Target=...`: never on the wire
    parts = re.split(r"(\{[^}]+\})", template)
    body = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts if part)
    return re.compile(f"{body}/?")


def _is_json(content_type: str) -> bool:
    base = content_type.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def request_problems(call: Call, *, path_only: bool = False) -> list[str]:
    """What the sent request gets wrong against the operation, as far as a light check can tell."""
    request, op = call.request, call.op
    if request is None:
        return []
    problems: list[str] = []
    sent_path = request.url.raw_path.decode("ascii", "replace").split("?", 1)[0]
    if not _path_pattern(op.path).fullmatch(sent_path):
        problems.append(f"path {sent_path!r} does not fit {op.path!r}")
    if path_only:
        return problems
    sent_query = set(request.url.params.keys())
    for param in op.params:
        if param.required and param.location == "query" and param.name not in sent_query:
            problems.append(f"required query parameter {param.name!r} not sent")
        if param.required and param.location == "header" and param.name.lower() not in request.headers:
            problems.append(f"required header {param.name!r} not sent")
    body = op.body
    content = request.content
    if body is None:
        return problems
    if not content:
        if body.required:
            problems.append("the required body was not sent")
        return problems
    sent_type = request.headers.get("content-type", "")
    if _is_json(body.content_type) != _is_json(sent_type):
        problems.append(f"sent {sent_type or 'no content type'}, the spec documents {body.content_type}")
    elif _is_json(sent_type):
        try:
            value = json.loads(content)
        except ValueError:
            problems.append("the body sent is not JSON")
        else:
            problems += [f"body {p}" for p in call.checker.problems(body.json_schema, value)]
    return problems
