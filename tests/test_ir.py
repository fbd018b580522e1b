"""The IR built from a spec: method tree, names, types, pagination, rules, auth."""

from __future__ import annotations

import dataclasses
import textwrap

import pytest

from generator.errors import SpecError
from generator.ir.build import build_api
from generator.ir.model import (
    AnyType,
    ArrayOf,
    BooleanType,
    Constraints,
    IntegerType,
    LiteralOf,
    MapOf,
    ModelRef,
    NullType,
    NumberType,
    StringType,
    UnionOf,
    accepts_null,
    constraints_of,
    is_nullable,
    models_in,
    with_nullable,
)
from tests.conftest import SPECS

LINQ_TREE = {
    ("chats",): [
        "list_chats",
        "create",
        "retrieve",
        "update",
        "mark_as_read",
        "leave_chat",
        "share_contact_card",
        "send_voicememo",
    ],
    ("chats", "participants"): ["add", "remove"],
    ("chats", "typing"): ["start", "stop"],
    ("chats", "messages"): ["list", "send"],
    ("messages",): ["list_messages_thread", "retrieve", "delete", "update", "add_reaction"],
    ("attachments",): ["create", "retrieve"],
}


@pytest.fixture(scope="module")
def linq():
    return build_api(SPECS["linq"])


@pytest.fixture(scope="module")
def sendblue():
    return build_api(SPECS["sendblue"])


def tree(api):
    return {r.path: sorted(op.name for op in r.operations) for r in api.root.walk() if r.operations}


def test_linq_method_tree_matches_the_pages(linq):
    assert tree(linq) == {path: sorted(names) for path, names in LINQ_TREE.items()}


def test_sendblue_method_tree_matches_the_pages(sendblue):
    assert tree(sendblue) == {("messages",): ["get_status", "list", "retrieve", "send"]}


def test_ir_is_immutable(linq):
    with pytest.raises(dataclasses.FrozenInstanceError):
        linq.operations[0].name = "other"  # type: ignore[misc]


def test_keyword_parameters_get_a_trailing_underscore_and_keep_their_wire_name(linq):
    op = linq.operation("chatsCreate")
    names = {f.name: f.py_name for f in op.body.fields}
    assert names["from"] == "from_"
    listing = linq.operation("chatsListChats")
    assert {p.name: p.py_name for p in listing.params}["from"] == "from_"


def test_path_parameters_come_first(linq):
    op = linq.operation("chatsMessagesList")
    assert next(p.name for p in op.params) == "chatId"
    assert op.params[0].location == "path" and op.params[0].py_name == "chat_id"


def test_cursor_pagination_is_inferred(linq):
    for operation_id, items in [
        ("chatsListChats", "chats"),
        ("chatsMessagesList", "messages"),
        ("messagesListMessagesThread", "messages"),
    ]:
        page = linq.operation(operation_id).pagination
        assert page is not None and page.style == "cursor"
        assert (page.items, page.cursor_param, page.next_cursor_field, page.limit_param) == (
            items,
            "cursor",
            "next_cursor",
            "limit",
        )
        assert isinstance(page.item_type, ModelRef)
    assert linq.operation("chatsRetrieve").pagination is None


def test_offset_pagination_is_inferred(sendblue):
    page = sendblue.operation("messagesList").pagination
    assert page is not None
    assert (page.style, page.items, page.offset_param, page.limit_param, page.has_more_path) == (
        "offset",
        "data",
        "offset",
        "limit",
        ("pagination", "hasMore"),
    )
    assert page.item_type == ModelRef("V2Message")


def test_page_rules_are_read_from_x_rules(linq):
    content = linq.model("MessageContent")
    by_id = {r.id: r for r in content.rules}
    assert by_id["link-part-alone"].kind == "sole-item" and by_id["link-part-alone"].field == "parts"
    assert by_id["link-part-alone"].match.equals == (("type", "link"),)
    assert by_id["no-consecutive-text-parts"].kind == "no-consecutive"
    assert by_id["max-url-media-parts"].max == 40 and by_id["max-url-media-parts"].match.has == ("url",)
    text_part = {r.id: r for r in linq.model("TextPart").rules}
    assert text_part["decoration-range-within-text"].unit == "utf-16"
    assert text_part["animation-no-overlap"].match.has == ("animation",)
    assert all(r.location is not None and r.location.line for r in content.rules)


