"""How an IR `TypeRef` is spelled in generated Python, and what that spelling imports.

One function decides every spelling (`annotation`); the models emitter and the resource
emitter both call it, so a type reads the same in a model field, a method parameter and a
return type. Everything here is a pure function of its arguments.

Two directions, because what a client accepts and what it sends differ:

- `response` (what parsing produces, and the spelling of model fields): enum models are
  unknown-tolerant enum classes; an inline string enum is `OpenLiteral[Literal[...]]` (known
  values for the type checker, any string at run time, unknown ones detectable with
  `is_unknown`); a discriminated union is `Annotated[<tagged variants> | UnknownVariant,
  OpenUnion("<property>")]`, so a part of a future type parses as `UnknownVariant`.
- `request` (method parameters): only the documented values. An enum model also accepts its
  plain values (`ServiceType | Literal["iMessage", "SMS", "RCS"]`), an inline enum is a strict
  `Literal`, and a discriminated union lists its variants only.
- `param` (what a caller may write: method arguments of bodies, `TypedDict` values): like
  `request`, and every model named in `forms` is spelled as its form there (`MessageContent |
  MessageContentParam`, where the second is a `TypedDict`); no `Field(...)` constraints, which
  only the run-time checks read.

Names come from the IR (`Model.name`); the helpers a spelling uses are listed in
`HELPER_NAMES` so that the emitter can refuse a spec whose model names would shadow them.
"""

from __future__ import annotations

import builtins
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple, assert_never

from generator.emit import escape
from generator.ir import naming
from generator.ir.model import (
    AnyType,
    ArrayOf,
    BooleanType,
    Constraints,
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
    is_nullable,
)

Direction = Literal["response", "request", "param"]

# Package-relative module of the generated models, and of the runtime helpers they use.
TYPES_MODULE = ".types"
MODELS_RUNTIME_MODULE = "._models"
# The runtime's subclasses of its `BaseModel` a model class may have as bases instead: which one a
# model has follows from its fields (constant ones, required read-only ones), not from its API.
MODEL_HELPER_BASES = frozenset({"ConstFieldsModel", "ReadOnlyFieldsModel"})


class Import(NamedTuple):
    """`from module import name [as alias]`; `import module` when `name` is None.

    `module` is absolute (`typing`) or relative to the generated package's root (`.types`):
    a module placed deeper in the package adds one dot per level.
    """

    module: str
    name: str | None = None
    alias: str | None = None

    def statement(self, depth: int = 0) -> str:
        module = "." * depth + self.module if self.module.startswith(".") else self.module
        if self.name is None:
            return f"import {module}" + (f" as {self.alias}" if self.alias else "")
        return f"from {module} import {self.name}" + (f" as {self.alias}" if self.alias else "")


_TYPING = {name: Import("typing", name) for name in ("Annotated", "Any", "Literal")}
_PYDANTIC = {name: Import("pydantic", name) for name in ("Field", "Tag")}
_RUNTIME = {name: Import(MODELS_RUNTIME_MODULE, name) for name in ("OpenLiteral", "OpenUnion", "UnknownVariant")}
_DATETIME = {name: Import("datetime", name) for name in ("date", "datetime")}

# Every name other than a model's that an annotation may spell. A model with one of these names
# would shadow it in the generated module.
HELPER_NAMES = frozenset(
    {
        *_TYPING,
        *_PYDANTIC,
        *_RUNTIME,
        "BaseModel",
        "ConstFieldsModel",
        "NotRequired",
        "OpenEnum",
        "OpenIntEnum",
        "ReadOnlyFieldsModel",
        "TypeAlias",
        "TypedDict",
    }
)
# Names the resource and client modules import beside the models (templates/package/): a model
# of the same name would replace them there.
RUNTIME_NAMES = frozenset(
    {
        "APIResponse",
        "AsyncAPIClient",
        "AsyncAPIResource",
        "AsyncAPIResponse",
        "AsyncPage",
        "AsyncPaginator",
        "Body",
        "FinalRequestOptions",
        "Headers",
        "NOT_GIVEN",
        "NotGiven",
        "PageSpec",
        "Query",
        "SyncAPIClient",
        "SyncAPIResource",
        "SyncPage",
        "Timeout",
        "TypeAlias",
        "cast",
    }
)
# Names a generated class must not take: helpers of the models, runtime classes and
# builtins (an annotation read before a model `Warning` is defined would mean the builtin).
RESERVED_CLASS_NAMES = HELPER_NAMES | RUNTIME_NAMES | frozenset(dir(builtins))

