"""Lay out the long lines of emitted Python as ruff's formatter does, without running ruff.

The templates write every line the way `ruff format` (line length 120) writes it when it fits. A
line whose length depends on the spec may not fit: a parameter whose annotation lists forty enum
values, a field with a long `Field(...)`, the table of parameter schemas, an example call in the
README. `fit_long_lines` rewrites such a line with ruff's layout: a document of groups, indents
and conditional line breaks, built from the line's syntax tree as ruff builds it for that kind of
node, and printed by the algorithm of ruff's printer (a group is printed flat when it fits up to
the next place the line could break, else its line breaks are taken; see `_Printer`).

Only what the emitters write is covered: names, attributes, calls, subscripts, `|` unions,
`or`/`and`, literals, lists, tuples, sets and dicts; in annotated and plain assignments,
expression and `return` statements, imports, decorators, class headers, and as the parameters,
arguments or entries of a bracket that already has one item a line, or the return annotation
after such parameters. Widths are counted as ruff counts them, two columns for a wide East
Asian character; a line with a character whose width ruff takes from tables this module does not
carry (a combining accent, say) is left as it is, and so is a line of any other shape.

A file whose long lines were all handled comes back as a `FormattedText`;
`formatted_by_construction` vouches for it, and otherwise checks that every line fits or is one
ruff leaves alone. The writer sends ruff the files it cannot vouch for
(`generator.emit.writer.format_tree`).
"""

from __future__ import annotations

import ast
import functools
import re
import unicodedata
from collections.abc import Callable
from typing import Any, NamedTuple

LINE_LENGTH = 120
_INDENT = 4


class Unsupported(Exception):
    """A line this module does not know how ruff lays out."""


def text_width(text: str) -> int:
    """The columns ruff counts for `text`: one per character, two for a wide East Asian one.

    Raises `Unsupported` for a character whose width this module cannot tell as ruff does (a
    combining mark, a format or unassigned character...): ruff then decides for that line.
    """
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if char.isascii():
            width += 1
            continue
        category = unicodedata.category(char)
        if category[0] in "MCZ" and category != "Zs":
            raise Unsupported(f"the width of U+{ord(char):04X}")
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _fits_width(line: str, width: int) -> bool | None:
    """Whether `line` fits in `width` columns; None where that cannot be told (`text_width`)."""
    if len(line) > 2 * width:
        return False
    try:
        return text_width(line) <= width
    except Unsupported:
        # Every character takes at most two columns.
        return True if len(line) + sum(not char.isascii() for char in line) <= width else None


# --- documents ----------------------------------------------------------------------------------
# A document is a `str` (text without line breaks), a `list` of documents, one of the line breaks
# below, or one of the classes below.


class _Line:
    __slots__ = ("kind",)

    def __init__(self, kind: str) -> None:
        self.kind = kind


SOFT = _Line("soft")  # nothing when flat
SOFT_SPACE = _Line("soft_space")  # a space when flat
HARD = _Line("hard")
EXPAND_PARENT = _Line("expand_parent")  # no output: the enclosing group cannot be flat

FLAT, EXPANDED = "flat", "expanded"


class Group:
    __slots__ = ("expand", "id", "items")

    def __init__(self, items: Any, id: int | None = None, expand: bool = False) -> None:
        self.items = items
        self.id = id
        self.expand = expand


class ConditionalGroup:
    """A group only while the group `condition_id` is printed in `mode`; plain content otherwise."""

    __slots__ = ("condition_id", "expand", "items", "mode")

    def __init__(self, items: Any, condition_id: int, mode: str) -> None:
        self.items = items
        self.condition_id = condition_id
        self.mode = mode
        self.expand = False


class Indent:
    __slots__ = ("items",)

    def __init__(self, items: Any) -> None:
        self.items = items


class IfMode:
    """`items` only when the group `group_id` (the enclosing group if None) is printed in `mode`."""

    __slots__ = ("group_id", "items", "mode")

    def __init__(self, items: Any, mode: str, group_id: int | None = None) -> None:
        self.items = items
        self.mode = mode
        self.group_id = group_id


class IndentIfGroupBreaks:
    __slots__ = ("group_id", "items")

    def __init__(self, items: Any, group_id: int) -> None:
        self.items = items
        self.group_id = group_id


class FitsExpanded:
    """Measured (in a flat line) with all its line breaks taken, its lines free to run long, while
    the group `condition_id` is flat: only what comes before and after it must fit. So breaking a
    bracket inside optional parentheses does not make the parentheses appear. Expanding it does
    not expand the enclosing groups."""

    __slots__ = ("condition_id", "items", "propagate")

    def __init__(self, items: Any, condition_id: int | None) -> None:
        self.items = items
        self.condition_id = condition_id
        self.propagate = False


class AllLinesFit:
    """Measured with all its line breaks taken, every line having to fit; printed as it is."""

    __slots__ = ("items",)

    def __init__(self, items: Any) -> None:
        self.items = items


class BestFitting:
    """The first variant whose first line fits when printed flat; else the last, expanded."""

    __slots__ = ("variants",)

    def __init__(self, variants: list[Any]) -> None:
        self.variants = variants


class BestFitParenthesize:
    """`items` as they are when they fit; else in parentheses on their own indented line when
    that fits; else as they are (ruff's layout of a value that has no line break of its own)."""

    __slots__ = ("id", "items")

    def __init__(self, items: Any, id: int) -> None:
        self.items = items
        self.id = id


def _propagate(doc: Any) -> bool:
    """Mark every group that holds a hard line break or an `EXPAND_PARENT` as expanded, and
    return whether `doc` holds one (best-fitting variants and `FitsExpanded` stop it)."""
    if isinstance(doc, str):
        return False
    if isinstance(doc, list):
        found = False
        for item in doc:
            found = _propagate(item) or found
        return found
    if isinstance(doc, _Line):
        return doc is HARD or doc is EXPAND_PARENT
    if isinstance(doc, Group | ConditionalGroup):
        if _propagate(doc.items):
            doc.expand = True
        return doc.expand
    if isinstance(doc, FitsExpanded):
        doc.propagate = _propagate(doc.items)
        return False
    if isinstance(doc, BestFitting):
        for variant in doc.variants:
            _propagate(variant)
        return False
    return _propagate(doc.items)


# --- printer ------------------------------------------------------------------------------------

# How far `_fits` measures: up to the first line break; every line; every line, letting text
# run past the width (only what comes before and after matters).
_FIRST_LINE, _ALL_LINES, _ALL_LINES_OVERFLOW = 0, 1, 2

# A command: (indent level, mode, document, measure mode).
_Command = tuple[int, str, Any, int]


