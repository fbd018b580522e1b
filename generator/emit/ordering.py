"""The orders ruff checks in emitted code: import blocks (its isort, `I001`) and `__all__` (`RUF022`).

The emitters write imports and `__all__` already in these orders, so that ruff has nothing to
change (see `generator/emit/writer.py`):

- names in one `from` import, and `from` imports of one module: CONSTANTS, then Classes, then
  the rest, each compared ignoring case first, in natural order (`Thing2` before `Thing10`);
- modules: `import x` before `from x import y` within a section; relative modules farthest first
  (`..a` before `.b`); then by name ignoring case, natural order;
- `__all__`: CONSTANTS, Classes, the rest, each in natural order *with* case (`AsyncAPIResponse`
  before `AsyncChats`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple, TypeVar

T = TypeVar("T")
_DIGIT = re.compile("[0-9]")


def natural_compare(left: str, right: str) -> int:
    """-1, 0 or 1: `left` against `right` in natural order, as ruff compares names.

    Runs of digits compare as numbers (`2` < `10`), or digit by digit where either starts with
    `0` (`015` < `12`); other characters by code point.
    """
    if not (_DIGIT.search(left) and _DIGIT.search(right)):
        return (left > right) - (left < right)  # no two runs of digits to compare
    i = j = 0
    while True:
        if i == len(left) or j == len(right):
            return (i < len(left)) - (j < len(right))
        a, b = left[i], right[j]
        if "0" <= a <= "9" and "0" <= b <= "9":
            end_i, end_j = _digits_end(left, i), _digits_end(right, j)
            run_a, run_b = left[i:end_i], right[j:end_j]
            if a == "0" or b == "0":
                # left-aligned: the first different digit decides, then the longer run
                for x, y in zip(run_a, run_b, strict=False):
                    if x != y:
                        return -1 if x < y else 1
                if len(run_a) != len(run_b):
                    return -1 if len(run_a) < len(run_b) else 1
            else:
                # right-aligned: the longer run, then the first different digit
                if len(run_a) != len(run_b):
                    return -1 if len(run_a) < len(run_b) else 1
                if run_a != run_b:
                    return -1 if run_a < run_b else 1
            i, j = end_i, end_j
            continue
        if a != b:
            return -1 if a < b else 1
        i += 1
        j += 1


def _digits_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and "0" <= text[end] <= "9":
        end += 1
    return end


def _member_type(name: str) -> int:
    """0 for a CONSTANT, 1 for a Class, 2 for anything else."""
    if len(name) > 1 and name.isupper():
        return 0
    if name[:1].isupper():
        return 1
    return 2


def _compare_optional(left: str | None, right: str | None, compare: Callable[[str, str], int]) -> int:
    if left is None or right is None:
        return (left is not None) - (right is not None)  # nothing before something
    return compare(left, right)


def compare_members(left: tuple[str, str | None], right: tuple[str, str | None]) -> int:
    """Two imported names (`name`, `as` name) in isort's order."""
    (name_a, alias_a), (name_b, alias_b) = left, right
    type_a, type_b = _member_type(name_a), _member_type(name_b)
    return (
        (type_a > type_b) - (type_a < type_b)
        or natural_compare(name_a.lower(), name_b.lower())
        or natural_compare(name_a, name_b)
        or _compare_optional(alias_a, alias_b, natural_compare)
    )


def compare_dunder_all(left: str, right: str) -> int:
    """Two names of `__all__` in RUF022's order."""
    type_a, type_b = _member_type(left), _member_type(right)
    return (type_a > type_b) - (type_a < type_b) or natural_compare(left, right)


def sorted_by(items: Iterable[T], compare: Callable[[T, T], int]) -> list[T]:
    return sorted(items, key=functools.cmp_to_key(compare))


def dunder_all(names: Iterable[str]) -> list[str]:
    """`names`, without repeats, in the order RUF022 wants for `__all__`."""
    return sorted_by(set(names), compare_dunder_all)


def import_names(names: Iterable[str]) -> list[str]:
    """`names`, without repeats, in the order of the names of one `from` import."""
    return [name for name, _ in sorted_by({(name, None) for name in names}, compare_members)]


def by_module(items: Iterable[T], field: str | int) -> list[T]:
    """`items` in the order of the `from` imports of their modules, siblings in one package
    (`item[field]` for an index, else the attribute `field`)."""

    def module(item: T) -> str:
        return str(item[field] if isinstance(field, int) else getattr(item, field))  # type: ignore[index]

    def compare(a: T, b: T) -> int:
        return natural_compare(module(a).lower(), module(b).lower()) or natural_compare(module(a), module(b))

    return sorted_by(items, compare)


