"""Valid but hostile specs (see `tests/hostile.py` for the alphabets) give working, inert packages.

For each drawn spec the generator must exit 0 and the package must: have a valid
`pyproject.toml`; import, every module of it, in a fresh interpreter; expose every operation of
the spec under a distinct method reachable from both clients; give every parameter and body
field a distinct Python name that is not one of the runtime's own keyword arguments; send each
argument's value under its own wire name (path, query, header, JSON body) together with the
credentials and the runtime options (`extra_headers`, `extra_query`, `timeout`); parse
responses whose fields have hostile names; pass `mypy --strict`; and never execute anything
from the spec (the MARKER file must not appear after generation, import, calls or mypy).

Each example costs a generation (~0.4 s), one interpreter for import and calls (~1 s) and one
mypy run (~2 s). Failures are grouped by kind (`HostileFailure` subclasses named after the
stage and the error) so that Hypothesis shrinks and reports each distinct bug on its own, with
the spec in the message. The property gets `TIME_BUDGET` seconds and shrinking stops
`SHRINK_BUDGET` seconds after the first failure (see `_Budget`); Hypothesis then warns that it
"has spent more than five minutes" shrinking: that is our cap, reached earlier.
"""

from __future__ import annotations

import json
import keyword
import re
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import httpx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis.internal.conjecture import engine as hypothesis_engine

from generator import build_api
from generator.ir.model import ModelRef
from tests.hostile import (
    RUNTIME_OPTIONS,
    SpecDraft,
    body_arguments,
    failure_signature,
    failure_summary,
    generate,
    hostile_specs,
    read_pyproject,
    resolve,
    run_mypy,
    same_json,
    same_text,
    sentinel,
    substitute_marker,
)

MAX_EXAMPLES = 30
TIME_BUDGET = 120.0  # seconds for running new examples, shrinking included
SHRINK_BUDGET = 60.0  # seconds of shrinking (after the first failure, and in all)
BASE_URL = "http://recorder.test/base"

