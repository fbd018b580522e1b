"""The loader reports every problem of a broken spec with file, line and JSON pointer."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from generator import SpecError, inspect_spec, load_spec
from generator.document.loader import follow_pointer
from tests.conftest import ROOT, SPECS

VALID = textwrap.dedent(
    """\
    openapi: 3.1.0
    info:
      title: Pets
      version: "1.0"
    paths:
      /pets/{petId}:
        get:
          operationId: getPet
          parameters:
            - name: petId
              in: path
              required: true
              schema: {type: string}
          responses:
            "200":
              description: A pet
              content:
                application/json:
                  schema:
                    $ref: "#/components/schemas/Pet"
    components:
      schemas:
        Pet:
          type: object
          required: [name]
          properties:
            name: {type: string}
            born: {type: string, format: date, example: 2024-01-01}
    """
)


def errors_of(path):
    _, problems = inspect_spec(path)
    return [p for p in problems if p.severity == "error"]


@pytest.mark.parametrize("name", sorted(SPECS))
def test_project_specs_load_without_problems(name):
    loaded, problems = inspect_spec(SPECS[name])
    assert problems == []
    assert loaded is not None and loaded.version == "3.1"


def test_valid_spec_keeps_yaml_dates_as_strings(write_spec):
    loaded = load_spec(write_spec(VALID))
    born = loaded.data["components"]["schemas"]["Pet"]["properties"]["born"]
    assert born["example"] == "2024-01-01"


def test_dangling_ref_names_line_pointer_and_closest_match(write_spec):
    path = write_spec(VALID.replace("#/components/schemas/Pet", "#/components/schemas/Pett"))
    [problem] = errors_of(path)
    assert problem.location.file == str(path)
    assert problem.location.line == 20
    assert problem.location.pointer == "/paths/~1pets~1{petId}/get/responses/200/content/application~1json/schema/$ref"
    assert "Pett" in problem.message
    assert problem.hint == "did you mean '#/components/schemas/Pet'?"


def test_missing_required_key_is_reported_at_its_parent(write_spec):
    path = write_spec(VALID.replace('  version: "1.0"\n', ""))
    [problem] = errors_of(path)
    assert problem.location.pointer == "/info"
    assert problem.location.line == 2
    assert "'version' is a required property" in problem.message.replace('"', "'")


def test_wrong_type_is_reported_at_the_value(write_spec):
    path = write_spec(VALID.replace("      responses:\n", "      responses: 5\n      x-unused:\n"))
    [problem] = errors_of(path)
    assert problem.location.pointer == "/paths/~1pets~1{petId}/get/responses"
    assert problem.location.line == 14
    assert "5 is not of type" in problem.message


def test_wrong_scalar_type_in_a_parameter(write_spec):
    path = write_spec(VALID.replace("required: true", 'required: "yes"'))
    problems = errors_of(path)
    assert any(p.location.pointer.startswith("/paths/~1pets~1{petId}/get/parameters/0") for p in problems), problems
    assert all(p.location.line is not None for p in problems)


def test_all_problems_are_reported_not_only_the_first(write_spec):
    text = VALID.replace("#/components/schemas/Pet", "#/components/schemas/Nope")
    text += "    Other:\n      $ref: '#/components/schemas/Missing'\n"
    assert len(errors_of(write_spec(text))) == 2


def test_yaml_syntax_error_has_a_line(write_spec):
    path = write_spec(VALID.replace("title: Pets", "title: [Pets"))
    [problem] = errors_of(path)
    assert problem.message.startswith("invalid YAML")
    assert problem.location.line is not None


def test_duplicate_keys_are_reported(write_spec):
    path = write_spec(
        VALID.replace("        name: {type: string}\n", "        name: {type: string}\n        name: {type: integer}\n")
    )
    [problem] = errors_of(path)
    assert "duplicate key 'name'" in problem.message
    assert problem.location.pointer == "/components/schemas/Pet/properties/name"


@pytest.mark.parametrize(
    ("replacement", "message"),
    [("openapi: 2.0.0", "OpenAPI 2.0.0 is not supported"), ("swagger: '2.0'", "Swagger 2.0 is not supported")],
)
def test_unsupported_versions(write_spec, replacement, message):
    [problem] = errors_of(write_spec(VALID.replace("openapi: 3.1.0", replacement)))
    assert message in problem.message


def test_openapi_30_and_json_are_accepted(write_spec):
    doc = load_spec(write_spec(VALID)).data
    doc["openapi"] = "3.0.3"
    loaded = load_spec(write_spec(json.dumps(doc, indent=2), name="spec.json"))
    assert loaded.version == "3.0"


def test_external_file_refs_are_followed_and_checked(write_spec):
    write_spec("Pet:\n  type: object\n  properties:\n    name: {type: string}\n", name="models.yaml")
    ok = write_spec(VALID.replace("#/components/schemas/Pet", "models.yaml#/Pet"))
    assert errors_of(ok) == []
    broken = write_spec(VALID.replace("#/components/schemas/Pet", "models.yaml#/Dog"), name="broken.yaml")
    [problem] = errors_of(broken)
    assert "models.yaml" in problem.message and problem.location.file == str(broken)


def test_load_spec_raises_with_every_problem(write_spec):
    with pytest.raises(SpecError) as caught:
        load_spec(write_spec(VALID.replace("#/components/schemas/Pet", "#/nowhere")))
    assert len(caught.value.problems) == 1
    assert "spec.yaml:20" in str(caught.value)


def _ref_to_an_item(token: str) -> str:
    """VALID with its `$ref` to `Pet/allOf/<token>`, Pet being an `allOf` of one schema."""
    text = VALID.replace("#/components/schemas/Pet", f"#/components/schemas/Pet/allOf/{token}")
    return text.replace("      type: object\n", "      allOf: [{type: object}]\n", 1)


# RFC 6901: an array index is `0|[1-9][0-9]*` in ASCII. `str.isdigit()` also takes '²' (which
# `int()` refuses: the loader failed with a ValueError) and '٠' or '０' (which `int()` reads as 0:
# the `$ref` resolved to the first item).
@pytest.mark.parametrize("token", ["²", "٠", "０", "00", " 0", "1" * 5000])
def test_a_pointer_token_that_is_not_an_ascii_array_index_names_no_item(write_spec, token):
    assert follow_pointer({"items": ["first"]}, "/items/0") == "first"
    with pytest.raises(KeyError):
        follow_pointer({"items": ["first"]}, f"/items/{token}")
    assert errors_of(write_spec(_ref_to_an_item("0"), name="ok.yaml")) == []
    [problem] = errors_of(write_spec(_ref_to_an_item(token)))
    assert "cannot be resolved" in problem.message


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=ROOT)


def test_cli_validate_exits_0_on_the_project_specs():
    result = run_cli("validate", str(SPECS["sendblue"]), str(SPECS["linq"]))
    assert result.returncode == 0, result.stderr
    assert "sendblue.yaml: valid" in result.stdout and "linq.yaml: valid" in result.stdout


def test_cli_validate_on_dangling_ref_prints_file_line_and_pointer(write_spec):
    path = write_spec(VALID.replace("#/components/schemas/Pet", "#/components/schemas/Pett"))
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert f"{path}:20:" in result.stderr
    assert "#/paths/~1pets~1{petId}/get/responses/200" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("content", ["", "just a string\n", "- a\n- list\n", "\x00\x01binary"])
def test_cli_never_shows_a_traceback(write_spec, content):
    result = run_cli("validate", str(write_spec(content)))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "spec.yaml" in result.stderr


def test_cli_reports_missing_file_without_traceback(tmp_path):
    result = run_cli("validate", str(tmp_path / "absent.yaml"))
    assert result.returncode == 1
    assert "cannot read file" in result.stderr and "Traceback" not in result.stderr


def test_cli_json_format(write_spec):
    path = write_spec(VALID.replace("#/components/schemas/Pet", "#/components/schemas/Pett"))
    result = run_cli("validate", "--format", "json", str(path))
    [report] = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["problems"][0]["line"] == 20


@pytest.mark.parametrize(
    "edit",
    [
        ("      responses:\n", "      responses: 5\n      x-unused:\n"),
        ("required: true", 'required: "yes"'),
        ("info:\n  title: Pets\n", "info:\n"),
    ],
)
def test_the_quick_check_of_generation_reports_what_the_full_validation_reports(write_spec, edit):
    """Generation validates quickly; a spec that fails gets the full validation's precise problems."""
    path = write_spec(VALID.replace(*edit))
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    assert caught.value.problems == errors_of(path)
    assert all(p.location.line is not None for p in caught.value.problems)


