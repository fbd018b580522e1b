"""The round trip of one spec, in a worker process: every operation called through the generated
sync client against the project's mock in examples mode.

    python -I -c "<bootstrap>" SPEC SRC PACKAGE OUT.json SECONDS

It runs in its own process because each spec brings a package of its own (modules that would
pile up in one interpreter) and because a pathological spec must be stoppable: the worker stops
calling at its deadline and reports the calls it did not make; the parent kills it if it does
not stop. The result is written as JSON to OUT.json (stdout is left to whatever the generated
code or the mock may print).

What it records:

- the operations of the IR (`build_api`) and the methods present on the client, found by walking
  `api.root.walk()` down the client object as `tests/test_generate_generic.py` does;
- one outcome per call: "ok" when the method returned (its response parsed) or a failure with its
  kind and error text (see `corpus.classify`).

The mock runs with `self_check=True`: every answer it sends is validated against the spec
first, and one that does not conform becomes a 500 naming the problem. So a 2xx the client
cannot parse is the client's failure, and a 5xx is the mock's.
"""

from __future__ import annotations

import importlib
import inspect
import json
import sys
import time
import traceback
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx

from generator import build_api
from generator.config import CONSTRUCTOR_ARGUMENTS

from .classify import Call, classify, exception_text, request_problems
from .irview import ApiView, OperationView
from .values import MISSING, Checker, ValueMaker

# Keyword arguments of a generated client's constructor that are settings; the others are credentials.
SETTINGS = CONSTRUCTOR_ARGUMENTS  # the client's settings: every other keyword-only argument is a credential
# Keyword arguments every generated method has besides the operation's own.
METHOD_OPTIONS = frozenset({"idempotency_key", "extra_headers", "extra_query", "extra_body", "timeout"})
CALL_TIMEOUT = 10.0
UNUSED_URL = "http://127.0.0.1:9"  # never contacted


@dataclass
class Outcome:
    operation: str
    method: str
    path: str
    kind: str  # "ok", "client", "mock", "harness", "timeout"
    error: str | None = None  # for "ok": what the request got wrong that the mock let pass, if anything


@dataclass
class RoundTrip:
    """What the worker found; `error` when it could not get as far as calling."""

    ir_operations: int | None = None
    client_methods: int | None = None
    missing_methods: list[str] = field(default_factory=list)
    calls: list[Outcome] = field(default_factory=list)
    mock_violations: int = 0
    error: str | None = None
    seconds: float = 0.0


def client_class(module: ModuleType) -> type[Any]:
    """The sync client class: the name X in `__all__` that has an `AsyncX` next to it."""
    exported = list(getattr(module, "__all__", ()))
    name = next(n for n in exported if f"Async{n}" in exported and n not in ("APIResponse", "Paginator", "Page"))
    cls: type[Any] = getattr(module, name)
    return cls


def credentials(cls: type[Any]) -> dict[str, str]:
    """A dummy value for every credential argument of the client's constructor: base64 of
    `user:password`, which also makes a well-formed HTTP Basic credential (the mock checks it)."""
    parameters = inspect.signature(cls.__init__).parameters
    return {
        name: "dXNlcjpwYXNzd29yZA=="
        for name, parameter in parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY and name not in SETTINGS
    }


def find_methods(api: ApiView, client: Any) -> dict[str, Any]:
    """Operation id -> the bound method on `client` for every operation the client has."""
    found: dict[str, Any] = {}
    for resource in api.root.walk():
        node: Any = client
        for segment in resource.path:
            node = getattr(node, segment, None)
            if node is None:
                break
        for op in resource.operations:
            method = getattr(node, op.name, None) if node is not None else None
            if callable(method):
                found[op.id] = method
    return found


