"""Read a JSON spec with the positions of its pointers, without composing it as YAML.

`loader.read_document` reads JSON through PyYAML, which keeps a mark for every node but needs
seconds for a large description (GitHub's REST API is 13 MB). Here the data comes from `json.loads`
(C speed) and the positions from one regex pass over the text. The pass gives the same
(line, column) pairs and the same duplicate-key problems as the YAML route, so a problem found
later points at the same place whichever reader produced the document.

The loader reads JSON through `read_json_lazily`: a run locates a handful of pointers, so a
document without duplicate keys keeps its text and finds a pointer's position when asked
(`LazyPositions`), giving what the full scan would.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, cast

from generator.document.loader import ARRAY_INDEX, JSON
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


def read_json_lazily(text: str, path: Path) -> tuple[JSON, Mapping[str, tuple[int, int]], list[SpecProblem]]:
    """What `read_json` returns, with the positions found only when one is asked for.

    Most runs locate a handful of pointers (a warning, an error), and the scan of every pointer
    costs about as much as the rest of loading a large description. A document with a duplicate
    key (`json.loads` is told each object's members, at C speed) is scanned in full as before:
    its problems and positions then depend on which of the two members came later.

    Raises `json.JSONDecodeError` when `text` is not JSON; the caller decides how to report it.
    """
    duplicated = False

    def members(pairs: list[tuple[str, JSON]]) -> dict[str, JSON]:
        nonlocal duplicated
        result = dict(pairs)
        if len(result) != len(pairs):
            duplicated = True
        return result

    data = json.loads(text, object_pairs_hook=members)
    if duplicated:
        return read_json(text, path)
    return data, LazyPositions(text), []


# The end of the whitespace run at an offset (the pattern matches everywhere, if only empty).
_skip_ws = cast(Callable[[str, int], "re.Match[str]"], re.compile(_WS).match)
# A value's (data, end offset) from its first character; a string's (text, end) after its quote.
_scan_value = cast(Callable[[str, int], tuple[JSON, int]], json.scanner.make_scanner(cast(Any, json.JSONDecoder())))
_scan_string = cast(Callable[[str, int], tuple[str, int]], vars(json.decoder)["scanstring"])  # (not in the stubs)


class LazyPositions(Mapping[str, tuple[int, int]]):
    """The positions `read_json` gives a JSON text without duplicate keys, each found on demand.

    A pointer is followed from the root through the text: each object or array on the way is read
    member by member (the values skipped at C speed by the `json` scanner) only as far as the
    member wanted, and what was read is kept for the next lookup. Iterating scans the whole text.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._line_starts: list[int] | None = None
        self._counted = 0  # lookups answered without `_line_starts`
        self._root = len(text) - len(text.lstrip(" \t\n\r"))
        # By the offset of a container's `{`: its members' (key offset, value offset) read so far
        # and where reading resumes: [offset (-1 once the closing brace is reached), whether a
        # value starts there that is still to be skipped].
        self._objects: dict[int, tuple[dict[str, tuple[int, int]], list[Any]]] = {}
        # By the offset of an array's `[`: its items' offsets read so far, and where reading resumes.
        self._arrays: dict[int, tuple[list[int], list[Any]]] = {}
        self._all: Positions | None = None

    def _offset(self, pointer: str) -> int | None:
        """The offset `read_json` records for `pointer` (a key's quote, an item's first
        character), or None when the text has no such pointer."""
        if not pointer:
            return self._root
        if pointer[0] != "/":
            return None
        text = self._text
        value = self._root
        found = value
        for token in pointer[1:].split("/"):
            opening = text[value] if value < len(text) else ""
            if opening == "{":
                key = token
                if "~" in token:
                    key = token.replace("~1", "/").replace("~0", "~")
                    if key.replace("~", "~0").replace("/", "~1") != token:
                        return None  # not a pointer `read_json` writes (`~2`)
                member = self._member(value, key)
                if member is None:
                    return None
                found, value = member
            elif opening == "[":
                if ARRAY_INDEX.fullmatch(token) is None:
                    return None
                item = self._item(value, int(token))
                if item is None:
                    return None
                found = value = item
            else:
                return None
        return found

    def _member(self, start: int, key: str) -> tuple[int, int] | None:
        entry = self._objects.get(start)
        if entry is None:
            entry = self._objects[start] = ({}, [start + 1, False])
        members, resume = entry
        found = members.get(key)
        if found is not None or resume[0] < 0:
            return found
        text, ws = self._text, _skip_ws
        at = resume[0]
        # The member found last is where the lookup went on: its value is skipped only now.
        at = ws(text, _scan_value(text, at)[1] if resume[1] else at).end()
        while True:
            mark = text[at]
            if mark == "}":
                resume[0] = -1
                return None
            if mark == ",":
                at = ws(text, at + 1).end()
            name, after = _scan_string(text, at + 1)
            value = ws(text, ws(text, after).end() + 1).end()  # past the colon
            members[name] = (at, value)
            if name == key:
                resume[:] = value, True
                return members[name]
            at = ws(text, _scan_value(text, value)[1]).end()

    def _item(self, start: int, index: int) -> int | None:
        entry = self._arrays.get(start)
        if entry is None:
            entry = self._arrays[start] = ([], [start + 1, False])
        items, resume = entry
        if index < len(items):
            return items[index]
        if resume[0] < 0:
            return None
        text, ws = self._text, _skip_ws
        at = resume[0]
        at = ws(text, _scan_value(text, at)[1] if resume[1] else at).end()  # (as in `_member`)
        while True:
            mark = text[at]
            if mark == "]":
                resume[0] = -1
                return None
            if mark == ",":
                at = ws(text, at + 1).end()
            items.append(at)
            if index < len(items):
                resume[:] = at, True
                return at
            at = ws(text, _scan_value(text, at)[1]).end()

    def _position(self, offset: int) -> tuple[int, int]:
        if self._line_starts is None:
            text = self._text
            if self._counted < 16 and all(text.find(mark, 0, offset) < 0 for mark in "\r\x85\u2028\u2029"):
                # A few lookups (a warning or two) count the line breaks before the offset, at C
                # speed; more pay for the table of line starts once.
                self._counted += 1
                start = text.rfind("\n", 0, offset) + 1
                return text.count("\n", 0, start) + 1, offset - start + 1
            self._line_starts = _line_starts(text)
        return _position(self._line_starts, offset)

    def __getitem__(self, pointer: str) -> tuple[int, int]:
        offset = self._offset(pointer)
        if offset is None:
            raise KeyError(pointer)
        return self._position(offset)

    def __contains__(self, pointer: object) -> bool:
        return isinstance(pointer, str) and self._offset(pointer) is not None

    def _every(self) -> Positions:
        if self._all is None:
            self._all = read_json(self._text, Path())[1]
        return self._all

    def __iter__(self) -> Iterator[str]:
        return iter(self._every())

    def __len__(self) -> int:
        return len(self._every())
