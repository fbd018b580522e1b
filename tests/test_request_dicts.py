"""Bodies written as dict literals: `mypy --strict` accepts the right ones and names the wrong ones.

A user script is written from the IR of each spec: every operation of both committed packages,
called with every body argument (and every nested object in it, every variant of a union)
written as a dict literal. It must pass `mypy --strict`; a wrong key, a missing required key
and a value of the wrong type must each be reported on their own line. The same kind of dicts
are then sent to the stateful mock.
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import linq_client
import pytest
import sendblue_client
from linq_client import Linq
from linq_client.types import MessageContent, ServiceType, TextPart
from sendblue_client import Sendblue

from contract_tests.mock import MockServer
from generator import build_api
from generator.emit.python_types import python_literal
from generator.ir import naming
from generator.ir.model import (
    AnyType,
    Api,
    ArrayOf,
    BooleanType,
    IntegerType,
    LiteralOf,
    MapOf,
    ModelRef,
    NullType,
    NumberType,
    Resource,
    StringType,
    TypeRef,
    UnionOf,
)
from tests.conftest import ROOT, SPECS

TEXT = {"type": "text", "value": "hello"}
PACKAGES = {"linq": ("linq_client", "Linq"), "sendblue": ("sendblue_client", "Sendblue")}
SOURCES = [ROOT / "generated" / name / "src" for name in PACKAGES]


def literal(t: TypeRef, api: Api, depth: int = 0) -> str:
    """Python source of a value of `t` as a caller writes it: models as dict literals."""
    match t:
        case StringType(format="date-time"):
            return "datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)"
        case StringType(format="date"):
            return "datetime.date(2025, 1, 1)"
        case StringType():
            return '"text"'
        case IntegerType():
            return "1"
        case NumberType():
            return "1.5"
        case BooleanType():
            return "True"
        case NullType():
            return "None"
        case AnyType():
            return '{"any": 1}'
        case LiteralOf(values=values):
            return python_literal(values[0]) if values else "None"
        case ArrayOf(items=UnionOf(variants=variants)):
            # One item of each variant, so that every variant's dict is checked.
            return "[" + ", ".join(literal(v, api, depth + 1) for v in variants if not isinstance(v, NullType)) + "]"
        case ArrayOf(items=ModelRef(name=name)) if api.model(name).kind == "union":
            model = api.model(name)
            return "[" + ", ".join(literal(v, api, depth + 1) for v in model.variants) + "]"
        case ArrayOf(items=items):
            return f"[{literal(items, api, depth + 1)}]"
        case MapOf(values=values):
            return f'{{"key": {literal(values, api, depth + 1)}}}'
        case UnionOf(variants=variants):
            return literal(next(v for v in variants if not isinstance(v, NullType)), api, depth)
        case ModelRef(name=name):
            model = api.model(name)
            if model.kind == "enum":
                return python_literal(model.enum_values[0])
            if model.kind == "union":
                return literal(model.variants[0], api, depth)
            if model.kind == "alias":
                return literal(model.alias_of or AnyType(), api, depth)
            items = [
                f"{python_literal(f.py_name)}: {literal(f.type, api, depth + 1)}"
                for f in model.fields
                if not f.read_only and (f.required or depth < 6)
            ]
            return "{" + ", ".join(items) + "}"
    raise AssertionError(t)


def resources(resource: Resource) -> list[Resource]:
    return [resource, *(r for child in resource.resources for r in resources(child))]


def calls(api: Api) -> list[str]:
    """One call of every operation, every argument given, bodies as dict literals."""
    lines = []
    for resource in resources(api.root):
        for op in resource.operations:
            taken: set[str] = set()
            positional, keywords = [], []
            for param in op.params:
                name = naming.unique(param.py_name, taken)
                value = literal(param.type, api)
                (positional if param.location == "path" else keywords).append((name, value))
            body = op.body
            if body is not None and body.fields:
                for f, argument in zip(body.fields, body.argument_names, strict=True):
                    if not f.read_only:
                        keywords.append((naming.unique(argument, taken), literal(f.type, api)))
            elif body is not None:
                keywords.append((naming.unique("body", taken), literal(body.type, api)))
            arguments = [value for _, value in positional] + [f"{name}={value}" for name, value in keywords]
            lines.append(f"client.{'.'.join((*resource.path, op.name))}({', '.join(arguments)})")
    return lines


def run_mypy(script: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {"MYPYPATH": ":".join(map(str, SOURCES)), "PATH": ""}
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), str(script)]
    return subprocess.run(command, capture_output=True, text=True, cwd=script.parent, env=env, check=False)


def test_every_body_written_as_dicts_passes_mypy_strict(tmp_path, mypy_cache):
    script = ["from __future__ import annotations", "", "import datetime", ""]
    for package, client_class in PACKAGES.values():
        script.append(f"from {package} import {client_class}")
    script.append("")
    for name, (_, client_class) in PACKAGES.items():
        script += ["", "", f"def use_{name}(client: {client_class}) -> None:"]
        script += [f"    {line}" for line in calls(build_api(SPECS[name]))]
    script.append("")
    text = "\n".join(script)
    assert "message={" in text and '"parts": [{"type": "text"' in text  # dicts, nested ones too
    (tmp_path / "user.py").write_text(text, encoding="utf-8")
    result = run_mypy(tmp_path / "user.py", mypy_cache(False))
    assert result.returncode == 0, result.stdout + "\n" + text


WRONG = {
    "wrong key": 'client.chats.messages.send("c", message={"parts": [{"type": "text", "value": "hi"}], "part": []})',
    "missing required key": 'client.chats.messages.send("c", message={"parts": [{"type": "text"}]})',
    "wrong value type": 'client.chats.messages.send("c", message={"parts": [{"type": "text", "value": 3}]})',
    "wrong nested value": (
        'client.chats.messages.send("c", message={"parts": [{"type": "text", "value": "hi"}],'
        ' "reply_to": {"message_id": "m", "part_index": "first"}})'
    ),
    "unknown enum value": (
        'client.chats.messages.send("c", message={"parts": [{"type": "text", "value": "hi"}],'
        ' "preferred_service": "Pigeon"})'
    ),
    "wrong sendblue type": 'client2.messages.send(number="+12223334444", content=3)',
}


def test_wrong_dicts_fail_mypy_each_on_its_line(tmp_path, mypy_cache):
    header = textwrap.dedent(
        """\
        from linq_client import Linq
        from sendblue_client import Sendblue


        def use(client: Linq, client2: Sendblue) -> None:
        """
    )
    body = "".join(f"    {call}\n" for call in WRONG.values())
    (tmp_path / "wrong.py").write_text(header + body, encoding="utf-8")
    result = run_mypy(tmp_path / "wrong.py", mypy_cache(False))
    first = header.count("\n") + 1
    lines = {int(m.group(1)) for m in re.finditer(r"wrong\.py:(\d+): error", result.stdout)}
    for offset, what in enumerate(WRONG):
        assert first + offset in lines, f"{what}: no error reported\n{result.stdout}"


@pytest.fixture(scope="module")
def linq_server():
    with MockServer(SPECS["linq"], mode="stateful", seed=11) as server:
        yield server


def test_dicts_are_sent_as_the_models_would_be(linq_server):
    client = Linq(api_key="k", base_url=linq_server.url)
    created = client.chats.create(
        from_="+12223334444",
        to=["+13334445555"],
        message={
            "parts": [
                {"type": "text", "value": "hello", "text_decorations": [{"range": [0, 5], "style": "bold"}]},
                {"type": "media", "url": "https://example.com/a.png"},
            ],
            "effect": {"type": "screen", "name": "confetti"},
            "preferred_service": "iMessage",
        },
    )
    chat_id = created.chat.id
    sent = client.chats.messages.send(
        chat_id,
        message={"parts": [{"type": "text", "value": "reply"}], "reply_to": {"message_id": created.chat.message.id}},
    )
    message = client.messages.retrieve(sent.message.id)
    assert message.parts[0].value == "reply"
    assert message.reply_to is not None and message.reply_to.message_id == created.chat.message.id
    first = client.messages.retrieve(created.chat.message.id)
    assert [part.type for part in first.parts] == ["text", "media"]
    assert first.parts[0].text_decorations[0].style == "bold"
    assert first.effect is not None and first.effect.name == "confetti"
    client.close()


def test_sendblue_keyword_arguments_against_the_mock():
    with (
        MockServer(SPECS["sendblue"], mode="stateful", seed=11) as server,
        Sendblue(api_key="id", api_secret="secret", base_url=server.url) as client,
    ):
        sent = client.messages.send(number="+12223334444", content="hi", send_style="invisible")
        assert client.messages.retrieve(sent.message_handle).data.content == "hi"


# --- validate_requests=False: values converted to the wire, nothing checked ---------------------


def recording(client_class, **arguments):
    """A client whose transport records each request and answers 400 (no retries)."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(400, json={"error": {"status": 400, "code": 0, "message": "recorded"}})

    transport = httpx.MockTransport(handler)
    client = client_class(
        base_url="http://x.test", http_client=httpx.Client(transport=transport), max_retries=0, **arguments
    )
    return client, sent


