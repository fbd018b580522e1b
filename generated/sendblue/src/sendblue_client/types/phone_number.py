"""Models of Sendblue API (version 2.0.0).

Generated from sendblue.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Annotated, TypeAlias

from pydantic import Field

__all__ = [
    "PhoneNumber",
]


PhoneNumber: TypeAlias = Annotated[str, Field(pattern=r"^\+[1-9][0-9]{7,14}$")]
"""E.164 phone number (`+` then 8 to 15 digits, no spaces or punctuation)."""
