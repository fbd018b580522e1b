"""The models emitter: rendered packages import, parse the pages' examples, tolerate what a
newer API may send, and check requests before they are sent.

Each spec is rendered into a temporary package with the two modules other emitters provide
(`_rules.py`, a copy of `generator/ir/rule_engine.py`, and a stand-in `_exceptions.py`) and
imported. datamodel-code-generator, run on the same spec, is the independent oracle of the
Hypothesis property: both sets of models must accept the data the response schemas describe.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import shutil
import subprocess
import sys
import textwrap
import typing
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import jsonschema
import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.emit import models as emit_models
from generator.emit import python_types
from generator.ir.build import build_api
from generator.ir.model import (
    AnyType,
    Api,
    ArrayOf,
    Constraints,
    Discriminator,
    IntegerType,
    LiteralOf,
    MapOf,
    ModelRef,
    NullType,
    StringType,
    TypeRef,
    UnionOf,
    constraints_of,
    models_in,
)
from tests.conftest import ROOT, SPECS

VENV_BIN = Path(sys.executable).parent
RULE_ENGINE = ROOT / "generator" / "ir" / "rule_engine.py"
DRIFT_RUNTIME = ROOT / "templates" / "runtime" / "_drift.py"
EXCEPTIONS_STAND_IN = '''\
"""Stand-in for the package's `_exceptions.py`, written by the client emitter."""

from __future__ import annotations


