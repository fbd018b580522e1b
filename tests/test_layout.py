"""`generator.emit.layout` lays long lines out as ruff's formatter does; the orders of
`generator.emit.ordering` and the literals of `generator.emit.escape` are ruff's too.

ruff is the oracle: each test writes many cases into one folder, runs ruff once on it with the
writer's flags, and compares.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.emit import escape, layout, ordering, writer

CONFIG = ["--isolated", "--config", "line-length = 120", "--config", "target-version = 'py311'", "--no-cache"]


def ruff(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*writer._ruff_command(), *args], cwd=cwd, capture_output=True, text=True, check=False)


def formatted_by_ruff(cases: list[str], folder: Path) -> list[str]:
    for index, case in enumerate(cases):
        (folder / f"case{index}.py").write_text(case, encoding="utf-8")
    ruff("format", *CONFIG, ".", cwd=folder)
    return [(folder / f"case{index}.py").read_text(encoding="utf-8") for index in range(len(cases))]


# -- statements of the shapes the emitters write, at random lengths ------------------------------


class Cases:
    """Random statements shaped like the emitted ones: fields, aliases, parameters, calls..."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.letters = "abcdefghij klmnop-_/."

    def name(self, low: int = 3, high: int = 40, *, cap: bool = False) -> str:
        text = "".join(self.random.choice("abcdefghijklmnopqrstuvwxyz_") for _ in range(self.random.randint(low, high)))
        text = text.strip("_") or "x"
        return text[0].upper() + text[1:] if cap else text

    def string(self, low: int = 1, high: int = 30) -> str:
        return '"' + "".join(self.random.choice(self.letters) for _ in range(self.random.randint(low, high))) + '"'

    def values(self) -> str:
        return ", ".join(self.string(2, 14) for _ in range(self.random.randint(1, 14)))

    def type(self, depth: int = 0) -> str:
        pick = self.random.random()
        if depth > 2 or pick < 0.25:
            return self.random.choice(["str", "int", "Any", self.name(3, 30, cap=True)])
        if pick < 0.4:
            return f"list[{self.type(depth + 1)}]"
        if pick < 0.5:
            return f"dict[str, {self.type(depth + 1)}]"
        if pick < 0.62:
            return f"Literal[{self.values()}]"
        if pick < 0.7:
            return f"OpenLiteral[Literal[{self.values()}]]"
        if pick < 0.85:
            return " | ".join(self.type(depth + 1) for _ in range(self.random.randint(2, 4)))
        arguments = [f"alias={self.string(3, 80)}", f"pattern=r{self.string(5, 90)}", "min_length=3"]
        return f"Annotated[{self.type(depth + 1)}, Field({', '.join(arguments[: self.random.randint(1, 3)])})]"

    def default(self) -> str:
        return self.random.choice(
            [
                "None",
                self.string(1, 100),
                str(self.random.randint(-5, 100000)),
                f"Field(default=[{self.values()}], validate_default=True)",
                f"[{self.values()}]",
            ]
        )

    def json(self, depth: int = 0) -> str:
        pick = self.random.random()
        if depth > 3 or pick < 0.3:
            return self.random.choice([self.string(1, 20), str(self.random.randint(0, 1000)), "True", "None"])
        if pick < 0.55:
            return "[" + ", ".join(self.json(depth + 1) for _ in range(self.random.randint(0, 6))) + "]"
        items = (f"{self.string(2, 15)}: {self.json(depth + 1)}" for _ in range(self.random.randint(0, 6)))
        return "{" + ", ".join(items) + "}"

    def case(self) -> str:
        self.letters = "abcdefghij klmnop-_/." + ("é漢ש🎉ü" if self.random.random() < 0.3 else "")
        kind = self.random.randrange(12)
        name = self.name(1, 30)
        if kind == 0:
            return f"class A:\n    {name}: {self.type()} = {self.default()}\n"
        if kind == 1:
            return f"class A:\n    {name}: {self.type()}\n"
        if kind == 2:
            return f"{self.name(3, 100, cap=True)}: TypeAlias = {self.type()}\n"
        if kind == 3:
            lines = [f"        {self.name(1, 30)}: {self.type()} | NotGiven = NOT_GIVEN," for _ in range(3)]
            returns = self.random.choice([self.name(30, 114, cap=True), self.type()])
            return "class A:\n    def f(\n        self,\n" + "\n".join(lines) + f"\n    ) -> {returns}:\n        pass\n"
        if kind == 4:
            method = self.name(10, 70)
            return f"class A:\n    def f(self) -> None:\n        self.{method} = to_raw_response_wrapper(resource.{method})\n"
        if kind == 5:
            return f"PARAMETERS: dict[str, dict[str, Any]] = {self.json()}\n"
        if kind == 6:
            arguments = ", ".join(f"{self.name(1, 15)}={self.json(2)}" for _ in range(self.random.randint(1, 5)))
            return f"result = client.{self.name(2, 20)}.{self.name(2, 30)}({arguments})\n"
        if kind == 7:
            return f"_CLOSED: frozenset[str] = frozenset({{{', '.join(self.string(5, 40) for _ in range(8))}}})\n"
        if kind == 8:
            return f"class {self.name(60, 130, cap=True)}(BaseModel):\n    pass\n"
        if kind == 9:
            return f"@typing_extensions.deprecated({self.string(60, 130)})\ndef f():\n    pass\n"
        if kind == 10:
            return (
                f"from .{self.name(10, 60)} import {', '.join(sorted(self.name(10, 40, cap=True) for _ in range(3)))}\n"
            )
        return (
            f"{self.name(3, 40)} = {self.name(3, 60, cap=True)}()  # {' '.join(self.name(2, 12) for _ in range(12))}\n"
        )