# Runs in a fresh interpreter: imports every module of the package, walks the method tree of
# both clients, then calls each operation through a recording transport.
DRIVER = r"""
import enum, importlib, inspect, json, os, pkgutil, sys, traceback
from urllib.parse import unquote

plan = json.load(open(sys.argv[1], encoding="utf-8"))
report = {"stage": "import", "calls": []}


def save():
    with open(sys.argv[2], "w", encoding="utf-8") as handle:
        json.dump(report, handle)


def plain(value):
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


try:
    sys.path.insert(0, plan["src"])
    import httpx

    package = importlib.import_module(plan["package"])
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
    base = importlib.import_module(package.__name__ + "._base_client")
    resource_base = importlib.import_module(package.__name__ + "._resource")
    client_module = importlib.import_module(package.__name__ + "._client")
except BaseException:
    report["error"] = traceback.format_exc(limit=3)
    save()
    raise SystemExit(0)
report["marker_after_import"] = os.path.exists(plan["marker"])

report["stage"] = "clients"
recorded = []
reply = {"status": 204, "json": None}


def handler(request):
    try:
        body = json.loads(request.content) if request.content else None
    except ValueError:
        body = request.content.decode("utf-8", "replace")
    recorded.append(
        {
            "method": request.method,
            "path": unquote(request.url.raw_path.split(b"?", 1)[0].decode("ascii")),
            "query": list(request.url.params.multi_items()),
            "headers": [(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw],
            "body": body,
            "timeout": request.extensions.get("timeout"),
        }
    )
    if reply["json"] is None:
        return httpx.Response(reply["status"])
    return httpx.Response(reply["status"], json=reply["json"])


try:
    classes = [
        c
        for c in vars(client_module).values()
        if isinstance(c, type) and c.__module__ == client_module.__name__ and issubclass(c, base.BaseClient)
    ]
    sync_class = next(c for c in classes if issubclass(c, base.SyncAPIClient))
    async_class = next(c for c in classes if issubclass(c, base.AsyncAPIClient))
    standard = {"self", "base_url", "timeout", "max_retries", "default_headers", "default_query", "http_client",
                "validate_requests", "strict_responses"}
    arguments = [n for n in inspect.signature(sync_class).parameters if n not in standard]
    credentials = {name: f"cred{i}k" for i, name in enumerate(arguments)}
    report["credentials"] = credentials
    default = sync_class(**credentials, http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    report["default_base_url"] = str(default.base_url)
    client = sync_class(
        **credentials, base_url=plan["base_url"], http_client=httpx.Client(transport=httpx.MockTransport(handler))
    )
    aclient = async_class(
        **credentials, base_url=plan["base_url"],
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
    )
    # The client's own API is not shadowed by a resource.
    assert isinstance(client.base_url, httpx.URL), "client.base_url"
    assert isinstance(client.auth_headers, dict), "client.auth_headers"
    assert callable(client.close) and callable(client.with_options), "client.close / client.with_options"
    assert type(client.with_options(max_retries=0)) is sync_class, "client.with_options()"
except BaseException:
    report["error"] = traceback.format_exc(limit=3)
    save()
    raise SystemExit(0)

report["stage"] = "tree"
missing = []
for op in plan["operations"]:
    for root, resource_class in ((client, resource_base.SyncAPIResource), (aclient, resource_base.AsyncAPIResource)):
        node, where = root, type(root).__name__
        try:
            for segment in op["resource"]:
                node = getattr(node, segment)
                where += "." + segment
                if not isinstance(node, resource_class):
                    raise TypeError(f"{where} is {type(node).__name__}, not a resource")
            method = getattr(node, op["name"])
            if not callable(method):
                raise TypeError(f"{where}.{op['name']} is not callable")
            missing_args = [a for a in op["args"] if a not in inspect.signature(method).parameters]
            if missing_args:
                raise TypeError(f"{where}.{op['name']} has no argument(s) {missing_args}")
        except Exception as exc:
            missing.append(f"{op['id']!r}: {type(exc).__name__}: {exc}")
report["missing"] = missing

report["stage"] = "calls"
for op in plan["operations"]:
    recorded.clear()
    reply.update(op["reply"])
    entry = {"id": op["id"]}
    try:
        node = client
        for segment in op["resource"]:
            node = getattr(node, segment)
        result = getattr(node, op["name"])(
            **op["args"],
            extra_headers={"X-Hostile-Check": "extra-header"},
            extra_query={"hostile_check": "extra-query"},
            timeout=12.5,
        )
        entry["result"] = {name: plain(getattr(result, name)) for name in op["result_fields"]}
        if op["result_fields"]:
            entry["to_dict"] = result.to_dict()
    except BaseException as exc:
        entry["error"] = "".join(traceback.format_exception_only(exc)).strip()[:2000]
    entry["requests"] = list(recorded)
    report["calls"].append(entry)
report["marker_after_calls"] = os.path.exists(plan["marker"])
report["stage"] = "done"
save()
"""


class HostileFailure(AssertionError):
    """A property of the generated package that does not hold; subclasses name the kind."""


_FAILURE_KINDS: dict[str, type[HostileFailure]] = {}


def fail(kind: str, message: str) -> NoReturn:
    """Raise a failure of this kind: Hypothesis shrinks and reports each kind separately."""
    kind = re.sub(r"\bhostile\d+_client\b", "", kind)
    kind = re.sub(r"\b(?:\w+\.)+(\w+)", r"\1", kind)  # module.path.ClassName -> ClassName
    name = re.sub(r"\W+", "_", kind).strip("_")[:80] or "unknown"
    _raise(_FAILURE_KINDS.setdefault(name, type(name, (HostileFailure,), {})), message)


def _raise(kind: type[HostileFailure], message: str) -> NoReturn:
    raise kind(message)  # the one place failures come from: replays keep their origin


