"""Emit the models of a client package: `_models.py`, the `types/` package and `_validation.py`.

The templates in `templates/models/` only loop over what `render_models` prepares here from the
IR; every type spelling comes from `generator.emit.python_types`.
"""

from __future__ import annotations

import functools
import graphlib
import keyword
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, assert_never

from generator.emit import escape, ordering, python_types
from generator.emit.python_types import Import, Spelling
from generator.emit.request_types import ParamAliasView, RequestTypes, TypedDictView, request_types
from generator.emit.templating import environment
from generator.ir import naming
from generator.ir.model import (
    AnyType,
    Api,
    ArrayOf,
    BooleanType,
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
    accepts_null,
    models_in,
)
from generator.ir.rule_engine import field_group_rules

# Modules of the package's own runtime that the emitted models import.
_RUNTIME_IMPORTS = {
    "BaseModel": Import(python_types.MODELS_RUNTIME_MODULE, "BaseModel"),
    "ConstFieldsModel": Import(python_types.MODELS_RUNTIME_MODULE, "ConstFieldsModel"),
    "ReadOnlyFieldsModel": Import(python_types.MODELS_RUNTIME_MODULE, "ReadOnlyFieldsModel"),
    "OpenEnum": Import(python_types.MODELS_RUNTIME_MODULE, "OpenEnum"),
    "OpenIntEnum": Import(python_types.MODELS_RUNTIME_MODULE, "OpenIntEnum"),
}
_STDLIB = frozenset({"builtins", "datetime", "typing", "collections", "enum", "functools"})


class EmitError(Exception):
    """A spec the models emitter cannot turn into valid Python, with the reason and a fix."""


def render_models(api: Api, requests: RequestTypes | None = None) -> dict[str, str]:
    """Module path (relative to `src/<pkg>/`) -> source of the package's models.

    `requests` are the `TypedDict`s and aliases callers may write instead of models
    (`request_types(api)` when not given).
    """
    _check_names(api)
    requests = requests if requests is not None else request_types(api)
    env = environment()
    title = api.title or "the API"
    files = {
        "_models.py": env.get_template("models/_models.py.jinja").render(title=title),
        "_validation.py": env.get_template("models/_validation.py.jinja").render(**_validation_context(api)),
    }
    layout = types_layout(api, requests)
    header = {"title": title, "version": api.version, "source": Path(api.source).name}
    template = env.get_template("models/types.py.jinja")
    for module in layout.modules:
        files[f"types/{module.name}.py"] = template.render(**header, **_module_context(module, layout))
    exports = sorted(layout.module_of, key=_name_sort_key)
    files["types/__init__.py"] = env.get_template("models/types_init.py.jinja").render(
        **header,
        names=exports,
        imports=render_imports(
            (Import(f"{python_types.TYPES_MODULE}.{layout.module_of[name]}", name) for name in exports),
            depth=1,
            inside=python_types.TYPES_MODULE,
        ),
        modules=[(name, python_types.string_literal(layout.module_of[name])) for name in exports],
    )
    return files


# --- types/ -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _FieldView:
    py_name: str
    annotation: str
    default: str | None
    docstring: str | None


@dataclass(frozen=True)
class _ModelViews:
    """What the `types/` module of a model holds for it: its class, enum or alias, its request forms."""

    model: Model
    enum: dict[str, Any] | None
    class_: dict[str, Any] | None
    alias: dict[str, Any] | None
    typed_dicts: tuple[TypedDictView, ...]
    param_aliases: tuple[ParamAliasView, ...]
    imports: frozenset[Import]

    @property
    def names(self) -> list[str]:
        return [self.model.name, *(t.name for t in self.typed_dicts), *(a.name for a in self.param_aliases)]


@dataclass(frozen=True)
class TypesModule:
    """One module of `types/`: a model and its request forms, or models that refer to each other
    in a cycle (a module cannot import one that imports it back before its names exist)."""

    name: str
    models: tuple[_ModelViews, ...]


@dataclass(frozen=True)
class TypesLayout:
    modules: tuple[TypesModule, ...]
    module_of: dict[str, str]  # every public name of `types` -> its module
    recursive: frozenset[str]


