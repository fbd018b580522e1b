"""Base classes and helpers shared by the resource modules."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ._types import NotGiven

if TYPE_CHECKING:
    from ._base_client import AsyncAPIClient, SyncAPIClient


class SyncAPIResource:
    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client


class AsyncAPIResource:
    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client


def given(values: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments the caller passed: `NOT_GIVEN` ones are left out, explicit `None` is kept."""
    return {key: value for key, value in values.items() if not isinstance(value, NotGiven)}


def path_param(value: object) -> str:
    """A path parameter, percent-encoded so that it stays one path segment.

    `/`, `?` and `#` are encoded, and so are the dots of a `.` or `..` segment, which URL
    normalisation would otherwise resolve (an id of `..` must not reach the parent path).
    """
    text = str(value.value if isinstance(value, enum.Enum) else value)
    if not text:
        raise ValueError("path parameters must not be empty")
    encoded = quote(text, safe="")
    return encoded.replace(".", "%2E") if set(text) == {"."} else encoded
