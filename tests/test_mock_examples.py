"""Examples mode (a drop-in for Prism), synthesised data, any third-party spec, and the CLI."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import jsonschema
import pytest

from contract_tests.mock import MockServer
from contract_tests.mock.schemas import PY_FORMAT_CHECKER
from contract_tests.mock.synth import Synthesizer
from generator.ir.build import build_api
from generator.ir.model import Api, ModelRef
from tests.conftest import LINQ_AUTH, ROOT, SENDBLUE_AUTH, checked_client

LINQ = ROOT / "spec" / "linq.yaml"
SENDBLUE = ROOT / "spec" / "sendblue.yaml"
CHAT = "6f1b9a2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b"

PETSTORE = """
openapi: 3.0.3
info: {title: Tiny Petstore, version: "1.0"}
security: [{ApiKey: []}]
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100}}
        - {name: status, in: query, schema: {type: string, enum: [available, sold]}}
        - {name: tags, in: query, style: form, explode: true, schema: {type: array, items: {type: string}}}
      responses:
        "200":
          description: Pets.
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Pet"}}
        default:
          description: Error.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
    post:
      operationId: createPet
      tags: [pets]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/NewPet"}
      responses:
        "201":
          description: Created.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
        default:
          description: Error.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
  /pets/{petId}:
    parameters:
      - {name: petId, in: path, required: true, schema: {type: integer, format: int64, minimum: 1}}
    get:
      operationId: showPetById
      tags: [pets]
      responses:
        "200":
          description: A pet.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
              examples:
                rex: {value: {id: 1, name: Rex, tag: dog, status: available, born: "2020-01-02"}}
                tom: {value: {id: 2, name: Tom, tag: null, status: sold}}
        "404":
          description: No such pet.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
              example: {code: 404, message: Pet not found}
    patch:
      operationId: updatePet
      tags: [pets]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/NewPet"}
      responses:
        "200":
          description: The updated pet.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
        "404":
          description: No such pet.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
    delete:
      operationId: deletePet
      tags: [pets]
      responses:
        "204": {description: Deleted.}
        "404":
          description: No such pet.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
components:
  securitySchemes:
    ApiKey: {type: apiKey, in: header, name: X-API-Key}
  schemas:
    Pet:
      type: object
      required: [id, name, status]
      properties:
        id: {type: integer, format: int64, minimum: 1}
        name: {type: string, minLength: 1, maxLength: 40}
        tag: {type: string, nullable: true}
        status: {type: string, enum: [available, sold]}
        born: {type: string, format: date}
        owner_email: {type: string, format: email}
        website: {type: string, format: uri}
        code: {type: string, pattern: "^[A-Z]{3}-[0-9]{4}$"}
        weight: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 90}
    NewPet:
      type: object
      required: [name]
      properties:
        name: {type: string, minLength: 1, maxLength: 40}
        tag: {type: string, nullable: true}
        status: {type: string, enum: [available, sold]}
    Error:
      type: object
      required: [code, message]
      properties:
        code: {type: integer}
        message: {type: string}
"""
PET_AUTH = {"X-API-Key": "k"}


def validate(api: Api, op_id: str, status: str, body: object) -> None:
    """Validate with the pure-Python jsonschema, independently of the mock's own validators."""
    response = next(r for r in api.operation(op_id).responses if r.status == status)
    assert response.schema_json is not None
    schema = api.standalone_schema(response.schema_json)
    jsonschema.Draft202012Validator(schema, format_checker=PY_FORMAT_CHECKER).validate(body)


@pytest.fixture(scope="module")
def linq_api() -> Api:
    return build_api(LINQ)


@pytest.fixture(scope="module")
def linq_server() -> Iterator[MockServer]:
    with MockServer(LINQ, self_check=True) as server:
        yield server


@pytest.fixture
def linq(linq_server: MockServer) -> Iterator[httpx.Client]:
    with checked_client(linq_server, LINQ_AUTH) as client:
        yield client


@pytest.fixture
def petstore(tmp_path: Path) -> Path:
    path = tmp_path / "petstore.yaml"
    path.write_text(PETSTORE, encoding="utf-8")
    return path


def test_answers_with_the_spec_examples(linq: httpx.Client, linq_api: Api) -> None:
    for op_id, method, path in [
        ("chatsRetrieve", "GET", f"/v3/chats/{CHAT}"),
        ("chatsListChats", "GET", "/v3/chats"),
        ("messagesRetrieve", "GET", f"/v3/messages/{CHAT}"),
    ]:
        response = linq.request(method, path)
        assert response.status_code == 200
        assert response.json() == linq_api.operation(op_id).success.example  # type: ignore[union-attr]
    created = linq.post(
        "/v3/chats",
        json={"from": "+12223334444", "to": ["+13334445555"], "message": {"parts": [{"type": "text", "value": "hi"}]}},
    )
    assert created.status_code == 201 and created.headers["content-type"] == "application/json"
    assert linq.post(f"/v3/chats/{CHAT}/read").status_code == 204
    assert linq.post(f"/v3/chats/{CHAT}/read").content == b""


