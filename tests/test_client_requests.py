"""Every operation of both committed clients, sync and async, against mocked routes.

Arguments come from the IR (parameters and body fields, values that satisfy their types and
the spec's rules) and the mocked answers are the spec's own response examples. Each call is
checked on the wire (method, encoded path, query and body under their wire names, auth, user
agent, idempotency key) and on the way back (the documented type; pages walk to the end).
Then the safety properties: redacted logs, reprs without secrets, header injection refused
before any request, path parameters that cannot leave their segment.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any, assert_never
from urllib.parse import parse_qsl, quote

import httpx
import linq_client
import pytest
import respx
import sendblue_client

from generator.ir.build import build_api
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
from tests.conftest import SPECS


@dataclass(frozen=True)
class Target:
    """One generated package as a user meets it: classes, credentials, what auth looks like."""

    name: str
    package: ModuleType
    distribution: str
    credentials: dict[str, str]
    auth_headers: dict[str, str]
    log_env: str

    def client(self, *, is_async: bool, router: respx.MockRouter, **options: Any) -> Any:
        client_class = getattr(self.package, ("Async" if is_async else "") + CLIENT_NAMES[self.name])
        http_client = (
            httpx.AsyncClient(transport=httpx.MockTransport(router.async_handler))
            if is_async
            else httpx.Client(transport=httpx.MockTransport(router.handler))
        )
        options = {"base_url": BASE_URLS[self.name], "max_retries": 0, **options}
        return client_class(**self.credentials, http_client=http_client, **options)


CLIENT_NAMES = {"linq": "Linq", "sendblue": "Sendblue"}
TARGETS = {
    "linq": Target(
        name="linq",
        package=linq_client,
        distribution="linq-client",
        credentials={"api_key": "linq_sk_live_4f2a9c"},
        auth_headers={"Authorization": "Bearer linq_sk_live_4f2a9c"},
        log_env="LINQ_LOG",
    ),
    "sendblue": Target(
        name="sendblue",
        package=sendblue_client,
        distribution="sendblue-client",
        credentials={"api_key": "sb_key_id_7d1e", "api_secret": "sb_secret_93ab0c"},
        auth_headers={"sb-api-key-id": "sb_key_id_7d1e", "sb-api-secret-key": "sb_secret_93ab0c"},
        log_env="SENDBLUE_LOG",
    ),
}
APIS: dict[str, Api] = {name: build_api(SPECS[name]) for name in TARGETS}
# The spec's first server: the client's default, kept explicit so LINQ_BASE_URL cannot interfere.
BASE_URLS = {name: api.servers[0] for name, api in APIS.items()}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


# --- arguments from the IR ---------------------------------------------------------------------------

FORMAT_SAMPLES = {
    "uuid": "6f1b9a2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
    "date-time": "2025-05-01T12:00:00Z",
    "date": "2025-05-01",
    "uri": "https://cdn.example.com/photos/beach.jpg",
    "email": "jordan@example.com",
}
PATTERNED_SAMPLES = ("+12223334444", "jordan@example.com", "https://cdn.example.com/photos/beach.jpg")


def sample(api: Api, type_: TypeRef, name: str, *, every_field: bool = False) -> Any:
    """A value of `type_` the API accepts: spec examples first, else built from the type."""
    match type_:
        case ModelRef(name=model_name):
            return sample_model(api, api.model(model_name), name, every_field=every_field)
        case LiteralOf(values=values):
            return values[0]
        case StringType():
            return sample_string(type_, name)
        case IntegerType(constraints=c):
            low = int(c.minimum or 0)
            high = int(c.maximum) if c.maximum is not None else low + 100
            return min(high, low + 25)
        case NumberType():
            return 1.5
        case BooleanType():
            return True
        case ArrayOf(items=items, constraints=c):
            return [sample(api, items, name) for _ in range(max(1, c.min_items or 1))]
        case MapOf(values=values):
            return {"key": sample(api, values, name)}
        case UnionOf(variants=variants):
            return sample(api, next(v for v in variants if not isinstance(v, NullType)), name)
        case NullType():
            return None
        case AnyType():
            return f"example_{name}"
        case _:
            assert_never(type_)


def sample_model(api: Api, model: Model, name: str, *, every_field: bool = False) -> Any:
    if model.kind == "enum":
        return model.enum_values[0]
    if model.kind == "alias":
        examples = model.json_schema.get("examples") or []
        assert model.alias_of is not None
        return examples[0] if examples else sample(api, model.alias_of, name)
    if model.kind == "union":
        return sample(api, model.variants[0], name)
    return sample_object(api, model, every_field=every_field)


def sample_object(api: Api, model: Model, *, every_field: bool) -> dict[str, Any]:
    """Required fields (every writable one with `every_field`), respecting one-of groups."""
    chosen = {f.name for f in model.fields if not f.read_only and (f.required or every_field)}
    if model.exactly_one_of:  # the first group in, the others out
        first, *others = model.exactly_one_of
        chosen |= set(first)
        for other in others:
            chosen -= set(other)
    if model.at_least_one_of:
        chosen |= set(model.at_least_one_of[0])
    return {f.name: sample(api, f.type, f.name) for f in model.fields if f.name in chosen}


def sample_string(type_: StringType, name: str) -> str:
    if type_.format in FORMAT_SAMPLES:
        return FORMAT_SAMPLES[type_.format]
    pattern = type_.constraints.pattern
    if pattern:
        return next(text for text in PATTERNED_SAMPLES if re.search(pattern, text))
    return f"example_{name}"


@dataclass(frozen=True)
class Call:
    """One operation's arguments, and what the request carrying them must look like."""

    kwargs: dict[str, Any]
    path: str  # raw (percent-encoded) path below the base URL
    query: list[tuple[str, str]]
    body: dict[str, Any] | None