class _Budget:
    """Runs each distinct spec once, and bounds the time spent on the property.

    Shrinking re-runs whole generations, and many of Hypothesis' attempts give a spec already
    tried: the outcome of each spec is kept and replayed (the generator is deterministic).
    A spec not tried before is rejected at once (`assume`) when `SHRINK_BUDGET` seconds have
    passed since the first failure, which ends shrinking with the smallest failure found so
    far, or when `TIME_BUDGET` seconds have passed since the first example (a slow or busy
    machine then checks fewer examples, and says so in a warning). CI stays reproducible: the
    examples are drawn in a fixed order (`derandomize`); only how many of them run and how far
    a failure is shrunk depend on the machine's speed.
    """

    def __init__(self) -> None:
        self.started: float | None = None
        self.first_failure: float | None = None
        self.outcomes: dict[str, tuple[type[HostileFailure], str] | None] = {}
        self.skipped = 0

    def run(self, key: str, check: Callable[[], None], spec_text: Callable[[], str]) -> None:
        if key in self.outcomes:
            outcome = self.outcomes[key]
            if outcome is not None:
                _raise(*outcome)
            return
        now = time.monotonic()
        self.started = self.started or now
        shrunk_enough = self.first_failure is not None and now - self.first_failure > SHRINK_BUDGET
        if shrunk_enough or now - self.started > TIME_BUDGET:
            self.skipped += self.first_failure is None
            assume(False)
        failure = None
        try:
            check()
        except HostileFailure as exc:
            # The spec goes into the message: the falsifying example, whatever prints the arguments.
            failure = (type(exc), f"{exc}\n\nThe spec (MARKER stands for the marker file):\n{spec_text()}")
        self.outcomes[key] = failure
        if failure is not None:  # raised outside the `except`: the same origin as a replay
            if self.first_failure is None:
                self.first_failure = time.monotonic()
            _raise(*failure)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("adversarial")
    budget = _Budget()
    with pytest.MonkeyPatch.context() as patch:
        # Hypothesis' own cap on shrinking (5 minutes, not a setting): ours is SHRINK_BUDGET.
        patch.setattr(hypothesis_engine, "MAX_SHRINKING_SECONDS", SHRINK_BUDGET, raising=False)
        yield {"root": root, "mypy_cache": root / ".mypy_cache", "counter": [0], "budget": budget}
    if budget.skipped:
        warnings.warn(
            f"{budget.skipped} hostile specs were not checked: over the {TIME_BUDGET:.0f} s budget", stacklevel=1
        )


def _operations_in(spec: dict[str, Any]) -> int:
    methods = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
    return sum(1 for item in spec["paths"].values() for method in methods if method in item)


def _plan(spec: dict[str, Any], api: Any, src: Path, package: str, marker: Path) -> dict[str, Any]:
    """What to call, with which values, and what each request and result must then carry."""
    operations = []
    for resource in api.root.walk():
        for op in resource.operations:
            item = spec["paths"][op.path]
            raw_op = item[op.method.lower()]
            raw_params = {(p["name"], p["in"]): p for p in [*item.get("parameters", []), *raw_op.get("parameters", [])]}
            args: dict[str, Any] = {}
            expected: list[tuple[str, str, Any]] = []
            for index, param in enumerate(op.params):
                value = sentinel(raw_params[(param.name, param.location)]["schema"], spec, index)
                args[param.py_name] = value
                expected.append((param.location, param.name, value))
            if op.body is not None and op.body.fields:
                raw_body = resolve(raw_op["requestBody"]["content"]["application/json"]["schema"], spec)
                for index, (wire_name, argument) in enumerate(body_arguments(op.body).items(), start=len(op.params)):
                    value = sentinel(raw_body["properties"][wire_name], spec, index)
                    args[argument] = value
                    expected.append(("body", wire_name, value))
            path = op.path
            for location, name, value in expected:
                if location == "path":
                    path = path.replace("{" + name + "}", str(value))
            reply: dict[str, Any] = {"status": 204, "json": None}
            result_fields: list[tuple[str, str, Any]] = []
            success = op.success
            if success is not None and isinstance(success.type, ModelRef):
                model = api.model(success.type.name)
                raw_schema = resolve(raw_op["responses"]["200"]["content"]["application/json"]["schema"], spec)
                answer = {}
                for index, model_field in enumerate(model.fields):
                    value = sentinel(raw_schema["properties"][model_field.name], spec, index, salt="r")
                    answer[model_field.name] = value
                    result_fields.append((model_field.py_name, model_field.name, value))
                reply = {"status": 200, "json": answer}
            operations.append(
                {
                    "id": op.id,
                    "resource": list(resource.path),
                    "name": op.name,
                    "method": op.method,
                    "path": urlpath(BASE_URL) + path,
                    "args": args,
                    "expected": expected,
                    "reply": reply,
                    "result_fields": [name for name, _, _ in result_fields],
                    "expected_result": result_fields,
                    "sends_idempotency_key": op.method not in ("GET", "HEAD", "OPTIONS"),
                }
            )
    return {"src": str(src), "package": package, "marker": str(marker), "base_url": BASE_URL, "operations": operations}


