"""Short strings that match a regular expression: values for schemas with a `pattern`.

The pattern is parsed with the standard library's own regex parser and walked: each repeat is
taken `min + stretch` times (within its bounds), each alternation takes its first branch, each
character class its first suitable member. Stretch 0, 1, 2, 4... is tried until the string both
matches the pattern and fits the length bounds. Deterministic and fast (a property-based
generator took seconds per pattern to set up, paid again in every worker process).

`re._parser` is private, so it is loaded dynamically and its tree read by opcode names; a
pattern it cannot read (JSON Schema patterns are ECMA 262, not Python) gives None.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

_parser: Any = importlib.import_module("re._parser")
UNBOUNDED = 1 << 16  # the parser's MAXREPEAT is larger: an open-ended repeat
_CANDIDATES = "a0A_-. ~bz9Z"
_CATEGORIES = {
    "CATEGORY_DIGIT": "0",
    "CATEGORY_NOT_DIGIT": "a",
    "CATEGORY_WORD": "a",
    "CATEGORY_NOT_WORD": "-",
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_SPACE": "a",
}
_PROBES = {"CATEGORY_DIGIT": re.compile(r"\d"), "CATEGORY_WORD": re.compile(r"\w"), "CATEGORY_SPACE": re.compile(r"\s")}


def matching(pattern: str, min_length: int = 0, max_length: int | None = None) -> str | None:
    """The shortest string this walk finds that matches `pattern` (search semantics, as JSON
    Schema has it) within the bounds, or None."""
    try:
        tree = _parser.parse(pattern)
        compiled = re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    for stretch in (0, 1, 2, 4, 8, 16, 32, 64, 128, 256):
        try:
            text = _Walk(stretch).items(tree)
        except (ValueError, RecursionError):
            return None
        if len(text) < min_length and "$" not in pattern:
            text += "a" * (min_length - len(text))  # unanchored: a longer string still matches
        if (max_length is None or len(text) <= max_length) and len(text) >= min_length and compiled.search(text):
            return text
    return None


class _Walk:
    def __init__(self, stretch: int) -> None:
        self.stretch = stretch
        self.groups: dict[int, str] = {}

    def items(self, items: Any) -> str:
        return "".join(self.item(str(op), argument) for op, argument in items)

    def item(self, op: str, argument: Any) -> str:
        if op == "LITERAL":
            return chr(argument)
        if op == "NOT_LITERAL":
            return "a" if chr(argument) != "a" else "b"
        if op == "ANY":
            return "a"
        if op == "IN":
            return self.member(argument)
        if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = argument
            count = low + self.stretch if high >= UNBOUNDED else min(high, low + self.stretch)
            return "".join(self.items(sub) for _ in range(count))
        if op == "SUBPATTERN":
            group, _, _, sub = argument
            text = self.items(sub)
            if group is not None:
                self.groups[group] = text
            return text
        if op == "ATOMIC_GROUP":
            return self.items(argument)
        if op == "BRANCH":
            return self.items(argument[1][0])
        if op == "GROUPREF":
            return self.groups.get(argument, "")
        if op == "GROUPREF_EXISTS":
            _, yes, no = argument
            return self.items(yes) if yes else (self.items(no) if no else "")
        if op == "CATEGORY":
            return _CATEGORIES.get(str(argument), "a")
        return ""  # AT (anchors), ASSERT, ASSERT_NOT: nothing to emit

    def member(self, members: Any) -> str:
        """The first candidate character the class accepts (for a negated class: rejects)."""
        negated = any(str(op) == "NEGATE" for op, _ in members)
        for char in _CANDIDATES + "".join(self.firsts(members)):
            if self.accepts(members, char) != negated:
                return char
        raise ValueError("no character fits the class")

    def firsts(self, members: Any) -> list[str]:
        found = []
        for op, argument in members:
            if str(op) == "LITERAL":
                found.append(chr(argument))
            elif str(op) == "RANGE":
                found.append(chr(argument[0]))
        return found

    def accepts(self, members: Any, char: str) -> bool:
        code = ord(char)
        for op, argument in members:
            name = str(op)
            if name == "LITERAL" and argument == code:
                return True
            if name == "RANGE" and argument[0] <= code <= argument[1]:
                return True
            if name == "CATEGORY":
                positive = not str(argument).startswith("CATEGORY_NOT_")
                probe = _PROBES.get(str(argument).replace("NOT_", ""))
                if probe is not None and bool(probe.fullmatch(char)) == positive:
                    return True
        return False