class _Printer:
    def __init__(self, width: int = LINE_LENGTH) -> None:
        self.width = width
        self.out: list[str] = []
        self.line_width = 0
        self.pending_indent: int | None = None
        self.measured_group_fits = False
        self.group_modes: dict[int, str] = {}

    def print(self, doc: Any, indent: int) -> str:
        _propagate(doc)
        self.pending_indent = indent
        stack: list[_Command] = [(indent, EXPANDED, doc, _FIRST_LINE)]
        while stack:
            self._print(stack.pop(), stack)
        return "".join(self.out)

    def _text(self, text: str) -> None:
        if self.pending_indent is not None:
            self.out.append(" " * (self.pending_indent * _INDENT))
            self.line_width += self.pending_indent * _INDENT
            self.pending_indent = None
        self.out.append(text)
        self.line_width += text_width(text)

    def _group_mode(
        self, command: _Command, items: Any, expand: bool, group_id: int | None, stack: list[_Command]
    ) -> str:
        indent, mode, _, _ = command
        if expand:
            return EXPANDED
        if mode == FLAT and self.measured_group_fits:
            return FLAT
        self.measured_group_fits = True
        if group_id is not None:
            self.group_modes[group_id] = FLAT
        return FLAT if self._fits([(indent, FLAT, items, _FIRST_LINE)], stack) else EXPANDED

    def _print(self, command: _Command, stack: list[_Command]) -> None:
        indent, mode, doc, _ = command
        if isinstance(doc, str):
            self._text(doc)
        elif isinstance(doc, list):
            stack.extend((indent, mode, item, _FIRST_LINE) for item in reversed(doc))
        elif isinstance(doc, _Line):
            if doc is EXPAND_PARENT:
                return
            if mode == FLAT and doc is not HARD:
                if doc is SOFT_SPACE:
                    self._text(" ")
                return
            if self.line_width > 0:
                self.out.append("\n")
                self.line_width = 0
                self.measured_group_fits = False
            self.pending_indent = indent
        elif isinstance(doc, Group):
            group_mode = self._group_mode(command, doc.items, doc.expand, doc.id, stack)
            if doc.id is not None:
                self.group_modes[doc.id] = group_mode
            stack.append((indent, group_mode, doc.items, _FIRST_LINE))
        elif isinstance(doc, ConditionalGroup):
            if self.group_modes[doc.condition_id] == doc.mode:
                group_mode = self._group_mode(command, doc.items, doc.expand, None, stack)
                stack.append((indent, group_mode, doc.items, _FIRST_LINE))
            else:
                stack.append((indent, mode, doc.items, _FIRST_LINE))
        elif isinstance(doc, Indent):
            stack.append((indent + 1, mode, doc.items, _FIRST_LINE))
        elif isinstance(doc, IfMode):
            group_mode = mode if doc.group_id is None else self.group_modes[doc.group_id]
            if group_mode == doc.mode:
                stack.append((indent, mode, doc.items, _FIRST_LINE))
        elif isinstance(doc, IndentIfGroupBreaks):
            expanded = self.group_modes[doc.group_id] == EXPANDED
            stack.append((indent + expanded, mode, doc.items, _FIRST_LINE))
        elif isinstance(doc, FitsExpanded | AllLinesFit):
            if isinstance(doc, AllLinesFit) or doc.condition_id is None or self.group_modes[doc.condition_id] == FLAT:
                self.measured_group_fits = False
            stack.append((indent, mode, doc.items, _FIRST_LINE))
        elif isinstance(doc, BestFitting):
            if mode == FLAT and self.measured_group_fits:
                stack.append((indent, mode, doc.variants[0], _FIRST_LINE))
                return
            self.measured_group_fits = True
            for variant in doc.variants[:-1]:
                if self._fits([(indent, FLAT, variant, _FIRST_LINE)], stack):
                    stack.append((indent, FLAT, variant, _FIRST_LINE))
                    return
            stack.append((indent, EXPANDED, doc.variants[-1], _FIRST_LINE))
        elif isinstance(doc, BestFitParenthesize):
            group_mode = self._group_mode(command, doc.items, False, doc.id, stack)
            if group_mode == EXPANDED:
                self.group_modes[doc.id] = EXPANDED
                parenthesized = ["(", Indent([HARD, doc.items]), HARD, ")"]
                if not self._fits([(indent, mode, parenthesized, _ALL_LINES)], stack):
                    group_mode = FLAT
            self.group_modes[doc.id] = group_mode
            if group_mode == EXPANDED:
                stack.append((indent, mode, [")"], _FIRST_LINE))
                stack.append((indent, mode, HARD, _FIRST_LINE))
                stack.append((indent, group_mode, ["(", Indent([HARD, doc.items])], _FIRST_LINE))
            else:
                stack.append((indent, group_mode, doc.items, _FIRST_LINE))
        else:  # pragma: no cover - every document type is handled above
            raise TypeError(doc)

    def _fits(self, commands: list[_Command], rest: list[_Command], must_be_flat: bool = False) -> bool:
        """Whether `commands`, and what follows them up to the next line break, fit on the line."""
        width = self.line_width
        pending = self.pending_indent
        todo = list(reversed(commands))
        rest_index = len(rest)
        while True:
            if not todo:
                if rest_index == 0:
                    return True
                rest_index -= 1
                todo.append(rest[rest_index])
                continue
            indent, mode, doc, measure = todo.pop()
            if isinstance(doc, str):
                if pending is not None:
                    width += pending * _INDENT
                    pending = None
                width += text_width(doc)
                if width > self.width and measure != _ALL_LINES_OVERFLOW:
                    return False
            elif isinstance(doc, list):
                todo.extend((indent, mode, item, measure) for item in reversed(doc))
            elif isinstance(doc, _Line):
                if doc is EXPAND_PARENT:
                    if must_be_flat:
                        return False
                elif mode == FLAT:
                    if doc is SOFT_SPACE:
                        width += 1
                        if width > self.width and measure != _ALL_LINES_OVERFLOW:
                            return False
                    elif doc is HARD:
                        return not must_be_flat
                elif measure == _FIRST_LINE:
                    return True
                else:
                    width = 0
                    pending = indent
            elif isinstance(doc, Group):
                if must_be_flat and doc.expand:
                    return False
                group_mode = EXPANDED if doc.expand else mode
                if doc.id is not None:
                    self.group_modes[doc.id] = group_mode
                todo.append((indent, group_mode, doc.items, measure))
            elif isinstance(doc, ConditionalGroup):
                if self.group_modes.get(doc.condition_id, mode) == doc.mode:
                    if must_be_flat and doc.expand:
                        return False
                    todo.append((indent, EXPANDED if doc.expand else mode, doc.items, measure))
                else:
                    todo.append((indent, mode, doc.items, measure))
            elif isinstance(doc, Indent):
                todo.append((indent + 1, mode, doc.items, measure))
            elif isinstance(doc, IfMode):
                group_mode = mode if doc.group_id is None else self.group_modes.get(doc.group_id, mode)
                if group_mode == doc.mode:
                    todo.append((indent, mode, doc.items, measure))
            elif isinstance(doc, IndentIfGroupBreaks):
                expanded = self.group_modes.get(doc.group_id, mode) == EXPANDED
                todo.append((indent + expanded, mode, doc.items, measure))
            elif isinstance(doc, FitsExpanded):
                if mode == EXPANDED:
                    todo.append((indent, mode, doc.items, measure))
                elif doc.condition_id is None or self.group_modes.get(doc.condition_id, mode) == FLAT:
                    todo.append((indent, EXPANDED, doc.items, _ALL_LINES_OVERFLOW))
                elif doc.propagate:
                    return False
                else:
                    todo.append((indent, mode, doc.items, measure))
            elif isinstance(doc, AllLinesFit):
                todo.append((indent, EXPANDED, doc.items, _ALL_LINES))
            elif isinstance(doc, BestFitting):
                variant = doc.variants[0] if mode == FLAT else doc.variants[-1]
                todo.append((indent, mode, variant, measure))
            elif isinstance(doc, BestFitParenthesize):
                self.group_modes[doc.id] = mode
                todo.append((indent, mode, doc.items, measure))
            else:  # pragma: no cover
                raise TypeError(doc)