# Lowercase names an annotation may spell that a field's `py_name` can shadow inside a class
# body (`date: date | None = None` breaks at run time), with the spelling that cannot be shadowed.
SHADOW_SAFE = {
    "str": ("builtins.str", Import("builtins")),
    "int": ("builtins.int", Import("builtins")),
    "float": ("builtins.float", Import("builtins")),
    "bool": ("builtins.bool", Import("builtins")),
    "bytes": ("builtins.bytes", Import("builtins")),
    "list": ("builtins.list", Import("builtins")),
    "dict": ("builtins.dict", Import("builtins")),
    "datetime": ("_datetime.datetime", Import("datetime", None, "_datetime")),
    "date": ("_datetime.date", Import("datetime", None, "_datetime")),
}

_FORMATS = {"date-time": "datetime", "date": "date"}


@dataclass(frozen=True, slots=True)
class Spelling:
    """An annotation split so that a field can add its own `Field(...)` arguments.

    `inner` is the type without its top-level constraints or nullability; `constraints` are the
    `Field` keyword arguments of the top-level constraints (`("max_length", "10000")`).
    """

    inner: str
    constraints: tuple[tuple[str, str], ...]
    nullable: bool
    imports: frozenset[Import]

    def text(self, extra: Iterable[tuple[str, str]] = ()) -> str:
        """The full annotation; `extra` are further `Field` arguments for the whole annotation."""
        extra = tuple(extra)
        if not self.nullable:
            return _annotated(self.inner, self.constraints + extra)
        return _annotated(_annotated(self.inner, self.constraints) + " | None", extra)

    @property
    def names(self) -> frozenset[str]:
        """The bare names the annotation uses (what a field name could shadow)."""
        return frozenset(i.name for i in self.imports if i.name and not i.alias) | _bare_builtins(self.inner)


class ParamForm(NamedTuple):
    """How a model is spelled where a caller writes a value of it (`param` direction)."""

    spelling: str
    imports: frozenset[Import]


Forms = Mapping[str, ParamForm]
_NO_FORMS: Forms = {}


def annotation(
    t: TypeRef, *, direction: Direction = "response", shadowed: frozenset[str] = frozenset(), forms: Forms = _NO_FORMS
) -> str:
    """The Python annotation of `t`: `list[MessagePartResponse]`, `str | None`, `Literal["text"]`...

    `shadowed` lists lowercase names (`date`, `str`...) that must be spelled so that a class
    attribute of the same name cannot hide them (see `SHADOW_SAFE`).
    """
    return spell(t, direction=direction, shadowed=shadowed, forms=forms).text()


def imports(
    t: TypeRef, *, direction: Direction = "response", shadowed: frozenset[str] = frozenset(), forms: Forms = _NO_FORMS
) -> frozenset[Import]:
    """What a module must import to use `annotation(t, ...)` with the same arguments."""
    return spell(t, direction=direction, shadowed=shadowed, forms=forms).imports


def spell(
    t: TypeRef, *, direction: Direction = "response", shadowed: frozenset[str] = frozenset(), forms: Forms = _NO_FORMS
) -> Spelling:
    """The annotation of `t` in parts (see `Spelling`)."""
    found: set[Import] = set()
    inner = _inner(t, _Context(direction, shadowed, forms), found)
    constraints = constraint_arguments(t) if direction != "param" else ()
    if constraints:
        found |= {_PYDANTIC["Field"], _TYPING["Annotated"]}
    nullable = is_nullable(t)
    return Spelling(inner, constraints, nullable, frozenset(found))


def _annotated(inner: str, arguments: tuple[tuple[str, str], ...]) -> str:
    if not arguments:
        return inner
    return f"Annotated[{inner}, Field({', '.join(f'{k}={v}' for k, v in arguments)})]"


def _bare_builtins(text: str) -> frozenset[str]:
    words = set(text.replace("[", " ").replace("]", " ").replace(",", " ").replace("|", " ").split())
    return frozenset(words & {"str", "int", "float", "bool", "bytes", "list", "dict"})


def _name(name: str, shadowed: frozenset[str], found: set[Import]) -> str:
    if name in shadowed and name in SHADOW_SAFE:
        spelled, needed = SHADOW_SAFE[name]
        found.add(needed)
        return spelled
    if name in _DATETIME:
        found.add(_DATETIME[name])
    return name


class _Context(NamedTuple):
    direction: Direction
    shadowed: frozenset[str]
    forms: Forms


