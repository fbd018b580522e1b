"""The drift report lists what a server adds to the spec, and its proposed patch closes the gap.

End to end, on copies of both specs in a temporary folder: both mocks run as processes with the
`extra-fields` and `new-enum-value` variations (an undocumented `served_by` on every answer, an
undocumented value of the first enum of the answers); the whole contract suite runs against them
in live mode and passes (additive drift is a finding, not a failure); its `drift.json` lists
exactly those additions; `python -m generator drift apply` patches the copies, which generate
clients; the mocks and the suite then run on the patched copies, and the report lists no drift.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from contract_tests.drift_report import DriftRecorder, markdown
from generator.ir.build import build_api
from generator.release.drift_patch import propose
from tests.test_contract_benign_variations import run_live_suite, varied_mock
from tests.test_contract_catches_defects import ROOT, SPECS, output

VARIATIONS = ("extra-fields", "new-enum-value")


def additions(report: dict[str, Any], api: str) -> set[tuple[str, str]]:
    return {
        (entry["kind"], entry["field"] if entry["kind"] == "extra" else entry["value"])
        for entry in report["apis"][api]["drift"]
    }


def test_recorder_reads_responses_by_the_ir() -> None:
    recorder = DriftRecorder()
    api = build_api(SPECS["linq"])
    operation = api.operation("messagesRetrieve")
    body = {"id": "x", "service": "Carrier pigeon", "brand_new": [1, 2]}
    recorder.observe("linq", operation, 200, {"X-Served-By": "edge-1", "content-type": "application/json"}, body)
    recorder.observe("linq", operation, 299, {})
    found = {(e.kind, e.model, e.field, json.dumps(e.value)) for e in recorder.entries.values()}
    assert ("extra", "Message", "brand_new", "null") in found
    assert ("enum", "ServiceType", None, '"Carrier pigeon"') in found
    assert ("header", None, "x-served-by", "null") in found
    assert ("status", None, None, "299") in found
    report = recorder.report()
    assert "| extra | `Message.brand_new` | array |" in markdown(report)


def test_patch_adds_the_field_and_the_enum_value(tmp_path: Path) -> None:
    spec = tmp_path / "linq.yaml"
    shutil.copy(SPECS["linq"], spec)
    api = build_api(spec)
    message, status = api.model("Message"), api.model("DeliveryStatus")
    report = {
        "drift": [
            {"kind": "extra", "additive": True, "model": "Message", "field": "brand_new",
             "schema_pointer": f"{message.source}/properties", "observed_types": ["string", "null"]},
            {"kind": "enum", "additive": True, "model": "DeliveryStatus", "field": None,
             "schema_pointer": status.source, "value": "teleported"},
            {"kind": "type", "additive": False, "model": "Message", "field": "id", "schema_pointer": None},
        ]
    }  # fmt: skip
    proposal = propose(report, spec)
    assert len(proposal.applied) == 2 and len(proposal.skipped) == 1
    assert '+        brand_new:\n+          type: [string, "null"]\n' in proposal.diff()
    spec.write_text(proposal.patched)
    patched = build_api(spec)
    assert "teleported" in patched.model("DeliveryStatus").enum_values
    assert patched.model("Message").field_named("brand_new") is not None


def test_a_pointer_token_in_other_than_ascii_digits_names_no_list_item(tmp_path: Path) -> None:
    """RFC 6901: an array index is `0|[1-9][0-9]*` in ASCII. '²' passes `isdigit()` though `int()`
    refuses it (the command failed with a ValueError); `int()` reads '٠' and '０' as 0."""
    spec = tmp_path / "spec.yaml"
    spec.write_text("components:\n  schemas:\n    Pet:\n      oneOf:\n        - properties:\n            name: {}\n")

    def extra(token: str) -> dict[str, Any]:
        pointer = f"/components/schemas/Pet/oneOf/{token}/properties"
        return {"kind": "extra", "additive": True, "model": "Pet", "field": "age", "schema_pointer": pointer}

    refused = propose({"drift": [extra(token) for token in ("²", "٠", "０", "00", "9" * 5000)]}, spec)
    assert refused.applied == [] and len(refused.skipped) == 5
    assert len(propose({"drift": [extra("0")]}, spec).applied) == 1


@pytest.mark.slow
def test_drift_report_proposes_the_patch_that_ends_the_drift(tmp_path: Path) -> None:
    specs = tmp_path / "spec"
    specs.mkdir()
    copies = {api: Path(shutil.copy(path, specs / path.name)) for api, path in SPECS.items()}
    env = {f"CONTRACT_{api.upper()}_SPEC": str(path) for api, path in copies.items()}

    def run(name: str) -> dict[str, Any]:
        logs = tmp_path / name
        logs.mkdir()
        with contextlib.ExitStack() as stack:
            urls = {api: stack.enter_context(varied_mock(api, VARIATIONS, logs, spec=copies[api])) for api in copies}
            result = run_live_suite(urls, logs, env=env)
        assert result.returncode == 0, f"the live suite failed ({name}):\n{output(result)}"
        report_path = logs / "reports" / "drift.json"
        assert (logs / "reports" / "drift.md").exists(), output(result)
        return json.loads(report_path.read_text())  # type: ignore[no-any-return]

    first = run("first")
    assert additions(first, "linq") == {("extra", "served_by"), ("enum", "pending_v2")}, first["apis"]["linq"]
    assert additions(first, "sendblue") <= {("extra", "served_by")} | {
        ("enum", e["value"]) for e in first["apis"]["sendblue"]["drift"] if e["kind"] == "enum"
    }
    assert ("extra", "served_by") in additions(first, "sendblue")
    assert all(entry["additive"] for api in first["apis"].values() for entry in api["drift"])

    report_file = tmp_path / "drift.json"
    report_file.write_text(json.dumps(first))
    for api, path in copies.items():
        patched = tmp_path / f"{api}.patched.yaml"
        command = [sys.executable, "-m", "generator", "drift", "apply", str(report_file), "--api", api]
        done = subprocess.run(
            [*command, "--spec", str(path), "--out", str(patched)], cwd=ROOT, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert "proposed extra field" in done.stderr, done.stderr
        shutil.copy(patched, path)
        generated = subprocess.run(
            [sys.executable, "-m", "generator", "generate", str(path), "--out", str(tmp_path / f"{api}_client"),
             "--package", f"{api}_client"],
            cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        assert generated.returncode == 0, generated.stdout + generated.stderr

    second = run("second")
    assert all(not api["drift"] for api in second["apis"].values()), second["apis"]