def build_call(api: Api, op: Operation, *, path_values: dict[str, str] | None = None) -> Call:
    kwargs: dict[str, Any] = {}
    path = op.path
    for param in op.params_in("path"):
        value = (path_values or {}).get(param.name) or sample(api, param.type, param.name)
        kwargs[param.py_name] = value
        path = path.replace("{" + param.name + "}", encoded_segment(value))
    query: list[tuple[str, str]] = []
    for param in op.params_in("query"):
        value = sample(api, param.type, param.name)
        kwargs[param.py_name] = value
        query.append((param.name, "true" if value is True else str(value)))
    body = None
    if op.body is not None:
        assert op.body.model is not None, f"{op.id}: only object bodies are exercised"
        body = sample_object(api, api.model(op.body.model), every_field=True)
        wire_to_python = {f.name: f.py_name for f in op.body.fields}
        kwargs.update({wire_to_python[wire]: value for wire, value in body.items()})
    return Call(kwargs=kwargs, path=path, query=query, body=body)


def encoded_segment(value: str) -> str:
    """What a path parameter must become: one segment, dot-only values spelled out."""
    encoded = quote(value, safe="")
    return encoded.replace(".", "%2E") if set(value) == {"."} else encoded


def method_of(client: Any, api: Api, op: Operation) -> Any:
    for resource in api.root.walk():
        if op in resource.operations:
            owner = client
            for name in resource.path:
                owner = getattr(owner, name)
            return getattr(owner, op.name)
    raise AssertionError(f"{op.id} is in no resource")


# --- mocked answers from the spec's examples ---------------------------------------------------------


def answers(op: Operation) -> list[httpx.Response]:
    """The success example; for a list, then a last page (empty, nothing after it)."""
    success = op.success
    assert success is not None, op.id
    if not success.has_example:
        assert success.type is None, f"{op.id}: a success body without an example"
        return [httpx.Response(int(success.status))]
    first = httpx.Response(int(success.status), json=success.example)
    if op.pagination is None:
        return [first]
    last = json.loads(json.dumps(success.example))
    last[op.pagination.items] = []
    if op.pagination.next_cursor_field:
        last[op.pagination.next_cursor_field] = None
    if op.pagination.has_more_path:
        *parents, flag = op.pagination.has_more_path
        holder = last
        for key in parents:
            holder = holder[key]
        holder[flag] = False
    return [first, httpx.Response(int(success.status), json=last)]