def test_discriminated_part_unions(linq):
    parts = linq.model("MessageContent").field_named("parts").type
    assert isinstance(parts, ArrayOf)
    union = linq.model(parts.items.name) if isinstance(parts.items, ModelRef) else None
    discriminator = union.discriminator if union else parts.items.discriminator
    assert discriminator.property == "type"
    assert dict(discriminator.mapping) == {"text": "TextPart", "media": "MediaPart", "link": "LinkPart"}


def test_media_part_exactly_one_of_is_a_constraint_not_a_union(linq):
    media = linq.model("MediaPart")
    assert media.kind == "object"
    assert {f.name for f in media.fields} >= {"type", "url", "attachment_id"}


def test_nullable_fields(linq):
    chat = linq.model("Chat")
    assert chat.field_named("display_name").type.nullable
    assert chat.field_named("display_name").required
    assert not chat.field_named("id").type.nullable


def test_auth_schemes(linq, sendblue):
    assert [(s.kind, s.scheme) for s in linq.security_schemes] == [("http", "bearer")]
    assert sorted((s.kind, s.location, s.param_name) for s in sendblue.security_schemes) == [
        ("apiKey", "header", "sb-api-key-id"),
        ("apiKey", "header", "sb-api-secret-key"),
    ]
    assert all(len(op.security[0]) == 2 for op in sendblue.operations)


def test_idempotency_key_location(linq, sendblue):
    assert linq.operation("chatsMessagesSend").idempotency_key_path == ("message", "idempotency_key")
    assert sendblue.operation("messagesSend").idempotency_key_path == ()


def test_standalone_schemas_resolve_every_ref(linq):
    import jsonschema

    schema = linq.standalone_schema(linq.operation("chatsMessagesSend").body.schema_json)
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid({"message": {"parts": [{"type": "text", "value": "hi"}]}})
    assert not validator.is_valid({"message": {"parts": [{"type": "text", "value": ""}]}})
    assert not validator.is_valid({"message": {"parts": [{"type": "video", "value": "x"}]}})


GENERIC = textwrap.dedent(
    """\
    openapi: 3.0.3
    info: {title: Zoo, version: "2"}
    paths:
      /animals:
        get:
          tags: [animals]
          operationId: listAnimals
          responses:
            "200":
              description: ok
              content:
                application/json:
                  schema:
                    type: array
                    items: {$ref: "#/components/schemas/Animal"}
        post:
          tags: [animals]
          operationId: import
          requestBody:
            content:
              multipart/form-data:
                schema: {type: object, properties: {file: {type: string, format: binary}}}
          responses:
            "204": {description: done}
      /animals/{id}:
        get:
          tags: [animals]
          operationId: list-animals
          parameters:
            - {name: id, in: path, required: true, schema: {type: integer}}
            - {name: class, in: query, schema: {type: string, nullable: true}}
          responses:
            "200":
              description: ok
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Animal"}
      /health:
        get:
          responses:
            "200": {description: ok}
    components:
      schemas:
        Animal:
          oneOf:
            - $ref: "#/components/schemas/Cat"
            - $ref: "#/components/schemas/Dog"
          discriminator:
            propertyName: kind
            mapping: {cat: "#/components/schemas/Cat", dog: Dog}
        Base:
          type: object
          required: [name]
          properties:
            name: {type: string}
            "naïve-field": {type: string}
        Cat:
          allOf:
            - $ref: "#/components/schemas/Base"
            - type: object
              properties:
                kind: {type: string, enum: [cat]}
                lives: {type: integer, minimum: 0, maximum: 9}
        Dog:
          allOf:
            - $ref: "#/components/schemas/Base"
            - type: object
              required: [kind]
              properties:
                kind: {type: string, enum: [dog]}
                owner: {type: object, properties: {def: {type: string}, class: {type: string}}}
    """
)


