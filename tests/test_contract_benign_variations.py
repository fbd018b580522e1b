"""The contract suite accepts a conformant server that is not its own mock.

Each benign variation of `contract_tests.mock.variations` makes the mock differ from itself only
in ways the contract allows (errors reworded, one problem of several reported, other error codes,
ids, cursors and trace ids, another default page size, extra response fields, an undocumented
enum value, empty strings refused where the spec is silent). For each, both APIs' mocks run as
separate processes with the variation on (and real credentials, so that `ignored_auth` counts),
and the whole contract suite runs against them in live mode: it must pass. Findings (a reworded
message that names nothing, a refused empty string) are reported, not failed.
tests/test_contract_catches_defects.py proves the same live mode still fails on each defect.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from contract_tests.mock import create_app
from contract_tests.mock.__main__ import parser
from contract_tests.mock.variations import VARIATIONS
from generator.ir.build import build_api
from tests.test_contract_catches_defects import (
    HYPOTHESIS_SEED,
    INHERITED,
    MAX_EXAMPLES,
    ROOT,
    SPECS,
    SUITE_TIMEOUT,
    outcomes,
    output,
    wait_until_answering,
)

KEYS = {"linq": ("live-linq-key",), "sendblue": ("live-key-id", "live-secret")}


@contextlib.contextmanager
def varied_mock(api: str, variations: Sequence[str], logs: Path, spec: Path | None = None) -> Iterator[str]:
    """A stateful mock of `api` (or of `spec`) in its own process, with `variations` on and only `KEYS[api]` accepted."""
    log = logs / f"mock-{api}-{'-'.join(variations) or 'plain'}.log"
    served = spec or SPECS[api]
    command = [sys.executable, "-m", "contract_tests.mock", str(served), "--mode", "stateful", "--port", "0"]
    command += [f"--api-key={key}" for key in KEYS[api]]
    if variations:
        command.append("--vary=" + ",".join(variations))
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"}
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


def run_live_suite(
    urls: dict[str, str], tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The whole contract suite in live mode against `urls`, as a user would run it."""
    clean = {name: value for name, value in os.environ.items() if not INHERITED.match(name)}
    clean.update(
        {f"CONTRACT_{api.upper()}_URL": url for api, url in urls.items()},
        LINQ_API_KEY=KEYS["linq"][0],
        SENDBLUE_API_KEY=KEYS["sendblue"][0],
        SENDBLUE_API_SECRET=KEYS["sendblue"][1],
        CONTRACT_MAX_EXAMPLES=MAX_EXAMPLES,
        CONTRACT_LIVE_RATE="0",
        CONTRACT_SKIP_UPLOADS="1",
        CONTRACT_REPORT_DIR=str(tmp_path / "reports"),
        HYPOTHESIS_STORAGE_DIRECTORY=str(tmp_path / "hypothesis"),
        **(env or {}),
    )
    command = [sys.executable, "-m", "pytest", "contract_tests", "-q", "-p", "no:cacheprovider", *args]
    command.append(f"--hypothesis-seed={HYPOTHESIS_SEED}")
    return subprocess.run(command, cwd=ROOT, env=clean, capture_output=True, text=True, timeout=SUITE_TIMEOUT)


def test_variations_are_off_by_default_and_checked_by_name() -> None:
    api = build_api(SPECS["linq"])
    assert not create_app(api, "stateful", seed_data=False).variations
    with pytest.raises(ValueError, match="unknown variation"):
        create_app(api, "stateful", variations=["no-such-variation"])
    app = create_app(api, "examples", variations=["reworded-errors,first-problem-only"])
    assert app.variations.on("reworded-errors") and app.variations.on("first-problem-only")


def test_cli_help_describes_every_variation() -> None:
    text = " ".join(parser().format_help().split())
    for name, what in VARIATIONS.items():
        assert f"{name}: {what}" in text


# By default one server shows every variation at once (a run of the suite costs ~15 s); with
# CONTRACT_EACH_VARIATION=1 each variation also gets a run of its own.
RUNS = [tuple(VARIATIONS)] + ([(name,) for name in VARIATIONS] if os.environ.get("CONTRACT_EACH_VARIATION") else [])


@pytest.mark.slow
@pytest.mark.parametrize("variations", RUNS, ids=lambda names: "all" if len(names) > 1 else names[0])
def test_live_suite_passes_against_benign_variations(variations: tuple[str, ...], tmp_path: Path) -> None:
    with contextlib.ExitStack() as stack:
        urls = {api: stack.enter_context(varied_mock(api, variations, tmp_path)) for api in ("linq", "sendblue")}
        result = run_live_suite(urls, tmp_path)
    text = output(result)
    assert result.returncode == 0, f"the live suite failed against the variations {', '.join(variations)}:\n{text}"
    counts = outcomes(result)
    assert counts.get("passed", 0) > 30 and "failed" not in counts, f"{counts}\n{text}"


def test_reworded_errors_still_say_what_is_wrong_with_an_empty_string_they_cannot_name() -> None:
    """A reworded refusal of an empty string names its property, or calls it empty where there
    is no property to name (the suite's `names_empty_string` needs one or the other)."""
    from contract_tests.checks import names_empty_string
    from contract_tests.mock.schemas import Problem
    from contract_tests.mock.variations import reworded

    api = build_api(SPECS["linq"])
    # `~0` and `~1` are pointer escapes of `~` and `/`: the server names the property itself.
    for pointer in ("//0", "/0", "", "/handles/0", "/a~0b/0/~0x", "/a~1b"):
        message = reworded(api, [Problem(f"body#{pointer}", "must not be empty", "empty-string")])
        assert names_empty_string(message, pointer), (pointer, message)
    assert reworded(api, [Problem("body#/handles/0", "must not be empty", "empty-string")]) == (
        "Request refused: handles.0 is not acceptable"
    )