def print_document(doc: Any, indent: int) -> str:
    return _Printer().print(doc, indent)


# --- expressions --------------------------------------------------------------------------------
# What ruff calls the node level: at the top of a statement; inside an expression, itself inside
# optional parentheses (the id of their group) or not (None); inside brackets.
_TOP = ("top", None)
_PAREN = ("paren", None)
_Level = tuple[str, int | None]


class _Builder:
    """Documents for the nodes of one statement, from its source text."""

    def __init__(self, lines: list[str]) -> None:
        # The syntax tree's columns count UTF-8 bytes.
        self.lines = [line.encode() for line in lines]
        self.next_id = 0

    def group_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def text(self, node: Any) -> str:
        if node.lineno != node.end_lineno:
            raise Unsupported("a node that spans lines")
        line: bytes = self.lines[node.lineno - 1]
        return line[node.col_offset : node.end_col_offset].decode()

    # -- helpers of ruff's builders --

    def parenthesized(self, left: str, content: Any, right: str, level: _Level) -> Any:
        inner = Group([left, Indent([SOFT, content]), SOFT, right])
        if level[0] == "expr" and level[1] is not None:
            return FitsExpanded(inner, level[1])
        return inner

    def comma_separated(self, entries: list[Any], magic: bool) -> list[Any]:
        doc: list[Any] = []
        for index, entry in enumerate(entries):
            if index:
                doc += [",", SOFT_SPACE]
            doc.append(entry)
        if entries and (magic or len(entries) > 1):
            doc.append(IfMode(",", EXPANDED))
        if entries and magic:
            doc.append(EXPAND_PARENT)
        return doc

    def magic_comma(self, node: Any, last: Any) -> bool:
        """Whether a `,` follows the last element before the closing bracket."""
        if last is None:
            return False
        if node.end_lineno != last.end_lineno:
            raise Unsupported("a bracket that spans lines")
        return b"," in self.lines[node.end_lineno - 1][last.end_col_offset : node.end_col_offset - 1]

    def in_parentheses_only_group(self, content: Any, level: _Level) -> Any:
        if level[0] == "expr" and level[1] is not None:
            return ConditionalGroup(content, level[1], EXPANDED)
        if level[0] == "paren":
            return Group(content)
        return content

    def in_parentheses_only_soft_space(self, level: _Level) -> Any:
        if level[0] == "expr" and level[1] is not None:
            return [IfMode(SOFT_SPACE, EXPANDED, level[1]), IfMode(" ", FLAT, level[1])]
        if level[0] == "paren":
            return SOFT_SPACE
        return " "

    # -- expressions --

    def expr(self, node: ast.expr, level: _Level) -> Any:
        if level[0] == "top":
            level = ("expr", None)
        match node:
            case ast.Name() | ast.Constant() | ast.JoinedStr():
                return self.text(node)
            case ast.UnaryOp(op=ast.USub() | ast.UAdd(), operand=ast.Constant()):
                return self.text(node)
            case ast.Attribute():
                return self.dotted(node)
            case ast.Call():
                return [self.dotted(node.func), self.arguments(node, level)]
            case ast.Subscript():
                return [self.dotted(node.value), self.parenthesized("[", self.slice(node.slice), "]", level)]
            case ast.BinOp(op=ast.BitOr()):
                return self.union(node, level)
            case ast.BoolOp(op=ast.Or() | ast.And() as operator, values=values):
                keyword = "or" if isinstance(operator, ast.Or) else "and"
                if any(isinstance(value, ast.BoolOp) for value in values):
                    raise Unsupported("nested and/or")
                doc: list[Any] = [self.expr(values[0], level)]
                for value in values[1:]:
                    doc += [self.in_parentheses_only_soft_space(level), keyword, " ", self.expr(value, level)]
                return self.in_parentheses_only_group(doc, level)
            case ast.List(elts=elts) | ast.Set(elts=elts):
                left, right = ("[", "]") if isinstance(node, ast.List) else ("{", "}")
                if not elts:
                    return left + right
                items = self.comma_separated([self.expr(e, _PAREN) for e in elts], self.magic_comma(node, elts[-1]))
                return self.parenthesized(left, items, right, level)
            case ast.Tuple(elts=elts):
                return self.tuple(node, level)
            case ast.Dict(keys=keys, values=values):
                if not keys:
                    return "{}"
                if any(key is None for key in keys):
                    raise Unsupported("** in a dict")
                pairs = [
                    Group([self.expr(key, _PAREN), ":", " ", self.expr(value, _PAREN)])  # type: ignore[arg-type]
                    for key, value in zip(keys, values, strict=True)
                ]
                return self.parenthesized(
                    "{", self.comma_separated(pairs, self.magic_comma(node, values[-1])), "}", level
                )
        raise Unsupported(type(node).__name__)

    def dotted(self, node: ast.expr) -> str:
        """A name or a chain of attributes of a name (`self._client.get`)."""
        inner = node
        while isinstance(inner, ast.Attribute):
            inner = inner.value
        if not isinstance(inner, ast.Name):
            raise Unsupported("an attribute of a call or subscript")
        return self.text(node)

    def tuple(self, node: ast.Tuple, level: _Level) -> Any:
        source = self.text(node)
        if not (source.startswith("(") and source.endswith(")")):
            raise Unsupported("a tuple without parentheses")
        elts = node.elts
        if not elts:
            return "()"
        if len(elts) == 1:
            return self.parenthesized("(", [self.expr(elts[0], _PAREN), ","], ")", level)
        items = self.comma_separated([self.expr(e, _PAREN) for e in elts], self.magic_comma(node, elts[-1]))
        return self.parenthesized("(", items, ")", level)

    def slice(self, node: ast.expr) -> Any:
        if isinstance(node, ast.Tuple):
            if self.text(node).startswith("("):
                raise Unsupported("a parenthesized tuple as a subscript")
            return Group(self.comma_separated([self.expr(e, _PAREN) for e in node.elts], False))
        return self.expr(node, _PAREN)

    def arguments(self, node: ast.Call, level: _Level) -> Any:
        entries: list[tuple[int, int, Any]] = []
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise Unsupported("*args")
            entries.append((arg.lineno, arg.col_offset, arg))
        for keyword in node.keywords:
            if keyword.arg is None:
                raise Unsupported("**kwargs")
            entries.append((keyword.lineno, keyword.col_offset, keyword))
        if not entries:
            return "()"
        entries.sort(key=lambda entry: (entry[0], entry[1]))
        docs = []
        for _, _, item in entries:
            if isinstance(item, ast.keyword):
                docs.append([str(item.arg), "=", self.expr(item.value, _PAREN)])
            else:
                docs.append(self.expr(item, _PAREN))
        last = entries[-1][2]
        last_node = last.value if isinstance(last, ast.keyword) else last
        content = Group(self.comma_separated(docs, self.magic_comma(node, last_node)))
        return self.parenthesized("(", content, ")", level)

    def union(self, node: ast.BinOp, level: _Level) -> Any:
        operands: list[ast.expr] = []

        def flatten(item: ast.expr) -> None:
            if isinstance(item, ast.BinOp):
                if not isinstance(item.op, ast.BitOr):
                    raise Unsupported("an operator other than |")
                flatten(item.left)
                flatten(item.right)
            else:
                operands.append(item)

        flatten(node)
        doc: list[Any] = [self.expr(operands[0], level)]
        for operand in operands[1:]:
            doc += [self.in_parentheses_only_soft_space(level), "|", " ", self.expr(operand, level)]
        return self.in_parentheses_only_group(doc, level)

    # -- statements (ruff's `FormatStatementsLastExpression` and friends) --

    def statement(self, node: ast.stmt) -> Any:
        match node:
            case ast.AnnAssign(target=ast.Name() as target, annotation=annotation, value=value):
                head: list[Any] = [self.text(target), ": "]
                if value is None:
                    return [*head, self.left_to_right(annotation)]
                if _splittable(annotation):
                    return [*head, self.right_to_left(annotation, value)]
                return [*head, self.expr(annotation, _TOP), " = ", self.left_to_right(value)]
            case ast.Assign(targets=[ast.Name() | ast.Attribute() as target], value=value):
                return [self.dotted(target), " = ", self.left_to_right(value)]
            case ast.Return(value=value) if value is not None:
                return ["return ", self.left_to_right(value)]
            case ast.Expr(value=ast.Call() as value):
                return self.expr(value, _TOP)
            case ast.ImportFrom(module=module, names=names, level=level):
                # ruff's isort (not its formatter): a name a line, with a trailing comma.
                spelled = [alias.name + (f" as {alias.asname}" if alias.asname else "") for alias in names]
                if "*" in spelled:
                    raise Unsupported("import *")
                lines = [[HARD, name, ","] for name in spelled]
                return [f"from {'.' * level}{module or ''} import (", Indent(lines), HARD, ")"]
        raise Unsupported(type(node).__name__)

    def left_to_right(self, value: ast.expr) -> Any:
        if _inlines(value):
            group_id = self.group_id()
            return BestFitParenthesize(self.expr(value, ("expr", group_id)), group_id)
        return self.maybe_parenthesize(value)

    def maybe_parenthesize(self, value: ast.expr) -> Any:
        """ruff's `maybe_parenthesize_expression(value, statement, Parenthesize::IfBreaks)`."""
        if isinstance(value, ast.List | ast.Set | ast.Dict) or (
            isinstance(value, ast.Tuple) and self.text(value).startswith("(")
        ):
            return self.expr(value, _TOP)  # brackets of its own: never parenthesized
        if isinstance(value, ast.Call | ast.Subscript):
            return self.call_or_subscript(value)
        if isinstance(value, ast.BinOp | ast.BoolOp):
            if _can_omit_optional_parentheses(value):
                return self.optional_parentheses(value)
            return self.parenthesize_if_expands(value)
        if _inlines(value):
            group_id = self.group_id()
            return BestFitParenthesize(self.expr(value, ("expr", group_id)), group_id)
        raise Unsupported(type(value).__name__)

    def call_or_subscript(self, value: ast.Call | ast.Subscript) -> Any:
        """A call or subscript after `=` or `return`: on one line if it fits; else split in its
        own brackets if every line then fits; else in parentheses if every line then fits; else
        split in its own brackets anyway."""
        head, brackets = self.expr(value, _TOP)
        split = [head, AllLinesFit(brackets)]
        parenthesized = ["(", AllLinesFit(Indent([HARD, [head, brackets]])), HARD, ")"]
        return BestFitting([[head, brackets], split, parenthesized, [head, brackets]])

    def optional_parentheses(self, value: ast.expr) -> Any:
        group_id = self.group_id()
        content = self.expr(value, ("expr", group_id))
        return Group(
            [IfMode("(", EXPANDED), IndentIfGroupBreaks([SOFT, content], group_id), SOFT, IfMode(")", EXPANDED)],
            group_id,
        )

    def parenthesize_if_expands(self, value: ast.expr) -> Any:
        content = self.expr(value, _PAREN)
        return Group([IfMode("(", EXPANDED), Indent([SOFT, content]), SOFT, IfMode(")", EXPANDED)])

    def before_operator(self, annotation: ast.expr) -> Any:
        if _has_own_parentheses(annotation):
            return self.expr(annotation, _TOP)
        if _can_omit_optional_parentheses(annotation):
            return self.optional_parentheses(annotation)
        return self.parenthesize_if_expands(annotation)

    def right_to_left(self, annotation: ast.expr, value: ast.expr) -> Any:
        if not _inlines(value) and not isinstance(value, ast.Call | ast.Subscript | ast.Attribute):
            return [self.before_operator(annotation), " = ", self.maybe_parenthesize(value)]
        target = self.before_operator(annotation)
        value_doc = self.expr(value, _TOP)
        if _propagate(target):
            return [target, " = ", value_doc]
        flat = [target, " = ", value_doc]
        parenthesized = [target, " = ", "(", Indent([HARD, value_doc]), HARD, ")"]
        if isinstance(value, ast.Call | ast.Subscript | ast.Attribute):
            expanded = [target, " = ", Group(value_doc, expand=True)]
            return BestFitting([flat, expanded, parenthesized, flat])
        return BestFitting([flat, parenthesized, flat])