@pytest.mark.parametrize(
    "path", [*SPECS.values(), *sorted((ROOT / "tests" / "fixtures" / "specs").iterdir())], ids=lambda p: p.name
)
def test_the_quick_check_accepts_what_the_full_validation_accepts(path):
    quick = inspect_spec(path, thorough=False)[1]
    assert [p for p in quick if p.severity == "error"] == errors_of(path) == []


# --- references to other files ------------------------------------------------------------------

OTHER = textwrap.dedent(
    """\
    openapi: 3.1.0
    info: {title: Shared, version: "1"}
    paths:
      /shared:
        get:
          responses:
            "200": {description: shared}
    components:
      schemas:
        Error:
          type: object
          properties:
            message: {type: string}
      responses:
        Error:
          description: an error
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Error"}
      parameters:
        Limit: {name: limit, in: query, schema: {type: integer}}
      headers:
        RateLimit: {schema: {type: integer}}
      examples:
        Pet: {value: {name: Rex}}
      links:
        Self: {operationId: getPet}
      requestBodies:
        Pet:
          content:
            application/json:
              schema: {type: object}
    """
)


def _spec(operation: dict, **top) -> str:
    """A 3.1 spec with one operation (`GET /pets`) merged with `operation`, and top-level `top`."""
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Pets", "version": "1.0"},
        "paths": {
            "/pets": {"get": {"operationId": "getPet", "responses": {"200": {"description": "ok"}}, **operation}}
        },
        **top,
    }
    return json.dumps(document, indent=2)


