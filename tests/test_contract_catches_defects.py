"""The contract suite catches deliberately broken servers, and passes against a healthy one.

Each defect of `contract_tests.mock.defects` is switched on in a mock started as a separate
process (`python -m contract_tests.mock SPEC --mode stateful --port 0 --defect NAME`); the part
of the contract suite that should catch it then runs against that process in live mode (a
pytest subprocess with `CONTRACT_<API>_URL` set) and must fail, naming the check that caught the
defect and a request sent to that process. The same parts pass against healthy mock processes:
live mode works against a server that is not the suite's in-process mock.

The Schemathesis tests (`test_operations.py`, `test_stateful_links.py`) are not used here: in
live mode `ignored_auth` probes with a well-formed but invalid key and expects a 401, which the
mock never answers (it accepts any non-empty key), so the Linq ones that reach a 2xx fail
against any mock process, with or without a defect.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from contract_tests.mock import create_app
from contract_tests.mock.__main__ import parser
from contract_tests.mock.defects import DEFECTS, RULE_DEFECTS
from contract_tests.strategies import MUTATIONS
from generator.ir.build import build_api

ROOT = Path(__file__).resolve().parent.parent
SPECS = {"linq": ROOT / "spec" / "linq.yaml", "sendblue": ROOT / "spec" / "sendblue.yaml"}
READY_TIMEOUT = 30.0
SUITE_TIMEOUT = 300.0
# A fixed seed replays the same draws on every run; with this many examples the drawn walks span
# several pages (a duplicate needs two) long before the last one.
HYPOTHESIS_SEED = "1"
MAX_EXAMPLES = "6"
# What the environment may carry from a developer's own live run; the subprocess must not see it.
INHERITED = re.compile(r"^(CONTRACT_|LINQ_API_|SENDBLUE_API_|HYPOTHESIS_|PYTEST_)")


@dataclass(frozen=True)
class Catch:
    """A defect, the API it breaks, the tests that should catch it, the check they name and what it says."""

    defect: str
    api: str
    files: tuple[str, ...]
    keyword: str
    check: str
    says: str
    # The one test that must fail (its node id's ending); when set, every test the keyword selects
    # runs (no -x) and all the others must pass: the defect is caught by its own test, not by chance.
    test: str | None = None


LIFECYCLE = ("contract_tests/test_message_lifecycle.py",)
CHAIN = "test_linked_chain_create_to_delete"  # create chat, send, list, react, edit, delete, read back
CATCHES = [
    Catch(
        "drop-required-field",
        "linq",
        LIFECYCLE,
        CHAIN,
        "response_schema_conformance",
        "'id' is a required property",
    ),
    Catch("edit-not-persisted", "linq", LIFECYCLE, CHAIN, "edit_persists", "'value': 'Chain step one'"),
    Catch("serve-deleted", "linq", LIFECYCLE, CHAIN, "deleted_stays_404", "expected HTTP 404, got 200"),
    Catch("wrong-status", "linq", LIFECYCLE, CHAIN, "create_chat", "expected HTTP 201, got 200"),
    Catch(
        "ignore-idempotency",
        "linq",
        LIFECYCLE,
        "test_idempotency_key_on_create_chat_returns_first_result",
        "idempotency_replays_first_result",
        "the repeat gave",
    ),
    Catch(
        "accept-rule-violation",
        "linq",
        ("contract_tests/test_message_rules.py",),
        "link-part-not-alone",
        "rule_link-part-not-alone_refused",
        "expected HTTP 400, got 202",
    ),
    Catch(
        "duplicate-page-items",
        "linq",
        ("contract_tests/test_pagination.py",),
        "test_linq_chat_messages_walk_every_page_once",
        "pagination_no_duplicates",
        "items returned on more than one page",
    ),
    Catch(
        "duplicate-page-items",
        "sendblue",
        ("contract_tests/test_pagination.py",),
        "test_sendblue_messages_walk_every_page_once",
        "pagination_no_duplicates",
        "items returned on more than one page",
    ),
]
RULE_TEST = "test_rule_broken_is_refused_and_kept_is_accepted"
# One defect per rule of the pages, each caught by that rule's own test in test_message_rules.py.
CATCHES += [
    Catch(
        name,
        "linq",
        ("contract_tests/test_message_rules.py",),
        RULE_TEST,
        f"rule_{name.removeprefix('accept-')}_refused",
        "expected HTTP 400, got",
        test=f"{RULE_TEST}[{name.removeprefix('accept-')}]",
    )
    for name in RULE_DEFECTS
]


# --- mock processes ----------------------------------------------------------------------------


@contextlib.contextmanager
def mock_process(api: str, defects: Sequence[str], logs: Path) -> Iterator[str]:
    """A stateful mock of `api` in its own process on a free port; yields its URL once it answers."""
    log = logs / f"mock-{api}-{'-'.join(defects) or 'healthy'}.log"
    command = [sys.executable, "-m", "contract_tests.mock", str(SPECS[api]), "--mode", "stateful", "--port", "0"]
    command += [f"--defect={name}" for name in defects]
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


def wait_until_answering(process: subprocess.Popen[bytes], log: Path) -> str:
    """The URL the mock printed, once a request to it gets an answer (any status)."""
    deadline = time.monotonic() + READY_TIMEOUT
    url = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the mock exited with {process.returncode}:\n{log.read_text()}")
        if url is None:
            found = re.search(r" at (http://\S+)", log.read_text())
            url = found.group(1) if found else None
        if url is not None:
            with contextlib.suppress(httpx.TransportError):
                httpx.get(url + "/", timeout=1.0)
                return url
        time.sleep(0.02)
    raise AssertionError(f"the mock did not answer within {READY_TIMEOUT:g} s:\n{log.read_text()}")


@pytest.fixture
def start_mock(tmp_path: Path) -> Iterator[Callable[..., str]]:
    """Starts mock processes (`start_mock("linq", "serve-deleted")`); all are stopped after the test."""
    with contextlib.ExitStack() as stack:

        def start(api: str, *defects: str) -> str:
            return stack.enter_context(mock_process(api, defects, tmp_path))

        yield start


# --- the suite as a subprocess -----------------------------------------------------------------


def run_suite(
    files: Sequence[str], keyword: str, urls: dict[str, str], tmp_path: Path, stop_first: bool = True
) -> subprocess.CompletedProcess[str]:
    """`pytest contract_tests/... -k KEYWORD` in live mode against `urls`, as a user would run it."""
    env = {name: value for name, value in os.environ.items() if not INHERITED.match(name)}
    env.update(
        {f"CONTRACT_{api.upper()}_URL": url for api, url in urls.items()},
        LINQ_API_KEY="defects-linq-key",
        SENDBLUE_API_KEY="defects-key-id",
        SENDBLUE_API_SECRET="defects-secret",
        CONTRACT_MAX_EXAMPLES=MAX_EXAMPLES,
        CONTRACT_LIVE_RATE="0",  # a local process: no rate limit to stay under
        CONTRACT_SHRINK="0",  # the first failing example names the check: shrinking 100-part bodies adds minutes
        CONTRACT_SKIP_UPLOADS="1",  # the mock's upload URLs are the spec's examples, not reachable
        HYPOTHESIS_STORAGE_DIRECTORY=str(tmp_path / "hypothesis"),  # keep the project's example database clean
    )
    command = [sys.executable, "-m", "pytest", *files, "-k", keyword, "-q", "-p", "no:cacheprovider"]
    command += ["-x"] if stop_first else []
    command.append(f"--hypothesis-seed={HYPOTHESIS_SEED}")
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=SUITE_TIMEOUT)


def output(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def outcomes(result: subprocess.CompletedProcess[str]) -> dict[str, int]:
    """The counts of pytest's last line (`1 failed, 3 deselected in 2.1s` -> {"failed": 1, "deselected": 3})."""
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    return {word: int(count) for count, word in re.findall(r"(\d+) (\w+)", summary.rpartition(" in ")[0])}


