"""The bench's own logic: statistics and verdicts, results.json, the table, the fixed-response
server and the load generator's parsing. Nothing here runs a benchmark."""

from __future__ import annotations

import asyncio
import copy
import json
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from linq_client import AsyncLinq, Linq
from linq_client.types import Chat, Message, MessageList

from benchmarks import (
    canned,
    fixed_server,
    loadgen,
    part_contract,
    part_generate,
    part_import,
    profile,
    render,
    results,
)
from benchmarks.context import ROOT
from benchmarks.procs import run_measured
from benchmarks.run import PARTS, parse_parts
from benchmarks.stats import Figure, Summary, Target, interleaved, percentile

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def figure(ours: list[float] | None, baseline: list[float] | None, target: Target | None, **extra: Any) -> Figure:
    return Figure(
        part="demo",
        name="demo: figure",
        unit="ms",
        ours=Summary.of(ours) if ours else None,
        baseline_name="base",
        baseline=Summary.of(baseline) if baseline else None,
        target=target,
        **extra,
    )


# statistics and verdicts


def test_summary_is_median_min_max() -> None:
    summary = Summary.of([5.0, 1.0, 3.0, 100.0])
    assert (summary.median, summary.min, summary.max) == (4.0, 1.0, 100.0)
    with pytest.raises(ValueError):
        Summary.of([])


def test_ratio_is_ours_over_baseline_on_medians() -> None:
    assert figure([2.0, 2.0, 50.0], [1.0, 1.0, 1.0], None).ratio == 2.0
    assert figure([2.0], None, None).ratio is None
    assert figure([2.0], [0.0], None).ratio is None


@pytest.mark.parametrize(
    ("ours", "baseline", "target", "met"),
    [
        ([110.0], [100.0], Target("ratio", "<=", 1.2), True),
        ([121.0], [100.0], Target("ratio", "<=", 1.2), False),
        ([120.0], [100.0], Target("ratio", "<=", 1.2), True),  # the bound itself is met
        ([3000.0], [1000.0], Target("ratio", ">=", 3.0), True),
        ([2999.0], [1000.0], Target("ratio", ">=", 3.0), False),
        ([100.0], [10.0], Target("ours", ">=", 100.0), True),
        ([99.9], [100.0], Target("ours", ">=", 100.0), False),
        ([1.0], [1.0], None, None),
    ],
)
def test_verdicts(ours: list[float], baseline: list[float], target: Target | None, met: bool | None) -> None:
    assert figure(ours, baseline, target).met is met


def test_failures_and_unmet_conditions_are_missed_and_skips_have_no_verdict() -> None:
    fast = Target("ratio", "<=", 1.2)
    assert figure([1.0], [10.0], fast, error="ours failed: boom").met is False
    assert figure([1.0], [10.0], fast, ours_failed=True).met is False
    assert figure([1.0], [10.0], fast, conditions={"every operation emitted": False}).met is False
    assert figure([1.0], [10.0], fast, conditions={"every operation emitted": True}).met is True
    assert figure([1.0], None, fast).met is False  # no baseline, no claim
    assert figure([1.0], None, fast, skipped="--quick").met is None


def test_target_text() -> None:
    assert Target("ratio", "<=", 1 / 3).text == "ratio <= 0.33x"
    assert Target("ours", ">=", 100.0).text == ">= 100"


def test_interleaving_rotates_who_goes_first() -> None:
    contestants = ["a", "b", "c"]
    orders = [interleaved(index, contestants) for index in range(3)]
    assert orders == [["a", "b", "c"], ["b", "c", "a"], ["c", "a", "b"]]
    assert {order[0] for order in orders} == set(contestants)
    assert interleaved(7, []) == []


def test_nearest_rank_percentiles() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.5) == 50.0
    assert percentile(values, 0.99) == 99.0
    assert percentile(values, 1.0) == 100.0
    assert percentile([7.0], 0.99) == 7.0


# results.json and the table


