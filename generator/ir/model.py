"""The intermediate model: one frozen description of an API that every later stage reads.

The client emitter, the mock server and the contract suite consume these objects and nothing
else: names, pagination, auth and business rules are decided once, when the IR is built
(`generator.ir.build`), and read here.

JSON Schema fragments are kept as canonical JSON text (`*_json` fields) so that the IR stays
immutable and hashable; `Api.json_schema_registry()` turns them back into dictionaries for
validators. In those fragments every reference to a named model reads
`#/components/schemas/<Model.name>`.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import cached_property
from typing import Any, Literal, TypeAlias, assert_never

from generator.errors import SourceLocation, SpecProblem

JSON = Any

ParamLocation = Literal["path", "query", "header", "cookie"]
ModelKind = Literal["object", "enum", "union", "alias"]


@dataclass(frozen=True, slots=True)
class Constraints:
    """The JSON Schema validation keywords a type carries (None when absent)."""

    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    multiple_of: float | None = None
    min_items: int | None = None
    max_items: int | None = None
    unique_items: bool = False

    def is_empty(self) -> bool:
        return self == Constraints()


@dataclass(frozen=True, slots=True)
class Discriminator:
    """A union told apart by one property: `mapping` is (property value, model name) pairs."""

    property: str
    mapping: tuple[tuple[str, str], ...]


# --- types ------------------------------------------------------------------------------------
#
# The type of a field, parameter, body or header is one of the classes below, joined in `TypeRef`.
# Each carries only what its kind can have: `nullable` (a value may also be null) on every kind
# but `NullType` and `AnyType`, which accept null as they are; a `format` on strings and
# numbers; `Constraints` on strings, numbers and arrays. Consumers `match` on the class and end
# with `case _: assert_never(type_)`, so that mypy names every consumer a new kind would reach.


@dataclass(frozen=True, slots=True)
class StringType:
    """A string; `format` is the spec's (`date-time`, `uuid`...), kept even when unknown."""

    format: str | None = None
    nullable: bool = False
    constraints: Constraints = Constraints()


@dataclass(frozen=True, slots=True)
class IntegerType:
    """An integer; `format` is the spec's (`int32`, `int64`...)."""

    format: str | None = None
    nullable: bool = False
    constraints: Constraints = Constraints()


@dataclass(frozen=True, slots=True)
class NumberType:
    """A number (integer or not); `format` is the spec's (`float`, `double`...)."""

    format: str | None = None
    nullable: bool = False
    constraints: Constraints = Constraints()


@dataclass(frozen=True, slots=True)
class BooleanType:
    """`true` or `false`."""

    nullable: bool = False


@dataclass(frozen=True, slots=True)
class NullType:
    """Only null (`type: null`)."""


@dataclass(frozen=True, slots=True)
class ArrayOf:
    """A JSON array of `items`; its constraints are `min_items`, `max_items`, `unique_items`."""

    items: TypeRef
    nullable: bool = False
    constraints: Constraints = Constraints()


@dataclass(frozen=True, slots=True)
class MapOf:
    """A JSON object used as a mapping: any keys, each value of type `values`."""

    values: TypeRef
    nullable: bool = False


@dataclass(frozen=True, slots=True)
class ModelRef:
    """A named model: `name` is a `Model.name` of the same `Api`."""

    name: str
    nullable: bool = False


@dataclass(frozen=True, slots=True)
class UnionOf:
    """One of `variants`; `{type: null}` variants are left out and make the union nullable."""

    variants: tuple[TypeRef, ...]
    discriminator: Discriminator | None = None
    nullable: bool = False


@dataclass(frozen=True, slots=True)
class LiteralOf:
    """One of fixed JSON `values`: an inline enum (null left out, as `nullable`) or a const."""

    values: tuple[JSON, ...]
    nullable: bool = False


@dataclass(frozen=True, slots=True)
class AnyType:
    """Any JSON value, null included: a schema without a type, or one that could not be typed."""


TypeRef: TypeAlias = (
    StringType
    | IntegerType
    | NumberType
    | BooleanType
    | NullType
    | ArrayOf
    | MapOf
    | ModelRef
    | UnionOf
    | LiteralOf
    | AnyType
)

