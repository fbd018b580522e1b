"""A request's way through the mock: small stages, run in order, each with one job.

    route -> inject_fault -> read_body -> parse_request -> authenticate -> limit_rate -> validate
          -> negotiate -> refuse_empty_strings -> refuse_problems -> respond

Each stage takes the request's `Exchange`: it either notes what it found there (the operation,
the body, the credentials, the problems) and returns None to pass the request on, or answers
it, which ends the pipeline: a `Reply`, or `DROP` for a connection to be cut mid-answer. The
stages up to `read_body` are coroutines (they may wait on the clock or on the client); the
others only compute, and are plain functions.

The order is part of the contract with clients and tests: a wrong path or method is answered
before any fault is injected, a fault before the body is read, missing credentials before the
rate limit counts the request, the rate limit before validation, and a `406` only for a
request that has no other problem.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from generator.ir.model import Operation

from .ascii_numbers import digits_value
from .example_pages import last_page
from .expressions import Env, evaluate
from .limits import BodyRefused
from .limits import read_body as read_within_limits
from .replies import MockError, Reply, parse_prefer, status_code
from .routing import routing_path
from .schemas import Problem
from .validation import MISSING, Checked, Incoming, OperationChecks, describe
from .variations import empty_string_at, reworded

if TYPE_CHECKING:
    from .app import MockApp

Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
_QUERY_CONTROLS = frozenset({"__code", "__example", "__dynamic"})


class Drop(enum.Enum):
    """The answer of a request whose connection is dropped (an injected fault)."""

    CONNECTION = "drop"


DROP = Drop.CONNECTION


@dataclass(slots=True)
class Exchange:
    """One request on its way through the stages: what arrived, and what each stage found."""

    method: str
    path: str  # decoded, as messages name it
    headers: dict[str, str]
    query_string: bytes
    receive: Receive
    raw_path: bytes | None = None  # as it arrived, percent-encoded (what the router reads)
    body: bytes = b""  # from `read_body`
    op: Operation | None = None  # found by `route`
    path_params: dict[str, str] = field(default_factory=dict)
    query: dict[str, list[str]] = field(default_factory=dict)  # from `parse_request`
    cookies: dict[str, str] = field(default_factory=dict)
    incoming: Incoming | None = None  # the request as the checks see it, from `parse_request`
    credentials: str = ""  # from `authenticate`: the key of per-account state and the rate limit
    checked: Checked | None = None  # from `validate`
    problems: list[Problem] = field(default_factory=list)

    @property
    def operation(self) -> Operation:
        if self.op is None:
            raise RuntimeError("no operation: `route` has not found one")
        return self.op

    @property
    def request(self) -> Incoming:
        if self.incoming is None:
            raise RuntimeError("no request: `parse_request` has not run")
        return self.incoming


Outcome = Reply | Drop | None
Receiving = Callable[["MockApp", Exchange], Awaitable[Outcome]]
Deciding = Callable[["MockApp", Exchange], Outcome]


async def handle(app: MockApp, exchange: Exchange) -> Reply | Drop:
    """The answer of the first stage that answers (`respond` always does)."""
    for receiving in RECEIVING:
        outcome = await receiving(app, exchange)
        if outcome is not None:
            return outcome
    for deciding in DECIDING:
        outcome = deciding(app, exchange)
        if outcome is not None:
            return outcome
    raise AssertionError("the last stage answers every request")


# --- the stages, in order ------------------------------------------------------------------------


async def route(app: MockApp, exchange: Exchange) -> Outcome:
    """The operation of the path and method: unknown path `404`, other method `405` + `Allow`."""
    method, path = exchange.method, exchange.path
    match = app.router.match(routing_path(exchange.raw_path, path))
    if match is None:
        return app.error(None, 404, f"No operation matches {method} {path}.")
    op = match.entry.operations.get(method)
    if op is None:
        entry = match.entry
        reply = app.error(None, 405, f"{method} is not allowed on {entry.template}; allowed: {entry.allow}.")
        reply.headers.append(("Allow", entry.allow))
        return reply
    exchange.op, exchange.path_params = op, match.path_params
    return None


async def inject_fault(app: MockApp, exchange: Exchange) -> Outcome:
    """Injected latency, then a dropped connection or an error status (header or rates)."""
    fault = app.faults.decide(exchange.headers)
    if fault.latency:
        await asyncio.sleep(fault.latency)
    if fault.drop:
        return DROP
    if fault.status is not None:
        message = f"Injected fault: {fault.status}."
        reply = app.error(exchange.operation, fault.status, message, app.config.faults.retry_after)
        reply.injected = True
        return reply
    return None


async def read_body(app: MockApp, exchange: Exchange) -> Outcome:
    """The whole body within the limits (`413` too large, `408` too slow, `400` cut short)."""
    try:
        exchange.body = await read_within_limits(exchange.receive, exchange.headers, app.limits)
    except BodyRefused as refused:
        reply = app.error(exchange.operation, refused.status, refused.message)
        # The rest of the body is never read: the connection cannot carry another request.
        reply.headers.append(("Connection", "close"))
        reply.injected = True
        return reply
    return None


def parse_request(app: MockApp, exchange: Exchange) -> Outcome:
    """The query string and cookies as name -> values, and the request as the checks see it."""
    if exchange.query_string:
        exchange.query = parse_qs(exchange.query_string.decode("latin-1"), keep_blank_values=True)
    exchange.incoming = Incoming(exchange.method, exchange.path, exchange.query, exchange.headers, exchange.body)
    raw = exchange.headers.get("cookie")
    if raw:
        jar: SimpleCookie = SimpleCookie()
        jar.load(raw)
        exchange.cookies = {name: morsel.value for name, morsel in jar.items()}
    return None


def authenticate(app: MockApp, exchange: Exchange) -> Outcome:
    """The credentials the operation's security asks for, and with `api_keys` known ones: `401`."""
    security = app.checks[exchange.operation.id].security
    credentials = security.credentials(exchange.request, exchange.cookies)
    known = app.config.api_keys
    if credentials is None or (known and credentials and not set(credentials.split("|")) <= known):
        message = (
            f"Missing or malformed credentials: send {security.describe()}."
            if credentials is None
            else "Invalid credentials: the key is not one this server knows."
        )
        reply = app.error(exchange.operation, 401, message)
        if not any(name.lower() == "www-authenticate" for name, _ in reply.headers):
            reply.headers.append(("WWW-Authenticate", security.challenge))
        return reply
    exchange.credentials = credentials
    return None


