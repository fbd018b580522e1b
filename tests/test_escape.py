"""The escaping functions: whatever text a spec holds, each output context gets it back as data.

Every property runs on arbitrary Unicode, lone surrogates, NUL and quotes included: the
generated file must be writable as UTF-8, parse, and hold exactly the spec's text (or, where
the format cannot hold a character, the documented replacement).
"""

from __future__ import annotations

import ast
import tomllib

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.emit import escape

# Any code point, surrogates included (JSON allows "\ud800"), weighted towards the dangerous ones.
DANGEROUS = st.sampled_from(['"', "'", "\\", "\n", "\r", "\x00", "{", "}", "`", "|", "<", "#", "\u2028", "\ud800"])
TEXT = st.lists(st.one_of(DANGEROUS, st.characters(codec=None)), max_size=40).map("".join)
SAMPLES = [
    '"""',
    'x"""; import os; os.system("touch MARKER"); """',
    "ends with a backslash \\",
    '"',
    '""',
    "\x00",
    "\ud800",
    "{x}",
    "'''",
]


def _writable(source: str) -> None:
    source.encode("utf-8")  # raises on a lone surrogate


@settings(max_examples=300, deadline=None)
@given(TEXT)
@example(SAMPLES[0])
@example(SAMPLES[1])
@example(SAMPLES[2])
@example(SAMPLES[6])
def test_python_string_is_one_literal_of_exactly_the_text(text: str) -> None:
    literal = escape.python_string(text)
    _writable(literal)
    assert "\n" not in literal
    node = ast.parse(literal, mode="eval").body
    assert isinstance(node, ast.Constant)
    assert node.value == text


@settings(max_examples=300, deadline=None)
@given(TEXT)
@example("\\d+")
@example("[\\w-./:]+")
def test_python_pattern_has_the_same_value(text: str) -> None:
    literal = escape.python_pattern(text)
    _writable(literal)
    assert ast.literal_eval(literal) == text


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
@example("{", "}")
@example("\\N", "{x}")
def test_fstring_text_is_literal_around_an_expression(before: str, after: str) -> None:
    source = 'f"' + escape.fstring_text(before) + "{value}" + escape.fstring_text(after) + '"'
    _writable(source)
    assert eval(source, {}, {"value": "<v>"}) == before + "<v>" + after


@settings(max_examples=300, deadline=None)
@given(TEXT)
@example('description ending in """')
@example('"starts with a quote')
@example("ends with a backslash \\")
@example('x"""; open("MARKER", "w"); """')
@example("a\n b")  # the lines after the first share an indentation
def test_docstring_cannot_be_closed_from_inside(text: str) -> None:
    literal = escape.docstring_literal(text)
    if literal is None:
        assert not text.strip()
        return
    source = f"def f():\n    {literal}\n"
    _writable(source)
    tree = ast.parse(source)
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef)
    assert len(function.body) == 1  # the docstring and nothing else
    doc = ast.get_docstring(function, clean=False)
    assert doc is not None
    # The text survives, up to the trailing spaces of its lines and the indentation that all its
    # lines after the first share, which a docstring drops (ruff's formatter does; `inspect.cleandoc`
    # and `help()` read the docstring without them anyway).
    lines = [line.rstrip() for line in text.strip().splitlines()]
    shared = min((len(line) - len(line.lstrip(" ")) for line in lines[1:] if line), default=0)
    expected = "\n".join([lines[0], *(line[shared:] for line in lines[1:])])
    assert doc.rstrip("\n") == "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in expected)
    doc.encode("utf-8")  # what creating a class with this docstring does


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_comment_is_one_line(text: str) -> None:
    comment = escape.comment_text(text)
    _writable(comment)
    source = f"x = 1  # {comment}\n"
    tree = ast.parse(source)
    assert len(tree.body) == 1


@settings(max_examples=300, deadline=None)
@given(TEXT)
@example('"quoted" \\ title')
def test_toml_string_round_trips(text: str) -> None:
    document = f"value = {escape.toml_string(text)}\n"
    _writable(document)
    expected = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    assert tomllib.loads(document)["value"] == expected


@settings(max_examples=300, deadline=None)
@given(TEXT)
@example("``` code fence")
@example("`tick`")
def test_markdown_stays_on_one_line_and_in_its_span(text: str) -> None:
    for rendered in (escape.markdown_text(text), escape.markdown_code(text), escape.markdown_inline(text)):
        _writable(rendered)
        assert "\n" not in rendered and "\r" not in rendered
    assert "<" not in escape.markdown_inline(text)
    code = escape.markdown_code(text)
    fence = len(code) - len(code.lstrip("`"))
    assert "`" * fence not in code[fence:-fence]
