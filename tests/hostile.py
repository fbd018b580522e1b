"""Hostile names and texts for OpenAPI specs, and the harness that checks what the generator makes of them.

The generator promises that any *valid* OpenAPI 3.0/3.1 document gives a package that imports,
type-checks (`mypy --strict`), exposes every operation and sends every argument under its own
wire name, whatever the spec's names and texts are, and that nothing in a spec is ever executed.
This module lists the names and texts the tests throw at it (`tests/test_adversarial_specs.py`
draws from them with Hypothesis; `tests/test_hostile_specs.py` pins one known case each).

Alphabets
---------
Every pool below is a tuple of strings; a strategy draws single entries, pairs of entries glued
together, or (for texts) up to three entries concatenated. Plain names come first in each
strategy so that Hypothesis shrinks towards them: a minimal failing example keeps only the
hostile names it needs.

``KEYWORDS``
    Python keywords and soft keywords (``class``, ``from``, ``None``, ``async``, ``match``,
    ``case``, ``type``, ``_``).
``BUILTINS``
    Builtins a name could shadow: ``str``, ``int``, ``float``, ``bool``, ``list``, ``dict``,
    ``type``, ``id``, ``print``, ``object``, ``bytes``, ``len``, ``super``, ``property``...
``RUNTIME``
    Names the generated code itself uses, as imports, locals, arguments or attributes:
    ``SyncAPIResource``, ``AsyncAPIResource``, ``Body``, ``Headers``, ``Query``, ``Timeout``,
    ``NotGiven``, ``NOT_GIVEN``, ``FinalRequestOptions``, ``BaseModel``, ``Field``, ``Literal``,
    ``Any``, ``cast``, ``httpx``, ``typing_extensions``, ``validate_request``,
    ``validate_params``, ``given``, ``params``, ``body``, ``options``, ``self``, ``cls``,
    ``extra_headers``, ``extra_query``, ``extra_body``, ``timeout``, ``idempotency_key``,
    ``to_dict``, ``to_json``, ``model_dump``, ``model_config``, ``json``, ``copy``, and the
    client's own attributes (``base_url``, ``api_key``, ``auth_headers``, ``with_options``,
    ``with_raw_response``, ``close``, ``request``, ``max_retries``, ``http_client``...).
``DUNDERS``
    ``__init__``, ``__class__``, ``__dict__``, ``__slots__``, ``__all__``, ``__getattr__``,
    ``__name__``, ``__version__``, ``__``, ``___``.
``COLLIDING``
    Distinct wire names that normalise to one Python name: ``user-admin``, ``user_admin``,
    ``userAdmin``, ``User Admin``, ``USER_ADMIN``, ``UserAdmin``, ``user.admin``,
    ``user__admin``, ``-user-admin-``, and ``e`` + combining acute against precomposed ``é``.
``UNICODE``
    ``🎉``, ``メッセージ``, combining marks, right-to-left text and the RTL override (U+202E),
    Hebrew and Arabic, full-width Latin, ligatures (``ﬁ``), the Ohm sign (NFKC-equal to
    ``Ω``), dotted capital ``İ``, zero-width joiner and space.
``EMPTYISH``
    ``""``, ``" "``, tabs, no-break and ideographic spaces, a zero-width space.
``LONG``
    300+ characters: ``a`` * 300, ``A`` * 301, ``x-`` * 160, ``メ`` * 150, ``userAdmin`` * 40.
``NUMERICISH``
    Names that are numbers or literals elsewhere: ``1``, ``0``, ``2fa``, ``-1``, ``1e5``,
    ``NaN``, ``true``, ``null``, ``None``, ``True``.
``QUOTES``
    ``'``, ``"``, ``'''``, ``\"\"\"``, a backtick, triple backticks, ``it's``, ``say "hi"``.
``BACKSLASHES``
    A lone and a trailing backslash, ``\\n`` and ``\\x00`` and ``\\u0041`` and ``\\N{DASH}``
    spelled out (escape sequences that must stay text), ``C:\\dir\\``.
``CONTROL``, ``LINE_SEPARATORS``
    NUL, other C0 controls, ESC sequences, CR/LF, DEL, NEL (U+0085); the line and paragraph
    separators U+2028/U+2029.
``SURROGATES``
    Lone surrogates (``\\ud800``, ``\\udfff``, ``\\udc80``): only in descriptions and summaries
    of JSON specs, the one format that can carry them.
``TEMPLATE``
    Jinja delimiters (``{{``, ``}}``, ``{%``, ``%}``, ``{#``, ``#}``, ``{{ 7 * 7 }}``,
    ``{% raw %}``), format-string braces (``{x}``, ``{0}``, ``{}``, ``{!r}``) and ``%s``,
    ``%(x)s``, ``${x}``.
``CODE``
    Injection attempts that break out of a string, docstring, comment, f-string, dict literal,
    Jinja expression or shell command to create the file ``MARKER`` (an absolute path in the
    test's temporary folder, substituted by `substitute_marker`): ``"; import os;
    os.system('touch MARKER')``, ``\"\"\"; open('MARKER','w') #``, ``'); __import__('os')
    .system('touch MARKER') #``, ``"}; open('MARKER','w'); x={"``, a newline followed by a
    statement, ``{{ cycler.__init__.__globals__.os.system('touch MARKER') }}``, ``$(touch
    MARKER)``...
``CODE_NO_SPACE``
    The same without whitespace, for places that cannot hold a space (header names):
    ``X-Key"};open('MARKER','w');x={"``, ``x'+open('MARKER','w').name+'``...
``PATH_LITERALS``
    Literal path segments made of URL path characters only: keywords, dunders, collisions,
    ``it's``, ``a(b)``, ``x;y=z``, ``!$&'()*+,;=:@``, ``x'+open('MARKER','w').name+'``,
    ``メッセージ``.
``ENUM_NUMBERS``
    Numeric and boolean enums: ``[0.5, 1.5]``, ``[-0.5, 1e-07]``, ``[1, 1.5]``, negative and big
    integers (``2**53 + 1``, ``2**63``, ``-(2**63) - 1``, ``10**30``), ``[true, false]`` and
    untyped mixed enums where Python's ``1 == True`` bites (``[1, true]``, ``[0, false, "0"]``).

Where names go and what keeps the spec valid
--------------------------------------------
The specs stay valid OpenAPI; the hostile part is only what OpenAPI allows:

- components keys (schemas, security schemes) match ``^[a-zA-Z0-9._-]+$`` as OpenAPI
  requires: keywords, builtins, runtime names, dunders, ``user-admin`` style collisions, long
  and numeric names;
- path parameter names contain no ``{``, ``}``, ``/``, ``?``, ``#``, ``%`` nor control
  characters (the template must match), and path literals only URL path characters
  (``'``, ``(``, ``)``, ``;``, ``=``, ``@``, ``!``... included);
- header parameter and apiKey header names are non-empty printable ASCII without whitespace
  and ``:`` (quotes, braces, backticks, ``;`` allowed), distinct ignoring case, never a header
  the client sets itself (``Accept``, ``Content-Type``, ``Authorization``, ``User-Agent``,
  ``Idempotency-Key``, ``Cookie``...); apiKey cookie names also avoid ``;``, ``=`` and ``,``;
- query parameter names, property names, tags, operationIds (unique) and string enum values
  (unique) may be anything but a lone surrogate (``""`` and whitespace-only included, except
  for parameter names and operationIds, which are non-empty);
- server URLs are ``https://api.example.test/`` followed by printable text without braces
  (braces would be server variables);
- texts (titles, versions, descriptions, summaries, examples, defaults) are anything;
  descriptions and summaries of JSON specs may hold lone surrogates;
- values the tests send are typed by the schema: strings and numbers in headers and paths
  (booleans only in queries and bodies), enums pick one of their values.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import inspect
import json
import keyword
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import yaml
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent

# --- alphabets ---------------------------------------------------------------------------------

PLAIN_NAMES = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta")

KEYWORDS = tuple(keyword.kwlist) + tuple(keyword.softkwlist)
BUILTINS = (
    "str",
    "int",
    "float",
    "bool",
    "list",
    "dict",
    "set",
    "tuple",
    "bytes",
    "object",
    "type",
    "id",
    "print",
    "len",
    "range",
    "super",
    "property",
    "classmethod",
    "staticmethod",
    "Exception",
    "ValueError",
)
RUNTIME = (
    "SyncAPIResource",
    "AsyncAPIResource",
    "APIResource",
    "Body",
    "Headers",
    "Query",
    "Timeout",
    "NotGiven",
    "NOT_GIVEN",
    "Omit",
    "FinalRequestOptions",
    "BaseModel",
    "Field",
    "Literal",
    "Any",
    "Optional",
    "cast",
    "httpx",
    "pydantic",
    "typing",
    "typing_extensions",
    "annotations",
    "validate_request",
    "validate_params",
    "given",
    "path_param",
    "params",
    "body",
    "options",
    "self",
    "cls",
    "extra_headers",
    "extra_query",
    "extra_body",
    "timeout",
    "idempotency_key",
    "to_dict",
    "to_json",
    "model_dump",
    "model_config",
    "model_fields",
    "json",
    "copy",
    "base_url",
    "api_key",
    "auth_headers",
    "with_options",
    "with_raw_response",
    "with_streaming_response",
    "close",
    "request",
    "max_retries",
    "http_client",
    "default_headers",
    "validate_requests",
    "strict_responses",
    "drift_counts",
    "_client",
    "types",
    "resources",
)
DUNDERS = ("__init__", "__class__", "__dict__", "__slots__", "__all__", "__getattr__", "__name__", "__version__", "__")
COLLIDING = (
    "user-admin",
    "user_admin",
    "userAdmin",
    "User Admin",
    "USER_ADMIN",
    "UserAdmin",
    "user.admin",
    "user__admin",
    "-user-admin-",
    "e\u0301",
    "\u00e9",
)
UNICODE = (
    "🎉",
    "メッセージ",
    "a\u0301\u0302",
    "\u202eadmin",
    "שלום",
    "مرحبا",
    "ｕｓｅｒ",
    "\ufb01le",
    "\u2126",
    "\u03a9",
    "\u0130",
    "a\u200db",
)
EMPTYISH = ("", " ", "   ", "\t", "\u00a0", "\u3000", "\u200b")
LONG = ("a" * 300, "A" * 301, "x-" * 160, "メ" * 150, "userAdmin" * 40)
NUMERICISH = ("1", "0", "2fa", "-1", "1e5", "NaN", "true", "null", "None", "True")
QUOTES = ("'", '"', "'''", '"""', "`", "```", "it's", 'say "hi"', "\"'", "''''")
BACKSLASHES = ("\\", "a\\", "\\\\", "\\n", "\\x00", "\\u0041", "\\N{DASH}", "C:\\dir\\")
CONTROL = ("\x00", "a\x00b", "\x01", "\x07", "\x1b[31mred", "\n", "\r\n", "a\rb", "\x0b", "\x0c", "\x7f", "\x85")
LINE_SEPARATORS = ("\u2028", "\u2029")
SURROGATES = ("\ud800", "a\udfffb", "\udc80")
TEMPLATE = (
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "{{ 7 * 7 }}",
    "{% raw %}",
    "{% endraw %}",
    "{x}",
    "{0}",
    "{}",
    "{!r}",
    "%s",
    "%(x)s",
    "${x}",
)
CODE = (
    "\"; import os; os.system('touch MARKER')",
    "\\\"\\\"\\\"; open('MARKER','w') #",
    "\"\"\"; open('MARKER','w') #",
    "'''; open('MARKER','w') #",
    "'); __import__('os').system('touch MARKER') #",
    "\"}; open('MARKER','w'); x={\"",
    "\n__import__('os').system('touch MARKER')\n",
    "\\\n__import__('os').system('touch MARKER')",
    "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
    "$(touch MARKER)",
    "`touch MARKER`",
)
# Variants without whitespace, usable where a name cannot hold a space (header names).
CODE_NO_SPACE = (
    "X-Key\"};open('MARKER','w');x={\"",
    "x'+open('MARKER','w').name+'",
    'x"+open("MARKER","w").name+"',
    "x'];open('MARKER','w');['",
    "x{__import__('os').system('touch${IFS}MARKER')}",
)
# URL path characters only: usable as literal path segments.
PATH_LITERALS = (
    "",
    "class",
    "__init__",
    "self",
    "user-admin",
    "user_admin",
    "it's",
    "a(b)",
    "x;y=z",
    "@me",
    "~tilde",
    "!$&'()*+,;=:@",
    "x'+open('MARKER','w').name+'",
    "メッセージ",
)
NAME_POOLS: dict[str, tuple[str, ...]] = {
    "KEYWORDS": KEYWORDS,
    "BUILTINS": BUILTINS,
    "RUNTIME": RUNTIME,
    "DUNDERS": DUNDERS,
    "COLLIDING": COLLIDING,
    "UNICODE": UNICODE,
    "EMPTYISH": EMPTYISH,
    "LONG": LONG,
    "NUMERICISH": NUMERICISH,
    "QUOTES": QUOTES,
    "BACKSLASHES": BACKSLASHES,
    "CONTROL": CONTROL,
    "LINE_SEPARATORS": LINE_SEPARATORS,
    "TEMPLATE": TEMPLATE,
    "CODE": CODE,
    "CODE_NO_SPACE": CODE_NO_SPACE,
}
HOSTILE_NAMES: tuple[str, ...] = tuple(dict.fromkeys(name for pool in NAME_POOLS.values() for name in pool))