class RequestValidationError(ValueError):
    """A request that breaks the API's documented rules: (JSON pointer, message) pairs."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{pointer or '/'}: {message}" for pointer, message in errors))
'''


def write_package(api: Api, folder: Path, name: str) -> Path:
    package = folder / name
    shutil.rmtree(package, ignore_errors=True)
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('"""Models under test."""\n')
    (package / "py.typed").write_text("")
    for module, source in emit_models.render_models(api).items():
        (package / module).parent.mkdir(exist_ok=True)
        (package / module).write_text(source, encoding="utf-8")
    shutil.copyfile(RULE_ENGINE, package / "_rules.py")
    shutil.copyfile(DRIFT_RUNTIME, package / "_drift.py")  # the models' hooks report drift there
    (package / "_exceptions.py").write_text(EXCEPTIONS_STAND_IN)
    return package


def import_package(folder: Path, name: str) -> SimpleNamespace:
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    importlib.invalidate_caches()
    return SimpleNamespace(
        types=importlib.import_module(f"{name}.types"),
        models=importlib.import_module(f"{name}._models"),
        validation=importlib.import_module(f"{name}._validation"),
        exceptions=importlib.import_module(f"{name}._exceptions"),
    )


def forget_package(folder: Path, name: str) -> None:
    for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[module]
    if str(folder) in sys.path:
        sys.path.remove(str(folder))


@pytest.fixture(scope="module")
def apis() -> dict[str, Api]:
    return {name: build_api(path) for name, path in SPECS.items()}


@pytest.fixture(scope="module")
def rendered(apis: dict[str, Api], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("emitted")
    names = {spec: f"emitted_{spec}_models" for spec in apis}
    for spec, api in apis.items():
        write_package(api, folder, names[spec])
    packages = {spec: import_package(folder, names[spec]) for spec in apis}
    yield {"folder": folder, "names": names, **packages}
    for name in names.values():
        forget_package(folder, name)


@pytest.fixture(scope="module")
def linq(rendered: dict[str, Any]) -> SimpleNamespace:
    return typing.cast(SimpleNamespace, rendered["linq"])


@pytest.fixture(scope="module")
def sendblue(rendered: dict[str, Any]) -> SimpleNamespace:
    return typing.cast(SimpleNamespace, rendered["sendblue"])


def python_type(package: SimpleNamespace, t: TypeRef) -> Any:
    """The run-time type `annotation(t)` spells, evaluated where the generated code lives."""
    namespace = {
        **vars(typing),
        "Field": pydantic.Field,
        "Tag": pydantic.Tag,
        "datetime": dt.datetime,
        "date": dt.date,
        **vars(package.models),
        **{name: getattr(package.types, name) for name in package.types.__all__},
    }
    return eval(python_types.annotation(t), namespace)


def dump(package: SimpleNamespace, type_: Any, value: Any) -> Any:
    return pydantic.TypeAdapter(type_).dump_python(value, mode="json", by_alias=True, exclude_unset=True)


# --- the rendered source ---------------------------------------------------------------------


def test_rendering_is_deterministic(apis: dict[str, Api]) -> None:
    for api in apis.values():
        first = emit_models.render_models(api)
        assert {"_models.py", "_validation.py", "types/__init__.py"} <= set(first)
        assert all(path.startswith("types/") for path in set(first) - {"_models.py", "_validation.py"})
        assert first == emit_models.render_models(build_api(api.source))


def test_rendered_source_passes_ruff(rendered: dict[str, Any]) -> None:
    folder = rendered["folder"]
    command = [str(VENV_BIN / "ruff"), "check", "--isolated", "--target-version", "py311", "--line-length", "120"]
    command += ["--select", "E,F,W,I,UP,B,SIM,RUF", "--ignore", "E501", *rendered["names"].values()]
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_rendered_source_passes_mypy_strict(rendered: dict[str, Any], mypy_cache: Callable[[bool], Path]) -> None:
    folder = rendered["folder"]
    command = [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.11"]
    command += ["--cache-dir", str(mypy_cache(False)), *rendered["names"].values()]
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_importing_the_models_builds_no_schema(rendered: dict[str, Any], linq: SimpleNamespace) -> None:
    # Schemas are built on first use, so that `import <package>` stays cheap.
    code = f"import {rendered['names']['linq']}.types as t; print(t.Chat.__pydantic_complete__)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=rendered["folder"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# --- every model and field -------------------------------------------------------------------


@pytest.mark.parametrize("spec", ["linq", "sendblue"])
def test_every_model_and_field_exists_with_its_wire_name(
    spec: str, apis: dict[str, Api], rendered: dict[str, Any]
) -> None:
    package = rendered[spec]
    for model in apis[spec].models:
        generated = getattr(package.types, model.name)
        assert model.name in package.types.__all__
        if model.kind == "object":
            assert issubclass(generated, package.models.BaseModel)
            generated.model_rebuild()  # schemas are built on first use; field aliases are known then
            assert list(generated.model_fields) == [f.py_name for f in model.fields]
            for f in model.fields:
                info = generated.model_fields[f.py_name]
                assert info.alias == (f.name if f.name != f.py_name else None), (model.name, f.name)
                assert info.is_required() == (f.required and not _is_constant(f.type)), (model.name, f.name)
        elif model.kind == "enum":
            assert issubclass(generated, package.models.OpenEnum)
            assert [member.value for member in generated] == list(model.enum_values)


def _is_constant(t: TypeRef) -> bool:
    return isinstance(t, LiteralOf) and len(t.values) == 1 and not t.nullable


def test_keyword_field_is_reachable_by_both_names(linq: SimpleNamespace) -> None:
    params = linq.types.ChatCreateParams.model_validate(
        {"from": "+12223334444", "to": ["+13334445555"], "message": {"parts": [{"type": "text", "value": "hi"}]}}
    )
    assert params.from_ == "+12223334444"
    same = linq.types.ChatCreateParams(from_="+12223334444", to=["+13334445555"], message=params.message)
    assert same.to_dict()["from"] == "+12223334444"


# --- the pages' examples ---------------------------------------------------------------------


def _examples(api: Api) -> list[tuple[str, Any, Any]]:
    found = []
    for op in api.operations:
        for response in op.responses:
            if response.type is None:
                continue
            if response.has_example:
                found.append((f"{op.id} {response.status}", response.type, response.example))
            for name, example in response.examples:
                found.append((f"{op.id} {response.status} {name}", response.type, example))
    return found


@pytest.mark.parametrize("spec", ["linq", "sendblue"])
def test_response_examples_parse_and_dump_back_to_the_same_json(
    spec: str, apis: dict[str, Api], rendered: dict[str, Any]
) -> None:
    package = rendered[spec]
    examples = _examples(apis[spec])
    assert len(examples) >= (15 if spec == "linq" else 5)
    for where, t, example in examples:
        type_ = python_type(package, t)
        value = package.models.parse(type_, example)
        assert not _contains_unknown(package, value), where
        assert dump(package, type_, value) == example, where


def _contains_unknown(package: SimpleNamespace, value: Any) -> bool:
    if package.models.is_unknown(value):
        return True
    if isinstance(value, pydantic.BaseModel):
        return any(_contains_unknown(package, item) for item in value.__dict__.values())
    if isinstance(value, list | tuple):
        return any(_contains_unknown(package, item) for item in value)
    if isinstance(value, dict):
        return any(_contains_unknown(package, item) for item in value.values())
    return False


HANDLE = {"id": "h1", "handle": "+12223334444", "joined_at": "2025-05-01T12:00:00Z", "service": "iMessage"}


def sent_message(parts: list[Any], **extra: Any) -> dict[str, Any]:
    return {
        "id": "m1",
        "created_at": "2025-05-01T12:00:00Z",
        "delivery_status": "queued",
        "is_read": False,
        "parts": parts,
        "sent_at": None,
        **extra,
    }


def test_unknown_fields_are_kept(linq: SimpleNamespace) -> None:
    data = {**HANDLE, "nickname": "J", "avatar": {"url": "https://x"}}
    handle = linq.types.ChatHandle.model_validate(data)
    assert handle.model_extra == {"nickname": "J", "avatar": {"url": "https://x"}}
    assert handle.to_dict() == data
    assert json.loads(handle.to_json()) == data


def test_null_and_missing_stay_apart(linq: SimpleNamespace) -> None:
    with_null = linq.types.ChatHandle.model_validate({**HANDLE, "left_at": None})
    without = linq.types.ChatHandle.model_validate(HANDLE)
    assert with_null.left_at is None and without.left_at is None
    assert "left_at" in with_null.model_fields_set and "left_at" not in without.model_fields_set
    assert with_null.to_dict() == {**HANDLE, "left_at": None}
    assert without.to_dict() == HANDLE


def test_unknown_enum_values_parse_and_are_detectable(linq: SimpleNamespace) -> None:
    types, models = linq.types, linq.models
    handle = types.ChatHandle.model_validate({**HANDLE, "service": "WhatsApp", "status": "banned"})
    assert isinstance(handle.service, types.ServiceType)
    assert handle.service == "WhatsApp" and handle.service.is_unknown and models.is_unknown(handle.service)
    assert not types.ServiceType.I_MESSAGE.is_unknown and not models.is_unknown(types.ServiceType.I_MESSAGE)
    assert types.ServiceType.is_known("SMS") and not types.ServiceType.is_known("WhatsApp")
    # An inline enum (a field's own `enum`) takes unknown values too, as `UnknownValue` strings.
    assert handle.status == "banned" and isinstance(handle.status, models.UnknownValue)
    assert handle.status.expected == ("active", "left", "removed") and models.is_unknown(handle.status)
    assert not models.is_unknown(types.ChatHandle.model_validate({**HANDLE, "status": "left"}).status)
    assert handle.to_dict() == {**HANDLE, "service": "WhatsApp", "status": "banned"}
    assert types.ServiceType("WhatsApp") == types.ServiceType("WhatsApp")
    # pydantic routes an unknown value through `_missing_` when parsing JSON text too.
    from_json = types.ChatHandle.model_validate_json(json.dumps({**HANDLE, "service": "RBM"}))
    assert from_json.service.is_unknown and from_json.to_dict()["service"] == "RBM"
    with pytest.raises(pydantic.ValidationError):
        types.ChatHandle.model_validate({**HANDLE, "service": 3})


def test_discriminated_parts_pick_their_class_and_unknown_types_do_not_fail(linq: SimpleNamespace) -> None:
    types, models = linq.types, linq.models
    parts = [
        {"type": "text", "value": "hi", "reactions": None},
        {"type": "media", "id": "a1", "filename": "a.png", "mime_type": "image/png", "reactions": None}
        | {"size_bytes": 3, "url": "https://cdn/a.png"},
        {"type": "link", "value": "https://example.com", "reactions": []},
        {"type": "poll", "question": "Lunch?", "options": ["yes", "no"]},
        {"value": "no type at all"},
    ]
    message = types.SentMessage.model_validate(sent_message(parts))
    kinds = [type(part) for part in message.parts]
    assert kinds == [
        types.TextPartResponse,
        types.MediaPartResponse,
        types.LinkPartResponse,
        models.UnknownVariant,
        models.UnknownVariant,
    ]
    poll = message.parts[3]
    assert models.is_unknown(poll) and poll.discriminator == "type" and poll.expected == ("text", "media", "link")
    assert poll.model_extra == parts[3]
    assert message.to_dict() == sent_message(parts)
    # A part of a known type that breaks its schema is still an error, not an unknown part.
    with pytest.raises(pydantic.ValidationError):
        types.SentMessage.model_validate(sent_message([{"type": "text", "reactions": None}]))


def test_constant_discriminator_is_filled_in_and_always_sent(linq: SimpleNamespace) -> None:
    part = linq.types.TextPart(value="hi")
    assert part.type == "text" and part.to_dict() == {"type": "text", "value": "hi"}


# --- request validation ----------------------------------------------------------------------

TEXT = {"type": "text", "value": "hi"}
MEDIA = {"type": "media", "url": "https://cdn.example.com/a.png"}
CHAT = {"from_": "+12223334444", "to": ["+13334445555"], "message": {"parts": [TEXT]}}


def chat(**message: Any) -> dict[str, Any]:
    return {**CHAT, "message": {"parts": [TEXT], **message}}


# (model, body, pointer of the error, part of its message). Every constrained field of a
# request model appears here (see `test_every_request_constraint_has_a_case`).
LINQ_REJECTED = {
    "from pattern": ("ChatCreateParams", {**CHAT, "from_": "12223334444"}, "/from", "pattern"),
    "to min items": ("ChatCreateParams", {**CHAT, "to": []}, "/to", "at least 1"),
    "to item pattern": ("ChatCreateParams", {**CHAT, "to": ["nobody"]}, "/to/0", "pattern"),
    "parts min items": ("ChatCreateParams", chat(parts=[]), "/message/parts", "at least 1"),
    "parts max items": (
        "ChatCreateParams",
        chat(parts=[TEXT, {"type": "media", "attachment_id": "a1"}] * 50 + [TEXT]),
        "/message/parts",
        "at most 100",
    ),
    "idempotency key max length": (
        "ChatCreateParams",
        chat(idempotency_key="k" * 256),
        "/message/idempotency_key",
        "at most 255",
    ),
    "text min length": (
        "ChatCreateParams",
        chat(parts=[{"type": "text", "value": ""}]),
        "/message/parts/0/value",
        "at least 1",
    ),
    "text of 10001 chars": (
        "ChatCreateParams",
        chat(parts=[{"type": "text", "value": "x" * 10001}]),
        "/message/parts/0/value",
        "at most 10000",
    ),
    "media url pattern": (
        "ChatCreateParams",
        chat(parts=[{"type": "media", "url": "http://x"}]),
        "/message/parts/0/url",
        "pattern",
    ),
    "media url max length": (
        "ChatCreateParams",
        chat(parts=[{"type": "media", "url": "https://" + "x" * 2041}]),
        "/message/parts/0/url",
        "at most 2048",
    ),
    "link max length": (
        "ChatCreateParams",
        chat(parts=[{"type": "link", "value": "https://" + "x" * 2041}]),
        "/message/parts/0/value",
        "at most 2048",
    ),
    "decoration range too short": (
        "ChatCreateParams",
        chat(parts=[{"type": "text", "value": "hello", "text_decorations": [{"range": [0], "style": "bold"}]}]),
        "/message/parts/0/text_decorations/0/range",
        "at least 2",
    ),
    "decoration range too long": (
        "ChatCreateParams",
        chat(parts=[{"type": "text", "value": "hello", "text_decorations": [{"range": [0, 1, 2], "style": "bold"}]}]),
        "/message/parts/0/text_decorations/0/range",
        "at most 2",
    ),
    "decoration range negative": (
        "ChatCreateParams",
        chat(parts=[{"type": "text", "value": "hello", "text_decorations": [{"range": [-1, 2], "style": "bold"}]}]),
        "/message/parts/0/text_decorations/0/range/0",
        "greater than or equal to 0",
    ),
    "reply part index negative": (
        "ChatCreateParams",
        chat(reply_to={"message_id": "m1", "part_index": -1}),
        "/message/reply_to/part_index",
        "greater than or equal to 0",
    ),
    "voice memo url pattern": ("ChatSendVoicememoParams", {"voice_memo_url": "ftp://x"}, "/voice_memo_url", "pattern"),
    "voice memo url max length": (
        "ChatSendVoicememoParams",
        {"voice_memo_url": "https://" + "x" * 2041},
        "/voice_memo_url",
        "at most 2048",
    ),
    "participant handle pattern": ("ParticipantAddParams", {"handle": "not a handle"}, "/handle", "pattern"),
    "participant remove handle pattern": ("ParticipantRemoveParams", {"handle": "12"}, "/handle", "pattern"),
    "edit text min length": ("MessageUpdateParams", {"text": ""}, "/text", "at least 1"),
    "edit text max length": ("MessageUpdateParams", {"text": "x" * 10001}, "/text", "at most 10000"),
    "edit part index negative": (
        "MessageUpdateParams",
        {"text": "x", "part_index": -1},
        "/part_index",
        "greater than or equal",
    ),
    "reaction emoji min length": (
        "MessageAddReactionParams",
        {"operation": "add", "type": "custom", "custom_emoji": ""},
        "/custom_emoji",
        "at least 1",
    ),
    "reaction part index negative": (
        "MessageAddReactionParams",
        {"operation": "add", "type": "love", "part_index": -1},
        "/part_index",
        "greater than or equal",
    ),
    "attachment size zero": (
        "AttachmentCreateParams",
        {"content_type": "image/png", "filename": "a.png", "size_bytes": 0},
        "/size_bytes",
        "greater than or equal to 1",
    ),
    "attachment size over 100 MB": (
        "AttachmentCreateParams",
        {"content_type": "image/png", "filename": "a.png", "size_bytes": 104857601},
        "/size_bytes",
        "less than or equal to 104857600",
    ),
    "attachment content type empty": (
        "AttachmentCreateParams",
        {"content_type": "", "filename": "a.png", "size_bytes": 1},
        "/content_type",
        "at least 3 characters",
    ),
    "attachment file name with a control character": (
        "AttachmentCreateParams",
        {"content_type": "image/png", "filename": "a\u0001.png", "size_bytes": 1},
        "/filename",
        "should match pattern",
    ),
    "missing required field": (
        "ChatCreateParams",
        {"to": ["+13334445555"], "message": {"parts": [TEXT]}},
        "/from",
        "required",
    ),
    "missing required field of a part": (
        "ChatCreateParams",
        chat(parts=[{"type": "text"}]),
        "/message/parts/0/value",
        "required",
    ),
    # x-rules
    "link part not alone": (
        "ChatCreateParams",
        chat(parts=[TEXT, {"type": "link", "value": "https://example.com"}]),
        "/message/parts/1",
        "[link-part-alone]",
    ),
    "consecutive text parts": (
        "ChatCreateParams",
        chat(parts=[TEXT, TEXT]),
        "/message/parts/1",
        "[no-consecutive-text-parts]",
    ),
    "41 url media parts": ("ChatCreateParams", chat(parts=[MEDIA] * 41), "/message/parts/40", "[max-url-media-parts]"),
    "decoration beyond the UTF-16 length": (
        "ChatCreateParams",
        # "hi 👋" is 5 UTF-16 code units (the emoji counts 2) but 4 code points.
        chat(parts=[{"type": "text", "value": "hi 👋", "text_decorations": [{"range": [3, 6], "style": "bold"}]}]),
        "/message/parts/0/text_decorations/0/range",
        "[decoration-range-within-text]",
    ),
    "overlapping animation": (
        "ChatCreateParams",
        chat(
            parts=[
                {
                    "type": "text",
                    "value": "hello world",
                    "text_decorations": [{"range": [0, 5], "style": "bold"}, {"range": [3, 8], "animation": "shake"}],
                }
            ]
        ),
        "/message/parts/0/text_decorations/1/range",
        "[animation-no-overlap]",
    ),
    # exactly one of / at least one of
    "media with both url and attachment_id": (
        "ChatCreateParams",
        chat(parts=[{**MEDIA, "attachment_id": "a1"}]),
        "/message/parts/0",
        "exactly one of 'url' or 'attachment_id' is required; several are given",
    ),
    "media with neither url nor attachment_id": (
        "ChatCreateParams",
        chat(parts=[{"type": "media"}]),
        "/message/parts/0",
        "none is given",
    ),
    "decoration with style and animation": (
        "ChatCreateParams",
        chat(
            parts=[
                {
                    "type": "text",
                    "value": "hello",
                    "text_decorations": [{"range": [0, 1], "style": "bold", "animation": "big"}],
                }
            ]
        ),
        "/message/parts/0/text_decorations/0",
        "exactly one of 'style' or 'animation' is required; several are given",
    ),
    "voice memo with both sources": (
        "ChatSendVoicememoParams",
        {"attachment_id": "a1", "voice_memo_url": "https://cdn/a.m4a"},
        "",
        "exactly one of",
    ),
    "custom reaction without its emoji": (
        "MessageAddReactionParams",
        {"operation": "add", "type": "custom"},
        "/custom_emoji",
        "is required when 'type' is 'custom' [required-when]",
    ),
    # what responses tolerate and requests must not send
    "unknown part type": (
        "ChatCreateParams",
        chat(parts=[{"type": "poll"}]),
        "/message/parts/0/type",
        "'poll' is not a known 'type'",
    ),
    "unknown enum value": (
        "ChatCreateParams",
        chat(preferred_service="WhatsApp"),
        "/message/preferred_service",
        "'WhatsApp' is not one of",
    ),
    "unknown inline enum value": (
        "ChatCreateParams",
        chat(effect={"type": "sparkle"}),
        "/message/effect/type",
        "'sparkle' is not one of",
    ),
    "null where only omission is allowed": (
        "ChatCreateParams",
        chat(reply_to=None),
        "/message/reply_to",
        "cannot be null",
    ),
    "reaction with unknown operation": (
        "MessageAddReactionParams",
        {"operation": "toggle", "type": "love"},
        "/operation",
        "'toggle' is not one of 'add', 'remove'",
    ),
}

SENDBLUE_REJECTED = {
    "number pattern": ("MessageSendParams", {"number": "555", "content": "hi"}, "/number", "pattern"),
    "content min length": ("MessageSendParams", {"number": "+18887776666", "content": ""}, "/content", "at least 1"),
    "from number pattern": (
        "MessageSendParams",
        {"number": "+18887776666", "content": "hi", "from_number": "x"},
        "/from_number",
        "pattern",
    ),
    "neither content nor media": (
        "MessageSendParams",
        {"number": "+18887776666"},
        "",
        "at least one of 'content' or 'media_url' is required",
    ),
    "unknown send style": (
        "MessageSendParams",
        {"number": "+18887776666", "content": "hi", "send_style": "wobble"},
        "/send_style",
        "'wobble' is not one of",
    ),
}

REJECTED = {("linq", k): v for k, v in LINQ_REJECTED.items()} | {
    ("sendblue", k): v for k, v in SENDBLUE_REJECTED.items()
}


@pytest.mark.parametrize(("spec", "case"), list(REJECTED), ids=[f"{s}: {c}" for s, c in REJECTED])
def test_request_validation_rejects_with_a_path(spec: str, case: str, rendered: dict[str, Any]) -> None:
    package = rendered[spec]
    model, body, pointer, fragment = REJECTED[(spec, case)]
    with pytest.raises(package.exceptions.RequestValidationError) as caught:
        package.validation.validate_request(getattr(package.types, model), body)
    errors = caught.value.errors
    assert any(path == pointer and fragment in message for path, message in errors), errors


def _request_models(api: Api) -> set[str]:
    """Models reachable from request bodies."""
    todo = [op.body.type for op in api.operations if op.body is not None]
    found: set[str] = set()
    while todo:
        for name in models_in(todo.pop()) - found:
            found.add(name)
            model = api.model(name)
            todo += [f.type for f in model.fields] + list(model.variants)
            todo += [model.alias_of] if model.alias_of else []
    return found


def _has_constraints(t: TypeRef) -> bool:
    inner = t.items if isinstance(t, ArrayOf) else t.values if isinstance(t, MapOf) else None
    return not constraints_of(t).is_empty() or (inner is not None and _has_constraints(inner))


@pytest.mark.parametrize(("spec", "cases"), [("linq", LINQ_REJECTED), ("sendblue", SENDBLUE_REJECTED)])
def test_every_request_constraint_has_a_case(spec: str, cases: dict[str, Any], apis: dict[str, Api]) -> None:
    api = apis[spec]
    constrained = set()
    for name in _request_models(api):
        model = api.model(name)
        for f in model.fields:
            target = api.model(f.type.name) if isinstance(f.type, ModelRef) else None
            alias = target.alias_of if target is not None and target.alias_of is not None else None
            if _has_constraints(f.type) or (alias is not None and _has_constraints(alias)):
                constrained.add((name, f.name))
    covered = {(model, pointer.rsplit("/", 1)[-1]) for model, _, pointer, _ in cases.values()}
    nested = {pointer.split("/")[-1] for _, _, pointer, _ in cases.values()} | {
        pointer.split("/")[-2] for _, _, pointer, _ in cases.values() if pointer.count("/") > 1
    }
    missing = {(m, f) for m, f in constrained if (m, f) not in covered and f not in nested}
    assert not missing


ACCEPTED = {
    "linq": [
        ("ChatCreateParams", CHAT),
        ("ChatCreateParams", {**CHAT, "from": "+12223334444", "from_": None} | {"from_": "+12223334444"}),
        (
            "ChatCreateParams",
            chat(
                parts=[
                    {"type": "text", "value": "hi 👋 there", "text_decorations": [{"range": [0, 2], "style": "bold"}]},
                    {"type": "media", "attachment_id": "a1"},
                    {
                        "type": "text",
                        "value": "hello",
                        "text_decorations": [
                            {"range": [0, 5], "style": "italic"},
                            {"range": [0, 2], "style": "bold"},
                        ],
                    },
                ],
                effect={"type": "screen", "name": "confetti"},
                preferred_service="iMessage",
                reply_to={"message_id": "m1", "part_index": 0},
                idempotency_key="k" * 255,
            ),
        ),
        ("ChatCreateParams", chat(parts=[{"type": "link", "value": "https://example.com"}])),
        ("ChatCreateParams", chat(parts=[MEDIA, TEXT] * 20 + [MEDIA])),
        ("ChatCreateParams", chat(parts=[{"type": "text", "value": "x" * 10000}])),
        ("ChatSendVoicememoParams", {"voice_memo_url": "https://cdn.example.com/a.m4a"}),
        ("MessageAddReactionParams", {"operation": "add", "type": "custom", "custom_emoji": "🎉"}),
        ("ChatUpdateParams", {}),
        ("AttachmentCreateParams", {"content_type": "image/png", "filename": "a.png", "size_bytes": 104857600}),
    ],
    "sendblue": [
        ("MessageSendParams", {"number": "+18887776666", "content": "hi"}),
        ("MessageSendParams", {"number": "+18887776666", "media_url": "https://x/a.png", "send_style": "confetti"}),
    ],
}


@pytest.mark.parametrize(("spec", "index"), [(s, i) for s, cases in ACCEPTED.items() for i in range(len(cases))])
def test_request_validation_accepts_valid_bodies(
    spec: str, index: int, apis: dict[str, Api], rendered: dict[str, Any]
) -> None:
    package = rendered[spec]
    model, body = ACCEPTED[spec][index]
    sent = package.validation.validate_request(getattr(package.types, model), body)
    wire = {("from" if key == "from_" else key): value for key, value in body.items()}
    assert sent == wire
    # What is sent is what the spec's JSON Schema accepts.
    schema = apis[spec].standalone_schema(json.dumps({"$ref": f"#/components/schemas/{model}"}))
    jsonschema.validate(sent, schema, cls=jsonschema.Draft202012Validator)


def test_request_validation_takes_model_instances_and_keeps_null_apart(linq: SimpleNamespace) -> None:
    types, validation = linq.types, linq.validation
    content = types.MessageContent(parts=[types.TextPart(value="hi"), types.MediaPart(attachment_id="a1")])
    params = types.ChatCreateParams(from_="+12223334444", to=["+13334445555"], message=content)
    expected = {
        "from": "+12223334444",
        "to": ["+13334445555"],
        "message": {"parts": [{"type": "text", "value": "hi"}, {"type": "media", "attachment_id": "a1"}]},
    }
    assert validation.validate_request(types.ChatCreateParams, params) == expected
    assert validation.validate_request(types.ChatCreateParams, {**CHAT, "message": content}) == expected
    not_given = object()
    body = {"display_name": "Weekend", "group_chat_icon": not_given}
    assert validation.validate_request(types.ChatUpdateParams, body, not_given=not_given) == {"display_name": "Weekend"}
    # Building a request model checks its constraints before anything is sent.
    with pytest.raises(pydantic.ValidationError):
        types.TextPart(value="x" * 10001)
    # A model built with an undocumented value is caught when sent.
    with pytest.raises(linq.exceptions.RequestValidationError, match="sparkle"):
        validation.validate_request(types.ChatCreateParams, chat(effect=types.MessageEffect(type="sparkle")))


def test_request_validation_of_a_type_that_is_not_a_model(linq: SimpleNamespace) -> None:
    validation, types = linq.validation, linq.types
    parts = [{"type": "text", "value": "a"}, {"type": "media", "attachment_id": "b"}]
    assert validation.validate_request(list[types.MessagePart], parts) == parts
    with pytest.raises(linq.exceptions.RequestValidationError) as caught:
        validation.validate_request(list[types.MessagePart], [{"type": "text", "value": ""}])
    assert caught.value.errors[0][0] == "/0/value"


# --- python_types ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("t", "as_response", "as_request"),
    [
        (StringType(), "str", "str"),
        (StringType(nullable=True), "str | None", "str | None"),
        (StringType("date-time"), "datetime", "datetime"),
        (StringType(constraints=Constraints(max_length=5)), "Annotated[str, Field(max_length=5)]", None),
        (
            StringType(nullable=True, constraints=Constraints(pattern=r"^\d+$")),
            'Annotated[str, Field(pattern=r"^\\d+$")] | None',
            None,
        ),
        (IntegerType(constraints=Constraints(minimum=0.0)), "Annotated[int, Field(ge=0)]", None),
        (ArrayOf(ModelRef("MessagePartResponse")), "list[MessagePartResponse]", None),
        (MapOf(AnyType()), "dict[str, Any]", None),
        (AnyType(), "Any", None),
        (NullType(), "None", None),
        (LiteralOf(("text",)), 'Literal["text"]', 'Literal["text"]'),
        (LiteralOf(("a", "b")), 'OpenLiteral[Literal["a", "b"]]', 'Literal["a", "b"]'),
        (LiteralOf((1, 2)), "Literal[1, 2]", "Literal[1, 2]"),
        (LiteralOf((1.5,)), "float", None),
        (UnionOf((StringType(), IntegerType())), "str | int", None),
        (
            UnionOf(
                (ModelRef("TextPart"), ModelRef("LinkPart")),
                Discriminator("type", (("text", "TextPart"), ("link", "LinkPart"))),
            ),
            'Annotated[Annotated[TextPart, Tag("text")] | Annotated[LinkPart, Tag("link")] | UnknownVariant, '
            'OpenUnion("type")]',
            "TextPart | LinkPart",
        ),
    ],
)
def test_annotation_spelling(t: TypeRef, as_response: str, as_request: str | None) -> None:
    assert python_types.annotation(t) == as_response
    assert python_types.annotation(t, direction="request") == (as_request or as_response)


def test_a_date_format_keeps_its_string_constraints_off_the_value() -> None:
    """pydantic cannot measure a `date` or `datetime`: the wire text's lengths and pattern are
    checked where there is text (`_params.py`, the mock), not in the annotation."""
    for format_ in ("date", "date-time"):
        t = StringType(format_, constraints=Constraints(min_length=1, max_length=40, pattern="^[0-9]"))
        assert python_types.constraint_arguments(t) == ()
    plain = StringType(None, constraints=Constraints(min_length=1, max_length=40))
    assert python_types.constraint_arguments(plain) == (("min_length", "1"), ("max_length", "40"))


def test_imports_cover_the_annotation() -> None:
    t = ArrayOf(StringType("date"), constraints=Constraints(min_items=1), nullable=True)
    assert python_types.annotation(t) == "Annotated[list[date], Field(min_length=1)] | None"
    assert set(python_types.imports(t)) == {
        python_types.Import("datetime", "date"),
        python_types.Import("typing", "Annotated"),
        python_types.Import("pydantic", "Field"),
    }
    shadowed = python_types.annotation(t, shadowed=frozenset({"date", "list"}))
    assert shadowed == "Annotated[builtins.list[_datetime.date], Field(min_length=1)] | None"


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        (None, "None"),
        (True, "True"),
        (3, "3"),
        (1.5, "1.5"),
        ('say "hi"\n', "'say \"hi\"\\n'"),  # single quotes, as ruff writes a text with more " than '
        ([1, {"a": None}], '[1, {"a": None}]'),
    ],
)
def test_python_literal(value: Any, literal: str) -> None:
    assert python_types.python_literal(value) == literal
    assert eval(literal) == value


def test_enum_member_names_are_unique_identifiers() -> None:
    names = python_types.enum_member_names(("iMessage", "SMS", "sms", "", "1st", "happy_birthday", 2))
    assert names == ("I_MESSAGE", "SMS", "SMS2", "VALUE", "VALUE_1ST", "HAPPY_BIRTHDAY", "VALUE_2")


# --- tricky specs ------------------------------------------------------------------------------

TRICKY = """\
openapi: 3.1.0
info: {title: Tricky, version: "1"}
paths:
  /things:
    post:
      operationId: createThing
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Weird"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Dog"}
components:
  schemas:
    Animal:
      type: object
      description: 'A "base" model with a tricky \\ docstring"'
      required: [name]
      properties:
        name: {type: string, minLength: 1}
        kind: {type: string}
    Dog:
      description: An Animal that barks (allOf inheritance).
      allOf:
        - $ref: "#/components/schemas/Animal"
        - type: object
          required: [bark]
          properties:
            bark: {type: boolean}
    Circle:
      type: object
      required: [radius]
      properties:
        radius: {type: number, exclusiveMinimum: 0}
    Square:
      type: object
      required: [side]
      properties:
        side: {type: integer, minimum: 1}
      additionalProperties: false
    Shape:
      description: A union without a discriminator.
      oneOf:
        - $ref: "#/components/schemas/Circle"
        - $ref: "#/components/schemas/Square"
    Cat:
      type: object
      required: [petType]
      properties:
        petType: {const: cat}
        lives: {type: integer, maximum: 9}
    Bird:
      type: object
      required: [petType]
      properties:
        petType: {const: bird}
        wings: {type: integer}
    Pet:
      oneOf:
        - $ref: "#/components/schemas/Cat"
        - $ref: "#/components/schemas/Bird"
      discriminator: {propertyName: petType}
    TreeNode:
      type: object
      required: [value]
      properties:
        value: {type: string}
        children:
          type: array
          items: {$ref: "#/components/schemas/TreeNode"}
        parent:
          anyOf:
            - $ref: "#/components/schemas/TreeNode"
            - type: "null"
        pets:
          type: array
          items: {$ref: "#/components/schemas/Pet"}
    JsonValue:
      anyOf:
        - type: string
        - type: number
        - type: boolean
        - type: array
          items: {$ref: "#/components/schemas/JsonValue"}
        - type: object
          additionalProperties: {$ref: "#/components/schemas/JsonValue"}
    Counts:
      type: object
      additionalProperties: {type: integer}
    Level:
      type: integer
      enum: [1, 2, 3]
    Weird:
      type: object
      properties:
        class: {type: string}
        from: {type: string}
        naïve: {type: integer}
        日本語: {type: string}
        fooBar: {type: string}
        foo_bar: {type: string}
        foo-bar: {type: string}
        date: {type: string, format: date}
        str: {type: string, default: "s"}
        list: {type: array, items: {type: integer}, default: [1, 2]}
        model_config: {type: string}
        123abc: {type: string}
        level: {$ref: "#/components/schemas/Level", default: 2}
        mode: {type: string, enum: [fast, slow], default: fast}
        json: {$ref: "#/components/schemas/JsonValue"}
        tree: {$ref: "#/components/schemas/TreeNode"}
        shape: {$ref: "#/components/schemas/Shape"}
        inline_pet:
          oneOf:
            - $ref: "#/components/schemas/Cat"
            - $ref: "#/components/schemas/Bird"
          discriminator: {propertyName: petType}
        scores:
          type: object
          additionalProperties: {type: number}
      additionalProperties: {type: string}
