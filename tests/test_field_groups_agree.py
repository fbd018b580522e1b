"""The mock, the generated clients and the rule engine agree on the field groups of both specs.

For each model of Linq and Sendblue with a group ("exactly one of", "at least one of",
"required when"), Hypothesis draws instances that give or leave out each field of the groups
(every other field valid), inside a request that is otherwise valid. The engine's check of the
model's group rules decides; the client must refuse the call before the network, with the
engine's own messages, exactly when the engine reports a violation, and the mock must answer
400 exactly then, naming the place of each violation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import linq_client
import pytest
import sendblue_client
from hypothesis import given, settings
from hypothesis import strategies as st

from contract_tests.mock import MockServer
from generator.ir.build import build_api
from generator.ir.model import Api
from generator.ir.rule_engine import check_rules, field_group_rules
from tests.conftest import LINQ_AUTH, SENDBLUE_AUTH, SPECS

CHAT = "6f1b9a2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
MESSAGE = "1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5"
ATTACHMENT = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
REACTIONS = ["love", "like", "dislike", "laugh", "emphasize", "question", "custom", "sticker"]


@dataclass(frozen=True)
class GroupCase:
    """A model with field groups, and how a request carries one instance of it."""

    spec: str
    model: str
    path: str  # where the mock takes the request (POST)
    pointer: str  # of the instance inside the body
    optional: dict[str, Any]  # the fields of the groups, each given (with this value) or not
    call: Callable[[Any, dict[str, Any]], object]  # the client method sending a body
    fixed: dict[str, Any] = field(default_factory=dict)  # the instance's other fields
    choices: dict[str, list[Any]] = field(default_factory=dict)  # fields always given, value drawn
    wrap: Callable[[dict[str, Any]], dict[str, Any]] = lambda instance: instance  # instance -> body


CASES = [
    GroupCase(
        "linq",
        "MediaPart",
        f"/v3/chats/{CHAT}/messages",
        "/message/parts/0",
        {"url": "https://cdn.example.com/a.png", "attachment_id": ATTACHMENT},
        lambda client, body: client.chats.messages.send(CHAT, **body),
        fixed={"type": "media"},
        wrap=lambda part: {"message": {"parts": [part]}},
    ),
    GroupCase(
        "linq",
        "TextDecoration",
        f"/v3/chats/{CHAT}/messages",
        "/message/parts/0/text_decorations/0",
        {"style": "bold", "animation": "big"},
        lambda client, body: client.chats.messages.send(CHAT, **body),
        fixed={"range": [0, 1]},
        wrap=lambda decoration: {
            "message": {"parts": [{"type": "text", "value": "Hi", "text_decorations": [decoration]}]}
        },
    ),
    GroupCase(
        "linq",
        "ChatSendVoicememoParams",
        f"/v3/chats/{CHAT}/voicememo",
        "",
        {"attachment_id": ATTACHMENT, "voice_memo_url": "https://cdn.example.com/a.m4a"},
        lambda client, body: client.chats.send_voicememo(CHAT, **body),
    ),
    GroupCase(
        "linq",
        "MessageAddReactionParams",
        f"/v3/messages/{MESSAGE}/reactions",
        "",
        {"custom_emoji": "🎉"},
        lambda client, body: client.messages.add_reaction(MESSAGE, **body),
        fixed={"operation": "add"},
        choices={"type": REACTIONS},
    ),
    GroupCase(
        "sendblue",
        "MessageSendParams",
        "/api/send-message",
        "",
        {"content": "hi", "media_url": "https://a.example/x.png"},
        lambda client, body: client.messages.send(**body),
        fixed={"number": "+18887776666"},
    ),
]


@pytest.fixture(scope="module")
def apis() -> dict[str, Api]:
    return {name: build_api(SPECS[name]) for name in ("linq", "sendblue")}


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[str, tuple[httpx.Client, Any]]]:
    """Per spec: a raw HTTP client and a generated client, both talking to the spec's mock."""
    with (
        MockServer(SPECS["linq"], mode="examples") as linq,
        MockServer(SPECS["sendblue"], mode="examples") as sendblue,
        httpx.Client(base_url=linq.url, headers=LINQ_AUTH) as linq_http,
        httpx.Client(base_url=sendblue.url, headers=SENDBLUE_AUTH) as sendblue_http,
        linq_client.Linq(api_key="test-key", base_url=linq.url, max_retries=0) as linq_sdk,
        sendblue_client.Sendblue(
            api_key="key-id", api_secret="secret", base_url=sendblue.url, max_retries=0
        ) as sendblue_sdk,
    ):
        yield {"linq": (linq_http, linq_sdk), "sendblue": (sendblue_http, sendblue_sdk)}


def test_the_cases_cover_every_field_group_of_both_specs(apis: dict[str, Api]) -> None:
    grouped = {
        (name, model.name)
        for name, api in apis.items()
        for model in api.models
        if model.exactly_one_of or model.at_least_one_of or model.required_when
    }
    assert grouped == {(case.spec, case.model) for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[case.model for case in CASES])
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_mock_client_and_engine_agree(
    case: GroupCase, data: st.DataObject, apis: dict[str, Api], servers: dict[str, tuple[httpx.Client, Any]]
) -> None:
    given_fields = data.draw(st.sets(st.sampled_from(sorted(case.optional))), label="given")
    chosen = {name: data.draw(st.sampled_from(values), label=name) for name, values in case.choices.items()}
    instance = {**case.fixed, **chosen, **{name: case.optional[name] for name in sorted(given_fields)}}
    body = case.wrap(instance)
    model = apis[case.spec].model(case.model)
    rules = field_group_rules(model.exactly_one_of, model.at_least_one_of, model.required_when)
    broken = check_rules(rules, instance, case.pointer)
    http, sdk = servers[case.spec]
    package = linq_client if case.spec == "linq" else sendblue_client

    try:
        case.call(sdk, body)
        refused = None
    except package.RequestValidationError as exc:
        refused = exc.errors
    if broken:
        assert refused == [(v.pointer, f"{v.message} [{v.rule_id}]") for v in broken]
    else:
        assert refused is None  # and the call went through: the mock answered 2xx

    answer = http.post(case.path, json=body)
    if not broken:
        assert answer.is_success, answer.text
        return
    assert answer.status_code == 400, answer.text
    for violation in broken:
        where = f"body#{violation.pointer}" if violation.pointer else "body"
        assert f"{where}: " in answer.text
        if violation.rule_id != "required-when":  # read by the mock as JSON Schema's `required`
            assert f"{where}: {violation.message} [{violation.rule_id}]" in answer.text
