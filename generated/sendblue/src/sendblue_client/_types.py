"""Sentinels and type aliases shared by the client, its resources and their callers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Final, Literal, TypeAlias, TypeVar

import httpx

__all__ = ["NOT_GIVEN", "Body", "Headers", "NotGiven", "NotGivenOr", "Omit", "Query", "Timeout"]

_T = TypeVar("_T")


class NotGiven:
    """The type of `NOT_GIVEN`: an argument the caller left out.

    It differs from `None`, which callers pass to send an explicit JSON `null` or to switch a
    setting off (`timeout=None` means "no timeout", `timeout=NOT_GIVEN` means "the client's").
    """

    _instance: ClassVar[NotGiven | None] = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        # Pickling and copying keep the singleton, so `is NOT_GIVEN` stays true.
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

NotGivenOr: TypeAlias = _T | NotGiven
"""`NotGivenOr[int]` is an `int` or `NOT_GIVEN`."""


class Omit:
    """A header value that removes the header, even one the client sets by default.

    `extra_headers={"User-Agent": Omit()}` sends no `User-Agent` at all.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "Omit()"


Headers: TypeAlias = Mapping[str, str | Omit]
Query: TypeAlias = Mapping[str, object]
Body: TypeAlias = object
Timeout: TypeAlias = float | httpx.Timeout | None
