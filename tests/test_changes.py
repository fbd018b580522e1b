"""The change report: what a spec edit (or a generator change) means for the generated client's users."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.config import target_for_spec
from generator.document.loader import unescape_pointer_token
from generator.emit.package import package_files
from generator.emit.writer import write_package
from generator.ir.build import build_api
from generator.ir.model import Api
from generator.release.changes import (
    Change,
    ChangeReport,
    api_surface,
    compare,
    diff_apis,
    diff_surfaces,
    merge,
    reaches,
)
from generator.release.changes.document import _lifecycle
from generator.release.changes.keywords import _follow
from generator.release.changes.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ROOT / "tests" / "fixtures" / "spec_variants"
BASE = VARIANTS / "base.yaml"
VARIANT_NAMES = sorted(p.stem for p in VARIANTS.glob("*.yaml") if p.name != "base.yaml")
PACKAGE, CLIENT = "notes_client", "NotesClient"


# --- helpers ------------------------------------------------------------------------------------


def _locate(document: Any, pointer: str) -> tuple[Any, str | int]:
    tokens = [unescape_pointer_token(t) for t in pointer.split("/")[1:]]
    node = document
    for token in tokens[:-1]:
        node = node[int(token)] if isinstance(node, list) else node[token]
    last = tokens[-1]
    return node, int(last) if isinstance(node, list) else last


def apply_edits(document: dict[str, Any], edits: list[dict[str, Any]]) -> dict[str, Any]:
    """The document with a variant's edits (set, remove, append at JSON pointers) applied."""
    edited = copy.deepcopy(document)
    for edit in edits:
        if "set" in edit:
            node, key = _locate(edited, edit["set"])
            node[key] = edit["value"]
        elif "remove" in edit:
            node, key = _locate(edited, edit["remove"])
            del node[key]
        else:
            node, key = _locate(edited, edit["append"])
            node[key].append(edit["value"])
    return edited


def load_variant(name: str) -> dict[str, Any]:
    return yaml.safe_load((VARIANTS / f"{name}.yaml").read_text(encoding="utf-8"))


def write_variant(name: str, folder: Path) -> Path:
    """The variant as a complete spec file in `folder`."""
    base = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(apply_edits(base, load_variant(name)["edits"]), sort_keys=False), encoding="utf-8")
    return path


def generate(spec: Path, out: Path, *, format_code: bool = True) -> Path:
    """The package of `spec` as `generate` writes it; returns its source folder."""
    target = target_for_spec(spec, out, PACKAGE, CLIENT)
    write_package(package_files(build_api(spec), target), out, format_code=format_code)
    return out / "src"


def triples(changes: Any) -> list[list[str]]:
    return sorted([c.severity, c.kind, c.subject] for c in changes)