def urlpath(url: str) -> str:
    return httpx.URL(url).path.rstrip("/")


def _check_names(api: Any, spec: dict[str, Any]) -> None:
    """Every operation under a distinct valid method; every argument under a distinct valid name."""
    paths = []
    for resource in api.root.walk():
        for segment in resource.path:
            if not segment.isidentifier() or keyword.iskeyword(segment) or segment.startswith("_"):
                fail("names_bad_resource_name", f"resource segment {segment!r} of {resource.path}")
        for op in resource.operations:
            if not op.name.isidentifier() or keyword.iskeyword(op.name) or op.name.startswith("_"):
                fail("names_bad_method_name", f"operation {op.id!r} is named {op.name!r}")
            paths.append((*resource.path, op.name))
            arguments = [p.py_name for p in op.params]
            arguments += list(body_arguments(op.body).values())
            for name in arguments:
                if not name.isidentifier() or keyword.iskeyword(name):
                    fail("names_bad_argument_name", f"operation {op.id!r} has an argument named {name!r}")
                if name in RUNTIME_OPTIONS:
                    fail("names_argument_shadows_runtime_option", f"operation {op.id!r}: argument {name!r}")
            if len(set(arguments)) != len(arguments):
                fail("names_duplicate_argument", f"operation {op.id!r} has arguments {arguments}")
    if len(set(paths)) != len(paths):
        fail("names_duplicate_method", f"methods {paths}")
    if len(paths) != _operations_in(spec):
        fail("names_lost_operation", f"{_operations_in(spec)} operations in the spec, {len(paths)} reachable: {paths}")
    for model in api.models:
        field_names = [f.py_name for f in model.fields]
        if len(set(field_names)) != len(field_names) or not all(n.isidentifier() for n in field_names):
            fail("names_bad_model_fields", f"model {model.name!r} has fields {field_names}")


