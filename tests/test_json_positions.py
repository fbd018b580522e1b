"""`read_json` reads a JSON spec fast and must locate things exactly as `read_document` does.

Every check writes the JSON to a file, reads it through both routes and compares the data, every
pointer's (line, column) and the duplicate-key problems. A mismatch would make the same problem
point at different places depending on which reader loaded the file.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.document.loader import Document, read_document
from generator.document.positions import read_json, read_json_lazily
from generator.errors import PendingLocation
from generator.ir.build import build_api
from tests.conftest import SPECS


def assert_same_as_yaml_route(path: Path, text: str, *, same_data: bool = True) -> None:
    """`read_json` agrees with `read_document` on `text` written to `path`.

    `same_data=False` for documents whose values YAML reads differently from JSON (`1e5` is a
    string in YAML 1.1): the positions and problems must still agree.
    """
    path.write_text(text, encoding="utf-8", newline="")
    data, positions, problems = read_json(path.read_text(encoding="utf-8"), path)
    document, expected_problems = read_document(path)
    assert document is not None
    assert data == json.loads(text)
    if same_data:
        assert data == document.data
    assert positions == document.positions
    assert problems == expected_problems
    # The caller may also hand over the text untranslated (`\r\n` kept): same answer.
    assert read_json(text, path) == (data, positions, problems)
    assert_lazy_positions_agree(text, path, data, positions, problems)


def assert_lazy_positions_agree(
    text: str, path: Path, data: Any, positions: dict[str, tuple[int, int]], problems: list[Any]
) -> None:
    """`read_json_lazily` gives the same data and problems, and finds each pointer's position (and
    no position for a pointer `read_json` does not record), whatever the order of the lookups."""
    lazy_data, lazy, lazy_problems = read_json_lazily(text, path)
    assert (lazy_data, lazy_problems) == (data, problems)
    probes = [p for pointer in positions for p in (pointer, *(pointer + s for s in ABSENT_SUFFIXES))]
    probes += ["x", "/", "//", "/~", "/~2"]
    for order in (probes, probes[::-1], random.Random(len(text)).sample(probes, len(probes))):
        _, lazy, _ = read_json_lazily(text, path)
        for pointer in order:
            assert lazy.get(pointer) == positions.get(pointer), pointer
            assert (pointer in lazy) == (pointer in positions), pointer
    assert dict(lazy) == positions


# Pointers below a recorded one that `read_json` never records: an absent key, an index past the
# end or written with a leading zero or a sign, a `~` escape that no key is written with.
ABSENT_SUFFIXES = ("/absent", "/99", "/01", "/-1", "/+0", "/~2", "/~01", "/", "/0/0/0")


NESTED = {
    "openapi": "3.1.0",
    "info": {"title": "Pets", "version": "1.0", "tags": []},
    "paths": {
        "/pets/{petId}": {
            "get": {
                "parameters": [{"name": "petId", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok", "content": {}}},
            }
        }
    },
    "matrix": [[1, 2], [], [[3.5, -4], {"deep": [None, False]}], [{}]],
    "escaped keys": {"a/b": 1, "~tilde": 2, "~1": 3, 'quo"te': 4, "back\\slash": 5, "é": 6, "": 7},
    "values": {"text": "naïve café ☕ 漢字", "tab": "a\tb", "newline": "a\nb", "number": 12345678901234567890},
}


@pytest.mark.parametrize(
    "value",
    [
        NESTED,
        [NESTED, [NESTED]],
        {},
        [],
        [[], {}, [[]], [{}]],
        [[[1, [2]], [[3]]], [[[]]]],
        {"a": {"b": {"c": {"d": []}}}},
        "just a string",
        42,
        None,
    ],
    ids=[
        "nested",
        "in-arrays",
        "empty-object",
        "empty-array",
        "empties",
        "arrays-of-arrays",
        "deep",
        "string",
        "int",
        "null",
    ],
)
@pytest.mark.parametrize(
    "dump",
    [
        {"indent": 2},
        {"indent": 2, "ensure_ascii": False},
        {"separators": (",", ":")},
        {"separators": (",", ":"), "ensure_ascii": False},
        {"indent": "\t"},
        {"indent": 0},
    ],
    ids=["pretty", "pretty-utf8", "minified", "minified-utf8", "tab-indent", "zero-indent"],
)
def test_same_as_yaml_route(tmp_path: Path, value: Any, dump: dict[str, Any]) -> None:
    assert_same_as_yaml_route(tmp_path / "spec.json", json.dumps(value, **dump))


@pytest.mark.parametrize(
    "text",
    [
        # whitespace of every kind inside containers, CR and CRLF line ends
        '{\r\n\t"a" :\t[ 1 ,\r\n\t\t{ "b"\t:"c" } ],\r"d":\n\n  true\t}\r\n',
        '[\n\t"x",\t\n\t[ ]\t, {\t}\n]\t\n',
        # escapes inside keys decode as JSON decodes them
        '{"a\\/b": 1, "\\u00e9\\u20ac": 2, "\\"q\\"": 3, "\\\\": 4, "~0\\u007e": 5, "x": {"\\u0000\\t": 6}}',
        # a LINE SEPARATOR or a PARAGRAPH SEPARATOR in a string starts a new line for YAML
        '{"a": "one\u2028two", "b": ["x\u2029y", 1], "c": {"d": 2}}',
        # leading and trailing whitespace around the root
        '\n\n   {"a": [1, 2]}  \n\n',
        '  "a string root"  ',
        "\n [true, false, null, -0, 1.5, -2.25e-07, 0.0] ",
    ],
    ids=["crlf-tabs", "array-root", "escaped-keys", "yaml-line-breaks", "padded", "string-root", "scalars"],
)
def test_handwritten_documents(tmp_path: Path, text: str) -> None:
    assert_same_as_yaml_route(tmp_path / "spec.json", text)


@pytest.mark.parametrize("dump", [{"indent": 2}, {"separators": (",", ":")}], ids=["pretty", "minified"])
def test_characters_beyond_the_basic_plane(tmp_path: Path, dump: dict[str, Any]) -> None:
    value = {"😀": ["𝄞 and 😀", {"x😀y": "🎉"}], "after": 1}
    assert_same_as_yaml_route(tmp_path / "spec.json", json.dumps(value, ensure_ascii=False, **dump))


def test_escaped_surrogate_pairs(tmp_path: Path) -> None:
    # YAML refuses `\ud83d` (read_document then keeps no positions at all); JSON pairs them up.
    _, positions, _ = read_json('{"a": "\\ud83d\\ude00",\n "\\ud83d\\ude00": [0]}', tmp_path / "spec.json")
    assert positions == {"": (1, 1), "/a": (1, 2), "/😀": (2, 2), "/😀/0": (2, 19)}


def test_numbers_yaml_reads_as_strings_keep_json_values_and_yaml_positions(tmp_path: Path) -> None:
    text = '{"a": 1e5, "b": [1E+2, -3e-1], "c": {"d": 7}}'
    assert_same_as_yaml_route(tmp_path / "spec.json", text, same_data=False)
    data, _, _ = read_json(text, tmp_path / "spec.json")
    assert data == {"a": 100000.0, "b": [100.0, -0.3], "c": {"d": 7}}


def project_spec(name: str) -> Any:
    return yaml.safe_load(SPECS[name].read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(SPECS))
@pytest.mark.parametrize("indent", [2, None], ids=["pretty", "minified"])
def test_project_specs_as_json(tmp_path: Path, name: str, indent: int | None) -> None:
    text = json.dumps(project_spec(name), indent=indent, ensure_ascii=False)
    assert_same_as_yaml_route(tmp_path / f"{name}.json", text)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_project_specs_as_ascii_json(tmp_path: Path, name: str) -> None:
    """`json.dumps` escapes non-ASCII by default, an emoji as a surrogate pair (`\\ud83d\\ude80`),
    which YAML refuses: `read_document` then keeps no positions for the whole linq spec. With one
    member or item per line the escapes move no key, so the positions must be those YAML gives
    for the same document written unescaped."""
    spec = project_spec(name)
    unescaped = tmp_path / f"{name}.utf8.json"
    unescaped.write_text(json.dumps(spec, indent=2, ensure_ascii=False), encoding="utf-8")
    document, _ = read_document(unescaped)
    assert document is not None
    data, positions, problems = read_json(json.dumps(spec, indent=2), tmp_path / f"{name}.json")
    assert data == spec
    assert positions == document.positions
    assert problems == []


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "b": 2, "a": 3}',
        '{\n  "x": {"k": 1, "k": 2, "k": 3},\n  "y": [{"k": 1, "j": 0, "k": [1]}]\n}',
        # the earlier value's pointers stay recorded: items keep the first position, members the last
        '{"a": {"p": [1, 2, {"q": 1}]}, "b": 0, "a": {"p": [3], "r": 4}}',
        '[{"a": [[], [1, 2]], "a": [[3]]}, {"a": 1}]',
        # keys written differently that decode to the same string
        '{"\\u0061": 1, "a": 2, "a\\/b": 3, "a/b": 4}',
        # the same key in sibling objects is no duplicate
        '{"a": {"k": 1}, "b": {"k": 2}}',
    ],
    ids=["root", "nested", "container-values", "in-array", "escaped", "siblings"],
)
def test_duplicate_keys(tmp_path: Path, text: str) -> None:
    assert_same_as_yaml_route(tmp_path / "spec.json", text)


def test_duplicate_key_problem(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    _, _, [problem] = read_json('{\n  "a": 1,\n  "b": {"a": 2, "a": 3}\n}', path)
    assert str(problem) == (
        f"{path}:3:17 #/b/a: error: duplicate key 'a'; the later value would silently win"
        " (hint: remove or rename one of the two)"
    )


def test_invalid_json_raises(tmp_path: Path) -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        read_json('{"a": 1,\n "b": }', tmp_path / "spec.json")
    assert (caught.value.lineno, caught.value.colno) == (2, 7)


# --- random documents ---------------------------------------------------------------------------

# Characters YAML refuses (control characters, U+FFFE, U+FFFF) make `read_document` give up on a
# file, so random text avoids them; keys also avoid the two characters YAML takes for line breaks,
# since a YAML key must fit on one line.
_VALUE_TEXT = st.text(st.characters(exclude_categories=["Cc", "Cs"], exclude_characters="\ufeff\ufffe\uffff"))
_KEY_TEXT = st.text(
    st.characters(exclude_categories=["Cc", "Cs"], exclude_characters="\ufeff\ufffe\uffff\u2028\u2029"),
    max_size=12,
)
# Floats whose JSON form YAML 1.1 also reads as a float (it needs a decimal point).
_FLOATS = st.floats(allow_nan=False, allow_infinity=False).filter(lambda number: "." in repr(number))
_SCALARS = st.none() | st.booleans() | st.integers() | _FLOATS | _VALUE_TEXT

_VALUES = st.recursive(
    _SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_KEY_TEXT, children, max_size=4),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=_VALUES)
def test_random_documents(tmp_path: Path, value: Any) -> None:
    dumps: list[dict[str, Any]] = [{"indent": 2}, {"separators": (",", ":")}]
    # `ensure_ascii` writes characters beyond U+FFFF as surrogate pairs, which YAML refuses.
    ascii_too = all(ord(c) <= 0xFFFF for c in json.dumps(value, ensure_ascii=False))
    for options in dumps:
        for ensure_ascii in (False, True) if ascii_too else (False,):
            text = json.dumps(value, ensure_ascii=ensure_ascii, **options)
            assert_same_as_yaml_route(tmp_path / "spec.json", text)


class Members(list[tuple[str, Any]]):
    """An object as the list of its members, so that a key can occur twice."""


def write_json(value: Any, spacing: random.Random) -> str:
    """JSON text for `value` with random whitespace inside containers, where YAML accepts any.

    A key and its colon stay on one line, since YAML needs a key on a single line.
    """

    def gap() -> str:
        return spacing.choice(["", "", " ", "  ", "\t", "\n", "\n  ", "\r\n\t", " \n\t "])

    def inline_gap() -> str:
        return spacing.choice(["", " ", "\t"])

    if isinstance(value, Members):
        members = [
            f"{gap()}{json.dumps(k, ensure_ascii=False)}{inline_gap()}:{gap()}{write_json(v, spacing)}{gap()}"
            for k, v in value
        ]
        return "{" + ",".join(members) + gap() + "}"
    if isinstance(value, list):
        return "[" + ",".join(f"{gap()}{write_json(item, spacing)}{gap()}" for item in value) + gap() + "]"
    return json.dumps(value, ensure_ascii=False)


_FEW_KEYS = st.sampled_from(["a", "b", "a/b", "~", "é"])
_WITH_DUPLICATES = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.lists(st.tuples(_FEW_KEYS | _KEY_TEXT, children), max_size=5).map(Members)
    ),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=_WITH_DUPLICATES, spacing=st.randoms(use_true_random=False))
def test_random_documents_with_duplicates_and_whitespace(tmp_path: Path, value: Any, spacing: random.Random) -> None:
    assert_same_as_yaml_route(tmp_path / "spec.json", write_json(value, spacing))


@pytest.mark.parametrize("name", sorted(SPECS))
def test_ir_locations_of_a_json_spec(tmp_path: Path, name: str) -> None:
    """The IR's locations of a JSON spec are looked up when read: the same as found eagerly."""
    path = tmp_path / f"{name}.json"
    text = json.dumps(project_spec(name), indent=2, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    api = build_api(path)
    data, positions, _ = read_json(text, path)
    eager = Document(path, data, positions)
    located = [m.location for m in api.models] + [op.location for op in api.operations]
    located += [rule.location for model in api.models for rule in model.rules]
    assert located and all(isinstance(location, PendingLocation) for location in located)
    for location in located:
        assert location is not None
        assert str(location) == str(eager.locate(location.pointer))