def _inner(t: TypeRef, context: _Context, found: set[Import]) -> str:
    shadowed = context.shadowed
    match t:
        case StringType(format=format_):
            return _name(_FORMATS.get(format_ or "", "str"), shadowed, found)
        case IntegerType():
            return _name("int", shadowed, found)
        case NumberType():
            return _name("float", shadowed, found)
        case BooleanType():
            return _name("bool", shadowed, found)
        case NullType():
            return "None"
        case AnyType():
            found.add(_TYPING["Any"])
            return "Any"
        case ArrayOf(items=items):
            return f"{_name('list', shadowed, found)}[{_item(items, context, found)}]"
        case MapOf(values=values):
            key = _name("str", shadowed, found)
            return f"{_name('dict', shadowed, found)}[{key}, {_item(values, context, found)}]"
        case ModelRef(name=name):
            return _model(name, context, found)
        case LiteralOf(values=values):
            return _literal(values, context.direction, shadowed, found)
        case UnionOf():
            return _union(t, context, found)
        case _:
            assert_never(t)


def _model(name: str, context: _Context, found: set[Import]) -> str:
    form = context.forms.get(name) if context.direction == "param" else None
    if form is None:
        found.add(Import(TYPES_MODULE, name))
        return name
    found |= form.imports
    return form.spelling


def _item(t: TypeRef, context: _Context, found: set[Import]) -> str:
    part = spell(t, direction=context.direction, shadowed=context.shadowed, forms=context.forms)
    found |= part.imports
    return part.text()


def _literal(values: tuple[Any, ...], direction: Direction, shadowed: frozenset[str], found: set[Import]) -> str:
    if not values:
        found.add(_TYPING["Any"])
        return "Any"
    if not all(is_literal_value(v) for v in values):
        # `Literal` holds strings, integers and booleans only: fall back to the values' types.
        kinds = sorted({_json_type(v) for v in values})
        found |= {_TYPING["Any"]} if "Any" in kinds else set()
        return " | ".join(_name(k, shadowed, found) if k != "Any" else k for k in kinds)
    found.add(_TYPING["Literal"])
    spelled = f"Literal[{', '.join(python_literal(v) for v in values)}]"
    if direction == "response" and len(values) > 1 and all(isinstance(v, str) for v in values):
        found.add(_RUNTIME["OpenLiteral"])
        return f"OpenLiteral[{spelled}]"
    return spelled


# pydantic-core and mypy take integers in a `Literal` only within 64 bits.
_LITERAL_INT_RANGE = range(-(2**63), 2**63)


def is_literal_value(value: Any) -> bool:
    """Whether `value` can be spelled in a `Literal[...]`: a string, a boolean or a 64-bit integer."""
    return isinstance(value, str | bool) or (isinstance(value, int) and value in _LITERAL_INT_RANGE)


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if value is None:
        return "None"
    return "Any"


def _union(t: UnionOf, context: _Context, found: set[Import]) -> str:
    direction = context.direction
    if t.discriminator is not None and t.discriminator.mapping:
        mapping = t.discriminator.mapping
        if direction != "response":
            return " | ".join(dict.fromkeys(_model(model, context, found) for _, model in mapping))
        for _, model in mapping:
            found.add(Import(TYPES_MODULE, model))
        found |= {_TYPING["Annotated"], _PYDANTIC["Tag"], _RUNTIME["UnknownVariant"], _RUNTIME["OpenUnion"]}
        return (
            f"Annotated[{tagged_variants(t)} | UnknownVariant, OpenUnion({python_literal(t.discriminator.property)})]"
        )
    parts = [_item(v, context, found) for v in t.variants]
    return " | ".join(dict.fromkeys(parts))


def tagged_variants(t: UnionOf) -> str:
    """`Annotated[TextPart, Tag("text")] | ...`: one choice per value of a discriminated union."""
    assert t.discriminator is not None
    return " | ".join(f"Annotated[{model}, Tag({python_literal(value)})]" for value, model in t.discriminator.mapping)


def constraint_arguments(t: TypeRef) -> tuple[tuple[str, str], ...]:
    """`Field` keyword arguments for the constraints of `t` (empty for kinds they don't apply to).

    A string whose format is read into another Python type (`date-time` as a `datetime`, `date`
    as a `date`) gets none: its lengths and pattern are the wire text's, which pydantic cannot
    apply to the value it builds (it raises `TypeError` when a response is parsed). The wire text
    is checked where it exists: the query parameter table of `_params.py`, the mock.
    """
    match t:
        case StringType(format=format_) if format_ in _FORMATS:
            return ()
        case StringType(constraints=c):
            lengths = _arguments(("min_length", c.min_length), ("max_length", c.max_length))
            checkable = c.pattern is not None and rust_regex_compatible(c.pattern)
            pattern = (("pattern", string_literal(c.pattern or "", raw=True)),) if checkable else ()
            return lengths + pattern
        case IntegerType(constraints=c) | NumberType(constraints=c):
            return _arguments(*_bound_arguments(c, integer=isinstance(t, IntegerType)))
        case ArrayOf(constraints=c):
            return _arguments(("min_length", c.min_items), ("max_length", c.max_items))
        case BooleanType() | NullType() | MapOf() | ModelRef() | UnionOf() | LiteralOf() | AnyType():
            return ()
        case _:
            assert_never(t)


