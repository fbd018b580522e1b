"""The mock's request checks: every kind of invalid request gets the API's documented error body
naming the broken field and rule; credentials, unknown paths and wrong methods."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from contract_tests.mock import MockServer
from contract_tests.mock.schemas import FORMAT_CHECKS
from contract_tests.mock.validation import coerce_text
from contract_tests.oracle import _drop_item, oracle_for
from tests.conftest import LINQ_AUTH, ROOT, SENDBLUE_AUTH, checked_client

LINQ = ROOT / "spec" / "linq.yaml"
SENDBLUE = ROOT / "spec" / "sendblue.yaml"
CHAT = "6f1b9a2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
MESSAGE = "1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5"


@pytest.fixture(scope="module")
def linq_server() -> Iterator[MockServer]:
    with MockServer(LINQ, mode="examples", self_check=True) as server:
        yield server


@pytest.fixture(scope="module")
def sendblue_server() -> Iterator[MockServer]:
    with MockServer(SENDBLUE, mode="examples", self_check=True) as server:
        yield server


@pytest.fixture
def linq(linq_server: MockServer) -> Iterator[httpx.Client]:
    with checked_client(linq_server, LINQ_AUTH) as client:
        yield client


@pytest.fixture
def sendblue(sendblue_server: MockServer) -> Iterator[httpx.Client]:
    with checked_client(sendblue_server, SENDBLUE_AUTH) as client:
        yield client


def linq_error(response: httpx.Response, status: int = 400) -> str:
    """The message of a Linq error body, after checking its documented shape."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "trace_id"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["code"], int)
    message: str = body["error"]["message"]
    return message


def sendblue_error(response: httpx.Response, status: int = 400) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status"] == "ERROR"
    assert body["error_code"] == status
    message: str = body["error_message"]
    return message


def text_part(value: str = "Hello", **extra: object) -> dict[str, object]:
    return {"type": "text", "value": value, **extra}


def send(client: httpx.Client, *parts: dict[str, object], **message: object) -> httpx.Response:
    return client.post(f"/v3/chats/{CHAT}/messages", json={"message": {"parts": list(parts), **message}})


# --- parameters ----------------------------------------------------------------------------------


def test_a_valid_request_is_answered(linq: httpx.Client) -> None:
    assert send(linq, text_part()).status_code == 202


def test_path_parameter_format_on_an_operation_with_a_400(linq: httpx.Client) -> None:
    response = linq.post("/v3/chats/not-a-uuid/messages", json={"message": {"parts": [text_part()]}})
    assert "path.chatId: 'not-a-uuid' is not a valid uuid [format]" in linq_error(response)


def test_path_parameter_on_an_operation_without_a_400_is_a_documented_404(linq: httpx.Client) -> None:
    message = linq_error(linq.get("/v3/chats/not-a-uuid"), 404)
    assert "path.chatId" in message and "[format]" in message


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("limit=abc", "query.limit: 'abc' is not of type 'integer' [type]"),
        ("limit=0", "query.limit: 0 is less than the minimum of 1 [minimum]"),
        ("limit=101", "query.limit: 101 is greater than the maximum of 100 [maximum]"),
        ("to=not%20a%20handle", "query.to: 'not a handle' does not match"),
    ],
)
def test_query_parameters(linq: httpx.Client, query: str, expected: str) -> None:
    assert expected in linq_error(linq.get(f"/v3/chats?{query}"))


# A number is read as JSON spells it, in ASCII: `int()` would read '٣' (ARABIC-INDIC DIGIT THREE),
# '３' (full width), ' 3' or '1_0' as a number, and '³' passes `isdigit()` though `int()` refuses it.
NOT_INTEGERS = ["٣", "３", "1_0", " 3", "3 ", "³", "+3", "3.0", "1e2"]


@pytest.mark.parametrize("text", NOT_INTEGERS)
def test_an_integer_parameter_takes_ascii_digits_only(linq: httpx.Client, text: str) -> None:
    message = linq_error(linq.get("/v3/chats", params={"limit": text}))
    assert f"query.limit: {text!r} is not of type 'integer' [type]" in message


def test_an_integer_parameter_in_ascii_digits_is_read(linq: httpx.Client) -> None:
    assert linq.get("/v3/chats", params={"limit": "3"}).status_code == 200
    assert linq.get("/v3/chats", params={"limit": "-3"}).status_code == 400  # read, and below the minimum