def _check_call(
    operation: dict[str, Any], call: dict[str, Any], spec: dict[str, Any], credentials: dict[str, str]
) -> None:
    where = f"operation {operation['id']!r} ({operation['method']} {operation['path']})"
    if "error" in call:
        kind = call["error"].splitlines()[-1].split(":", 1)[0]
        fail(f"call_raised_{kind}", f"{where} raised: {call['error']}")
    if len(call["requests"]) != 1:
        fail("call_request_count", f"{where} sent {len(call['requests'])} requests")
    request = call["requests"][0]
    if request["method"] != operation["method"]:
        fail("wire_method", f"{where}: sent {request['method']}")
    if request["path"] != operation["path"]:
        fail("wire_path", f"{where}: sent path {request['path']!r}, expected {operation['path']!r}")
    query = [tuple(pair) for pair in request["query"]]
    headers = [tuple(pair) for pair in request["headers"]]
    body = request["body"]
    for location, name, value in operation["expected"]:
        if location == "query":
            sent = [v for k, v in query if k == name]
            if len(sent) != 1 or not same_text(sent[0], value):
                fail("wire_query", f"{where}: query {name!r} expected {value!r}, sent {sent} in {query}")
        elif location == "header":
            sent = [v for k, v in headers if k.lower() == name.lower()]
            if len(sent) != 1 or not same_text(sent[0], value):
                fail("wire_header", f"{where}: header {name!r} expected {value!r}, sent {sent} in {headers}")
            if name not in [k for k, _ in headers]:
                fail("wire_header_name_changed", f"{where}: header {name!r} sent as {[k for k, _ in headers]}")
        elif location == "body" and (
            not isinstance(body, dict) or name not in body or not same_json(body[name], value)
        ):
            fail("wire_body", f"{where}: body field {name!r} expected {value!r}, sent body {body!r}")
    expected_body = {name for location, name, _ in operation["expected"] if location == "body"}
    if isinstance(body, dict):
        unexpected = set(body) - expected_body - {"idempotency_key"}
        if unexpected:
            fail("wire_body_extra", f"{where}: body has unexpected fields {sorted(unexpected)}: {body!r}")
    expected_query = {name for location, name, _ in operation["expected"] if location == "query"}
    auth_query = {s["name"] for s in _schemes(spec) if s.get("in") == "query"}
    unexpected_query = {k for k, _ in query} - expected_query - auth_query - {"hostile_check"}
    if unexpected_query:
        fail("wire_query_extra", f"{where}: unexpected query parameters {sorted(unexpected_query)}")
    # The runtime's own options still work.
    if ("X-Hostile-Check", "extra-header") not in headers:
        fail("runtime_extra_headers", f"{where}: extra_headers not sent: {headers}")
    if ("hostile_check", "extra-query") not in query:
        fail("runtime_extra_query", f"{where}: extra_query not sent: {query}")
    if not request["timeout"] or set(request["timeout"].values()) != {12.5}:
        fail("runtime_timeout", f"{where}: timeout=12.5 not applied: {request['timeout']}")
    _check_credentials(where, request, spec, credentials)
    for py_name, wire_name, value in operation["expected_result"]:
        got = call["result"].get(py_name)
        if not same_json(got, value):
            fail("response_field", f"{where}: result.{py_name} ({wire_name!r}) is {got!r}, the response had {value!r}")
    if operation["expected_result"]:
        answer = operation["reply"]["json"]
        if not same_json(call.get("to_dict"), answer):
            fail(
                "response_to_dict", f"{where}: result.to_dict() is {call.get('to_dict')!r}, the response was {answer!r}"
            )


