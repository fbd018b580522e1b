"""The x-rules checks shared by the mock server and the generated clients."""

from __future__ import annotations

import pytest

from generator.ir.build import build_api
from generator.ir.rule_engine import check_rules, text_length
from tests.conftest import SPECS


@pytest.fixture(scope="module")
def rules():
    api = build_api(SPECS["linq"])
    return {name: [r.as_json() for r in api.model(name).rules] for name in ("MessageContent", "TextPart")}


TEXT = {"type": "text", "value": "hi"}
MEDIA_URL = {"type": "media", "url": "https://example.com/a.png"}
MEDIA_ID = {"type": "media", "attachment_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7"}
LINK = {"type": "link", "value": "https://example.com"}


def broken(rules, instance):
    return [v.rule_id for v in check_rules(rules, instance)]


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([TEXT], []),
        ([LINK], []),
        ([TEXT, MEDIA_URL, TEXT], []),
        ([LINK, TEXT], ["link-part-alone"]),
        ([MEDIA_ID, LINK], ["link-part-alone"]),
        ([TEXT, TEXT], ["no-consecutive-text-parts"]),
        ([TEXT, MEDIA_ID, TEXT, TEXT, TEXT], ["no-consecutive-text-parts", "no-consecutive-text-parts"]),
        ([MEDIA_URL] * 40, []),
        ([MEDIA_URL] * 41, ["max-url-media-parts"]),
        ([MEDIA_URL] * 40 + [MEDIA_ID] * 20, []),
    ],
)
def test_message_content_part_rules(rules, parts, expected):
    assert broken(rules["MessageContent"], {"parts": parts}) == expected


def test_violation_points_at_the_offending_item(rules):
    [violation] = check_rules(rules["MessageContent"], {"parts": [TEXT, MEDIA_ID, TEXT, TEXT]}, "/message")
    assert violation.pointer == "/message/parts/3"
    assert "separated" in violation.message or "Consecutive" in violation.message or "consecutive" in violation.message


def decorated(value, *decorations):
    return {"type": "text", "value": value, "text_decorations": list(decorations)}


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        (decorated("hello", {"range": [0, 5], "style": "bold"}), []),
        (decorated("hello", {"range": [0, 6], "style": "bold"}), ["decoration-range-within-text"]),
        (decorated("hello", {"range": [3, 3], "style": "bold"}), ["decoration-range-within-text"]),
        # "👋" is two UTF-16 code units, so "👋hi" is 4 units long.
        (decorated("👋hi", {"range": [0, 4], "style": "bold"}), []),
        (decorated("👋hi", {"range": [0, 5], "style": "bold"}), ["decoration-range-within-text"]),
        (decorated("hello", {"range": [0, 3], "style": "bold"}, {"range": [1, 4], "style": "italic"}), []),
        (decorated("hello", {"range": [0, 3], "animation": "big"}, {"range": [3, 5], "style": "bold"}), []),
        (
            decorated("hello", {"range": [0, 3], "animation": "big"}, {"range": [2, 5], "style": "bold"}),
            ["animation-no-overlap"],
        ),
        (
            decorated("hello", {"range": [0, 2], "style": "bold"}, {"range": [1, 3], "animation": "shake"}),
            ["animation-no-overlap"],
        ),
    ],
)
def test_text_decoration_rules(rules, part, expected):
    assert broken(rules["TextPart"], part) == expected


def test_text_length_units():
    assert text_length("👋hi", "utf-16") == 4
    assert text_length("👋hi", "code-point") == 3


def test_rules_ignore_values_of_the_wrong_shape(rules):
    assert check_rules(rules["MessageContent"], {"parts": "not a list"}) == []
    assert check_rules(rules["TextPart"], "not an object") == []
