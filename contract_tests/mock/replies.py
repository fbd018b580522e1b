"""What a handler answers, and the examples-mode answers (the spec's own examples).

A `Reply` keeps the JSON value next to its encoded bytes so the debug self-check validates
without parsing again. Examples-mode replies are encoded once, at start-up.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Any

from generator.ir.model import Api, Header, Operation, Response

from .ascii_numbers import digits_value
from .schemas import SchemaCache
from .static import is_unsupported, static_sample
from .synth import Synthesizer
from .validation import MISSING

JSON = Any


class MockError(Exception):
    """A request the mock refuses: answered with the API's error body for `status`."""

    def __init__(self, status: int, message: str, *, control: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        # A misuse of the mock's own controls (Prefer): answered 400 even where the spec
        # documents no 400, and exempt from the self-check.
        self.control = control


@dataclass
class Reply:
    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    value: JSON = MISSING
    injected: bool = False

    @classmethod
    def json(cls, status: int, value: JSON, content_type: str = "application/json", **extra: Any) -> Reply:
        body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        return cls(status, body, content_type, value=value, **extra)


def status_code(response: Response) -> int:
    """The status a response is answered with: `4XX` as 400, `default` (served only when an
    operation documents nothing else) as 200."""
    status = digits_value(response.status)
    if status is not None:
        return status
    return 200 if response.status == "default" else int(response.status[0]) * 100


def header_text(value: JSON) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value)
    return str(value)


def parse_prefer(header: str) -> dict[str, str]:
    """`Prefer: code=404, example=name` -> {"code": "404", "example": "name"}."""
    result: dict[str, str] = {}
    for part in header.replace(";", ",").split(","):
        key, _, value = part.strip().partition("=")
        if key:
            result[key.strip().lower()] = value.strip().strip('"')
    return result


class ExampleReplies:
    """Every documented response of every operation, as it is answered in examples mode.

    The body is the response's example when it is valid, else its first valid named example,
    else data synthesised from its schema (validated, deterministic for a seed). Invalid
    examples are reported in `warnings` and not served.
    """

    def __init__(self, api: Api, schemas: SchemaCache, seed: int) -> None:
        self.api = api
        self.schemas = schemas
        self.synth = Synthesizer(api, random.Random(seed))
        self.warnings: list[str] = []
        self._replies: dict[tuple[str, str, str], Reply] = {}
        self._statuses: dict[str, dict[int, Response]] = {}
        self._chosen: dict[str, Response] = {}
        for op in api.operations:
            self._statuses[op.id] = {status_code(r): r for r in op.responses if r.status != "default"}
            chosen = _choose(op)
            if chosen is not None:
                self._chosen[op.id] = chosen
            for response in op.responses:
                if response.status == "default" and response is not chosen:
                    continue
                self._replies[(op.id, response.status, "")] = self._build(
                    op, response, self._default_body(op, response)
                )
                for name, value in response.examples:
                    if self._valid(response, value):
                        self._replies[(op.id, response.status, name)] = self._build(op, response, value)

    def statuses(self, op: Operation) -> dict[int, Response]:
        return self._statuses[op.id]

    def chosen(self, op: Operation) -> Response | None:
        """The response served when none is asked for: Prism's lowest 2xx (with content first),
        else the lowest documented status (an operation documenting only a 405 gets that)."""
        return self._chosen.get(op.id)

    def reply(self, op: Operation, status: int | None = None, example: str = "") -> Reply | None:
        response = self._chosen.get(op.id) if status is None else self._statuses[op.id].get(status)
        if response is None:
            return None
        return self._replies.get((op.id, response.status, example))

    def dynamic(self, op: Operation, response: Response) -> Reply:
        """A freshly synthesised answer (`Prefer: dynamic=true`)."""
        if response.type is None:
            return self._build(op, response, MISSING)
        return self._build(op, response, self.synthesise(response))

    def example_names(self, op: Operation, status: int) -> list[str]:
        response = self._statuses[op.id].get(status)
        return [name for name, _ in response.examples] if response else []

    def headers(self, response: Response) -> list[tuple[str, str]]:
        return [(h.name, header_text(self.header_value(h))) for h in response.headers]

    def header_value(self, header: Header) -> JSON:
        value = self.synth.value(header.type, name=header.name, full=False)
        return 1 if header.name.lower() == "retry-after" and not value else value

    def synthesise(self, response: Response) -> JSON:
        assert response.type is not None and response.schema_json is not None
        validator = self.schemas.get(response.schema_json)
        for full in (True,) * 25 + (False,) * 5:
            value = self.synth.value(response.type, full=full)
            if validator.is_valid(value):
                return value
        problems = "; ".join(str(p) for p in validator.problems(value, "response")[:3])
        self.warnings.append(f"could not synthesise a valid {response.status} body: {problems}")
        return value

    def _valid(self, response: Response, value: JSON) -> bool:
        if response.schema_json is None:
            return True
        validator = self.schemas.get(response.schema_json)
        if validator.is_valid(value):
            return True
        problems = "; ".join(str(p) for p in validator.problems(value, "example")[:3])
        self.warnings.append(f"example of response {response.status} is not valid, not served: {problems}")
        return False

    def _default_body(self, op: Operation, response: Response) -> JSON:
        if response.type is None:
            # Examples without a schema are served as they are (Prism does too).
            if response.has_example:
                return response.example
            return response.examples[0][1] if response.examples else MISSING
        if response.has_example and self._valid(response, response.example):
            return response.example
        validator = self.schemas.get(response.schema_json or "{}")
        for _name, value in response.examples:
            if validator.is_valid(value):
                return value
        # Prism's static generation first (every property, schema-level examples and defaults),
        # the randomised synthesiser where that cannot satisfy the schema.
        sample = static_sample(validator.schema)
        if not is_unsupported(sample) and validator.is_valid(sample):
            return sample
        return self.synthesise(response)

    def _build(self, op: Operation, response: Response, value: JSON) -> Reply:
        status = status_code(response)
        headers = self.headers(response)
        if op.deprecated:
            headers.append(("Deprecation", "true"))
        if value is MISSING or response.content_type is None:
            return Reply(status, headers=headers)
        if not response.content_type.split(";")[0].strip().lower().endswith("json"):
            text = value if isinstance(value, str) else json.dumps(value)
            return Reply(status, text.encode(), response.content_type, headers, value=value)
        return Reply.json(status, value, response.content_type, headers=headers)


def _choose(op: Operation) -> Response | None:
    documented = [r for r in op.responses if r.status != "default"]
    successes = sorted((r for r in documented if r.is_success), key=status_code)
    with_content = [r for r in successes if r.content_type is not None]
    if with_content or successes:
        return (with_content or successes)[0]
    if documented:
        return min(documented, key=status_code)
    return next((r for r in op.responses if r.status == "default"), None)