INT_ENUMS: tuple[list[Any], ...] = ([0, 1], [-1, 2**63], [2**53 + 1, -(2**63) - 1], [10**30, 7])
NUMBER_ENUMS: tuple[list[Any], ...] = ([0.5, 1.5], [-0.5, 1e-07], [1, 1.5], [-2.25, 1e300])
BOOL_ENUMS: tuple[list[Any], ...] = ([True, False], [True], [False])
MIXED_ENUMS: tuple[list[Any], ...] = ([1, True], [0, False, "0"], ["1", 1, 1.5])
ENUM_NUMBERS = INT_ENUMS + NUMBER_ENUMS + BOOL_ENUMS + MIXED_ENUMS

# Headers the client sets itself (or HTTP owns): a header parameter must not be one of them.
RESERVED_HEADERS = frozenset(
    {
        "accept",
        "accept-encoding",
        "authorization",
        "connection",
        "content-length",
        "content-type",
        "cookie",
        "host",
        "idempotency-key",
        "transfer-encoding",
        "user-agent",
        "x-hostile-check",
    }
)
# Keyword arguments every generated method has: no parameter or field may take these names.
RUNTIME_OPTIONS = frozenset({"extra_headers", "extra_query", "extra_body", "timeout", "idempotency_key", "self"})
MARKER = "MARKER"

