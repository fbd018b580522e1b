"""How strictly the contract suite reads error messages: exact against the mock, the server's own words live."""

from __future__ import annotations

import warnings

import pytest

from contract_tests import findings
from contract_tests.checks import error_body_problem, names_empty_string
from contract_tests.error_messages import ErrorWordingWarning, mentions, mentions_in_own_words
from contract_tests.oracle import oracle_for

LINK_ALONE = (
    "link-part-alone",
    "A link part must be the only part in the message. It cannot be combined with text or media parts.",
)


@pytest.mark.parametrize(
    ("message", "name"),
    [
        ("a link part must be the only part in the message", "link-part-alone"),
        ("Text parts cannot follow each other", "no-consecutive-text-parts"),
        ("bad ContentType", "content_type"),
        ("Text decorations out of range", "text_decorations"),
        ("too many Parts", "parts"),
    ],
)
def test_own_words_name_the_problem(message: str, name: str) -> None:
    assert mentions_in_own_words(message, name)


@pytest.mark.parametrize(
    ("message", "name"),
    [
        ("something went wrong", "link-part-alone"),
        ("the message is invalid", "no-consecutive-text-parts"),
        ("invalid request", "content_type"),
    ],
)
def test_messages_that_name_nothing(message: str, name: str) -> None:
    assert not mentions_in_own_words(message, name)


def test_exact_reading_needs_the_id_or_sentence() -> None:
    assert not mentions("a link part must be the only part in the message", "link-part-alone")
    assert mentions("Invalid: link-part-alone", "link-part-alone")


def _error(message: str) -> dict[str, object]:
    return {"error": {"status": 400, "code": 4000, "message": message}, "trace_id": "t-1"}


def test_mock_requires_exact_words_live_accepts_own_words() -> None:
    oracle = oracle_for("linq")
    operation = next(op for op in oracle.api.operations if op.id == "chatsMessagesSend")
    body = _error("a link part must be the only part in the message")
    assert error_body_problem(oracle, operation, 400, body, LINK_ALONE) is not None
    assert error_body_problem(oracle, operation, 400, body, LINK_ALONE, live=True) is None


def test_live_message_naming_nothing_is_a_warning_unless_strict(monkeypatch: pytest.MonkeyPatch) -> None:
    oracle = oracle_for("linq")
    operation = next(op for op in oracle.api.operations if op.id == "chatsMessagesSend")
    body = _error("request refused")
    monkeypatch.delenv("CONTRACT_STRICT_ERRORS", raising=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert error_body_problem(oracle, operation, 400, body, LINK_ALONE, live=True) is None
    assert any(issubclass(w.category, ErrorWordingWarning) for w in caught)
    assert any(f.kind == "wording" and "request refused" in f.detail for f in findings.FINDINGS)
    monkeypatch.setenv("CONTRACT_STRICT_ERRORS", "1")
    assert "does not name what was wrong" in (
        error_body_problem(oracle, operation, 400, body, LINK_ALONE, live=True) or ""
    )


def test_shape_is_checked_live_too() -> None:
    oracle = oracle_for("linq")
    operation = next(op for op in oracle.api.operations if op.id == "chatsMessagesSend")
    wrong_status = {"error": {"status": 422, "code": 4000, "message": "parts"}, "trace_id": "t"}
    assert "status field" in (error_body_problem(oracle, operation, 400, wrong_status, ("parts",), live=True) or "")
    assert error_body_problem(oracle, operation, 400, {"oops": 1}, ("parts",), live=True) is not None


def test_live_validity_disagreement_says_either_side_may_be_wrong() -> None:
    from schemathesis.core.failures import AcceptedNegativeData, FailureGroup

    from contract_tests.test_operations import EITHER_SIDE, note_disagreement

    failure = AcceptedNegativeData.__new__(AcceptedNegativeData)
    group = FailureGroup([failure], "Schemathesis found 1 distinct failure")
    assert note_disagreement(group) and EITHER_SIDE in group.__notes__
    assert not note_disagreement(ValueError("another failure"))


@pytest.mark.parametrize(
    ("message", "pointer", "names_it"),
    [
        ("body#/message/text: must not be empty", "/message/text", True),
        ("text may not be blank", "/message/text", True),
        ("invalid request", "/message/text", False),
        # A key with `/` or `~` in it is one property, escaped in the pointer (RFC 6901).
        ("a/b: must not be empty", "/a~1b", True),
        # No property to name (an empty key, the whole body, a top-level array's item): "empty" must be said.
        ("body#/: must not be empty", "/", True),
        ("Empty strings are not accepted", "/0", True),
        ("invalid request", "/", False),
        ("", "", False),
    ],
)
def test_a_refusal_of_an_empty_string_must_name_it(message: str, pointer: str, names_it: bool) -> None:
    assert names_empty_string(message, pointer) is names_it
