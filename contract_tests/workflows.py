"""Multi-step interactions the business-rule tests build on, through HTTP only.

Paths, pagination parameters and response shapes come from the IR (`generator.ir.model`), so the tests
name operations by `operationId` and never spell a URL or a cursor field themselves. Every
response is checked against the status and schema the spec documents before it is used.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from generator.ir.model import Operation, Pagination

from . import drift_report
from .api_client import ApiClient
from .oracle import SpecOracle, oracle_for
from .targets import ApiName, Identities

MAX_PAGES = 500
# A tiny JPEG uploaded to live attachment upload URLs.
JPEG_BYTES = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")


@dataclass
class Page:
    items: list[dict[str, Any]]
    body: dict[str, Any]
    response: httpx.Response


@dataclass
class Walk:
    """Every page of one listing, in order."""

    pages: list[Page] = field(default_factory=list)

    @property
    def items(self) -> list[dict[str, Any]]:
        return [item for page in self.pages for item in page.items]


class Flows:
    """Calls to one API by operation id, each checked against the spec."""

    api_name: ApiName

    def __init__(self, client: ApiClient, ids: Identities) -> None:
        self.client = client
        self.ids = ids
        self.oracle: SpecOracle = oracle_for(self.api_name)

    @property
    def live(self) -> bool:
        return self.client.target.live

    def operation(self, operation_id: str) -> Operation:
        return self.oracle.api.operation(operation_id)

    def call(
        self, operation_id: str, *, path: dict[str, Any] | None = None, **kwargs: Any
    ) -> tuple[Operation, httpx.Response]:
        operation = self.operation(operation_id)
        url = operation.path.format(**{k: str(v) for k, v in (path or {}).items()})
        return operation, self.client.request(operation.method, url, **kwargs)

    def checked(self, operation: Operation, response: httpx.Response, status: int | set[int], check: str) -> Any:
        """The decoded body once the status is one expected and the body matches its documented schema."""
        body = self.client.expect_status(response, status, check)
        if drift_report.enabled():
            observed = body if body is not None else drift_report.MISSING
            sent = json.loads(response.request.content) if response.request.content else None
            drift_report.RECORDER.observe(
                self.api_name, operation, response.status_code, response.headers, observed, sent
            )
        declared = next((r for r in operation.responses if r.status == str(response.status_code)), None)
        if declared is not None and declared.schema_json is not None and body is not None:
            errors = list(self.oracle.validator(declared.schema_json).iter_errors(body))
            if self.live:  # an undocumented enum value is drift (in the report), not a failure
                errors = drift_report.breaking(errors)
            if errors:
                details = "; ".join(f"{'/'.join(map(str, e.absolute_path)) or '/'}: {e.message}" for e in errors[:3])
                raise self.client.fail("response_schema_conformance", f"{operation.id}: {details}", response)
        return body

    def call_ok(self, operation_id: str, check: str, *, path: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        operation, response = self.call(operation_id, path=path, **kwargs)
        assert operation.success is not None
        return self.checked(operation, response, int(operation.success.status), check)

    def walk(
        self,
        operation_id: str,
        *,
        path: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        limit: int | None = None,
        check: str = "pagination",
    ) -> Walk:
        """Follow a paginated listing to its end, as its IR pagination says."""
        operation = self.operation(operation_id)
        pagination = operation.pagination
        assert pagination is not None, f"{operation_id} is not paginated"
        query = dict(params or {})
        if limit is not None and pagination.limit_param:
            query[pagination.limit_param] = limit
        walk = Walk()
        seen_cursors: set[str] = set()
        offset = int(query.get(pagination.offset_param or "", 0) or 0)
        number = int(query.get(pagination.page_param or "", pagination.first_page) or pagination.first_page)
        received = 0
        for _ in range(MAX_PAGES):
            if pagination.style == "offset" and pagination.offset_param:
                query[pagination.offset_param] = offset
            if pagination.style == "page" and pagination.page_param:
                query[pagination.page_param] = number
            _, response = self.call(operation_id, path=path, params=query)
            body = self.checked(operation, response, 200, check)
            items = body.get(pagination.items) or []
            walk.pages.append(Page(items, body, response))
            received += len(items)
            if pagination.style == "cursor":
                cursor = _at(body, pagination.next_cursor_path)
                if cursor is None:
                    return walk
                self.client.expect(
                    cursor not in seen_cursors,
                    f"{check}_terminates",
                    f"next_cursor {cursor!r} was already returned by an earlier page: the walk would loop",
                    response,
                )
                seen_cursors.add(cursor)
                query[pagination.cursor_param or "cursor"] = cursor
                continue
            more = _more_pages(
                pagination, body, offset + len(items) if pagination.style == "offset" else received, number
            )
            if more is None:  # nothing says: a page-numbered list ends at an empty page
                more = pagination.style == "page" and bool(items)
            if not more:
                return walk
            self.client.expect(
                items, f"{check}_terminates", "a page says it has more items but returned none", response
            )
            offset += len(items)
            number += 1
        raise self.client.fail(f"{check}_terminates", f"more than {MAX_PAGES} pages", walk.pages[-1].response)


def _at(body: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        body = body.get(key) if isinstance(body, dict) else None
    return body


def _more_pages(pagination: Pagination, body: Any, received: int, number: int) -> bool | None:
    """Whether the page says more follow: its "has more" flag, else its page count (page-numbered
    lists), else its total count against the items received; None when it says nothing."""
    flag = _at(body, pagination.has_more_path) if pagination.has_more_path else None
    if isinstance(flag, bool):
        return flag
    total_pages = _at(body, pagination.total_pages_path) if pagination.total_pages_path else None
    if pagination.style == "page" and isinstance(total_pages, int) and not isinstance(total_pages, bool):
        return number - pagination.first_page + 1 < total_pages
    total = _at(body, pagination.total_path) if pagination.total_path else None
    if isinstance(total, int) and not isinstance(total, bool):
        return received < total
    return None


class LinqFlows(Flows):
    api_name: ApiName = "linq"

    def recipient(self, preferred: str | None = None) -> str:
        """Live runs always write to the configured recipient; the mock takes any handle."""
        return self.ids.linq_recipient if self.live or preferred is None else preferred

    def unique_recipient(self) -> str:
        return self.recipient(f"contract-{uuid.uuid4().hex[:12]}@example.com")

    def create_chat(
        self,
        *,
        recipient: str | None = None,
        parts: list[dict[str, Any]] | None = None,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        message: dict[str, Any] = {"parts": parts or [{"type": "text", "value": "Hello from the contract suite"}]}
        if idempotency_key is not None:
            message["idempotency_key"] = idempotency_key
        body = {"from": self.ids.linq_from, "to": [self.recipient(recipient)], "message": message}
        created = self.call_ok("chatsCreate", "create_chat", json_body=body)
        chat: dict[str, Any] = created["chat"]
        return chat

    def send(self, chat_id: str, parts: list[dict[str, Any]], **message: Any) -> httpx.Response:
        _, response = self.call("chatsMessagesSend", path={"chatId": chat_id}, json_body=send_body(parts, **message))
        return response

    def send_ok(self, chat_id: str, parts: list[dict[str, Any]], check: str = "send_message", **message: Any) -> Any:
        response = self.send(chat_id, parts, **message)
        return self.checked(self.operation("chatsMessagesSend"), response, 202, check)

    def send_text(self, chat_id: str, text: str, **message: Any) -> dict[str, Any]:
        sent: dict[str, Any] = self.send_ok(chat_id, [{"type": "text", "value": text}], **message)["message"]
        return sent

    def get_message(self, message_id: str) -> httpx.Response:
        return self.call("messagesRetrieve", path={"messageId": message_id})[1]

    def create_attachment(self, filename: str) -> str:
        body = {"content_type": "image/jpeg", "filename": filename, "size_bytes": len(JPEG_BYTES)}
        created = self.call_ok("attachmentsCreate", "create_attachment", json_body=body)
        if self.live and os.environ.get("CONTRACT_SKIP_UPLOADS", "") != "1":
            # A live attachment is usable once its file is uploaded where the API says.
            headers = {**(created.get("required_headers") or {}), "Content-Length": str(len(JPEG_BYTES))}
            try:
                upload = httpx.request(
                    created["http_method"], created["upload_url"], content=JPEG_BYTES, headers=headers, timeout=30
                )
            except httpx.HTTPError as exc:
                raise self.client.fail(
                    "attachment_upload", f"uploading to {created['upload_url']} failed: {exc}"
                ) from exc
            self.client.expect(upload.is_success, "attachment_upload", "uploading the attachment failed", upload)
        attachment_id: str = created["attachment_id"]
        return attachment_id


def send_body(parts: list[dict[str, Any]], **message: Any) -> dict[str, Any]:
    return {"message": {"parts": parts, **message}}


class SendblueFlows(Flows):
    api_name: ApiName = "sendblue"

    def send(self, content: str) -> dict[str, Any]:
        body: dict[str, Any] = {"number": self.ids.sendblue_recipient, "content": content}
        if self.ids.sendblue_from:
            body["from_number"] = self.ids.sendblue_from
        sent: dict[str, Any] = self.call_ok("messagesSend", "send_message", json_body=body)
        return sent
