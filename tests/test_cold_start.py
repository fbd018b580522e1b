"""A command imports only what its work needs: a guard on the generator's start-up cost.

Most of a small generation's time is the interpreter starting and modules being imported, so a
module-level import of something a run does not use (PyYAML for a JSON spec, packaging, the
Jinja templates for `validate`...) costs every run milliseconds. Nothing here is timed: each
test runs a command in a fresh interpreter with `-X importtime`, which names every module
imported on stderr, and checks which modules were and were not imported.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PETSTORE = ROOT / "tests" / "fixtures" / "specs" / "petstore.json"
TRICKY_YAML = ROOT / "tests" / "fixtures" / "specs" / "tricky.yaml"

# Imported neither by `--help` nor by the generation of a valid JSON spec named on the command line.
NEVER_FOR_JSON = {
    "yaml",  # YAML specs only
    "tomllib",  # pyproject.toml targets only
    "openapi_spec_validator",  # the full validation: `validate`, or a spec failing the quick check
    "griffe",  # the Python API of a package, against a release only
    "difflib",  # a dangling $ref's suggestion, a drift's diff
    "concurrent",
    "secrets",
}


def imported_modules(*args: str, cwd: Path = ROOT) -> set[str]:
    """Every module `python -m generator ARGS` imported (top-level package names and full names)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "generator", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    names = set()
    for line in done.stderr.splitlines():
        found = re.match(r"import time:\s+\d+ \|\s+\d+ \|\s*(\S+)$", line)
        if found:
            names.add(found.group(1))
            names.add(found.group(1).split(".")[0])
    assert "generator.cli" in names, "no -X importtime report: the test cannot see imports"
    return names


def test_help_imports_neither_the_templates_nor_the_validators():
    names = imported_modules("--help")
    assert not names & (NEVER_FOR_JSON | {"jinja2", "jsonschema_rs", "generator.emit.package"})


def test_validating_renders_nothing():
    # (`validate` runs the full validation, whose openapi-spec-validator imports much: YAML too.)
    names = imported_modules("validate", str(PETSTORE))
    assert "openapi_spec_validator" in names  # it does validate
    assert not names & {"jinja2", "generator.emit.package", "tomllib", "griffe"}


def test_generating_from_a_json_spec_imports_only_what_generation_needs(tmp_path):
    names = imported_modules("generate", str(PETSTORE), "--out", str(tmp_path / "out"), "--package", "pet_client")
    assert {"jinja2", "generator.emit.package", "jsonschema_rs"} <= names  # it did render and check
    assert not names & NEVER_FOR_JSON
    assert (tmp_path / "out" / "src" / "pet_client" / "__init__.py").is_file()


def test_a_yaml_spec_does_import_yaml(tmp_path):
    names = imported_modules("generate", str(TRICKY_YAML), "--out", str(tmp_path / "out"), "--package", "tricky")
    assert "yaml" in names
