"""Build the IR (`generator.ir.Api`) from a loaded spec.

This is the only module that reads the OpenAPI document's structure. It resolves references,
turns schemas into `TypeRef`s and `Model`s, places operations in the method tree, infers
pagination and parses `x-rules`. Problems carry their source location; constructs that cannot
be typed precisely are typed loosely (`any`) with a warning, never dropped.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from . import naming
from .errors import SpecError, SpecProblem
from .ir import (
    Api,
    Body,
    Constraints,
    Discriminator,
    Field,
    Header,
    Link,
    Model,
    Operation,
    Pagination,
    Param,
    ParamLocation,
    Resource,
    Response,
    Rule,
    RuleMatch,
    SecurityScheme,
    TypeKind,
    TypeRef,
)
from .loader import LoadedSpec, follow_pointer, join_pointer, load_spec
from .pagination import PaginationError, detect_pagination
from .python_types import HELPER_NAMES

JSON = Any
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
RULE_KINDS = {
    "sole-item": ("array", ("match",)),
    "no-consecutive": ("array", ("match",)),
    "max-matching": ("array", ("match", "max")),
    "range-within": ("object", ("items", "range", "target", "unit")),
    "no-overlap": ("object", ("items", "range", "match")),
}
IDEMPOTENCY_FIELD = "idempotency_key"
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


def build_api(spec: LoadedSpec | str | Path) -> Api:
    """The IR of a spec. Raises `SpecError` listing every problem when the spec cannot be used."""
    loaded = spec if isinstance(spec, LoadedSpec) else load_spec(spec)
    return _Builder(loaded).build()


def _is_json_media(content_type: str) -> bool:
    base = content_type.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json") or base == "*/*"


def _constraints(schema: dict[str, JSON]) -> Constraints:
    def number(key: str) -> float | None:
        value = schema.get(key)
        return value if isinstance(value, int | float) and not isinstance(value, bool) else None

    exclusive_minimum = number("exclusiveMinimum")
    exclusive_maximum = number("exclusiveMaximum")
    minimum, maximum = number("minimum"), number("maximum")
    # OpenAPI 3.0 spells exclusive bounds as booleans next to minimum/maximum.
    if schema.get("exclusiveMinimum") is True:
        exclusive_minimum, minimum = minimum, None
    if schema.get("exclusiveMaximum") is True:
        exclusive_maximum, maximum = maximum, None
    pattern = schema.get("pattern")
    return Constraints(
        min_length=schema.get("minLength"),
        max_length=schema.get("maxLength"),
        pattern=pattern if isinstance(pattern, str) else None,
        minimum=minimum,
        maximum=maximum,
        exclusive_minimum=exclusive_minimum,
        exclusive_maximum=exclusive_maximum,
        multiple_of=number("multipleOf"),
        min_items=schema.get("minItems"),
        max_items=schema.get("maxItems"),
        unique_items=schema.get("uniqueItems") is True,
    )


def _is_constraint_only(variants: Iterable[JSON]) -> bool:
    """`oneOf: [{required: [a]}, {required: [b]}]` constrains an object; it is not a union."""
    return all(isinstance(v, dict) and not any(k in v for k in _TYPE_KEYWORDS) for v in variants)


def _dumps(value: JSON) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class _Builder:
    def __init__(self, loaded: LoadedSpec) -> None:
        self.loaded = loaded
        self.problems: list[SpecProblem] = []
        self.warnings: list[SpecProblem] = []
        self.models: dict[str, Model] = {}
        self.model_order: list[str] = []
        # (document uri, pointer) of a named schema -> model name
        self.named: dict[tuple[str, str], str] = {}
        self.taken_names: set[str] = set()
        self.taken_folded: set[str] = set()
        self.in_progress: set[str] = set()

    # --- problems -----------------------------------------------------------------------------

    def error(self, pointer: str, message: str, hint: str | None = None, uri: str | None = None) -> None:
        self.problems.append(SpecProblem(self.loaded.locate(pointer, uri), message, hint))

    def warn(self, pointer: str, message: str, hint: str | None = None, uri: str | None = None) -> None:
        self.warnings.append(SpecProblem(self.loaded.locate(pointer, uri), message, hint, severity="warning"))

    # --- top level ----------------------------------------------------------------------------

    def build(self) -> Api:
        data = self.loaded.data
        root_uri = self.loaded.root.uri
        schemas = (data.get("components") or {}).get("schemas") or {}
        for name in schemas:
            self.model_for((root_uri, join_pointer("/components/schemas", name)), name)
        operations = self.operations()
        security_schemes = self.security_schemes()
        root = self.resource_tree(operations)
        if self.problems:
            raise SpecError(self.problems)
        info = data.get("info") or {}
        servers = tuple(s["url"] for s in data.get("servers") or [] if isinstance(s, dict) and "url" in s)
        return Api(
            title=str(info.get("title", "")),
            version=str(info.get("version", "")),
            description=info.get("description"),
            openapi_version=str(data.get("openapi")),
            source=str(self.loaded.path),
            servers=servers,
            security_schemes=security_schemes,
            models=tuple(self.models[name] for name in self.model_order),
            operations=operations,
            root=root,
            warnings=tuple(self.warnings),
        )

    def security_schemes(self) -> tuple[SecurityScheme, ...]:
        schemes = (self.loaded.data.get("components") or {}).get("securitySchemes") or {}
        result = []
        for name, raw in schemes.items():
            _, _, scheme = self.loaded.deref(raw)
            result.append(
                SecurityScheme(
                    name=name,
                    kind=scheme.get("type"),
                    location=scheme.get("in"),
                    param_name=scheme.get("name"),
                    scheme=(scheme.get("scheme") or "").lower() or None,
                    description=scheme.get("description"),
                )
            )
        return tuple(result)

    # --- schemas ------------------------------------------------------------------------------

    def new_model_name(self, hint: str) -> str:
        """A free class name: a schema called like a helper of the generated models (`Tag`,
        `Field`, `BaseModel`...) becomes `TagModel`, so that no spec is refused for its names."""
        name = naming.class_name(hint)
        if name in HELPER_NAMES:
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
        location = self.loaded.locate(pointer, uri)
        schema_json = _dumps(self.rewrite_refs(schema, uri))
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
            model = Model(kind="union", variants=union.variants, discriminator=union.discriminator, **base)
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
        taken: set[str] = set()
        for prop, (prop_schema, prop_pointer, prop_uri) in properties.items():
            if isinstance(prop_schema, dict) and "$field" in prop_schema:
                fields.append(prop_schema["$field"])
                taken.add(prop_schema["$field"].py_name)
                continue
            fields.append(self.field(prop, prop_schema, prop_pointer, prop_uri, name, prop in required, taken))
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

    def field(
        self, prop: str, schema: JSON, pointer: str, uri: str, owner: str, required: bool, taken: set[str]
    ) -> Field:
        py_name = naming.unique(naming.field_name(prop), taken)
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

    def deref(self, node: JSON, uri: str, pointer: str) -> tuple[str, str, JSON]:
        """Follow `$ref`s (already checked by the loader): (uri, pointer, target)."""
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            uri, pointer, node = self.loaded.resolve(node["$ref"], uri)
        return uri, pointer, node

    def type_of(self, schema: JSON, pointer: str, uri: str, hint: str) -> TypeRef:
        """The `TypeRef` of a schema. Inline objects become models named after `hint`."""
        if schema is True or schema == {} or schema is None:
            return TypeRef("any")
        if schema is False:
            self.warn(pointer, "schema 'false' accepts nothing; typed loosely as any", uri=uri)
            return TypeRef("any")
        if not isinstance(schema, dict):
            self.error(pointer, f"a schema must be an object or a boolean, not {type(schema).__name__}", uri=uri)
            return TypeRef("any")
        nullable = schema.get("nullable") is True
        if "$ref" in schema:
            target_uri, target_pointer, target = self.loaded.resolve(schema["$ref"], uri)
            # A bare `$ref` outside components/schemas is only a detour: follow it, so that no
            # model is named after a place (e.g. a response's schema) rather than a schema.
            is_detour = isinstance(target, dict) and set(target) == {"$ref"}
            if is_detour and not target_pointer.startswith("/components/schemas/"):
                return _with_nullable(self.type_of(target, target_pointer, target_uri, hint), nullable)
            model = self.model_for((target_uri, target_pointer), target_pointer.rsplit("/", 1)[-1] or hint)
            return TypeRef("model", model=model, nullable=nullable)
        if "const" in schema:
            return TypeRef("literal", values=(schema["const"],), nullable=nullable)
        types = schema.get("type")
        if isinstance(types, list):
            nullable = nullable or "null" in types
            non_null = [t for t in types if t != "null"]
            if len(non_null) > 1:
                variants = tuple(self.type_of({**schema, "type": t}, pointer, uri, hint) for t in non_null)
                return TypeRef("union", variants=variants, nullable=nullable)
            types = non_null[0] if non_null else "null"
        if "enum" in schema:
            values = tuple(v for v in schema["enum"] if v is not None)
            return TypeRef("literal", values=values, nullable=nullable or None in schema["enum"])
        for key in ("oneOf", "anyOf"):
            variants_raw = schema.get(key)
            if not variants_raw or _is_constraint_only(variants_raw):
                continue
            non_null_raw = [v for v in variants_raw if not (isinstance(v, dict) and v.get("type") == "null")]
            nullable = nullable or len(non_null_raw) < len(variants_raw)
            if "properties" in schema or (types == "object" and not non_null_raw):
                break
            variants = tuple(
                self.type_of(v, join_pointer(pointer, key, i), uri, f"{hint}Variant{i + 1}")
                for i, v in enumerate(non_null_raw)
            )
            if len(variants) == 1:
                return _with_nullable(variants[0], nullable)
            return TypeRef(
                "union",
                variants=variants,
                nullable=nullable,
                discriminator=self.discriminator(schema, variants, pointer, uri),
            )
        if "allOf" in schema and "properties" not in schema:
            parts = schema["allOf"]
            if len(parts) == 1 and not any(k in schema for k in ("properties", "additionalProperties")):
                return _with_nullable(self.type_of(parts[0], join_pointer(pointer, "allOf", 0), uri, hint), nullable)
            types = "object"
        if types == "object" or (types is None and ("properties" in schema or "allOf" in schema)):
            if not schema.get("properties") and not schema.get("allOf"):
                extra = schema.get("additionalProperties", True)
                items = (
                    self.type_of(extra, join_pointer(pointer, "additionalProperties"), uri, hint + "Value")
                    if isinstance(extra, dict)
                    else TypeRef("any")
                )
                return TypeRef("map", items=items, nullable=nullable)
            name = self.new_model_name(hint)
            self.define_model(name, schema, pointer, uri, source=pointer)
            return TypeRef("model", model=name, nullable=nullable)
        if types == "array" or (types is None and "items" in schema):
            items = self.type_of(schema.get("items", True), join_pointer(pointer, "items"), uri, hint + "Item")
            return TypeRef("array", items=items, nullable=nullable, constraints=_constraints(schema))
        if types in ("string", "integer", "number", "boolean", "null"):
            return TypeRef(
                cast(TypeKind, types), format=schema.get("format"), nullable=nullable, constraints=_constraints(schema)
            )
        if types is None:
            return TypeRef("any", nullable=nullable)
        self.error(
            pointer,
            f"unknown schema type {types!r}",
            "use one of string, integer, number, boolean, array, object, null",
            uri=uri,
        )
        return TypeRef("any")

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
            if variant.kind != "model" or variant.model in mapping.values():
                continue
            model = self.models.get(variant.model or "")
            tag = model.field_named(prop) if model else None
            if tag is not None and tag.type.kind == "literal" and len(tag.type.values) == 1:
                mapping[str(tag.type.values[0])] = variant.model or ""
            elif variant.model:
                mapping[variant.model.split("/")[-1]] = variant.model
        return Discriminator(property=prop, mapping=tuple(mapping.items()))

    def rewrite_refs(self, node: JSON, uri: str) -> JSON:
        """A copy of `node` whose schema `$ref`s all read `#/components/schemas/<model name>`."""
        if isinstance(node, list):
            return [self.rewrite_refs(item, uri) for item in node]
        if not isinstance(node, dict):
            return node
        result: dict[str, JSON] = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
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
        return result

    # --- x-rules ------------------------------------------------------------------------------

    def object_rules(
        self, owner: str, schema: dict[str, JSON], pointer: str, uri: str, properties: dict[str, tuple[JSON, str, str]]
    ) -> tuple[Rule, ...]:
        rules = [
            *self.parse_rules(schema.get("x-rules"), join_pointer(pointer, "x-rules"), uri, "object", None, properties)
        ]
        for prop, (prop_schema, prop_pointer, prop_uri) in properties.items():
            if isinstance(prop_schema, dict) and "$field" not in prop_schema:
                _, resolved_pointer, resolved = self.deref(prop_schema, prop_uri, prop_pointer)
                candidates = [(prop_schema, prop_pointer)]
                if resolved is not prop_schema:
                    candidates.append((resolved, resolved_pointer))
                for candidate, candidate_pointer in candidates:
                    if isinstance(candidate, dict) and "x-rules" in candidate:
                        rules += self.parse_rules(
                            candidate["x-rules"],
                            join_pointer(candidate_pointer, "x-rules"),
                            prop_uri,
                            "array",
                            prop,
                            {},
                        )
        return tuple(rules)

    def parse_rules(
        self,
        raw: JSON,
        pointer: str,
        uri: str,
        applies_to: str,
        field: str | None,
        properties: dict[str, tuple[JSON, str, str]],
    ) -> list[Rule]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.error(pointer, "x-rules must be a list of rules", "see spec/README.md", uri=uri)
            return []
        rules = []
        for index, entry in enumerate(raw):
            at = join_pointer(pointer, index)
            if not isinstance(entry, dict):
                self.error(at, "a rule must be an object with id, kind and message", uri=uri)
                continue
            kind = entry.get("kind")
            if kind not in RULE_KINDS:
                self.error(
                    join_pointer(at, "kind"),
                    f"unknown rule kind {kind!r}",
                    f"use one of {', '.join(RULE_KINDS)}",
                    uri=uri,
                )
                continue
            expected, params = RULE_KINDS[kind]
            missing = [key for key in ("id", "message", *params) if key not in entry]
            if missing:
                self.error(at, f"rule {kind!r} is missing {', '.join(missing)}", uri=uri)
                continue
            if expected != applies_to:
                self.error(
                    at, f"a {kind!r} rule applies to an {expected}, but it is placed on an {applies_to}", uri=uri
                )
                continue
            if applies_to == "object":
                for key in ("items", "target"):
                    if key in params and entry[key] not in properties:
                        self.error(join_pointer(at, key), f"{entry[key]!r} is not a property of this object", uri=uri)
            if kind == "range-within" and entry.get("unit") not in ("utf-16", "code-point"):
                self.error(join_pointer(at, "unit"), "unit must be 'utf-16' or 'code-point'", uri=uri)
            max_value = entry.get("max")
            if kind == "max-matching" and (
                not isinstance(max_value, int) or isinstance(max_value, bool) or max_value < 0
            ):
                self.error(join_pointer(at, "max"), "max must be a non-negative integer", uri=uri)
                continue
            match = entry.get("match")
            rule_match = None
            if "match" in params:
                if not isinstance(match, dict):
                    self.error(
                        join_pointer(at, "match"), "match must be an object of property values (and 'has')", uri=uri
                    )
                    continue
                has = match.get("has", [])
                rule_match = RuleMatch(
                    equals=tuple((k, v) for k, v in match.items() if k != "has"),
                    has=tuple(has) if isinstance(has, list) else (has,),
                )
            rules.append(
                Rule(
                    id=str(entry["id"]),
                    kind=kind,
                    message=str(entry["message"]),
                    field=field,
                    match=rule_match,
                    max=max_value if kind == "max-matching" else None,
                    items=entry.get("items"),
                    range=entry.get("range"),
                    target=entry.get("target"),
                    unit=entry.get("unit"),
                    location=self.loaded.locate(at, uri),
                )
            )
        return rules

    # --- operations ---------------------------------------------------------------------------

    def operations(self) -> tuple[Operation, ...]:
        data = self.loaded.data
        root_uri = self.loaded.root.uri
        global_security = data.get("security")
        operations: list[Operation] = []
        seen_methods: dict[tuple[str, ...], str] = {}  # (resource path..., method name) -> where
        seen_ids: dict[str, str] = {}
        for path, raw_item in (data.get("paths") or {}).items():
            item_pointer = join_pointer("/paths", path)
            item_uri, item_pointer, item = self.deref(raw_item, root_uri, item_pointer)
            if not isinstance(item, dict):
                continue
            for method in HTTP_METHODS:
                raw_op = item.get(method)
                if not isinstance(raw_op, dict):
                    continue
                op_pointer = join_pointer(item_pointer, method)
                operation = self.operation(path, method, raw_op, item, op_pointer, item_uri, global_security)
                if operation.id in seen_ids:
                    self.error(
                        join_pointer(op_pointer, "operationId"),
                        f"operationId {operation.id!r} is also used by {seen_ids[operation.id]}",
                        uri=item_uri,
                    )
                seen_ids[operation.id] = f"{method.upper()} {path}"
                key = (*(naming.method_name(p) for p in operation.sdk_path[:-1]), operation.name)
                if key in seen_methods:
                    where = join_pointer(op_pointer, "x-sdk-method") if "x-sdk-method" in raw_op else op_pointer
                    if "x-sdk-method" in raw_op:
                        self.error(
                            where,
                            f"x-sdk-method {'.'.join(operation.sdk_path)!r} is also used by {seen_methods[key]}",
                            uri=item_uri,
                        )
                        continue
                    # A derived name that clashes is made unique rather than rejected.
                    taken = {k[-1] for k in seen_methods if k[:-1] == key[:-1]}
                    new_name = naming.unique(operation.name, taken)
                    self.warn(
                        where,
                        f"method name {operation.name!r} is taken in this resource; this operation is named {new_name!r}",
                        uri=item_uri,
                    )
                    operation = dataclasses.replace(
                        operation, sdk_path=(*operation.sdk_path[:-1], new_name), name=new_name
                    )
                    key = (*key[:-1], new_name)
                seen_methods[key] = f"{method.upper()} {path}"
                operations.append(operation)
        return tuple(operations)

    def sdk_path(self, raw_op: dict[str, JSON], method: str, path: str, pointer: str, uri: str) -> tuple[str, ...]:
        explicit = raw_op.get("x-sdk-method")
        if explicit is not None:
            segments = tuple(explicit.split(".")) if isinstance(explicit, str) else ()
            if not segments or not all(segments):
                self.error(
                    join_pointer(pointer, "x-sdk-method"),
                    "x-sdk-method must be a dotted path such as 'chats.participants.add'",
                    uri=uri,
                )
                return ("call",)
            return segments
        method_segment = raw_op.get("operationId") or naming.operation_fallback_name(method, path)
        tags = raw_op.get("tags") or []
        return (str(tags[0]), method_segment) if tags else (method_segment,)

    def operation(
        self,
        path: str,
        method: str,
        raw_op: dict[str, JSON],
        item: dict[str, JSON],
        pointer: str,
        uri: str,
        global_security: JSON,
    ) -> Operation:
        sdk_path = self.sdk_path(raw_op, method, path, pointer, uri)
        operation_id = raw_op.get("operationId") or naming.operation_fallback_name(method, path)
        hint = naming.class_name("_".join(sdk_path))
        params = self.params(path, item, raw_op, pointer, uri, hint)
        body = self.body(raw_op.get("requestBody"), join_pointer(pointer, "requestBody"), uri, hint)
        responses = self.responses(raw_op.get("responses") or {}, join_pointer(pointer, "responses"), uri, hint)
        security_raw = raw_op.get("security", global_security) or []
        security = tuple(tuple(requirement) for requirement in security_raw if isinstance(requirement, dict))
        pagination = self.pagination(method, raw_op, params, responses, pointer, uri)
        links = tuple(
            Link(
                name=name,
                status=response_status,
                operation_id=link.get("operationId", ""),
                parameters=tuple((link.get("parameters") or {}).items()),
            )
            for response_status, raw_response in (raw_op.get("responses") or {}).items()
            for name, link in ((self.deref(raw_response, uri, pointer)[2] or {}).get("links") or {}).items()
            if isinstance(link, dict)
        )
        return Operation(
            id=str(operation_id),
            method=method.upper(),
            path=path,
            sdk_path=sdk_path,
            name=naming.method_name(sdk_path[-1]),
            summary=raw_op.get("summary"),
            description=raw_op.get("description"),
            deprecated=bool(raw_op.get("deprecated")),
            params=params,
            body=body,
            responses=responses,
            pagination=pagination,
            security=security,
            idempotency_key_path=self.idempotency_path(body),
            links=links,
            location=self.loaded.locate(pointer, uri),
        )

    def params(
        self, path: str, item: dict[str, JSON], raw_op: dict[str, JSON], pointer: str, uri: str, hint: str
    ) -> tuple[Param, ...]:
        merged: dict[tuple[str, str], tuple[dict[str, JSON], str, str]] = {}
        for source, source_pointer in ((item, pointer.rsplit("/", 1)[0]), (raw_op, pointer)):
            for index, raw in enumerate(source.get("parameters") or []):
                at = join_pointer(source_pointer, "parameters", index)
                param_uri, param_pointer, param = self.deref(raw, uri, at)
                if isinstance(param, dict) and "name" in param and "in" in param:
                    merged[(param["name"], param["in"])] = (param, param_pointer, param_uri)
        taken: set[str] = set()
        params = []
        for (name, location), (param, param_pointer, param_uri) in merged.items():
            schema = param.get("schema")
            if schema is None and "content" in param:
                media: dict[str, JSON] = next(iter(param["content"].values()), {})
                schema = media.get("schema", True)
                self.warn(
                    param_pointer,
                    f"parameter {name!r} is serialised as content; it is passed as a JSON value",
                    uri=param_uri,
                )
            schema = True if schema is None else schema
            py_name = naming.unique(naming.field_name(name), taken)
            _, _, resolved = self.deref(schema, param_uri, join_pointer(param_pointer, "schema"))
            resolved = resolved if isinstance(resolved, dict) else {}
            params.append(
                Param(
                    name=name,
                    py_name=py_name,
                    location=cast(ParamLocation, location),
                    required=bool(param.get("required")) or location == "path",
                    type=self.type_of(
                        schema,
                        join_pointer(param_pointer, "schema"),
                        param_uri,
                        hint + naming.class_name(name) + "Param",
                    ),
                    schema_json=_dumps(self.rewrite_refs(schema, param_uri)),
                    description=param.get("description"),
                    deprecated=bool(param.get("deprecated")),
                    default=resolved.get("default"),
                    has_default="default" in resolved,
                    style=param.get("style"),
                    explode=param.get("explode"),
                )
            )
        # Path parameters first, in the order they appear in the path; then the rest as written.
        order = {name: index for index, name in enumerate(re.findall(r"{([^}]+)}", path))}
        return tuple(sorted(params, key=lambda p: (p.location != "path", order.get(p.name, 0))))

    def body(self, raw: JSON, pointer: str, uri: str, hint: str) -> Body | None:
        if raw is None:
            return None
        body_uri, body_pointer, body = self.deref(raw, uri, pointer)
        content = body.get("content") or {}
        if not content:
            return None
        content_type = next((ct for ct in content if _is_json_media(ct)), next(iter(content)))
        media = content[content_type] or {}
        schema = media.get("schema", True)
        schema_pointer = join_pointer(body_pointer, "content", content_type, "schema")
        if not _is_json_media(content_type):
            self.warn(
                body_pointer,
                f"request body {content_type!r} is passed through untyped",
                "send bytes, a file or a mapping",
                uri=body_uri,
            )
            return Body(
                content_type=content_type,
                required=bool(body.get("required")),
                type=TypeRef("any"),
                schema_json=_dumps(self.rewrite_refs(schema, body_uri)),
                description=body.get("description"),
            )
        type_ = self.type_of(schema, schema_pointer, body_uri, hint + "Params")
        model = self.models.get(type_.model or "") if type_.kind == "model" else None
        fields = model.fields if model is not None and model.kind == "object" else ()
        return Body(
            content_type=content_type,
            required=bool(body.get("required")),
            type=type_,
            schema_json=_dumps(self.rewrite_refs(schema, body_uri)),
            fields=fields,
            model=model.name if model is not None else None,
            description=body.get("description"),
        )

    def responses(self, raw: dict[str, JSON], pointer: str, uri: str, hint: str) -> tuple[Response, ...]:
        responses = []
        for status, raw_response in raw.items():
            at = join_pointer(pointer, status)
            response_uri, response_pointer, response = self.deref(raw_response, uri, at)
            if not isinstance(response, dict):
                continue
            content = response.get("content") or {}
            content_type = next((ct for ct in content if _is_json_media(ct)), next(iter(content), None))
            media = (content.get(content_type) if content_type else None) or {}
            schema = media.get("schema") if content_type else None
            type_ = None
            if schema is not None:
                suffix = "Response" if str(status).startswith("2") else f"Error{status}"
                type_ = self.type_of(
                    schema,
                    join_pointer(response_pointer, "content", content_type or "", "schema"),
                    response_uri,
                    hint + suffix,
                )
            headers = []
            for header_name, raw_header in (response.get("headers") or {}).items():
                header_uri, header_pointer, header = self.deref(
                    raw_header, response_uri, join_pointer(response_pointer, "headers", header_name)
                )
                headers.append(
                    Header(
                        name=header_name,
                        required=bool(header.get("required")),
                        type=self.type_of(
                            header.get("schema", True),
                            join_pointer(header_pointer, "schema"),
                            header_uri,
                            hint + naming.class_name(header_name),
                        ),
                        description=header.get("description"),
                    )
                )
            examples = tuple(
                (name, self.deref(example, response_uri, response_pointer)[2].get("value"))
                for name, example in (media.get("examples") or {}).items()
                if isinstance(self.deref(example, response_uri, response_pointer)[2], dict)
            )
            has_example = "example" in media or (isinstance(schema, dict) and "example" in schema)
            example = media.get("example", schema.get("example") if isinstance(schema, dict) else None)
            responses.append(
                Response(
                    status=str(status),
                    description=response.get("description"),
                    content_type=content_type,
                    type=type_,
                    schema_json=_dumps(self.rewrite_refs(schema, response_uri)) if schema is not None else None,
                    headers=tuple(headers),
                    example=example,
                    has_example=has_example,
                    examples=examples,
                )
            )
        return tuple(responses)

    def pagination(
        self,
        method: str,
        raw_op: dict[str, JSON],
        params: tuple[Param, ...],
        responses: tuple[Response, ...],
        pointer: str,
        uri: str,
    ) -> Pagination | None:
        if method != "get":
            return None
        success = next((r for r in responses if r.is_success), None)
        model = (
            self.models.get(success.type.model or "")
            if success and success.type and success.type.kind == "model"
            else None
        )
        try:
            return detect_pagination(params, model, self.models, raw_op.get("x-pagination"))
        except PaginationError as exc:
            self.error(join_pointer(pointer, "x-pagination"), str(exc), uri=uri)
            return None

    def idempotency_path(self, body: Body | None) -> tuple[str, ...]:
        """Where the body carries an idempotency key: top level or one object down."""
        if body is None:
            return ()
        for f in body.fields:
            if f.name == IDEMPOTENCY_FIELD and f.type.kind == "string":
                return (f.name,)
        for f in body.fields:
            nested = self.models.get(f.type.model or "") if f.type.kind == "model" else None
            inner = nested.field_named(IDEMPOTENCY_FIELD) if nested else None
            if inner is not None and inner.type.kind == "string":
                return (f.name, inner.name)
        return ()

    # --- method tree --------------------------------------------------------------------------

    def resource_class_name(self, path: tuple[str, ...]) -> str:
        """`ChatsParticipants`; `PetsResource` when a model is already called `Pets`."""
        if not path:
            return ""
        name = naming.class_name("_".join(path))
        return f"{name}Resource" if name in self.models or f"Async{name}" in self.models else name

    def resource_tree(self, operations: tuple[Operation, ...]) -> Resource:
        def build(path: tuple[str, ...]) -> Resource:
            own = tuple(op for op in operations if op.sdk_path[:-1] == path)
            child_names: list[str] = []
            for op in operations:
                if (
                    len(op.sdk_path) > len(path) + 1
                    and op.sdk_path[: len(path)] == path
                    and op.sdk_path[len(path)] not in child_names
                ):
                    child_names.append(op.sdk_path[len(path)])
            children = tuple(build((*path, name)) for name in child_names)
            method_names = {op.name for op in own}
            for child in children:
                if child.name in method_names:
                    op = next(o for o in own if o.name == child.name)
                    self.error(
                        op.location.pointer if op.location else "",
                        f"{'.'.join((*path, child.name))} is both a method and a resource",
                        "rename one in x-sdk-method",
                    )
            resource_name = naming.method_name(path[-1]) if path else ""
            return Resource(
                name=resource_name,
                class_name=self.resource_class_name(path),
                path=tuple(naming.method_name(p) for p in path),
                operations=own,
                resources=children,
            )

        return build(())


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
    return dataclasses.replace(type_, nullable=True) if nullable and not type_.nullable else type_