# --- where a name can go ------------------------------------------------------------------------


def no_surrogate(text: str) -> bool:
    return not any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def is_component_key(name: str) -> bool:
    return re.fullmatch(r"[A-Za-z0-9._-]+", name) is not None


def is_header_name(name: str) -> bool:
    return (
        bool(name)
        and all(33 <= ord(c) < 127 and c != ":" for c in name)
        and name.lower() not in RESERVED_HEADERS
        and not name.lower().startswith("x-mock-")
    )


def is_cookie_name(name: str) -> bool:
    return is_header_name(name) and not any(c in name for c in ";=,")


def is_path_param_name(name: str) -> bool:
    return (
        bool(name.strip())
        and MARKER not in name
        and not any(c in name for c in "{}/?#%")
        and all(c.isprintable() for c in name)
        and no_surrogate(name)
    )


def is_query_name(name: str) -> bool:
    return bool(name) and no_surrogate(name)


def is_any_name(name: str) -> bool:
    return no_surrogate(name)


def is_header_value(text: str) -> bool:
    return all(32 <= ord(c) < 127 for c in text) and text == text.strip()  # ASCII: no surrogates


def is_url_text(text: str) -> bool:
    return all(c.isprintable() for c in text) and not any(c in text for c in "{}") and no_surrogate(text)