def _inlines(node: ast.expr) -> bool:
    """Values without a line break of their own: parenthesized only if that makes them fit."""
    return isinstance(node, ast.Name | ast.Constant | ast.JoinedStr)


def _splittable(node: ast.expr) -> bool:
    match node:
        case ast.Name() | ast.Constant():
            return False
        case ast.BinOp() | ast.Subscript():
            return True
        case ast.Tuple(elts=elts) | ast.List(elts=elts) | ast.Set(elts=elts):
            return bool(elts)
        case ast.Dict(keys=keys):
            return bool(keys)
        case ast.Call(args=args, keywords=keywords):
            return bool(args or keywords)
        case ast.Attribute(value=value):
            return _splittable(value)
    raise Unsupported(type(node).__name__)


def _has_own_parentheses(node: ast.expr) -> bool:
    return isinstance(node, ast.Subscript | ast.List | ast.Set | ast.Dict | ast.Call) or (
        isinstance(node, ast.Tuple) and bool(node.elts)
    )


def _has_own_non_empty_parentheses(node: ast.expr) -> bool:
    match node:
        case ast.List(elts=elts) | ast.Set(elts=elts) | ast.Tuple(elts=elts):
            return bool(elts)
        case ast.Dict(keys=keys):
            return bool(keys)
        case ast.Call(args=args, keywords=keywords):
            return bool(args or keywords)
    return False


