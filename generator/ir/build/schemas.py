"""Schemas: named and inline models, types, discriminators and the normalised JSON Schema of each."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.document.loader import SCHEMA_NAME_MAPS, follow_pointer, join_pointer
from generator.emit.python_types import RESERVED_CLASS_NAMES
from generator.ir import naming
from generator.ir.build.base import JSON, dumps
from generator.ir.build.rules import RuleParser
from generator.ir.model import (
    AnyType,
    ArrayOf,
    BooleanType,
    Constraints,
    Discriminator,
    Field,
    IntegerType,
    LiteralOf,
    MapOf,
    Model,
    ModelRef,
    NullType,
    NumberType,
    StringType,
    TypeRef,
    UnionOf,
    with_nullable,
)

_TYPE_KEYWORDS = (
    "$ref",
    "type",
    "properties",
    "items",
    "enum",
    "const",
    "oneOf",
    "anyOf",
    "allOf",
    "additionalProperties",
)


# Keywords whose scalar value `rewrite_refs` changes (every other scalar is kept as it is).
_REWRITTEN_SCALARS = frozenset({"$ref", "nullable", "type"})


def json_schema_keywords(schema: dict[str, JSON]) -> dict[str, JSON]:
    """One schema object's own keywords as JSON Schema 2020-12 reads them (not its subschemas).

    The one place OpenAPI 3.0 spellings are converted: boolean `exclusiveMinimum` /
    `exclusiveMaximum` next to `minimum` / `maximum` become the numeric bounds of 2020-12 (a
    false flag is dropped). A `pattern` that Python's `re` cannot compile (ECMA-262 syntax such
    as `\\p{L}` or `[\\w-.]`) is left out, with a warning where the type is built. The IR's
    `Constraints`, the clients' checks and the mock's validation all read the converted form.
    """
    pattern = schema.get("pattern")
    foreign_pattern = isinstance(pattern, str) and python_pattern(pattern) is None
    if (
        not foreign_pattern
        and not isinstance(schema.get("exclusiveMinimum"), bool)
        and not isinstance(schema.get("exclusiveMaximum"), bool)
    ):
        return schema  # nearly every schema (this runs for each one, several times)
    result = dict(schema)
    if foreign_pattern:
        del result["pattern"]
    for flag, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if result.get(flag) is True and bound in result:
            result[flag] = result.pop(bound)
        elif isinstance(result.get(flag), bool):
            del result[flag]
    return result


@functools.lru_cache(maxsize=4096)
def python_pattern(pattern: str) -> re.Pattern[str] | None:
    """`pattern` compiled by Python's `re`, or None where its syntax is not Python's."""
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None


# The keywords `_constraints` reads: a schema with none of them has no constraints.
_CONSTRAINT_KEYWORDS = frozenset(
    {
        "minLength",
        "maxLength",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minItems",
        "maxItems",
        "uniqueItems",
    }
)
_NO_CONSTRAINTS = Constraints()


def _number(schema: dict[str, JSON], key: str) -> float | None:
    value = schema.get(key)
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _constraints(raw: dict[str, JSON]) -> Constraints:
    if _CONSTRAINT_KEYWORDS.isdisjoint(raw):
        return _NO_CONSTRAINTS  # most schemas (Constraints are frozen: one instance serves them all)
    schema = json_schema_keywords(raw)
    pattern = schema.get("pattern")
    return Constraints(
        min_length=schema.get("minLength"),
        max_length=schema.get("maxLength"),
        pattern=pattern if isinstance(pattern, str) else None,
        minimum=_number(schema, "minimum"),
        maximum=_number(schema, "maximum"),
        exclusive_minimum=_number(schema, "exclusiveMinimum"),
        exclusive_maximum=_number(schema, "exclusiveMaximum"),
        multiple_of=_number(schema, "multipleOf"),
        min_items=schema.get("minItems"),
        max_items=schema.get("maxItems"),
        unique_items=schema.get("uniqueItems") is True,
    )


def _is_constraint_only(variants: Iterable[JSON]) -> bool:
    """`oneOf: [{required: [a]}, {required: [b]}]` constrains an object; it is not a union."""
    return all(isinstance(v, dict) and not any(k in v for k in _TYPE_KEYWORDS) for v in variants)


@dataclass(frozen=True, slots=True)
class _Site:
    """A schema being typed: where it is, and the name an inline model made of it would take."""

    schema: dict[str, JSON]
    pointer: str
    uri: str
    hint: str


def _declared_types(schema: dict[str, JSON]) -> tuple[JSON, bool]:
    """`type` without `null` (one name, several as a list, or None) and whether null is allowed.

    `nullable: true` (OpenAPI 3.0) and `null` in a type list (3.1) mean the same.
    """
    nullable = schema.get("nullable") is True
    types = schema.get("type")
    if not isinstance(types, list):
        return types, nullable
    non_null = [t for t in types if t != "null"]
    if len(non_null) > 1:
        return non_null, nullable or "null" in types
    return (non_null[0] if non_null else "null"), nullable or "null" in types


def _union_keyword(schema: dict[str, JSON]) -> str | None:
    """`oneOf` or `anyOf`, whichever comes first and lists types rather than constraints."""
    for key in ("oneOf", "anyOf"):
        variants = schema.get(key)
        if variants and not _is_constraint_only(variants):
            return key
    return None


def _is_type_union(schema: dict[str, JSON], key: str, types: JSON) -> bool:
    """Beside properties, or with nothing but null, the variants only constrain an object."""
    only_null = all(_is_null_schema(v) for v in schema[key])
    return "properties" not in schema and not (types == "object" and only_null)


def _is_null_schema(schema: JSON) -> bool:
    return isinstance(schema, dict) and schema.get("type") == "null"


class SchemaBuilder(RuleParser):
    """Schemas to `TypeRef`s and named `Model`s; inline objects become models named after where they are."""

    def new_model_name(self, hint: str) -> str:
        """A free class name: a schema called like a helper of the generated models (`Tag`,
        `Field`, `BaseModel`...), or like a builtin (`Warning`, which an annotation read before
        the model is defined would mean), becomes `TagModel`, so that no spec is refused for its names."""
        name = naming.class_name(hint)
        if name in RESERVED_CLASS_NAMES:
            name += "Model"
        return naming.unique(name, self.taken_names, self.taken_folded)

    def model_for(self, target: tuple[str, str], hint: str) -> str:
        """The model name of the named schema at `target`, building the model on first use."""
        if target in self.named:
            return self.named[target]
        name = self.new_model_name(hint)
        self.named[target] = name
        uri, pointer = target
        schema = follow_pointer(self.loaded.documents[uri].data, pointer)
        self.define_model(name, schema, pointer, uri, source=pointer)
        return name

    def define_model(self, name: str, schema: JSON, pointer: str, uri: str, source: str) -> None:
        self.in_progress.add(name)
        self.model_order.append(name)
        schema = schema if isinstance(schema, dict) else {} if schema is True else {"not": {}}
        description = schema.get("description") or schema.get("title")
        location = self.loaded.locate_later(pointer, uri)
        schema_json = dumps(self.rewrite_refs(schema, uri))
        base = {
            "name": name,
            "source": source,
            "description": description,
            "schema_json": schema_json,
            "location": location,
        }
        kind = self.schema_kind(schema)
        if kind == "object":
            model = self.object_model(name, schema, pointer, uri, base)
        elif kind == "enum":
            model = Model(kind="enum", enum_values=tuple(schema["enum"]), **base)
        elif kind == "union":
            variants_key = "oneOf" if "oneOf" in schema else "anyOf"
            union = self.type_of(schema, join_pointer(pointer, variants_key), uri, name)
            variants, discriminator = (
                (union.variants, union.discriminator) if isinstance(union, UnionOf) else ((), None)
            )
            model = Model(kind="union", variants=variants, discriminator=discriminator, **base)
        else:
            model = Model(kind="alias", alias_of=self.type_of(schema, pointer, uri, name), **base)
        self.models[name] = model
        self.in_progress.discard(name)

    def schema_kind(self, schema: dict[str, JSON]) -> str:
        types = schema.get("type")
        non_null = [t for t in types if t != "null"] if isinstance(types, list) else [types] if types else []
        if "enum" in schema and not any(t in ("object", "array") for t in non_null) and None not in schema["enum"]:
            return "enum"
        variants = schema.get("oneOf") or schema.get("anyOf")
        if variants and not _is_constraint_only(variants) and "properties" not in schema:
            non_null_variants = [v for v in variants if not (isinstance(v, dict) and v.get("type") == "null")]
            if len(non_null_variants) > 1:
                return "union"
        is_object = non_null == ["object"] or (not non_null and ("properties" in schema or "allOf" in schema))
        # A bare `{type: object, additionalProperties: ...}` is a mapping, not a model.
        if is_object and (schema.get("properties") or schema.get("allOf") or "additionalProperties" not in schema):
            return "object"
        return "alias"

    def object_model(self, name: str, schema: dict[str, JSON], pointer: str, uri: str, base: dict[str, JSON]) -> Model:
        properties: dict[str, tuple[JSON, str, str]] = {}
        required: set[str] = set(schema.get("required") or [])
        additional: JSON = schema.get("additionalProperties", True)
        # allOf parts contribute their properties (inheritance and mixins are flattened).
        for index, part in enumerate(schema.get("allOf") or []):
            part_uri, part_pointer, resolved = self.deref(part, uri, join_pointer(pointer, "allOf", index))
            if not isinstance(resolved, dict):
                continue
            if not resolved.get("properties") and resolved.get("allOf"):
                nested = self.object_model(name, resolved, part_pointer, part_uri, base)
                for f in nested.fields:
                    properties.setdefault(f.name, ({"$field": f}, part_pointer, part_uri))
                    if f.required:
                        required.add(f.name)
                continue
            for prop, prop_schema in (resolved.get("properties") or {}).items():
                properties[prop] = (prop_schema, join_pointer(part_pointer, "properties", prop), part_uri)
            required |= set(resolved.get("required") or [])
        for prop, prop_schema in (schema.get("properties") or {}).items():
            properties[prop] = (prop_schema, join_pointer(pointer, "properties", prop), uri)
        fields = []
        py_names = naming.field_names(list(properties))
        for (prop, (prop_schema, prop_pointer, prop_uri)), py_name in zip(properties.items(), py_names, strict=True):
            if isinstance(prop_schema, dict) and "$field" in prop_schema:
                fields.append(dataclasses.replace(prop_schema["$field"], py_name=py_name))
                continue
            fields.append(self.field(prop, prop_schema, prop_pointer, prop_uri, name, prop in required, py_name))
        extra_type = None
        if isinstance(additional, dict) and additional:
            extra_type = self.type_of(additional, join_pointer(pointer, "additionalProperties"), uri, name + "Value")
        rules = self.object_rules(name, schema, pointer, uri, properties)
        return Model(
            kind="object",
            exactly_one_of=_required_groups(schema.get("oneOf")),
            required_when=_required_when(schema),
            at_least_one_of=_required_groups(schema.get("anyOf")),
            fields=tuple(fields),
            additional_properties=extra_type,
            allows_extra=additional is not False,
            rules=rules,
            **base,
        )

    def field(self, prop: str, schema: JSON, pointer: str, uri: str, owner: str, required: bool, py_name: str) -> Field:
        type_ = self.type_of(schema, pointer, uri, owner + naming.class_name(prop, fallback="Field"))
        _, _, resolved = self.deref(schema, uri, pointer)
        resolved = resolved if isinstance(resolved, dict) else {}
        outer = schema if isinstance(schema, dict) else {}
        return Field(
            name=prop,
            py_name=py_name,
            type=type_,
            required=required,
            description=outer.get("description") or resolved.get("description"),
            default=outer.get("default", resolved.get("default")),
            has_default="default" in outer or "default" in resolved,
            deprecated=bool(outer.get("deprecated") or resolved.get("deprecated")),
            read_only=bool(outer.get("readOnly") or resolved.get("readOnly")),
            write_only=bool(outer.get("writeOnly") or resolved.get("writeOnly")),
        )

    def type_of(self, schema: JSON, pointer: str, uri: str, hint: str) -> TypeRef:
        """The `TypeRef` of a schema. Inline objects become models named after `hint`.

        The shapes are tried in a fixed order: a reference, a `const`, several types, an enum,
        a union (`oneOf`/`anyOf`), `allOf`, an object or map, an array, a scalar.
        """
        if not isinstance(schema, dict) or not schema:
            return self._boolean_schema_type(schema, pointer, uri)
        if "$ref" in schema:
            return self._ref_type(schema, pointer, uri, hint)
        if "const" in schema:
            return LiteralOf((schema["const"],), nullable=schema.get("nullable") is True)
        site = _Site(schema, pointer, uri, hint)
        types, nullable = _declared_types(schema)
        if isinstance(types, list):
            return self._multi_type_union(site, types, nullable)
        if "enum" in schema:
            values = tuple(v for v in schema["enum"] if v is not None)
            return LiteralOf(values, nullable=nullable or None in schema["enum"])
        variants_key = _union_keyword(schema)
        if variants_key is not None:
            nullable = nullable or any(_is_null_schema(v) for v in schema[variants_key])
            if _is_type_union(schema, variants_key, types):
                return self._union_type(site, variants_key, nullable)
        if "allOf" in schema and "properties" not in schema:
            return self._all_of_type(site, nullable)
        if types == "object" or (types is None and ("properties" in schema or "allOf" in schema)):
            return self._object_type(site, nullable)
        if types == "array" or (types is None and "items" in schema):
            return self._array_type(site, nullable)
        return self._scalar_type(site, types, nullable)

    def _boolean_schema_type(self, schema: JSON, pointer: str, uri: str) -> TypeRef:
        """`true`, `{}` (and a missing schema) accept anything; `false` nothing; others are errors."""
        if schema is False:
            self.warn(pointer, "schema 'false' accepts nothing; typed loosely as any", uri=uri)
        elif not (schema is True or schema is None or schema == {}):
            self.error(pointer, f"a schema must be an object or a boolean, not {type(schema).__name__}", uri=uri)
        return AnyType()

    def _ref_type(self, schema: dict[str, JSON], pointer: str, uri: str, hint: str) -> TypeRef:
        """A named model; a bare `$ref` outside components/schemas is followed instead."""
        nullable = schema.get("nullable") is True
        target_uri, target_pointer, target = self.loaded.resolve(schema["$ref"], uri)
        # A bare `$ref` outside components/schemas is only a detour: follow it, so that no
        # model is named after a place (e.g. a response's schema) rather than a schema.
        is_detour = isinstance(target, dict) and set(target) == {"$ref"}
        if is_detour and not target_pointer.startswith("/components/schemas/"):
            return _with_nullable(self.type_of(target, target_pointer, target_uri, hint), nullable)
        model = self.model_for((target_uri, target_pointer), target_pointer.rsplit("/", 1)[-1] or hint)
        return ModelRef(model, nullable=nullable)

    def _multi_type_union(self, site: _Site, types: list[str], nullable: bool) -> TypeRef:
        """`type: [string, integer]`: one variant per type, each with the rest of the schema."""
        variants = tuple(self.type_of({**site.schema, "type": t}, site.pointer, site.uri, site.hint) for t in types)
        return UnionOf(variants, nullable=nullable)

    def _union_type(self, site: _Site, key: str, nullable: bool) -> TypeRef:
        """`oneOf`/`anyOf`: null variants make the union nullable; one other variant stands alone."""
        non_null = [v for v in site.schema[key] if not _is_null_schema(v)]
        variants = tuple(
            self.type_of(v, join_pointer(site.pointer, key, i), site.uri, f"{site.hint}Variant{i + 1}")
            for i, v in enumerate(non_null)
        )
        if len(variants) == 1:
            return _with_nullable(variants[0], nullable)
        discriminator = self.discriminator(site.schema, variants, site.pointer, site.uri)
        return UnionOf(variants, discriminator, nullable=nullable)

    def _all_of_type(self, site: _Site, nullable: bool) -> TypeRef:
        """`allOf` of one typed part is that part; of several, an object that merges them."""
        parts = site.schema["allOf"]
        # `allOf: [{$ref: X}, {description: ...}]` only annotates X: it is X.
        typed = [i for i, part in enumerate(parts) if not _is_constraint_only([part])]
        if len(typed) == 1 and "additionalProperties" not in site.schema:
            index = typed[0]
            part_pointer = join_pointer(site.pointer, "allOf", index)
            return _with_nullable(self.type_of(parts[index], part_pointer, site.uri, site.hint), nullable)
        return self._object_type(site, nullable)

    def _object_type(self, site: _Site, nullable: bool) -> TypeRef:
        """An object with properties (or `allOf` parts) is an inline model; without, a map."""
        schema = site.schema
        if not schema.get("properties") and not schema.get("allOf"):
            extra = schema.get("additionalProperties", True)
            values = (
                self.type_of(extra, join_pointer(site.pointer, "additionalProperties"), site.uri, site.hint + "Value")
                if isinstance(extra, dict)
                else AnyType()
            )
            return MapOf(values, nullable=nullable)
        # An inline object is one model wherever it is reached from: a schema that reaches
        # itself again (through allOf and properties) refers to the model being built.
        if (site.uri, site.pointer) in self.named:
            return ModelRef(self.named[(site.uri, site.pointer)], nullable=nullable)
        name = self.new_model_name(site.hint)
        self.named[(site.uri, site.pointer)] = name
        self.define_model(name, schema, site.pointer, site.uri, source=site.pointer)
        return ModelRef(name, nullable=nullable)

    def _array_type(self, site: _Site, nullable: bool) -> TypeRef:
        items_schema = site.schema.get("items", True)
        items = self.type_of(items_schema, join_pointer(site.pointer, "items"), site.uri, site.hint + "Item")
        return ArrayOf(items, nullable=nullable, constraints=_constraints(site.schema))

    def _scalar_type(self, site: _Site, types: str | None, nullable: bool) -> TypeRef:
        """A string, number, integer, boolean or null; no type at all is any."""
        schema = site.schema
        pattern = schema.get("pattern")
        if isinstance(pattern, str) and python_pattern(pattern) is None:
            self.warn(
                join_pointer(site.pointer, "pattern"),
                f"pattern {pattern[:80]!r} is not a regular expression Python can run; it is not checked",
                uri=site.uri,
            )
        match types:
            case "string":
                return StringType(schema.get("format"), nullable=nullable, constraints=_constraints(schema))
            case "integer":
                return IntegerType(schema.get("format"), nullable=nullable, constraints=_constraints(schema))
            case "number":
                return NumberType(schema.get("format"), nullable=nullable, constraints=_constraints(schema))
            case "boolean":
                return BooleanType(nullable=nullable)
            case "null":
                return NullType()
            case None:
                return AnyType()
        self.error(
            site.pointer,
            f"unknown schema type {types!r}",
            "use one of string, integer, number, boolean, array, object, null",
            uri=site.uri,
        )
        return AnyType()

    def discriminator(
        self, schema: dict[str, JSON], variants: tuple[TypeRef, ...], pointer: str, uri: str
    ) -> Discriminator | None:
        raw = schema.get("discriminator")
        if not isinstance(raw, dict) or not isinstance(raw.get("propertyName"), str):
            return None
        prop = raw["propertyName"]
        mapping: dict[str, str] = {}
        for value, ref in (raw.get("mapping") or {}).items():
            target_uri, target_pointer, _ = self.loaded.resolve(
                ref if "#" in ref or "/" in ref else f"#/components/schemas/{ref}", uri
            )
            mapping[str(value)] = self.model_for((target_uri, target_pointer), target_pointer.rsplit("/", 1)[-1])
        for variant in variants:
            if not isinstance(variant, ModelRef) or variant.name in mapping.values():
                continue
            # A variant not in the mapping is told apart by its single-valued tag, else by its name.
            model = self.models.get(variant.name)
            tag = model.field_named(prop) if model else None
            match tag.type if tag is not None else None:
                case LiteralOf(values=(value,)):
                    mapping[str(value)] = variant.name
                case _:
                    mapping[variant.name] = variant.name
        return Discriminator(property=prop, mapping=tuple(mapping.items()))

    def rewrite_refs(self, node: JSON, uri: str) -> JSON:
        """A copy of `node` in JSON Schema 2020-12 whose `$ref`s all read `#/components/schemas/<model name>`."""
        if isinstance(node, list):
            return [self.rewrite_refs(item, uri) for item in node]
        if not isinstance(node, dict):
            return node
        # The same object rewritten again (an inline model inside another's schema, a shared
        # schema) gives the same result: the models it names are named on the first pass.
        cached = self.rewritten.get((id(node), uri))
        if cached is not None and cached[0] is node:
            return cached[1]
        original = node
        node = json_schema_keywords(node)
        result: dict[str, JSON] = {}
        for key, value in node.items():
            if not isinstance(value, dict | list) and key not in _REWRITTEN_SCALARS:
                result[key] = value  # most keywords: nothing below them to rewrite
            elif key == "$ref" and isinstance(value, str):
                target_uri, target_pointer, _ = self.loaded.resolve(value, uri)
                model = self.model_for((target_uri, target_pointer), target_pointer.rsplit("/", 1)[-1])
                result[key] = f"#/components/schemas/{model}"
            elif key == "discriminator" and isinstance(value, dict) and "mapping" in value:
                mapping = {}
                for tag, ref in value["mapping"].items():
                    full = ref if "#" in ref or "/" in ref else f"#/components/schemas/{ref}"
                    target_uri, target_pointer, _ = self.loaded.resolve(full, uri)
                    mapping[tag] = "#/components/schemas/" + self.model_for(
                        (target_uri, target_pointer), target_pointer.rsplit("/", 1)[-1]
                    )
                result[key] = {**value, "mapping": mapping}
            elif key in SCHEMA_NAME_MAPS and isinstance(value, dict):
                # Keys here are names chosen by the spec (a property called `default` or
                # `nullable`), each holding a schema.
                result[key] = {name: self.rewrite_refs(sub, uri) for name, sub in value.items()}
            elif key in ("example", "examples", "default", "const", "enum"):
                result[key] = value
            elif key == "nullable" and value is True and "type" in node and isinstance(node["type"], str):
                # OpenAPI 3.0 `nullable` becomes a JSON Schema type list so validators understand it.
                result["type"] = [node["type"], "null"]
            elif key == "type" and node.get("nullable") is True and isinstance(value, str):
                result.setdefault("type", [value, "null"])
            else:
                result[key] = self.rewrite_refs(value, uri)
        if node.get("nullable") is True and "type" not in node:
            result = {"anyOf": [{k: v for k, v in result.items() if k != "nullable"}, {"type": "null"}]}
        self.rewritten[(id(original), uri)] = (original, result)
        return result


def _required_groups(variants: JSON) -> tuple[tuple[str, ...], ...]:
    """`[{required: [a]}, {required: [b, c]}]` -> (("a",), ("b", "c")); anything else -> ()."""
    if not isinstance(variants, list) or not _is_constraint_only(variants):
        return ()
    groups = [tuple(v.get("required") or ()) for v in variants]
    return tuple(groups) if all(groups) else ()


def _required_when(schema: dict[str, JSON]) -> tuple[tuple[str, JSON, tuple[str, ...]], ...]:
    """Conditional requirements written as `if` (one property's const) / `then` (required).

    Also found inside `allOf` entries, the usual way to write several of them.
    """
    found = []
    for part in [schema, *(p for p in schema.get("allOf") or [] if isinstance(p, dict))]:
        condition, then = part.get("if"), part.get("then")
        if not isinstance(condition, dict) or not isinstance(then, dict) or not then.get("required"):
            continue
        properties = condition.get("properties") or {}
        if len(properties) != 1:
            continue
        [(name, test)] = properties.items()
        if not isinstance(test, dict):
            continue
        if "const" in test:
            value = test["const"]
        elif isinstance(test.get("enum"), list) and len(test["enum"]) == 1:
            value = test["enum"][0]
        else:
            continue
        found.append((name, value, tuple(then["required"])))
    return tuple(found)


def _with_nullable(type_: TypeRef, nullable: bool) -> TypeRef:
    return with_nullable(type_) if nullable else type_
