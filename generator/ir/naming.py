"""Every name the generated code uses is decided here: snake_case, PascalCase, keywords, clashes."""

from __future__ import annotations

import functools
import keyword
import re
import unicodedata
from collections.abc import Iterable

# Attributes of pydantic's BaseModel and of our runtime that a field must not shadow.
RESERVED_ATTRIBUTES = frozenset(
    {
        "copy",
        "dict",
        "json",
        "schema",
        "schema_json",
        "construct",
        "validate",
        "fields",
        "parse_obj",
        "parse_raw",
        "parse_file",
        "from_orm",
        "update_forward_refs",
        "model_config",
        "model_fields",
        "model_extra",
        "model_fields_set",
        "model_computed_fields",
        "model_construct",
        "model_copy",
        "model_dump",
        "model_dump_json",
        "model_json_schema",
        "model_parametrized_name",
        "model_post_init",
        "model_rebuild",
        "model_validate",
        "model_validate_json",
        "model_validate_strings",
        # the generated models' own helpers (templates/models/_models.py.jinja)
        "to_dict",
        "to_json",
        "is_unknown",
        "is_known",
        "self",
        "cls",
    }
)
# Names a resource attribute or method must not take on a generated resource class.
RESERVED_CLIENT_ATTRIBUTES = frozenset(
    {"with_raw_response", "with_streaming_response", "with_options", "close", "aclose", "request"}
)
# What the client classes themselves define (templates/runtime/_base_client.py and the client
# template): a resource or an operation outside any resource must not take these names.
RESERVED_ROOT_ATTRIBUTES = RESERVED_CLIENT_ATTRIBUTES | frozenset(
    {
        "auth_headers",
        "base_url",
        "copy",
        "default_headers",
        "default_query",
        "drift_counts",
        "http_client",
        "is_closed",
        "max_retries",
        "timeout",
        "user_agent",
        "strict_responses",
        "validate_requests",
    }
)
# Longest Python name derived for a resource: it is also the name of a module file.
MAX_RESOURCE_NAME = 64

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")


@functools.lru_cache(maxsize=1 << 16)
def _ascii_words(name: str) -> tuple[str, ...]:
    # Cached: a large spec asks for the words of the same names (a header parameter of every
    # operation, a tag...) tens of thousands of times.
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = _WORD_BOUNDARY.sub("_", text)
    return tuple(word for word in _NOT_ALNUM.split(text) if word)


@functools.lru_cache(maxsize=1 << 16)
def snake_case(name: str) -> str:
    """`listMessagesThread` -> `list_messages_thread`; `HTTPStatus` -> `http_status`."""
    words = _ascii_words(name)
    return "_".join(word.lower() for word in words)


@functools.lru_cache(maxsize=1 << 16)
def pascal_case(name: str) -> str:
    """`message_part-response` -> `MessagePartResponse` (existing capitals kept)."""
    return "".join(word[:1].upper() + word[1:] for word in _ascii_words(name))


def python_identifier(name: str, *, reserved: frozenset[str] = frozenset(), fallback: str = "value") -> str:
    """A snake_case identifier for a wire name: keywords and reserved names get a trailing `_`."""
    identifier = snake_case(name) or fallback
    if identifier[0].isdigit():
        identifier = f"{fallback}_{identifier}"
    if keyword.iskeyword(identifier) or keyword.issoftkeyword(identifier) or identifier in reserved:
        identifier += "_"
    return identifier


# Names a generated method's arguments must not take: the options every method has and the
# names its body calls (`templates/package/resource.py.jinja`; its own locals start with `_`,
# which no derived name does).
RESERVED_ARGUMENTS = frozenset(
    {
        "self",
        "extra_headers",
        "extra_query",
        "extra_body",
        "timeout",
        "idempotency_key",
        "str",
        "isinstance",
        "cast",
        "given",
        "validate_request",
        "validate_params",
        "typing_extensions",
    }
)


def argument_name(name: str, taken: set[str]) -> str:
    """A method argument for a parameter or body field (`name`, already a Python name): `name`,
    or `name_` when the method needs that name itself; unique in `taken`."""
    return unique(f"{name}_" if name in RESERVED_ARGUMENTS else name, taken)


def field_names(wire_names: list[str]) -> list[str]:
    """Distinct Python attributes for the properties of one object, in order.

    A Python name never equals another property's wire name: with `user-name` and `user_name`
    in one object, `user_name` keeps its own spelling and `user-name` becomes `user_name2`, so
    that a value given by Python name cannot be read as the other property's wire name.
    """
    wanted = [field_name(name) for name in wire_names]
    taken: set[str] = set()
    result: dict[int, str] = {}
    # Properties whose wire name is already their Python name are named first.
    for index, (wire, py) in enumerate(zip(wire_names, wanted, strict=True)):
        if wire == py and py not in taken:
            result[index] = py
            taken.add(py)
    reserved_wires = set(wire_names)
    for index, py in enumerate(wanted):
        if index in result:
            continue
        candidate, counter = py, 2
        while candidate in taken or candidate in reserved_wires:
            candidate, counter = f"{py}{counter}", counter + 1
        result[index] = candidate
        taken.add(candidate)
    return [result[index] for index in range(len(wire_names))]


@functools.lru_cache(maxsize=1 << 16)
def field_name(name: str) -> str:
    """The Python attribute for a model field or parameter: `from` -> `from_`."""
    return python_identifier(name, reserved=RESERVED_ATTRIBUTES, fallback="field")


def method_name(name: str) -> str:
    return python_identifier(name, reserved=RESERVED_CLIENT_ATTRIBUTES, fallback="call")


