"""Read a JSON spec with the positions of its pointers, without composing it as YAML.

`loader.read_document` reads JSON through PyYAML, which keeps a mark for every node but needs
seconds for a large description (GitHub's REST API is 13 MB). Here the data comes from `json.loads`
(C speed) and the positions from one regex pass over the text. The pass gives the same
(line, column) pairs and the same duplicate-key problems as the YAML route, so a problem found
later points at the same place whichever reader produced the document.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from pathlib import Path

from generator.document.loader import JSON
from generator.errors import SourceLocation, SpecProblem

Positions = dict[str, tuple[int, int]]

# Whitespace between JSON tokens (JSON allows exactly these four characters).
_WS = r"[ \t\n\r]*"
# A string, unrolled (`[^"\\]*` runs between escapes) so that long strings match at C speed.
_STRING_BODY = r'[^"\\]*(?:\\.[^"\\]*)*'
# A value that contains no pointer below it: a string, a number, a literal or an empty container.
# `json.loads` has already accepted the text, so these patterns only need to tell tokens apart.
_LEAF = rf'(?:"{_STRING_BODY}"|[-0-9tfnNI][^ \t\n\r,\]}}]*|\{{{_WS}\}}|\[{_WS}\])'

# Each alternative swallows the whitespace, the leaf value and the comma that follow it, so that a
# member or an item with a leaf value is a single match, and an object's `{` or `}` is matched
# together with the key after it. The group that closes last tells the alternatives apart
# (`Match.lastindex`); a key group holds the key as written, without its quotes:
#   1     a member key
#   2     `{` opening a non-empty object, with its first key
#   3     `}` or `]` closing a container, then a comma and the next key of the enclosing object
#   None  `}` or `]` closing a container, nothing more
#   4     `[` opening a non-empty array; the group ends where the first item starts
#   5     `,` between array items; the group ends where the next item starts
_MEMBER_REST = rf"{_WS}:{_WS}(?:{_LEAF}{_WS})?(?:,{_WS})?"
_TOKEN = re.compile(
    rf'"({_STRING_BODY})"{_MEMBER_REST}'
    rf'|\{{{_WS}"({_STRING_BODY})"{_MEMBER_REST}'
    rf'|[}}\]]{_WS}(?:,{_WS}"({_STRING_BODY})"{_MEMBER_REST})?'
    rf"|\[({_WS})(?:{_LEAF}{_WS})?"
    rf"|,({_WS})(?:{_LEAF}{_WS})?",
    re.DOTALL,
)
_KEY, _OPEN_OBJECT, _CLOSE_THEN_KEY, _OPEN_ARRAY, _NEXT_ITEM = range(1, 6)

# The line breaks YAML counts: a JSON file read by `read_document` numbers its lines this way, so
# NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR inside strings start a new line here too.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_NEWLINE = re.compile("\n")


def read_json(text: str, path: Path) -> tuple[JSON, Positions, list[SpecProblem]]:
    """Data (as json.loads gives it), positions of every pointer exactly as read_document records
    them for the same file through YAML, and duplicate-key problems.

    Raises `json.JSONDecodeError` when `text` is not JSON; the caller decides how to report it.
    """
    data = json.loads(text)
    line_starts = _line_starts(text)
    root_start = len(text) - len(text.lstrip(" \t\n\r"))
    positions: Positions = {"": _position(line_starts, root_start)}
    problems: list[SpecProblem] = []
    if isinstance(data, dict | list) and data:
        _scan(text, line_starts, str(path), positions, problems)
    return data, positions, problems


def _line_starts(text: str) -> list[int]:
    """Offsets at which each line starts, for turning an offset into (line, column) by bisection.

    Most files break lines with LF only, which a literal pattern finds several times faster.
    """
    breaks = _LINE_BREAK if any(mark in text for mark in "\r\x85\u2028\u2029") else _NEWLINE
    return [0, *(match.end() for match in breaks.finditer(text))]


def _position(line_starts: list[int], offset: int) -> tuple[int, int]:
    """1-based (line, column), columns counted in characters as PyYAML counts them."""
    line = bisect_right(line_starts, offset)
    return line, offset - line_starts[line - 1] + 1


def _duplicate_key(file: str, line_starts: list[int], offset: int, pointer: str, key: str) -> SpecProblem:
    """The problem `read_document` reports for a key met twice in one object, at the later key."""
    line, column = _position(line_starts, offset)
    return SpecProblem(
        SourceLocation(file, line, column, pointer),
        f"duplicate key {key!r}; the later value would silently win",
        "remove or rename one of the two",
    )


def _scan(text: str, line_starts: list[int], file: str, positions: Positions, problems: list[SpecProblem]) -> None:
    """Record the position of every member key and array item of a non-empty container root.

    Mirrors `loader._compose_data`: a member's pointer is set at its key (a later duplicate key
    overwrites it), an item's pointer only if not set yet. Everything is in one loop because it
    runs about once per member or item, a million times for the largest descriptions.
    """
    stack: list[tuple[str, int, set[str]]] = []
    push, pop, bisect = stack.append, stack.pop, bisect_right  # (locals: this loop is the hot spot)
    single_line = len(line_starts) == 1  # a minified document: every position is on line 1
    container = ""  # pointer of the innermost open object or array
    index = -1  # in an array, the index of the latest item
    keys: set[str] = set()  # in an object, the keys met so far
    latest = ""  # pointer of the latest member or item: the one that a following `{` or `[` opens
    for match in _TOKEN.finditer(text):
        kind = match.lastindex
        if kind is None:
            container, index, keys = pop()
        elif kind <= _CLOSE_THEN_KEY:
            if kind == _OPEN_OBJECT:
                push((container, index, keys))
                container, index, keys = latest, -1, set()
            elif kind == _CLOSE_THEN_KEY:
                container, index, keys = pop()
            key = match[kind]
            if "\\" in key:
                key = json.loads(f'"{key}"')
            token = key.replace("~", "~0").replace("/", "~1") if "~" in key or "/" in key else key
            latest = f"{container}/{token}"
            offset = match.start(kind) - 1
            if key in keys:
                problems.append(_duplicate_key(file, line_starts, offset, latest, key))
            keys.add(key)
            if single_line:
                positions[latest] = (1, offset + 1)
            else:
                line = bisect(line_starts, offset)
                positions[latest] = (line, offset - line_starts[line - 1] + 1)
        else:  # an array item starts where the group ends
            if kind == _OPEN_ARRAY:
                push((container, index, keys))
                container, index, keys = latest, -1, set()
            index += 1
            latest = f"{container}/{index}"
            offset = match.end(kind)
            if latest not in positions:
                if single_line:
                    positions[latest] = (1, offset + 1)
                else:
                    line = bisect(line_starts, offset)
                    positions[latest] = (line, offset - line_starts[line - 1] + 1)
