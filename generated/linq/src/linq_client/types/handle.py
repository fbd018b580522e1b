"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from typing import Annotated, TypeAlias

from pydantic import Field

__all__ = [
    "Handle",
]


Handle: TypeAlias = Annotated[
    str,
    Field(
        pattern=r"^(\+[1-9][0-9]{7,14}|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)$"
    ),
]
"""A participant handle: a phone number in E.164 format (e.g. +12223334444) or an email
address.
"""
