"""The one Jinja environment every emitter renders with (templates in `templates/`).

Spec text reaches a template's output only through the filters below, each one context's
escaping function from `generator.emit.escape`: `pystr` (a Python string literal), `pyliteral`
(any JSON value as Python), `pytuple` (a tuple of strings), `docstring`, `comment`, `toml`, `md` (Markdown prose), `mdinline` (a description's CommonMark) and `mdcode`
(Markdown inline code).

Three filters only order names the way ruff checks them (`generator.emit.ordering`):
`all_sorted` (`__all__`), `names_sorted` (the names of one `from` import) and
`modules_sorted(attribute)` (from imports of the modules named by that attribute).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from generator.emit import escape, ordering

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    try:
        return jinja2.FileSystemBytecodeCache()  # a private folder in the temp dir, per user
    except OSError:  # no writable temp dir: compile every time
        return None


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    from generator.emit.python_types import python_literal, string_tuple

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        # Compiling the templates costs more than rendering a small package: keep their bytecode
        # (keyed by each template's source checksum) in a per-user cache folder.
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["pystr"] = escape.python_string
    env.filters["pyliteral"] = python_literal
    env.filters["pytuple"] = string_tuple
    env.filters["docstring"] = escape.docstring_text
    env.filters["comment"] = escape.comment_text
    env.filters["toml"] = escape.toml_string
    env.filters["md"] = escape.markdown_text
    env.filters["mdcode"] = escape.markdown_code
    env.filters["mdinline"] = escape.markdown_inline
    env.filters["all_sorted"] = ordering.dunder_all
    env.filters["names_sorted"] = ordering.import_names
    env.filters["modules_sorted"] = ordering.by_module
    return env
