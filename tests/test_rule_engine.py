"""The x-rules checks shared by the mock server and the generated clients."""

from __future__ import annotations

import pytest

from generator.ir.build import build_api
from generator.ir.rule_engine import check_rules, field_group_rules, text_length
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


# --- field groups ---------------------------------------------------------------------------------


def violations(rules, instance, pointer=""):
    return [(v.rule_id, v.pointer, v.message) for v in check_rules(rules, instance, pointer)]


def test_field_groups_become_rules_from_the_models_facts():
    linq, sendblue = build_api(SPECS["linq"]), build_api(SPECS["sendblue"])
    media, reaction, send = (
        linq.model("MediaPart"),
        linq.model("MessageAddReactionParams"),
        sendblue.model("MessageSendParams"),
    )
    assert field_group_rules(media.exactly_one_of, media.at_least_one_of, media.required_when) == [
        {
            "id": "exactly-one-of",
            "kind": "exactly-one-of",
            "message": "exactly one of 'url' or 'attachment_id' is required",
            "groups": [["url"], ["attachment_id"]],
        }
    ]
    assert field_group_rules(reaction.exactly_one_of, reaction.at_least_one_of, reaction.required_when) == [
        {
            "id": "required-when",
            "kind": "required-when",
            "message": "is required when 'type' is 'custom'",
            "match": {"type": "custom"},
            "required": ["custom_emoji"],
        }
    ]
    [at_least] = field_group_rules(send.exactly_one_of, send.at_least_one_of, send.required_when)
    assert at_least["kind"] == "at-least-one-of" and at_least["groups"] == [["content"], ["media_url"]]
    assert field_group_rules() == []


EXACTLY = field_group_rules(exactly_one_of=[["url"], ["attachment_id"]])
MULTI = field_group_rules(exactly_one_of=[["a", "b"], ["c"]])


@pytest.mark.parametrize(
    ("rules", "instance", "expected"),
    [
        (EXACTLY, {"url": "u"}, []),
        (EXACTLY, {"attachment_id": "a", "other": 1}, []),
        # null is given, as for JSON Schema's `required`
        (EXACTLY, {"url": None}, []),
        (EXACTLY, {}, [("exactly-one-of", "/p", "exactly one of 'url' or 'attachment_id' is required; none is given")]),
        (
            EXACTLY,
            {"url": "u", "attachment_id": "a"},
            [
                (
                    "exactly-one-of",
                    "/p",
                    "exactly one of 'url' or 'attachment_id' is required; several are given: 'url' and 'attachment_id'",
                )
            ],
        ),
        (MULTI, {"a": 1, "b": 2}, []),
        (MULTI, {"c": 1, "a": 2}, []),  # `a` without `b` does not make its group given
        (MULTI, {"a": 1}, [("exactly-one-of", "/p", "exactly one of 'a' + 'b' or 'c' is required; none is given")]),
        (
            MULTI,
            {"a": 1, "b": 2, "c": 3},
            [
                (
                    "exactly-one-of",
                    "/p",
                    "exactly one of 'a' + 'b' or 'c' is required; several are given: 'a' + 'b' and 'c'",
                )
            ],
        ),
    ],
)
def test_exactly_one_of(rules, instance, expected):
    assert violations(rules, instance, "/p") == expected


def test_at_least_one_of():
    rules = field_group_rules(at_least_one_of=[["content"], ["media_url"]])
    assert violations(rules, {"content": "hi"}) == []
    assert violations(rules, {"content": "hi", "media_url": "https://x"}) == []
    assert violations(rules, {"number": "+1"}, "/body") == [
        ("at-least-one-of", "/body", "at least one of 'content' or 'media_url' is required")
    ]


def test_required_when():
    rules = field_group_rules(required_when=[("type", "custom", ["custom_emoji", "a/b"])])
    message = "is required when 'type' is 'custom'"
    assert violations(rules, {"type": "custom", "custom_emoji": "🎉", "a/b": 1}) == []
    assert violations(rules, {"type": "love"}) == []
    assert violations(rules, {}) == []  # the condition's property absent: nothing is required
    # One violation per missing property, at its own (escaped) pointer.
    assert violations(rules, {"type": "custom"}, "/r") == [
        ("required-when", "/r/custom_emoji", message),
        ("required-when", "/r/a~1b", message),
    ]
    # JSON equality: `true` is not `1`.
    flag = field_group_rules(required_when=[("on", True, ["level"])])
    assert violations(flag, {"on": 1}) == []
    assert violations(flag, {"on": True}) == [("required-when", "/level", "is required when 'on' is True")]


def test_field_groups_ignore_values_that_are_not_objects():
    rules = EXACTLY + field_group_rules(at_least_one_of=[["x"]], required_when=[("t", "v", ["y"])])
    for value in (None, "text", [{"url": "u", "attachment_id": "a"}], 3):
        assert check_rules(rules, value) == []


def test_field_groups_and_x_rules_are_checked_together(rules):
    text_part = rules["TextPart"] + field_group_rules(exactly_one_of=[["value"], ["html"]])
    part = {"type": "text", "value": "hi", "html": "<b>hi</b>", "text_decorations": [{"range": [0, 9], "style": "b"}]}
    assert [v.rule_id for v in check_rules(text_part, part)] == ["decoration-range-within-text", "exactly-one-of"]
