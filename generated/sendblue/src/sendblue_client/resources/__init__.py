"""The resources of the Sendblue API client."""

from .messages import AsyncMessages, Messages

__all__ = [
    "AsyncMessages",
    "Messages",
]
