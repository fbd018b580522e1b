"""Typed Python client for the Sendblue API.

from sendblue_client import Sendblue

client = Sendblue()  # credentials from SENDBLUE_API_KEY, SENDBLUE_API_SECRET
"""

from typing import TYPE_CHECKING, Any

from ._base_client import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from ._client import AsyncSendblue, Sendblue
from ._drift import Drift, drift_of
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
from ._pagination import AsyncPage, AsyncPaginator, SyncPage
from ._response import APIResponse, AsyncAPIResponse
from ._types import NOT_GIVEN, NotGiven
from ._version import __version__

if TYPE_CHECKING:
    from . import types
    from ._models import UnknownValue, UnknownVariant, is_unknown

# Loaded on first use, so that importing the client stays cheap: `types` (every model of the
# API) and the models' runtime.
_MODELS_RUNTIME = frozenset({"UnknownValue", "UnknownVariant", "is_unknown"})


def __getattr__(name: str) -> Any:
    if name == "types":
        import importlib

        return importlib.import_module(f"{__name__}.types")
    if name in _MODELS_RUNTIME:
        from . import _models

        return getattr(_models, name)
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
