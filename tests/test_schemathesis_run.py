"""`st run` with every check, positive and negative data, against the stateful mock of each seed spec.

The mock runs as a user runs it (`python -m contract_tests.mock SPEC --mode stateful --api-key
KEY --port 0`) and Schemathesis as its CLI (`st run SPEC --checks all --mode all`), with a fixed
seed and a bounded number of examples per operation. The run's reports are read back: no
Schemathesis error, every operation tested, and every failed check one of the few that a
correct stateful mock produces, each named in `accepted()` with its reason. Anything else (a 5xx,
a body that breaks its schema, an undocumented status or content type, a valid request refused
for its shape, an invalid one accepted) fails the test with the request that caused it.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.ir.build import build_api
from generator.ir.model import Api
from tests.conftest import SPECS
from tests.test_contract_catches_defects import wait_until_answering

ST = Path(sys.executable).with_name("st")
SEED = "1"
# Examples per operation and phase (Schemathesis's default is 100): with this seed the two runs
# take about 19 s together on two cores and still reach every operation with valid requests.
MAX_EXAMPLES = "50"
# A bound on a run that hangs. Not `--max-time`: under it Schemathesis keeps fuzzing until the
# time is spent, which makes it a duration rather than a limit.
RUN_TIMEOUT = 300.0


@dataclass(frozen=True)
class Target:
    spec: Path
    base_path: str  # the path of the spec's server, which the mock serves under too
    headers: tuple[str, ...]  # `st run -H` values, as each spec's securitySchemes asks
    api_keys: tuple[str, ...]  # `--api-key`: any other credentials get a 401


TARGETS = {
    "linq": Target(SPECS["linq"], "/api/partner", ("Authorization: Bearer st-key",), ("st-key",)),
    "sendblue": Target(
        SPECS["sendblue"],
        "",
        ("sb-api-key-id: st-key-id", "sb-api-secret-key: st-secret"),
        ("st-key-id", "st-secret"),
    ),
}


@dataclass(frozen=True)
class Failure:
    """One failed check of one test case, with the response that failed it."""

    check: str
    operation: str
    status: int | None
    body: str
    request: str

    @property
    def tags(self) -> frozenset[str]:
        """The rule tags of the mock's error message: `body#/message/parts/1: ... [link-part-alone]`
        gives `link-part-alone`; one per problem listed, each before a `;` or the end."""
        try:
            strings = _strings(json.loads(self.body))
        except ValueError:
            return frozenset()
        return frozenset(tag for text in strings for tag in re.findall(r" \[([a-z0-9-]+)\](?=;|$)", text))

    def __str__(self) -> str:
        return f"{self.check} on {self.operation}: {self.status} {self.body[:300]}\n    request: {self.request[:500]}"


@dataclass(frozen=True)
class Accepted:
    """A failure a correct stateful mock produces: `check` failing on `operation` (any when None)
    with a 400 whose every problem carries one of the rule `tags`."""

    check: str
    operation: str | None
    tags: frozenset[str]
    why: str

    def covers(self, failure: Failure) -> bool:
        tags = failure.tags
        return (
            failure.check == self.check
            and self.operation in (None, failure.operation)
            and failure.status == 400
            and bool(tags)
            and tags <= self.tags
        )


def accepted(api: Api) -> tuple[Accepted, ...]:
    """The failures a correct stateful mock of `api` produces, each with its reason."""
    return (
        # Schema-valid values that name nothing this server holds: a `cursor` it never issued,
        # an `attachment_id` or `reply_to.message_id` of no record, a `part_index` past the
        # message's parts, a participant to remove who is not in the chat. The mock refuses
        # them with the documented 400 and a tag naming what was missing ([cursor],
        # [reference], [state]); Schemathesis cannot know the records and reports "schema-valid
        # request rejected" (ST202). With this seed: 71 failed checks for Linq, none for Sendblue.
        Accepted(
            "positive_data_acceptance",
            None,
            frozenset({"cursor", "reference", "state"}),
            "a schema-valid value that names no record of the stateful mock",
        ),
        # The spec's `x-rules` (no consecutive text parts, a link part alone, decoration ranges
        # within the text...): business rules JSON Schema cannot state, so Schemathesis's
        # schema-valid bodies break them, and the mock refuses them as the spec says (ST202).
        # The mock checks these rules only on a body that passed its schema, after the
        # parameters, so a 400 listing only rule ids is a request refused for nothing else.
        # With this seed: 47 failed checks for Linq; Sendblue has no x-rules.
        Accepted(
            "positive_data_acceptance",
            None,
            frozenset(rule.id for model in api.models for rule in model.rules),
            "a schema-valid body that breaks one of the spec's x-rules",
        ),
    )


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# --- the mock process and the run ----------------------------------------------------------------


@contextlib.contextmanager
def mock_process(target: Target, log: Path) -> Iterator[str]:
    """The stateful mock of `target` in its own process on a free port; yields its URL once it answers."""
    command = [sys.executable, "-m", "contract_tests.mock", str(target.spec), "--mode", "stateful", "--port", "0"]
    command += [f"--api-key={key}" for key in target.api_keys]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"}
        )
    try:
        yield wait_until_answering(process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def st_run(target: Target, url: str, work: Path) -> subprocess.CompletedProcess[str]:
    """`st run` as a user would type it; reports (JSON summary, NDJSON events) land in `work`."""
    command = [str(ST), "run", str(target.spec), "--url", url + target.base_path]
    command += ["--checks", "all", "--mode", "all", "--seed", SEED, "--max-examples", MAX_EXAMPLES]
    # Every test case of an operation runs, even after one fails: an accepted failure must not
    # hide a later one of the same operation.
    command += ["--continue-on-failure", "--workers", "1", "--request-timeout", "10"]
    command += ["--generation-database", "none", "--no-color"]
    command += ["--report", "json,ndjson", "--report-dir", str(work)]
    for header in target.headers:
        command += ["-H", header]
    # Its own working folder: Schemathesis keeps state under `.schemathesis/` and `.hypothesis/`.
    return subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False)


# --- reading the reports -------------------------------------------------------------------------


def failures_in(events: Path) -> list[Failure]:
    """Every failed check in an NDJSON report, with the response it judged."""
    found = []
    for line in events.read_text(encoding="utf-8").splitlines():
        scenario = json.loads(line).get("ScenarioFinished")
        if scenario is None:
            continue
        recorder = scenario["recorder"]
        for case_id, results in recorder.get("checks", {}).items():
            for result in results:
                if result["status"] == "failure":
                    found.append(_failure(result, recorder, case_id))
    return found


def _failure(result: dict[str, Any], recorder: dict[str, Any], case_id: str) -> Failure:
    case = recorder["cases"].get(case_id, {}).get("value", {})
    operation = result.get("failure_info", {}).get("failure", {}).get("operation")
    operation = operation or f"{case.get('method')} {case.get('path')}"
    interaction = recorder.get("interactions", {}).get(case_id) or {}
    response = interaction.get("response") or {}
    request = interaction.get("request") or {}
    body = _text(response.get("content"))
    sent = f"{request.get('method')} {request.get('uri')} {_text(request.get('body'))}".strip()
    return Failure(result["name"], operation, response.get("status_code"), body, sent)


def _text(content: Any) -> str:
    if isinstance(content, dict) and "$base64" in content:
        return base64.b64decode(content["$base64"]).decode("utf-8", "replace")
    return "" if content is None else str(content)


# --- the test ------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("api", sorted(TARGETS))
def test_st_run_all_checks_against_the_stateful_mock(api: str, tmp_path: Path) -> None:
    target = TARGETS[api]
    with mock_process(target, tmp_path / "mock.log") as url:
        done = st_run(target, url, tmp_path)
    summaries = list(tmp_path.glob("*.json"))
    events = list(tmp_path.glob("*.ndjson"))
    assert summaries and events, f"st run wrote no reports (exit {done.returncode}):\n{done.stdout}\n{done.stderr}"
    summary = json.loads(summaries[0].read_text(encoding="utf-8"))

    assert summary["complete"] and summary["stop_reason"] == "completed", done.stdout[-3000:]
    assert summary["errors"] == [], done.stdout[-3000:]
    operations = summary["operations"]
    assert operations["tested"] == operations["total"] > 0, operations
    # The credentials were the right ones: otherwise every answer is a conforming 401 and the
    # run proves nothing.
    assert summary["warnings"]["missing_auth"] == [], summary["warnings"]
    valid = sum(rates["accepted"] for phases in summary["valid_rates"].values() for rates in phases.values())
    assert valid >= summary["test_cases"]["generated"] // 10, summary["valid_rates"]

    rules = accepted(build_api(target.spec))
    failures = failures_in(events[0])
    unexplained = [f for f in failures if not any(rule.covers(f) for rule in rules)]
    explained = Counter(next(rule.why for rule in rules if rule.covers(f)) for f in failures if f not in unexplained)
    assert not unexplained, f"{len(unexplained)} failed checks ({dict(explained)} accepted):\n" + "\n".join(
        map(str, unexplained[:20])
    )