def mock_route(router: respx.MockRouter, target: Target, op: Operation, call: Call) -> respx.Route:
    base = httpx.URL(BASE_URLS[target.name])
    full_path = base.path.rstrip("/") + httpx.URL(call.path).path
    return router.route(method=op.method, host=base.host, path=full_path).mock(side_effect=answers(op))


# --- the per-operation checks ------------------------------------------------------------------------

OPERATIONS = [pytest.param(name, op, id=f"{name}-{op.id}") for name, api in APIS.items() for op in api.operations]


def idempotency_for(op: Operation, is_async: bool) -> dict[str, str]:
    # Sync calls name their key; async ones let the client make one (a UUID4).
    if op.method in SAFE_METHODS or is_async:
        return {}
    return {"idempotency_key": f"idem-{op.id}"}


def check_request(target: Target, op: Operation, call: Call, request: httpx.Request, *, given_key: str | None) -> None:
    base = httpx.URL(BASE_URLS[target.name])
    assert request.method == op.method
    assert request.url.host == base.host
    raw_path, _, raw_query = request.url.raw_path.decode("ascii").partition("?")
    assert raw_path == base.raw_path.decode().rstrip("/") + call.path
    assert parse_qsl(raw_query, keep_blank_values=True) == call.query
    headers = request.headers
    for name, value in target.auth_headers.items():
        assert headers[name] == value, name
    assert headers["user-agent"] == f"{target.distribution}/{target.package.__version__} (python)"
    assert headers["accept"] == "application/json"
    sent = json.loads(request.content) if request.content else None
    if op.method in SAFE_METHODS:
        assert "idempotency-key" not in headers
        assert sent is None
        return
    key = check_idempotency_key(op, call, headers, sent)
    if given_key:
        assert key == given_key
    else:
        assert uuid.UUID(key).version == 4
    if call.body is None:
        assert sent is None
    else:
        assert headers["content-type"] == "application/json"
        assert sent == call.body


def check_idempotency_key(op: Operation, call: Call, headers: httpx.Headers, sent: Any) -> str:
    """The key the request carries: in the body where the API defines it, else the header.
    Removes it from `sent` so the rest compares with the arguments."""
    path = op.idempotency_key_path
    if path and isinstance(sent, dict) and isinstance(sent.get(path[0]), dict):
        holder = sent
        for name in path[:-1]:
            holder = holder[name]
        assert "idempotency-key" not in headers
        key: str = holder.pop(path[-1])
        return key
    return headers["idempotency-key"]


def check_result(target: Target, op: Operation, result: Any, items: list[Any] | None) -> None:
    success = op.success
    assert success is not None
    types = target.package.types
    if op.pagination is not None:
        assert isinstance(op.pagination.item_type, ModelRef)
        item_class = getattr(types, op.pagination.item_type.name)
        assert items is not None
        assert len(items) == len(success.example[op.pagination.items])
        assert all(isinstance(item, item_class) for item in items)
        return
    if success.type is None:
        assert result is None
    else:
        assert isinstance(success.type, ModelRef)
        assert isinstance(result, getattr(types, success.type.name)), type(result)


def check_next_page_request(op: Operation, first: httpx.Request, second: httpx.Request) -> None:
    """The walk asked for the page after the example, keeping every other parameter."""
    pagination = op.pagination
    assert pagination is not None
    example = op.success.example if op.success else None
    first_query, second_query = dict(first.url.params), dict(second.url.params)
    if pagination.style == "cursor":
        assert pagination.cursor_param and pagination.next_cursor_field
        changed = pagination.cursor_param
        assert second_query[changed] == example[pagination.next_cursor_field]
    else:
        assert pagination.offset_param
        changed = pagination.offset_param
        offset = int(first_query.get(changed, 0)) + len(example[pagination.items])
        assert second_query[changed] == str(offset)
    assert {k: v for k, v in second_query.items() if k != changed} == {
        k: v for k, v in first_query.items() if k != changed
    }
    assert second.url.path == first.url.path