@functools.lru_cache(maxsize=1 << 16)
def class_name(name: str, *, fallback: str = "Model") -> str:
    # Cached: every property of a large spec names the inline model it might hold.
    identifier = pascal_case(name) or fallback
    if identifier[0].isdigit():
        identifier = f"{fallback}{identifier}"
    if keyword.iskeyword(identifier):
        identifier += "_"
    return identifier


def unique(name: str, taken: set[str], folded: set[str] | None = None) -> str:
    """`name`, or `name2`, `name3`... whichever is free, ignoring case; records the result in `taken`.

    `folded`, when given, is kept as the lower-cased `taken`, which makes each call O(1) for the
    thousands of model names of a large spec.
    """
    lowered = folded if folded is not None else {t.lower() for t in taken}
    candidate, counter = name, 2
    while candidate in taken or candidate.lower() in lowered:
        candidate, counter = f"{name}{counter}", counter + 1
    taken.add(candidate)
    if folded is not None:
        folded.add(candidate.lower())
    return candidate


def param_type_names(models: Iterable[str], taken: Iterable[str]) -> dict[str, str]:
    """The `TypedDict` (or type alias) a caller writes for each model of `models`, in order:
    `MessageContent` -> `MessageContentParam`.

    `taken` holds every other class name of the package (all its models, resource classes,
    runtime and helper names): a name already used, ignoring case, gets a number
    (`MessageContentParam2`).
    """
    used = set(taken)
    folded = {name.lower() for name in used}
    return {model: unique(f"{model}Param", used, folded) for model in models}


def resource_name(name: str) -> str:
    """The attribute (and module) name of a resource: `User Admin` -> `user_admin`."""
    return python_identifier(name, reserved=RESERVED_ROOT_ATTRIBUTES, fallback="resource")[:MAX_RESOURCE_NAME]


# File names Windows refuses whatever their extension (`con.py`, `aux.py`, `com1.py`...).
WINDOWS_RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)


def module_names(groups: Iterable[str], exported: Iterable[str] = ()) -> list[str]:
    """A module file name under `types/` for each group of models, named after its first model
    (`ChatCreateParams` -> `chat_create_params`), in order.

    Names are snake_case identifiers of at most `MAX_RESOURCE_NAME` characters, distinct ignoring
    case (`Foo` and `foo` would share a file on a case-insensitive file system), never a Python
    keyword nor a name Windows reserves (`con_`, `com1_`), and never one of `exported`, the names
    the package re-exports, which a loaded submodule would overwrite as an attribute.
    """
    avoid = set(exported)
    taken: set[str] = set()
    result = []
    for group in groups:
        base = python_identifier(group, fallback="model")
        if len(base) > MAX_RESOURCE_NAME - 4:  # room for a number
            base = base[: MAX_RESOURCE_NAME - 4].rstrip("_")
        if keyword.iskeyword(base) or base in WINDOWS_RESERVED_NAMES:
            base += "_"
        candidate, counter = base, 2
        while candidate.lower() in taken or candidate in avoid or candidate in WINDOWS_RESERVED_NAMES:
            candidate, counter = f"{base}{counter}", counter + 1
        taken.add(candidate.lower())
        result.append(candidate)
    return result


def resource_module_names(parent: str, children: Iterable[str]) -> list[str]:
    """The modules of a resource's sub-resources inside the package `resources/<parent>/`, whose
    module `<parent>.py` holds the resource itself: each sub-resource's name, unless it is the
    parent's (`chats` in `chats`: `chats2`). Siblings already have distinct names, ignoring case."""
    taken = {parent}
    return [unique(child, taken) for child in children]


class MethodTreeNames:
    """Python names for the client's method tree, decided once for the whole spec.

    In each resource, child resources and methods share one namespace. Tags or operation ids
    that normalise to the same name (`user-admin`, `user_admin`, `User Admin`; `🎉` and
    `メッセージ`, which have no ASCII letters) get distinct names (`user_admin`, `user_admin2`...)
    in order of appearance, so that no operation is lost.
    """

    def __init__(self, credentials: frozenset[str] = frozenset()) -> None:
        self._resources: dict[tuple[str, ...], dict[str, str]] = {}
        self._taken: dict[tuple[str, ...], set[str]] = {}
        self._folded: dict[tuple[str, ...], set[str]] = {}  # each `_taken` set lower-cased
        self._root_reserved = RESERVED_ROOT_ATTRIBUTES | credentials

    def taken(self, parent: tuple[str, ...]) -> set[str]:
        if parent not in self._taken:
            self._taken[parent] = set(self._root_reserved if not parent else RESERVED_CLIENT_ATTRIBUTES)
            self._folded[parent] = {name.lower() for name in self._taken[parent]}
        return self._taken[parent]

    def resource_path(self, segments: tuple[str, ...]) -> tuple[str, ...]:
        """The Python path of the resources named `segments` in the spec."""
        path: tuple[str, ...] = ()
        for segment in segments:
            known = self._resources.setdefault(path, {})
            if segment not in known:
                known[segment] = unique(resource_name(segment), self.taken(path), self._folded[path])
            path = (*path, known[segment])
        return path

    def method(self, parent: tuple[str, ...], name: str) -> tuple[str, bool]:
        """A free method name in `parent` for `name`, and whether `name`'s own spelling was taken."""
        wanted = method_name(name)
        taken = self.taken(parent)
        folded = self._folded[parent]
        clash = wanted in taken or wanted.lower() in folded
        return unique(wanted, taken, folded), clash


def operation_fallback_name(method: str, path: str) -> str:
    """A method name for an operation without operationId: `GET /pets/{id}` -> `get_pets_id`."""
    return snake_case(f"{method} {path}")