UNCHECKED_CALLS = {
    "limit out of range": (lambda c: c.chats.list_chats(limit=1000), "query", {"limit": "1000"}),
    "phone number not matching": (
        lambda c: c.chats.create(from_="555-1234", to=["+13334445555"], message={"parts": [TEXT]}),
        "body",
        {"from": "555-1234"},
    ),
    "exactly one of missing": (
        lambda c: c.chats.messages.send("c", message={"parts": [{"type": "media"}]}),
        "body",
        {"message": {"parts": [{"type": "media"}]}},
    ),
    "x-rules broken": (
        lambda c: c.chats.messages.send("c", message={"parts": [TEXT, TEXT]}),
        "body",
        {"message": {"parts": [TEXT, TEXT]}},
    ),
}


@pytest.mark.parametrize("name", list(UNCHECKED_CALLS))
def test_unchecked_values_are_sent_as_given_only_without_validation(name):
    call, where, expected = UNCHECKED_CALLS[name]
    checked, sent = recording(Linq, api_key="k")
    with pytest.raises(linq_client.RequestValidationError):
        call(checked)
    assert sent == []
    unchecked, sent = recording(Linq, api_key="k", validate_requests=False)
    with pytest.raises(linq_client.BadRequestError):
        call(unchecked)
    [request] = sent
    if where == "query":
        assert {key: request.url.params[key] for key in expected} == expected
    else:
        body = json.loads(request.content)
        assert subset(expected, body) == expected


