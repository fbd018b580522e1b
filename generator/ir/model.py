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

import json
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import cached_property
from typing import Any, Literal

from generator.errors import SourceLocation, SpecProblem

JSON = Any

TypeKind = Literal["string", "integer", "number", "boolean", "null", "array", "map", "model", "union", "literal", "any"]
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


@dataclass(frozen=True, slots=True)
class TypeRef:
    """The type of a field, parameter or body.

    `kind` says which other attributes matter: `model` names a `Model`; `array` and `map` have
    `items` (the element or value type); `union` has `variants` (and maybe a `discriminator`);
    `literal` has `values` (an inline enum or a const). `nullable` adds `null` to any kind.
    """

    kind: TypeKind
    model: str | None = None
    items: TypeRef | None = None
    variants: tuple[TypeRef, ...] = ()
    values: tuple[JSON, ...] = ()
    format: str | None = None
    nullable: bool = False
    constraints: Constraints = Constraints()
    discriminator: Discriminator | None = None

    def models(self) -> set[str]:
        """Names of every model this type mentions, at any depth."""
        found = {self.model} if self.model else set()
        if self.items:
            found |= self.items.models()
        for variant in self.variants:
            found |= variant.models()
        return found


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


@dataclass(frozen=True, slots=True)
class Param:
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
    name: str
    required: bool
    type: TypeRef
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Response:
    status: str
    description: str | None
    content_type: str | None
    type: TypeRef | None
    schema_json: str | None
    headers: tuple[Header, ...] = ()
    example: JSON = None
    has_example: bool = False
    examples: tuple[tuple[str, JSON], ...] = ()

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

    cursor: the next page is requested with `cursor_param=<response[next_cursor_field]>`; a
    null or missing value ends the walk.
    offset: the next page is requested with `offset_param` advanced by the items received;
    `has_more_path` (e.g. ("pagination", "hasMore")) ends the walk when false.
    """

    style: Literal["cursor", "offset"]
    items: str
    item_type: TypeRef
    limit_param: str | None = None
    cursor_param: str | None = None
    next_cursor_field: str | None = None
    offset_param: str | None = None
    has_more_path: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SecurityScheme:
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