def sample_document() -> dict[str, Any]:
    figures = [
        figure([110.0, 100.0, 120.0], [100.0, 95.0, 105.0], Target("ratio", "<=", 1.2)),
        figure([300.0], [100.0], Target("ratio", "<=", 1.5)),
        figure([48.9], [20.0], Target("ratio", "<=", 1 / 3), error="ours failed: exit 2: EmitError", ours_failed=True),
        figure([1.0], None, Target("ratio", ">=", 3.0), skipped="skipped in --quick"),
        figure([30.0], [15.0], None),
    ]
    machine = {
        "cpu": "Test CPU",
        "cores": 2,
        "python": "3.11.7",
        "os": "Linux",
        "load_average_at_start": [0.5, 0.4, 0.3],
    }
    return results.document(
        figures, mode="full", parts=["demo"], wall_seconds=12.34, versions={"httpx": "0.28.1"}, machine=machine
    )


def test_documents_have_every_promised_field() -> None:
    doc = sample_document()
    results.check_document(doc)
    first = doc["figures"][0]
    assert first["ours"] == {"median": 110.0, "min": 100.0, "max": 120.0, "samples": [110.0, 100.0, 120.0]}
    assert first["baseline"]["name"] == "base" and first["baseline"]["median"] == 100.0
    assert first["ratio"] == pytest.approx(1.1)
    assert first["target"] == {"on": "ratio", "op": "<=", "value": 1.2, "text": "ratio <= 1.20x"}
    assert first["met"] is True
    assert json.loads(json.dumps(doc)) == doc


@pytest.mark.parametrize(
    "breakage",
    [
        lambda doc: doc["machine"].pop("cpu"),
        lambda doc: doc.pop("date"),
        lambda doc: doc["figures"][0]["ours"].update(min=1000.0),
        lambda doc: doc["figures"][0].update(met="yes"),
        lambda doc: doc["figures"][4].update(met=True),  # a verdict without a target
        lambda doc: doc["figures"][0].pop("unit"),
        lambda doc: doc.update(schema_version=99),
    ],
)
def test_malformed_documents_are_rejected(breakage: Callable[[dict[str, Any]], object]) -> None:
    doc = copy.deepcopy(sample_document())
    breakage(doc)
    with pytest.raises(results.InvalidResults):
        results.check_document(doc)


def test_written_results_load_back(tmp_path: Path) -> None:
    path = tmp_path / "out" / "results.json"
    doc = sample_document()
    results.write(path, doc)
    assert results.load(path) == doc


def test_table_says_met_missed_failed_and_why() -> None:
    doc = sample_document()
    table = render.markdown(doc)
    lines = table.splitlines()
    rows = [line for line in lines if line.startswith("| demo")]
    assert len(rows) == len(doc["figures"])
    assert rows[0].endswith("| met |") and "1.10x" in rows[0] and "110 (100-120)" in rows[0]
    assert rows[1].endswith("| missed |") and "3.00x" in rows[1]
    assert "failed: 48.9" in rows[2] and rows[2].endswith("| missed |")
    assert rows[3].endswith("| n/a (skipped) |")
    assert rows[4].endswith("| n/a |") and "| - |" in rows[4]
    assert "- demo: ours failed: exit 2: EmitError" in lines
    assert "Test CPU, 2 cores, Python 3.11.7" in lines[0] and "0.5 / 0.4 / 0.3" in lines[0]
    assert render.text(doc).count("missed") == 2


def test_readme_section_is_replaced_between_the_markers_only() -> None:
    doc = sample_document()
    readme = f"# Title\n\nintro\n\n{render.BEGIN}\nold table\n{render.END}\n\n## After\n"
    once = render.replace_section(readme, doc)
    assert once.startswith("# Title\n\nintro\n\n") and once.endswith(f"{render.END}\n\n## After\n")
    assert "old table" not in once and render.markdown(doc) in once
    assert render.replace_section(once, doc) == once
    with pytest.raises(ValueError):
        render.replace_section("# no markers\n", doc)


def test_committed_readme_table_is_the_rendering_of_results_json() -> None:
    recorded = BENCH / "results.json"
    if not recorded.exists():
        pytest.skip("no recorded run yet")
    readme = (BENCH / "README.md").read_text(encoding="utf-8")
    assert render.replace_section(readme, results.load(recorded)) == readme, "run `python -m benchmarks.render`"


