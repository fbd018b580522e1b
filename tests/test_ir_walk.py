"""The one walk of a JSON value along its IR type (`generator.ir.walk`), on its own."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.ir.build import build_api
from generator.ir.model import Api, ArrayOf, LiteralOf, ModelRef, StringType, TypeRef, UnionOf
from generator.ir.walk import InstanceVisitor, InstanceWalker, Node, ScalarType, pointer_token

SPEC = """
openapi: 3.1.0
info: {title: Walk, version: "1"}
paths:
  /things:
    post:
      operationId: createThing
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Thing"}
      responses:
        "200": {description: ok}
components:
  schemas:
    Thing:
      type: object
      properties:
        name: {type: string}
        count: {type: integer}
        ratio: {type: number}
        done: {type: boolean}
        nothing: {type: "null"}
        anything: {}
        note: {type: [string, "null"]}
        tags: {type: array, items: {type: string}}
        labels: {type: object, additionalProperties: {type: integer}}
        size: {type: string, enum: [small, large]}
        color: {$ref: "#/components/schemas/Color"}
        id: {$ref: "#/components/schemas/Id"}
        owner: {$ref: "#/components/schemas/Owner"}
        shape: {$ref: "#/components/schemas/Shape"}
        either:
          oneOf:
            - $ref: "#/components/schemas/Square"
            - $ref: "#/components/schemas/Owner"
        bag: {$ref: "#/components/schemas/Bag"}
        a/b~c: {type: string}
    Color: {type: string, enum: [red, green]}
    Id: {type: string, format: uuid}
    Owner:
      type: object
      required: [name]
      properties: {name: {type: string}}
      additionalProperties: false
    Circle:
      type: object
      required: [kind, radius]
      properties: {kind: {const: circle}, radius: {type: number}}
    Square:
      type: object
      required: [kind, side]
      properties: {kind: {const: square}, side: {type: number}}
      additionalProperties: false
    Shape:
      oneOf:
        - $ref: "#/components/schemas/Circle"
        - $ref: "#/components/schemas/Square"
      discriminator:
        propertyName: kind
        mapping: {circle: "#/components/schemas/Circle", square: "#/components/schemas/Square"}
    Tree:
      type: object
      properties:
        name: {type: string}
        children: {type: array, items: {$ref: "#/components/schemas/Tree"}}
    Bag:
      type: object
      properties: {size: {type: integer}}
      additionalProperties: {$ref: "#/components/schemas/Owner"}
"""

THING = ModelRef("Thing")

# Two unions, each a variant of the other: a walk handing a value from one to the other must end.
LOOP_SPEC = """
openapi: 3.1.0
info: {title: Loop, version: "1"}
paths: {}
components:
  schemas:
    U:
      oneOf: [{$ref: "#/components/schemas/V"}, {type: string}]
    V:
      oneOf: [{$ref: "#/components/schemas/U"}, {type: integer}]