class ImportStatement(NamedTuple):
    """One statement of an import block: `import module [as alias]` (`names` empty), or
    `from module import a, b` / `from module import a as b` (`names` of (name, alias))."""

    module: str  # with its leading dots when relative
    names: tuple[tuple[str, str | None], ...] = ()
    alias: str | None = None  # of a straight import

    def text(self, *, wrap_after: int = 88) -> str:
        if not self.names:
            return f"import {self.module}" + (f" as {self.alias}" if self.alias else "")
        spelled = [name + (f" as {alias}" if alias else "") for name, alias in self.names]
        line = f"from {self.module} import {', '.join(spelled)}"
        if len(line) <= wrap_after or (len(spelled) == 1 and self.names[0][1] is not None):
            return line
        # One name a line, with a trailing comma, so that a longer line length keeps it so.
        return f"from {self.module} import (\n" + "".join(f"    {name},\n" for name in spelled) + ")"


def _compare_statements(left: ImportStatement, right: ImportStatement) -> int:
    """isort's module order, `from` imports among themselves or straight ones among themselves."""
    level_a = len(left.module) - len(left.module.lstrip("."))
    level_b = len(right.module) - len(right.module.lstrip("."))
    if level_a != level_b:
        return -1 if level_a > level_b else 1  # farthest first
    name_a = left.module.lstrip(".") or None
    name_b = right.module.lstrip(".") or None
    # (No lambdas: a large package's import blocks take some 50,000 comparisons.)
    return (
        _compare_optional(name_a and name_a.lower(), name_b and name_b.lower(), natural_compare)
        or _compare_optional(name_a, name_b, natural_compare)
        or _compare_optional_member(left.names[:1], right.names[:1])
        or _compare_optional(left.alias, right.alias, natural_compare)
    )


def _compare_optional_member(
    left: tuple[tuple[str, str | None], ...], right: tuple[tuple[str, str | None], ...]
) -> int:
    if not left or not right:
        return bool(left) - bool(right)
    return compare_members(left[0], right[0])


def section_statements(imports: Iterable[tuple[str, str | None, str | None]]) -> list[ImportStatement]:
    """The statements of one section of an import block, in isort's order, from (module, name,
    alias) triples (`name` None for `import module`). A module's plain names share one `from`
    statement; each aliased name gets its own (ruff's default, `combine-as-imports = false`)."""
    straight: set[ImportStatement] = set()
    plain: dict[str, set[tuple[str, str | None]]] = {}
    aliased: set[ImportStatement] = set()
    texts: list[str] = []
    for module, name, alias in imports:
        texts.append(module)
        if name is None:
            straight.add(ImportStatement(module, (), alias))
        elif alias is None:
            plain.setdefault(module, set()).add((name, None))
        else:
            aliased.add(ImportStatement(module, ((name, alias),)))
        texts.extend(text for text in (name, alias) if text)
    if not _DIGIT.search("\0".join(texts)):
        # Without a digit, natural order is code point order: sort keys give the same order as
        # the comparisons, at a fraction of the cost (a large package sorts thousands of blocks).
        froms = [ImportStatement(module, tuple(sorted(names, key=_member_key))) for module, names in plain.items()]
        return sorted(straight, key=_statement_key) + sorted([*froms, *aliased], key=_statement_key)
    froms = [ImportStatement(module, tuple(sorted_by(names, compare_members))) for module, names in plain.items()]
    return sorted_by(straight, _compare_statements) + sorted_by([*froms, *aliased], _compare_statements)


# Sort keys equal to the comparisons above for texts without digits (`section_statements`):
# None before any text, as `_compare_optional` orders them.


def _member_key(member: tuple[str, str | None]) -> tuple[int, str, str, bool, str]:
    name, alias = member
    return _member_type(name), name.lower(), name, alias is not None, alias or ""


def _statement_key(statement: ImportStatement) -> tuple[object, ...]:
    name = statement.module.lstrip(".")
    level = len(statement.module) - len(name)
    first = _member_key(statement.names[0]) if statement.names else None
    return (
        -level,  # farthest first
        bool(name),
        name.lower(),
        name,
        first is not None,
        first or (),
        statement.alias is not None,
        statement.alias or "",
    )
