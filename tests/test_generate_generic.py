"""The generator on specs of other styles: packages import, type-check and work against a mock."""

from __future__ import annotations

import filecmp
import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from contract_tests.mock import MockServer
from generator.ir.build import build_api
from tests.conftest import ROOT
from tests.test_ir import GENERIC

FIXTURES = ROOT / "tests" / "fixtures" / "specs"


def generate(spec: Path, out: Path, package: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator", "generate", str(spec), "--out", str(out), "--package", package]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)


class Generated(NamedTuple):
    spec: Path
    src: Path  # the package's `src/` folder
    stderr: str


def generate_document(tmp_path: Path, document: dict[str, Any], package: str, client: str) -> Generated:
    """`document` written as a spec and generated (with its client class named `client`)."""
    spec = tmp_path / f"{package}.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    command = [sys.executable, "-m", "generator", "generate", str(spec), "--out", str(tmp_path / "out")]
    done = subprocess.run(
        [*command, "--package", package, "--client", client], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    return Generated(spec, tmp_path / "out" / "src", done.stderr)


def run_script(src: Path, script: str, *args: str) -> None:
    """`script` run in a fresh interpreter beside the generated package; it must succeed."""
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=src)
    assert done.returncode == 0, done.stderr


def assert_mypy_strict(src: Path, package: str) -> None:
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", package], capture_output=True, text=True, cwd=src)
    assert done.returncode == 0, done.stdout


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    root = tmp_path_factory.mktemp("generic")
    zoo = root / "zoo.yaml"
    zoo.write_text(GENERIC)
    specs = {
        "petstore_client": FIXTURES / "petstore.json",
        "tricky_client": FIXTURES / "tricky.yaml",
        "zoo_client": zoo,
    }
    results = {}
    for package, spec in specs.items():
        result = generate(spec, root / package, package)
        assert result.returncode == 0, result.stderr
        results[package] = (spec, root / package, result)
        sys.path.insert(0, str(root / package / "src"))
    yield results
    for _, out, _ in results.values():
        sys.path.remove(str(out / "src"))


def test_every_operation_is_emitted(packages):
    for package, (spec, _, result) in packages.items():
        api = build_api(spec)
        assert f"{len(api.operations)} operations" in result.stdout
        module = importlib.import_module(package)
        client_name = next(
            name for name in module.__all__ if f"Async{name}" in module.__all__ and name != "APIResponse"
        )
        for is_async in (False, True):
            client = getattr(module, ("Async" if is_async else "") + client_name)(**_credentials(api))
            for resource in api.root.walk():
                node = client
                for segment in resource.path:
                    node = getattr(node, segment)
                for op in resource.operations:
                    assert callable(getattr(node, op.name)), f"{package}: {op.id} missing"
                    assert callable(getattr(node.with_raw_response, op.name))


def _credentials(api):
    schemes = [s for s in api.security_schemes]
    if len(schemes) == 1:
        return {"api_key": "k"}
    from generator.ir import naming

    return {naming.field_name(s.name): "k" for s in schemes}


def test_loosely_typed_parts_are_reported_not_dropped(packages):
    _, _, result = packages["tricky_client"]
    assert "multipart/form-data' is passed through untyped" in result.stderr
    assert "is taken in this resource" in result.stderr


def test_generated_packages_pass_mypy_strict(packages, mypy_cache):
    sources = [str(out / "src" / package) for package, (_, out, _) in packages.items()]
    cache = ["--cache-dir", str(mypy_cache(True))]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", *cache, *sources], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_petstore_client_against_the_mock(packages):
    from petstore_client import Petstore

    spec, _, _ = packages["petstore_client"]
    with MockServer(spec, mode="examples", seed=1) as server:
        client = Petstore(api_key="k", base_url=server.url)
        pets = client.pets.list_pets(limit=10, status=["available"])
        assert isinstance(pets, list) and all(hasattr(p, "name") for p in pets)
        assert client.pets.show_pet_by_id("1").id is not None
        assert isinstance(client.store.get_inventory(), dict)


def test_keywords_unicode_and_collisions_get_usable_names(packages):
    tricky = importlib.import_module("tricky_client.types")
    names = set(dir(tricky))  # the models are imported when first used, but listed
    assert {"Square", "Square2", "Node", "Circle"} <= names
    resource = importlib.import_module("tricky_client.resources.unicode_things")
    method = vars(resource)["UnicodeThings"].get_naive_id
    assert "self_" in method.__code__.co_varnames
    zoo = importlib.import_module("zoo_client.types")
    assert {"def_", "class_"} <= set(zoo.DogOwner.model_fields) or {"def_", "class_"} <= set(
        next(getattr(zoo, k) for k in zoo.__all__ if k.startswith("DogOwner")).model_fields
    )


def test_broken_spec_writes_nothing(tmp_path):
    out = tmp_path / "pkg"
    out.mkdir()
    (out / "keep.txt").write_text("previous generation")
    spec = tmp_path / "broken.yaml"
    spec.write_text(GENERIC.replace("#/components/schemas/Cat", "#/components/schemas/Kat"))
    result = generate(spec, out, "broken_client")
    assert result.returncode == 1
    assert "broken.yaml:" in result.stderr and "Kat" in result.stderr and "left unchanged" in result.stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_generation_is_byte_identical(tmp_path):
    for name in ("one", "two"):
        assert generate(FIXTURES / "tricky.yaml", tmp_path / name, "tricky_client").returncode == 0
    comparison = filecmp.dircmp(tmp_path / "one", tmp_path / "two")
    assert not comparison.diff_files and not comparison.left_only and not comparison.right_only


DATES_SPEC = {
    "openapi": "3.0.1",
    "info": {"title": "Dates", "version": "1"},
    "paths": {
        "/things": {
            "post": {
                "operationId": "makeThing",
                "parameters": [
                    {
                        "name": "since",
                        "in": "query",
                        "schema": {"type": "string", "format": "date-time", "maxLength": 40},
                    }
                ],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "properties": {
                    "at": {"type": "string", "format": "date-time", "minLength": 10, "maxLength": 40},
                    "day": {"type": "string", "format": "date", "pattern": "^[0-9-]+$"},
                    "code": {"type": "string", "maxLength": 3},
                },
            }
        }
    },
}

DATES_SCRIPT = """
import datetime, httpx
from dates_client import Dates, RequestValidationError
from dates_client.types import Thing

utc = datetime.timezone.utc
thing = Thing.model_validate({"at": "2020-01-01T00:00:00Z", "day": "2020-01-02", "code": "abc"})
assert thing.at == datetime.datetime(2020, 1, 1, tzinfo=utc) and thing.day == datetime.date(2020, 1, 2)
try:
    Thing.model_validate({"code": "abcd"})  # a plain string keeps its constraint
except ValueError:
    pass
else:
    raise AssertionError("maxLength of a plain string not checked")
sent = []

def answer(request):
    sent.append(request)
    return httpx.Response(200, json={"at": "2021-02-03T04:05:06Z", "day": "2021-02-03"})

client = Dates(base_url="http://api.test", http_client=httpx.Client(transport=httpx.MockTransport(answer)))
made = client.make_thing(since=datetime.datetime(2020, 1, 1, tzinfo=utc), at=datetime.datetime(2020, 1, 1))
assert made.day == datetime.date(2021, 2, 3) and made.at == datetime.datetime(2021, 2, 3, 4, 5, 6, tzinfo=utc)
assert sent[0].url.params["since"] == "2020-01-01T00:00:00+00:00"
try:
    client.make_thing(since="x" * 41)  # the wire text of the query parameter is still checked
except RequestValidationError:
    pass
else:
    raise AssertionError("maxLength of the wire text not checked")
assert len(sent) == 1
"""


def test_string_constraints_of_a_date_format_do_not_stop_a_response_being_parsed(tmp_path):
    """`format: date-time` with `maxLength` (just-eat.co.uk, shipengine.com): the value is a
    `datetime`, to which pydantic cannot apply a length; the wire text keeps its checks."""
    generated = generate_document(tmp_path, DATES_SPEC, "dates_client", "Dates")
    run_script(generated.src, DATES_SCRIPT)
    assert_mypy_strict(generated.src, "dates_client")


NO_CONTENT_SPEC = {
    "openapi": "3.0.1",
    "info": {"title": "Gone", "version": "1"},
    "paths": {
        "/things/{id}": {
            "delete": {
                "operationId": "deleteThing",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "204": {
                        "description": "deleted",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Deleted"}}},
                    }
                },
            }
        }
    },
    "components": {"schemas": {"Deleted": {"type": "object", "properties": {}}}},
}