def types_layout(api: Api, requests: RequestTypes) -> TypesLayout:
    """A module per model (or per cycle of models), named by `naming.module_names`.

    Each module imports the modules it refers to at its top: the modules form an acyclic graph,
    so that aliases, evaluated when their module is imported, find every name they spell.
    """
    recursive = _recursive_aliases(api)
    # Each model's request forms, found in one pass (not one pass over them per model).
    forms: dict[str, tuple[list[TypedDictView], list[ParamAliasView]]] = {model.name: ([], []) for model in api.models}
    for typed_dict in requests.typed_dicts:
        if typed_dict.model in forms:
            forms[typed_dict.model][0].append(typed_dict)
    for param_alias in requests.aliases:
        if param_alias.model in forms:
            forms[param_alias.model][1].append(param_alias)
    views = [_model_views(model, recursive, *forms[model.name]) for model in api.models]
    owner = {name: view.model.name for view in views for name in view.names}
    edges = {
        view.model.name: sorted(
            {owner[i.name] for i in view.imports if i.module == python_types.TYPES_MODULE and i.name in owner}
        )
        for view in views
    }
    by_name = {view.model.name: view for view in views}
    groups = _cycles([view.model.name for view in views], edges)
    exported = list(owner)
    names = naming.module_names([group[0] for group in groups], exported)
    modules = tuple(
        TypesModule(module, tuple(by_name[m] for m in group)) for module, group in zip(names, groups, strict=True)
    )
    module_of = {name: module.name for module in modules for view in module.models for name in view.names}
    return TypesLayout(modules, module_of, recursive)


def _cycles(order: list[str], edges: dict[str, list[str]]) -> list[list[str]]:
    """The strongly connected components of `edges` (Tarjan's, without recursion: a spec may have
    thousands of models), each in `order`, ordered by their first member."""
    position = {name: index for index, name in enumerate(order)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in order:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component, key=position.__getitem__))
    return sorted(components, key=lambda component: position[component[0]])


def _model_views(
    model: Model,
    recursive: frozenset[str],
    typed_dicts: list[TypedDictView],
    param_aliases: list[ParamAliasView],
) -> _ModelViews:
    found: set[Import] = set()
    enum: dict[str, Any] | None = None
    class_: dict[str, Any] | None = None
    alias: dict[str, Any] | None = None
    if model.kind == "enum" and _enum_base(model.enum_values):
        base = _enum_base(model.enum_values)
        found.add(_RUNTIME_IMPORTS[base])
        names = python_types.enum_member_names(model.enum_values)
        members = [(name, python_types.python_literal(v)) for name, v in zip(names, model.enum_values, strict=True)]
        enum = {
            "name": model.name,
            "base": base,
            "docstring": escape.docstring_literal(model.description),
            "members": members,
        }
    elif model.kind == "object":
        class_ = _class_view(model, found)
        found.update(_RUNTIME_IMPORTS[base] for base in class_["bases"])
    else:
        alias = _alias_view(model, recursive, found)
    for request in typed_dicts:
        found |= request.imports
    for param_alias in param_aliases:
        found |= param_alias.imports
    return _ModelViews(model, enum, class_, alias, tuple(typed_dicts), tuple(param_aliases), frozenset(found))


def _module_context(module: TypesModule, layout: TypesLayout) -> dict[str, Any]:
    own = {name for view in module.models for name in view.names}
    imports: set[Import] = set()
    for view in module.models:
        for item in view.imports:
            if item.module != python_types.TYPES_MODULE or item.name is None:
                imports.add(item)
            elif item.name not in own:
                imports.add(Import(f"{python_types.TYPES_MODULE}.{layout.module_of[item.name]}", item.name))
    # Aliases are evaluated at import: each after the aliases of its module it names.
    aliases = {view.model.name: view for view in module.models if view.alias is not None}
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for name, view in aliases.items():
        needs = set() if name in layout.recursive else models_in(view.model.alias_type()) & set(aliases)
        sorter.add(name, *sorted(needs))
    return {
        "imports": render_imports(imports, depth=1, inside=python_types.TYPES_MODULE),
        "all_names": sorted(own, key=_name_sort_key),
        "enums": [view.enum for view in module.models if view.enum is not None],
        "classes": [view.class_ for view in module.models if view.class_ is not None],
        "aliases": [aliases[name].alias for name in sorter.static_order()],
        "typed_dicts": [t for view in module.models for t in view.typed_dicts],
        "param_aliases": [a for view in module.models for a in view.param_aliases],
    }


def _enum_base(values: tuple[Any, ...]) -> str:
    if python_types.is_open_string_enum(values):
        return "OpenEnum"
    if python_types.is_open_int_enum(values):
        return "OpenIntEnum"
    return ""