def test_prefer_code_answers_that_documented_status(linq: httpx.Client, linq_api: Api) -> None:
    missing = linq.get(f"/v3/chats/{CHAT}", headers={"Prefer": "code=404"})
    assert missing.status_code == 404
    assert missing.json() == next(r.example for r in linq_api.operation("chatsRetrieve").responses if r.status == "404")
    limited = linq.get("/v3/chats", headers={"Prefer": "code=429"})
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 0
    undocumented = linq.get(f"/v3/chats/{CHAT}", headers={"Prefer": "code=418"})
    assert undocumented.status_code == 400
    assert "code=418 is not documented here (documented: 200, 401, 404, 429)" in undocumented.json()["error"]["message"]


@pytest.mark.parametrize(
    ("query", "header"),
    [
        ({"__code": "³"}, {}),  # SUPERSCRIPT THREE: `isdigit()` says yes, `int()` refuses it
        ({"__code": "٣"}, {}),  # ARABIC-INDIC DIGIT THREE: `int()` reads it as 3
        ({"__code": "２００"}, {}),
        ({}, {"Prefer": b"code=\xb3"}),  # '³' in Latin-1, as a header carries it
    ],
)
def test_a_code_asked_for_in_other_than_ascii_digits_is_not_documented(
    linq: httpx.Client, query: dict[str, str], header: dict[str, bytes]
) -> None:
    response = linq.get("/v3/chats", params=query, headers=header)
    assert response.status_code == 400, response.text
    body = response.json()
    assert set(body) == {"error", "trace_id"} and body["error"]["status"] == 400
    assert "is not documented here (documented: 200, 400, 401, 429)" in body["error"]["message"]


def test_sendblue_examples(tmp_path: Path) -> None:
    api = build_api(SENDBLUE)
    with MockServer(api, self_check=True) as server, httpx.Client(base_url=server.url, headers=SENDBLUE_AUTH) as client:
        listed = client.get("/api/v2/messages")
        assert listed.status_code == 200 and listed.json() == api.operation("messagesList").success.example  # type: ignore[union-attr]
        limited = client.get("/api/v2/messages", headers={"Prefer": "code=429"})
        assert limited.status_code == 429 and limited.json()["error_code"] == 429
        assert server.violations == []


def test_a_third_party_spec_in_examples_mode(petstore: Path) -> None:
    api = build_api(petstore)
    with (
        MockServer(api, seed=5, self_check=True) as server,
        httpx.Client(base_url=server.url, headers=PET_AUTH) as client,
    ):
        pets = client.get("/pets", params={"limit": 5, "tags": ["a", "b"]})
        assert pets.status_code == 200
        assert pets.json(), "synthesised, not empty"
        validate(api, "listPets", "200", pets.json())
        created = client.post("/pets", json={"name": "Rex"})
        assert created.status_code == 201
        validate(api, "createPet", "201", created.json())
        rex = client.get("/pets/1")
        assert rex.json() == {"id": 1, "name": "Rex", "tag": "dog", "status": "available", "born": "2020-01-02"}
        tom = client.get("/pets/1", headers={"Prefer": "example=tom"})
        assert tom.json()["name"] == "Tom"
        unknown = client.get("/pets/1", headers={"Prefer": "example=garfield"})
        assert unknown.status_code == 400 and "rex, tom" in unknown.json()["message"]
        assert client.get("/pets/1", headers={"Prefer": "code=404"}).json() == {"code": 404, "message": "Pet not found"}
        bad = client.post("/pets", json={"name": ""})
        assert bad.status_code == 400
        assert bad.json()["code"] == 400 and "body#/name" in bad.json()["message"]
        validate(api, "createPet", "default", bad.json())
        assert "[type]" in client.get("/pets/abc").json()["message"]
        assert client.get("/pets", params={"limit": 0}).status_code == 400
        assert client.get("/pets", params={"status": "lost"}).status_code == 400
        assert client.get("/pets", headers={"X-API-Key": ""}).status_code == 401
        assert httpx.get(server.url + "/pets").status_code == 401
        assert client.put("/pets/1").headers["allow"] == "DELETE, GET, PATCH"
        assert client.delete("/pets/1").status_code == 204
        for _ in range(5):
            dynamic = client.get("/pets/1", headers={"Prefer": "dynamic=true"})
            validate(api, "showPetById", "200", dynamic.json())
        assert server.violations == []


def test_a_third_party_spec_in_stateful_mode(petstore: Path) -> None:
    with MockServer(petstore, mode="stateful", seed=2, self_check=True) as server:
        with httpx.Client(base_url=server.url, headers=PET_AUTH) as client:
            seeded = client.get("/pets").json()
            assert len(seeded) == 5
            created = client.post("/pets", json={"name": "Rex", "tag": "dog"})
            assert created.status_code == 201
            pet = created.json()
            assert pet["name"] == "Rex" and pet["tag"] == "dog" and isinstance(pet["id"], int)
            assert client.get(f"/pets/{pet['id']}").json() == pet
            assert pet in client.get("/pets").json()
            assert client.get("/pets", params={"limit": 2}).json() == seeded[:2]
            renamed = client.patch(f"/pets/{pet['id']}", json={"name": "Rexy"})
            assert renamed.status_code == 200 and renamed.json()["name"] == "Rexy"
            assert client.get(f"/pets/{pet['id']}").json()["name"] == "Rexy"
            statuses = {p["status"] for p in client.get("/pets").json()}
            for status in statuses:
                assert {p["status"] for p in client.get("/pets", params={"status": status}).json()} == {status}
            assert client.delete(f"/pets/{pet['id']}").status_code == 204
            missing = client.get(f"/pets/{pet['id']}")
            assert missing.status_code == 404 and "No pet has id" in missing.json()["message"]
            assert client.delete(f"/pets/{pet['id']}").status_code == 404
        assert server.violations == []