# the fixed-response server and its canned bodies


def test_canned_bodies_are_valid_for_the_generated_models() -> None:
    bodies = canned.routes()
    chat = Chat.model_validate_json(bodies[canned.CHAT_PATH])
    assert chat.id == canned.CHAT_ID
    page = MessageList.model_validate_json(bodies[canned.PAGE_PATH])
    assert len(page.messages) == canned.PAGE_SIZE
    assert len({message.id for message in page.messages}) == canned.PAGE_SIZE
    assert all(isinstance(message, Message) for message in page.messages)
    assert page.next_cursor is None


def test_page_cycles_through_every_message_example_of_the_spec() -> None:
    examples = canned.message_examples()
    assert len(examples) >= 3
    page = canned.message_page(size=len(examples) * 2)
    stripped = [{k: v for k, v in m.items() if k not in ("id", "chat_id")} for m in page["messages"]]
    assert stripped[: len(examples)] == [{k: v for k, v in m.items() if k not in ("id", "chat_id")} for m in examples]


@pytest.fixture
def fixed_url() -> Iterator[str]:
    """The fixed-response server on a free port, in a thread with its own event loop."""
    loop = asyncio.new_event_loop()
    table = fixed_server.answers(canned.routes())
    server = loop.run_until_complete(loop.create_server(lambda: fixed_server.FixedProtocol(table), "127.0.0.1", 0))
    port = server.sockets[0].getsockname()[1]
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=5)
    server.close()
    loop.run_until_complete(server.wait_closed())
    loop.close()


def test_generated_client_reads_the_fixed_server_sync_and_async(fixed_url: str) -> None:
    with Linq(api_key="k", base_url=fixed_url) as client:
        assert client.chats.retrieve(canned.CHAT_ID).display_name == "Weekend plans"
        page = client.chats.messages.list(canned.CHAT_ID, limit=100)
        assert len(page.items) == 100 and not page.has_next_page()

    async def go() -> int:
        async with AsyncLinq(api_key="k", base_url=fixed_url) as client:
            first = await client.chats.messages.list(canned.CHAT_ID, limit=100)
            return len(first.items)

    assert asyncio.run(go()) == 100


def test_fixed_server_keeps_connections_alive_and_answers_404_elsewhere(fixed_url: str) -> None:
    with httpx.Client(base_url=fixed_url) as client:
        for _ in range(3):
            response = client.get(canned.CHAT_PATH, params={"x": "1"})
            assert response.status_code == 200 and response.json()["id"] == canned.CHAT_ID
        assert client.get("/v3/nothing").status_code == 404
        assert client.post(canned.CHAT_PATH, json={"a": 1}).status_code == 404
        assert client.get(canned.CHAT_PATH).status_code == 200  # the POST body was consumed


def test_fixed_server_routing_helpers() -> None:
    table = fixed_server.answers({"/a": b"{}"})
    assert fixed_server.answer_for(b"GET /a?limit=1 HTTP/1.1\r\nhost: x", table).startswith(b"HTTP/1.1 200 OK")
    assert fixed_server.answer_for(b"DELETE /a HTTP/1.1", table) is fixed_server.NOT_FOUND
    assert fixed_server.content_length(b"POST /a HTTP/1.1\r\nContent-Length: 12\r\nx: y") == 12
    assert fixed_server.content_length(b"GET /a HTTP/1.1\r\nhost: x") == 0


# the load generator