@pytest.fixture(scope="module")
def base_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package generated from base.yaml, the old side of every comparison."""
    return generate(BASE, tmp_path_factory.mktemp("base") / "package")


@pytest.fixture(scope="module")
def base_surface(base_package: Path) -> dict[str, Any]:
    return api_surface(base_package, PACKAGE)


@pytest.fixture(scope="module")
def base_api() -> Api:
    return build_api(BASE)


# --- the spec diff: one realistic edit per variant --------------------------------------------------


@pytest.mark.parametrize("name", VARIANT_NAMES)
def test_spec_edit_is_classified_and_reported_once(
    name: str, tmp_path: Path, base_api: Api, base_surface: dict[str, Any]
) -> None:
    variant = load_variant(name)
    new_spec = write_variant(name, tmp_path)
    new_api = build_api(new_spec)
    changes = diff_apis(base_api, new_api)
    assert triples(changes) == sorted(variant["expect"]), variant["description"]
    assert all(c.source == "spec" and c.message for c in changes)
    # The regenerated package differs from the old one, but only as the spec changes say: the
    # merged report (what `compare` returns) adds no Python API change.
    new_surface = api_surface(generate(new_spec, tmp_path / "package", format_code=False), PACKAGE)
    report = merge(changes, diff_surfaces(base_surface, new_surface), "base", name)
    assert report.changes == tuple(changes)


@pytest.mark.parametrize("sunset", ["٢٠٣٠-٠١-٠١", "２０３０-01-01"])
def test_a_sunset_in_other_than_ascii_digits_is_no_date(sunset: str) -> None:
    # `\d` matched them: they passed for dates, and compared as text with ASCII ones.
    deprecated = {"deprecated": True, "x-sunset": sunset}
    assert [c.kind for c in _lifecycle("GET /items", "/paths/~1items/get", None, deprecated)] == ["sunset-invalid"]
    assert _lifecycle("GET /items", "/paths/~1items/get", None, {**deprecated, "x-sunset": "2030-01-01"}) == []


def test_a_nested_schema_is_followed_into_a_list_by_an_ascii_index_only() -> None:
    schema = {"allOf": [{"type": "string"}]}
    assert _follow(schema, ("allOf", "0")) == {"type": "string"}
    assert [_follow(schema, ("allOf", token)) for token in ("٠", "²", "00", "x")] == [None] * 4


def test_messages_say_what_to_do(tmp_path: Path, base_api: Api) -> None:
    def only(name: str) -> Change:
        [change] = diff_apis(base_api, build_api(write_variant(name, tmp_path)))
        return change

    assert "generated enums accept unknown values" in only("enum-value-added-response").message
    assert only("operation-renamed").related == ("client.notes.get()",)
    assert "client.notes.get()" in only("operation-renamed").message
    assert only("field-renamed").related == ("Note.text",)
    assert only("request-field-required").related == ("NoteCreate.body",), "the model field behind the argument"
    assert only("type-changed").old == "str" and only("type-changed").new == "int"
    assert "https://api.example.com/v2" in only("server-changed").message
    assert only("field-removed").pointer == "/components/schemas/Note/properties/body"


def test_a_model_used_in_requests_and_responses_gets_the_stricter_outcome(tmp_path: Path) -> None:
    base = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    # NoteStatus also becomes a query filter: removing a value now breaks calls.
    base["paths"]["/notes"]["get"]["parameters"].append(
        {"name": "status", "in": "query", "schema": {"$ref": "#/components/schemas/NoteStatus"}}
    )
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(yaml.safe_dump(base))
    base["components"]["schemas"]["NoteStatus"]["enum"] = ["published"]
    new.write_text(yaml.safe_dump(base))
    assert triples(diff_apis(build_api(old), build_api(new))) == [["breaking", "enum-value-removed", "NoteStatus"]]


def test_identical_specs_give_an_empty_report_and_identical_json(base_package: Path) -> None:
    first = compare(BASE, BASE, package=PACKAGE, client=CLIENT, old_package_src=base_package)
    second = compare(BASE, BASE, package=PACKAGE, client=CLIENT)
    assert first.changes == () and first.level == "none"
    assert json.dumps(first.to_json()) == json.dumps(second.to_json())
    assert first.to_markdown() == f"No changes for users of the generated client between {BASE} and {BASE}.\n"


# --- the Python API: what the generator changes by itself ------------------------------------------


def _edited_copy(package_src: Path, folder: Path, replacements: list[tuple[str, str]]) -> Path:
    copied = folder / "edited"
    shutil.copytree(package_src, copied)
    resource = copied / PACKAGE / "resources" / "notes.py"
    text = resource.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    resource.write_text(text, encoding="utf-8")
    return copied


def test_compare_catches_a_python_only_change(tmp_path: Path, base_package: Path) -> None:
    edited = _edited_copy(
        base_package,
        tmp_path,
        [
            ("    def delete(", "    def _delete("),
            ("        note_id: str,\n        *,\n", "        note_id: str,\n        *,\n        reason: str,\n"),
        ],
    )
    report = compare(BASE, BASE, package=PACKAGE, client=CLIENT, old_package_src=base_package, new_package_src=edited)
    assert triples(report.changes) == [
        ["breaking", "python-object-removed", "client.notes.delete()"],
        ["breaking", "python-param-added-required", "client.notes.retrieve(reason=)"],
    ]
    assert all(c.source == "python-api" for c in report.changes)
    assert "resources.notes.Notes.delete" in report.breaking[0].message, "the Python object is named"
    assert report.level == "breaking"


def test_python_changes_restating_the_spec_are_dropped_and_the_others_kept(tmp_path: Path, base_package: Path) -> None:
    new_spec = write_variant("field-removed", tmp_path)
    fresh = generate(new_spec, tmp_path / "fresh")
    edited = _edited_copy(fresh, tmp_path, [("    def delete(", "    def _delete(")])
    report = compare(
        BASE, new_spec, package=PACKAGE, client=CLIENT, old_package_src=base_package, new_package_src=edited
    )
    assert [(c.source, c.kind, c.subject) for c in report.changes] == [
        ("spec", "field-removed", "Note.body"),  # `Note.body` vanished from the class too: said once
        ("python-api", "python-object-removed", "client.notes.delete()"),  # not from the spec: kept
    ]


def test_the_same_change_on_sync_async_and_response_views_is_reported_once(base_surface: dict[str, Any]) -> None:
    new = copy.deepcopy(base_surface)
    removed = [path for path in new["objects"] if path.rsplit(".", 1)[-1] == "delete"]
    assert len(removed) == 6, "sync, async, and their raw and streaming response views"
    for path in removed:
        del new["objects"][path]
    [change] = diff_surfaces(base_surface, new)
    assert (change.severity, change.kind, change.subject) == (
        "breaking",
        "python-object-removed",
        "client.notes.delete()",
    )
    assert "and 5 related objects" in change.message


def test_python_parameter_changes_are_classified(base_surface: dict[str, Any]) -> None:
    new = copy.deepcopy(base_surface)
    objects = new["objects"]
    create = objects[f"{PACKAGE}.resources.notes.Notes.create"]["params"]
    names = [p[0] for p in create]
    create[names.index("title")][0] = "heading"  # renamed, same kind and type
    create[names.index("timeout")][3] = "30.0"  # default changed
    create.append(["trace", "keyword-only", "bool", "False"])  # new optional parameter
    objects[f"{PACKAGE}.types.Note.id"]["annotation"] = "int"  # attribute type changed
    assert triples(diff_surfaces(base_surface, new)) == [
        ["addition", "python-param-added", "client.notes.create(trace=)"],
        ["breaking", "python-param-renamed", "client.notes.create(title=)"],
        ["breaking", "python-type-changed", "Note.id"],
        ["other", "python-default-changed", "client.notes.create(timeout=)"],
    ]


def test_private_base_classes_count_by_what_users_reach(base_surface: dict[str, Any]) -> None:
    """Moving `BaseModel` to another private module is invisible; losing one of its methods is not."""
    old_path, new_path = f"{PACKAGE}._models.BaseModel", f"{PACKAGE}._base.BaseModel"
    moved = copy.deepcopy(base_surface)
    moved["objects"] = {
        path.replace(old_path, new_path): {
            **entry,
            **({"bases": [b.replace(old_path, new_path) for b in entry["bases"]]} if "bases" in entry else {}),
        }
        for path, entry in base_surface["objects"].items()
    }
    assert diff_surfaces(base_surface, moved) == []
    del moved["objects"][f"{new_path}.to_dict"]
    assert triples(diff_surfaces(base_surface, moved)) == [["breaking", "python-object-removed", "BaseModel.to_dict()"]]
    renamed = copy.deepcopy(base_surface)
    renamed["objects"] = {
        path.replace(f"{PACKAGE}.{CLIENT}", f"{PACKAGE}.Notes"): entry for path, entry in renamed["objects"].items()
    }
    assert triples(diff_surfaces(base_surface, renamed)) == [
        ["addition", "python-object-added", "Notes"],
        ["breaking", "python-object-removed", CLIENT],
    ]


def test_surface_of_a_committed_package_is_a_compact_stable_baseline() -> None:
    src = ROOT / "generated" / "linq" / "src"
    surface = api_surface(src, "linq_client")
    stored = json.dumps(surface, sort_keys=True, indent=1)
    assert len(stored.encode()) < 200_000
    assert stored == json.dumps(api_surface(src, "linq_client"), sort_keys=True, indent=1)
    assert diff_surfaces(json.loads(stored), surface) == [], "a stored baseline compares like a fresh one"
    objects = surface["objects"]
    assert objects["linq_client.types.Chat.id"]["annotation"] == "str"
    assert objects["linq_client.resources.chats.chats.Chats"]["access"] == "client.chats"
    assert "api_key" in [p[0] for p in objects["linq_client.Linq.__init__"]["params"]]
    assert "docstring" not in stored and "lineno" not in stored
    # Private names appear only as the private base classes whose public members users reach.
    internal = tuple(p + "." for p, entry in objects.items() if entry.get("internal"))
    private = [p for p in objects if any(s.startswith("_") and s != "__init__" for s in p.split("."))]
    assert [p for p in private if p + "." not in internal and not p.startswith(internal)] == [
        "linq_client.__version__"  # exported in `__all__`
    ]
    assert "linq_client._models.BaseModel.to_dict" in objects


# --- the report ---------------------------------------------------------------------------------

SAMPLE = ChangeReport(
    "1.0",
    "2.0",
    (
        Change("other", "server-changed", "client", "default base URL changed", "spec", "/servers"),
        Change("addition", "param-added", "client.notes.list(tag=)", "new optional argument", "spec"),
        Change("breaking", "field-removed", "Note.body", "field removed", "spec", "/components/schemas/Note"),
        Change("breaking", "python-object-removed", "client.notes.delete()", "method removed", "python-api"),
    ),
)


def test_markdown_has_one_section_per_level_in_a_fixed_order_and_cites_rules() -> None:
    warned = Change(
        "breaking", "constraint-changed", "Note.title", "pattern changed", "spec", rule="response-pattern-changed"
    )
    report = ChangeReport(SAMPLE.old_label, SAMPLE.new_label, (*SAMPLE.changes, warned))
    assert report.to_markdown(heading_level=2) == (
        "## Breaking changes\n"
        "\n"
        "- `Note.body`: field removed [`field-removed`]\n"
        "- `client.notes.delete()`: method removed _(Python API)_ [`python-object-removed`]\n"
        "\n"
        "## Possibly breaking changes\n"
        "\n"
        "- `Note.title`: pattern changed [`response-pattern-changed`]\n"
        "\n"
        "## Added\n"
        "\n"
        "- `client.notes.list(tag=)`: new optional argument [`param-added`]\n"
        "\n"
        "## Changed\n"
        "\n"
        "- `client`: default base URL changed [`server-changed`]\n"
    )
    assert SAMPLE.to_markdown().startswith("### Breaking changes\n")
    assert SAMPLE.verdict() == (
        "Levels that differ from oasdiff's, and why:\n"
        "\n"
        "- `field-removed`: reading a removed attribute raises AttributeError, whether the property was optional or not\n"
        "\n"
        "Suggested version bump: major (minor below 1.0.0): breaking changes.\n"
    )
    assert SAMPLE.to_json()["changes"][0]["differs_from_oasdiff"] == RULES["field-removed"].differs
    assert (
        ChangeReport("a", "b", SAMPLE.others).verdict()
        == "Suggested version bump: patch: nothing to fix for callers.\n"
    )


def test_every_rule_has_a_level_a_kind_and_a_template_that_renders() -> None:
    assert len(RULES) > 100
    for rule in RULES.values():
        assert rule.level in ("ERR", "WARN", "INFO") and rule.kind and rule.template, rule.id
        if rule.policy:
            assert rule.level == "ERR" and rule.severity == "other", rule.id
        else:
            assert rule.severity == ("breaking" if rule.level != "INFO" else "addition" if rule.adds else "other")
    assert [c.level for c in SAMPLE.changes] == ["ERR", "ERR", "INFO", "INFO"]
    assert SAMPLE.worst == "ERR" and ChangeReport("a", "b", ()).worst is None


@pytest.mark.parametrize(
    ("fail_on", "breaking", "additions", "others"),
    [
        ("ERR", True, False, False),
        ("WARN", True, False, False),
        ("INFO", True, True, True),
        ("breaking", True, False, False),
        ("addition", True, True, False),
        ("never", False, False, False),
    ],
)
def test_fail_on_takes_a_level_or_a_severity(fail_on: str, breaking: bool, additions: bool, others: bool) -> None:
    for changes, expected in ((SAMPLE.breaking, breaking), (SAMPLE.additions, additions), (SAMPLE.others, others)):
        assert reaches(ChangeReport("a", "b", changes), fail_on) is expected, (fail_on, changes)


def test_report_order_level_and_json_round_trip() -> None:
    shuffled = ChangeReport(SAMPLE.old_label, SAMPLE.new_label, tuple(reversed(SAMPLE.changes)) + SAMPLE.changes[:1])
    assert shuffled == SAMPLE, "order and duplicates do not depend on how the report is built"
    assert SAMPLE.level == "breaking" and ChangeReport("a", "b", SAMPLE.others).level == "other"
    data = json.loads(json.dumps(SAMPLE.to_json()))
    assert data["counts"] == {"breaking": 2, "addition": 1, "other": 1}
    assert data["levels"] == {"ERR": 2, "WARN": 0, "INFO": 2}
    assert [(c["rule"], c["level"]) for c in data["changes"]][:2] == [
        ("field-removed", "ERR"),
        ("python-object-removed", "ERR"),
    ]
    assert [c["subject"] for c in data["changes"]] == [
        "Note.body",
        "client.notes.delete()",
        "client.notes.list(tag=)",
        "client",
    ]
    assert ChangeReport.from_json(data) == SAMPLE


def test_merge_keeps_python_changes_no_spec_change_explains() -> None:
    spec = [Change("breaking", "operation-removed", "client.notes.delete()", "method removed", "spec")]
    python = [
        Change("breaking", "python-object-removed", "client.notes.delete()", "method removed", "python-api"),
        Change("breaking", "python-param-removed", "client.notes.delete(note_id=)", "parameter removed", "python-api"),
        Change("breaking", "python-object-removed", "client.notes.retrieve()", "method removed", "python-api"),
    ]
    report = merge(spec, python, "old", "new")
    assert [(c.source, c.subject) for c in report.changes] == [
        ("spec", "client.notes.delete()"),
        ("python-api", "client.notes.retrieve()"),
    ]


# --- the command line ---------------------------------------------------------------------------


def _diff(capfd: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args])
    captured = capfd.readouterr()
    return code, captured.out, captured.err


def test_cli_diff_exit_code_follows_fail_on(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    no_config = str(tmp_path / "none.toml")
    breaking = str(write_variant("field-removed", tmp_path))
    other = str(write_variant("enum-value-added-response", tmp_path))
    code, out, _ = _diff(capfd, str(BASE), breaking, "--config", no_config, "--client", CLIENT)
    assert code == 0, "--fail-on never is the default"
    assert out.startswith(f"field-removed-client: {BASE} -> {breaking}\n\n### Breaking changes\n\n- `Note.body`: ")
    assert _diff(capfd, str(BASE), breaking, "--config", no_config, "--fail-on", "breaking")[0] == 1
    assert _diff(capfd, str(BASE), other, "--config", no_config, "--fail-on", "addition")[0] == 0
    added = str(write_variant("param-added", tmp_path))
    assert _diff(capfd, str(BASE), added, "--config", no_config, "--fail-on", "addition")[0] == 1


def test_cli_diff_json_names_the_target(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    new = str(write_variant("operation-removed", tmp_path))
    code, out, _ = _diff(
        capfd, str(BASE), new, "--config", str(tmp_path / "none.toml"), "--package", PACKAGE, "--format", "json"
    )
    [report] = json.loads(out)
    assert code == 0
    assert (report["target"], report["package"], report["level"]) == ("notes-client", PACKAGE, "breaking")
    assert report["changes"][0]["subject"] == "client.notes.delete()"


def test_cli_diff_reports_broken_specs_and_bad_usage(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BASE.read_text().replace("schemas/NoteList", "schemas/Nope"), encoding="utf-8")
    command = [sys.executable, "-m", "generator", "diff", str(BASE), str(broken), "--config", str(tmp_path / "x.toml")]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout) == (1, "")
    assert "'#/components/schemas/Nope' cannot be resolved" in result.stderr
    assert "Traceback" not in result.stderr
    code, _, err = _diff(capfd, str(BASE))
    assert code == 2 and err == "error: give OLD_SPEC and NEW_SPEC, or --base REV [SPEC ...]\n"


# --- against a git revision ---------------------------------------------------------------------

PYPROJECT = """\
[[tool.sdk-generator.targets]]
spec = "spec/notes.yaml"
out = "generated/notes"
distribution = "notes-client"
package = "notes_client"
client = "NotesClient"
"""


def _git(repository: Path, *args: str) -> None:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "-C", str(repository), *identity, *args], check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A project with one target: config first, then the spec and its generated package."""
    root = tmp_path / "project"
    (root / "spec").mkdir(parents=True)
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "config")
    shutil.copy(BASE, root / "spec" / "notes.yaml")
    generate(root / "spec" / "notes.yaml", root / "generated" / "notes")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "spec and package")
    return root


