"""The one Jinja environment every emitter renders with (templates in `templates/`)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def python_string(text: str) -> str:
    """A Python string literal of `text`."""
    return json.dumps(text, ensure_ascii=False)


def docstring(text: str | None) -> str:
    """`text` made safe inside a triple-quoted docstring."""
    return (text or "").replace("\\", "\\\\").replace('"""', '\\"\\"\\"').strip()


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["pystr"] = python_string
    env.filters["docstring"] = docstring
    env.filters["pyrepr"] = repr
    return env
