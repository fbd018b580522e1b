"""One regression test per known hostile-spec case: a small handwritten spec each.

Each test generates a package through the CLI, as a user does, and checks what a user relies
on: it generates (or is refused with a located error), imports, type-checks where typing is the
point, reaches every operation, sends each value under its wire name and never runs anything
from the spec (the MARKER file, an absolute path in the test's temporary folder, must not
appear). Alphabets and helpers: `tests/hostile.py`.
"""

from __future__ import annotations

import inspect
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from contract_tests.mock import MockServer
from generator import build_api
from generator.ir.model import ModelRef
from tests.hostile import (
    RUNTIME_OPTIONS,
    Recorder,
    assert_located_error,
    body_arguments,
    client_classes,
    credential_arguments,
    failure_summary,
    generate,
    import_in_subprocess,
    imported,
    read_pyproject,
    run_mypy,
    same_json,
    validate,
)

ROOT = Path(__file__).resolve().parent.parent
PETSTORE = ROOT / "tests" / "fixtures" / "specs" / "petstore.json"
BASE = "http://recorder.test"


# --- helpers -----------------------------------------------------------------------------------


def write(path: Path, spec: dict[str, Any] | str) -> Path:
    if isinstance(spec, str):
        path.write_text(spec, encoding="utf-8")
    elif path.suffix == ".json":
        path.write_text(json.dumps(spec, indent=1), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def generated(tmp_path: Path, spec: dict[str, Any] | str, package: str, *, name: str = "spec.yaml") -> Path:
    """Write the spec, generate it, and return the package folder; generation must succeed."""
    spec_path = write(tmp_path / name, spec)
    out = tmp_path / package
    result = generate(spec_path, out, package)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, failure_summary(result)
    return out


def spec_operations(spec: dict[str, Any]) -> int:
    methods = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
    return sum(1 for item in spec["paths"].values() for method in methods if method in item)


def make_client(module: Any, recorder: Recorder | None = None, **options: Any) -> Any:
    sync, _ = client_classes(module)
    credentials = {name: "secret-value" for name in credential_arguments(sync)}
    if recorder is not None:
        options.setdefault("http_client", recorder.client())
        options.setdefault("base_url", BASE)
    return sync(**credentials, **options)


def method_of(client: Any, resource_path: tuple[str, ...], name: str) -> Any:
    node = client
    for segment in resource_path:
        node = getattr(node, segment)
    return getattr(node, name)


def call(method: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a generated method by the IR's Python names, saying so when the method has other names."""
    accepted = inspect.signature(method).parameters
    unknown = [name for name in kwargs if name not in accepted]
    assert not unknown, f"the IR names {unknown} are not arguments of {method.__qualname__}{tuple(accepted)}"
    return method(*args, **kwargs)


def the_operation(api: Any, operation_id: str) -> tuple[tuple[str, ...], Any]:
    for resource in api.root.walk():
        for op in resource.operations:
            if op.id == operation_id:
                return resource.path, op
    raise AssertionError(f"{operation_id} is not in the IR")


def assert_reachable(module: Any, api: Any, spec: dict[str, Any]) -> None:
    """Every operation of the spec under a distinct method of both clients."""
    sync, asynchronous = client_classes(module)
    credentials = {name: "secret-value" for name in credential_arguments(sync)}
    seen = []
    for client in (sync(**credentials), asynchronous(**credentials)):
        for resource in api.root.walk():
            for op in resource.operations:
                method = method_of(client, resource.path, op.name)
                assert callable(method), f"{type(client).__name__}.{'.'.join((*resource.path, op.name))}"
                seen.append((type(client).__name__, *resource.path, op.name))
    assert len(set(seen)) == len(seen), seen
    assert len(seen) == 2 * spec_operations(spec), seen


def no_marker(marker: Path, when: str) -> None:
    assert not marker.exists(), f"code from the spec ran {when}: {marker} was created"


def op(operation_id: str, tag: str | None = None, **extra: Any) -> dict[str, Any]:
    operation: dict[str, Any] = {"operationId": operation_id, "responses": {"204": {"description": "done"}}}
    if tag is not None:
        operation["tags"] = [tag]
    operation.update(extra)
    return operation


def json_response(schema: dict[str, Any]) -> dict[str, Any]:
    return {"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}}


def json_body(schema: dict[str, Any], required: bool = True) -> dict[str, Any]:
    return {"required": required, "content": {"application/json": {"schema": schema}}}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def openapi(paths: dict[str, Any], schemas: dict[str, Any] | None = None, **top: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {"openapi": "3.1.0", "info": {"title": "Hostile", "version": "1.0"}}
    spec.update(top)
    spec["paths"] = paths
    if schemas:
        spec.setdefault("components", {})["schemas"] = schemas
    return spec


# --- 1. operations without tags ----------------------------------------------------------------


def test_operations_without_tags_are_generated_and_reachable(tmp_path: Path) -> None:
    spec = json.loads(PETSTORE.read_text(encoding="utf-8"))
    for item in spec["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict):
                operation.pop("tags", None)
    out = generated(tmp_path, spec, "untagged_client", name="petstore.json")
    api = build_api(tmp_path / "petstore.json")
    with imported(out, "untagged_client") as module:
        assert_reachable(module, api, spec)
        recorder = Recorder(reply=lambda _: httpx.Response(200, json={"id": 1, "name": "Rex"}))
        path, show_pet = the_operation(api, "showPetById")
        method_of(make_client(module, recorder), path, show_pet.name)("7")
        assert recorder.last.path == "/pets/7"


# --- 2. code in the server URL -------------------------------------------------------------------


def test_server_url_with_code_stays_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "MARKER"
    url = f'http://x/"""; import os; os.system("touch {marker}"); """'
    spec = openapi({"/ping": {"get": op("ping", "health")}}, servers=[{"url": url}])
    out = generated(tmp_path, spec, "server_client")
    no_marker(marker, "during generation")
    for name in [n for n in os.environ if n.endswith("_BASE_URL")]:
        monkeypatch.delenv(name)
    with imported(out, "server_client") as module:
        no_marker(marker, "on import")
        recorder = Recorder(reply=lambda _: httpx.Response(204))
        client = make_client(module, http_client=recorder.client())
        no_marker(marker, "when the client was created")
        assert client.base_url == httpx.URL(url)
        client.health.ping()
        assert recorder.last.url.startswith(str(httpx.URL(url)).rstrip("/"))
    no_marker(marker, "during a call")


# --- 3. hostile apiKey names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "name"),
    [
        ("header", "X-Key\"}; open('MARKER','w'); x={\""),
        ("query", "k\"}; open('MARKER','w'); x={\"{}'"),
        ("cookie", "sid\"}+__import__('os').mkdir('MARKER')+{'{x}'"),
    ],
)
def test_api_key_names_with_code_are_sent_verbatim(tmp_path: Path, location: str, name: str) -> None:
    marker = tmp_path / "MARKER"
    name = name.replace("MARKER", str(marker))
    spec = openapi(
        {"/ping": {"get": op("ping", "health")}},
        components={"securitySchemes": {"key": {"type": "apiKey", "in": location, "name": name}}},
        security=[{"key": []}],
    )
    out = generated(tmp_path, spec, f"key_{location}_client")
    no_marker(marker, "during generation")
    with imported(out, f"key_{location}_client") as module:
        no_marker(marker, "on import")
        recorder = Recorder(reply=lambda _: httpx.Response(204))
        make_client(module, recorder).health.ping()
        no_marker(marker, "during a call")
        request = recorder.last
        if location == "header":
            assert [v for k, v in request.headers if k == name] == ["secret-value"], request.headers
        elif location == "query":
            assert request.query_values(name) == ["secret-value"], request.query
        else:
            assert (name, "secret-value") in request.cookies(), request.header_values("cookie")


# --- 4. parameters named like the runtime's options ----------------------------------------------

RUNTIME_NAMED = ("extra_headers", "extra_query", "extra_body", "timeout", "idempotency_key")


def test_parameters_named_like_runtime_options(tmp_path: Path) -> None:
    parameters = [{"name": n, "in": "query", "schema": {"type": "string"}} for n in RUNTIME_NAMED]
    body = {"type": "object", "properties": {"note": {"type": "string"}}}
    spec = openapi({"/jobs": {"post": op("runJob", "jobs", parameters=parameters, requestBody=json_body(body))}})
    out = generated(tmp_path, spec, "options_client")
    api = build_api(tmp_path / "spec.yaml")
    path, run_job = the_operation(api, "runJob")
    py_names = {p.name: p.py_name for p in run_job.params}
    assert not set(py_names.values()) & RUNTIME_OPTIONS, py_names
    with imported(out, "options_client") as module:
        recorder = Recorder(reply=lambda _: httpx.Response(204))
        call(
            method_of(make_client(module, recorder), path, run_job.name),
            **{py_names[n]: f"value-of-{n}" for n in RUNTIME_NAMED},
            note="hello",
            timeout=3.5,
            extra_headers={"X-Extra": "on"},
            extra_query={"xq": "on"},
            extra_body={"xb": 1},
            idempotency_key="idem-1",
        )
    request = recorder.last
    for name in RUNTIME_NAMED:
        assert request.query_values(name) == [f"value-of-{name}"], request.query
    assert request.header_values("X-Extra") == ["on"]
    assert request.query_values("xq") == ["on"]
    assert request.body == {"note": "hello", "xb": 1}
    assert request.header_values("Idempotency-Key") == ["idem-1"]
    assert request.timeout == {"connect": 3.5, "read": 3.5, "write": 3.5, "pool": 3.5}


# --- 5. schemas and parameters named like the runtime's names -------------------------------------


def test_schemas_and_parameters_named_like_runtime_names(tmp_path: Path, mypy_cache: Callable[[bool], Path]) -> None:
    def model(field: str) -> dict[str, Any]:
        return {"type": "object", "required": [field], "properties": {field: {"type": "string"}}}

    schemas = {name: model(name.lower()) for name in ("SyncAPIResource", "Headers", "Timeout", "NotGiven")}
    schemas["Body"] = {
        "type": "object",
        "required": ["headers"],
        "properties": {"headers": ref("Headers"), "timeout": ref("Timeout")},
    }
    create = op(
        "createThing",
        "things",
        parameters=[
            {"name": "str", "in": "path", "required": True, "schema": {"type": "string"}},
            {"name": "params", "in": "query", "schema": {"type": "string"}},
        ],
        requestBody=json_body(ref("Body")),
        responses=json_response(ref("SyncAPIResource")),
    )
    listing = op(
        "listThings",
        "things",
        parameters=[{"name": "str", "in": "query", "schema": {"type": "integer"}}],
        responses=json_response(ref("NotGiven")),
    )
    spec = openapi({"/things/{str}": {"post": create}, "/things": {"get": listing}}, schemas)
    out = generated(tmp_path, spec, "shadow_client")
    api = build_api(tmp_path / "spec.yaml")

    def reply(request: httpx.Request) -> httpx.Response:
        key = "syncapiresource" if request.method == "POST" else "notgiven"
        return httpx.Response(200, json={key: "answer"})

    with imported(out, "shadow_client") as module:
        recorder = Recorder(reply=reply)
        client = make_client(module, recorder)
        path, create_op = the_operation(api, "createThing")
        args = {p.name: p.py_name for p in create_op.params}
        fields = body_arguments(create_op.body)
        created = call(
            method_of(client, path, create_op.name),
            **{args["str"]: "s1", args["params"]: "p1", fields["headers"]: {"headers": "h1"}},
            **{fields["timeout"]: {"timeout": "t1"}},
        )
        assert recorder.last.path == "/things/s1" and recorder.last.query_values("params") == ["p1"]
        assert recorder.last.body == {"headers": {"headers": "h1"}, "timeout": {"timeout": "t1"}}
        assert created.to_dict() == {"syncapiresource": "answer"}
        path, list_op = the_operation(api, "listThings")
        listed = call(method_of(client, path, list_op.name), **{list_op.params[0].py_name: 5})
        assert recorder.last.query_values("str") == ["5"]
        assert listed.to_dict() == {"notgiven": "answer"}
    checked = run_mypy(out / "src" / "shadow_client", cache_dir=mypy_cache(True))
    assert checked.returncode == 0, checked.stdout


# --- 6. tags that collide after normalisation ----------------------------------------------------

COLLIDING_TAGS = {
    "user-admin": ("list", "get", "create"),
    "user_admin": ("List", "Get", "Create"),
    "userAdmin": ("LIST", "GET", "CREATE"),
    "User Admin": ("list-", "get-", "create-"),
    "🎉": ("list_", "get_"),
    "メッセージ": ("-list", "-get"),
    "": ("List_", "Get_"),
    " ": ("LIST_", "GET_"),
}


def test_colliding_and_unicode_tags_keep_every_operation(tmp_path: Path) -> None:
    paths: dict[str, Any] = {}
    for index, (tag, operation_ids) in enumerate(COLLIDING_TAGS.items()):
        for method, operation_id in zip(("get", "put", "post"), operation_ids, strict=False):
            paths.setdefault(f"/t{index}", {})[method] = op(operation_id, tag)
    spec = openapi(paths, tags=[{"name": tag} for tag in COLLIDING_TAGS])
    spec_path = write(tmp_path / "spec.yaml", spec)
    out = tmp_path / "tags_client"
    result = generate(spec_path, out, "tags_client")
    assert result.returncode == 0, failure_summary(result)
    assert f" {spec_operations(spec)} operations" in result.stdout, result.stdout
    api = build_api(spec_path)
    with imported(out, "tags_client") as module:
        assert_reachable(module, api, spec)
        recorder = Recorder(reply=lambda _: httpx.Response(204))
        client = make_client(module, recorder)
        for resource in api.root.walk():
            for operation in resource.operations:
                method_of(client, resource.path, operation.name)()
                assert (recorder.last.method, recorder.last.path) == (operation.method, operation.path)
        sent = {(r.method, r.path) for r in recorder.requests}
        assert len(sent) == spec_operations(spec), sent


# --- 7. properties that collide after normalisation ---------------------------------------------


def test_body_properties_that_normalise_alike(tmp_path: Path) -> None:
    body = {
        "type": "object",
        "required": ["user-name", "user_name"],
        "properties": {"user-name": {"type": "string"}, "user_name": {"type": "string"}},
    }
    spec = openapi({"/users": {"post": op("createUser", "users", requestBody=json_body(body))}})
    out = generated(tmp_path, spec, "props_client")
    api = build_api(tmp_path / "spec.yaml")
    path, create = the_operation(api, "createUser")
    names = body_arguments(create.body)
    assert len(set(names.values())) == 2, names
    arguments = {names["user-name"]: "dash", names["user_name"]: "underscore"}
    with imported(out, "props_client") as module:
        recorder = Recorder(reply=lambda _: httpx.Response(204))
        call(method_of(make_client(module, recorder), path, create.name), **arguments)
        assert recorder.last.body == {"user-name": "dash", "user_name": "underscore"}
        with MockServer(tmp_path / "spec.yaml", mode="examples", seed=1) as server:
            call(method_of(make_client(module, base_url=server.url), path, create.name), **arguments)


# --- 8. numeric enums ----------------------------------------------------------------------------


def test_numeric_enums_type_check_and_round_trip(tmp_path: Path, mypy_cache: Callable[[bool], Path]) -> None:
    schemas = {
        "Ratio": {"type": "number", "enum": [0.5, 1.5]},
        "Level": {"type": "integer", "enum": [-1, 1, 3]},
        "Setting": {
            "type": "object",
            "required": ["ratio", "level", "scale"],
            "properties": {
                "ratio": ref("Ratio"),
                "level": ref("Level"),
                "scale": {"type": "number", "enum": [0.5, 1.5]},
            },
        },
    }
    parameters = [
        {"name": "pick", "in": "query", "required": True, "schema": {"type": "number", "enum": [0.5, 1.5]}},
        {"name": "tier", "in": "query", "required": True, "schema": {"type": "integer", "enum": [-1, 1, 3]}},
    ]
    operation = op(
        "saveSetting",
        "settings",
        parameters=parameters,
        requestBody=json_body(ref("Setting")),
        responses=json_response(ref("Setting")),
    )
    spec = openapi({"/settings": {"post": operation}}, schemas)
    out = generated(tmp_path, spec, "numbers_client")
    checked = run_mypy(out / "src" / "numbers_client", cache_dir=mypy_cache(True))
    assert checked.returncode == 0, checked.stdout
    api = build_api(tmp_path / "spec.yaml")
    path, save = the_operation(api, "saveSetting")
    sent = {"ratio": 0.5, "level": -1, "scale": 1.5}
    with imported(out, "numbers_client") as module:
        recorder = Recorder(reply=lambda request: httpx.Response(200, content=request.content))
        result = call(
            method_of(make_client(module, recorder), path, save.name),
            **{p.py_name: {"pick": 1.5, "tier": 3}[p.name] for p in save.params},
            **{argument: sent[wire] for wire, argument in body_arguments(save.body).items()},
        )
        assert recorder.last.query_values("pick") == ["1.5"]
        assert recorder.last.query_values("tier") == ["3"]
        assert same_json(recorder.last.body, sent), recorder.last.body
        assert same_json(result.to_dict(), sent), result.to_dict()


# --- 9 to 11. texts that break strings and files --------------------------------------------------


def test_nul_in_descriptions(tmp_path: Path) -> None:
    nul = "before\u0000after"
    operation = op(
        "ping",
        "health",
        summary=nul,
        description=nul,
        parameters=[{"name": "q", "in": "query", "description": nul, "schema": {"type": "string"}}],
        responses=json_response(ref("Pong")),
    )
    schemas = {
        "Pong": {"type": "object", "description": nul, "properties": {"ok": {"type": "string", "description": nul}}}
    }
    spec = openapi({"/ping": {"get": operation}}, schemas)
    spec["info"]["description"] = nul
    out = generated(tmp_path, spec, "nul_client", name="spec.json")
    imported_ok = import_in_subprocess(out / "src", "nul_client")
    assert imported_ok.returncode == 0, imported_ok.stderr


@pytest.mark.parametrize("text", ['say "hi"', '"', "\\", '"""', "C:\\users\\new"])
def test_quotes_and_backslashes_in_title_and_version(tmp_path: Path, text: str) -> None:
    spec = openapi({"/ping": {"get": op("ping", "health")}})
    spec["info"] = {"title": f"Title {text}", "version": f"1.0 {text}"}
    out = generated(tmp_path, spec, "title_client")
    project = read_pyproject(out)["project"]
    assert f"Title {text}" in project["description"]
    imported_ok = import_in_subprocess(out / "src", "title_client")
    assert imported_ok.returncode == 0, imported_ok.stderr


def test_descriptions_ending_in_quotes_or_backslash(tmp_path: Path) -> None:
    operation = op(
        "ping",
        "health",
        summary='ends in triple quotes """',
        description="ends in a backslash \\",
        parameters=[{"name": "q", "in": "query", "description": 'ends in a quote "', "schema": {"type": "string"}}],
        responses=json_response(ref("Pong")),
    )
    schemas = {
        "Pong": {
            "type": "object",
            "description": 'model """',
            "properties": {"ok": {"type": "string", "description": "field \\"}},
        }
    }
    spec = openapi({"/ping": {"get": operation}}, schemas)
    spec["info"]["description"] = 'api """'
    out = generated(tmp_path, spec, "quotes_client")
    imported_ok = import_in_subprocess(out / "src", "quotes_client")
    assert imported_ok.returncode == 0, imported_ok.stderr


# --- 12. very long names -------------------------------------------------------------------------


def test_300_character_tag_and_operation_id(tmp_path: Path) -> None:
    tag, operation_id = "t" * 300, "getSomething" + "X" * 288
    spec = openapi({"/long": {"get": op(operation_id, tag)}, "/short": {"get": op("short", tag)}})
    out = generated(tmp_path, spec, "long_client")
    api = build_api(tmp_path / "spec.yaml")
    with imported(out, "long_client") as module:
        assert_reachable(module, api, spec)


# --- 13. a lone surrogate ------------------------------------------------------------------------


def test_lone_surrogate_in_a_description(tmp_path: Path) -> None:
    text = '{"openapi": "3.1.0", "info": {"title": "S", "version": "1", "description": "lone \\ud800 surrogate"},'
    text += '"paths": {"/ping": {"get": {"operationId": "ping", "tags": ["health"], "description": "x \\udfff y",'
    text += '"responses": {"204": {"description": "\\ud800"}}}}}}'
    spec_path = write(tmp_path / "spec.json", text)
    out = tmp_path / "surrogate_client"
    result = generate(spec_path, out, "surrogate_client")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, failure_summary(result)
    imported_ok = import_in_subprocess(out / "src", "surrogate_client")
    assert imported_ok.returncode == 0, imported_ok.stderr


# --- 14. properties named like model methods ------------------------------------------------------


def test_properties_named_like_model_methods(tmp_path: Path) -> None:
    names = ("to_dict", "model_dump", "json")
    thing = {"type": "object", "required": list(names), "properties": {n: {"type": "string"} for n in names}}
    operation = op("saveThing", "things", requestBody=json_body(ref("Thing")), responses=json_response(ref("Thing")))
    spec = openapi({"/things": {"post": operation}}, {"Thing": thing})
    out = generated(tmp_path, spec, "methods_client")
    api = build_api(tmp_path / "spec.yaml")
    path, save = the_operation(api, "saveThing")
    fields = body_arguments(save.body)
    assert set(fields) == set(names), fields
    values = {n: f"value-{n}" for n in names}
    with imported(out, "methods_client") as module:
        recorder = Recorder(reply=lambda request: httpx.Response(200, content=request.content))
        result = call(
            method_of(make_client(module, recorder), path, save.name), **{fields[n]: values[n] for n in names}
        )
        assert recorder.last.body == values
        assert result.to_dict() == values  # the model's own methods still work
        assert result.model_dump(by_alias=True) == values
        assert isinstance(save.success.type, ModelRef)
        model = api.model(save.success.type.name)
        assert {getattr(result, f.py_name) for f in model.fields} == set(values.values())


# --- 15 and 16. $refs to other files --------------------------------------------------------------


def test_cross_file_ref_only_under_a_default_response(tmp_path: Path) -> None:
    other = {"components": {"schemas": {"Error": {"type": "object", "properties": {"message": {"type": "string"}}}}}}
    write(tmp_path / "other.yaml", other)
    error = {
        "description": "error",
        "content": {"application/json": {"schema": {"$ref": "other.yaml#/components/schemas/Error"}}},
    }
    operation = op("ping", "health", responses={"204": {"description": "done"}, "default": error})
    spec_path = write(tmp_path / "spec.yaml", openapi({"/ping": {"get": operation}}))
    checked = validate(spec_path)
    assert checked.returncode == 0, failure_summary(checked)
    out = tmp_path / "crossref_client"
    result = generate(spec_path, out, "crossref_client")
    assert result.returncode == 0, failure_summary(result)
    imported_ok = import_in_subprocess(out / "src", "crossref_client")
    assert imported_ok.returncode == 0, imported_ok.stderr


def test_extensions_among_the_responses_are_not_responses(tmp_path: Path) -> None:
    """`x-` keys are allowed in a Responses Object (specification extensions): they are no
    status; the mock used to fail at start-up reading `x-note` as one."""
    responses = {
        "200": {"description": "ok", "content": {"application/json": {"schema": {"type": "string"}}}},
        "x-note": "rate limited at 10/s",
        "x-codes": {"429": "slow down"},
    }
    spec_path = write(tmp_path / "spec.yaml", openapi({"/ping": {"get": op("ping", "health", responses=responses)}}))
    api = build_api(spec_path)
    assert [r.status for r in api.operations[0].responses] == ["200"]
    out = tmp_path / "ext_client"
    result = generate(spec_path, out, "ext_client")
    assert result.returncode == 0, failure_summary(result)
    with MockServer(spec_path, mode="examples") as server:
        answer = httpx.get(f"{server.url}/ping", timeout=10)
    assert answer.status_code == 200 and isinstance(answer.json(), str)


@pytest.mark.parametrize("status", ["200", "default"])
def test_ref_to_a_missing_file_is_located_at_the_ref(tmp_path: Path, status: str) -> None:
    text = f"""\
openapi: 3.1.0
info: {{title: Missing, version: "1"}}
paths:
  /ping:
    get:
      operationId: ping
      responses:
        "204":
          description: ok
        "{status}":
          description: the answer
          content:
            application/json:
              schema:
                $ref: "missing.yaml#/components/schemas/Pong"
"""
    spec_path = write(tmp_path / "spec.yaml", text)
    ref_line = next(n for n, line in enumerate(text.splitlines(), 1) if "missing.yaml" in line)
    for result in (validate(spec_path), generate(spec_path, tmp_path / "missing_client", "missing_client")):
        match = assert_located_error(result)
        assert Path(match["file"]).name == "spec.yaml", match.group(0)
        assert int(match["line"]) == ref_line, match.group(0)
        assert "missing.yaml" in match["message"], match.group(0)
    assert not (tmp_path / "missing_client").exists()


# --- 17. OpenAPI 3.0 boolean exclusiveMinimum -----------------------------------------------------


def test_openapi_30_exclusive_minimum(tmp_path: Path) -> None:
    text = """\
openapi: 3.0.3
info: {title: Exclusive, version: "1"}
paths:
  /items:
    get:
      operationId: listItems
      tags: [items]
      parameters:
        - {name: n, in: query, required: true, schema: {type: integer, minimum: 1, exclusiveMinimum: true}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {n: {type: integer}}}
              example: {n: 2}
"""
    out = generated(tmp_path, text, "exclusive_client")
    api = build_api(tmp_path / "spec.yaml")
    path, list_items = the_operation(api, "listItems")
    [n] = list_items.params
    with imported(out, "exclusive_client") as module:
        recorder = Recorder(reply=lambda _: httpx.Response(200, json={"n": 2}))
        listing = method_of(make_client(module, recorder), path, list_items.name)
        with pytest.raises(module.RequestValidationError):
            call(listing, **{n.py_name: 1})
        assert recorder.requests == [], "the invalid request was sent"
        call(listing, **{n.py_name: 2})
        assert recorder.last.query_values("n") == ["2"]
    with MockServer(tmp_path / "spec.yaml", mode="examples", seed=1) as server:
        refused = httpx.get(f"{server.url}/items", params={"n": 1})
        accepted = httpx.get(f"{server.url}/items", params={"n": 2})
    assert 400 <= refused.status_code < 500, (refused.status_code, refused.text)
    assert 200 <= accepted.status_code < 300, (accepted.status_code, accepted.text)


# --- 18. atomic output under SIGKILL -------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_output_is_atomic_under_sigkill(tmp_path: Path) -> None:
    spec = ROOT / "spec" / "linq.yaml"
    reference_out = tmp_path / "reference" / "linq_client"
    started = time.monotonic()
    assert generate(spec, reference_out, "linq_client").returncode == 0
    duration = time.monotonic() - started
    reference = snapshot(reference_out)

    work = tmp_path / "work"
    work.mkdir()
    out = work / "linq_client"
    command = [sys.executable, "-m", "generator", "generate", str(spec), "--out", str(out), "--package", "linq_client"]
    rng = random.Random(18)
    # Ten kills at moments spread over a whole run; ten more while the output is being written
    # (a hidden sibling of the output exists), a random 0-20 ms after that folder appears.
    kills = [("any time", rng.uniform(0.0, duration * 1.2)) for _ in range(10)]
    kills += [("while writing", rng.uniform(0.0, 0.02)) for _ in range(10)]
    complete_seen = False
    for when, delay in kills:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        started = time.monotonic()
        deadline = started + (delay if when == "any time" else duration * 3)
        while process.poll() is None and time.monotonic() < deadline:
            if when == "while writing" and any(p.name.startswith(".") for p in work.iterdir()):
                time.sleep(delay)
                break
            time.sleep(0.0005)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # the generator and its ruff children
        process.wait()
        moment = f"killed {when}, {time.monotonic() - started:.3f}s into the run"
        if out.exists():
            assert snapshot(out) == reference, f"{moment}: {out} is neither the old nor the new package"
            complete_seen = True
        else:
            assert not complete_seen, f"{moment}: {out} vanished after a complete generation"
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert snapshot(out) == reference
    leftovers = sorted(p.name for p in work.iterdir() if p.name != out.name)
    assert leftovers == [], f"temporary folders left next to {out}: {leftovers}"
    shutil.rmtree(work)


# --- types/ package: models that refer to each other across modules -------------------------------


def test_models_in_cycles_and_odd_names_get_importable_modules(
    tmp_path: Path, mypy_cache: Callable[[bool], Path]
) -> None:
    schemas = {
        # two classes that refer to each other, and a class in a cycle with a union alias
        "Husband": {"type": "object", "properties": {"wife": ref("Wife"), "name": {"type": "string"}}},
        "Wife": {"type": "object", "properties": {"husband": ref("Husband")}},
        "Tree": {"oneOf": [ref("Node"), ref("Leaf")]},
        "Node": {"type": "object", "properties": {"children": {"type": "array", "items": ref("Tree")}}},
        "Leaf": {"type": "object", "properties": {"value": {"type": "integer"}}},
        "Forest": {"type": "object", "properties": {"trees": {"type": "array", "items": ref("Tree")}}},
        # module names Windows refuses, keywords, names equal ignoring case
        "Con": {"type": "object", "properties": {"aux": {"type": "string"}}},
        "Class": {"type": "object", "properties": {"con": ref("Con")}},
        "Foo": {"type": "object", "properties": {"a": {"type": "string"}}},
        "foo": {"type": "object", "properties": {"b": {"type": "string"}}},
        "Item": {"type": "object", "properties": {"kind": {"type": "string"}}},
    }
    paths = {
        "/forests": {"post": op("createForest", "forests", requestBody=json_body(ref("Forest")))},
        "/couples": {"post": op("createCouple", "couples", requestBody=json_body(ref("Husband")))},
        "/classes": {"post": op("createClass", "classes", requestBody=json_body(ref("Class")))},
        "/foos": {"post": op("createFoo", "foos", requestBody=json_body(ref("foo")))},
    }
    out = generated(tmp_path, openapi(paths, schemas), "cycles_client")
    types_dir = out / "src" / "cycles_client" / "types"
    modules = sorted(path.stem for path in types_dir.glob("*.py"))
    assert len({m.lower() for m in modules}) == len(modules)
    assert "con_" in modules and "class_" in modules and "con" not in modules
    # Each module imported first in a fresh interpreter: whichever comes first, names resolve.
    for module in modules:
        code = (
            "import importlib, sys\n"
            f"sys.path.insert(0, {str(out / 'src')!r})\n"
            "package = importlib.import_module('cycles_client')\n"
            "assert not [m for m in sys.modules if m.startswith('cycles_client.types')]\n"
            f"importlib.import_module('cycles_client.types.{module}')\n"
            "from cycles_client.types import Husband, Forest, Node\n"
            "h = Husband.model_validate({'name': 'a', 'wife': {'husband': {'name': 'b'}}})\n"
            "assert h.wife.husband.name == 'b'\n"
            "f = Forest.model_validate({'trees': [{'children': [{'value': 1}, {'children': []}]}]})\n"
            "assert f.to_dict() == {'trees': [{'children': [{'value': 1}, {'children': []}]}]}\n"
            "from cycles_client.types import *\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
        assert result.returncode == 0, (module, result.stderr)
    checked = run_mypy(out / "src" / "cycles_client", cache_dir=mypy_cache(True))
    assert checked.returncode == 0, checked.stdout