def _class_view(model: Model, found: set[Import]) -> dict[str, Any]:
    extra_type = model.additional_properties
    if isinstance(extra_type, AnyType):
        extra_type = None
    spellings = {f.py_name: python_types.spell(f.type) for f in model.fields}
    # A field named like a type its class spells (`date: date`) would hide that type.
    used: frozenset[str] = frozenset().union(*(s.names for s in spellings.values()))
    if extra_type is not None:
        used |= python_types.spell(MapOf(extra_type)).names
    shadowed = used & set(spellings)
    if shadowed:
        spellings = {f.py_name: python_types.spell(f.type, shadowed=shadowed) for f in model.fields}
    fields = []
    const_fields = []
    for f in model.fields:
        spelling = spellings[f.py_name]
        found.update(spelling.imports)
        default, const = _default(f)
        if const:
            const_fields.append(f.py_name)
        field_arguments = []
        if f.name != f.py_name:
            field_arguments.append(("alias", python_types.string_literal(f.name)))
        if f.deprecated:
            # Reading a deprecated field warns, with the spec's description as the message.
            message = " ".join((f.description or "").split())
            field_arguments.append(("deprecated", python_types.string_literal(message) if message else "True"))
        if field_arguments:
            found.update({Import("typing", "Annotated"), Import("pydantic", "Field")})
        if default is not None and default.startswith("Field("):
            found.add(Import("pydantic", "Field"))
        fields.append(
            _FieldView(
                f.py_name,
                _field_annotation(spelling, f, field_arguments),
                default,
                escape.docstring_literal(f.description),
            )
        )
    extra = None
    if extra_type is not None:
        # Typed additional properties: pydantic validates extra fields against this.
        value = python_types.spell(MapOf(extra_type), shadowed=shadowed)
        found.update(value.imports)
        found.add(Import("pydantic", "Field"))
        extra = value.text()
    # Required in responses, left out of requests (OpenAPI): see the runtime's ReadOnlyFieldsModel.
    read_only = sorted(f.name for f in model.fields if f.read_only and f.required)
    bases = [base for base, used in (("ConstFieldsModel", const_fields), ("ReadOnlyFieldsModel", read_only)) if used]
    return {
        "name": model.name,
        "bases": bases or ["BaseModel"],
        "docstring": escape.docstring_literal(model.description),
        "fields": fields,
        "const_fields": python_types.string_tuple(const_fields) if const_fields else None,
        "read_only": python_types.string_tuple(read_only) if read_only else None,
        "extra": extra,
    }


def _field_annotation(spelling: Spelling, f: Field, arguments: list[tuple[str, str]]) -> str:
    # An optional field may be absent, read as None (any and null already accept it).
    nullable = spelling.nullable or (not f.required and not isinstance(f.type, AnyType | NullType))
    adjusted = Spelling(spelling.inner, spelling.constraints, nullable, spelling.imports)
    return adjusted.text(arguments)


def _default(f: Field) -> tuple[str | None, bool]:
    """(Python source of the default, or None for a required field; whether it is a constant)."""
    t = f.type
    if isinstance(t, LiteralOf) and len(t.values) == 1 and not t.nullable and f.required:
        return python_types.python_literal(t.values[0]), True
    if f.required:
        return None, False
    if not f.has_default or f.default is None or not _default_fits(t, f.default):
        # A default of another type than its field's (`"false"` for a boolean) is the spec's
        # mistake: the field defaults to None rather than to a value it could never hold.
        return "None", False
    literal = python_types.python_literal(f.default)
    if isinstance(t, ModelRef) or isinstance(f.default, list | dict):
        # A model-typed default (an enum value...) is converted by validating it.
        return f"Field(default={literal}, validate_default=True)", False
    return literal, False


def _default_fits(t: TypeRef, value: Any) -> bool:
    """Whether a default `value` has the JSON type of `t` (models are checked when validated)."""
    match t:
        case StringType():
            return isinstance(value, str)
        case IntegerType():
            return isinstance(value, int) and not isinstance(value, bool)
        case NumberType():
            return isinstance(value, int | float) and not isinstance(value, bool)
        case BooleanType():
            return isinstance(value, bool)
        case NullType():
            return value is None
        case ArrayOf():
            return isinstance(value, list)
        case MapOf():
            return isinstance(value, dict)
        case LiteralOf(values=values):
            return any(value == v and type(value) is type(v) for v in values)
        case UnionOf(variants=variants):
            return any(_default_fits(v, value) for v in variants)
        case ModelRef() | AnyType():
            return True
        case _:
            assert_never(t)


def _alias_view(model: Model, recursive: frozenset[str], found: set[Import]) -> dict[str, Any]:
    t = model.alias_type()
    view: dict[str, Any] = {
        "name": model.name,
        "docstring": escape.docstring_literal(model.description),
        "recursive": model.name in recursive,
        "choices": None,
    }
    spelling = python_types.spell(t)
    found.update(spelling.imports)
    if view["recursive"]:
        found.add(Import("typing_extensions", "TypeAliasType"))
        view["name_literal"] = python_types.string_literal(model.name)
        view["value_literal"] = python_types.string_literal(spelling.text())
        return view
    found.add(Import("typing", "TypeAlias"))
    if isinstance(t, UnionOf) and t.discriminator is not None and t.discriminator.mapping and not t.nullable:
        choices = python_types.tagged_variants(t).split(" | ")
        view["choices"] = [choices[0], *(f"| {choice}" for choice in choices[1:])]
        view["discriminator"] = python_types.string_literal(t.discriminator.property)
    else:
        view["value"] = spelling.text()
    return view


