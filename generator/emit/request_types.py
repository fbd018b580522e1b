"""What a caller may write where a request takes a model: the model, or a plain dict of it.

Every model reachable from a request (a body, a body field, a parameter) gets a form:

- an object model `MessageContent` is taken as `MessageContent | MessageContentParam`, where
  `MessageContentParam` is a `TypedDict` keyed by the model's Python field names (the run-time
  checks read field names and wire names alike), `NotRequired[...]` for optional fields, each
  value in its own form (`list[TextPart | TextPartParam | ...]`);
- an enum model `ServiceType` as `ServiceType | Literal["iMessage", ...]`;
- an alias or union model whose type names any of those as `<Name>Param`, a type alias
  written as a string, so that aliases may refer to each other or to themselves in any order.

Names come from `naming.param_type_names`; spellings from `python_types` (`param` direction).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.emit import escape, python_types
from generator.emit.python_types import TYPES_MODULE, Import, ParamForm
from generator.ir import naming
from generator.ir.model import (
    AnyType,
    Api,
    ArrayOf,
    BooleanType,
    IntegerType,
    LiteralOf,
    MapOf,
    Model,
    ModelRef,
    NullType,
    NumberType,
    Resource,
    StringType,
    TypeRef,
    UnionOf,
)

_TYPED_DICT = Import("typing", "TypedDict")
_NOT_REQUIRED = Import("typing", "NotRequired")
_TYPE_ALIAS = Import("typing", "TypeAlias")


@dataclass(frozen=True)
class TypedDictField:
    """One key of a request `TypedDict`: its annotation and docstring, as written."""

    key: str
    annotation: str
    docstring: str | None


@dataclass(frozen=True)
class TypedDictView:
    """The `<Model>Param` TypedDict of an object model, as the models template writes it."""

    name: str
    model: str
    docstring: str
    fields: tuple[TypedDictField, ...]
    imports: frozenset[Import] = frozenset()  # what its module needs for it


@dataclass(frozen=True)
class ParamAliasView:
    """The `<Name>Param` type alias of an alias or union model, as the models template writes it."""

    name: str
    model: str
    value_literal: str
    imports: frozenset[Import] = frozenset()


@dataclass(frozen=True)
class RequestTypes:
    """Every request form of an API: the forms by model name, the TypedDicts and aliases to write."""

    forms: dict[str, ParamForm]
    typed_dicts: tuple[TypedDictView, ...]
    aliases: tuple[ParamAliasView, ...]
    imports: frozenset[Import]  # what the models module needs for them

    @property
    def names(self) -> list[str]:
        return [view.name for view in self.typed_dicts] + [view.name for view in self.aliases]


def request_types(api: Api) -> RequestTypes:
    models = {m.name: m for m in api.models}
    reachable = _reachable(api, models)
    objects = [name for name in reachable if models[name].kind == "object"]
    aliased = _aliases_with_forms(reachable, models)
    taken = {
        *models,
        *python_types.RESERVED_CLASS_NAMES,
        *(
            f"{prefix}{resource.class_name}{suffix}"
            for resource in _resources(api)
            for prefix in ("", "Async")
            for suffix in ("", "WithRawResponse", "WithStreamingResponse")
        ),
    }
    names = naming.param_type_names([*objects, *aliased], taken)
    forms: dict[str, ParamForm] = {}
    for name in reachable:
        model = models[name]
        own = Import(TYPES_MODULE, name)
        if model.kind == "object":
            param = names[name]
            forms[name] = ParamForm(f"{name} | {param}", frozenset({own, Import(TYPES_MODULE, param)}))
        elif model.kind == "enum" and model.enum_values:
            text = python_types.request_enum_annotation(model)
            needs = {own, Import("typing", "Literal")} if text != name else {own}
            forms[name] = ParamForm(text, frozenset(needs))
        elif name in aliased:
            forms[name] = ParamForm(names[name], frozenset({Import(TYPES_MODULE, names[name])}))
    found: set[Import] = set()
    typed_dicts = []
    for name in objects:
        typed_dict = _typed_dict(models[name], names[name], forms, {_TYPED_DICT})
        typed_dicts.append(typed_dict)
        found |= typed_dict.imports
    aliases = []
    for name in aliased:
        model = models[name]
        spelling = python_types.spell(model.alias_type(), direction="param", forms=forms)
        needs = {*spelling.imports, _TYPE_ALIAS}
        found |= needs
        value = python_types.string_literal(spelling.text())
        aliases.append(ParamAliasView(names[name], name, value, frozenset(needs)))
    return RequestTypes(forms, tuple(typed_dicts), tuple(aliases), frozenset(found))


def _typed_dict(model: Model, name: str, forms: dict[str, ParamForm], found: set[Import]) -> TypedDictView:
    fields = [f for f in model.fields if not f.read_only]
    spellings = {f.py_name: python_types.spell(f.type, direction="param", forms=forms) for f in fields}
    # A key named like a type its class spells (`date: date`) would hide that type.
    used: frozenset[str] = frozenset().union(*(s.names for s in spellings.values()))
    shadowed = used & set(spellings)
    if shadowed:
        spellings = {
            f.py_name: python_types.spell(f.type, direction="param", shadowed=shadowed, forms=forms) for f in fields
        }
    views = []
    for f in fields:
        spelling = spellings[f.py_name]
        found |= spelling.imports
        text = spelling.text()
        if not f.required:
            found.add(_NOT_REQUIRED)
            text = f"NotRequired[{text}]"
        views.append(TypedDictField(f.py_name, text, escape.docstring_literal(f.description)))
    summary = f"`{model.name}` as a dict, keyed by its Python field names."
    docstring = escape.docstring_literal(f"{summary}\n\n{model.description}" if model.description else summary)
    return TypedDictView(name, model.name, docstring or "", tuple(views), frozenset(found))


def _resources(api: Api) -> Iterable[Resource]:
    stack = [api.root]
    while stack:
        resource = stack.pop()
        if resource.class_name:
            yield resource
        stack.extend(resource.resources)


def _roots(api: Api) -> Iterable[TypeRef]:
    for op in api.operations:
        for param in op.params:
            yield param.type
        body = op.body
        if body is None:
            continue
        if body.fields:
            yield from (f.type for f in body.fields if not f.read_only)
        else:
            yield body.type


def _refs(t: TypeRef) -> Iterable[str]:
    """The models `t` names directly."""
    match t:
        case ModelRef(name=name):
            yield name
        case ArrayOf(items=items):
            yield from _refs(items)
        case MapOf(values=values):
            yield from _refs(values)
        case UnionOf(variants=variants, discriminator=discriminator):
            for variant in variants:
                yield from _refs(variant)
            if discriminator is not None:
                yield from (model for _, model in discriminator.mapping)
        case StringType() | IntegerType() | NumberType() | BooleanType() | NullType() | LiteralOf() | AnyType():
            return


def _model_refs(model: Model) -> Iterable[str]:
    if model.kind == "object":
        for f in model.fields:
            if not f.read_only:
                yield from _refs(f.type)
    elif model.kind in ("alias", "union", "enum"):
        yield from _refs(model.alias_type())


def _reachable(api: Api, models: dict[str, Model]) -> list[str]:
    """Models a request may hold, in the spec's order of models."""
    seen: set[str] = set()
    stack = [name for t in _roots(api) for name in _refs(t)]
    while stack:
        name = stack.pop()
        if name in seen or name not in models:
            continue
        seen.add(name)
        stack.extend(_model_refs(models[name]))
    return [m.name for m in api.models if m.name in seen]


def _aliases_with_forms(reachable: list[str], models: dict[str, Model]) -> list[str]:
    """Alias and union models whose type names a model with a form: they get one too."""
    candidates = [name for name in reachable if models[name].kind in ("alias", "union")]
    has_form = {name for name in reachable if models[name].kind == "object"}
    has_form |= {name for name in reachable if models[name].kind == "enum" and models[name].enum_values}
    changed = True
    while changed:
        changed = False
        for name in candidates:
            if name not in has_form and any(ref in has_form for ref in _model_refs(models[name])):
                has_form.add(name)
                changed = True
    return [name for name in candidates if name in has_form]
