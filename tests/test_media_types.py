"""Request and response media types over real HTTP: the generated client sends each body as the
spec documents it (form, multipart, vendor JSON, text, bytes) and an `Accept` listing what the
operation answers; the mock, which negotiates content like Prism, accepts every call."""

from __future__ import annotations

import importlib
import inspect
import json
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest

from contract_tests.mock import MockServer
from tests.test_generate_generic import generate

SPEC = """
openapi: 3.1.0
info: {title: Media, version: "1.0"}
servers: [{url: "https://media.example.com"}]
paths:
  /tokens:
    post:
      operationId: createToken
      tags: [tokens]
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [grant_type]
              properties:
                grant_type: {type: string}
                scopes: {type: array, items: {type: string}}
                remember: {type: boolean}
                ttl: {type: integer}
                meta: {type: object, properties: {source: {type: string}}}
      responses:
        "200":
          description: A token.
          content:
            application/json:
              schema: {type: object, properties: {token: {type: string}}}
              example: {token: t-1}
  /articles:
    post:
      operationId: createArticle
      tags: [articles]
      requestBody:
        required: true
        content:
          application/vnd.api+json:
            schema:
              type: object
              required: [title]
              properties:
                title: {type: string}
      responses:
        "201":
          description: The article.
          content:
            application/vnd.api+json:
              schema: {type: object, properties: {id: {type: string}}}
              example: {id: a-1}
  /uploads:
    post:
      operationId: upload
      tags: [uploads]
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file]
              properties:
                file: {type: string, format: binary}
                note: {type: string}
                public: {type: boolean}
      responses:
        "204": {description: Stored.}
  /notes:
    post:
      operationId: addNote
      tags: [notes]
      requestBody:
        required: true
        content:
          text/plain:
            schema: {type: string}
      responses:
        "204": {description: Added.}
  /blobs:
    put:
      operationId: putBlob
      tags: [blobs]
      requestBody:
        required: true
        content:
          application/octet-stream:
            schema: {type: string, format: binary}
      responses:
        "204": {description: Stored.}
  /reports:
    get:
      operationId: getReport
      tags: [reports]
      responses:
        "200":
          description: The report.
          content:
            text/csv:
              schema: {type: string}
              example: "a,b"
            application/json:
              schema: {type: object, properties: {rows: {type: integer}}}
              example: {rows: 1}
        "202":
          description: Still running.
          content:
            application/xml:
              schema: {type: string}
  /legacy:
    get:
      operationId: getLegacy
      tags: [reports]
      responses:
        default:
          description: Whatever the status, XML.
          content:
            text/xml:
              schema: {type: string}
  /servlet:
    get:
      operationId: getServlet
      tags: [reports]
      responses:
        "404":
          description: Disabled.
          content:
            text/html:
              schema: {type: string}
  /plain:
    get:
      operationId: getPlain
      tags: [reports]
      parameters:
        - {name: Accept, in: header, schema: {type: string}}
      responses:
        "200":
          description: JSON only.
          content:
            application/json:
              schema: {type: object}
              example: {}
"""


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class _Recorder(BaseHTTPRequestHandler):
    seen: list[Seen]

    def _handle(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length)
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.server.seen.append(Seen(self.command, self.path, headers, body))  # type: ignore[attr-defined]
        payload = b"{}"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = _handle

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[Seen]]]:
    """A loopback server that answers `{}` to everything and keeps each request it got."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.seen  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Any]]:
    root = tmp_path_factory.mktemp("media")
    spec = root / "media.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    result = generate(spec, root / "out", "media_client")
    assert result.returncode == 0, result.stderr
    sys.path.insert(0, str(root / "out" / "src"))
    try:
        yield spec, importlib.import_module("media_client")
    finally:
        sys.path.remove(str(root / "out" / "src"))


def test_form_body_is_form_encoded(media: tuple[Path, Any], recorder: tuple[str, list[Seen]]) -> None:
    _, module = media
    url, seen = recorder
    client = module.Media(base_url=url, max_retries=0)
    client.tokens.create_token(
        body={
            "grant_type": "password",
            "scopes": ["read", "write"],
            "remember": True,
            "ttl": 60,
            "meta": {"source": "x"},
        }
    )
    sent = seen[-1]
    assert sent.headers["content-type"] == "application/x-www-form-urlencoded"
    assert sent.headers["accept"] == "application/json"
    fields = parse_qs(sent.body.decode("ascii"))
    assert fields == {
        "grant_type": ["password"],
        "scopes": ["read", "write"],
        "remember": ["true"],
        "ttl": ["60"],
        "meta": ['{"source":"x"}'],
    }
    # extra_body adds form fields; an Idempotency-Key header, as for any POST without one in its body
    client.tokens.create_token(body={"grant_type": "password"}, extra_body={"client_id": "c"})
    assert parse_qs(seen[-1].body.decode("ascii")) == {"grant_type": ["password"], "client_id": ["c"]}
    assert "idempotency-key" in seen[-1].headers


def test_vendor_json_keeps_its_exact_type(media: tuple[Path, Any], recorder: tuple[str, list[Seen]]) -> None:
    _, module = media
    url, seen = recorder
    module.Media(base_url=url, max_retries=0).articles.create_article(title="Hello")
    sent = seen[-1]
    assert sent.headers["content-type"] == "application/vnd.api+json"
    assert sent.headers["accept"] == "application/vnd.api+json"
    assert json.loads(sent.body) == {"title": "Hello"}


def test_multipart_text_and_bytes_bodies(media: tuple[Path, Any], recorder: tuple[str, list[Seen]]) -> None:
    _, module = media
    url, seen = recorder
    client = module.Media(base_url=url, max_retries=0)
    client.uploads.upload(body={"file": b"\x00\x01binary", "note": "hi", "public": False})
    sent = seen[-1]
    assert sent.headers["content-type"].startswith("multipart/form-data; boundary=")
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + sent.headers["content-type"].encode() + b"\r\n\r\n" + sent.body
    )
    parts = {part.get_param("name", header="content-disposition"): part for part in message.iter_parts()}
    assert parts["file"].get_payload(decode=True) == b"\x00\x01binary"
    assert parts["file"].get_content_type() == "application/octet-stream"
    assert parts["note"].get_payload(decode=True) == b"hi"
    assert parts["public"].get_payload(decode=True) == b"false"

    client.notes.add_note(body="remember the milk")
    assert (seen[-1].headers["content-type"], seen[-1].body) == ("text/plain", b"remember the milk")

    client.blobs.put_blob(body=b"\xff\xfe raw")
    assert (seen[-1].headers["content-type"], seen[-1].body) == ("application/octet-stream", b"\xff\xfe raw")


def test_accept_lists_the_documented_types(media: tuple[Path, Any], recorder: tuple[str, list[Seen]]) -> None:
    _, module = media
    url, seen = recorder
    client = module.Media(base_url=url, max_retries=0)
    client.reports.get_report()
    assert seen[-1].headers["accept"] == "application/json, application/xml, text/csv"
    client.reports.get_legacy()
    assert seen[-1].headers["accept"] == "text/xml"  # no 2xx response: `default` answers
    client.reports.get_servlet()
    assert seen[-1].headers["accept"] == "text/html"  # only an error documented: its type
    # A header parameter named Accept is ignored, as OpenAPI says: no argument, the JSON default.
    assert "accept" not in inspect.signature(client.reports.get_plain).parameters
    client.reports.get_plain()
    assert seen[-1].headers["accept"] == "application/json"
    # The caller's headers win, for Accept and for Content-Type alike.
    client.reports.get_report(extra_headers={"Accept": "text/csv"})
    assert seen[-1].headers["accept"] == "text/csv"
    client.notes.add_note(body="x", extra_headers={"Content-Type": "text/plain; charset=utf-8"})
    assert seen[-1].headers["content-type"] == "text/plain; charset=utf-8"


def test_every_media_type_passes_a_negotiating_mock(media: tuple[Path, Any]) -> None:
    spec, module = media
    with MockServer(spec, mode="examples", seed=1, negotiation=True) as server:
        client = module.Media(base_url=server.url, max_retries=0)
        assert client.tokens.create_token(body={"grant_type": "password", "scopes": ["a"], "remember": True}).token
        assert client.articles.create_article(title="Hello").id
        client.uploads.upload(body={"file": b"data", "note": "n"})
        client.notes.add_note(body="a note")
        client.blobs.put_blob(body=b"bytes")
        assert client.reports.get_report().rows == 1
        assert server.violations == []


@pytest.mark.anyio
async def test_async_client_sends_the_same(media: tuple[Path, Any], recorder: tuple[str, list[Seen]]) -> None:
    _, module = media
    url, seen = recorder
    async with module.AsyncMedia(base_url=url, max_retries=0) as client:
        await client.tokens.create_token(body={"grant_type": "password", "remember": False})
    assert seen[-1].headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qs(seen[-1].body.decode("ascii")) == {"grant_type": ["password"], "remember": ["false"]}


def test_seed_clients_still_send_json(recorder: tuple[str, list[Seen]]) -> None:
    from linq_client import Linq
    from sendblue_client import Sendblue

    url, seen = recorder
    Sendblue(api_key="k", api_secret="s", base_url=url, max_retries=0).messages.send(
        number="+18887776666", content="Hello"
    )
    Linq(api_key="k", base_url=url, max_retries=0).chats.create(
        from_="+12223334444", to=["+13334445555"], message={"parts": [{"type": "text", "value": "Hi"}]}
    )
    for sent in seen[-2:]:
        assert sent.headers["accept"] == "application/json"
        assert sent.headers["content-type"] == "application/json"
        assert isinstance(json.loads(sent.body), dict)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
