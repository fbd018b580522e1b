"""JSON Schema 2019-09/2020-12 keywords (OpenAPI 3.1) that the IR does not model, compared raw.

`contains`/`minContains`/`maxContains`, `dependentRequired`, `dependentSchemas`,
`if`/`then`/`else`, `prefixItems`, `propertyNames`, `patternProperties`,
`unevaluatedProperties`/`unevaluatedItems`, `contentMediaType`/`contentEncoding`/`contentSchema`,
`minProperties`/`maxProperties` and `x-extensible-enum` are read from a schema's JSON
(`schema_json` in the IR, `$ref`s not followed: a referenced model is compared on its own).

Each change tightens (fewer values valid), loosens (more values valid) or changes the schema in
a way that cannot be ordered. Tightening a request schema breaks callers; loosening a response
schema breaks readers (the previous client may reject what now arrives); a change that cannot
be ordered breaks both.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, Literal

from generator.document.loader import array_index, join_pointer
from generator.release.changes.findings import Direction, Finding, finding

Effect = Literal["tightened", "loosened", "changed"]
# Keywords whose value is a schema compared as a whole.
_WHOLE = ("contains", "if", "then", "else", "propertyNames", "contentSchema")
# Keywords that name a media type or an encoding: any change is a different payload.
_CONTENT = ("contentMediaType", "contentEncoding")
# Keywords whose value is a map of schemas or lists, compared key by key.
_MAPS = ("dependentSchemas", "patternProperties")
# (keyword, default, True when a higher value tightens)
_COUNTS: tuple[tuple[str, float, bool], ...] = (
    ("minContains", 1, True),
    ("maxContains", float("inf"), False),
    ("minProperties", 0, True),
    ("maxProperties", float("inf"), False),
)
# Sub-schemas walked into (a model's nested schemas that are not models of their own).
_NESTED_ONE = ("items", "additionalProperties", "not")
_NESTED_MANY = ("allOf", "anyOf", "oneOf")


def _text(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _restrictive(value: Any) -> bool:
    """Whether an `unevaluated*` value rejects anything (absent and `true` accept everything)."""
    return value is not None and value is not True and value != {}


def _keyword_effects(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[tuple[str, Effect, str]]:
    """(keyword, effect, text) for each keyword of one schema level."""
    for keyword in _WHOLE:
        a, b = old.get(keyword), new.get(keyword)
        if a == b:
            continue
        if a is None:
            yield keyword, "tightened", f"`{keyword}` {_text(b)} added"
        elif b is None:
            yield keyword, "loosened", f"`{keyword}` {_text(a)} removed"
        else:
            yield keyword, "changed", f"`{keyword}` changed from {_text(a)} to {_text(b)}"
    for keyword in _CONTENT:
        a, b = old.get(keyword), new.get(keyword)
        if a != b:
            yield keyword, "changed", f"`{keyword}` changed from {_text(a)} to {_text(b)}"
    for keyword, default, higher_tightens in _COUNTS:
        a, b = old.get(keyword, default), new.get(keyword, default)
        if a != b:
            tightened = (b > a) == higher_tightens
            yield keyword, "tightened" if tightened else "loosened", f"`{keyword}` changed from {a} to {b}"
    for keyword in _MAPS:
        yield from _map_effects(keyword, old.get(keyword) or {}, new.get(keyword) or {})
    yield from _dependent_required(old.get("dependentRequired") or {}, new.get("dependentRequired") or {})
    yield from _prefix_items(old.get("prefixItems") or [], new.get("prefixItems") or [])
    for keyword in ("unevaluatedProperties", "unevaluatedItems"):
        a, b = old.get(keyword), new.get(keyword)
        if a == b or (not _restrictive(a) and not _restrictive(b)):
            continue
        text = f"`{keyword}` changed from {_text(a)} to {_text(b)}"
        if not _restrictive(a):
            yield keyword, "tightened", text
        elif not _restrictive(b):
            yield keyword, "loosened", text
        else:
            yield keyword, "changed", text


def _map_effects(keyword: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[tuple[str, Effect, str]]:
    for key in sorted(new.keys() - old.keys()):
        yield keyword, "tightened", f"`{keyword}` `{key}` added"
    for key in sorted(old.keys() - new.keys()):
        yield keyword, "loosened", f"`{keyword}` `{key}` removed"
    for key in sorted(old.keys() & new.keys()):
        if old[key] != new[key]:
            yield keyword, "changed", f"`{keyword}` `{key}` changed from {_text(old[key])} to {_text(new[key])}"


def _dependent_required(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[tuple[str, Effect, str]]:
    keyword = "dependentRequired"
    for key in sorted(old.keys() | new.keys()):
        a, b = set(old.get(key) or ()), set(new.get(key) or ())
        if a == b:
            continue
        text = f"`{keyword}` of `{key}` changed from {sorted(a)} to {sorted(b)}"
        if a < b:
            yield keyword, "tightened", text
        elif b < a:
            yield keyword, "loosened", text
        else:
            yield keyword, "changed", text


def _prefix_items(old: list[Any], new: list[Any]) -> Iterator[tuple[str, Effect, str]]:
    keyword = "prefixItems"
    for index, (a, b) in enumerate(zip(old, new, strict=False)):
        if a != b:
            yield keyword, "changed", f"`{keyword}` entry {index} changed from {_text(a)} to {_text(b)}"
    # An entry removed leaves that position to `items`; one added describes a position that
    # `items` described before. What changes depends on `items`, so follow oasdiff: removing a
    # positional entry is read as a tightening, adding one as a loosening.
    if len(new) > len(old):
        yield keyword, "loosened", f"`{keyword}` entries added ({len(old)} -> {len(new)})"
    elif len(new) < len(old):
        yield keyword, "tightened", f"`{keyword}` entries removed ({len(old)} -> {len(new)})"


def _extensible_enum(old: Mapping[str, Any], new: Mapping[str, Any], direction: Direction) -> Iterator[Finding]:
    a, b = old.get("x-extensible-enum"), new.get("x-extensible-enum")
    if not isinstance(a, list) or not isinstance(b, list):
        return
    removed = [v for v in a if v not in b]
    added = [v for v in b if v not in a]
    if removed and direction == "request":
        yield finding("x-extensible-enum", "request-extensible-enum-value-removed", values=_values(removed))
    if added and direction == "response":
        yield finding("x-extensible-enum", "response-extensible-enum-value-added", values=_values(added))


def _values(items: list[Any]) -> str:
    return ", ".join(f"`{_text(v)}`" for v in items)


def _rule_for(effect: Effect, direction: Direction) -> str:
    if effect == "changed":
        return f"{direction}-schema-keyword-{'tightened' if direction == 'request' else 'loosened'}"
    return f"{direction}-schema-keyword-{effect}"


def keyword_findings(
    old: Any, new: Any, direction: Direction, pointer: str = "", skip: frozenset[str] = frozenset(), where: str = ""
) -> list[tuple[str, Finding]]:
    """(where in the schema, finding) for every keyword change, walking nested schemas.

    `where` is a dotted path from the schema's root (`.tags`, `.tags[]`); a nested schema whose
    pointer is in `skip` is a model of its own and compared as such.
    """
    if not isinstance(old, dict) or not isinstance(new, dict) or old == new:
        return []
    found: list[tuple[str, Finding]] = []
    for keyword, effect, text in _keyword_effects(old, new):
        rule_id = _rule_for(effect, direction)
        found.append((where, finding(f"{where}:{keyword}:{text}", rule_id, text=text)))
    found += [(where, f) for f in _extensible_enum(old, new, direction)]
    nested: list[tuple[tuple[str, ...], str]] = []
    for name in sorted(set(old.get("properties") or {}) & set(new.get("properties") or {})):
        nested.append((("properties", name), f"{where}.{name}"))
    nested += [((keyword,), f"{where}[]" if keyword == "items" else f"{where}<{keyword}>") for keyword in _NESTED_ONE]
    for keyword in _NESTED_MANY:
        count = min(len(old.get(keyword) or ()), len(new.get(keyword) or ()))
        nested += [((keyword, str(i)), f"{where}<{keyword} {i}>") for i in range(count)]
    for tokens, inner_where in nested:
        inner_pointer = join_pointer(pointer, *tokens)
        if inner_pointer in skip:
            continue
        a, b = _follow(old, tokens), _follow(new, tokens)
        found += keyword_findings(a, b, direction, inner_pointer, skip, inner_where)
    return found


def _follow(schema: Mapping[str, Any], tokens: tuple[str, ...]) -> Any:
    node: Any = schema
    for token in tokens:
        if isinstance(node, list):
            index = array_index(token, len(node))
            node = node[index] if index is not None else None
        elif isinstance(node, dict):
            node = node.get(token)
        else:
            return None
    return node