def _aliases(api: Api) -> list[Model]:
    return [
        m for m in api.models if m.kind in ("union", "alias") or (m.kind == "enum" and not _enum_base(m.enum_values))
    ]


def _recursive_aliases(api: Api) -> frozenset[str]:
    """Aliases that reach themselves through other aliases: they become `TypeAliasType`s."""
    aliases = {m.name: models_in(m.alias_type()) for m in _aliases(api)}
    found = set()
    for start in aliases:
        stack, seen = list(aliases[start] & set(aliases)), set()
        while stack:
            name = stack.pop()
            if name == start:
                found.add(start)
                break
            if name not in seen:
                seen.add(name)
                stack.extend(aliases[name] & set(aliases))
    return frozenset(found)


# --- _validation.py ---------------------------------------------------------------------------


def _validation_context(api: Api) -> dict[str, Any]:
    objects = [m for m in api.models if m.kind == "object"]
    not_null = []
    for m in objects:
        names = tuple(f.name for f in m.fields if not f.required and not accepts_null(f.type))
        if names:
            inline = python_types.string_tuple(names)
            fits = len(f'    "{m.name}": {inline},') <= 120
            not_null.append((m.name, inline if fits else [python_types.string_literal(name) for name in names]))
    rules = []
    for m in objects:
        # The same engine, and the same rules from the same facts, as the mock's checks.
        checked = [r.as_json() for r in m.rules] + field_group_rules(
            m.exactly_one_of, m.at_least_one_of, m.required_when
        )
        if checked:
            rules.append((m.name, [_rule_items(rule) for rule in checked]))
    return {
        "rules": rules,
        "not_null": not_null,
        "closed": "{" + ", ".join(python_types.string_literal(m.name) for m in objects if not m.allows_extra) + "}"
        if any(not m.allows_extra for m in objects)
        else "()",
    }


def _rule_items(rule: dict[str, Any]) -> list[tuple[str, str]]:
    return [(key, python_types.python_literal(value)) for key, value in rule.items()]


# --- shared helpers -----------------------------------------------------------------------------


def render_imports(imports: Iterable[Import], *, depth: int = 0, inside: str = "") -> list[str]:
    """Import statements grouped and sorted as ruff's isort (`I` rules) wants, blank-line separated.

    Relative modules are written from a module `depth` packages below the package's root, and
    from a module of the subpackage `inside` (`.types`), its siblings as `.sibling`. A statement
    past 88 columns (ruff's default line length) lists its names one per line, with a trailing
    comma so that a longer configured line length keeps them so.
    """
    sections: dict[int, list[tuple[str, str | None, str | None]]] = {0: [], 1: [], 2: []}
    for item in {_relative(i, depth, inside) for i in imports}:
        section = 2 if item.module.startswith(".") else 0 if item.module.split(".")[0] in _STDLIB else 1
        sections[section].append((item.module, item.name, item.alias))
    lines: list[str] = []
    for section in (0, 1, 2):
        if not sections[section]:
            continue
        if lines:
            lines.append("")
        lines.extend(statement.text() for statement in ordering.section_statements(sections[section]))
    return lines


def _relative(item: Import, depth: int, inside: str) -> Import:
    if not item.module.startswith("."):
        return item
    if inside and item.module.startswith(inside + "."):
        return item._replace(module=item.module[len(inside) :])
    return item._replace(module="." * depth + item.module)


def _name_sort_key(name: str) -> Any:
    """`__all__`'s order (RUF022): CONSTANTS, then Classes, then the rest, each in natural order."""
    return functools.cmp_to_key(ordering.compare_dunder_all)(name)


def _check_names(api: Api) -> None:
    """Refuse names the generated module cannot hold, with the model and a fix."""
    problems = []
    for model in api.models:
        shadows = model.name in python_types.HELPER_NAMES
        not_identifier = not model.name.isidentifier() or keyword.iskeyword(model.name)
        if not (shadows or not_identifier):
            continue  # (a location is only looked up for a problem: see `PendingLocation`)
        where = f"{model.location} " if model.location else ""
        if shadows:
            problems.append(
                f"{where}model {model.name!r} would shadow a helper of the generated models; rename the schema"
            )
        if not_identifier:
            problems.append(f"{where}model name {model.name!r} is not a Python identifier")
    if problems:
        raise EmitError("\n".join(problems))