"""


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Api:
    path = tmp_path_factory.mktemp("walk") / "walk.yaml"
    path.write_text(textwrap.dedent(SPEC), encoding="utf-8")
    return build_api(path)


def by_keys(model: Any, value: Any) -> bool:
    """A stand-in for a schema check: a value is an instance of a model when its keys are fields."""
    return isinstance(value, dict) and set(value) <= {f.name for f in model.fields}


def summary(nodes: list[Node]) -> list[tuple[str, str, str | None]]:
    return [(n.pointer, type(n.type).__name__, n.model.name if n.model else None) for n in nodes]


def test_every_kind_of_type_is_read_and_entered(api: Api) -> None:
    thing = {
        "name": "n",
        "count": 1,
        "ratio": 0.5,
        "done": True,
        "nothing": None,
        "anything": {"free": "form"},
        "note": None,
        "tags": ["a", "b"],
        "labels": {"x": 1},
        "size": "small",
        "color": "red",
        "id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        "owner": {"name": "o"},
        "shape": {"kind": "square", "side": 2},
        "either": {"name": "e"},
        "bag": {"size": 1, "first": {"name": "f"}},
    }
    nodes = list(InstanceWalker(api, by_keys).walk(THING, thing))
    assert summary(nodes) == [
        ("", "ModelRef", "Thing"),
        ("/name", "StringType", None),
        ("/count", "IntegerType", None),
        ("/ratio", "NumberType", None),
        ("/done", "BooleanType", None),
        ("/nothing", "NullType", None),
        ("/anything", "AnyType", None),  # any value: nothing inside is read
        ("/note", "StringType", None),  # null: a node, nothing inside
        ("/tags", "ArrayOf", None),
        ("/tags/0", "StringType", None),
        ("/tags/1", "StringType", None),
        ("/labels", "MapOf", None),
        ("/labels/x", "IntegerType", None),
        ("/size", "LiteralOf", None),
        ("/color", "ModelRef", None),  # an enum model
        ("/id", "StringType", None),  # an alias: read as what it aliases
        ("/owner", "ModelRef", "Owner"),
        ("/owner/name", "StringType", None),
        ("/shape", "ModelRef", "Square"),  # the variant the discriminator names
        ("/shape/kind", "LiteralOf", None),
        ("/shape/side", "NumberType", None),
        ("/either", "ModelRef", "Owner"),  # no discriminator: the first variant `is_instance` accepts
        ("/either/name", "StringType", None),
        ("/bag", "ModelRef", "Bag"),
        ("/bag/size", "IntegerType", None),
        ("/bag/first", "ModelRef", "Owner"),  # an additional property, of its declared type
        ("/bag/first/name", "StringType", None),
    ]
    assert [n.value for n in nodes if n.pointer in ("/tags/1", "/shape/side", "/note")] == [None, "b", 2]


def test_nodes_carry_the_values_themselves(api: Api) -> None:
    owner = {"name": "o"}
    [root, inner, name] = InstanceWalker(api).walk(THING, {"owner": owner})
    assert root.value == {"owner": owner} and inner.value is owner and name.value == "o"
    assert inner.model is api.model("Owner")


def test_pointers_escape_tilde_and_slash_per_rfc_6901(api: Api) -> None:
    thing = {"a/b~c": "x", "labels": {"m~n/o": 1, "~1": 2}}
    pointers = [n.pointer for n in InstanceWalker(api).walk(THING, thing, "/body")]
    # Fields in the model's order, map entries in the value's.
    assert pointers == ["/body", "/body/labels", "/body/labels/m~0n~1o", "/body/labels/~01", "/body/a~1b~0c"]
    assert pointer_token("~/") == "~0~1"


def test_a_self_referencing_model_is_walked_to_the_end_of_a_finite_value(api: Api) -> None:
    tree = {"name": "root", "children": [{"name": "a", "children": [{"name": "a1"}]}, {"name": "b"}]}
    nodes = list(InstanceWalker(api).walk(ModelRef("Tree"), tree))
    assert [n.pointer for n in nodes if n.model is not None] == [
        "",
        "/children/0",
        "/children/0/children/0",
        "/children/1",
    ]
    # Deeper than Python's recursion limit: the walk keeps its own stack.
    deep: dict[str, Any] = {"name": "leaf"}
    for _ in range(5000):
        deep = {"children": [deep]}
    assert sum(1 for n in InstanceWalker(api).walk(ModelRef("Tree"), deep) if n.model is not None) == 5001


def test_a_union_whose_variant_cannot_be_told_is_its_own_node(api: Api) -> None:
    either = api.model("Thing").field_named("either")
    assert either is not None and isinstance(either.type, UnionOf)
    # Without `is_instance`, a union without discriminator is not entered.
    assert summary(list(InstanceWalker(api).walk(either.type, {"name": "e"}))) == [("", "UnionOf", None)]
    # An unknown tag, or a tag that is not a string, names no variant either.
    for shape in ({"kind": "hexagon"}, {"kind": 1}, {}):
        assert summary(list(InstanceWalker(api).walk(ModelRef("Shape"), shape))) == [("", "ModelRef", None)]


def test_unions_that_are_variants_of_each_other_end_the_walk(write_spec: Any) -> None:
    api = build_api(write_spec(textwrap.dedent(LOOP_SPEC)))
    nodes = list(InstanceWalker(api, lambda model, value: True).walk(ModelRef("U"), {"x": 1}))
    assert [(n.pointer, n.model, n.value) for n in nodes] == [("", None, {"x": 1})]


def test_values_of_the_wrong_shape_are_nodes_without_inside(api: Api) -> None:
    nodes = list(InstanceWalker(api).walk(THING, {"owner": "not an object", "tags": "not a list", "labels": [1]}))
    assert summary(nodes) == [
        ("", "ModelRef", "Thing"),
        ("/tags", "ArrayOf", None),
        ("/labels", "MapOf", None),
        ("/owner", "ModelRef", None),
    ]


def test_descend_leaves_out_the_types_a_walker_skips(api: Api) -> None:
    class ModelsOnly(InstanceWalker):
        def descend(self, type_: TypeRef) -> bool:
            return not isinstance(type_, StringType | ArrayOf)

    thing = {"name": "n", "tags": ["a"], "owner": {"name": "o"}}
    assert summary(list(ModelsOnly(api).walk(THING, thing))) == [
        ("", "ModelRef", "Thing"),
        ("/owner", "ModelRef", "Owner"),
    ]
    assert list(ModelsOnly(api).walk(ArrayOf(THING), [thing])) == []


class KindNames(InstanceVisitor[str, str]):
    """Names the method each value lands on, with the type it lands with."""

    def visit_object(self, model: Any, type_: ModelRef, value: Any, at: str) -> str:
        return f"{at}object {model.name}"

    def visit_array(self, type_: ArrayOf, value: Any, at: str) -> str:
        return f"{at}array"

    def visit_map(self, type_: Any, value: Any, at: str) -> str:
        return f"{at}map"

    def visit_union(self, type_: Any, variants: Any, discriminator: Any, value: Any, at: str) -> str:
        variant = self.tagged_variant(variants, discriminator, value.get("kind")) if discriminator else None
        return f"{at}union -> {variant.name if isinstance(variant, ModelRef) else None}"

    def visit_enum(self, type_: LiteralOf | ModelRef, values: tuple[Any, ...], value: Any, at: str) -> str:
        return f"{at}enum {list(values)}"

    def visit_scalar(self, type_: ScalarType, value: Any, at: str) -> str:
        return f"{at}scalar {type(type_).__name__}"


@pytest.mark.parametrize(
    ("type_", "value", "expected"),
    [
        (THING, {}, "> object Thing"),
        (ModelRef("Id"), "x", "> scalar StringType"),
        (ModelRef("Color"), "red", "> enum ['red', 'green']"),
        (LiteralOf(("a",)), "a", "> enum ['a']"),
        (ModelRef("Shape"), {"kind": "circle"}, "> union -> Circle"),
        (UnionOf((ModelRef("Owner"),)), {}, "> union -> None"),
        (ArrayOf(THING), [], "> array"),
    ],
)
def test_a_visitor_gets_each_value_at_the_method_of_its_kind(
    api: Api, type_: TypeRef, value: Any, expected: str
) -> None:
    assert KindNames(api).visit(type_, value, "> ") == expected


# --- `instances`: the compiled reading of the instances, against the walk ------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["", "a", "circle", "square", "link", "text"]),
    lambda inside: (
        st.lists(inside, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "name",
                    "kind",
                    "side",
                    "radius",
                    "children",
                    "owner",
                    "shape",
                    "either",
                    "bag",
                    "tags",
                    "labels",
                    "x",
                    "type",
                    "parts",
                    "message",
                    "value",
                    "url",
                    "chat",
                    "handles",
                    "text_decorations",
                    "a/b~c",
                ]
            ),
            inside,
            max_size=5,
        )
    ),
    max_leaves=25,
)


def model_nodes(walker: InstanceWalker, type_: TypeRef, value: Any) -> list[tuple[str, Any, str]]:
    return [(n.model.name, n.value, n.pointer) for n in walker.walk(type_, value, "/at") if n.model is not None]


def instance_list(walker: InstanceWalker, type_: TypeRef, value: Any) -> list[tuple[str, Any, str]]:
    return [(model.name, found, pointer) for model, found, pointer in walker.instances(type_, value, "/at")]


def every_type(api: Api) -> list[TypeRef]:
    """Each model as a reference, each field's type, arrays and maps of models."""
    types: list[TypeRef] = []
    for model in api.models:
        types += [ModelRef(model.name), ArrayOf(ModelRef(model.name))]
        types += [f.type for f in model.fields]
    return types