ERROR_SCHEMA = {"$ref": "other.yaml#/components/schemas/Error"}
# Each of these is the only place where the spec refers to other.yaml.
REFERENCES_TO_OTHER_FILE = {
    "default response": {"responses": {"default": {"$ref": "other.yaml#/components/responses/Error"}}},
    "schema of a default response": {
        "responses": {"default": {"description": "x", "content": {"application/json": {"schema": ERROR_SCHEMA}}}}
    },
    "default response beside a status code": {
        "responses": {"200": {"description": "ok"}, "default": {"$ref": "other.yaml#/components/responses/Error"}}
    },
    "parameter": {"parameters": [{"$ref": "other.yaml#/components/parameters/Limit"}]},
    "request body": {"requestBody": {"$ref": "other.yaml#/components/requestBodies/Pet"}},
    "response header": {
        "responses": {
            "200": {"description": "ok", "headers": {"X-Rate": {"$ref": "other.yaml#/components/headers/RateLimit"}}}
        }
    },
    "header named default": {
        "responses": {
            "200": {"description": "ok", "headers": {"default": {"$ref": "other.yaml#/components/headers/RateLimit"}}}
        }
    },
    "example object": {
        "responses": {
            "200": {
                "description": "ok",
                "content": {"application/json": {"examples": {"rex": {"$ref": "other.yaml#/components/examples/Pet"}}}},
            }
        }
    },
    "example named default": {
        "responses": {
            "200": {
                "description": "ok",
                "content": {
                    "application/json": {"examples": {"default": {"$ref": "other.yaml#/components/examples/Pet"}}}
                },
            }
        }
    },
    "link": {
        "responses": {"200": {"description": "ok", "links": {"self": {"$ref": "other.yaml#/components/links/Self"}}}}
    },
    "callback": {
        "callbacks": {"onEvent": {"{$request.query.url}": {"$ref": "other.yaml#/paths/~1shared"}}},
    },
    "property named default": {
        "responses": {
            "200": {
                "description": "ok",
                "content": {
                    "application/json": {"schema": {"type": "object", "properties": {"default": ERROR_SCHEMA}}}
                },
            }
        }
    },
    "property named enum": {
        "responses": {
            "200": {
                "description": "ok",
                "content": {"application/json": {"schema": {"type": "object", "properties": {"enum": ERROR_SCHEMA}}}},
            }
        }
    },
    "discriminator mapping": {
        "responses": {
            "200": {
                "description": "ok",
                "content": {
                    "application/json": {
                        "schema": {
                            "oneOf": [{"$ref": "#/components/schemas/Cat"}],
                            "discriminator": {
                                "propertyName": "kind",
                                "mapping": {
                                    "cat": "#/components/schemas/Cat",
                                    "err": "other.yaml#/components/schemas/Error",
                                },
                            },
                        }
                    }
                },
            }
        }
    },
}
CAT = {"schemas": {"Cat": {"type": "object", "properties": {"kind": {"type": "string"}}}}}