# --- strategies --------------------------------------------------------------------------------


@functools.cache
def names(accept: Callable[[str], bool] = is_any_name) -> st.SearchStrategy[str]:
    """A plain name, one hostile name, or two glued together; all accepted by `accept`."""
    pool = [name for name in HOSTILE_NAMES if accept(name)]
    plain = [name for name in PLAIN_NAMES if accept(name)]
    glued = st.tuples(st.sampled_from(pool), st.sampled_from(pool)).map("".join).filter(accept)
    return st.one_of(st.sampled_from(plain), st.sampled_from(pool), glued)


@functools.cache
def texts(*, surrogates: bool = False, accept: Callable[[str], bool] | None = None) -> st.SearchStrategy[str]:
    """Up to three hostile fragments (or plain words) concatenated."""
    pool = ["plain words", *HOSTILE_NAMES, *(SURROGATES if surrogates else ())]
    joined = st.lists(st.sampled_from(pool), max_size=3).map("".join)
    return joined if accept is None else joined.filter(accept)


def _unique_ci(name: str) -> str:
    return name.lower()


@dataclass
class SpecDraft:
    """A drawn spec and the facts the checks need that the IR does not keep."""

    spec: dict[str, Any]
    format: str  # "json" or "yaml"

    def dumps(self) -> str:
        if self.format == "json":
            return json.dumps(self.spec, indent=1, ensure_ascii=True)
        return yaml.safe_dump(self.spec, allow_unicode=False, sort_keys=False, width=float("inf"))