def test_load_generator_parses_framed_and_chunked_responses() -> None:
    framed = b"HTTP/1.1 201 Created\r\ncontent-length: 2\r\n\r\n{}HTTP/1.1 200 OK"
    assert loadgen.parse_response(framed) == (201, framed.index(b"{}") + 2)
    chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
    assert loadgen.parse_response(chunked) == (200, len(chunked))
    for partial in (framed[:20], b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n{}", chunked[:-2]):
        with pytest.raises(loadgen.IncompleteResponse):
            loadgen.parse_response(partial)


def test_load_generator_requests_carry_their_body_length() -> None:
    request = loadgen.build_request("POST", "/v3/chats", ["a: b"], b'{"x":1}', 4010)
    head, _, body = request.partition(b"\r\n\r\n")
    assert head.split(b"\r\n")[0] == b"POST /v3/chats HTTP/1.1"
    assert b"content-length: 7" in head and b"a: b" in head and body == b'{"x":1}'
    assert b"content-length" not in loadgen.build_request("GET", "/", [], b"", 1)


def test_tally_counts_only_the_measured_window() -> None:
    tally = loadgen.Tally(window_start=10.0, window_end=20.0)
    tally.record(9.0, 10.5, 200)  # sent during warm-up
    tally.record(11.0, 11.002, 200)
    tally.record(12.0, 12.004, 422)
    tally.record(19.9, 20.1, 200)  # finished after the window
    report = tally.report()
    assert report["requests"] == 2 and report["rps"] == pytest.approx(0.2)
    assert report["statuses"] == {"200": 1, "422": 1}
    assert report["p50_ms"] == pytest.approx(2.0) and report["p99_ms"] == pytest.approx(4.0)


# operations emitted, import-time breakdown, contract summaries


def test_emitted_operations_are_read_from_both_code_styles(tmp_path: Path) -> None:
    (tmp_path / "ours.py").write_text(
        "def retrieve(self, chat_id):\n"
        "    return FinalRequestOptions(method='GET', url=f'/v3/chats/{_path_param(chat_id)}')\n"
        "def create(self):\n"
        "    return FinalRequestOptions(method='POST', url='/v3/chats')\n"
        "def generic(self, method, url):\n"
        "    return FinalRequestOptions(method=method, url=url)\n"
    )
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "theirs.py").write_text(
        "def _get_kwargs(owner):\n    return {'method': 'delete', 'url': '/repos/{owner}/x'.format(owner=owner)}\n"
    )
    (tmp_path / "verbs.py").write_text(
        "def list_chats(self):\n    return self._get_api_list('/v3/chats', cast_to=ChatList, page=PAGE)\n"
        "def update(self, chat_id):\n    return self._put(f'/v3/chats/{_path_param(chat_id)}', cast_to=Chat)\n"
        "def not_a_verb(self):\n    return self._build('/v3/other')\n"
    )
    (tmp_path / "broken.py").write_text("def (:\n")
    assert part_generate.emitted_operations(tmp_path) == {
        ("GET", "/v3/chats/{}"),
        ("POST", "/v3/chats"),
        ("DELETE", "/repos/{}/x"),
        ("GET", "/v3/chats"),
        ("PUT", "/v3/chats/{}"),
    }


def test_every_operation_of_the_committed_clients_is_counted_as_emitted() -> None:
    for name in ("linq", "sendblue"):
        spec = part_generate.spec_operations(ROOT / "spec" / f"{name}.yaml")
        assert part_generate.emitted_operations(ROOT / "generated" / name / "src") == spec


def test_spec_operations_count_every_method_of_every_path() -> None:
    linq = part_generate.spec_operations(Path(canned.LINQ_SPEC))
    assert ("GET", "/v3/chats/{}") in linq and ("POST", "/v3/chats") in linq
    assert len(linq) == 21


def test_generation_rows_miss_when_ours_fails_or_skips_operations() -> None:
    done = part_generate.Outcome(seconds=[1.0, 1.2], peak_mb=[60.0, 61.0], emitted=10)
    slow = part_generate.Outcome(seconds=[4.0, 4.0], peak_mb=[50.0, 50.0], emitted=10)
    rows = part_generate.figures_for(
        "x", 10, {"ours": done, "openapi-python-client": slow, "datamodel-code-generator": slow}, {}
    )
    by_name = {row.name: row for row in rows}
    assert by_name["generate x: wall time"].met is True
    assert by_name["generate x: operations emitted"].met is True
    partial = part_generate.Outcome(seconds=[1.0], peak_mb=[60.0], emitted=9)
    rows = part_generate.figures_for("x", 10, {"ours": partial, "openapi-python-client": slow}, {})
    assert rows[0].met is False and rows[0].conditions == {"every operation emitted": False}
    failed = part_generate.Outcome(seconds=[48.0], peak_mb=[500.0], failure="exit 2: EmitError")
    rows = part_generate.figures_for("x", 10, {"ours": failed, "openapi-python-client": slow}, {})
    assert all(row.ours_failed for row in rows) and rows[0].met is False
    assert rows[1].ours is not None and rows[1].ours.median == 0.0
    assert "ours failed: exit 2: EmitError" in (rows[0].error or "")