# The kinds that carry a `nullable` flag, and the kinds that carry `Constraints`.
NullableType: TypeAlias = (
    StringType | IntegerType | NumberType | BooleanType | ArrayOf | MapOf | ModelRef | UnionOf | LiteralOf
)
ConstrainedType: TypeAlias = StringType | IntegerType | NumberType | ArrayOf


def models_in(type_: TypeRef) -> set[str]:
    """Names of every model `type_` mentions, at any depth (discriminator mappings aside)."""
    match type_:
        case ModelRef(name=name):
            return {name}
        case ArrayOf(items=inner) | MapOf(values=inner):
            return models_in(inner)
        case UnionOf(variants=variants):
            return set().union(*(models_in(v) for v in variants))
        case StringType() | IntegerType() | NumberType() | BooleanType() | NullType() | LiteralOf() | AnyType():
            return set()
        case _:
            assert_never(type_)


def is_nullable(type_: TypeRef) -> bool:
    """Whether `type_` is marked nullable (`T | None`); null and any carry no mark, needing none."""
    return isinstance(type_, NullableType) and type_.nullable


def accepts_null(type_: TypeRef) -> bool:
    """Whether null is a value of `type_`: a nullable type, null itself, or any."""
    return isinstance(type_, NullType | AnyType) or type_.nullable


def with_nullable(type_: TypeRef, nullable: bool = True) -> TypeRef:
    """`type_` marked nullable (or not); null and any stay as they are."""
    if isinstance(type_, NullType | AnyType) or type_.nullable == nullable:
        return type_
    return dataclasses.replace(type_, nullable=nullable)


def constraints_of(type_: TypeRef) -> Constraints:
    """The validation keywords of `type_` (none for the kinds that cannot carry them)."""
    return type_.constraints if isinstance(type_, ConstrainedType) else Constraints()