@pytest.mark.parametrize("text", [*NOT_INTEGERS, "3", "007", "-3"])
def test_the_contract_oracle_reads_parameters_as_the_mock_does(linq: httpx.Client, text: str) -> None:
    oracle = oracle_for("linq")
    operation = next(op for op in oracle.api.operations if op.method == "GET" and op.path == "/v3/chats")
    problems = oracle.parameter_problems(operation, "query", {"limit": text})
    assert bool(problems) == (linq.get("/v3/chats", params={"limit": text}).status_code == 400), problems


def test_the_oracle_repairs_an_array_item_named_by_an_ascii_index_only() -> None:
    # '³' passes `isdigit()` though `int()` refuses it; `int()` reads '٣' as 3.
    for token in ("³", "٣", "01"):
        instance = {"parts": ["a", "b", "c", "d"]}
        assert not _drop_item(instance, f"/parts/{token}") and instance == {"parts": ["a", "b", "c", "d"]}
    assert not _drop_item({"parts": {"³": "a"}}, "/parts/³")
    instance = {"parts": ["a", "b", "c", "d"]}
    assert _drop_item(instance, "/parts/3") and instance == {"parts": ["a", "b", "c"]}


@pytest.mark.parametrize(
    ("format_", "value", "valid"),
    [
        ("ipv4", "192.0.2.1", True),
        ("ipv4", "192.0.2.³", False),  # `isdigit()`, and `int()` refuses it: the check raised
        ("ipv4", "192.0.2.٣", False),
        pytest.param("ipv4", "192.0.2." + "1" * 5000, False, id="ipv4-more digits than int() reads"),
        ("time", "12:00:00.5+01:00", True),
        ("time", "12:00:00.٥Z", False),  # past `HH:MM:SS`, only the regex looks: `\d` took '٥'
        ("time", "12:00:00+٠١:00", False),
        ("date-time", "2024-01-01T12:00:00.٥Z", False),
    ],
)
def test_format_checks_read_ascii_digits_only(format_: str, value: str, valid: bool) -> None:
    assert FORMAT_CHECKS[format_](value) is valid


@pytest.mark.parametrize(
    ("text", "kinds", "value"),
    [
        ("3", {"integer"}, 3),
        ("007", {"integer"}, 7),
        ("-3", {"integer"}, -3),
        ("3", {"number"}, 3),
        ("-1.5", {"number"}, -1.5),
        ("2E3", {"number"}, 2000.0),
        ("1e-2", {"number", "null"}, 0.01),
        ("1.5", {"integer"}, "1.5"),
        ("٣", {"integer", "number"}, "٣"),
        ("٣.٥", {"number"}, "٣.٥"),
        ("３", {"number"}, "３"),
        ("1_000", {"number"}, "1_000"),
        (" 3", {"number"}, " 3"),
        ("+3", {"number"}, "+3"),
        ("1.", {"number"}, "1."),
        (".5", {"number"}, ".5"),
        ("nan", {"number"}, "nan"),
        ("inf", {"number"}, "inf"),
        ("-Infinity", {"number"}, "-Infinity"),
        ("1e999", {"number"}, "1e999"),  # not a finite number
        pytest.param("9" * 5000, {"integer"}, "9" * 5000, id="more digits than int() reads"),
    ],
)
def test_parameter_text_is_a_number_only_in_json_syntax(text: str, kinds: set[str], value: object) -> None:
    coerced = coerce_text(text, kinds)
    assert coerced == value and type(coerced) is type(value)


def test_query_enum(linq: httpx.Client) -> None:
    message = linq_error(linq.get(f"/v3/messages/{MESSAGE}/thread?order=sideways"))
    assert "query.order: 'sideways' is not one of ['asc', 'desc'] [enum]" in message


def test_required_query_parameter(sendblue: httpx.Client) -> None:
    assert "query.handle: is required [required]" in sendblue_error(sendblue.get("/api/status"))


def test_sendblue_query_enum_and_maximum(sendblue: httpx.Client) -> None:
    assert "query.is_outbound: 'maybe' is not one of ['true', 'false'] [enum]" in sendblue_error(
        sendblue.get("/api/v2/messages?is_outbound=maybe")
    )
    assert "query.limit: 1001 is greater than the maximum of 1000 [maximum]" in sendblue_error(
        sendblue.get("/api/v2/messages?limit=1001")
    )
    assert "[format]" in sendblue_error(sendblue.get("/api/v2/messages?created_at_gte=yesterday"))


# --- bodies --------------------------------------------------------------------------------------


def test_body_required_fields(linq: httpx.Client) -> None:
    message = linq_error(linq.post("/v3/chats", json={"message": {"parts": [text_part()]}}))
    assert "body#/from: is required [required]" in message
    assert "body#/to: is required [required]" in message


