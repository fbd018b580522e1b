"""Prism's documented conventions where a spec is silent, run against the mock (examples mode).

Each case is written from Prism's documentation (its guides "HTTP Mocking", "Request
Validation" and "Errors"): a spec snippet, a request, and the answer Prism documents. Where
the mock knowingly answers otherwise, the case says so and `contract_tests/README.md` lists it.
"""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from contract_tests.mock import MockServer

JSON = Any


def spec(paths: dict[str, JSON], **extra: JSON) -> dict[str, JSON]:
    document: dict[str, JSON] = {"openapi": "3.1.0", "info": {"title": "Compat", "version": "1"}, "paths": paths}
    document.update(extra)
    return copy.deepcopy(document)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Any]:
    servers: list[MockServer] = []

    def start(document: dict[str, JSON], **options: Any) -> httpx.Client:
        path = tmp_path / f"spec{len(servers)}.json"
        path.write_text(json.dumps(document))
        server = MockServer(path, **options).start()
        servers.append(server)
        return httpx.Client(base_url=server.url)

    yield start
    for server in servers:
        server.stop()


def ok(content: JSON | None = None, status: str = "200") -> dict[str, JSON]:
    response: dict[str, JSON] = {"description": "ok"}
    if content is not None:
        response["content"] = content
    return {status: response}


PETS = {
    "/pets/{id}": {
        "get": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
            "responses": {
                "200": {
                    "description": "a pet",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/Pet"},
                            "examples": {
                                "cat": {"value": {"id": 2, "name": "Fluffy", "photoUrls": []}},
                                "dog": {"value": {"id": 1, "name": "Spot", "photoUrls": ["https://dog.example/1.jpg"]}},
                            },
                        }
                    },
                },
                "404": {
                    "description": "not found",
                    "content": {"application/json": {"schema": {"type": "object"}, "example": {"missing": True}}},
                },
            },
        }
    }
}
PET = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {
        "id": {"type": "integer", "format": "int64"},
        "name": {"type": "string", "example": "doggie"},
        "photoUrls": {"type": "array", "items": {"type": "string"}},
    },
}


# --- response selection -------------------------------------------------------------------------


def test_first_named_example_by_default_and_prefer_example(serve: Any) -> None:
    client = serve(spec(PETS, components={"schemas": {"Pet": PET}}))
    assert client.get("/pets/1").json()["name"] == "Fluffy"
    assert client.get("/pets/1", headers={"Prefer": "example=dog"}).json()["name"] == "Spot"


def test_query_controls_mirror_prefer(serve: Any) -> None:
    client = serve(spec(PETS, components={"schemas": {"Pet": PET}}))
    assert client.get("/pets/1", params={"__example": "dog"}).json()["name"] == "Spot"
    response = client.get("/pets/1", params={"__code": "404"})
    assert response.status_code == 404 and response.json() == {"missing": True}
    dynamic = client.get("/pets/1", params={"__dynamic": "true"})
    assert dynamic.status_code == 200 and set(dynamic.json()) >= {"id", "name"}


def test_lowest_2xx_is_chosen(serve: Any) -> None:
    responses = {
        "202": {"description": "accepted", "content": {"application/json": {"example": {"which": 202}}}},
        "201": {"description": "created", "content": {"application/json": {"example": {"which": 201}}}},
        "400": {"description": "bad", "content": {"application/json": {"example": {"which": 400}}}},
    }
    client = serve(spec({"/things": {"post": {"responses": responses}}}))
    response = client.post("/things")
    assert response.status_code == 201 and response.json() == {"which": 201}


def test_an_operation_documenting_only_a_405_gets_it(serve: Any) -> None:
    responses = {"405": {"description": "not allowed", "content": {"application/json": {"example": {"no": True}}}}}
    client = serve(spec({"/legacy": {"delete": {"responses": responses}}}))
    response = client.delete("/legacy")
    assert response.status_code == 405 and response.json() == {"no": True}


def test_examples_without_a_schema_are_served(serve: Any) -> None:
    client = serve(spec({"/hello": {"get": {"responses": ok({"application/json": {"example": "hello"}})}}}))
    response = client.get("/hello")
    assert response.status_code == 200 and response.json() == "hello"