class EntersModelsOnly(InstanceWalker):
    """A walker that skips some types, as the mock's rule check skips those without rules."""

    def descend(self, type_: TypeRef) -> bool:
        return not isinstance(type_, StringType) and not (isinstance(type_, ModelRef) and type_.name == "Owner")


@pytest.fixture(scope="module")
def seed_apis() -> list[Api]:
    root = Path(__file__).resolve().parent.parent / "spec"
    return [build_api(root / "linq.yaml"), build_api(root / "sendblue.yaml")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), value=JSON_VALUES)
def test_instances_are_the_model_nodes_of_the_walk(api: Api, seed_apis: list[Api], data: Any, value: Any) -> None:
    target = data.draw(st.sampled_from([api, api, *seed_apis]))
    type_ = data.draw(st.sampled_from(every_type(target)))
    for walker in (
        InstanceWalker(target),
        InstanceWalker(target, by_keys),
        EntersModelsOnly(target, by_keys),
    ):
        assert instance_list(walker, type_, value) == model_nodes(walker, type_, value)


def test_instances_follow_the_walk_through_cycles_and_past_the_recursion_limit(api: Api, write_spec: Any) -> None:
    walker = InstanceWalker(api, by_keys)
    deep: dict[str, Any] = {"name": "leaf"}
    for _ in range(5000):
        deep = {"children": [deep]}
    found = walker.instances(ModelRef("Tree"), deep)
    assert len(found) == 5001 and found[-1][2] == "/children/0" * 5000
    loop = build_api(write_spec(textwrap.dedent(LOOP_SPEC)))

    class CompiledOnly(InstanceWalker):
        def walk(self, type_: TypeRef, value: Any, pointer: str = "") -> Any:
            raise AssertionError("the compiled reading fell back to the walk")

    assert CompiledOnly(loop, lambda model, value: True).instances(ModelRef("U"), {"x": 1}) == []


def test_instances_escape_the_keys_of_additional_properties(api: Api) -> None:
    bag = {"size": 1, "a/b~c": {"name": "o"}, "n": None}
    assert instance_list(InstanceWalker(api), ModelRef("Bag"), bag) == [
        ("Bag", bag, "/at"),
        ("Owner", {"name": "o"}, "/at/a~1b~0c"),
    ]