def test_generic_spec_with_allof_oneof_keywords_and_collisions(write_spec):
    api = build_api(write_spec(GENERIC))
    animal = api.model("Animal")
    assert animal.kind == "union"
    assert dict(animal.discriminator.mapping) == {"cat": "Cat", "dog": "Dog"}
    cat = api.model("Cat")
    assert [f.name for f in cat.fields] == ["name", "naïve-field", "kind", "lives"]
    assert [f.py_name for f in cat.fields] == ["name", "naive_field", "kind", "lives"]
    assert cat.field_named("name").required
    owner = api.model("Dog").field_named("owner").type
    assert isinstance(owner, ModelRef)
    assert [f.py_name for f in api.model(owner.name).fields] == ["def_", "class_"]
    names = sorted((op.sdk_path, op.name) for op in api.operations)
    assert (("animals", "import_"), "import_") in names
    # Two operationIds give the same Python name: the second is renamed, with a warning.
    assert [name for path, name in names if path[0] == "animals" and name.startswith("list")] == [
        "list_animals",
        "list_animals2",
    ]
    assert any("taken" in w.message for w in api.warnings)
    # Multipart bodies are kept, loosely typed, with a warning; untagged operations sit at the top.
    assert api.operation("import").body.type == AnyType()
    assert any("multipart/form-data" in w.message for w in api.warnings)
    assert [op.name for op in api.root.operations] == ["get_health"]
    assert isinstance(api.operation("listAnimals").responses[0].type, ArrayOf)
    assert [p.type.nullable for p in api.operations[2].params] == [False, True]


def test_duplicate_operation_ids_are_errors_with_location(write_spec):
    with pytest.raises(SpecError) as caught:
        build_api(write_spec(GENERIC.replace("operationId: import", "operationId: listAnimals")))
    [problem] = caught.value.problems
    assert problem.message == "operationId 'listAnimals' is also used by GET /animals"
    assert problem.location.pointer == "/paths/~1animals/post/operationId" and problem.location.line == 18


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ("[{id: a, kind: sole-item, message: m}]", "missing match"),
        ("[{id: a, kind: teleport, message: m, match: {}}]", "unknown rule kind 'teleport'"),
        ("[{id: a, kind: max-matching, message: m, match: {type: x}, max: -1}]", "max must be a non-negative integer"),
        ("{id: a}", "x-rules must be a list"),
    ],
)
def test_malformed_x_rules_are_reported_with_location(write_spec, rules, message):
    text = GENERIC.replace(
        "            lives: {type: integer, minimum: 0, maximum: 9}\n",
        f"            lives: {{type: integer, minimum: 0, maximum: 9}}\n            tags:\n              type: array\n              x-rules: {rules}\n",
    )
    with pytest.raises(SpecError) as caught:
        build_api(write_spec(text))
    [problem] = caught.value.problems
    assert message in problem.message
    assert "/x-rules" in problem.location.pointer and problem.location.line is not None


def test_duplicate_x_sdk_method_is_an_error(write_spec):
    text = GENERIC.replace("operationId: import", "operationId: import\n      x-sdk-method: animals.same").replace(
        "operationId: list-animals\n      parameters",
        "operationId: getAnimal\n      x-sdk-method: animals.same\n      parameters",
    )
    with pytest.raises(SpecError) as caught:
        build_api(write_spec(text))
    assert "x-sdk-method 'animals.same' is also used" in str(caught.value)


SHAPES = textwrap.dedent(
    """
    openapi: 3.1.0
    info: {title: Shapes, version: "1"}
    paths: {}
    components:
      schemas:
        Pet: {type: object, properties: {name: {type: string}}}
        Shapes:
          type: object
          properties:
            ref: {$ref: "#/components/schemas/Pet"}
            const: {const: fixed}
            either: {type: [integer, string, "null"]}
            maybe_text: {type: [string, "null"], format: uuid, maxLength: 36}
            status: {enum: [on, off, null]}
            one_of: {oneOf: [{type: string}, {type: integer}]}
            one_real_variant: {anyOf: [{$ref: "#/components/schemas/Pet"}, {type: "null"}]}
            single_all_of: {allOf: [{$ref: "#/components/schemas/Pet"}]}
            inline: {type: object, properties: {x: {type: number, minimum: 0}}}
            mapping: {type: object, additionalProperties: {type: boolean}}
            list: {type: array, items: {type: integer, format: int64}, minItems: 1}
            flag: {type: boolean, format: strange, minLength: 1}
            nothing: {type: "null"}
            untyped: {description: anything at all}
            refused: false
    """
)