def _schema_for(draw: Any, location: str, enum_refs: dict[str, list[Any]], version: str) -> dict[str, Any]:
    """A parameter or property schema that values can be made for (see `sentinel`)."""
    kinds = ["string", "integer"]
    if location != "path":
        kinds += ["number", "enum"]
        if enum_refs:
            kinds.append("ref")
    if location in ("query", "body"):
        kinds.append("boolean")
    kind = draw(st.sampled_from(kinds))
    if kind == "ref":
        usable = [k for k, values in enum_refs.items() if location != "header" or _header_enum(values)]
        if not usable:
            return {"type": "string"}
        return {"$ref": f"#/components/schemas/{draw(st.sampled_from(usable))}"}
    if kind == "enum":
        return _enum_schema(draw, location)
    schema: dict[str, Any] = {"type": kind}
    if kind == "string" and draw(st.booleans()):
        example = draw(texts(accept=no_surrogate))
        if version.startswith("3.0"):
            schema["example"] = example
        else:
            schema["examples"] = [example]
    if draw(st.booleans()):
        schema["default"] = {
            "string": draw(texts(accept=no_surrogate)),
            "integer": draw(st.sampled_from([0, -1, 2**63])),
            "number": 0.5,
            "boolean": True,
        }[kind]
    return schema


def _header_enum(values: list[Any]) -> bool:
    return all(
        (isinstance(v, str) and is_header_value(v)) or (isinstance(v, int | float) and not isinstance(v, bool))
        for v in values
    )


def _enum_schema(draw: Any, location: str) -> dict[str, Any]:
    kinds = ["string", "integer", "number"]
    if location in ("query", "body"):
        kinds += ["boolean", "mixed"]
    kind = draw(st.sampled_from(kinds))
    if kind == "string":
        accept = is_header_value if location == "header" else no_surrogate
        values: list[Any] = draw(st.lists(names(accept), min_size=1, max_size=3, unique=True))
        return {"type": "string", "enum": values}
    pools = {"integer": INT_ENUMS, "number": NUMBER_ENUMS, "boolean": BOOL_ENUMS, "mixed": MIXED_ENUMS}
    values = list(draw(st.sampled_from(pools[kind])))
    return {"enum": values} if kind == "mixed" else {"type": kind, "enum": values}


def _object_schema(draw: Any, enum_refs: dict[str, list[Any]], version: str, text: Any) -> dict[str, Any]:
    props = draw(st.lists(names(), min_size=1, max_size=4, unique=True))
    properties = {}
    for prop in props:
        schema = _schema_for(draw, "body", enum_refs, version)
        if draw(st.booleans()) and "$ref" not in schema:
            schema["description"] = draw(text)
        properties[prop] = schema
    required = [p for p in props if draw(st.booleans())]
    result: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        result["required"] = required
    if draw(st.booleans()):
        result["description"] = draw(text)
    return result