def test_missing_and_malformed_bodies(linq: httpx.Client) -> None:
    assert "body: is required [required]" in linq_error(linq.post(f"/v3/chats/{CHAT}/messages"))
    broken = linq.post(f"/v3/chats/{CHAT}/messages", content=b"{nope", headers={"content-type": "application/json"})
    assert "body: is not valid JSON" in linq_error(broken)
    text = linq.post(f"/v3/chats/{CHAT}/messages", content=b"hi", headers={"content-type": "text/plain"})
    assert "header.content-type" in linq_error(text)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            {"parts": [text_part()], "reply_to": {"message_id": "nope"}},
            "body#/message/reply_to/message_id: 'nope' is not a valid uuid [format]",
        ),
        (
            {"parts": [text_part()], "preferred_service": "Fax"},
            "body#/message/preferred_service: 'Fax' is not one of ['iMessage', 'SMS', 'RCS'] [enum]",
        ),
        ({"parts": [text_part()], "idempotency_key": "k" * 256}, "body#/message/idempotency_key: "),
        ({"parts": [text_part("x" * 10001)]}, "body#/message/parts/0/value: "),
        ({"parts": []}, "body#/message/parts: [] should be non-empty [minItems]"),
        ({"parts": [{"type": "video", "value": "x"}]}, "body#/message/parts/0/type: 'video' is not one of"),
        ({"parts": [{"type": "text"}]}, "body#/message/parts/0/value: is required [required]"),
        ({"parts": [{"type": "media", "url": "http://insecure.example.com/a.jpg"}]}, "body#/message/parts/0/url: "),
    ],
)
def test_body_schema_problems_name_the_field_and_keyword(
    linq: httpx.Client, message: dict[str, object], expected: str
) -> None:
    text = linq_error(linq.post(f"/v3/chats/{CHAT}/messages", json={"message": message}))
    assert expected in text


def test_body_max_length_and_discriminator_keywords(linq: httpx.Client) -> None:
    assert "[maxLength]" in linq_error(send(linq, text_part(), idempotency_key="k" * 256))
    assert "[discriminator]" in linq_error(send(linq, {"type": "video", "value": "x"}))
    assert "[pattern]" in linq_error(send(linq, {"type": "media", "url": "http://insecure.example.com/a.jpg"}))


# --- x-rules and exactly-one-of groups -----------------------------------------------------------


def test_rule_link_part_alone(linq: httpx.Client) -> None:
    message = linq_error(send(linq, text_part(), {"type": "link", "value": "https://linqapp.com"}))
    assert "body#/message/parts/1: A link part must be the only part in the message" in message
    assert "[link-part-alone]" in message


def test_rule_no_consecutive_text_parts(linq: httpx.Client) -> None:
    message = linq_error(send(linq, text_part("a"), text_part("b")))
    assert "body#/message/parts/1: Consecutive text parts are not allowed" in message
    assert "[no-consecutive-text-parts]" in message


def test_rule_max_url_media_parts(linq: httpx.Client) -> None:
    parts = [{"type": "media", "url": f"https://cdn.example.com/{i}.jpg"} for i in range(41)]
    message = linq_error(send(linq, *parts))
    assert "body#/message/parts/40:" in message and "[max-url-media-parts]" in message
    assert send(linq, *parts[:40]).status_code == 202


def test_rule_decoration_range_within_text_counts_utf16(linq: httpx.Client) -> None:
    # "🎉a" is three UTF-16 code units (the emoji counts two): [0, 3) fits, [0, 4) does not.
    assert send(linq, text_part("🎉a", text_decorations=[{"range": [0, 3], "style": "bold"}])).status_code == 202
    message = linq_error(send(linq, text_part("🎉a", text_decorations=[{"range": [0, 4], "style": "bold"}])))
    assert "body#/message/parts/0/text_decorations/0/range:" in message
    assert "(range [0, 4], length 3) [decoration-range-within-text]" in message


def test_rule_animation_no_overlap(linq: httpx.Client) -> None:
    decorations = [{"range": [0, 4], "style": "bold"}, {"range": [2, 6], "animation": "big"}]
    message = linq_error(send(linq, text_part("Hello world", text_decorations=decorations)))
    assert "body#/message/parts/0/text_decorations/1/range:" in message
    assert "[animation-no-overlap]" in message
    styles_only = [{"range": [0, 4], "style": "bold"}, {"range": [2, 6], "style": "italic"}]
    assert send(linq, text_part("Hello world", text_decorations=styles_only)).status_code == 202