_PRECEDENCE_ATTRIBUTE = 1
_PRECEDENCE_BITWISE_OR = 9
_PRECEDENCE_BOOLEAN = 11


def _can_omit_optional_parentheses(node: ast.expr) -> bool:
    """ruff's `can_omit_optional_parentheses`: whether splitting the brackets of the first or
    last operand can stand in for parenthesizing the whole expression."""
    state = {"precedence": 0, "count": 0, "any_parentheses": False}
    first: list[ast.expr] = []
    last: list[ast.expr] = []

    def update(precedence: int, count: int = 1) -> None:
        if state["precedence"] < precedence:
            state["precedence"], state["count"] = precedence, count
        elif state["precedence"] == precedence:
            state["count"] += count

    def visit(expr: ast.expr) -> None:
        last.append(expr)
        visit_subexpression(expr)
        if not first:
            first.append(expr)

    def visit_subexpression(expr: ast.expr) -> None:
        match expr:
            case ast.List() | ast.Set() | ast.Dict() | ast.Tuple():
                state["any_parentheses"] = True
            case ast.BinOp(op=ast.BitOr(), left=left, right=right):
                update(_PRECEDENCE_BITWISE_OR)
                visit(left)
                visit(right)
            case ast.BoolOp(values=values):
                update(_PRECEDENCE_BOOLEAN, len(values) - 1)
                for value in values:
                    visit(value)
            case ast.Call(func=func) | ast.Subscript(value=func):
                state["any_parentheses"] = True
                visit(func)
                last.append(expr)
            case ast.Attribute(value=value):
                visit(value)
                if _has_own_parentheses(value):
                    update(_PRECEDENCE_ATTRIBUTE)
                last.append(expr)
            case ast.Name() | ast.Constant() | ast.JoinedStr():
                pass
            case _:
                raise Unsupported(type(expr).__name__)

    visit_subexpression(node)
    if not state["any_parentheses"] or state["count"] > 1:
        return False
    if state["precedence"] in (0, _PRECEDENCE_ATTRIBUTE):
        return True

    def parenthesized(expr: ast.expr) -> bool:
        return not isinstance(expr, ast.Subscript) and _has_own_non_empty_parentheses(expr)

    return bool(last and parenthesized(last[-1])) or bool(first and parenthesized(first[0]))


# --- lines of a file ----------------------------------------------------------------------------

# What decides, at the start of a line, whether it is inside a string and in which bracket: strings
# (triple-quoted ones may span lines; a prefix is found before the quote), comments and brackets.
# Each alternative starts with one of a few characters, which the regex engine looks for at C speed.
_TOKEN = re.compile(
    r'''"""[\s\S]*?"""'''
    r"""|'''[\s\S]*?'''"""
    r"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*|[()\[\]{}]"""
)
_STRING_PREFIX = frozenset("rRbBuUfF")


class _Context:
    """Where a line starts: inside a string (`in_string`), or in code, in the bracket opened at
    `opener` (line, column) or in none (None). `string_start`: the line starts with a string
    that goes on past its end (a docstring's first line)."""

    __slots__ = ("in_string", "opener", "string_start")

    def __init__(self, in_string: bool, opener: tuple[int, int] | None) -> None:
        self.in_string = in_string
        self.opener = opener
        self.string_start = False


def _contexts(text: str, wanted: set[int]) -> dict[int, _Context]:
    """The `_Context` of each line numbered in `wanted` (1-based); the text after the last of them
    is not read."""
    found: dict[int, _Context] = {}
    targets = sorted(wanted)
    target = 0  # index in `targets` of the first line not found yet
    stack: list[tuple[int, int]] = []
    line = 1
    line_start = 0
    if targets and targets[0] == 1:
        found[1] = _Context(False, None)
        target = 1
    last = targets[-1] if targets else 0
    position = 0  # where the previous token ended
    count = text.count
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        breaks = count("\n", position, start)
        if breaks:  # lines that start in code, in the innermost open bracket
            line += breaks
            opener = stack[-1] if stack else None
            while target < len(targets) and targets[target] <= line:
                found[targets[target]] = _Context(False, opener)
                target += 1
            if line > last:  # (a string that starts on the last line may make it a `string_start`)
                break
            line_start = text.rindex("\n", position, start) + 1
        char = text[start]
        if char in "([{":
            stack.append((line, start - line_start))
        elif char in ")]}":
            if stack:
                stack.pop()
        elif char != "#":
            breaks = count("\n", start, end)
            if breaks:
                # The string's prefix: up to two prefix letters right before the quote.
                first = start
                while first > max(position, start - 2) and text[first - 1] in _STRING_PREFIX:
                    first -= 1
                if line in found and not text[line_start:first].strip():
                    found[line].string_start = True
                line += breaks
                line_start = text.rindex("\n", start, end) + 1
                while target < len(targets) and targets[target] <= line:
                    found[targets[target]] = _Context(True, None)
                    target += 1
                if line > last:
                    break
        position = end
    else:
        line += count("\n", position)
        opener = stack[-1] if stack else None
        while target < len(targets) and targets[target] <= line:
            found[targets[target]] = _Context(False, opener)
            target += 1
    return found