def _write_with_other(write_spec, text: str):
    write_spec(OTHER, name="other.yaml")
    return write_spec(text)


def _assert_every_ref_resolves(loaded):
    """Follow every reference of every loaded file the way the IR builder does."""
    from generator.document.loader import ref_sites

    for uri, document in loaded.documents.items():
        for site in ref_sites(document.data):
            if not site.literal:
                loaded.resolve(site.ref, uri)


@pytest.mark.parametrize("where", sorted(REFERENCES_TO_OTHER_FILE))
def test_a_file_referenced_from_anywhere_is_loaded(write_spec, where):
    components = CAT if where == "discriminator mapping" else {}
    path = _write_with_other(write_spec, _spec(REFERENCES_TO_OTHER_FILE[where], components=components))
    loaded, problems = inspect_spec(path)
    assert problems == []
    assert loaded is not None and (path.parent / "other.yaml").as_uri() in loaded.documents
    _assert_every_ref_resolves(loaded)


@pytest.mark.parametrize("where", ["webhook", "path item"])
def test_files_referenced_by_path_items_and_webhooks_are_loaded(write_spec, where):
    document = json.loads(_spec({}))
    if where == "webhook":
        document["webhooks"] = {"default": {"$ref": "other.yaml#/paths/~1shared"}}
    else:
        document["paths"]["/shared"] = {"$ref": "other.yaml#/paths/~1shared"}
    path = _write_with_other(write_spec, json.dumps(document))
    loaded, problems = inspect_spec(path)
    assert problems == []
    assert loaded is not None and (path.parent / "other.yaml").as_uri() in loaded.documents
    _assert_every_ref_resolves(loaded)


@pytest.mark.parametrize("where", ["default response", "schema of a default response"])
def test_cli_validates_and_generates_a_spec_whose_only_cross_file_ref_is_under_default(write_spec, tmp_path, where):
    path = _write_with_other(write_spec, _spec(REFERENCES_TO_OTHER_FILE[where]))
    result = run_cli("validate", str(path))
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr
    result = run_cli("generate", str(path), "--out", str(tmp_path / "out"), "--package", "pets_client")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out").is_dir()


@pytest.mark.parametrize(
    "value",
    [
        {"example": {"$ref": "absent.yaml#/x"}},
        {"examples": [{"$ref": "absent.yaml#/x"}]},
        {"default": {"$ref": "absent.yaml#/x"}},
        {"enum": [{"$ref": "absent.yaml#/x"}]},
        {"const": {"$ref": "https://example.com/x.yaml"}},
    ],
    ids=["example", "examples", "default", "enum", "const"],
)
def test_a_ref_shaped_value_inside_a_schema_value_is_data(write_spec, value):
    schema = {"type": "object", **value}
    content = {"application/json": {"schema": schema}}
    path = write_spec(_spec({"responses": {"200": {"description": "ok", "content": content}}}))
    # Without the OpenAPI schema check: openapi-spec-validator itself follows a `$ref` in a default.
    assert inspect_spec(path, validate=False)[1] == []