class Arguments:
    """The minimal valid arguments of an operation, named as the generated method names them."""

    def __init__(self, api: ApiView, document: dict[str, Any]) -> None:
        registry = api.json_schema_registry()
        self.checker = Checker(registry)
        self.maker = ValueMaker(registry, self.checker)
        self.document = document

    def build(self, op: OperationView, method: Any) -> tuple[list[Any], dict[str, Any], list[str]]:
        """(positional, keyword, problems): problems name values that could not be made valid."""
        signature = inspect.signature(method)
        names = _Names(signature.parameters)
        positional: list[Any] = []
        keywords: dict[str, Any] = {}
        problems: list[str] = []
        examples = self._parameter_examples(op)
        for param in op.params:
            name = names.next(param.py_name)  # taken even when the parameter is not passed
            if not (param.required or param.location == "path"):
                continue
            schema = param.json_schema
            if param.location == "path" and isinstance(schema, dict) and schema.get("type") == "string":
                schema = {**schema, "minLength": max(1, int(schema.get("minLength") or 0))}  # `/a//b` is no path
            value = self._value(schema, examples.get((param.name, param.location)), problems, param.name)
            if param.location == "path":
                positional.append(value)
            elif name is None:
                problems.append(f"no argument for {param.location} parameter {param.name!r}")
            else:
                keywords[name] = value
        body = op.body
        if body is not None:  # its required fields, even when the body itself is optional
            value = self._value(body.json_schema, None, problems, "body")
            if body.fields and isinstance(value, dict):
                for body_field in body.fields:
                    if body_field.read_only:
                        continue
                    name = names.next(body_field.py_name)
                    if name is not None and body_field.name in value:
                        keywords[name] = value[body_field.name]
            else:
                name = names.next("body")
                if name is not None and value is not MISSING:
                    keywords[name] = value
        for name, parameter in signature.parameters.items():
            required = parameter.default is inspect.Parameter.empty
            if required and parameter.kind is inspect.Parameter.KEYWORD_ONLY and name not in keywords:
                problems.append(f"required argument {name!r} left empty")
        return positional, keywords, problems

    def _value(self, schema: Any, example: Any, problems: list[str], label: str) -> Any:
        if example is not None and self.checker.is_valid(schema, example):
            return example
        value = self.maker.make(schema)
        if value is MISSING:
            problems.append(f"{label}: no value could be made for its schema")
            return "string"
        found = self.checker.problems(schema, value)
        if found:
            problems.append(f"{label}: the value made is invalid ({found[0]})")
        return value

    def _parameter_examples(self, op: OperationView) -> dict[tuple[str, str], Any]:
        """Parameter-level `example`/`examples` of the raw document (the IR keeps schemas only)."""
        item = (self.document.get("paths") or {}).get(op.path) or {}
        raw_op = item.get(op.method.lower()) or {}
        found: dict[tuple[str, str], Any] = {}
        for raw in [*(item.get("parameters") or []), *(raw_op.get("parameters") or [])]:
            param = self._deref(raw)
            if not isinstance(param, dict) or "name" not in param:
                continue
            example = param.get("example")
            if example is None and isinstance(param.get("examples"), dict):
                first = next(iter(param["examples"].values()), None)
                first = self._deref(first)
                example = first.get("value") if isinstance(first, dict) else None
            if example is not None:
                found[(param["name"], param.get("in", ""))] = example
        return found

    def _deref(self, node: Any) -> Any:
        for _ in range(10):
            if not (isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/")):
                return node
            target: Any = self.document
            for token in node["$ref"][2:].split("/"):
                token = token.replace("~1", "/").replace("~0", "~")
                target = target.get(token) if isinstance(target, dict) else None
            node = target
        return node


class _Names:
    """A generated method's argument names, decided as the generator decides them: parameters
    in the IR's order, then the body's fields, each under its IR name, or that name with 2, 3...
    appended when an earlier one took it (ignoring case). `next` gives None for a name the
    method does not have."""

    def __init__(self, available: Iterable[str]) -> None:
        self.available = set(available) - METHOD_OPTIONS
        self.taken: set[str] = set()

    def next(self, base: str) -> str | None:
        candidate, counter = base, 2
        while candidate.lower() in self.taken:
            candidate, counter = f"{base}{counter}", counter + 1
        self.taken.add(candidate.lower())
        if candidate in self.available:
            return candidate
        # Renamed for a reason of its own (`timeout` -> `timeout_`, clear of the method's options).
        renamed = [n for n in self.available if n.lower() not in self.taken and n.rstrip("_0123456789") == base]
        if renamed:
            self.taken.add(renamed[0].lower())
            return renamed[0]
        return None


def mock_server(api: ApiView) -> Any:
    """The project's mock on loopback: examples mode, seed 1, every answer self-checked.

    Imported when used, through its public `MockServer` only: the mock's own modules are not
    held to `mypy --strict` by the project, so type-checking corpus/ must not follow into them.
    """
    mock = importlib.import_module("contract_tests.mock")
    # With content negotiation, as Prism and real servers do: 406 for an `Accept` the answer
    # cannot satisfy, 415 for a body sent as another media type than the documented one.
    return mock.MockServer(api, mode="examples", seed=1, self_check=True, negotiation=True)


def run(spec: Path, src: Path, package: str, seconds: float) -> RoundTrip:
    started = time.monotonic()
    deadline = started + seconds
    result = RoundTrip()
    try:
        api: ApiView = build_api(spec)
        document = json.loads(spec.read_text(encoding="utf-8"))
        result.ir_operations = len(api.operations)
        sys.path.insert(0, str(src))
        module = importlib.import_module(package)
        cls = client_class(module)
        # Counted on a client that sends nothing, so a mock that cannot start costs no count.
        methods = find_methods(api, cls(**credentials(cls), base_url=UNUSED_URL))
    except Exception as exc:
        result.error = exception_text(exc)
        result.seconds = time.monotonic() - started
        return result
    result.client_methods = len(methods)
    result.missing_methods = [op.id for op in api.operations if op.id not in methods]
    called = [op for op in api.operations if op.id in methods]
    try:
        server = mock_server(api).start()
    except Exception as exc:
        reason = f"the mock could not start: {exception_text(exc)}"
        result.calls = [Outcome(op.id, op.method, op.path, "mock", reason) for op in called]
        result.seconds = time.monotonic() - started
        return result
    requests: list[httpx.Request] = []

    def keep(request: httpx.Request) -> None:
        request.read()  # a multipart body is a stream: read now, so the checks can look at it
        requests.append(request)

    try:
        with httpx.Client(timeout=CALL_TIMEOUT, event_hooks={"request": [keep]}) as http:
            client = cls(**credentials(cls), base_url=server.url, max_retries=0, http_client=http)
            methods = find_methods(api, client)
            arguments = Arguments(api, document)
            for op in called:
                if time.monotonic() > deadline:
                    note = f"not called: {seconds:.0f} s spent"
                    result.calls.append(Outcome(op.id, op.method, op.path, "timeout", note))
                    continue
                result.calls.append(_call(api, op, methods[op.id], arguments, requests, module))
        result.mock_violations = len(server.violations)
    finally:
        server.stop()
    result.seconds = time.monotonic() - started
    return result


def _call(
    api: ApiView,
    op: OperationView,
    method: Any,
    arguments: Arguments,
    requests: list[httpx.Request],
    module: ModuleType,
) -> Outcome:
    try:
        positional, keywords, problems = arguments.build(op, method)
        inspect.signature(method).bind(*positional, **keywords)
    except Exception as exc:
        return Outcome(op.id, op.method, op.path, "harness", exception_text(exc))
    sent_before = len(requests)
    try:
        method(*positional, **keywords)
    except Exception as exc:
        request = requests[-1] if len(requests) > sent_before else None
        call = Call(api=api, op=op, module=module, request=request, problems=problems, checker=arguments.checker)
        kind, text = classify(call, exc)
        return Outcome(op.id, op.method, op.path, kind, text)
    # Answered and parsed; still, a lenient server may have accepted a request that breaks the spec.
    request = requests[-1] if len(requests) > sent_before else None
    call = Call(api=api, op=op, module=module, request=request, problems=problems, checker=arguments.checker)
    off_spec = request_problems(call) if not problems else []
    return Outcome(op.id, op.method, op.path, "ok", f"request off-spec: {off_spec[0]}" if off_spec else None)


def main(argv: list[str]) -> int:
    spec, src, package, out, seconds = Path(argv[0]), Path(argv[1]), argv[2], Path(argv[3]), float(argv[4])
    try:
        result = run(spec, src, package, seconds)
    except BaseException as exc:
        result = RoundTrip(error=f"worker crashed: {exception_text(exc)}")
        traceback.print_exc()
    out.write_text(json.dumps(asdict(result)))
    return 0


def bootstrap(root: Path) -> str:
    """The `-c` program that runs `main` under `python -I` with only the project on sys.path."""
    return f"import sys; sys.path.insert(0, {str(root)!r}); from corpus.roundtrip import main; sys.exit(main(sys.argv[1:]))"