NO_CONTENT_SCRIPT = """
import httpx
from gone_client import Gone

client = Gone(base_url="http://api.test", http_client=httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(204))))
assert client.delete_thing("a") is None
"""


def test_content_documented_on_a_204_is_ignored_with_a_warning(tmp_path):
    """AWS specs document a body on 204 answers, which HTTP forbids: no server sends one, so a
    client that parsed one failed on every answer (12 calls of the corpus)."""
    generated = generate_document(tmp_path, NO_CONTENT_SPEC, "gone_client", "Gone")
    warning = "#/paths/~1things~1{id}/delete/responses/204/content: warning: a 204 response carries no content"
    assert warning in generated.stderr
    source = (generated.src / "gone_client" / "resources" / "_top_level.py").read_text(encoding="utf-8")
    assert ") -> None:" in source
    run_script(generated.src, NO_CONTENT_SCRIPT)


READ_ONLY_SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "Ledger", "version": "1"},
    "paths": {
        "/notes": {
            "post": {
                "operationId": "addNote",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}},
                },
                "responses": {
                    "201": {
                        "description": "made",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}},
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Note": {
                "type": "object",
                "required": ["id", "total", "kind"],
                "properties": {
                    "id": {"type": "string", "readOnly": True},
                    "kind": {"type": "string", "const": "credit"},
                    "total": {"type": "number"},
                    "lines": {"type": "array", "items": {"$ref": "#/components/schemas/Line"}},
                },
            },
            "Line": {
                "type": "object",
                "required": ["lineId", "amount"],
                "properties": {"lineId": {"type": "string", "readOnly": True}, "amount": {"type": "integer"}},
            },
        }
    },
}