def walks_further(op: Operation) -> bool:
    """Whether the example page says another page follows."""
    pagination, example = op.pagination, op.success.example if op.success else None
    if pagination is None:
        return False
    if pagination.style == "cursor":
        return example.get(pagination.next_cursor_field) is not None
    holder = example
    for key in pagination.has_more_path:
        holder = holder[key]
    return bool(holder)


@pytest.mark.parametrize(("api_name", "op"), OPERATIONS)
def test_sync_operation(api_name: str, op: Operation) -> None:
    target, api = TARGETS[api_name], APIS[api_name]
    call = build_call(api, op)
    router = respx.MockRouter(assert_all_mocked=True)
    route = mock_route(router, target, op, call)
    extra = idempotency_for(op, is_async=False)
    with target.client(is_async=False, router=router) as client:
        result = method_of(client, api, op)(**call.kwargs, **extra)
        items = list(result) if op.pagination else None
    assert route.calls.call_count == (2 if walks_further(op) else 1)
    check_request(target, op, call, route.calls[0].request, given_key=extra.get("idempotency_key"))
    if walks_further(op):
        check_next_page_request(op, route.calls[0].request, route.calls[1].request)
    check_result(target, op, result, items)


@pytest.mark.anyio
@pytest.mark.parametrize(("api_name", "op"), OPERATIONS)
async def test_async_operation(api_name: str, op: Operation) -> None:
    target, api = TARGETS[api_name], APIS[api_name]
    call = build_call(api, op)
    router = respx.MockRouter(assert_all_mocked=True)
    route = mock_route(router, target, op, call)
    async with target.client(is_async=True, router=router) as client:
        method = method_of(client, api, op)
        if op.pagination:
            result = None
            items = [item async for item in method(**call.kwargs)]
        else:
            result = await method(**call.kwargs)
            items = None
    assert route.calls.call_count == (2 if walks_further(op) else 1)
    check_request(target, op, call, route.calls[0].request, given_key=None)
    if walks_further(op):
        check_next_page_request(op, route.calls[0].request, route.calls[1].request)
    check_result(target, op, result, items)


@pytest.mark.anyio
@pytest.mark.parametrize(("api_name", "op"), [p for p in OPERATIONS if p.values[1].pagination])
async def test_async_list_awaited_gives_the_first_page(api_name: str, op: Operation) -> None:
    target, api = TARGETS[api_name], APIS[api_name]
    call = build_call(api, op)
    router = respx.MockRouter(assert_all_mocked=True)
    route = mock_route(router, target, op, call)
    async with target.client(is_async=True, router=router) as client:
        page = await method_of(client, api, op)(**call.kwargs)
    assert isinstance(page, target.package.AsyncPage)
    assert route.calls.call_count == 1
    assert op.success is not None and op.pagination is not None
    assert len(page.items) == len(op.success.example[op.pagination.items])


# --- path parameters stay one segment ------------------------------------------------------------------

HOSTILE_IDS = ["../x", "..", ".", "a/b?c#d", "../../v3/attachments", "%2e%2e", "a b"]
WITH_PATH_PARAMS = [p for p in OPERATIONS if p.values[1].params_in("path")]


@pytest.mark.parametrize(("api_name", "op"), WITH_PATH_PARAMS)
@pytest.mark.parametrize("hostile", HOSTILE_IDS)
def test_path_parameters_cannot_change_the_path(api_name: str, op: Operation, hostile: str) -> None:
    target, api = TARGETS[api_name], APIS[api_name]
    call = build_call(api, op, path_values={p.name: hostile for p in op.params_in("path")})
    sent: list[httpx.Request] = []
    router = respx.MockRouter(assert_all_mocked=False)
    router.route().mock(side_effect=lambda request: sent.append(request) or answers(op)[0])
    with target.client(is_async=False, router=router) as client:
        result = method_of(client, api, op)(**call.kwargs)
        if op.pagination:
            next(iter(result))
    request = sent[0]
    raw_path, _, raw_query = request.url.raw_path.decode("ascii").partition("?")
    base_path = httpx.URL(BASE_URLS[api_name]).raw_path.decode().rstrip("/")
    assert raw_path == base_path + call.path
    # Same segments as the template, none of them a dot segment, and nothing leaked out.
    template = (base_path + op.path).split("/")
    segments = raw_path.split("/")
    assert len(segments) == len(template)
    assert not {".", ".."} & set(segments)
    assert parse_qsl(raw_query) == call.query
    assert request.url.fragment == ""
    assert request.url.host == httpx.URL(BASE_URLS[api_name]).host


