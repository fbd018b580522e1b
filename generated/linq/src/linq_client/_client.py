"""The Linq Partner API clients: `Linq` (sync) and `AsyncLinq` (async)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

import httpx

from ._base_client import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, AsyncAPIClient, SyncAPIClient
from ._exceptions import MissingCredentialsError
from ._version import __version__

if TYPE_CHECKING:
    # Resource modules (and the models they use) are imported on first use, to keep
    # `import linq_client` cheap.
    from .resources.attachments import AsyncAttachments, Attachments
    from .resources.chats.chats import AsyncChats, Chats
    from .resources.messages import AsyncMessages, Messages

DEFAULT_BASE_URL = "https://api.linqapp.com/api/partner"


def _credential(value: str | None, argument: str, env: str) -> str:
    if value is None:
        value = os.environ.get(env)
    if not value:
        raise MissingCredentialsError(
            f"The {argument} client option must be set, either by passing {argument}=... to the client "
            f"or by setting the {env} environment variable"
        )
    return value


class Linq(SyncAPIClient):
    """Synchronous client for the Linq Partner API.

    Credentials and the base URL come from the arguments or, when omitted, from the environment:
    `api_key` from `LINQ_API_KEY`,
    `base_url` from `LINQ_BASE_URL` (default `https://api.linqapp.com/api/partner`).
    Setting `LINQ_LOG=info` (or `debug`) logs every call to the `linq_client` logger,
    credentials masked.
    """

    _log_env = "LINQ_LOG"

    api_key: str

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.Client | None = None,
        validate_requests: bool = True,
        strict_responses: bool = False,
    ) -> None:
        self.api_key = _credential(api_key, "api_key", "LINQ_API_KEY")
        if base_url is None:
            base_url = os.environ.get("LINQ_BASE_URL") or DEFAULT_BASE_URL
        super().__init__(
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            validate_requests=validate_requests,
            strict_responses=strict_responses,
            user_agent=f"linq-client/{__version__} (python)",
        )

    @property
    def auth_headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.api_key}",
        }

    def _copy_kwargs(self) -> dict[str, Any]:
        return {
            **super()._copy_kwargs(),
            "api_key": self.api_key,
        }

    @cached_property
    def chats(self) -> Chats:
        from .resources.chats.chats import Chats

        return Chats(self)

    @cached_property
    def messages(self) -> Messages:
        from .resources.messages import Messages

        return Messages(self)

    @cached_property
    def attachments(self) -> Attachments:
        from .resources.attachments import Attachments

        return Attachments(self)


class AsyncLinq(AsyncAPIClient):
    """Asynchronous client for the Linq Partner API.

    Credentials and the base URL come from the arguments or, when omitted, from the environment:
    `api_key` from `LINQ_API_KEY`,
    `base_url` from `LINQ_BASE_URL` (default `https://api.linqapp.com/api/partner`).
    Setting `LINQ_LOG=info` (or `debug`) logs every call to the `linq_client` logger,
    credentials masked.
    """

    _log_env = "LINQ_LOG"

    api_key: str

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.AsyncClient | None = None,
        validate_requests: bool = True,
        strict_responses: bool = False,
    ) -> None:
        self.api_key = _credential(api_key, "api_key", "LINQ_API_KEY")
        if base_url is None:
            base_url = os.environ.get("LINQ_BASE_URL") or DEFAULT_BASE_URL
        super().__init__(
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            validate_requests=validate_requests,
            strict_responses=strict_responses,
            user_agent=f"linq-client/{__version__} (python)",
        )

    @property
    def auth_headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.api_key}",
        }

    def _copy_kwargs(self) -> dict[str, Any]:
        return {
            **super()._copy_kwargs(),
            "api_key": self.api_key,
        }

    @cached_property
    def chats(self) -> AsyncChats:
        from .resources.chats.chats import AsyncChats

        return AsyncChats(self)

    @cached_property
    def messages(self) -> AsyncMessages:
        from .resources.messages import AsyncMessages

        return AsyncMessages(self)

    @cached_property
    def attachments(self) -> AsyncAttachments:
        from .resources.attachments import AsyncAttachments

        return AsyncAttachments(self)