@st.composite
def hostile_specs(draw: Any) -> SpecDraft:
    """A valid OpenAPI 3.0/3.1 document whose names and texts come from the hostile alphabets."""
    fmt = draw(st.sampled_from(("yaml", "json")))
    version = draw(st.sampled_from(("3.0.3", "3.1.0")))
    text = texts(surrogates=fmt == "json")
    data_text = texts(accept=no_surrogate)
    spec: dict[str, Any] = {
        "openapi": version,
        "info": {"title": draw(data_text), "version": draw(data_text), "description": draw(text)},
        "servers": [{"url": "https://api.example.test/" + draw(texts(accept=is_url_text))}],
    }

    # Security: apiKey schemes in header, query and cookie, maybe a bearer scheme; all required.
    scheme_keys = draw(st.lists(names(is_component_key), max_size=3, unique=True))
    schemes: dict[str, Any] = {}
    auth_names: dict[str, set[str]] = {"header": set(), "query": set(), "cookie": set()}
    for key in scheme_keys:
        where = draw(st.sampled_from(("header", "query", "cookie", "bearer")))
        if where == "bearer":
            schemes[key] = {"type": "http", "scheme": "bearer", "description": draw(text)}
            continue
        accept = {"header": is_header_name, "query": is_query_name, "cookie": is_cookie_name}[where]
        wire = draw(names(accept).filter(lambda n, w=where: _unique_ci(n) not in auth_names[w]))
        auth_names[where].add(_unique_ci(wire))
        schemes[key] = {"type": "apiKey", "in": where, "name": wire}
    if any(s.get("type") == "http" for s in schemes.values()):
        auth_names["header"].add("authorization")

    # Schemas: object models (bodies and responses) and enum models (referenced by properties).
    keys = draw(st.lists(names(is_component_key), min_size=1, max_size=4, unique=True))
    enum_keys = [k for k in keys[1:] if draw(st.booleans())]
    enum_refs: dict[str, list[Any]] = {}
    schemas: dict[str, Any] = {}
    for key in enum_keys:
        schemas[key] = _enum_schema(draw, "body")
        enum_refs[key] = schemas[key]["enum"]
    object_keys = [k for k in keys if k not in enum_refs]
    for key in object_keys:
        schemas[key] = _object_schema(draw, enum_refs, version, text)

    tags = draw(st.lists(names(), min_size=1, max_size=3, unique=True))
    op_count = draw(st.integers(1, 3))
    operation_ids = draw(st.lists(names(bool), min_size=op_count, max_size=op_count, unique=True))
    paths: dict[str, Any] = {}
    for index, operation_id in enumerate(operation_ids):
        has_body = draw(st.booleans())
        method = draw(st.sampled_from(("post", "put", "patch") if has_body else ("get", "delete", "post")))
        literal = draw(st.sampled_from(PATH_LITERALS))
        path_names = draw(st.lists(names(is_path_param_name), max_size=2, unique=True))
        path = f"/p{index}" + (f"/{literal}" if literal else "") + "".join(f"/{{{n}}}" for n in path_names)
        path_params = [
            {"name": n, "in": "path", "required": True, "schema": _schema_for(draw, "path", enum_refs, version)}
            for n in path_names
        ]
        query_names = draw(
            st.lists(names(is_query_name).filter(lambda n: n not in auth_names["query"]), max_size=3, unique=True)
        )
        header_names = draw(
            st.lists(
                names(is_header_name).filter(lambda n: _unique_ci(n) not in auth_names["header"]),
                max_size=2,
                unique_by=_unique_ci,
            )
        )
        params = []
        for location, wire_names in (("query", query_names), ("header", header_names)):
            for name in wire_names:
                param: dict[str, Any] = {
                    "name": name,
                    "in": location,
                    "schema": _schema_for(draw, location, enum_refs, version),
                }
                if draw(st.booleans()):
                    param["required"] = True
                if draw(st.booleans()):
                    param["description"] = draw(text)
                params.append(param)
        operation: dict[str, Any] = {"operationId": operation_id}
        if draw(st.integers(0, 4)):  # mostly tagged: an untagged operation is one known case
            operation["tags"] = [draw(st.sampled_from(tags))]
        if draw(st.booleans()):
            operation["summary"] = draw(text)
        if draw(st.booleans()):
            operation["description"] = draw(text)
        item: dict[str, Any] = {}
        if path_params and draw(st.booleans()):
            item["parameters"] = path_params
            operation_params = params
        else:
            operation_params = path_params + params
        if operation_params:
            operation["parameters"] = operation_params
        if has_body:
            ref = {"$ref": f"#/components/schemas/{draw(st.sampled_from(object_keys))}"}
            body_schema = ref if draw(st.booleans()) else _object_schema(draw, enum_refs, version, text)
            operation["requestBody"] = {
                "required": draw(st.booleans()),
                "content": {"application/json": {"schema": body_schema}},
            }
        if draw(st.booleans()):
            response_key = draw(st.sampled_from(object_keys))
            operation["responses"] = {
                "200": {
                    "description": draw(text),
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{response_key}"}}},
                }
            }
        else:
            operation["responses"] = {"204": {"description": draw(text)}}
        item[method] = operation
        paths[path] = item
    spec["paths"] = paths
    components: dict[str, Any] = {"schemas": schemas}
    if schemes:
        components["securitySchemes"] = schemes
        spec["security"] = [{key: [] for key in schemes}]
    spec["components"] = components
    spec["tags"] = [{"name": tag, "description": draw(text)} for tag in tags]
    return SpecDraft(spec, fmt)


# --- the MARKER file ---------------------------------------------------------------------------


def substitute_marker(value: Any, marker: Path | str) -> Any:
    """`value` with every `MARKER` (in keys and strings) replaced by the marker's absolute path."""
    if isinstance(value, str):
        return value.replace(MARKER, str(marker))
    if isinstance(value, dict):
        return {substitute_marker(k, marker): substitute_marker(v, marker) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute_marker(v, marker) for v in value]
    return value


# --- running the generator ---------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=_clean_env(), check=False)


def generate(spec: Path, out: Path, package: str) -> subprocess.CompletedProcess[str]:
    """`python -m generator generate SPEC --out OUT --package PACKAGE`, as a user runs it."""
    return _cli("generate", str(spec), "--out", str(out), "--package", package)