@dataclass(frozen=True, slots=True)
class RuleMatch:
    """Selects items of an array: properties equal to given values, and properties present."""

    equals: tuple[tuple[str, JSON], ...] = ()
    has: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """A business rule from the spec's `x-rules` (see spec/README.md for the kinds).

    `field` is the array field a rule on an array applies to, or None for a rule on the whole
    object.
    """

    id: str
    kind: Literal["sole-item", "no-consecutive", "max-matching", "range-within", "no-overlap"]
    message: str
    field: str | None = None
    match: RuleMatch | None = None
    max: int | None = None
    items: str | None = None
    range: str | None = None
    target: str | None = None
    unit: str | None = None
    location: SourceLocation | None = dc_field(default=None, compare=False)

    def as_json(self) -> dict[str, JSON]:
        """The rule as `generator.ir.rule_engine` reads it (the spec's own spelling)."""
        data: dict[str, JSON] = {"id": self.id, "kind": self.kind, "message": self.message}
        if self.field is not None:
            data["field"] = self.field
        if self.match is not None:
            data["match"] = {**dict(self.match.equals), **({"has": list(self.match.has)} if self.match.has else {})}
        for key in ("max", "items", "range", "target", "unit"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass(frozen=True, slots=True)
class Field:
    """A property of an object model: `name` on the wire, `py_name` in Python."""

    name: str
    py_name: str
    type: TypeRef
    required: bool
    description: str | None = None
    default: JSON = None
    has_default: bool = False
    deprecated: bool = False
    read_only: bool = False
    write_only: bool = False


@dataclass(frozen=True, slots=True)
class Model:
    """A named schema: an object with fields, an enum, a union of models, or an alias."""

    name: str
    kind: ModelKind
    source: str
    description: str | None = None
    fields: tuple[Field, ...] = ()
    additional_properties: TypeRef | None = None
    allows_extra: bool = True
    enum_values: tuple[JSON, ...] = ()
    variants: tuple[TypeRef, ...] = ()
    discriminator: Discriminator | None = None
    alias_of: TypeRef | None = None
    rules: tuple[Rule, ...] = ()
    # `oneOf`/`anyOf` of `required` lists: exactly one / at least one group must be present.
    exactly_one_of: tuple[tuple[str, ...], ...] = ()
    at_least_one_of: tuple[tuple[str, ...], ...] = ()
    # `if: {properties: {p: {const: v}}}, then: {required: [...]}`: (p, v, fields required then).
    required_when: tuple[tuple[str, JSON, tuple[str, ...]], ...] = ()
    schema_json: str = "{}"
    location: SourceLocation | None = dc_field(default=None, compare=False)

    @property
    def json_schema(self) -> dict[str, JSON]:
        result: dict[str, JSON] = json.loads(self.schema_json)
        return result

    def field_named(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def alias_type(self) -> TypeRef:
        """What a model that is not an object stands for: its union, its enum's values as a
        literal, or the type it aliases (any, when it aliases nothing)."""
        if self.kind == "union":
            return UnionOf(self.variants, self.discriminator)
        if self.kind == "enum":
            return LiteralOf(self.enum_values)
        return self.alias_of or AnyType()


@dataclass(frozen=True, slots=True)
class Param:
    """A path, query, header or cookie parameter of an operation; `schema_json` is its schema."""

    name: str
    py_name: str
    location: ParamLocation
    required: bool
    type: TypeRef
    schema_json: str
    description: str | None = None
    deprecated: bool = False
    default: JSON = None
    has_default: bool = False
    style: str | None = None
    explode: bool | None = None

    @property
    def json_schema(self) -> dict[str, JSON]:
        result: dict[str, JSON] = json.loads(self.schema_json)
        return result

    @property
    def serialization(self) -> tuple[str, bool]:
        """(style, explode) with OpenAPI's defaults: `form` in the query and cookies, `simple`
        elsewhere; exploded for `form` only."""
        style = self.style or ("form" if self.location in ("query", "cookie") else "simple")
        return style, self.explode if self.explode is not None else style == "form"


@dataclass(frozen=True, slots=True)
class Body:
    """A request body. `fields` are set when the JSON body is an object: they become arguments.

    `argument_names[i]` is the method argument of `fields[i]`: its model attribute name unless
    that is taken by a parameter or by the method itself (`timeout` -> `timeout_`).
    """

    content_type: str
    required: bool
    type: TypeRef
    schema_json: str
    fields: tuple[Field, ...] = ()
    model: str | None = None
    description: str | None = None
    argument_names: tuple[str, ...] = ()

    @property
    def json_schema(self) -> dict[str, JSON]:
        result: dict[str, JSON] = json.loads(self.schema_json)
        return result


@dataclass(frozen=True, slots=True)
class Header:
    """A response header the spec documents."""

    name: str
    required: bool
    type: TypeRef
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Response:
    """One documented response of an operation: its status (`200`, `4XX`, `default`) and body type."""

    status: str
    description: str | None
    content_type: str | None
    type: TypeRef | None
    schema_json: str | None
    headers: tuple[Header, ...] = ()
    example: JSON = None
    has_example: bool = False
    examples: tuple[tuple[str, JSON], ...] = ()
    # Every media type the response documents, in the spec's order; `content_type` is the one
    # the clients parse (JSON where one is documented).
    media_types: tuple[str, ...] = ()

    @property
    def json_schema(self) -> dict[str, JSON] | None:
        if self.schema_json is None:
            return None
        result: dict[str, JSON] = json.loads(self.schema_json)
        return result

    @property
    def is_success(self) -> bool:
        return self.status.startswith("2")


@dataclass(frozen=True, slots=True)
class Pagination:
    """How a list operation pages. `items` is the array property holding each page's items.

    Paths (`next_cursor_path`, `has_more_path`, `total_path`, `total_pages_path`) are JSON
    names from the response's top level: `("pagination", "hasMore")`; `()` when the response
    has no such value. `limit_param` is the page size parameter whatever its name (`limit`,
    `per_page`, `page_size`...).

    cursor: the next page is requested with `cursor_param=<the value at next_cursor_path>`; a
    null or missing value ends the walk.
    offset: the next page is requested with `offset_param` advanced by the items received; the
    walk ends when the flag at `has_more_path` is false, else when the items received reach the
    value at `total_path`.
    page: the next page is requested with `page_param` plus one (numbered from `first_page`);
    the walk ends on an empty page, when the flag at `has_more_path` is false, else when the
    page is the last of `total_pages_path`, else when the items received reach `total_path`.
    """

    style: Literal["cursor", "offset", "page"]
    items: str
    item_type: TypeRef
    limit_param: str | None = None
    cursor_param: str | None = None
    next_cursor_path: tuple[str, ...] = ()
    offset_param: str | None = None
    has_more_path: tuple[str, ...] = ()
    page_param: str | None = None
    first_page: int = 1
    total_path: tuple[str, ...] = ()
    total_pages_path: tuple[str, ...] = ()

    @property
    def next_cursor_field(self) -> str | None:
        """The next cursor's property when it sits at the response's top level, else None."""
        return self.next_cursor_path[0] if len(self.next_cursor_path) == 1 else None


@dataclass(frozen=True, slots=True)
class SecurityScheme:
    """A scheme of `components.securitySchemes`: how a request carries a credential."""

    name: str
    kind: Literal["apiKey", "http", "oauth2", "openIdConnect", "mutualTLS"]
    location: Literal["header", "query", "cookie"] | None = None
    param_name: str | None = None
    scheme: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """An OpenAPI link: after `status`, `operation_id` can be called with these parameters."""

    name: str
    status: str
    operation_id: str
    parameters: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Operation:
    """One operation of the spec, with the names it gets in the client's method tree."""

    id: str
    method: str
    path: str
    # Python names of the method tree, decided once (`naming.MethodTreeNames`): `("chats", "create")`.
    sdk_path: tuple[str, ...]
    name: str
    summary: str | None
    description: str | None
    deprecated: bool
    params: tuple[Param, ...]
    body: Body | None
    responses: tuple[Response, ...]
    pagination: Pagination | None
    security: tuple[tuple[str, ...], ...]
    idempotency_key_path: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    location: SourceLocation | None = dc_field(default=None, compare=False)

    @property
    def success(self) -> Response | None:
        return next((r for r in self.responses if r.is_success), None)

    @property
    def errors(self) -> tuple[Response, ...]:
        return tuple(r for r in self.responses if not r.is_success)

    def params_in(self, location: ParamLocation) -> tuple[Param, ...]:
        return tuple(p for p in self.params if p.location == location)


@dataclass(frozen=True, slots=True)
class Resource:
    """A node of the client's method tree: `client.<path...>.<operation.name>(...)`."""

    name: str
    class_name: str
    path: tuple[str, ...]
    operations: tuple[Operation, ...]
    resources: tuple[Resource, ...]

    def walk(self) -> tuple[Resource, ...]:
        nested: list[Resource] = [self]
        for child in self.resources:
            nested.extend(child.walk())
        return tuple(nested)


@dataclass(frozen=True)
class Api:
    """The whole API: every model, operation and scheme, and the client's method tree (`root`)."""

    title: str
    version: str
    description: str | None
    openapi_version: str
    source: str
    servers: tuple[str, ...]
    security_schemes: tuple[SecurityScheme, ...]
    models: tuple[Model, ...]
    operations: tuple[Operation, ...]
    root: Resource
    warnings: tuple[SpecProblem, ...] = ()

    @cached_property
    def model_map(self) -> dict[str, Model]:
        return {m.name: m for m in self.models}

    def model(self, name: str) -> Model:
        return self.model_map[name]

    def operation(self, operation_id: str) -> Operation:
        return next(op for op in self.operations if op.id == operation_id)

    def json_schema_registry(self) -> dict[str, JSON]:
        """A document `{"components": {"schemas": {...}}}` that every `schema_json` resolves in."""
        return {"components": {"schemas": {m.name: m.json_schema for m in self.models}}}

    def standalone_schema(self, schema_json: str) -> dict[str, JSON]:
        """A fragment made self-contained: its `#/components/...` refs resolve inside it."""
        fragment: JSON = json.loads(schema_json)
        if not isinstance(fragment, dict):
            fragment = {} if fragment is True else {"not": {}}
        return {**fragment, **self.json_schema_registry()}