def limit_rate(app: MockApp, exchange: Exchange) -> Outcome:
    """Counts the request against its account's limit (the credentials, or the table's key): `429`."""
    limit, limiter = app.rate_limit, app.limiter
    if limit is None or limiter is None:
        return None
    key = exchange.credentials
    if limit.key:
        found = evaluate(limit.key, Env(headers=exchange.headers))
        key = str(found) if found is not MISSING else exchange.credentials
    wait = limiter.hit(key)
    if wait is None:
        return None
    message = f"Rate limit of {limit.requests} requests per {limit.seconds:g} s exceeded; retry after {wait} s."
    return app.error(exchange.operation, 429, message, wait)


def validate(app: MockApp, exchange: Exchange) -> Outcome:
    """Parameters, body and business rules checked and coerced; problems are answered later."""
    checks: OperationChecks = app.checks[exchange.operation.id]
    checked, exchange.problems = checks.check(exchange.request, exchange.path_params, exchange.cookies)
    checked.credentials = exchange.credentials
    exchange.checked = checked
    return None


def negotiate(app: MockApp, exchange: Exchange) -> Outcome:
    """`406` when an otherwise valid request's `Accept` excludes the media type of its answer."""
    accept = exchange.headers.get("accept") if app.config.negotiation else None
    if not accept or exchange.problems:
        return None
    op = exchange.operation
    chosen = app.examples.chosen(op) if app.state is None else op.success
    produced = chosen.content_type if chosen is not None else None
    if produced is None or acceptable(accept, produced):
        return None
    return app.error(op, 406, f"Cannot answer Accept: {accept[:100]}; this operation answers {produced}.")


def refuse_empty_strings(app: MockApp, exchange: Exchange) -> Outcome:
    """The `refuse-empty-strings` variation: an empty string in a valid body becomes a problem."""
    checked = exchange.checked
    if exchange.problems or not app.variations.on("refuse-empty-strings") or checked is None:
        return None
    if checked.body is not MISSING:
        empty = empty_string_at(checked.body)
        if empty is not None:
            exchange.problems = [Problem(f"body#{empty}", "must not be empty", "empty-string")]
    return None


def refuse_problems(app: MockApp, exchange: Exchange) -> Outcome:
    """The request's problems, named field by field: the documented 400/422 (415 for a media type)."""
    problems = exchange.problems
    if not problems:
        return None
    op = exchange.operation
    if app.variations.on("first-problem-only"):
        problems = problems[:1]
    if problems[0].rule == "content-type":
        status = app.errors.status_for_media_type(op)
    else:
        only_path = all(p.where.startswith("path.") for p in problems)
        status = app.errors.status_for_bad_request(op, only_path)
    message = reworded(app.api, problems) if app.variations.on("reworded-errors") else describe(problems)
    return app.error(op, status, message, problems=problems)


