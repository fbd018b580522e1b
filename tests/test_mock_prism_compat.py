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


# --- content negotiation and bodies --------------------------------------------------------------

FORM_SCHEMA = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": {"type": "string", "minLength": 2},
        "age": {"type": "integer", "minimum": 0},
        "tags": {"type": "array", "items": {"type": "string"}},
    },
}


def form_spec(media_type: str) -> dict[str, JSON]:
    operation = {
        "requestBody": {"required": True, "content": {media_type: {"schema": FORM_SCHEMA}}},
        "responses": ok({"application/json": {"example": {"ok": True}}}),
    }
    return spec({"/people": {"post": operation}})


def test_form_bodies_are_validated(serve: Any) -> None:
    client = serve(form_spec("application/x-www-form-urlencoded"))
    assert client.post("/people", data={"name": "Ada", "age": "36", "tags": ["a", "b"]}).status_code == 200
    response = client.post("/people", data={"name": "Ada", "age": "old"})
    assert response.status_code == 422
    assert response.json()["validation"][0]["location"] == ["body", "age"]
    assert client.post("/people", data={"age": "3"}).json()["validation"][0]["location"] == ["body", "name"]


def test_multipart_bodies_are_validated(serve: Any) -> None:
    client = serve(form_spec("multipart/form-data"))
    good = client.post("/people", data={"name": "Ada", "age": "36"}, files={"tags": ("t.txt", b"x")})
    assert good.status_code == 200, good.text
    bad = client.post("/people", data={"name": "A"}, files={"tags": ("t.txt", b"x")})
    assert bad.status_code == 422 and bad.json()["validation"][0]["location"] == ["body", "name"]


def test_a_multipart_body_of_no_part_is_an_empty_form(serve: Any) -> None:
    """A client sends only the closing delimiter for a form whose fields are all left out
    (taggun.io in the corpus): an empty form, refused only for the fields it lacks."""
    client = serve(form_spec("multipart/form-data"))
    empty = b"--b0undary--\r\n"
    headers = {"content-type": "multipart/form-data; boundary=b0undary"}
    refused = client.post("/people", content=empty, headers=headers)
    assert refused.status_code == 422 and refused.json()["validation"][0]["location"] == ["body", "name"]
    other = client.post("/people", content=b"--other--\r\n", headers=headers)  # not its boundary
    assert other.status_code == 422 and "no parts, or no boundary" in other.text


def test_an_unsupported_request_media_type_is_a_415(serve: Any) -> None:
    client = serve(PETS_POST and spec(PETS_POST))
    response = client.post("/pets", content=b"<pet/>", headers={"content-type": "application/xml"})
    assert response.status_code == 415
    assert response.headers["content-type"] == "application/problem+json"
    # Without a body the header is ignored, as Prism does; the missing body is the problem.
    assert client.post("/pets", headers={"content-type": "application/xml"}).status_code == 422


def test_an_accept_the_operation_cannot_produce_is_a_406(serve: Any) -> None:
    operation = {"responses": ok({"text/plain": {"example": "hello"}})}
    client = serve(spec({"/todos": {"get": operation}}))
    response = client.get("/todos", headers={"accept": "application/json"})
    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"
    assert client.get("/todos", headers={"accept": "text/*"}).text == "hello"
    assert client.get("/todos", headers={"accept": "application/json, text/plain;q=0.5"}).status_code == 200
    assert client.get("/todos", headers={"accept": "text/plain;q=0"}).status_code == 406


def test_form_exploded_and_deep_object_query_parameters(serve: Any) -> None:
    role = {
        "type": "object",
        "required": ["role"],
        "properties": {"role": {"type": "string", "enum": ["admin", "user"]}, "size": {"type": "integer"}},
    }
    operation = {
        "parameters": [
            {"name": "filter", "in": "query", "required": True, "schema": role},
            {"name": "page", "in": "query", "style": "deepObject", "schema": {"$ref": "#/components/schemas/Page"}},
        ],
        "responses": ok({"application/json": {"example": []}}),
    }
    page = {"type": "object", "properties": {"number": {"type": "integer", "minimum": 1}}}
    client = serve(spec({"/users": {"get": operation}}, components={"schemas": {"Page": page}}))
    assert client.get("/users", params={"role": "admin", "size": "3"}).status_code == 200
    assert client.get("/users", params={"role": "admin", "page[number]": "2"}).status_code == 200
    assert client.get("/users", params={"role": "root"}).json()["validation"][0]["location"] == [
        "query",
        "filter",
        "role",
    ]
    assert client.get("/users", params={"role": "user", "page[number]": "0"}).status_code == 422
    assert client.get("/users").status_code == 422