@pytest.mark.parametrize("seed", [1, 2])
def test_long_lines_are_laid_out_as_ruff_lays_them_out(seed, tmp_path):
    cases = Cases(seed)
    raw = [cases.case() for _ in range(250)]
    expected = formatted_by_ruff(raw, tmp_path)
    laid_out = [layout.fit_long_lines(case) for case in raw]
    wrong = [
        (case, ours, theirs)
        for case, ours, theirs in zip(raw, laid_out, expected, strict=True)
        if layout.formatted_by_construction("case.py", ours) and ours != theirs
    ]
    assert not wrong, "\n\n".join(f"{case}--- ruff:\n{theirs}--- ours:\n{ours}" for case, ours, theirs in wrong[:3])
    left_to_ruff = sum(not layout.formatted_by_construction("case.py", ours) for ours in laid_out)
    assert left_to_ruff <= len(raw) // 50  # (a line with a combining accent, a return annotation that is a union...)


def test_a_line_is_laid_out_as_its_shape_is():
    """Lines are laid out once per shape (names replaced by placeholders of their length, then put
    back): that must give each line its own layout, whatever its names, strings and numbers."""
    cases = Cases(3)
    lines = [line for _ in range(300) for line in cases.case().split("\n") if line.strip()]
    lines += [
        f"{name} = {call}(resource.{name}, {extra})"
        for name in ("x" * 70, "self.if_" + "y" * 60)
        for call in ("wrapper", "f")
        for extra in ('rb"\\d+ name"', "1e5 + 0x1f + 1_000", "'it''s' + f\"{value}\"", "None if a else b")
    ]
    for line in lines:
        item = line.strip()
        indent = (len(line) - len(item)) // 4
        assert layout._fit_by_shape("statement", item, indent) == layout._fit_statement(item, indent), line


def test_a_literal_is_laid_out_as_the_statement_it_ends_would_be():
    """`fit_literal` lays a table out directly: as `fit_long_lines` lays out the one-line statement."""
    from generator.emit.python_types import python_literal

    generator = random.Random(4)
    words = ["a", "type", "string", "enum-value", "x" * 40, 'quote"d'] * 20 + ["é漢", "cafe\u0301"]

    def value(depth: int = 0) -> object:
        pick = generator.random()
        if depth > 3 or pick < 0.3:
            return generator.choice([generator.choice(words) * generator.randint(1, 4), 7, 2.5, True, None])
        if pick < 0.55:
            return [value(depth + 1) for _ in range(generator.randint(0, 8))]
        return {generator.choice(words) + str(index): value(depth + 1) for index in range(generator.randint(0, 8))}

    lead = "PARAMETERS: dict[str, dict[str, dict[str, Any]]] = "
    direct = 0
    for _ in range(300):
        table = {f"operation-{index}": value(1) for index in range(generator.randint(0, 12))}
        flat = python_literal(table)
        laid_out = layout.fit_literal(table, python_literal, lambda key: escape.python_string(str(key)))
        # (A literal that may fit comes back flat, for `fit_long_lines`; so does one it cannot measure.)
        direct += laid_out != flat
        expected = layout.fit_long_lines(lead + flat)
        fitted = layout.fit_long_lines(lead + laid_out)
        assert (fitted, type(fitted)) == (expected, type(expected)), table
    assert direct > 50