def respond(app: MockApp, exchange: Exchange) -> Outcome:
    """The mode's answer: from the records (stateful) or the spec's examples; refusals as errors."""
    op = exchange.operation
    try:
        if app.state is not None:
            assert exchange.checked is not None
            return app.state.respond(exchange.checked)
        return example_page(app, op, exchange.query, exchange.headers)
    except MockError as exc:
        status = exc.status
        if status == 400 and not exc.control:
            status = app.errors.status_for_bad_request(op, False)
        reply = app.error(op, status, exc.message)
        reply.injected = exc.control
        return reply


# Until the body is in, a stage may wait (on the clock for injected latency, on the client for
# the body); from then on each stage only computes, and is a plain function.
RECEIVING: tuple[Receiving, ...] = (route, inject_fault, read_body)
DECIDING: tuple[Deciding, ...] = (
    parse_request,
    authenticate,
    limit_rate,
    validate,
    negotiate,
    refuse_empty_strings,
    refuse_problems,
    respond,
)


# --- content negotiation -------------------------------------------------------------------------


def acceptable(accept: str, content_type: str) -> bool:
    """Whether an `Accept` header admits `content_type` (q=0 excludes; JSON types match each other)."""
    base = content_type.split(";")[0].strip().lower()
    if "*/*" in accept or base == "*/*":
        return True
    if base.endswith("/*"):  # the spec answers any subtype of a family
        return any(item.split(";")[0].strip().lower().startswith(base[:-1]) for item in accept.split(","))
    family = base.split("/")[0] + "/*"
    json_like = base == "application/json" or base.endswith("+json")
    for item in accept.lower().split(","):
        media, *params = (part.strip() for part in item.split(";"))
        if any(p.replace(" ", "") in ("q=0", "q=0.0", "q=0.00", "q=0.000") for p in params):
            continue
        if media in (base, family) or (json_like and (media == "application/json" or media.endswith("+json"))):
            return True
    return False


# --- examples mode -------------------------------------------------------------------------------


def example_page(app: MockApp, op: Operation, query: dict[str, list[str]], headers: dict[str, str]) -> Reply:
    """The example answer; for a list asked for a later page, the example as the last page."""
    reply = example_answer(app, op, prefer(headers, query))
    if op.pagination is None or op.success is None or op.success.schema_json is None:
        return reply
    return last_page(op, query, reply, app.schemas.get(op.success.schema_json).is_valid)


def prefer(headers: dict[str, str], query: dict[str, list[str]]) -> dict[str, str]:
    """What the client asks of examples mode: `Prefer: code=404, example=cat, dynamic=true`, or
    Prism's query-string twins `?__code=404&__example=cat&__dynamic=true`."""
    asked = parse_prefer(headers["prefer"]) if "prefer" in headers else {}
    if query:
        asked.update({key[2:]: values[-1] for key, values in query.items() if key in _QUERY_CONTROLS})
    return asked


def example_answer(app: MockApp, op: Operation, asked: dict[str, str]) -> Reply:
    """The chosen example, or the one `asked` for by status and name (freshly made with `dynamic`)."""
    examples = app.examples
    if not asked:
        return examples.reply(op) or Reply(200)
    code, name = asked.get("code"), asked.get("example", "")
    status = None
    if code:
        statuses = examples.statuses(op)
        status = digits_value(code)  # ASCII digits: '³' passes `isdigit()`, and `int()` refuses it
        if status is None or status not in statuses:
            documented = ", ".join(str(s) for s in statuses)
            message = f"code={code} is not documented here (documented: {documented})"
            raise MockError(400, f"Invalid request: header.prefer: {message} [prefer]", control=True)
    reply = examples.reply(op, status, name)
    if reply is None:
        chosen = examples.chosen(op)
        names = ", ".join(examples.example_names(op, status or (status_code(chosen) if chosen else 200)))
        message = f"no example named {name!r} (examples: {names or 'none'})"
        raise MockError(400, f"Invalid request: header.prefer: {message} [prefer]", control=True)
    if asked.get("dynamic") == "true":
        response = examples.chosen(op) if status is None else examples.statuses(op)[status]
        if response is not None:
            return examples.dynamic(op, response)
    return reply