READ_ONLY_SCRIPT = """
import json, httpx, pydantic
from ledger_client import Ledger, RequestValidationError
from ledger_client.types import Line, Note

sent = []

def answer(request):
    sent.append(json.loads(request.content))
    return httpx.Response(201, json={"id": "n1", "kind": "credit", "total": 2, "lines": [{"lineId": "l1", "amount": 2}]})

client = Ledger(base_url="http://api.test", http_client=httpx.Client(transport=httpx.MockTransport(answer)))
made = client.add_note(kind="credit", total=2, lines=[{"amount": 2}])
assert sent == [{"total": 2.0, "kind": "credit", "lines": [{"amount": 2}]}], sent
assert made.id == "n1" and made.lines is not None and made.lines[0].line_id == "l1"
try:
    client.add_note(kind="credit", total=2, lines=[{}])  # a required field that is not read-only is still asked for
except RequestValidationError as exc:
    assert "/lines/0/amount" in str(exc) and "lineId" not in str(exc), str(exc)
else:
    raise AssertionError("a missing amount was sent")
assert len(sent) == 1
for model, data in ((Note, {"total": 1, "kind": "credit"}), (Line, {"amount": 1})):
    try:
        model.model_validate(data)  # a response still needs its read-only fields
    except pydantic.ValidationError:
        pass
    else:
        raise AssertionError(f"{model.__name__} without its read-only field")
"""


def test_a_required_read_only_field_is_not_asked_for_in_a_request(tmp_path):
    """OpenAPI: a `readOnly` property in `required` is required in responses only. A body
    validated as the response model refused every create call (apideck.com/accounting)."""
    generated = generate_document(tmp_path, READ_ONLY_SPEC, "ledger_client", "Ledger")
    run_script(generated.src, READ_ONLY_SCRIPT)
    assert_mypy_strict(generated.src, "ledger_client")


STYLES_SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Styles", "version": "1"},
    "paths": {
        "/search": {
            "get": {
                "operationId": "search",
                "parameters": [
                    {
                        "name": "ids",
                        "in": "query",
                        "explode": False,
                        "schema": {"type": "array", "items": {"type": "integer"}},
                    },
                    {"name": "tags", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
                    {
                        "name": "words",
                        "in": "query",
                        "style": "pipeDelimited",
                        "explode": False,
                        "schema": {"type": "array", "items": {"type": "string"}},
                    },
                    {
                        "name": "filter",
                        "in": "query",
                        "style": "deepObject",
                        "explode": True,
                        "schema": {
                            "type": "object",
                            "properties": {"role": {"type": "string"}, "size": {"type": "integer"}},
                        },
                    },
                    {
                        "name": "point",
                        "in": "query",
                        "schema": {
                            "type": "object",
                            "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}},
                        },
                    },
                    {"name": "flag", "in": "query", "schema": {"type": "boolean"}},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"type": "object", "properties": {"n": {"type": "integer"}}}}
                        },
                    }
                },
            }
        }
    },
}

STYLES_SCRIPT = """
import sys, httpx
from styles_client import Styles

sent = []
client = Styles(
    base_url="http://api.test",
    http_client=httpx.Client(transport=httpx.MockTransport(lambda r: sent.append(r) or httpx.Response(200, json={}))),
)
client.search(
    ids=[1, 2], tags=["a", "b"], words=["x", "y z"], filter={"role": "admin", "size": 3}, point={"x": 1, "y": 2}, flag=True
)
pairs = list(sent[0].url.params.multi_items())
assert pairs == [
    ("ids", "1,2"),
    ("tags", "a"),
    ("tags", "b"),
    ("words", "x|y z"),
    ("filter[role]", "admin"),
    ("filter[size]", "3"),
    ("x", "1"),
    ("y", "2"),
    ("flag", "true"),
], pairs
with_mock = Styles(base_url=sys.argv[1])  # the project's mock reads each style as the spec says
with_mock.search(ids=[1, 2], words=["x", "y"], filter={"role": "admin", "size": 3}, point={"x": 1, "y": 2})
"""


def test_query_parameters_are_serialized_as_their_style_says(tmp_path):
    """OpenAPI's `style` and `explode`: 692 query arrays of 12 corpus specs are not exploded
    (`ids=1,2`), and objects were sent as Python's repr (`Attributes={}`, amazonaws.com/sns)."""
    generated = generate_document(tmp_path, STYLES_SPEC, "styles_client", "Styles")
    with MockServer(generated.spec, mode="examples", seed=1) as server:
        run_script(generated.src, STYLES_SCRIPT, server.url)