def test_a_line_it_cannot_measure_is_left_to_ruff():
    accented = "x: Literal[" + ", ".join(f'"cafe\u0301{index}"' for index in range(20)) + "] = None\n"
    assert layout.fit_long_lines(accented) == accented
    assert not layout.formatted_by_construction("m.py", accented)
    assert layout.formatted_by_construction("m.py", "x = 1\n" + "# " + "a" * 200 + "\n")  # a comment
    assert layout.formatted_by_construction("m.py", 'def f():\n    """' + "b" * 200 + '"""\n')  # a docstring
    assert not layout.formatted_by_construction("m.py", "x = [" + ", ".join(["1"] * 60) + "]\n")


# -- imports and __all__ -------------------------------------------------------------------------

identifiers = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,12}", fullmatch=True).filter(str.isidentifier)


@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(modules=st.lists(st.tuples(identifiers, st.lists(identifiers, min_size=1, max_size=6)), min_size=1, max_size=6))
def test_imports_and_all_are_in_the_order_ruff_checks(modules, tmp_path_factory):
    folder = tmp_path_factory.mktemp("ordering")
    keywords = {"None", "True", "False", "import", "from", "as", "class", "def", "if", "in", "is", "or", "and", "not"}
    triples = []
    for module, names in modules:
        for name in names:
            if name in keywords or module in keywords:
                continue
            triples.append((f".{module}", name, None))
            triples.append((f"..{module}", name, f"{name}_"))
    statements = ordering.section_statements(triples)
    all_names = ordering.dunder_all(name for _, name, _ in triples)
    source = "\n".join(statement.text() for statement in statements) + "\n\n__all__ = [\n"
    source += "".join(f'    "{name}",\n' for name in all_names) + "]\n"
    package = folder / "package"
    package.mkdir()
    (package / "__init__.py").write_text(source, encoding="utf-8")
    checked = ruff("check", "--select", "I001,RUF022", *CONFIG, ".", cwd=folder)
    assert checked.returncode == 0, checked.stdout + source


digitless = st.text(alphabet="aAbB_zZ.", min_size=1, max_size=5)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(triples=st.lists(st.tuples(digitless, st.none() | digitless, st.none() | digitless), max_size=12))
@example(triples=[("m", "Ab", None), ("m", "AZa", None), ("Ab", None, None), ("AZa", None, None)])  # case first
@example(triples=[("m", "a", "Ab"), ("m", "a", "AZa"), ("m", "a", None), ("Ab", None, "b"), ("Ab", None, None)])
def test_import_statements_without_digits_are_sorted_by_key_in_the_order_of_the_comparisons(triples):
    """Without a digit `section_statements` sorts by keys: the order must be the comparisons' own."""
    statements = ordering.section_statements(triples)
    compared = ordering.section_statements([*triples, ("zz9", None, None)])  # a digit: the comparisons
    assert statements == [statement for statement in compared if statement.module != "zz9"]


def test_natural_order_compares_digit_runs_as_ruff_does():
    assert ordering.natural_compare("Thing2", "Thing10") < 0
    assert ordering.natural_compare("v015", "v12") < 0  # a run starting with 0 compares digit by digit
    assert ordering.dunder_all(["b", "Async", "AsyncAPIResponse", "CONSTANT", "Asyncz"]) == [
        "CONSTANT",
        "Async",
        "AsyncAPIResponse",
        "Asyncz",
        "b",
    ]


# -- string literals -----------------------------------------------------------------------------

texts = st.text(alphabet=st.sampled_from("ab\"'\\{}\n\t\x00é漢🎉 "), max_size=12)


@settings(max_examples=20, deadline=None, derandomize=True, database=None)
@given(batch=st.lists(texts, min_size=20, max_size=20))
def test_string_literals_are_quoted_as_ruff_quotes_them(batch, tmp_path_factory):
    folder = tmp_path_factory.mktemp("strings")
    lines = []
    for index, text in enumerate(batch):
        lines.append(f"s{index} = {escape.python_string(text)}")
        quote = escape.string_quote(text, "/x")
        lines.append(f"f{index} = f{quote}/x{escape.fstring_text(text, quote)}{{y}}{quote}")
        assert eval(escape.python_string(text)) == text  # the literal evaluates to the text itself
    source = "\n".join(lines) + "\n"
    assert formatted_by_ruff([source], folder) == [source]


def test_docstrings_lose_the_indentation_and_spaces_ruff_removes():
    assert escape.docstring_text("Summary  \n    first\n      second\n") == "Summary\nfirst\n  second"
