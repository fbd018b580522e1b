"""The ASGI application: the request pipeline's answer, varied, self-checked and sent.

Every request goes through the stages of `pipeline.py` in order: the router (unknown path 404,
wrong method 405 with `Allow`), injected faults, the body within the limits (413, 408), the
credentials its security scheme asks for (401), the rate limit (429 with `Retry-After`), request
validation, content negotiation (406), the request's problems (the documented 400 body naming
each broken field and rule), and then the mode's answer. With `self_check` every answer is
validated against the spec before it is sent; a non-conforming one is recorded in `violations`
and replaced by a 500 that says why, so tests cannot miss it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Iterable, MutableMapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from generator.document.loader import inspect_spec
from generator.errors import SpecError
from generator.ir.build import build_api
from generator.ir.model import Api, Operation, Response

from .behaviour import ApiTable, RateLimit
from .defects import NO_DEFECTS, Defects, IgnoredRules, Relaxation, RelaxedRules, relaxation, relaxed_schema
from .errors import ErrorFactory
from .faults import FaultConfig, FaultInjector, RateLimiter
from .limits import Limits
from .pipeline import Drop, Exchange, handle
from .replies import ExampleReplies, Reply
from .routing import Router
from .schemas import Problem, SchemaCache
from .stateful import StatefulMock
from .tables import table_for
from .validation import MISSING, OperationChecks, RuleWalker
from .variations import NO_VARIATIONS, AnswerVariation, Variations

JSON = Any
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
Mode = Literal["examples", "stateful"]
# Statuses the mock must be able to send even where an operation does not document them.
MOCK_STATUSES = frozenset({400, 401, 404, 405, 406, 408, 413, 415, 422, 429, 500})
DEFAULT_RATE_LIMIT = RateLimit(100, 10)
logger = logging.getLogger("contract_tests.mock")


class DroppedConnection(Exception):
    """Raised after the response has started, so the server closes the connection mid-answer."""


class _QuietDrops(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], DroppedConnection))


@dataclass
class MockConfig:
    mode: Mode = "examples"
    seed: int = 0
    rate_limit: bool | tuple[int, float] | None = None
    faults: FaultConfig = field(default_factory=FaultConfig)
    self_check: bool = False
    table: ApiTable | None = None
    seed_data: bool = True
    defects: Defects = NO_DEFECTS
    variations: Variations = NO_VARIATIONS
    api_keys: frozenset[str] = frozenset()
    limits: Limits = field(default_factory=Limits)
    negotiation: bool = True


class MockApp:
    """An ASGI application serving one API (see `create_app`)."""

    def __init__(self, api: Api, config: MockConfig) -> None:
        self.api = api
        self.config = config
        self.table = config.table or table_for(api.title)
        self.limits = config.limits
        self.defects = config.defects
        relaxed = relaxation(self.defects)
        standalone = api.standalone_schema
        if relaxed is not None:  # a per-rule defect: that rule's keywords are dropped from every schema

            def standalone(schema_json: str) -> dict[str, Any]:
                return relaxed_schema(api.standalone_schema(schema_json), relaxed)  # type: ignore[no-any-return]

        self.schemas = SchemaCache(standalone, config.limits.max_quote)
        self.router = Router(api.operations, api.servers)
        walker = self._rule_walker(relaxed)
        self.checks = {
            op.id: OperationChecks(api, op, self.schemas, walker, config.limits, config.negotiation)
            for op in api.operations
        }
        self.variations = config.variations
        self.errors = ErrorFactory(api, self.schemas, config.seed, self.variations)
        self.answers = AnswerVariation(api, self.variations)
        self.examples = ExampleReplies(api, self.schemas, config.seed)
        self.faults = FaultInjector(config.faults, config.seed)
        self.violations: list[str] = []
        self.load_warnings: list[str] = []
        self.rate_limit = self._rate_limit(config.rate_limit)
        self.limiter = (
            None if self.rate_limit is None else RateLimiter(self.rate_limit.requests, self.rate_limit.seconds)
        )
        if config.mode not in ("examples", "stateful"):
            raise ValueError(f"mode must be 'examples' or 'stateful', not {config.mode!r}")
        self.state = self._stateful() if config.mode == "stateful" else None
        logging.getLogger("uvicorn.error").addFilter(_QuietDrops())

    def _rule_walker(self, relaxed: Relaxation | None) -> RuleWalker:
        """What checks the `x-rules` of request bodies: all of them, or fewer under a defect."""
        if self.defects.on("accept-rule-violation"):
            return IgnoredRules(self.api, self.schemas)
        if relaxed is not None:
            return RelaxedRules(self.api, self.schemas, relaxed)
        return RuleWalker(self.api, self.schemas)

    def _rate_limit(self, asked: bool | tuple[int, float] | None) -> RateLimit | None:
        """The limit enforced: none, the API's (the table's, else 100 per 10 s), or (requests, seconds)."""
        if not asked:
            return None
        base = self.table.rate_limit or DEFAULT_RATE_LIMIT
        if isinstance(asked, tuple):
            base = RateLimit(int(asked[0]), float(asked[1]), base.key)
        return base

    def _stateful(self) -> StatefulMock:
        """Stateful mode's records, seeded from the table (or inferred seeds) unless asked not to."""
        state = StatefulMock(
            self.api,
            self.table,
            self.schemas,
            self.examples,
            self.checks,
            self.config.seed,
            self.defects,
            self.variations,
        )
        state.check_records = self.config.self_check
        state.violations = self.violations
        if self.config.seed_data:
            state.seed(list(self.table.seed) if self.table.seed or self.table.title else state.default_seeds())
        return state

    @property
    def warnings(self) -> list[str]:
        return self.load_warnings + [str(w) for w in self.api.warnings] + self.examples.warnings

    # --- ASGI ---------------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        reply, op = await self._answer(scope, receive)
        if isinstance(reply, Drop):
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"4096")]})
            raise DroppedConnection("injected: connection dropped")
        if self.variations and op is not None and 200 <= reply.status < 300 and reply.body:
            reply = self._varied_answer(op, reply)
        if self.config.self_check and op is not None:
            problem = self._self_check(op, reply)
            if problem is not None:
                message = f"mock self-check: {scope['method']} {scope['path']} -> {reply.status}: {problem}"
                self.violations.append(message)
                logger.error(message)
                reply = Reply(500, message.encode(), "text/plain; charset=utf-8")
        await _send(send, reply, scope["method"] == "HEAD")

    async def _answer(self, scope: Scope, receive: Receive) -> tuple[Reply | Drop, Operation | None]:
        """The pipeline's answer and the operation it found (none for a 404, 405 or a failure)."""
        headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]}
        exchange = Exchange(
            scope["method"], scope["path"], headers, scope.get("query_string", b""), receive, scope.get("raw_path")
        )
        try:
            return await handle(self, exchange), exchange.op
        except Exception as exc:  # never uvicorn's plain-text 500: the API's error shape, and a log line
            logger.exception("mock error on %s %s", scope["method"], scope["path"])
            reply = self.error(None, 500, f"The mock failed on this request: {type(exc).__name__}.")
            reply.injected = True
            return reply, None

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    def _varied_answer(self, op: Operation, reply: Reply) -> Reply:
        """A 2xx JSON answer with the answer variations switched on (`variations.AnswerVariation`)."""
        if not (reply.content_type or "").split(";")[0].strip().endswith("json"):
            return reply
        value = reply.value if reply.value is not MISSING else json.loads(reply.body)
        varied = self.answers.apply(op, reply.status, value)
        if varied is value:
            return reply
        changed = Reply.json(reply.status, varied, reply.content_type or "application/json", headers=reply.headers)
        changed.injected = reply.injected
        return changed

    # --- errors and checks --------------------------------------------------------------------

    def error(
        self,
        op: Operation | None,
        status: int,
        message: str,
        retry_after: int | None = None,
        problems: Sequence[Problem] = (),
    ) -> Reply:
        content_type, body = self.errors.build(op, status, message, problems)
        headers: list[tuple[str, str]] = []
        documented = _documented(op, status) if op else None
        if documented is not None:
            headers = [
                (name, value) for name, value in self.examples.headers(documented) if name.lower() != "retry-after"
            ]
        if status == 429 or (
            documented is not None and any(h.name.lower() == "retry-after" for h in documented.headers)
        ):
            headers.append(("Retry-After", str(retry_after if retry_after is not None else 1)))
        if documented is not None and documented.status == str(status) and documented.content_type is None:
            return Reply(status, headers=headers)  # the spec documents this status without a body
        return Reply.json(status, body, content_type, headers=headers)

    def _self_check(self, op: Operation, reply: Reply) -> str | None:
        if reply.injected:
            return None
        response = _documented(op, reply.status)
        if response is None:
            return None if reply.status in MOCK_STATUSES else f"status {reply.status} is not documented for {op.id}"
        if response.content_type is None:
            return "a body where the spec documents none" if reply.body else None
        base = (reply.content_type or "").split(";")[0].strip().lower()
        if base != response.content_type.split(";")[0].strip().lower():
            return f"content type {reply.content_type!r}, documented {response.content_type!r}"
        if response.schema_json is None:
            return None  # a media type documented without a schema (an example, say): any body of it
        value = reply.value if reply.value is not MISSING else json.loads(reply.body)
        validator = self.schemas.get(response.schema_json)
        if not validator.is_valid(value):
            return "; ".join(str(p) for p in validator.problems(value, "response")[:5])
        sent = {name.lower() for name, _ in reply.headers}
        missing = [h.name for h in response.headers if h.required and h.name.lower() not in sent]
        return f"required headers missing: {', '.join(missing)}" if missing else None

    def describe_operations(self) -> list[tuple[str, str, str, str]]:
        """(method, path, operation id, what it does in this mode) for the CLI."""
        rows = []
        for op in self.api.operations:
            if self.state is None:
                chosen = self.examples.chosen(op)
                what = f"example {chosen.status}" if chosen else "example"
            else:
                role = self.state.roles[op.id]
                what = role.action + (f" {role.kind.name}" if role.kind else "")
                if role.action == "list" and role.relation != "all":
                    what += f" ({role.relation})"
            rows.append((op.method, op.path, op.id, what))
        return rows


