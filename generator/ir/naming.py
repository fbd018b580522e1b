"""Every name the generated code uses is decided here: snake_case, PascalCase, keywords, clashes."""

from __future__ import annotations

import keyword
import re
import unicodedata

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
        "self",
        "cls",
    }
)
# Names a resource attribute or method must not take on a generated client class.
RESERVED_CLIENT_ATTRIBUTES = frozenset(
    {"with_raw_response", "with_streaming_response", "with_options", "close", "aclose", "request"}
)

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def _ascii_words(name: str) -> list[str]:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = _WORD_BOUNDARY.sub("_", text)
    return [word for word in re.split(r"[^A-Za-z0-9]+", text) if word]


def snake_case(name: str) -> str:
    """`listMessagesThread` -> `list_messages_thread`; `HTTPStatus` -> `http_status`."""
    words = _ascii_words(name)
    return "_".join(word.lower() for word in words)


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


def field_name(name: str) -> str:
    """The Python attribute for a model field or parameter: `from` -> `from_`."""
    return python_identifier(name, reserved=RESERVED_ATTRIBUTES, fallback="field")


def method_name(name: str) -> str:
    return python_identifier(name, reserved=RESERVED_CLIENT_ATTRIBUTES, fallback="call")


def class_name(name: str, *, fallback: str = "Model") -> str:
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


def operation_fallback_name(method: str, path: str) -> str:
    """A method name for an operation without operationId: `GET /pets/{id}` -> `get_pets_id`."""
    return snake_case(f"{method} {path}")
