"""The regeneration workflow: drift check, release records, changelogs and the semver gate.

Each scenario runs the real CLI on a small project in a temporary folder: a spec, a target in
its `pyproject.toml` and the generated package, edited the way users edit them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.config import Target
from generator.release.records import Release, required_bump, version_problem

SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "Notes API", "version": "2024-01"},
    "servers": [{"url": "https://api.example.test"}],
    "security": [{"bearer": []}],
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Note": {
                "type": "object",
                "required": ["id", "text"],
                "properties": {"id": {"type": "string"}, "text": {"type": "string"}},
            },
            "NoteCreate": {
                "type": "object",
                "required": ["text"],
                "properties": {"text": {"type": "string", "maxLength": 500}},
            },
        },
    },
    "paths": {
        "/notes": {
            "post": {
                "operationId": "createNote",
                "tags": ["notes"],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NoteCreate"}}},
                },
                "responses": {
                    "201": {
                        "description": "created",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}},
                    }
                },
            }
        },
        "/notes/{note_id}": {
            "get": {
                "operationId": "getNote",
                "tags": ["notes"],
                "parameters": [{"name": "note_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}},
                    }
                },
            },
            "delete": {
                "operationId": "deleteNote",
                "tags": ["notes"],
                "parameters": [{"name": "note_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"204": {"description": "deleted"}},
            },
        },
    },
}

PYPROJECT = """
[[tool.sdk-generator.targets]]
spec = "spec/notes.yaml"
out = "generated/notes"
distribution = "notes-client"
package = "notes_client"
client = "Notes"
version = "{version}"
"""


class Project:
    """A temporary project the CLI runs on."""

    def __init__(self, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.root = root
        self.capsys = capsys
        self.spec = dict(json.loads(json.dumps(SPEC)))
        (root / "spec").mkdir()
        self.write_spec()
        self.set_version("0.1.0")

    @property
    def config(self) -> str:
        return str(self.root / "pyproject.toml")

    @property
    def out(self) -> Path:
        return self.root / "generated" / "notes"

    @property
    def changelog(self) -> str:
        return (self.out / "CHANGELOG.md").read_text(encoding="utf-8")

    def write_spec(self) -> None:
        (self.root / "spec" / "notes.yaml").write_text(yaml.safe_dump(self.spec, sort_keys=False), encoding="utf-8")

    def set_version(self, version: str) -> None:
        (self.root / "pyproject.toml").write_text(PYPROJECT.format(version=version), encoding="utf-8")

    def run(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main([*args, "--config", self.config])
        captured = self.capsys.readouterr()
        return code, captured.out, captured.err


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Project:
    project = Project(tmp_path, capsys)
    code, _, err = project.run("generate")
    assert code == 0, err
    return project


def test_a_fresh_package_passes_the_check_and_announces_its_first_release(project: Project) -> None:
    code, out, err = project.run("check")
    assert code == 0, err
    assert "generated/notes is up to date" in out
    assert "version 0.1.0, not released yet" in out
    assert "## 0.1.0 (unreleased)" in project.changelog
    assert "First release: 3 operations" in project.changelog


@pytest.mark.parametrize("edit", ["changed", "extra", "missing"])
def test_check_names_each_drifted_file(project: Project, edit: str) -> None:
    client = project.out / "src" / "notes_client" / "_client.py"
    if edit == "changed":
        client.write_text(client.read_text(encoding="utf-8").replace("class Notes", "class Notez"), encoding="utf-8")
    elif edit == "extra":
        (project.out / "src" / "notes_client" / "stray.py").write_text("x = 1\n", encoding="utf-8")
    else:
        client.unlink()
    code, _, err = project.run("check")
    assert code == 1
    assert "is out of date: 1 file differ" in err
    name = "stray.py" if edit == "extra" else "_client.py"
    assert re.search(rf"{edit}\s+src/notes_client/{name}", err)
    if edit == "changed":
        assert "-class Notez" in err and "+class Notes" in err


def test_a_spec_edit_without_regenerating_is_drift(project: Project) -> None:
    project.spec["components"]["schemas"]["Note"]["properties"]["pinned"] = {"type": "boolean"}
    project.write_spec()
    code, _, err = project.run("check")
    assert code == 1
    assert re.search(r"changed\s+src/notes_client/types/note.py", err)
    assert "+    pinned:" in err


def test_release_records_the_baseline_and_dates_the_changelog(project: Project) -> None:
    code, out, err = project.run("release", "--date", "2026-01-02")
    assert code == 0, err
    assert "notes-client 0.1.0 recorded in" in out and "CHANGELOG.md updated" in out
    record = json.loads((project.root / "releases" / "notes-client.json").read_text(encoding="utf-8"))
    assert record["version"] == "0.1.0" and record["date"] == "2026-01-02"
    assert "createNote" in record["spec"]["text"]
    assert record["python_api"], "the released Python API is part of the baseline"
    assert "## 0.1.0 (2026-01-02)" in project.changelog
    assert "unreleased" not in project.changelog.lower()
    assert project.run("check")[0] == 0

    code, _, err = project.run("release")
    assert code == 1
    assert "0.1.0 is already released (2026-01-02)" in err


def test_release_refuses_a_tree_with_drift(project: Project) -> None:
    (project.out / "README.md").write_text("edited by hand\n", encoding="utf-8")
    code, _, err = project.run("release")
    assert code == 1
    assert "out of date; run generate first" in err
    assert not (project.root / "releases").exists()


def test_a_breaking_change_needs_a_minor_bump_below_1_0(project: Project) -> None:
    assert project.run("release", "--date", "2026-01-02")[0] == 0
    del project.spec["paths"]["/notes/{note_id}"]["delete"]
    project.write_spec()
    assert project.run("generate")[0] == 0
    assert "## Unreleased" in project.changelog

    code, out, err = project.run("check")
    assert code == 1
    assert "is up to date" in out, "the tree is regenerated: only the version is wrong"
    assert "breaking changes since the release of 0.1.0 need version 0.2.0 or later" in err
    assert "Breaking changes" in err, "the report that calls for the bump is shown"

    project.set_version("0.1.1")
    assert project.run("generate")[0] == 0
    assert project.run("check")[0] == 1

    project.set_version("0.2.0")
    assert project.run("generate")[0] == 0
    code, out, err = project.run("check")
    assert code == 0, err
    assert "last release 0.1.0 (2026-01-02)" in out and "version ok" in out
    changelog = project.changelog
    assert changelog.index("## 0.2.0 (unreleased)") < changelog.index("## 0.1.0 (2026-01-02)")
    assert "### Breaking changes" in changelog
    assert "delete" in changelog.split("## 0.1.0")[0]


def test_an_addition_needs_a_patch_bump_below_1_0_and_the_next_release_keeps_history(project: Project) -> None:
    assert project.run("release", "--date", "2026-01-02")[0] == 0
    project.spec["components"]["schemas"]["Note"]["properties"]["pinned"] = {"type": "boolean"}
    project.write_spec()
    assert project.run("generate")[0] == 0
    code, _, err = project.run("check")
    assert code == 1 and "need version 0.1.1 or later" in err

    project.set_version("0.1.1")
    assert project.run("generate")[0] == 0
    assert project.run("check")[0] == 0
    assert project.run("release", "--date", "2026-02-03")[0] == 0
    changelog = project.changelog
    assert changelog.index("## 0.1.1 (2026-02-03)") < changelog.index("## 0.1.0 (2026-01-02)")
    assert "pinned" in changelog
    assert project.run("check")[0] == 0


def test_a_version_lower_than_the_release_is_rejected(project: Project) -> None:
    project.set_version("0.3.0")
    assert project.run("generate")[0] == 0
    assert project.run("release", "--date", "2026-01-02")[0] == 0
    project.set_version("0.2.9")
    assert project.run("generate")[0] == 0
    code, _, err = project.run("check")
    assert code == 1 and "0.2.9 is lower than the released 0.3.0" in err


def test_a_broken_record_is_a_clear_error(project: Project) -> None:
    (project.root / "releases").mkdir()
    (project.root / "releases" / "notes-client.json").write_text("{not json", encoding="utf-8")
    code, _, err = project.run("check")
    assert code == 1
    assert "notes-client.json: not a readable release record" in err


@pytest.mark.parametrize(
    ("released", "level", "needed"),
    [
        ("0.1.0", "breaking", "0.2.0"),
        ("0.1.3", "addition", "0.1.4"),
        ("0.1.3", "other", "0.1.4"),
        ("1.2.3", "breaking", "2.0.0"),
        ("1.2.3", "addition", "1.3.0"),
        ("1.2.3", "other", "1.2.4"),
        ("1.2", "addition", "1.3.0"),
        ("1.2.3", "none", None),
        ("2.0.0rc1", "breaking", None),
    ],
)
def test_required_bump(released: str, level: str, needed: str | None) -> None:
    assert required_bump(released, level) == needed  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("released", "current", "level", "accepted"),
    [
        ("1.2.3", "2.0.0", "breaking", True),
        ("1.2.3", "1.3.0", "breaking", False),
        ("1.2.3", "1.3.0", "addition", True),
        ("1.2.3", "1.2.4", "addition", False),
        ("1.2.3", "1.2.3", "other", False),
        ("1.2.3", "1.2.3", "none", True),
        ("1.2.3", "3.0.0", "none", True),
        ("2.0.0rc1", "2.0.0rc2", "breaking", True),
        ("2.0.0rc1", "2.0.0", "breaking", True),
        ("2.0.0rc1", "2.0.0rc1", "addition", False),
    ],
)
def test_version_gate(released: str, current: str, level: str, accepted: bool) -> None:
    target = Target(
        Path("spec.yaml"), Path("out"), "notes-client", "notes_client", "Notes", "NOTES_BASE_URL", version=current
    )
    release = Release("notes-client", released, "2026-01-02", "spec.yaml", "", {}, "")
    assert (version_problem(target, release, level) is None) == accepted  # type: ignore[arg-type]


def test_a_resource_named_like_the_client_is_typed_as_the_resource(project: Project) -> None:
    """The `notes` resource of a client called `Notes` must not be annotated as the client."""
    import importlib
    import sys

    sys.path.insert(0, str(project.out / "src"))
    try:
        package = importlib.import_module("notes_client")
        resources = importlib.import_module("notes_client.resources.notes")
        client = package.Notes(api_key="k", base_url="http://127.0.0.1:9")
        assert type(client.notes) is resources.Notes
        assert package.Notes.notes.func.__annotations__["return"] == "NotesResource"
        assert package.AsyncNotes.notes.func.__annotations__["return"] == "AsyncNotesResource"
    finally:
        sys.path.remove(str(project.out / "src"))
        for name in [m for m in sys.modules if m == "notes_client" or m.startswith("notes_client.")]:
            del sys.modules[name]