def _documented(op: Operation | None, status: int) -> Response | None:
    if op is None:
        return None
    by_status = {r.status.upper(): r for r in op.responses}
    return by_status.get(str(status)) or by_status.get(f"{str(status)[0]}XX") or by_status.get("DEFAULT")


def _header_pairs(reply: Reply) -> list[tuple[bytes, bytes]]:
    return [(name.encode("latin-1"), value.encode("latin-1")) for name, value in reply.headers]


async def _send(send: Send, reply: Reply, head: bool) -> None:
    if reply.status in (204, 304) or reply.status < 200:
        # These carry no body (RFC 9110): one written anyway would be read as the next response.
        await send({"type": "http.response.start", "status": reply.status, "headers": list(_header_pairs(reply))})
        await send({"type": "http.response.body", "body": b""})
        return
    headers = [(b"content-length", str(len(reply.body)).encode())]
    if reply.content_type and reply.body:
        headers.append((b"content-type", reply.content_type.encode()))
    headers.extend(_header_pairs(reply))
    await send({"type": "http.response.start", "status": reply.status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head else reply.body})


def create_app(
    api: Api | str | Path,
    mode: Mode = "examples",
    *,
    seed: int = 0,
    rate_limit: bool | tuple[int, float] | None = None,
    faults: FaultConfig | None = None,
    self_check: bool = False,
    table: ApiTable | None = None,
    seed_data: bool = True,
    defects: Iterable[str] = (),
    variations: Iterable[str] = (),
    api_keys: Iterable[str] = (),
    limits: Limits | None = None,
    negotiation: bool = True,
) -> MockApp:
    """An ASGI app mocking `api` (an IR, or a spec path built with `generator.ir.build.build_api`).

    `mode`: "examples" (stateless, the spec's examples, like Prism) or "stateful" (records
    persist). `rate_limit`: True for the API's documented limit (the table's, else 100 per
    10 s), or (requests, seconds). `faults`: injected latency and failures. `self_check`:
    validate every answer against the spec (for tests). `table`: the API's behaviour table
    (default: chosen by the spec's title). `seed`: makes ids, data and faults reproducible.
    `defects`: names from `defects.DEFECTS` that make the mock break its spec on purpose, to
    prove a test suite catches them (none by default). `variations`: names from
    `variations.VARIATIONS` that make it differ from itself only as the contract allows (none by
    default). `api_keys`: the only credentials
    accepted (any other answers 401); empty (the default) accepts any well-formed credentials.
    `limits`: what one request may cost (body size, nesting, array length, read timeout...).
    `negotiation`: 406 for an `Accept` the answer cannot satisfy and 415 (or the documented
    400) for a request media type the operation does not take, as Prism does; False accepts both.
    """
    load_warnings: list[str] = []
    if not isinstance(api, Api):
        api, load_warnings = load_leniently(api)
    config = MockConfig(
        mode=mode,
        seed=seed,
        rate_limit=rate_limit,
        faults=faults or FaultConfig(),
        self_check=self_check,
        table=table,
        seed_data=seed_data,
        defects=Defects.of(defects, mode),
        variations=Variations.of(variations),
        api_keys=frozenset(api_keys),
        limits=limits or Limits(),
        negotiation=negotiation,
    )
    app = MockApp(api, config)
    app.load_warnings = load_warnings
    return app


def load_leniently(path: str | Path) -> tuple[Api, list[str]]:
    """The IR of a spec the way Prism loads one: what the OpenAPI schema finds wrong (a missing
    `info`, say) is a warning, and the spec is served as long as the IR can be built from it.
    `generate` and `validate` keep refusing such a spec."""
    loaded, problems = inspect_spec(path, validate=True, thorough=False)
    errors = [p for p in problems if p.severity == "error"]
    if loaded is None:
        raise SpecError(errors or problems)
    try:
        api = build_api(loaded)
    except SpecError as exc:
        raise SpecError(errors + list(exc.problems)) from None
    except Exception:  # the IR cannot be built from a spec this broken: report why it is broken
        if errors:
            raise SpecError(errors) from None
        raise
    return api, [f"{problem} (served anyway)" for problem in problems]