def test_a_ref_shaped_example_value_is_data_but_its_file_is_loaded_when_it_exists(write_spec):
    examples = {"rex": {"value": {"$ref": "other.yaml#/nowhere"}}, "ghost": {"value": {"$ref": "absent.yaml#/x"}}}
    content = {"application/json": {"examples": examples}}
    path = _write_with_other(write_spec, _spec({"responses": {"200": {"description": "ok", "content": content}}}))
    loaded, problems = inspect_spec(path)
    assert problems == []
    assert loaded is not None and (path.parent / "other.yaml").as_uri() in loaded.documents
    # Should anything follow the missing one as a reference after all, it gets a located error.
    with pytest.raises(SpecError) as caught:
        loaded.resolve("absent.yaml#/x")
    [problem] = caught.value.problems
    assert "absent.yaml" in problem.message and problem.location.line is not None


MISSING_FILE_SPEC = textwrap.dedent(
    """\
    openapi: 3.1.0
    info: {title: Pets, version: "1.0"}
    paths:
      /pets:
        get:
          responses:
            "200":
              description: ok
            default:
              $ref: "common/errors.yaml#/components/responses/Error"
    """
)
MISSING_REF_POINTER = "/paths/~1pets/get/responses/default/$ref"


def test_a_ref_to_a_missing_file_is_located_at_the_ref(write_spec):
    path = write_spec(MISSING_FILE_SPEC)
    [problem] = errors_of(path)
    assert (problem.location.file, problem.location.line, problem.location.column) == (str(path), 10, 11)
    assert problem.location.pointer == MISSING_REF_POINTER
    assert "does not exist" in problem.message
    assert str(path.parent / "common" / "errors.yaml") in problem.message


@pytest.mark.parametrize("command", ["validate", "generate"])
def test_cli_reports_a_ref_to_a_missing_file_with_its_place(write_spec, tmp_path, command):
    path = write_spec(MISSING_FILE_SPEC)
    args = [str(path)] if command == "validate" else [str(path), "--out", str(tmp_path / "out"), "--package", "p"]
    result = run_cli(command, *args)
    assert result.returncode == 1, result.stderr
    assert f"{path}:10:11 #{MISSING_REF_POINTER}: error: $ref 'common/errors.yaml#" in result.stderr
    assert "errors.yaml" in result.stderr.split(": error: ", 1)[1]
    assert "Traceback" not in result.stderr + result.stdout and "internal error" not in result.stderr
    assert not (tmp_path / "out").exists()


def _response_ref(ref: str) -> str:
    return _spec({"responses": {"200": {"description": "ok"}, "default": {"$ref": ref}}})


def test_a_ref_to_a_missing_pointer_in_another_file(write_spec):
    path = _write_with_other(write_spec, _response_ref("other.yaml#/components/responses/Eror"))
    [problem] = errors_of(path)
    assert problem.location.file == str(path) and problem.location.line is not None
    assert problem.location.pointer == "/paths/~1pets/get/responses/default/$ref"
    assert "'Eror' does not exist in other.yaml" in problem.message
    assert problem.hint == "did you mean '#/components/responses/Error'?"


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("broken.yaml", "components:\n  responses: [1\n", 3),
        ("broken.json", '{"components":\n  {"responses": [1}\n}\n', 2),
    ],
)
def test_a_ref_to_a_file_that_does_not_parse_is_located_in_that_file(write_spec, name, content, line):
    target = write_spec(content, name=name)
    path = write_spec(_response_ref(f"{name}#/components/responses/Error"))
    at_ref, in_target = errors_of(path)
    assert at_ref.location.file == str(path) and at_ref.location.pointer.endswith("/default/$ref")
    assert f"not valid YAML or JSON: {target}" in at_ref.message
    assert in_target.location.file == str(target) and in_target.location.line == line
    assert in_target.message.startswith(("invalid YAML", "invalid JSON"))