# --- loading ------------------------------------------------------------------------------------


def test_a_spec_without_info_is_served_with_a_warning(tmp_path: Path) -> None:
    document = spec({"/hello": {"get": {"responses": ok({"application/json": {"example": "hi"}})}}})
    del document["info"]
    path = tmp_path / "no-info.json"
    path.write_text(json.dumps(document))
    with MockServer(path) as server:
        assert httpx.get(server.url + "/hello").json() == "hi"
        assert any("info" in warning and "served anyway" in warning for warning in server.app.warnings)
    # Only the mock is lenient: the generator still refuses the spec.
    from generator.errors import SpecError
    from generator.ir.build import build_api

    with pytest.raises(SpecError, match="info"):
        build_api(path)


# --- static generation --------------------------------------------------------------------------


def test_static_generation_fills_every_property_and_uses_schema_examples(serve: Any) -> None:
    pet = {
        "type": "object",
        "properties": {
            "id": {"type": "integer", "format": "int64"},
            "name": {"type": "string", "example": "doggie"},
            "photoUrls": {"type": "array", "items": {"type": "string"}},
            "status": {"type": "string", "default": "available"},
            "nickname": {"type": ["string", "null"]},
            "born": {"type": "string", "format": "date"},
        },
    }
    operation = {"responses": ok({"application/json": {"schema": pet}})}
    client = serve(spec({"/pets/{id}": {"get": operation}}))
    assert client.get("/pets/123").json() == {
        "id": 0,
        "name": "doggie",
        "photoUrls": ["string"],
        "status": "available",
        "nickname": None,
        "born": "2025-01-01",
    }


def test_a_multipart_part_named_in_raw_bytes_is_read_as_text(serve: Any) -> None:
    client = serve(form_spec("multipart/form-data"))
    body = (
        b'--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nAda\r\n'
        b'--b\r\nContent-Disposition: form-data; name="\xff\xfe"\r\n\r\nx\r\n--b--\r\n'
    )
    response = client.post("/people", content=body, headers={"content-type": "multipart/form-data; boundary=b"})
    assert response.status_code == 200, response.text


def test_a_response_of_any_media_type_satisfies_any_accept(serve: Any) -> None:
    client = serve(spec({"/any": {"get": {"responses": ok({"*/*": {"schema": {"type": "string"}, "example": "x"}})}}}))
    assert client.get("/any", headers={"accept": "application/json"}).status_code == 200


def test_a_401_documented_without_a_body_is_answered_without_one(serve: Any) -> None:
    document = secured({"type": "http", "scheme": "basic"})
    document["paths"]["/me"]["get"]["responses"]["401"] = {"description": "who are you"}
    client = serve(document, self_check=True)
    response = client.get("/me")
    assert response.status_code == 401 and response.content == b""
    assert response.headers["www-authenticate"].startswith("Basic")


def test_an_operation_documenting_only_a_default_answers_it_as_a_200(serve: Any) -> None:
    default = {"default": {"description": "any", "content": {"application/json": {"schema": {"type": "string"}}}}}
    client = serve(spec({"/only-default": {"get": {"responses": default}}}), self_check=True)
    response = client.get("/only-default")
    assert response.status_code == 200 and response.json() == "string"


def test_negotiation_can_be_turned_off(serve: Any) -> None:
    operation = {"responses": ok({"text/plain": {"example": "hello"}})}
    client = serve(spec({"/todos": {"get": operation}}), negotiation=False)
    assert client.get("/todos", headers={"accept": "application/json"}).text == "hello"
    form = serve(form_spec("application/x-www-form-urlencoded"), negotiation=False)
    assert form.post("/people", json={"anything": 1}).status_code == 200