def test_empty_path_parameter_is_refused() -> None:
    router = respx.MockRouter(assert_all_mocked=False)
    with TARGETS["linq"].client(is_async=False, router=router) as client, pytest.raises(ValueError, match="empty"):
        client.chats.retrieve("")
    assert router.calls.call_count == 0


# --- secrets ---------------------------------------------------------------------------------------------


@pytest.fixture
def package_loggers() -> Iterator[None]:
    """Undo what an enabled `<PREFIX>_LOG` does to the package loggers."""
    loggers = [logging.getLogger(target.package.__name__) for target in TARGETS.values()]
    saved = [(logger, logger.level, list(logger.handlers)) for logger in loggers]
    yield
    for logger, level, handlers in saved:
        logger.setLevel(level)
        logger.handlers[:] = handlers


def secrets_of(target: Target) -> list[str]:
    return list(target.credentials.values())


@pytest.mark.parametrize("api_name", TARGETS)
@pytest.mark.usefixtures("package_loggers")
def test_debug_logs_redact_credentials(
    api_name: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    target, api = TARGETS[api_name], APIS[api_name]
    monkeypatch.setenv(target.log_env, "debug")
    op = next(op for op in api.operations if op.body is not None)
    call = build_call(api, op)
    router = respx.MockRouter()
    mock_route(router, target, op, call)
    with target.client(is_async=False, router=router) as client:
        method_of(client, api, op)(**call.kwargs, extra_headers={"X-Session-Token": "tok_sess_55"})
    logged = [r for r in caplog.records if r.name == target.package.__name__]
    assert [r.levelname for r in logged] == ["DEBUG", "DEBUG", "INFO"]
    text = caplog.text
    for secret in [*secrets_of(target), "tok_sess_55"]:
        assert secret not in text
    for header in [*target.auth_headers, "X-Session-Token", "Idempotency-Key"]:
        if header != "Idempotency-Key" or not op.idempotency_key_path:
            assert f"{header}: ***" in logged[0].getMessage(), header
    assert logged[2].getMessage().startswith(f"{op.method} {BASE_URLS[api_name]}{call.path}")


@pytest.mark.anyio
@pytest.mark.parametrize("api_name", TARGETS)
@pytest.mark.usefixtures("package_loggers")
async def test_info_logs_one_line_per_call_async(
    api_name: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    target, api = TARGETS[api_name], APIS[api_name]
    monkeypatch.setenv(target.log_env, "info")
    op = next(op for op in api.operations if op.method == "GET" and not op.pagination)
    call = build_call(api, op)
    router = respx.MockRouter()
    mock_route(router, target, op, call)
    async with target.client(is_async=True, router=router) as client:
        await method_of(client, api, op)(**call.kwargs)
    (line,) = [r.getMessage() for r in caplog.records if r.name == target.package.__name__]
    assert re.fullmatch(r"GET \S+ -> 200 OK in \d+\.\d{3}s \(0 retries\)", line), line
    assert all(secret not in caplog.text for secret in secrets_of(target))


@pytest.mark.parametrize("api_name", TARGETS)
def test_logging_is_silent_without_the_variable(
    api_name: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    target, api = TARGETS[api_name], APIS[api_name]
    monkeypatch.delenv(target.log_env, raising=False)
    op = next(op for op in api.operations if op.method == "GET" and not op.pagination)
    call = build_call(api, op)
    router = respx.MockRouter()
    mock_route(router, target, op, call)
    with target.client(is_async=False, router=router) as client:
        method_of(client, api, op)(**call.kwargs)
    assert [r for r in caplog.records if r.name == target.package.__name__] == []


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize("api_name", TARGETS)
def test_repr_shows_settings_not_credentials(api_name: str, is_async: bool) -> None:
    target = TARGETS[api_name]
    client = target.client(is_async=is_async, router=respx.MockRouter(), timeout=12.5, max_retries=0)
    text = repr(client)
    masked = ", ".join(f"{argument}='***'" for argument in target.credentials)
    prefix = "Async" if is_async else ""
    expected = f"{prefix}{CLIENT_NAMES[api_name]}(base_url={BASE_URLS[api_name]!r}, timeout=12.5, max_retries=0"
    assert text == f"{expected}, {masked})"
    assert all(secret not in text for secret in secrets_of(target))


@pytest.mark.parametrize("api_name", TARGETS)
def test_status_errors_carry_no_credentials(api_name: str) -> None:
    target, api = TARGETS[api_name], APIS[api_name]
    op = next(op for op in api.operations if op.method == "GET" and not op.pagination)
    call = build_call(api, op)
    router = respx.MockRouter()
    router.route().mock(return_value=httpx.Response(401, json={"error": {"status": 401, "message": "Unauthorized"}}))
    with (
        target.client(is_async=False, router=router) as client,
        pytest.raises(target.package.AuthenticationError) as caught,
    ):
        method_of(client, api, op)(**call.kwargs)
    error = caught.value
    for text in (str(error), repr(error), error.message):
        assert all(secret not in text for secret in secrets_of(target)), text
    assert error.message.startswith(f"401 Unauthorized from GET {BASE_URLS[api_name]}{call.path}")


INJECTIONS = [
    pytest.param({"extra_headers": {"X-Trace": "1\r\nX-Injected: yes"}}, {}, "X-Trace", id="extra_headers"),
    pytest.param({}, {"default_headers": {"X-Team": "blue\nX-Injected: yes"}}, "X-Team", id="default_headers"),
    pytest.param({"idempotency_key": "k\r\n"}, {}, "Idempotency-Key", id="idempotency_key"),
]


def credential_injections(target: Target) -> list[tuple[dict[str, str], str]]:
    """Each credential with a trailing newline, and the header it travels in."""
    headers = list(target.auth_headers)
    return [
        ({**target.credentials, argument: value + "\n"}, headers[index])
        for index, (argument, value) in enumerate(target.credentials.items())
    ]


@pytest.mark.parametrize("api_name", TARGETS)
@pytest.mark.parametrize(("call_options", "client_options", "header"), INJECTIONS)
def test_line_breaks_in_headers_are_refused_before_sending(
    api_name: str, call_options: dict[str, Any], client_options: dict[str, Any], header: str
) -> None:
    target, api = TARGETS[api_name], APIS[api_name]
    # An operation whose idempotency key travels in the header (a body field may hold any text).
    op = next(op for op in api.operations if op.method == "POST" and not op.idempotency_key_path)
    call = build_call(api, op)
    router = respx.MockRouter(assert_all_mocked=False)
    with (
        target.client(is_async=False, router=router, **client_options) as client,
        pytest.raises(ValueError, match="line break") as caught,
    ):
        method_of(client, api, op)(**call.kwargs, **call_options)
    assert router.calls.call_count == 0
    assert isinstance(caught.value, target.package.RequestValidationError)
    assert repr(header) in str(caught.value)
    assert "X-Injected" not in str(caught.value)


@pytest.mark.anyio
@pytest.mark.parametrize("api_name", TARGETS)
async def test_line_breaks_in_credentials_are_refused_before_sending(api_name: str) -> None:
    target, api = TARGETS[api_name], APIS[api_name]
    op = next(op for op in api.operations if op.method == "GET" and not op.pagination)
    call = build_call(api, op)
    for credentials, header in credential_injections(target):
        router = respx.MockRouter(assert_all_mocked=False)
        client_class = getattr(target.package, "Async" + CLIENT_NAMES[api_name])
        http_client = httpx.AsyncClient(transport=httpx.MockTransport(router.async_handler))
        async with client_class(**credentials, base_url=BASE_URLS[api_name], http_client=http_client) as client:
            with pytest.raises(ValueError, match="line break") as caught:
                await method_of(client, api, op)(**call.kwargs)
        assert router.calls.call_count == 0
        assert repr(header) in str(caught.value)
        assert all(secret.strip() not in str(caught.value) for secret in credentials.values())


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
