"""The one way each kind of spec text reaches generated output: one function per output context.

A spec is input, never code. Every string that comes from a spec (titles, descriptions, URLs,
wire names, enum values, examples...) is written into a generated file only through one of
these functions, chosen by where it lands:

| context | function | what it guarantees |
|---------|----------|--------------------|
| Python string literal | `python_string` | a literal that evaluates to exactly `text` |
| Python raw string literal (regex patterns) | `python_pattern` | the same value, raw when readable |
| f-string literal part | `fstring_text` | literal text inside `f"..."` (or `f'...'`, see `string_quote`), braces doubled |
| Python docstring | `docstring_text` / `docstring_literal` | text that cannot close the docstring |
| Python comment | `comment_text` | one line, nothing after it can become code |
| TOML basic string | `toml_string` | a valid TOML string of `text` |
| Markdown prose / inline code | `markdown_text` / `markdown_code` | no markup, fences or HTML from the spec |
| Markdown from a description | `markdown_inline` | the spec's CommonMark on one line, without raw HTML |

Every function accepts any `str`, including NUL, other control characters and lone surrogates
(which JSON allows and UTF-8 cannot encode): Python contexts escape them, TOML and Markdown,
which cannot hold them, and docstrings, which Python encodes as UTF-8, replace lone surrogates
with U+FFFD.

Python literals are written as ruff's formatter writes them, so that it has nothing to change
(see `generator/emit/writer.py`): double quotes, unless the text holds more double quotes than
single ones; escapes in lowercase hexadecimal; docstrings without trailing spaces.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def _escape_char(char: str) -> str:
    """A Python escape sequence for one character that must not appear raw in source."""
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _python_chars(text: str, *, quote: str = '"') -> str:
    """`text` with backslashes, `quote` and every unprintable character escaped."""
    if "\\" not in text and text.isprintable():  # nearly every text: no loop over its characters
        return text.replace(quote, "\\" + quote) if quote in text else text
    out = []
    for char in text:
        if char == quote:
            out.append("\\" + quote)
        elif char == "\\" or not char.isprintable():
            out.append(_escape_char(char))
        else:
            out.append(char)
    return "".join(out)


def string_quote(*texts: str) -> str:
    """The quote ruff writes a (non-raw) literal of `texts` with: `"`, or `'` when the texts
    hold more double quotes than single ones (fewer escapes)."""
    doubles = sum(text.count('"') for text in texts)
    singles = sum(text.count("'") for text in texts)
    return "'" if doubles > singles else '"'


def python_string(text: str) -> str:
    """A Python string literal whose value is exactly `text`, quoted as ruff quotes it
    (`string_quote`).

    Printable non-ASCII text stays readable; the quote, backslashes, control characters, line
    separators and lone surrogates are escaped, so the literal is one line of valid UTF-8.
    """
    quote = string_quote(text)
    return quote + _python_chars(text, quote=quote) + quote


def python_pattern(text: str) -> str:
    """A literal for a regular expression: raw (`r"\\d+"`) when that is the same value, else escaped."""
    if "\\" in text and '"' not in text and not text.endswith("\\") and text.isprintable():
        return f'r"{text}"'
    return python_string(text)


def fstring_text(text: str, quote: str = '"') -> str:
    """Literal text for inside an f-string quoted with `quote`: escaped as in `python_string`,
    braces doubled. ruff quotes an f-string by its literal text as it does a string
    (`string_quote` of all its literal parts)."""
    return _python_chars(text, quote=quote).replace("{", "{{").replace("}", "}}")


# The quotes `docstring_text` escapes: those next to another quote, or at either end of the text.
_TOUCHING_QUOTES = re.compile(r'"{2,}|\A"|"\Z')


def _escaped_quotes(match: re.Match[str]) -> str:
    return '\\"' * len(match[0])


def docstring_text(text: str | None) -> str:
    """`text` made safe inside a triple-double-quoted (non-raw) docstring.

    Backslashes and unprintable characters are escaped; a quote next to another quote, or at
    either end, is escaped so that no run of quotes can close the docstring early. Lone
    surrogates become U+FFFD: Python encodes a class's docstring as UTF-8 when it creates the class.
    Lines keep no trailing spaces, and the lines after the first no indentation they all share
    (ruff's formatter removes both), so that indenting the text to its place is the whole layout.
    """
    # A class's docstring is encoded as UTF-8 when the class is created: no lone surrogates.
    body = _unicode_scalars((text or "").strip())
    if "\n" in body:
        lines = [line.rstrip(" ") for line in body.split("\n")]
        shared = min((len(line) - len(line.lstrip(" ")) for line in lines[1:] if line), default=0)
        body = "\n".join([lines[0], *(line[shared:] for line in lines[1:])])
    if "\\" not in body and (body.isprintable() or body.replace("\n", "").isprintable()):
        # Nearly every description: only quotes may need escaping, which a regex finds at C speed.
        return _TOUCHING_QUOTES.sub(_escaped_quotes, body) if '"' in body else body
    out = []
    for index, char in enumerate(body):
        if char == '"':
            touching = (
                index == 0
                or index == len(body) - 1
                or body[index - 1] == '"'
                or (index + 1 < len(body) and body[index + 1] == '"')
            )
            out.append('\\"' if touching else '"')
        elif char == "\n":
            out.append("\n")
        elif char == "\\" or not char.isprintable():
            out.append(_escape_char(char))
        else:
            out.append(char)
    return "".join(out)


def docstring_literal(text: str | None) -> str | None:
    """A complete docstring (`\"\"\"...\"\"\"`) for a description; None when there is none.

    Lines keep no trailing spaces; a multi-line docstring closes on its own line.
    """
    if not text or not text.strip():
        return None
    lines = [line.rstrip() for line in text.strip().splitlines()]
    body = docstring_text("\n".join(lines))
    return f'"""{body}"""' if len(lines) == 1 else f'"""{body}\n"""'


def comment_text(text: str) -> str:
    """One line for after `#`: line breaks become spaces, unprintable characters are escaped."""
    flat = " ".join(text.split())
    if flat.isprintable():
        return flat
    return "".join(char if char.isprintable() else _escape_char(char) for char in flat)


def _unicode_scalars(text: str) -> str:
    """`text` with lone surrogates replaced by U+FFFD (they cannot be written as UTF-8)."""
    return _SURROGATE.sub("\ufffd", text)


def toml_string(text: str) -> str:
    """A TOML basic string (`"..."`) of `text`."""
    out = ['"']
    for char in _unicode_scalars(text):
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif code < 0x20 or code == 0x7F:
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char, f"\\u{code:04X}"))
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def markdown_text(text: str | None) -> str:
    """Prose for one Markdown line or table cell: markup characters escaped, whitespace folded."""
    flat = " ".join(_unicode_scalars(text or "").split())
    flat = "".join(char if char.isprintable() else " " for char in flat)
    flat = _MARKDOWN_SPECIAL.sub(r"\\\1", flat)
    # A line starting with `#`, `=` or a list marker would become a heading or a list item.
    return "\\" + flat if flat[:1] in ("#", "=", "+", "-") else flat


def markdown_inline(text: str | None) -> str:
    """A spec description (CommonMark by the OpenAPI standard) on one line: its emphasis and code
    spans are kept; raw HTML is shown as text and `|` cannot end a table cell."""
    flat = " ".join(_unicode_scalars(text or "").split())
    flat = "".join(char if char.isprintable() else " " for char in flat)
    return flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def markdown_code(text: str) -> str:
    """An inline code span of `text` on one line, with a fence longer than any backtick run in it."""
    flat = " ".join(_unicode_scalars(text).split())
    flat = "".join(char if char.isprintable() else " " for char in flat)
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or not flat else ""
    return f"{fence}{pad}{flat}{pad}{fence}"