def test_cli_diff_base_compares_the_working_tree_with_a_revision(
    repository: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    config = str(repository / "pyproject.toml")
    assert _diff(capfd, "--base", "HEAD", "--config", config, "--fail-on", "breaking")[:2] == (
        0,
        "notes-client: spec/notes.yaml @ HEAD -> working tree\n\n"
        "No changes for users of the generated client between spec/notes.yaml @ HEAD and working tree.\n\n"
        "Suggested version bump: none: nothing changed for users of the client.\n\n",
    )
    spec = repository / "spec" / "notes.yaml"
    spec.write_text(write_variant("field-removed", repository).read_text(), encoding="utf-8")
    code, out, _ = _diff(capfd, "--base", "HEAD", str(spec), "--config", config, "--fail-on", "breaking")
    assert code == 1
    assert "- `Note.body`: field removed" in out
    by_name = _diff(capfd, "--base", "HEAD", "Notes_Client", "--config", config, "--fail-on", "breaking")
    assert by_name[:2] == (code, out), "a target may be named by its distribution too"


def test_cli_diff_base_catches_what_the_generator_changed(repository: Path, capfd: pytest.CaptureFixture[str]) -> None:
    # The committed package has a method today's generator no longer writes.
    resource = repository / "generated" / "notes" / "src" / PACKAGE / "resources" / "notes.py"
    text = resource.read_text(encoding="utf-8")
    resource.write_text(
        text.replace("    def delete(", "    def archive(self) -> None:\n        pass\n\n    def delete(", 1)
    )
    _git(repository, "commit", "-q", "-am", "older generator output")
    code, out, _ = _diff(capfd, "--base", "HEAD", "--config", str(repository / "pyproject.toml"), "--format", "json")
    [report] = json.loads(out)
    assert code == 0
    assert [(c["source"], c["kind"], c["subject"]) for c in report["changes"]] == [
        ("python-api", "python-object-removed", "client.notes.archive()")
    ]


def test_cli_diff_base_errors_are_one_line(repository: Path, capfd: pytest.CaptureFixture[str]) -> None:
    config = str(repository / "pyproject.toml")
    assert _diff(capfd, "--base", "no-such-rev", "--config", config) == (
        2,
        "",
        "error: unknown revision 'no-such-rev'\n",
    )
    assert _diff(capfd, "--base", "HEAD~1", "--config", config) == (
        2,
        "",
        "error: spec/notes.yaml does not exist at HEAD~1\n",
    )
    code, _, err = _diff(capfd, "--base", "HEAD", str(repository / "other.yaml"), "--config", config)
    assert code == 2 and err.startswith("error: not a target in")