_STRING = r'''[rRbBuUfF]{0,2}(?:"""(?:[^"\\]|\\.|"(?!""))*"""|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')'''
_NUMBER = r"-?[0-9][0-9a-zA-Z_.+-]*"
_ATOM = rf"(?:{_STRING}|[A-Za-z_][A-Za-z0-9_]*|{_NUMBER})"
# What ruff leaves as it is however long: an atom alone, as a dict entry or as a keyword
# argument, with or without the comma that ends an item of a bracket.
_UNSPLITTABLE_ITEM = re.compile(rf" *(?:(?:{_STRING}|{_NUMBER}): |[A-Za-z_][A-Za-z0-9_]*=)?{_ATOM},?")
# A line that only opens a bracket laid out one item a line: a dict entry's (`"key": (`), a
# `def`'s whose name is too long.
_ENTRY_OPENING = re.compile(rf" *(?:(?:{_STRING}|{_NUMBER}): [(\[{{]|(?:async )?def \w+\()")
# `return <atom>` and `<name> = <atom>`: ruff parenthesizes the atom only if that makes it fit.
_ATOM_STATEMENT = re.compile(rf"( *)(?:return|[A-Za-z_][A-Za-z0-9_.]* =) ({_ATOM})")
_COMMENT = re.compile(r" *#.*")


def _left_alone(line: str, width: int) -> bool:
    """Whether ruff leaves this long line as it is, whatever surrounds it."""
    if _UNSPLITTABLE_ITEM.fullmatch(line) or _COMMENT.fullmatch(line) or _ENTRY_OPENING.fullmatch(line):
        return True
    match = _ATOM_STATEMENT.fullmatch(line)
    if match is None:
        return False
    # Even in parentheses, on a line of its own, the atom would not fit.
    return _fits_width(" " * (len(match[1]) + _INDENT) + match[2], width) is False


def formatted_by_construction(path: str, text: str, *, width: int = LINE_LENGTH) -> bool:
    """Whether ruff surely leaves the line lengths of this file as they are: every line fits, or
    is one ruff does not split (in a docstring, a comment, a string alone...), or the file is a
    `FormattedText`. For a Markdown file, the same of its Python code blocks; any other file is
    not formatted."""
    if isinstance(text, FormattedText):
        return True
    if path.endswith(".md"):
        return all(
            formatted_by_construction("block.py", block[1], width=width) for block in _PYTHON_BLOCK.finditer(text)
        )
    if not path.endswith(".py"):
        return True
    lines = text.split("\n")
    long = _long_lines(lines, width)
    if not long:
        return True
    return all(context.in_string or context.string_start for context in _contexts(text, long).values())


def _long_lines(lines: list[str], width: int) -> set[int]:
    """The numbers of the lines that may not fit in `width` columns and are not lines ruff leaves
    as they are wherever they stand."""
    # Only a line of more than `width` characters, or of more than half as many with a character
    # outside ASCII (two columns at most), can be too wide.
    candidates = [
        (number, line)
        for number, line in enumerate(lines, start=1)
        if len(line) > width or (2 * len(line) > width and not line.isascii())
    ]
    return {number for number, line in candidates if not _fits_width(line, width) and not _left_alone(line, width)}


class FormattedText(str):
    """A file's text that `fit_long_lines` laid out completely: each line fits, or is one ruff
    leaves as it is, or was laid out here by ruff's rules. `formatted_by_construction` takes it
    as it is; any change to it (a `str` method) gives a plain `str`, checked again."""

    __slots__ = ()


def fit_long_lines(source: str, *, width: int = LINE_LENGTH) -> str:
    """`source` with each line longer than `width` that is a statement, an item of a bracket laid
    out one item a line or the return annotation of such a `def`, laid out as ruff lays it out;
    the other lines unchanged. A `FormattedText` when no long line is left that ruff could change."""
    lines = source.split("\n")
    long = _long_lines(lines, width)
    if not long:
        return FormattedText(source)
    replaced: dict[int, str] = {}
    complete = True
    for number, context in _contexts(source, long).items():
        if context.in_string or context.string_start:
            continue
        line = lines[number - 1]
        text = None
        if _fits_width(line, width) is False and (len(line) - len(line.lstrip(" "))) % _INDENT == 0:
            text = _fit_line(lines, number, context)
        if text is None:
            complete = False
        else:
            replaced[number] = text
    fitted = "\n".join(replaced.get(number, line) for number, line in enumerate(lines, start=1))
    return FormattedText(fitted) if complete else fitted


def _fit_line(lines: list[str], number: int, context: _Context) -> str | None:
    """The line laid out by ruff's rules, or None where it is not one this module handles."""
    line = lines[number - 1]
    indent = (len(line) - len(line.lstrip(" "))) // _INDENT
    item = line.strip()
    if context.opener is None:
        return _fit_by_shape("statement", item, indent)
    if item.startswith(") -> ") and item.endswith(":") and _bracket_kind(lines, number, context.opener, closing=True):
        return _fit_by_shape("returns", item, indent)
    kind = _bracket_kind(lines, number, context.opener)
    if kind is None or not item.endswith(","):
        return None
    return _fit_by_shape(kind, item, indent)


# A name or keyword in an ASCII line without backslashes, where no name can be part of a number
# (`1e5`, `0x1f`: no word boundary before the letter) nor of an escape.
_NAME = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*")


@functools.cache
def _kept_names() -> frozenset[str]:
    """Names `_fit_by_shape` keeps: keywords, and `self` (`_fit_statement` reads `def f(self)`)."""
    import keyword

    return frozenset([*keyword.kwlist, *keyword.softkwlist, "self"])