def _schemes(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return list(spec.get("components", {}).get("securitySchemes", {}).values())


def _check_credentials(where: str, request: dict[str, Any], spec: dict[str, Any], credentials: dict[str, str]) -> None:
    """Each credential goes out under its scheme's name and place."""
    schemes = _schemes(spec)
    if not schemes:
        return
    values = set(credentials.values())
    if len(credentials) != len(schemes):
        fail("auth_credential_arguments", f"{len(schemes)} schemes, client arguments {sorted(credentials)}")
    headers, query = request["headers"], request["query"]
    cookies = [tuple(pair.partition("=")[::2]) for k, v in headers if k.lower() == "cookie" for pair in v.split("; ")]
    sent = []
    for scheme in schemes:
        if scheme["type"] == "http":
            found = [v.removeprefix("Bearer ") for k, v in headers if k.lower() == "authorization"]
        elif scheme["in"] == "header":
            found = [v for k, v in headers if k == scheme["name"]]
        elif scheme["in"] == "query":
            found = [v for k, v in query if k == scheme["name"]]
        else:
            found = [v for k, v in cookies if k == scheme["name"]]
        if len(found) != 1 or found[0] not in values:
            fail(f"auth_{scheme.get('in', 'bearer')}", f"{where}: credential for {scheme} sent as {found}: {request}")
        sent.append(found[0])
    if sorted(sent) != sorted(values):
        fail("auth_mixed_up", f"{where}: credentials {sorted(values)} sent as {sent}")


@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
@pytest.mark.slow
@given(draft=hostile_specs())
def test_hostile_specs_give_working_inert_packages(draft: SpecDraft, workspace: dict[str, Any]) -> None:
    budget: _Budget = workspace["budget"]
    key = draft.format + json.dumps(draft.spec, sort_keys=True)
    budget.run(key, lambda: _check(draft, workspace), draft.dumps)


def _check(draft: SpecDraft, workspace: dict[str, Any]) -> None:
    workspace["counter"][0] += 1
    number = workspace["counter"][0]
    folder: Path = workspace["root"] / f"example{number}"
    folder.mkdir()
    marker = folder / "MARKER-created"
    spec = substitute_marker(draft.spec, marker)
    draft = SpecDraft(spec, draft.format)
    spec_path = folder / f"spec.{draft.format}"
    spec_path.write_text(draft.dumps(), encoding="utf-8")
    package = f"hostile{number}_client"
    out = folder / "pkg"

    result = generate(spec_path, out, package)
    if marker.exists():
        fail("executed_during_generation", f"MARKER created by generating {spec_path}")
    if result.returncode != 0:
        summary = f"exit {result.returncode}: {failure_summary(result)}"
        fail(f"generate_{failure_signature(result)}", f"{summary}\n\nstderr:\n{result.stderr[-1500:]}")
    if "Traceback" in result.stderr:
        fail("generate_traceback", result.stderr[-2000:])
    try:
        api = build_api(spec_path)
    except Exception as exc:
        fail(f"ir_{type(exc).__name__}", f"generate succeeded but build_api raised {exc!r}")
    reported = re.search(r"(\d+) operations", result.stdout)
    if reported is None or int(reported.group(1)) != _operations_in(spec):
        fail(
            "generate_lost_operations", f"spec has {_operations_in(spec)} operations; generator said {result.stdout!r}"
        )
    try:
        read_pyproject(out)
    except Exception as exc:
        fail("pyproject_invalid", f"{out / 'pyproject.toml'}: {exc}")
    try:
        plan = _plan(spec, api, out / "src", package, marker)
    except LookupError as exc:
        fail("ir_disagrees_with_spec", f"an IR name is not in the spec: {exc!r}")

    plan_path, report_path = folder / "plan.json", folder / "report.json"
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    driver = folder / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(driver), str(plan_path), str(report_path)],
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=120,
        check=False,
    )
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
    if marker.exists():
        at_import = report.get("stage") == "import" or report.get("marker_after_import")
        when = "import" if at_import else "construction_or_call"
        fail(f"executed_at_{when}", f"MARKER created at {when} of the package (driver stage {report.get('stage')})")
    if not report:
        fail("driver_crashed", f"exit {run.returncode}: {run.stderr[-2000:]}")
    if report["stage"] == "import" and "error" in report:
        last = report["error"].strip().splitlines()[-1]
        fail(f"import_{last.split(':', 1)[0]}", f"import: {report['error'][-2000:]}")
    _check_names(api, spec)
    if "error" in report:
        last = report["error"].strip().splitlines()[-1]
        fail(f"{report['stage']}_{last.split(':', 1)[0]}", f"{report['stage']}: {report['error'][-2000:]}")
    if report["missing"]:
        fail("tree_unreachable_operation", "; ".join(report["missing"]))
    if report["default_base_url"] != str(httpx.URL(spec["servers"][0]["url"])):
        fail("default_base_url", f"{report['default_base_url']!r} != {spec['servers'][0]['url']!r}")
    for operation, call in zip(plan["operations"], report["calls"], strict=True):
        _check_call(operation, call, spec, report["credentials"])

    checked = run_mypy(out / "src" / package, cache_dir=workspace["mypy_cache"])
    if checked.returncode != 0:
        first = next((line for line in checked.stdout.splitlines() if ": error:" in line), checked.stdout[:300])
        code = re.search(r"\[([\w-]+)\]\s*$", first)
        fail(f"mypy_{code.group(1) if code else 'error'}", first)
    if marker.exists():
        fail("executed", "MARKER created")