def validate(spec: Path) -> subprocess.CompletedProcess[str]:
    """`python -m generator validate SPEC`."""
    return _cli("validate", str(spec))


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.endswith(("_BASE_URL", "_API_KEY", "_LOG"))}


LOCATED_ERROR = re.compile(
    r"^(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+) (?P<pointer>#\S*): error: (?P<message>.+)$", re.M
)


def failure_summary(result: subprocess.CompletedProcess[str]) -> str:
    """The line that says why the generator failed: the exception, ruff's parse error or the error."""
    lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
    if "Traceback (most recent call last)" in result.stderr:
        return "traceback: " + [line for line in result.stderr.splitlines() if line and not line.startswith(" ")][-1]
    for marker in ("Failed to parse", "internal error", ": error:", "error"):
        found = next((line for line in lines if marker in line), None)
        if found is not None:
            return found
    return lines[0] if lines else f"exit {result.returncode}, no stderr"


def failure_signature(result: subprocess.CompletedProcess[str]) -> str:
    """A short, name-free signature of a failed generation, for grouping distinct bugs."""
    stderr = result.stderr
    if "Traceback (most recent call last)" in stderr:
        last = [line for line in stderr.strip().splitlines() if line and not line.startswith(" ")][-1]
        return "traceback_" + last.split(":", 1)[0].rsplit(".", 1)[-1]
    internal = re.search(r"internal error: (\w+)", stderr)
    if internal:
        return "internal_error_" + internal.group(1)
    parse = re.search(r"Failed to parse (\S+?):\d+:\d+: (.*)", stderr)
    if parse:
        module = Path(parse.group(1)).name.removesuffix(".py")
        kind = re.sub(r"`[^`]*`|'[^']*'|\"[^\"]*\"", "", parse.group(2))
        return "unparsable_" + module.split("_", 1)[0] + "_" + re.sub(r"\W+", "_", kind).strip("_")[:40]
    if LOCATED_ERROR.search(stderr):
        return "refused"
    if "ruff failed" in stderr:
        return "ruff_failed"
    return f"exit{result.returncode}"


def assert_located_error(result: subprocess.CompletedProcess[str]) -> re.Match[str]:
    """Exit 1, no traceback, and a `file:line:col #/pointer: error: ...` line."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    match = LOCATED_ERROR.search(result.stderr)
    assert match is not None, result.stderr
    return match


def run_mypy(*paths: Path, cache_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    cache = ["--cache-dir", str(cache_dir)] if cache_dir is not None else ["--no-incremental"]
    command = [sys.executable, "-m", "mypy", "--strict", *cache, *map(str, paths)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)


def import_in_subprocess(src: Path, package: str) -> subprocess.CompletedProcess[str]:
    """Import the package and every module in it, in a fresh interpreter."""
    code = (
        "import importlib, pkgutil, sys\n"
        f"sys.path.insert(0, {str(src)!r})\n"
        f"module = importlib.import_module({package!r})\n"
        "for info in pkgutil.walk_packages(module.__path__, module.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_clean_env(), check=False)


def read_pyproject(out: Path) -> dict[str, Any]:
    return tomllib.loads((out / "pyproject.toml").read_text(encoding="utf-8"))


@contextlib.contextmanager
def imported(out: Path, package: str) -> Iterator[Any]:
    """The generated package imported in this process (removed from `sys.modules` afterwards)."""
    src = str(out / "src")
    sys.path.insert(0, src)
    try:
        module = importlib.import_module(package)
        yield module
    finally:
        sys.path.remove(src)
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]


def client_classes(module: Any) -> tuple[type, type]:
    """The (sync, async) client classes of a generated package."""
    base = importlib.import_module(module.__name__ + "._base_client")
    client_module = importlib.import_module(module.__name__ + "._client")
    sync = [
        c
        for c in vars(client_module).values()
        if isinstance(c, type) and issubclass(c, base.SyncAPIClient) and c.__module__ == client_module.__name__
    ]
    asynchronous = [
        c
        for c in vars(client_module).values()
        if isinstance(c, type) and issubclass(c, base.AsyncAPIClient) and c.__module__ == client_module.__name__
    ]
    assert len(sync) == 1 and len(asynchronous) == 1, (sync, asynchronous)
    return sync[0], asynchronous[0]


STANDARD_CLIENT_ARGUMENTS = frozenset(
    {
        "self",
        "base_url",
        "timeout",
        "max_retries",
        "default_headers",
        "default_query",
        "http_client",
        "validate_requests",
        "strict_responses",
    }
)


def credential_arguments(client_class: type) -> list[str]:
    """The constructor's credential arguments: every keyword that is not a standard option."""
    return [name for name in inspect.signature(client_class).parameters if name not in STANDARD_CLIENT_ARGUMENTS]


