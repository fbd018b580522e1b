"""The loader reports every problem of a broken spec with file, line and JSON pointer."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from generator import SpecError, inspect_spec, load_spec
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
