"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Annotated, Literal, NotRequired, TypedDict

from pydantic import Field

from .._models import ConstFieldsModel
from .text_decoration import TextDecoration, TextDecorationParam

__all__ = [
    "TextPart",
    "TextPartParam",
]


class TextPart(ConstFieldsModel):
    """A text message part"""

    __const_fields__ = ("type",)

    type: Literal["text"] = "text"
    """Indicates this is a text message part"""

    value: Annotated[str, Field(min_length=1, max_length=10000)]
    """The text content of the message. This value is sent as-is with no parsing or
    transformation: Markdown syntax will be delivered as plain text. Use
    text_decorations to apply inline formatting and animations (iMessage only).
    """

    text_decorations: list[TextDecoration] | None = None
    """Optional array of text decorations applied to character ranges in the value field
    (iMessage only). Each decoration specifies a character range [start, end) and
    exactly one of style or animation. Style ranges may overlap (e.g. bold + italic on
    the same text), but animation ranges must not overlap with other animations or
    styles. Characters are measured as UTF-16 code units. Text decorations only render
    for iMessage recipients.
    """


class TextPartParam(TypedDict):
    """`TextPart` as a dict, keyed by its Python field names.

    A text message part
    """

    type: Literal["text"]
    """Indicates this is a text message part"""

    value: str
    """The text content of the message. This value is sent as-is with no parsing or
    transformation: Markdown syntax will be delivered as plain text. Use
    text_decorations to apply inline formatting and animations (iMessage only).
    """

    text_decorations: NotRequired[list[TextDecoration | TextDecorationParam]]
    """Optional array of text decorations applied to character ranges in the value field
    (iMessage only). Each decoration specifies a character range [start, end) and
    exactly one of style or animation. Style ranges may overlap (e.g. bold + italic on
    the same text), but animation ranges must not overlap with other animations or
    styles. Characters are measured as UTF-16 code units. Text decorations only render
    for iMessage recipients.
    """