def body_arguments(body: Any) -> dict[str, str]:
    """{wire name: method argument} of a body's fields (the IR's `Body.argument_names`, which
    differ from the fields' model attribute names where a parameter or the method's own
    arguments took the name; older IRs had only `Field.py_name`)."""
    if body is None:
        return {}
    names = getattr(body, "argument_names", ()) or tuple(f.py_name for f in body.fields)
    return {f.name: name for f, name in zip(body.fields, names, strict=True) if not f.read_only}


# --- recording requests ------------------------------------------------------------------------


@dataclass
class Recorded:
    """One request as the client sent it."""

    method: str
    url: str
    path: str  # percent-decoded
    query: list[tuple[str, str]]
    headers: list[tuple[str, str]]  # raw names, in order
    body: Any
    timeout: Any

    def query_values(self, name: str) -> list[str]:
        return [v for k, v in self.query if k == name]

    def header_values(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def header_names(self) -> list[str]:
        return [k for k, _ in self.headers]

    def cookies(self) -> list[tuple[str, str]]:
        pairs = []
        for header in self.header_values("cookie"):
            for part in header.split("; "):
                name, _, value = part.partition("=")
                pairs.append((name, value))
        return pairs


def record(request: httpx.Request) -> Recorded:
    from urllib.parse import unquote

    try:
        body = json.loads(request.content) if request.content else None
    except ValueError:
        body = request.content.decode("utf-8", "replace")
    return Recorded(
        method=request.method,
        url=str(request.url),
        path=unquote(request.url.raw_path.split(b"?", 1)[0].decode("ascii")),
        query=list(request.url.params.multi_items()),
        headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw],
        body=body,
        timeout=request.extensions.get("timeout"),
    )


@dataclass
class Recorder:
    """An httpx transport that records each request and answers with `reply` (default 200 `{}`)."""

    reply: Callable[[httpx.Request], httpx.Response] = field(default=lambda _: httpx.Response(200, json={}))
    requests: list[Recorded] = field(default_factory=list)

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(record(request))
        return self.reply(request)

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self.handler))

    def async_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.MockTransport(self.handler))

    @property
    def last(self) -> Recorded:
        assert self.requests, "no request was sent"
        return self.requests[-1]


# --- values and how they look on the wire ------------------------------------------------------


def resolve(schema: Any, spec: Mapping[str, Any]) -> dict[str, Any]:
    while isinstance(schema, dict) and "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema if isinstance(schema, dict) else {}


def sentinel(schema: Any, spec: Mapping[str, Any], index: int, salt: str = "v") -> Any:
    """A value of the schema's type, distinct per `index` where the type allows."""
    resolved = resolve(schema, spec)
    if "enum" in resolved:
        values = resolved["enum"]
        return values[index % len(values)]
    kind = resolved.get("type")
    if kind == "integer":
        return 7000 + index
    if kind == "number":
        return 7000 + index + 0.5
    if kind == "boolean":
        return index % 2 == 1
    return f"{salt}{index}z"


def same_json(sent: Any, expected: Any) -> bool:
    """Equal as JSON values: numbers compared exactly, booleans never equal to numbers."""
    if isinstance(expected, bool) or isinstance(sent, bool):
        return type(sent) is type(expected) and sent == expected
    if isinstance(expected, int | float) and isinstance(sent, int | float):
        return Decimal(repr(sent)) == Decimal(repr(expected))
    if isinstance(expected, dict) and isinstance(sent, dict):
        return sent.keys() == expected.keys() and all(same_json(sent[k], expected[k]) for k in expected)
    if isinstance(expected, list) and isinstance(sent, list):
        return len(sent) == len(expected) and all(same_json(a, b) for a, b in zip(sent, expected, strict=True))
    return type(sent) is type(expected) and sent == expected


def same_text(sent: str, expected: Any) -> bool:
    """Whether a query/header/path text carries `expected` (`true`/`false` for booleans)."""
    if isinstance(expected, bool):
        return sent == ("true" if expected else "false")
    if isinstance(expected, int | float):
        try:
            return Decimal(sent) == Decimal(repr(expected))
        except ArithmeticError:
            return False
    return sent == expected