def test_exactly_one_of_groups(linq: httpx.Client) -> None:
    both = {"type": "media", "url": "https://cdn.example.com/a.jpg", "attachment_id": CHAT}
    message = linq_error(send(linq, both))
    assert "body#/message/parts/0: exactly one of 'url' or 'attachment_id' is required; several are given" in message
    assert "[exactly-one-of]" in message
    assert "none is given [exactly-one-of]" in linq_error(send(linq, {"type": "media"}))
    decoration = {"range": [0, 1], "style": "bold", "animation": "big"}
    assert "text_decorations/0: exactly one of 'style' or 'animation'" in linq_error(
        send(linq, text_part(text_decorations=[decoration]))
    )
    memo = linq.post(
        f"/v3/chats/{CHAT}/voicememo",
        json={"attachment_id": CHAT, "voice_memo_url": "https://cdn.example.com/a.m4a"},
    )
    assert "body: exactly one of 'attachment_id' or 'voice_memo_url' is required" in linq_error(memo)


def test_conditional_requirement(linq: httpx.Client) -> None:
    response = linq.post(f"/v3/messages/{MESSAGE}/reactions", json={"operation": "add", "type": "custom"})
    assert "body#/custom_emoji: is required [required]" in linq_error(response)


def test_sendblue_body_checks(sendblue: httpx.Client) -> None:
    only_number = sendblue_error(sendblue.post("/api/send-message", json={"number": "+18887776666"}))
    assert "body: at least one of 'content' or 'media_url' is required [at-least-one-of]" in only_number
    bad_number = sendblue_error(sendblue.post("/api/send-message", json={"number": "555-1234", "content": "hi"}))
    assert "body#/number: '555-1234' does not match" in bad_number and "[pattern]" in bad_number
    style = sendblue_error(
        sendblue.post("/api/send-message", json={"number": "+18887776666", "content": "hi", "send_style": "wobble"})
    )
    assert "body#/send_style: 'wobble' is not one of" in style
    ok = sendblue.post("/api/send-message", json={"number": "+18887776666", "media_url": "https://a.example/x.png"})
    assert ok.status_code == 200


# --- credentials, paths, methods -----------------------------------------------------------------


def test_linq_needs_a_bearer_token(linq_server: MockServer) -> None:
    url = linq_server.url + "/v3/chats"
    assert "Authorization: Bearer" in linq_error(httpx.get(url), 401)
    assert linq_error(httpx.get(url, headers={"Authorization": "Basic abc"}), 401)
    assert linq_error(httpx.get(url, headers={"Authorization": "Bearer"}), 401)
    assert httpx.get(url, headers=LINQ_AUTH).status_code == 200


def test_sendblue_needs_both_key_headers(sendblue_server: MockServer) -> None:
    url = sendblue_server.url + "/api/v2/messages"
    for headers in ({}, {"sb-api-key-id": "a"}, {"sb-api-secret-key": "b"}):
        message = sendblue_error(httpx.get(url, headers=headers), 401)
        assert "sb-api-key-id" in message and "sb-api-secret-key" in message
    assert httpx.get(url, headers=SENDBLUE_AUTH).status_code == 200


def test_unknown_path_is_404_in_the_api_shape(linq: httpx.Client, sendblue: httpx.Client) -> None:
    assert "No operation matches GET /v3/nothing" in linq_error(linq.get("/v3/nothing"), 404)
    assert "No operation matches" in sendblue_error(sendblue.get("/api/v9/nothing"), 404)


def test_wrong_method_is_405_with_allow(linq: httpx.Client) -> None:
    response = linq.delete("/v3/chats")
    assert linq_error(response, 405)
    assert response.headers["allow"] == "GET, POST"
    assert linq.put(f"/v3/messages/{MESSAGE}").headers["allow"] == "DELETE, GET, PATCH"


def test_api_keys_restrict_the_accepted_credentials() -> None:
    with MockServer(LINQ, mode="examples", api_keys=["right"]) as server:
        url = server.url + "/v3/chats"
        assert linq_error(httpx.get(url, headers={"Authorization": "Bearer wrong"}), 401)
        assert httpx.get(url, headers={"Authorization": "Bearer right"}).status_code == 200
    with MockServer(SENDBLUE, mode="examples", api_keys=["id", "secret"]) as server:
        url = server.url + "/api/v2/messages"
        good = {"sb-api-key-id": "id", "sb-api-secret-key": "secret"}
        assert httpx.get(url, headers=good).status_code == 200
        assert httpx.get(url, headers={**good, "sb-api-secret-key": "guess"}).status_code == 401
