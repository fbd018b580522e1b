"""The fixed answers of the call benchmark, built from the Linq spec's own examples.

Taking them from the spec (not writing them by hand) keeps them valid for the generated models as
the spec evolves; tests/test_benchmarks.py checks that `linq_client` accepts them.
"""

from __future__ import annotations

import copy
import json
import uuid
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
LINQ_SPEC = ROOT / "spec" / "linq.yaml"
CHAT_ID = "6f1b9a2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
PAGE_SIZE = 100

CHAT_PATH = f"/v3/chats/{CHAT_ID}"
PAGE_PATH = f"/v3/chats/{CHAT_ID}/messages"


@cache
def _spec(path: Path = LINQ_SPEC) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        document: dict[str, Any] = yaml.safe_load(handle)
    return document


def _example(path: str, method: str, status: str) -> Any:
    content = _spec()["paths"][path][method]["responses"][status]["content"]["application/json"]
    return copy.deepcopy(content["example"])


def chat() -> dict[str, Any]:
    """A single chat: the example of `GET /v3/chats/{chatId}`."""
    body: dict[str, Any] = _example("/v3/chats/{chatId}", "get", "200")
    return body


def message_examples() -> list[dict[str, Any]]:
    """Every message the spec shows: the items of its message-list examples and its message examples."""
    found: list[dict[str, Any]] = []
    for path in ("/v3/chats/{chatId}/messages", "/v3/messages/{messageId}/thread"):
        found.extend(_example(path, "get", "200")["messages"])
    found.append(_example("/v3/messages/{messageId}", "get", "200"))
    found.append(_example("/v3/messages/{messageId}", "patch", "200"))
    return found


def message_page(size: int = PAGE_SIZE) -> dict[str, Any]:
    """A page of `size` messages cycling through the spec's examples, each with its own id, and no
    next page (so a client has nothing more to fetch)."""
    examples = message_examples()
    messages = []
    for index in range(size):
        message = copy.deepcopy(examples[index % len(examples)])
        message["id"] = str(uuid.UUID(int=index + 1, version=4))
        message["chat_id"] = CHAT_ID
        messages.append(message)
    return {"messages": messages, "next_cursor": None}


def encode(body: Any) -> bytes:
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


def routes() -> dict[str, bytes]:
    """Path to answer body of the fixed-response server."""
    return {CHAT_PATH: encode(chat()), PAGE_PATH: encode(message_page())}