# --- the tests ---------------------------------------------------------------------------------


def test_every_defect_has_a_catch() -> None:
    assert {catch.defect for catch in CATCHES} == set(DEFECTS)


def test_every_rule_mutation_has_its_own_defect() -> None:
    assert {name.removeprefix("accept-") for name in RULE_DEFECTS} == {mutation.name for mutation in MUTATIONS}


def test_defects_are_off_by_default_and_checked_by_name() -> None:
    api = build_api(SPECS["linq"])
    assert not create_app(api, "stateful", seed_data=False).defects
    with pytest.raises(ValueError, match="unknown defect"):
        create_app(api, "stateful", defects=["no-such-defect"])
    with pytest.raises(ValueError, match="need stateful mode"):
        create_app(api, "examples", defects=["serve-deleted"])
    assert create_app(api, "examples", defects=["accept-rule-violation"]).defects.on("accept-rule-violation")


def test_cli_help_describes_every_defect() -> None:
    text = " ".join(parser().format_help().split())
    for name, what in DEFECTS.items():
        assert f"{name}: {what}" in text


@pytest.mark.slow
@pytest.mark.parametrize("catch", CATCHES, ids=[f"{c.defect}-{c.api}" for c in CATCHES])
def test_suite_catches_defect(catch: Catch, start_mock: Callable[..., str], tmp_path: Path) -> None:
    url = start_mock(catch.api, catch.defect)
    result = run_suite(catch.files, catch.keyword, {catch.api: url}, tmp_path, stop_first=catch.test is None)
    text = output(result)
    if catch.test is not None:
        failed = re.findall(r"^FAILED \S+::(\S+)", result.stdout, re.MULTILINE)
        assert failed == [catch.test], f"expected only {catch.test} to fail, failed: {failed}\n{text}"
    assert result.returncode == 1, f"the suite did not fail on {catch.defect} (exit {result.returncode}):\n{text}"
    counts = outcomes(result)
    assert counts.get("failed") == 1 and "error" not in counts and "errors" not in counts, f"{counts}\n{text}"
    assert f"[{catch.check}] " in text, f"the failure does not name [{catch.check}]:\n{text}"
    assert catch.says in text, f"the failure does not say {catch.says!r}:\n{text}"
    assert f"{url}/" in text, f"the failing request did not go to the defective mock at {url}:\n{text}"


@pytest.mark.slow
def test_same_tests_pass_against_healthy_mock_processes(start_mock: Callable[..., str], tmp_path: Path) -> None:
    urls = {api: start_mock(api) for api in sorted({catch.api for catch in CATCHES})}
    files = sorted({name for catch in CATCHES for name in catch.files})
    keyword = " or ".join(sorted({catch.keyword for catch in CATCHES}))
    result = run_suite(files, keyword, urls, tmp_path)
    text = output(result)
    assert result.returncode == 0, f"the suite failed against healthy mock processes:\n{text}"
    counts = outcomes(result)
    # Every rule test (selected by the rule defects' keyword) plus one test per other keyword.
    expected = len(MUTATIONS) + len(
        {(c.files, c.keyword) for c in CATCHES if c.test is None and c.keyword != RULE_TEST}
    )
    link_rule = next(c for c in CATCHES if c.defect == "accept-rule-violation")
    expected -= 1  # the link rule test is selected by both keywords
    assert link_rule.keyword == MUTATIONS[0].name
    assert counts.get("passed") == expected and "failed" not in counts, f"{counts}\n{text}"
