"""Bodies written as dict literals: `mypy --strict` accepts the right ones and names the wrong ones.

A user script is written from the IR of each spec: every operation of both committed packages,
called with every body argument (and every nested object in it, every variant of a union)
written as a dict literal. It must pass `mypy --strict`; a wrong key, a missing required key
and a value of the wrong type must each be reported on their own line. The same kind of dicts
are then sent to the stateful mock.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from linq_client import Linq
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


def run_mypy(script: Path) -> subprocess.CompletedProcess[str]:
    env = {"MYPYPATH": ":".join(map(str, SOURCES)), "PATH": ""}
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)]
    return subprocess.run(command, capture_output=True, text=True, cwd=script.parent, env=env, check=False)


def test_every_body_written_as_dicts_passes_mypy_strict(tmp_path):
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
    result = run_mypy(tmp_path / "user.py")
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


def test_wrong_dicts_fail_mypy_each_on_its_line(tmp_path):
    header = textwrap.dedent(
        """\
        from linq_client import Linq
        from sendblue_client import Sendblue


        def use(client: Linq, client2: Sendblue) -> None:
        """
    )
    body = "".join(f"    {call}\n" for call in WRONG.values())
    (tmp_path / "wrong.py").write_text(header + body, encoding="utf-8")
    result = run_mypy(tmp_path / "wrong.py")
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