def _bound_arguments(c: Constraints, *, integer: bool) -> list[tuple[str, float | None]]:
    """Numeric bounds; an integer's whole-valued bounds are spelled as integers (`ge=0`, not `ge=0.0`)."""
    bounds = [
        ("ge", c.minimum),
        ("le", c.maximum),
        ("gt", c.exclusive_minimum),
        ("lt", c.exclusive_maximum),
        ("multiple_of", c.multiple_of),
    ]
    return [(key, int(v) if integer and v is not None and float(v).is_integer() else v) for key, v in bounds]


def _arguments(*pairs: tuple[str, Any]) -> tuple[tuple[str, str], ...]:
    """The pairs that have a value, the value as Python source."""
    return tuple((key, python_literal(value)) for key, value in pairs if value is not None)


# What pydantic-core's regex engine (Rust's `regex`) does not support: lookaround and backreferences.
_NOT_RUST_REGEX = re.compile(r"\(\?<?[=!]|\\[1-9]|\\k<|\(\?P=")


def rust_regex_compatible(pattern: str) -> bool:
    """Whether pydantic can check `pattern` in a `Field`; the others are checked by the JSON
    Schema validation of the mock and the client's parameter checks only."""
    return _NOT_RUST_REGEX.search(pattern) is None


def python_literal(value: Any) -> str:
    """A JSON value as Python source: `"text"`, `10`, `True`, `None`, `["a", 1]`, `{"k": None}`."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return f'float("{value}")'
        return repr(value).replace("e+", "e")  # ruff writes `1e300`, not `1e+300`
    if isinstance(value, str):
        return string_literal(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(python_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{string_literal(str(k))}: {python_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"not a JSON value: {value!r}")


def string_literal(text: str, *, raw: bool = False) -> str:
    """A Python string literal of `text` (see `generator.emit.escape`); a raw one for patterns when readable."""
    return escape.python_pattern(text) if raw else escape.python_string(text)


def string_tuple(items: Iterable[str]) -> str:
    """A tuple literal of strings: `("a",)`, `("a", "b")`, `()`."""
    spelled = [escape.python_string(item) for item in items]
    return "(" + ", ".join(spelled) + ("," if len(spelled) == 1 else "") + ")"


def is_open_string_enum(values: tuple[Any, ...]) -> bool:
    """True when an enum model becomes an `OpenEnum` class (all values strings)."""
    return bool(values) and all(isinstance(v, str) for v in values)


def is_open_int_enum(values: tuple[Any, ...]) -> bool:
    """True when an enum model becomes an `OpenIntEnum` class (all values integers)."""
    return bool(values) and all(isinstance(v, int) and not isinstance(v, bool) and is_literal_value(v) for v in values)


def enum_member_names(values: tuple[Any, ...]) -> tuple[str, ...]:
    """Member names for enum values: `iMessage` -> `I_MESSAGE`, `QUEUED` -> `QUEUED`, 1 -> `VALUE_1`.

    The IR carries no member names, so they are derived here, with `generator.ir.naming`.
    """
    taken: set[str] = set()
    names = []
    for value in values:
        base = naming.python_identifier(str(value), fallback="value").upper().rstrip("_")
        if not base or base.startswith("_"):
            base = "VALUE" + base
        names.append(naming.unique(base, taken))
    return tuple(names)


def request_enum_annotation(model: Model) -> str:
    """A parameter of an enum model that also takes the plain values: `ServiceType | Literal[...]`.

    `annotation()` sees only a TypeRef (the model's name), so a caller holding the `Api` can
    use this for parameters whose type is an enum model. `Literal` holds strings, integers and
    booleans only: an enum of other values (`0.5`) is taken as the model alone.
    """
    if not model.enum_values or not all(is_literal_value(v) for v in model.enum_values):
        return model.name
    values = ", ".join(python_literal(v) for v in model.enum_values)
    return f"{model.name} | Literal[{values}]"