"""


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Api, SimpleNamespace, Path]]:
    folder = tmp_path_factory.mktemp("tricky")
    spec = folder / "tricky.yaml"
    spec.write_text(TRICKY, encoding="utf-8")
    api = build_api(spec)
    write_package(api, folder, "emitted_tricky_models")
    yield api, import_package(folder, "emitted_tricky_models"), folder
    forget_package(folder, "emitted_tricky_models")


def test_tricky_spec_renders_imports_and_passes_the_checkers(
    tricky: tuple[Api, SimpleNamespace, Path], mypy_cache: Callable[[bool], Path]
) -> None:
    api, package, folder = tricky
    for model in api.models:
        assert hasattr(package.types, model.name)
    ruff = [str(VENV_BIN / "ruff"), "check", "--isolated", "--select", "E,F,W,I,UP,B,SIM,RUF", "--ignore", "E501"]
    checks = [
        [*ruff, "--target-version", "py311", "emitted_tricky_models"],
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(mypy_cache(False)),
            "emitted_tricky_models",
        ],
    ]
    for command in checks:
        result = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


def test_tricky_names_keep_their_wire_names(tricky: tuple[Api, SimpleNamespace, Path]) -> None:
    api, package, _ = tricky
    weird = package.types.Weird
    fields = {f.name: f.py_name for f in api.model("Weird").fields}
    assert fields["class"] == "class_" and fields["from"] == "from_" and fields["model_config"] == "model_config_"
    assert len(set(fields.values())) == len(fields)  # fooBar, foo_bar and foo-bar stay apart
    data = {
        "class": "c",
        "from": "f",
        "naïve": 1,
        "日本語": "j",
        "fooBar": "a",
        "foo_bar": "b",
        "foo-bar": "c",
        "date": "2024-02-29",
        "str": "s2",
        "list": [3],
        "model_config": "m",
        "123abc": "n",
        "extra": "kept",
    }
    value = weird.model_validate(data)
    assert value.to_dict() == data
    assert value.date == dt.date(2024, 2, 29) and value.class_ == "c"
    for wire, py_name in fields.items():
        assert weird.model_fields[py_name].alias in (wire, None)
    defaults = weird()
    assert (defaults.str, defaults.list, defaults.mode) == ("s", [1, 2], "fast")
    assert defaults.level == package.types.Level.VALUE_2 and defaults.to_dict() == {}
    with pytest.raises(pydantic.ValidationError) as caught:
        weird.model_validate({"extra": 1})  # additional properties are strings
    assert [(e["loc"], e["type"]) for e in caught.value.errors()] == [(("extra",), "string_type")]


def test_tricky_inheritance_recursion_and_unions(tricky: tuple[Api, SimpleNamespace, Path]) -> None:
    _, package, _ = tricky
    types, validation, models = package.types, package.validation, package.models
    dog = types.Dog.model_validate({"name": "Rex", "bark": True})
    assert list(types.Dog.model_fields) == ["name", "kind", "bark"]
    assert dog.to_dict() == {"name": "Rex", "bark": True}
    with pytest.raises(pydantic.ValidationError):
        types.Dog.model_validate({"name": "", "bark": True})
    tree = {
        "value": "root",
        "parent": None,
        "children": [{"value": "leaf", "children": [], "pets": [{"petType": "cat", "lives": 9}, {"petType": "fish"}]}],
    }
    node = types.TreeNode.model_validate(tree)
    assert isinstance(node.children[0].pets[0], types.Cat) and isinstance(
        node.children[0].pets[1], models.UnknownVariant
    )
    assert node.to_dict() == tree
    shape = models.parse(types.Shape, {"side": 2})
    assert isinstance(shape, types.Square)
    assert isinstance(models.parse(types.Shape, {"radius": 0.5}), types.Circle)
    with pytest.raises(pydantic.ValidationError):
        models.parse(types.Shape, {"radius": 0})
    json_value = {"a": [1, "two", {"b": False}], "c": 2.5}
    assert models.parse(types.JsonValue, json_value) == json_value
    assert models.parse(types.Counts, {"a": 1}) == {"a": 1}
    assert types.Level(7).is_unknown and types.Level(2) is types.Level.VALUE_2
    sent = validation.validate_request(types.Weird, {"from_": "x", "shape": {"side": 3}, "json": {"k": [1]}})
    assert sent == {"from": "x", "shape": {"side": 3}, "json": {"k": [1]}}
    with pytest.raises(package.exceptions.RequestValidationError) as caught:
        validation.validate_request(types.Weird, {"shape": {"side": 3, "color": "red"}})
    assert caught.value.errors == [("/shape/color", "'color' is not a field of Square")]
    with pytest.raises(package.exceptions.RequestValidationError) as caught:
        validation.validate_request(types.Weird, {"tree": {"value": "r", "pets": [{"petType": "fish"}]}})
    assert caught.value.errors[0][0] == "/tree/pets/0/petType"
    inline = types.Weird.model_validate({"inline_pet": {"petType": "bird", "wings": 2}}).inline_pet
    assert isinstance(inline, types.Bird)
    assert isinstance(types.Weird.model_validate({"inline_pet": {"petType": "fish"}}).inline_pet, models.UnknownVariant)


def test_schemas_named_like_the_helpers_get_a_model_suffix(write_spec: Any, tmp_path: Path) -> None:
    """GitHub's spec has a `tag` schema: it must not shadow pydantic's `Tag`, nor be refused."""
    spec = write_spec(
        textwrap.dedent(
            """\
            openapi: 3.1.0
            info: {title: Clash, version: "1"}
            paths: {}
            components:
              schemas:
                Field: {type: object, properties: {a: {type: string}}}
                tag: {type: object, properties: {field: {$ref: '#/components/schemas/Field'}}}
                BaseModel: {type: string, enum: [x]}
            """
        )
    )
    api = build_api(spec)
    assert {m.name for m in api.models} == {"FieldModel", "TagModel", "BaseModelModel"}
    package = import_package(write_package(api, tmp_path, "clash_models").parent, "clash_models")
    tag = package.types.TagModel.model_validate({"field": {"a": "b"}})
    assert isinstance(tag.field, package.types.FieldModel) and tag.field.a == "b"


# --- the oracle: datamodel-code-generator ----------------------------------------------------


def _dcg_module(api: Api, folder: Path, name: str) -> ModuleType:
    from datamodel_code_generator import DataModelType, InputFileType, PythonVersion, generate
    from datamodel_code_generator.parser.openapi import OpenAPIScope

    code = generate(
        Path(api.source).read_text(encoding="utf-8"),
        input_file_type=InputFileType.OpenAPI,
        output_model_type=DataModelType.PydanticV2BaseModel,
        openapi_scopes=[OpenAPIScope.Schemas],
        use_annotated=True,
        field_constraints=True,
        use_union_operator=True,
        use_standard_collections=True,
        target_python_version=PythonVersion.PY_311,
        formatters=[],
    )
    assert isinstance(code, str)
    (folder / f"{name}.py").write_text(code, encoding="utf-8")
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    importlib.invalidate_caches()
    return importlib.import_module(name)


@pytest.fixture(scope="module")
def oracle(apis: dict[str, Api], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, ModuleType]]:
    folder = tmp_path_factory.mktemp("oracle")
    with warnings.catch_warnings():
        # It warns about constraints it cannot put on its `AnyUrl` fields.
        warnings.simplefilter("ignore", UserWarning)
        modules = {spec: _dcg_module(api, folder, f"oracle_{spec}_models") for spec, api in apis.items()}
    yield modules
    for name in [f"oracle_{spec}_models" for spec in apis]:
        sys.modules.pop(name, None)
    sys.path.remove(str(folder))


def json_strategy(schema: Any, registry: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """Data valid for a JSON Schema (the subset the specs use), drawn independently of the IR.

    Formats are drawn in their canonical spelling (`2025-05-01T12:00:00Z`), which both sets of
    models dump back unchanged.
    """
    if schema is True or schema == {}:
        return st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=5))
    if "$ref" in schema:
        target = registry["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
        return st.deferred(lambda: json_strategy(target, registry, depth + 1))
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    for key in ("oneOf", "anyOf"):
        variants = schema.get(key)
        if variants and any(k in v for v in variants for k in ("$ref", "type", "const", "properties")):
            rest = {k: v for k, v in schema.items() if k not in (key, "discriminator")}
            options = [
                json_strategy({**rest, **v} if "type" not in v and "$ref" not in v else v, registry, depth)
                for v in variants
            ]
            return st.one_of(options)
    types = schema.get("type")
    if isinstance(types, list):
        return st.one_of([json_strategy({**schema, "type": t}, registry, depth) for t in types])
    if types == "null":
        return st.none()
    if types == "boolean":
        return st.booleans()
    if types == "integer":
        return st.integers(schema.get("minimum", -(10**6)), schema.get("maximum", 10**6))
    if types == "number":
        low, high = schema.get("minimum", -1e6), schema.get("maximum", 1e6)
        return st.one_of(st.integers(int(low), int(high)), st.floats(low, high, allow_nan=False))
    if types == "string":
        return _string_strategy(schema)
    if types == "array":
        items = json_strategy(schema.get("items", True), registry, depth + 1)
        low = schema.get("minItems", 0)
        return st.lists(items, min_size=low, max_size=min(schema.get("maxItems", 3), low + (0 if depth > 3 else 3)))
    if types == "object" or "properties" in schema:
        return _object_strategy(schema, registry, depth)
    return st.nothing()


def _string_strategy(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    fmt = schema.get("format")
    if fmt == "date-time":
        return st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2100, 1, 1)).map(
            lambda d: d.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
        )
    if fmt == "uuid":
        return st.uuids().map(str)
    if fmt == "uri":
        return st.from_regex(r"\Ahttps://[a-z]{1,8}\.example\.com/[a-z0-9]{0,8}\Z")
    if "pattern" in schema:
        # JSON Schema patterns are ECMA-262: `$` ends the input (Python's also matches before a
        # final newline, which pydantic's regex engine, like the spec, refuses).
        pattern = schema["pattern"]
        return st.from_regex(pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern)
    return st.text(min_size=schema.get("minLength", 0), max_size=min(schema.get("maxLength", 8), 8))


def _object_strategy(schema: dict[str, Any], registry: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    properties = schema.get("properties", {})
    required = set(schema.get("required", []))

    @st.composite
    def draw_object(draw: st.DrawFn) -> dict[str, Any]:
        group: set[str] = set()
        others: set[str] = set()
        for key in ("oneOf", "anyOf"):
            groups = [set(v.get("required", [])) for v in schema.get(key, [])]
            if groups:
                group = draw(st.sampled_from(groups))
                others = set().union(*groups) - group if key == "oneOf" else set()
        result = {}
        for name, sub in properties.items():
            if name in others:
                continue
            if name in required or name in group or (depth < 3 and draw(st.booleans())):
                result[name] = draw(json_strategy(sub, registry, depth + 1))
        extra = schema.get("additionalProperties", True)
        if isinstance(extra, dict) and not properties:
            keys = draw(st.lists(st.text("abcdef", min_size=1, max_size=4), max_size=2, unique=True))
            result.update({key: draw(json_strategy(extra, registry, depth + 1)) for key in keys})
        return result

    return draw_object()


def _response_cases(apis: dict[str, Api]) -> list[tuple[str, str, str]]:
    cases = []
    for spec, api in apis.items():
        for op in api.operations:
            for response in op.responses:
                if isinstance(response.type, ModelRef):
                    cases.append((spec, response.type.name, f"{op.id} {response.status}"))
    return sorted(set(cases))


RESPONSE_CASES = _response_cases({name: build_api(path) for name, path in SPECS.items()})


@pytest.mark.parametrize(("spec", "model", "where"), RESPONSE_CASES, ids=[f"{c[0]}: {c[2]}" for c in RESPONSE_CASES])
def test_our_models_and_the_oracle_accept_the_same_responses(
    spec: str,
    model: str,
    where: str,
    apis: dict[str, Api],
    rendered: dict[str, Any],
    oracle: dict[str, ModuleType],
) -> None:
    api, package = apis[spec], rendered[spec]
    ours: type[pydantic.BaseModel] = getattr(package.types, model)
    theirs = getattr(oracle[spec], model)
    registry = api.json_schema_registry()
    schema = api.model(model).json_schema
    validator = jsonschema.Draft202012Validator({**schema, **registry})

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(json_strategy(schema, registry).filter(validator.is_valid))
    def check(data: Any) -> None:
        parsed = ours.model_validate(data)
        assert parsed.to_dict() == data
        theirs.model_validate(data)
        # Their dump (URLs and UUIDs re-spelled) still parses in ours.
        ours.model_validate(theirs.model_validate(data).model_dump(mode="json", by_alias=True, exclude_unset=True))
        # Both reject data that lacks a required field. (A constant such as `type: "text"` is
        # filled in by ours on purpose: that one is not a divergence.)
        properties = schema.get("properties", {})
        required = [key for key in schema.get("required", []) if key in data and "const" not in properties.get(key, {})]
        if required:
            broken = {key: value for key, value in data.items() if key != required[0]}
            with pytest.raises(pydantic.ValidationError):
                ours.model_validate(broken)
            with pytest.raises(pydantic.ValidationError):
                theirs.model_validate(broken)

    check()