def test_a_ref_to_a_directory(write_spec, tmp_path):
    (tmp_path / "common").mkdir()
    path = write_spec(_response_ref("common#/components/responses/Error"))
    [problem] = errors_of(path)
    assert problem.location.pointer.endswith("/default/$ref") and problem.location.line is not None
    assert f"points to a directory, not a file: {tmp_path / 'common'}" in problem.message


@pytest.mark.parametrize("ref", ["https://example.com/common.yaml#/components/responses/Error", "http://x/y.json"])
def test_a_remote_ref_is_refused_not_fetched(write_spec, ref):
    path = write_spec(_response_ref(ref))
    [problem] = errors_of(path)
    assert problem.location.pointer.endswith("/default/$ref") and problem.location.line is not None
    assert "remote references are not fetched" in problem.message and ref in problem.message


def test_a_file_uri_ref_is_followed(write_spec, tmp_path):
    _write_with_other(write_spec, "")
    path = write_spec(_response_ref(f"{(tmp_path / 'other.yaml').as_uri()}#/components/responses/Error"))
    loaded, problems = inspect_spec(path)
    assert problems == []
    _assert_every_ref_resolves(loaded)


def test_a_ref_cycle_across_files_is_reported_once_at_a_ref_of_the_cycle(write_spec):
    first = write_spec("A:\n  $ref: 'second.yaml#/B'\n", name="first.yaml")
    write_spec("B:\n  $ref: 'first.yaml#/A'\n", name="second.yaml")
    path = write_spec(_response_ref("first.yaml#/A"))
    [problem] = errors_of(path)
    assert (problem.location.file, problem.location.line, problem.location.pointer) == (str(first), 2, "/A/$ref")
    assert "first.yaml#/A -> second.yaml#/B -> first.yaml#/A" in problem.message


def test_a_ref_cycle_inside_one_file_and_a_ref_to_itself(write_spec):
    document = json.loads(_response_ref("#/components/responses/A"))
    document["components"] = {
        "responses": {"A": {"$ref": "#/components/responses/B"}, "B": {"$ref": "#/components/responses/A"}},
        "schemas": {"Self": {"$ref": "#/components/schemas/Self"}},
    }
    problems = errors_of(write_spec(json.dumps(document)))
    assert sorted(p.location.pointer for p in problems) == [
        "/components/responses/A/$ref",
        "/components/schemas/Self/$ref",
    ]
    assert all("$ref cycle" in p.message for p in problems)


def test_a_recursive_schema_is_not_a_cycle(write_spec):
    document = json.loads(_spec({}))
    tree = {
        "type": "object",
        "properties": {"children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}}},
    }
    document["components"] = {"schemas": {"Tree": tree, "Alias": {"$ref": "#/components/schemas/Tree"}}}
    assert errors_of(write_spec(json.dumps(document))) == []


def test_cli_generate_reports_a_ref_cycle_instead_of_hanging(write_spec, tmp_path):
    document = json.loads(_response_ref("#/components/responses/A"))
    document["components"] = {"responses": {"A": {"$ref": "#/components/responses/A"}}}
    path = write_spec(json.dumps(document))
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(path), "--out", str(tmp_path / "o"), "--package", "p"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    assert "$ref cycle" in result.stderr and "Traceback" not in result.stderr


def test_generation_goes_on_past_invalid_xml_objects_that_validate_reports(tmp_path):
    """`xml: {example: ...}` breaks the OpenAPI schema in a part the generator never reads."""
    spec = tmp_path / "xml.yaml"
    spec.write_text(
        """
openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Feed:
      type: object
      xml: {name: feed, example: not-allowed-here}
      properties:
        xml: {type: string}
"""
    )
    loaded = load_spec(spec)  # the quick check used by generate
    assert "Feed" in loaded.data["components"]["schemas"]
    _, problems = inspect_spec(spec)  # validate's thorough check still reports it
    assert any(p.severity == "error" for p in problems)