def _fit_by_shape(kind: str, item: str, indent: int) -> str | None:
    """`item` laid out (`kind`: "statement", "returns" or a `_bracket_kind`), once per shape.

    A layout depends on the syntax of the line and on the widths of its parts, not on what its
    names say: `self.a = wrapper(resource.a)` is laid out as `self.b = wrapper(resource.b)`, given
    names of the same length, and a large package has thousands of such lines. So each name
    becomes a placeholder of its length (keywords, `self` and string prefixes stay), the shape is
    laid out once, and the names are put back in order. A line with a character outside ASCII
    or a backslash (in an escape, a letter is no name) is laid out as it is.
    """
    if not item.isascii() or "\\" in item:
        return _fit_shape(kind, item, indent)
    kept = _kept_names()
    names: list[str] = []

    def placeholder(match: re.Match[str]) -> str:
        name = match[0]
        names.append(name)
        if name in kept or item[match.end() : match.end() + 1] in ("'", '"'):
            return name
        return "a" * len(name)

    shape = _NAME.sub(placeholder, item)
    fitted = _fit_shape(kind, shape, indent)
    if fitted is None or shape == item:
        return fitted
    if _NAME.findall(fitted) != _NAME.findall(shape):  # the layout does not keep the names' order
        return _fit_shape(kind, item, indent)
    restored = iter(names)
    return _NAME.sub(lambda _: next(restored), fitted)


@functools.lru_cache(maxsize=4096)
def _fit_shape(kind: str, item: str, indent: int) -> str | None:
    if kind == "statement":
        return _fit_statement(item, indent)
    if kind == "returns":
        return _fit_returns(item, indent)
    return _fit_item(kind, item, indent)


def _fit_returns(item: str, indent: int) -> str | None:
    """`) -> annotation:`, the last line of a `def` whose parameters are one a line: a name in
    parentheses of its own, a subscript split in its brackets."""
    try:
        annotation = item[len(") -> ") : -1]
        definition: Any = ast.parse(f"def _() -> {annotation}: pass").body[0]
        node = definition.returns
        builder = _Builder([f"def _() -> {annotation}: pass"])
        if isinstance(node, ast.Name | ast.Attribute):
            # In parentheses of its own if that makes it fit.
            group_id = builder.group_id()
            returns: Any = BestFitParenthesize(builder.dotted(node), group_id)
        elif isinstance(node, ast.Subscript):
            returns = builder.expr(node, _TOP)
        else:
            return None
        return print_document([") -> ", returns, ":"], indent)
    except (Unsupported, SyntaxError):
        return None


def _fit_statement(item: str, indent: int) -> str | None:
    """A statement laid out."""
    try:
        if item.startswith("class ") and item.endswith(":"):
            return _fit_class_header(item, indent)
        if item.startswith("@"):
            # A decorator: the expression after `@`, split in its own brackets.
            expression = ast.parse(item[1:], mode="eval").body
            if not isinstance(expression, ast.Call) or not _spans(expression, item[1:], 1, 1):
                return None
            return print_document(["@", _Builder([item[1:]]).expr(expression, _TOP)], indent)
        method = re.fullmatch(r"((?:async )?def \w+)\(self\) -> ([\w.]+):", item)
        if method:
            # A single parameter gets a comma of its own when the parentheses break.
            doc = [method[1], Group(["(", Indent([SOFT, "self", IfMode(",", EXPANDED)]), SOFT, ")"]), " -> "]
            text = print_document([*doc, method[2], ":"], indent)
            return text if all(_fits_width(line, LINE_LENGTH) for line in text.split("\n")) else None
        module = ast.parse(item)
        if len(module.body) != 1:
            return None  # a compound statement
        if not _spans(module.body[0], item, 1, 1):
            return _fit_commented(item, module.body[0], indent)
        return print_document(_Builder([item]).statement(module.body[0]), indent)
    except (Unsupported, SyntaxError):
        return None


def _fit_commented(item: str, statement: ast.stmt, indent: int) -> str | None:
    """`name = call()  # comment` (the README's `client = Client()  # ...`): ruff puts the call
    in parentheses if that makes the comment fit after them."""
    if statement.lineno != statement.end_lineno:
        return None
    code = item.encode()[: statement.end_col_offset].decode()
    comment = item[len(code) :]
    if not comment.startswith("  # ") or not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
        return None
    value = statement.value
    builder = _Builder([item])
    if not isinstance(value, ast.Call) or value.args or value.keywords:
        return None  # (an atom takes the comment inside its parentheses: not handled here)
    spelled = builder.dotted(value.func) + "()"
    target = builder.dotted(statement.targets[0])
    pad = " " * (indent * _INDENT)
    parenthesized = [f"{pad}{target} = (", f"{pad}    {spelled}", f"{pad}){comment}"]
    if all(_fits_width(line, LINE_LENGTH) for line in parenthesized):
        return "\n".join(parenthesized)
    return pad + item  # neither fits: ruff leaves it


def _fit_class_header(item: str, indent: int) -> str | None:
    """`class Name(Base, ...):`, its bases laid out as a call's arguments."""
    node = ast.parse(item + " pass").body[0]
    if not isinstance(node, ast.ClassDef) or node.decorator_list or not (node.bases or node.keywords):
        return None
    if node.body[0].col_offset != len(item.encode()) + 1:
        return None  # a comment after the colon
    call = ast.Call(func=ast.Name(node.name), args=node.bases, keywords=node.keywords)
    call.end_lineno, call.end_col_offset = 1, len(item.encode()) - 1  # the closing parenthesis
    builder = _Builder([item])
    return print_document([f"class {node.name}", builder.arguments(call, _TOP), ":"], indent)


def _fit_item(kind: str, item: str, indent: int) -> str | None:
    """An item of a bracket laid out."""
    try:
        return _fit_item_uncached(kind, item, indent)
    except (Unsupported, SyntaxError):
        return None


def _fit_item_uncached(kind: str, item: str, indent: int) -> str | None:
    snippet = {
        "parameter": f"def _(\n{item}\n): pass",
        "argument": f"_(\n{item}\n)",
        "entry": f"{{\n{item}\n}}",
        "element": f"[\n{item}\n]",
    }[kind]
    node: Any = ast.parse(snippet).body[0]
    builder = _Builder(snippet.split("\n"))
    if kind == "parameter":
        arguments = node.args
        parameters = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
        if len(parameters) != 1 or arguments.vararg or arguments.kwarg:
            return None
        parameter = parameters[0]
        if not _spans((parameter, _parameter_default(arguments, parameter) or parameter), item, 2, 1):
            return None
        return print_document(_item_doc(builder, parameter, arguments), indent)
    value = node.value
    entry: Any
    if kind == "argument":
        entries = [*value.args, *value.keywords]
        if len(entries) != 1 or isinstance(entries[0], ast.Starred) or getattr(entries[0], "arg", "") is None:
            return None
        entry = entries[0]
    elif isinstance(value, ast.Dict):
        if len(value.keys) != 1 or value.keys[0] is None:
            return None
        entry = (value.keys[0], value.values[0])
    else:
        if len(value.elts) != 1:
            return None
        entry = value.elts[0]
    if not _spans(entry, item, 2, 1):
        return None
    return print_document(_item_doc(builder, entry, None), indent)