def test_deprecated_operations_carry_a_deprecation_header(serve: Any) -> None:
    operation = {"deprecated": True, "responses": ok({"application/json": {"example": {"a": 1}}})}
    client = serve(spec({"/old": {"get": operation}}))
    assert client.get("/old").headers["deprecation"] == "true"


# --- request validation -------------------------------------------------------------------------

PETS_POST = {
    "/pets": {
        "post": {
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}
                    }
                },
            },
            "responses": ok({"application/json": {"example": {"id": 1}}}, "201"),
        }
    }
}


def test_an_invalid_request_without_documented_errors_is_a_422_problem(serve: Any) -> None:
    client = serve(spec(PETS_POST))
    response = client.post("/pets", json={"tag": "Stowford"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422 and body["title"] and body["detail"]
    assert body["validation"] == [
        {"location": ["body", "name"], "severity": "Error", "code": "required", "message": "is required"}
    ]


def test_a_documented_422_wins_over_a_400(serve: Any) -> None:
    document = spec(PETS_POST)
    document["paths"]["/pets"]["post"]["responses"].update(
        {
            "400": {"description": "bad", "content": {"application/json": {"example": {"kind": "400"}}}},
            "422": {
                "description": "invalid",
                "content": {
                    "application/json": {
                        "schema": {"type": "object", "properties": {"message": {"type": "string"}}},
                        "example": {"message": "invalid"},
                    }
                },
            },
        }
    )
    response = serve(document).post("/pets", json={})
    assert response.status_code == 422 and "body#/name" in response.json()["message"]


def test_a_documented_400_is_used(serve: Any) -> None:
    document = spec(PETS_POST)
    error = {"type": "object", "properties": {"error": {"type": "string"}}}
    document["paths"]["/pets"]["post"]["responses"]["400"] = {
        "description": "bad",
        "content": {"application/json": {"schema": error, "example": {"error": "bad"}}},
    }
    response = serve(document).post("/pets", json={})
    assert response.status_code == 400 and "body#/name" in response.json()["error"]


# --- security -----------------------------------------------------------------------------------


def secured(scheme: dict[str, JSON]) -> dict[str, JSON]:
    operation = {"security": [{"auth": []}], "responses": ok({"application/json": {"example": {"ok": True}}})}
    return spec({"/me": {"get": operation}}, components={"securitySchemes": {"auth": scheme}})


@pytest.mark.parametrize(
    ("scheme", "good", "bad", "challenge"),
    [
        (
            {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
            {"headers": {"x-api-key": "k"}},
            {"headers": {"X-Other": "k"}},
            "ApiKey",
        ),
        (
            {"type": "apiKey", "in": "query", "name": "apiKey"},
            {"params": {"apiKey": "k"}},
            {"params": {"apikey": "k"}},
            "ApiKey",
        ),
        (
            {"type": "apiKey", "in": "cookie", "name": "Session"},
            {"headers": {"Cookie": "Session=k"}},
            {"headers": {"Cookie": "session=k"}},
            "ApiKey",
        ),
        (
            {"type": "http", "scheme": "basic"},
            {"headers": {"Authorization": "Basic " + base64.b64encode(b"user:pass").decode()}},
            {"headers": {"Authorization": "Basic not-base64!"}},
            "Basic",
        ),
        (
            {"type": "http", "scheme": "bearer"},
            {"headers": {"Authorization": "Bearer abc"}},
            {"headers": {"Authorization": "Basic abc"}},
            "Bearer",
        ),
        (
            {"type": "http", "scheme": "digest"},
            {
                "headers": {
                    "Authorization": 'Digest username="u", realm="r", nonce="n", uri="/me", response="0a1b"',
                }
            },
            {"headers": {"Authorization": 'Digest username="u"'}},
            "Digest",
        ),
    ],
    ids=["apikey-header", "apikey-query", "apikey-cookie", "basic", "bearer", "digest"],
)
def test_each_security_scheme_by_its_own_rule(
    serve: Any, scheme: dict[str, JSON], good: dict[str, Any], bad: dict[str, Any], challenge: str
) -> None:
    client = serve(secured(scheme))
    assert client.get("/me", **good).status_code == 200
    for attempt in (bad, {}):
        client.cookies.clear()
        response = client.get("/me", **attempt)
        assert response.status_code == 401, attempt
        assert response.headers["www-authenticate"].startswith(challenge)
        assert response.headers["content-type"] == "application/problem+json"
