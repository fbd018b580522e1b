"""Typed Python client for the Sendblue API.

from sendblue_client import Sendblue

client = Sendblue()  # credentials from SENDBLUE_API_KEY, SENDBLUE_API_SECRET
"""

from typing import TYPE_CHECKING, Any

from ._base_client import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from ._client import AsyncSendblue, Sendblue
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    InvalidHeaderError,
    MissingCredentialsError,
    NotFoundError,
    PaginationLoopError,
    PermissionDeniedError,
    RateLimitError,
    RequestValidationError,
    SDKError,
    UnprocessableEntityError,
)
from ._response import APIResponse, AsyncAPIResponse
from ._types import NOT_GIVEN, NotGiven
from ._version import __version__

if TYPE_CHECKING:
    from . import types
    from ._drift import Drift, drift_of
    from ._models import UnknownValue, UnknownVariant, is_unknown
    from ._pagination import AsyncPage, AsyncPaginator, SyncPage

# Loaded on first use, so that importing the client stays cheap: `types` (every model of the
# API), the models' runtime, the pages of list calls, the report of responses that differ from
# the spec and the bodies of other media types. Modules, and names -> their module:
_MODULES_ON_FIRST_USE = frozenset({"types", "_drift", "_media", "_pagination"})
_NAMES_ON_FIRST_USE = {
    "UnknownValue": "_models",
    "UnknownVariant": "_models",
    "is_unknown": "_models",
    "AsyncPage": "_pagination",
    "AsyncPaginator": "_pagination",
    "SyncPage": "_pagination",
    "Drift": "_drift",
    "drift_of": "_drift",
}


def __getattr__(name: str) -> Any:
    import importlib

    if name in _MODULES_ON_FIRST_USE:
        return importlib.import_module(f"{__name__}.{name}")
    if name in _NAMES_ON_FIRST_USE:
        return getattr(importlib.import_module(f"{__name__}.{_NAMES_ON_FIRST_USE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncAPIResponse",
    "AsyncPage",
    "AsyncPaginator",
    "AsyncSendblue",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "Drift",
    "InternalServerError",
    "InvalidHeaderError",
    "MissingCredentialsError",
    "NotFoundError",
    "NotGiven",
    "PaginationLoopError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestValidationError",
    "SDKError",
    "Sendblue",
    "SyncPage",
    "UnknownValue",
    "UnknownVariant",
    "UnprocessableEntityError",
    "__version__",
    "drift_of",
    "is_unknown",
    "types",
]
