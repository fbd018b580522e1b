"""Strings that match a regular expression, for schemas with a `pattern`.

The pattern is parsed by Python's own regex parser and walked: each node produces text that
it matches (character classes pick a member, repeats pick a count, alternations a branch).
Unbounded repeats are kept short. Anchors and look-arounds produce nothing.
"""

from __future__ import annotations

import random
import re._constants as sre_constants  # the parser behind `re` (Python 3.11+)
import re._parser as sre_parse
import string
from typing import Any

_PRINTABLE = string.ascii_letters + string.digits + "-_."
_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: string.digits,
    sre_constants.CATEGORY_NOT_DIGIT: string.ascii_letters,
    sre_constants.CATEGORY_WORD: string.ascii_letters + string.digits + "_",
    sre_constants.CATEGORY_NOT_WORD: "-.,:",
    sre_constants.CATEGORY_SPACE: " ",
    sre_constants.CATEGORY_NOT_SPACE: string.ascii_letters + string.digits,
}
_UNBOUNDED_EXTRA = 6


def generate(pattern: str, rng: random.Random) -> str:
    """A string matching `pattern` (as `re.search` reads it)."""
    groups: dict[int, str] = {}
    return _emit(sre_parse.parse(pattern), rng, groups)


def _emit(nodes: Any, rng: random.Random, groups: dict[int, str]) -> str:
    out: list[str] = []
    for op, arg in nodes:
        out.append(_node(op, arg, rng, groups))
    return "".join(out)


def _node(op: Any, arg: Any, rng: random.Random, groups: dict[int, str]) -> str:
    if op is sre_constants.LITERAL:
        return chr(arg)
    if op is sre_constants.NOT_LITERAL:
        return rng.choice([c for c in _PRINTABLE if ord(c) != arg])
    if op is sre_constants.ANY:
        return rng.choice(string.ascii_letters)
    if op is sre_constants.IN:
        return _class(arg, rng)
    if op is sre_constants.BRANCH:
        return _emit(rng.choice(arg[1]), rng, groups)
    if op is sre_constants.SUBPATTERN:
        group, _add, _del, sub = arg
        text = _emit(sub, rng, groups)
        if group is not None:
            groups[group] = text
        return text
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)):
        low, high, sub = arg
        high = low + _UNBOUNDED_EXTRA if high is sre_constants.MAXREPEAT else high
        count = rng.randint(low, max(low, min(high, low + _UNBOUNDED_EXTRA)))
        return "".join(_emit(sub, rng, groups) for _ in range(count))
    if op is sre_constants.GROUPREF:
        return groups.get(arg, "")
    if op is getattr(sre_constants, "ATOMIC_GROUP", None):
        return _emit(arg, rng, groups)
    if op is sre_constants.CATEGORY:
        return rng.choice(_CATEGORIES.get(arg, string.ascii_letters))
    # AT (anchors), ASSERT, ASSERT_NOT and anything exotic produce no text.
    return ""


def _class(items: list[tuple[Any, Any]], rng: random.Random) -> str:
    negate = bool(items) and items[0][0] is sre_constants.NEGATE
    members: set[str] = set()
    for op, arg in items[1:] if negate else items:
        if op is sre_constants.LITERAL:
            members.add(chr(arg))
        elif op is sre_constants.RANGE:
            low, high = arg
            members.update(chr(c) for c in range(low, min(high, low + 200) + 1))
        elif op is sre_constants.CATEGORY:
            members.update(_CATEGORIES.get(arg, ""))
    if negate:
        allowed = [c for c in _PRINTABLE if c not in members]
        return rng.choice(allowed or ["~"])
    return rng.choice(sorted(members)) if members else ""