def test_importtime_breakdown_separates_own_modules() -> None:
    stderr = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:      2000 |       2000 |   httpx._api\n"
        "import time:      5000 |       9000 | httpx\n"
        "import time:      1500 |       1500 |   linq_client.types\n"
        "import time:       500 |      11000 | linq_client\n"
        "import time:       300 |        300 | linq_clientele\n"
    )
    found = part_import.importtime_breakdown(stderr, "linq_client", top=2)
    assert found == {
        "own_modules_ms": 2.0,
        "other_modules_ms": 7.3,
        "slowest_modules_self_ms": [["httpx", 5.0], ["httpx._api", 2.0]],
    }


def test_the_import_profile_counts_only_what_comes_after_httpx_and_pydantic() -> None:
    stderr = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:      5000 |       9000 | httpx\n"
        "import time:       100 |        100 |   pydantic.version\n"
        "import time:       900 |       1000 | pydantic\n"
        "import time:       120 |        120 |     contextvars\n"
        "import time:      1500 |       1620 |   linq_client._base_client\n"
        "import time:       500 |       2120 | linq_client\n"
    )
    assert profile.beyond_base(stderr) == [
        ("contextvars", 120),
        ("linq_client._base_client", 1500),
        ("linq_client", 500),
    ]


def test_summary_line_finds_the_closing_line() -> None:
    assert (
        part_contract.summary_line("....\n\n59 passed, 12 deselected in 29.79s\n")
        == "59 passed, 12 deselected in 29.79s"
    )
    assert (
        part_contract.summary_line("x\n=== 25 failures, 2 warnings in 15.27s ===\n")
        == "25 failures, 2 warnings in 15.27s"
    )


# the runner


def test_parts_are_selected_in_the_bench_order() -> None:
    assert parse_parts(None) == list(PARTS)
    assert parse_parts("mock, import") == ["import", "mock"]
    with pytest.raises(Exception, match="unknown part"):
        parse_parts("import,speed")


def test_measured_runs_report_time_memory_exit_and_timeouts() -> None:
    done = run_measured([sys.executable, "-c", "x = bytearray(30_000_000); print('ok')"], timeout=30)
    assert done.ok and done.stdout.strip() == "ok" and done.peak_rss_mb >= 30 and done.seconds > 0
    failed = run_measured([sys.executable, "-c", "import sys; sys.exit('broken spec')"], timeout=30)
    assert not failed.ok and failed.returncode == 1 and failed.failure() == "exit 1: broken spec"
    slow = run_measured([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)
    assert slow.timed_out and not slow.ok and slow.seconds < 10 and "timed out" in slow.failure()


def test_a_failed_fresh_clone_test_run_names_the_failed_tests() -> None:
    from benchmarks.part_setup import _test_failure

    output = (
        "tests/test_a.py ....F\n"
        "FAILED tests/test_a.py::test_one[all] - AssertionError: boom\n"
        "ERROR tests/test_b.py::test_two - OSError\n"
        "FAILED tests/test_a.py::test_one[all] - AssertionError: boom\n"
        "nox > Session tests failed.\n"
    )
    reason = _test_failure("exit 1: nox > Session tests failed.", output)
    assert reason == (
        "exit 1: nox > Session tests failed. (failed: tests/test_a.py::test_one[all], tests/test_b.py::test_two)"
    )
    assert _test_failure("exit 1: lint failed", "src/x.py:1:1: F401 unused\n") == "exit 1: lint failed"