def test_each_schema_shape_gets_its_own_type(write_spec):
    api = build_api(write_spec(SHAPES))
    types = {f.name: f.type for f in api.model("Shapes").fields}
    assert types["ref"] == ModelRef("Pet")
    assert types["const"] == LiteralOf(("fixed",))
    assert types["either"] == UnionOf((IntegerType(), StringType()), nullable=True)
    assert types["maybe_text"] == StringType("uuid", nullable=True, constraints=Constraints(max_length=36))
    assert types["status"] == LiteralOf(("on", "off"), nullable=True)
    assert types["one_of"] == UnionOf((StringType(), IntegerType()))
    assert types["one_real_variant"] == ModelRef("Pet", nullable=True)
    assert types["single_all_of"] == ModelRef("Pet")
    assert types["inline"] == ModelRef("ShapesInline")
    assert api.model("ShapesInline").fields[0].type == NumberType(constraints=Constraints(minimum=0))
    assert types["mapping"] == MapOf(BooleanType())
    assert types["list"] == ArrayOf(IntegerType("int64"), constraints=Constraints(min_items=1))
    # Only strings, numbers and arrays carry a format or constraints; null and any need no mark.
    assert types["flag"] == BooleanType()
    assert types["nothing"] == NullType()
    assert types["untyped"] == AnyType()
    assert types["refused"] == AnyType()
    assert any("schema 'false' accepts nothing" in w.message for w in api.warnings)


def test_type_helpers():
    nested = UnionOf((ArrayOf(ModelRef("A")), MapOf(ModelRef("B", nullable=True)), StringType()))
    assert models_in(nested) == {"A", "B"}
    assert with_nullable(StringType()) == StringType(nullable=True)
    assert with_nullable(ModelRef("A", nullable=True), False) == ModelRef("A")
    assert with_nullable(AnyType()) == AnyType() and with_nullable(NullType()) == NullType()
    assert is_nullable(LiteralOf((1,), nullable=True)) and not is_nullable(NullType())
    assert accepts_null(NullType()) and accepts_null(AnyType()) and not accepts_null(BooleanType())
    assert constraints_of(ArrayOf(AnyType(), constraints=Constraints(max_items=2))).max_items == 2
    assert constraints_of(MapOf(AnyType())) == Constraints()


def test_conditional_requirements(linq):
    assert linq.model("MessageAddReactionParams").required_when == (("type", "custom", ("custom_emoji",)),)


def test_properties_named_like_keywords_are_schemas(tmp_path):
    """A property called `default`, `nullable` or `enum` is a schema like any other: its `$ref`
    is followed into another file and its 3.0 keywords are converted."""
    (tmp_path / "things.yaml").write_text("components: {schemas: {Thing: {type: object}}}\n")
    (tmp_path / "api.yaml").write_text(
        """
openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Odd:
      type: object
      properties:
        default: {$ref: 'things.yaml#/components/schemas/Thing'}
        nullable: {type: string}
        enum: {type: integer, minimum: 1, exclusiveMinimum: true}
"""
    )
    api = build_api(tmp_path / "api.yaml")
    odd = api.model("Odd")
    schema = odd.json_schema
    assert schema["properties"]["default"] == {"$ref": "#/components/schemas/Thing"}
    assert schema["properties"]["nullable"] == {"type": "string"}
    assert schema["properties"]["enum"] == {"type": "integer", "exclusiveMinimum": 1}
    assert [f.py_name for f in odd.fields] == ["default", "nullable", "enum"]