def subset(expected, body):
    """`body` cut down to the keys `expected` names, at every level (the key the client adds
    for idempotency is left out)."""
    if isinstance(expected, dict) and isinstance(body, dict):
        return {key: subset(expected[key], body[key]) for key in expected if key in body}
    return body


def test_unchecked_values_are_still_converted_to_the_wire():
    client, sent = recording(Linq, api_key="k", validate_requests=False)
    with pytest.raises(linq_client.BadRequestError):
        client.chats.messages.send(
            "c",
            message=MessageContent(parts=[TextPart(value="hi")], preferred_service=ServiceType.SMS),
        )
    with pytest.raises(linq_client.BadRequestError):
        client.chats.create(
            from_="+12223334444",
            to=["+13334445555"],
            message={"parts": [{"type": "text", "value": "hi"}], "preferred_service": ServiceType.SMS},
        )
    first, second = (json.loads(request.content) for request in sent)
    assert first["message"]["parts"] == [{"type": "text", "value": "hi"}]
    assert first["message"]["preferred_service"] == "SMS"
    assert second["from"] == "+12223334444" and "from_" not in second
    assert second["message"]["preferred_service"] == "SMS"
    sendblue, sent = recording(Sendblue, api_key="a", api_secret="b", validate_requests=False)
    with pytest.raises(sendblue_client.APIStatusError):
        sendblue.messages.list(created_at_gte=datetime.datetime(2025, 1, 2, 3, 4, 5, tzinfo=datetime.UTC), limit=5000)
    assert sent[0].url.params["created_at_gte"] == "2025-01-02T03:04:05+00:00"
    assert sent[0].url.params["limit"] == "5000"