def _spans(node: Any, text: str, line: int, trailing: int) -> bool:
    """Whether `node` (or the pair of nodes from its first to its last) covers the whole of
    `text`, written on line `line`, but for its last `trailing` characters (an item's comma)."""
    first, last = node if isinstance(node, tuple) else (node, node)
    return (first.lineno, first.col_offset, last.end_lineno, last.end_col_offset) == (
        line,
        0,
        line,
        len(text.encode()) - (trailing if line > 1 else 0),
    )


def _bracket_kind(lines: list[str], number: int, opener: tuple[int, int], *, closing: bool = False) -> str | None:
    """What the line is an item of: a `def`'s parameters, a call's arguments, a dict's or set's
    entries, a list's or tuple's elements; None unless that bracket has one item a line.
    `closing`: the line closes the bracket (so it is indented as the line that opens it)."""
    line = lines[number - 1]
    opener_line = lines[opener[0] - 1]
    opener_indent = len(opener_line) - len(opener_line.lstrip(" "))
    indent = opener_indent if closing else opener_indent + _INDENT
    if opener[1] != len(opener_line.rstrip()) - 1 or len(line) - len(line.lstrip(" ")) != indent:
        return None
    bracket = opener_line[opener[1]]
    before = opener_line[: opener[1]].rstrip()
    if bracket == "(":
        if re.fullmatch(r" *(?:async +)?def +\w+", before):
            return "parameter"
        if before and (before[-1].isalnum() or before[-1] in "_)]"):
            return "argument"
        return "element"
    return "element" if bracket == "[" else "entry"


def _item_doc(builder: _Builder, node: Any, parameters: ast.arguments | None) -> Any:
    """An item of a bracket laid out one item a line, with its comma."""
    if parameters is not None:
        default = _parameter_default(parameters, node)
        doc: list[Any] = [node.arg]
        if node.annotation is not None:
            doc += [": ", builder.expr(node.annotation, _PAREN)]
        if default is not None:
            doc += [" = " if node.annotation is not None else "=", builder.expr(default, _PAREN)]
        return [doc, ","]
    if isinstance(node, ast.keyword):
        return [[str(node.arg), "=", builder.expr(node.value, _PAREN)], ","]
    if isinstance(node, tuple):  # a dict's (key, value)
        key, value = node
        return [Group([builder.expr(key, _PAREN), ":", " ", builder.expr(value, _PAREN)]), ","]
    return [builder.expr(node, _PAREN), ","]


def _parameter_default(arguments: ast.arguments, parameter: ast.arg) -> ast.expr | None:
    positional = [*arguments.posonlyargs, *arguments.args]
    if parameter in positional:
        index = positional.index(parameter) - (len(positional) - len(arguments.defaults))
        return arguments.defaults[index] if index >= 0 else None
    if parameter in arguments.kwonlyargs:
        return arguments.kw_defaults[arguments.kwonlyargs.index(parameter)]
    return None


def fit_literal(value: Any, spell: Callable[[Any], str], spell_key: Callable[[Any], str], *, indent: int = 0) -> str:
    """A literal of nested dicts and lists (`spell` writes a leaf, `spell_key` a dict key), to end
    a statement at `indent`, laid out as ruff lays it out where it cannot fit on one line: each
    dict or list flat where it fits, else one item a line (with a trailing comma after several). The layout
    `fit_long_lines` would find for the statement, without building a document of the whole
    literal (a table of every operation's parameters can be 70 KB).

    Where the literal might fit on the statement's line, or a width cannot be told, it comes back
    flat, for `fit_long_lines` to lay out.
    """
    tree = _flat_tree(value, spell, spell_key)
    if _fits_width(tree.flat, LINE_LENGTH) is not False:
        return tree.flat
    lines: list[str] = []
    try:
        _literal_lines(tree, "", indent, "", lines)
    except Unsupported:
        return tree.flat
    return "\n".join(lines)


class _Flat(NamedTuple):
    """A value of a literal spelled on one line (`flat`), with its items' spellings: (spelled key
    or None for a list's item, the item), empty for a leaf; `bracket` is "{}", "[]" or ""."""

    flat: str
    bracket: str
    items: tuple[tuple[str | None, _Flat], ...]


def _flat_tree(value: Any, spell: Callable[[Any], str], spell_key: Callable[[Any], str]) -> _Flat:
    """`value` spelled once, bottom up: each dict's or list's flat text is made of its items'."""
    if isinstance(value, dict):
        items = tuple((spell_key(key), _flat_tree(item, spell, spell_key)) for key, item in value.items())
        return _Flat("{" + ", ".join(f"{key}: {item.flat}" for key, item in items) + "}", "{}", items)
    if isinstance(value, list):
        entries = tuple((None, _flat_tree(item, spell, spell_key)) for item in value)
        return _Flat("[" + ", ".join(item.flat for _, item in entries) + "]", "[]", entries)
    return _Flat(spell(value), "", ())


def _literal_lines(value: _Flat, lead: str, indent: int, tail: str, out: list[str]) -> None:
    """`lead` (the line's text before the value), the value, then `tail`: appended to `out` as lines."""
    if not value.items or text_width(lead + value.flat + tail) <= LINE_LENGTH:
        out.append(lead + value.flat + tail)
        return
    pad = " " * ((indent + 1) * _INDENT)
    comma = "," if len(value.items) > 1 else ""  # ruff adds no trailing comma to a bracket of one item
    out.append(lead + value.bracket[0])
    for key, item in value.items:
        _literal_lines(item, pad if key is None else f"{pad}{key}: ", indent + 1, comma, out)
    out.append(" " * (indent * _INDENT) + value.bracket[1] + tail)


_PYTHON_BLOCK = re.compile(r"^```(?:python|py)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def fit_file(path: str, text: str) -> str:
    """`fit_long_lines` on a Python file, or on the Python code blocks of a Markdown file (which
    ruff formats too); any other file as it is."""
    if path.endswith(".py"):
        return fit_long_lines(text)
    if path.endswith(".md"):
        complete = True

        def fit_block(block: re.Match[str]) -> str:
            nonlocal complete
            fitted = fit_long_lines(block[1])
            complete = complete and isinstance(fitted, FormattedText)
            return block[0].replace(block[1], fitted, 1)

        fitted = _PYTHON_BLOCK.sub(fit_block, text)
        return FormattedText(fitted) if complete else fitted
    return text
