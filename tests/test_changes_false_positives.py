"""Changes once reported as breaking that are not: one regression test each, through `compare`.

`compare` generates both packages, so each test also checks that the Python API diff does not
bring the false positive back.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.release.changes import ChangeReport, api_surface, compare, diff_surfaces
from tests.test_changes import BASE, CLIENT, PACKAGE, generate

Edit = Callable[[dict[str, Any]], object]


def _schemas(document: dict[str, Any]) -> dict[str, Any]:
    return document["components"]["schemas"]  # type: ignore[no-any-return]


def _report(tmp_path: Path, before: Edit, after: Edit) -> ChangeReport:
    old = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    before(old)
    new = copy.deepcopy(old)
    after(new)
    (tmp_path / "old.yaml").write_text(yaml.safe_dump(old), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(yaml.safe_dump(new), encoding="utf-8")
    return compare(tmp_path / "old.yaml", tmp_path / "new.yaml", package=PACKAGE, client=CLIENT)


def _rules(report: ChangeReport) -> list[tuple[str, str, str]]:
    return sorted((c.level, c.rule, c.subject) for c in report.changes)


def _with_patterns(document: dict[str, Any]) -> None:
    _schemas(document)["Attachment"]["properties"]["url"]["pattern"] = "^https://[a-z]+$"
    _schemas(document)["Note"]["properties"]["id"]["pattern"] = "^n_[a-z]+$"


def test_a_removed_request_pattern_loosens_it(tmp_path: Path) -> None:
    report = _report(tmp_path, _with_patterns, lambda d: _schemas(d)["Attachment"]["properties"]["url"].pop("pattern"))
    assert _rules(report) == [("INFO", "request-constraint-loosened", "Attachment.url")]


def test_a_pattern_that_now_matches_anything_is_loosened_and_another_one_is_only_a_warning(tmp_path: Path) -> None:
    def loosen(document: dict[str, Any]) -> None:
        _schemas(document)["Attachment"]["properties"]["url"]["pattern"] = ".*"
        _schemas(document)["Note"]["properties"]["id"]["pattern"] = "^[a-z_]+$"

    assert _rules(_report(tmp_path, _with_patterns, loosen)) == [
        ("INFO", "request-constraint-loosened", "Attachment.url"),
        ("WARN", "response-pattern-changed", "Note.id"),
    ]


def test_dropping_only_deprecated_is_no_type_change(tmp_path: Path) -> None:
    def deprecate(document: dict[str, Any]) -> None:
        for model, field in (("Note", "body"), ("NoteCreate", "body"), ("Author", "email")):
            _schemas(document)[model]["properties"][field]["deprecated"] = True

    def reactivate(document: dict[str, Any]) -> None:
        for model, field in (("Note", "body"), ("NoteCreate", "body"), ("Author", "email")):
            del _schemas(document)[model]["properties"][field]["deprecated"]

    report = _report(tmp_path, deprecate, reactivate)
    assert _rules(report) == [
        ("INFO", "field-reactivated", "Author.email"),
        ("INFO", "field-reactivated", "Note.body"),
        ("INFO", "param-reactivated", "client.notes.create(body=)"),
    ]
    assert report.level == "other"


def test_deprecation_alone_is_informational_in_the_python_api(tmp_path: Path) -> None:
    spec = tmp_path / "deprecated.yaml"
    document = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    _schemas(document)["Note"]["properties"]["body"]["deprecated"] = True
    spec.write_text(yaml.safe_dump(document), encoding="utf-8")
    old = api_surface(generate(BASE, tmp_path / "old", format_code=False), PACKAGE)
    new = api_surface(generate(spec, tmp_path / "new", format_code=False), PACKAGE)
    assert [(c.level, c.rule, c.subject) for c in diff_surfaces(old, new)] == [
        ("INFO", "python-deprecation-changed", "Note.body")
    ]


def test_a_new_required_read_only_field_is_not_required_from_callers(tmp_path: Path) -> None:
    def add(document: dict[str, Any]) -> None:
        _schemas(document)["Attachment"]["properties"]["id"] = {"type": "string", "readOnly": True}
        _schemas(document)["Attachment"]["required"].append("id")

    assert _rules(_report(tmp_path, lambda d: None, add)) == [("INFO", "field-added", "Attachment.id")]


def test_a_write_only_field_made_optional_is_not_breaking_for_readers(tmp_path: Path) -> None:
    def secret(document: dict[str, Any]) -> None:
        _schemas(document)["Note"]["properties"]["secret"] = {"type": "string", "writeOnly": True}
        _schemas(document)["Note"]["required"].append("secret")

    report = _report(tmp_path, secret, lambda d: _schemas(d)["Note"]["required"].remove("secret"))
    assert _rules(report) == [("INFO", "unsent-field-required-changed", "Note.secret")]


@pytest.mark.parametrize("model", ["NoteCreate", "Attachment"])
def test_a_request_field_made_optional_is_no_breaking_type_change(tmp_path: Path, model: str) -> None:
    report = _report(tmp_path, lambda d: None, lambda d: _schemas(d)[model].update(required=[]))
    assert report.level == "other", _rules(report)
    python = diff_surfaces(
        api_surface(generate(tmp_path / "old.yaml", tmp_path / "old", format_code=False), PACKAGE),
        api_surface(generate(tmp_path / "new.yaml", tmp_path / "new", format_code=False), PACKAGE),
    )
    arguments = [c for c in python if c.subject.startswith("client.")]
    assert all(c.rule == "python-type-widened" and c.level == "INFO" for c in arguments), arguments