def test_python_field_names_become_wire_names_at_every_level():
    from linq_client._validation import to_wire
    from linq_client.types import ChatCreateParams

    wire = to_wire(
        ChatCreateParams,
        {"from_": "x", "message": {"parts": [{"type": "text", "value": "v", "text_decorations": [{"range": [0, 1]}]}]}},
    )
    assert wire == {
        "from": "x",
        "message": {"parts": [{"type": "text", "value": "v", "text_decorations": [{"range": [0, 1]}]}]},
    }


NESTED_SPEC = """\
openapi: 3.1.0
info: {title: Nested, version: "1"}
paths:
  /shapes:
    post:
      operationId: createShape
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/ShapeRequest"}
      responses:
        "204": {description: done}
components:
  schemas:
    ShapeRequest:
      type: object
      required: [shapeName, parts]
      properties:
        shapeName: {type: string, pattern: "^[a-z]+$"}
        owner: {$ref: "#/components/schemas/Owner"}
        parts:
          type: array
          items: {$ref: "#/components/schemas/Part"}
    Owner:
      type: object
      required: [displayName]
      properties:
        displayName: {type: string}
        createdAt: {type: string, format: date-time}
    Part:
      oneOf:
        - {$ref: "#/components/schemas/CirclePart"}
        - {$ref: "#/components/schemas/BoxPart"}
      discriminator:
        propertyName: partKind
        mapping: {circle: "#/components/schemas/CirclePart", box: "#/components/schemas/BoxPart"}
    CirclePart:
      type: object
      required: [partKind, radiusValue]
      properties:
        partKind: {const: circle}
        radiusValue: {type: integer, maximum: 10}
    BoxPart:
      type: object
      required: [partKind, sideLength]
      properties:
        partKind: {const: box}
        sideLength: {type: integer}
"""

NESTED_CALLS = """\
import datetime, json, sys
import httpx
import nested_client
from nested_client import Nested

sent = []
def handler(request):
    sent.append(json.loads(request.content))
    return httpx.Response(204)

def client(validate):
    http = httpx.Client(transport=httpx.MockTransport(handler))
    return Nested(base_url="http://x.test", http_client=http, max_retries=0, validate_requests=validate)

body = dict(
    shape_name="BAD NAME",
    owner={"display_name": "Ann", "created_at": datetime.datetime(2025, 1, 2, tzinfo=datetime.timezone.utc)},
    parts=[{"part_kind": "circle", "radius_value": 99}, {"part_kind": "box", "side_length": 2}],
)
try:
    client(True).create_shape(**body)
except nested_client.RequestValidationError:
    print("refused")
client(False).create_shape(**body)
print(json.dumps(sent))
"""


def test_dicts_keyed_by_python_names_are_sent_under_wire_names_at_every_level(tmp_path, mypy_cache):
    spec = tmp_path / "nested.yaml"
    spec.write_text(NESTED_SPEC, encoding="utf-8")
    out = tmp_path / "nested"
    generated = subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(spec), "--out", str(out), "--package", "nested_client"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert generated.returncode == 0, generated.stderr
    (tmp_path / "calls.py").write_text(NESTED_CALLS, encoding="utf-8")
    env = {"PYTHONPATH": str(out / "src"), "PATH": ""}
    result = subprocess.run(
        [sys.executable, str(tmp_path / "calls.py")], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    refused, sent = result.stdout.splitlines()
    assert refused == "refused"
    assert json.loads(sent) == [
        {
            "shapeName": "BAD NAME",
            "owner": {"displayName": "Ann", "createdAt": "2025-01-02T00:00:00+00:00"},
            "parts": [{"partKind": "circle", "radiusValue": 99}, {"partKind": "box", "sideLength": 2}],
        }
    ]
    # The same call type-checks with the dicts written as literals.
    (tmp_path / "typed.py").write_text(
        "from nested_client import Nested\n\n\n"
        "def use(client: Nested) -> None:\n"
        '    client.create_shape(shape_name="a", owner={"display_name": "Ann"},'
        ' parts=[{"part_kind": "circle", "radius_value": 1}, {"part_kind": "box", "side_length": 2}])\n',
        encoding="utf-8",
    )
    env = {"MYPYPATH": str(out / "src"), "PATH": ""}
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(mypy_cache(False)), "typed.py"]
    checked = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=env, check=False)
    assert checked.returncode == 0, checked.stdout