def test_cli_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "contract_tests.mock", "--help"], capture_output=True, text=True, cwd=ROOT, check=True
    )
    for option in ("--port", "--mode", "--seed", "--rate-limit", "--latency", "--error-rate", "--drop-rate"):
        assert option in result.stdout


def test_cli_serves_and_prints_what_it_serves() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "contract_tests.mock",
        str(LINQ),
        "--port",
        "0",
        "--mode",
        "stateful",
        "--seed",
        "4",
    ]
    with subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        try:
            assert process.stdout is not None
            lines = []
            while not lines or "ready" not in lines[-1]:
                line = process.stdout.readline()
                assert line, process.stderr.read() if process.stderr else "no output"
                lines.append(line)
            head = lines[0]
            assert "Linq Partner API" in head and "stateful mode" in head
            url = head.split(" at ")[1].split()[0]
            assert any("GET    /v3/chats " in line and "chatsListChats" in line for line in lines)
            assert any(line.startswith("Seed data: 3 chats, 135 messages") for line in lines)
            response = httpx.get(url + "/v3/chats", headers=LINQ_AUTH)
            assert response.status_code == 200 and len(response.json()["chats"]) == 3
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_cli_reports_a_broken_spec(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        json.dumps(
            {
                "openapi": "3.1.0",
                "info": {"title": "x", "version": "1"},
                "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/nope"}}}}},
            }
        )
    )
    result = subprocess.run(
        [sys.executable, "-m", "contract_tests.mock", str(broken)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1 and "cannot be served" in result.stderr


@pytest.mark.parametrize("spec", [LINQ, SENDBLUE], ids=["linq", "sendblue"])
def test_synthesised_data_satisfies_every_model(spec: Path) -> None:
    """Formats, patterns, bounds, enums, discriminators, nullables, exactly-one-of groups."""
    api = build_api(spec)
    synth = Synthesizer(api, random.Random(11))
    registry = api.json_schema_registry()
    for model in api.models:
        schema = {"$ref": f"#/components/schemas/{model.name}", **registry}
        validator = jsonschema.Draft202012Validator(schema, format_checker=PY_FORMAT_CHECKER)
        type_ = ModelRef(model.name)
        for full in [True] * 15 + [False]:
            value = synth.value(type_, full=full, response=not model.name.endswith("Params"))
            if model.name == "MessageAddReactionParams" and value.get("type") == "custom":
                continue  # its `if`/`then` is not in the IR; the mock validates and retries such values
            errors = [e.message for e in validator.iter_errors(value)]
            assert not errors, (model.name, value, errors)


MINIMAL = """
openapi: 3.1.0
info: {title: Minimal, version: "1"}
servers: [{url: "https://api.example.com/base"}]
paths:
  /things/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        "200":
          description: A thing.
          content: {application/json: {schema: {type: object, properties: {id: {type: integer}}}}}
"""


def test_a_spec_without_error_schemas_answers_problem_json(tmp_path: Path) -> None:
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    with MockServer(path, self_check=True) as server:
        bad = httpx.get(server.url + "/things/abc")
        # Prism's answer where the spec documents no error response: 422 problem+json.
        assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
        assert bad.json()["status"] == 422 and "path.id: 'abc' is not of type 'integer' [type]" in bad.json()["detail"]
        assert bad.json()["validation"][0]["location"] == ["path", "id"]
        assert httpx.get(server.url + "/nothing").json()["title"] == "Not Found"
        assert httpx.get(server.url + "/things/3").status_code == 200
        assert httpx.get(server.url + "/base/things/3").status_code == 200, "the server's base path is accepted"
        assert server.violations == []


def test_a_204_carries_no_body_even_when_the_spec_documents_one(tmp_path):
    """A body written after a 204 would be read by the client as the next response's status line."""
    spec = tmp_path / "nocontent.yaml"
    spec.write_text(
        """
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things/{id}:
    delete:
      operationId: deleteThing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "204":
          description: gone
          content: {application/json: {schema: {type: object}, example: {deleted: true}}}
    get:
      operationId: getThing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}, example: {id: a}}}}
"""
    )
    with MockServer(spec, mode="examples", seed=1) as server, httpx.Client(base_url=server.url) as client:
        deleted = client.delete("/things/a")
        assert deleted.status_code == 204 and deleted.content == b""
        assert client.get("/things/a").json() == {"id": "a"}  # same connection, next response intact
