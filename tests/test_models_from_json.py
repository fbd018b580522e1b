"""The open types of the models parsed from JSON bytes give what the same value parsed as
Python gives. A union told apart by a property (`OpenUnion`): the variant its tag names, or an
`UnknownVariant` that remembers the property and the known tags (and raises the drift flag) for
any other tag or none. An open string enum (`OpenLiteral`): a documented value as a plain
string, any other string as an `UnknownValue` (the flag raised), anything else refused.

JSON takes a shorter way than Python (no Python call for documented values and variants: the
client parses every response from bytes); these tests hold the two ways to one behaviour, on
Linq's models.
"""

from __future__ import annotations

import json
from typing import Any

import linq_client
import pydantic
import pytest
from linq_client.types import LinkPartResponse, MediaPartResponse, Message, MessageEffect, TextPartResponse

NOW = "2025-05-01T12:00:00Z"
MESSAGE = {
    "id": "msg_1",
    "chat_id": "chat_1",
    "created_at": NOW,
    "is_delivered": True,
    "is_from_me": True,
    "is_read": False,
    "updated_at": NOW,
}
TEXT = {"type": "text", "value": "hello", "reactions": None}
MEDIA = {
    "type": "media",
    "id": "att_1",
    "filename": "cat.png",
    "mime_type": "image/png",
    "size_bytes": 10,
    "url": "https://cdn.example.com/cat.png",
    "reactions": [],
}
LINK = {"type": "link", "value": "https://example.com", "reactions": None}


def both_ways(parts: list[Any]) -> tuple[Message, Message, bool]:
    """The message with these parts parsed from JSON and as Python, and whether the JSON parse
    raised the drift flag."""
    body = {**MESSAGE, "parts": parts}
    with linq_client._drift.unknowns_noted() as noted:
        from_json = Message.model_validate_json(json.dumps(body))
        flagged = noted()
    return from_json, Message.model_validate(body), flagged


@pytest.mark.parametrize(
    ("part", "variant"),
    [(TEXT, TextPartResponse), (MEDIA, MediaPartResponse), (LINK, LinkPartResponse)],
    ids=["text", "media", "link"],
)
def test_a_known_tag_gives_its_variant(part: dict[str, Any], variant: type[Any]) -> None:
    from_json, from_python, flagged = both_ways([part])
    assert type(from_json.parts[0]) is variant  # type: ignore[index]
    assert from_json == from_python
    assert from_json.to_dict() == from_python.to_dict() == {**MESSAGE, "parts": [part]}
    assert not flagged


@pytest.mark.parametrize(
    "part",
    [{"type": "sticker", "sticker_id": "st_1"}, {"value": "no tag"}, {"type": 5}, {"type": None}],
    ids=["unknown tag", "no tag", "number", "null"],
)
def test_any_other_tag_gives_an_unknown_variant_that_keeps_its_data(part: dict[str, Any]) -> None:
    from_json, from_python, flagged = both_ways([TEXT, part])
    for message in (from_json, from_python):
        assert type(message.parts[0]) is TextPartResponse  # type: ignore[index]
        unknown = message.parts[1]  # type: ignore[index]
        assert linq_client.is_unknown(unknown)
        assert unknown.discriminator == "type"
        assert unknown.expected == ("text", "media", "link")
        assert unknown.to_dict() == part
    assert flagged


def test_a_known_tag_whose_variant_fails_reports_the_variants_errors() -> None:
    body = {**MESSAGE, "parts": [{"type": "text", "reactions": None}]}  # no value
    with pytest.raises(pydantic.ValidationError) as from_json:
        Message.model_validate_json(json.dumps(body))
    with pytest.raises(pydantic.ValidationError) as from_python:
        Message.model_validate(body)
    assert [(error["loc"], error["type"]) for error in from_python.value.errors()] == [
        (("parts", 0, "text", "value"), "missing")
    ]
    json_errors = from_json.value.errors()
    assert json_errors[0]["loc"] == ("parts", 0, "variant", "text", "value")
    assert json_errors[0]["type"] == "missing"
    # The other branch says why it did not take the value either: its tag is a known one.
    assert [error["type"] for error in json_errors[1:]] == ["known_variant"]
    assert "'text' is a known 'type'" in json_errors[1]["msg"]


def test_an_instance_keeps_its_class() -> None:
    part = MediaPartResponse.model_validate(MEDIA)
    message = Message.model_validate({**MESSAGE, "parts": [part]})
    assert message.parts is not None and message.parts[0] is part


@pytest.mark.parametrize(("value", "unknown"), [("bubble", False), ("screen", False), ("laser", True), (None, False)])
def test_an_open_literal_keeps_any_string_and_marks_the_undocumented(value: str | None, unknown: bool) -> None:
    body = {"name": "slam", "type": value}
    with linq_client._drift.unknowns_noted() as noted:
        from_json = MessageEffect.model_validate_json(json.dumps(body))
        flagged = noted()
    from_python = MessageEffect.model_validate(body)
    for effect in (from_json, from_python):
        assert effect.type == value
        assert linq_client.is_unknown(effect.type) is unknown
        assert effect.to_dict() == body
    if unknown:
        assert from_json.type.expected == ("screen", "bubble")  # type: ignore[union-attr]
    assert flagged is unknown


def test_an_open_literal_refuses_what_is_no_string_with_one_error() -> None:
    body = {"name": "slam", "type": 5}
    with pytest.raises(pydantic.ValidationError) as from_json:
        MessageEffect.model_validate_json(json.dumps(body))
    with pytest.raises(pydantic.ValidationError) as from_python:
        MessageEffect.model_validate(body)
    for raised in (from_json, from_python):
        assert [(error["loc"], error["type"]) for error in raised.value.errors()] == [(("type",), "string_type")]


def test_a_constant_field_counts_as_set_however_the_model_is_made() -> None:
    """The tag of a variant is always dumped: read from the JSON that named it, or filled in."""
    through_the_union = Message.model_validate_json(json.dumps({**MESSAGE, "parts": [TEXT]})).parts
    assert through_the_union is not None
    made = [
        through_the_union[0],
        TextPartResponse.model_validate_json(json.dumps({"value": "hello", "reactions": None})),
        TextPartResponse.model_validate({"value": "hello", "reactions": None}),
        TextPartResponse(value="hello", reactions=None),
    ]
    for part in made:
        assert "type" in part.model_fields_set
        assert part.to_dict() == TEXT
