"""`client.attachments`: generated from Linq Partner API 3. Do not edit."""

from __future__ import annotations

from functools import cached_property

from .._resource import AsyncAPIResource, SyncAPIResource, given
from .._resource import path_param as _path_param
from .._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout
from ..types import Attachment, AttachmentCreateParams, AttachmentCreateResponse


class Attachments(SyncAPIResource):
    """`client.attachments`: create, retrieve."""

    @cached_property
    def with_raw_response(self) -> AttachmentsWithRawResponse:
        """The same methods, returning the raw HTTP response (`.headers`, `.status_code`, `.parse()`)."""
        return AttachmentsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AttachmentsWithStreamingResponse:
        """The same methods, as context managers that do not read the body until asked."""
        return AttachmentsWithStreamingResponse(self)

    def create(
        self,
        *,
        content_type: str,
        filename: str,
        size_bytes: int,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AttachmentCreateResponse:
        """Create an attachment upload

        Starts the pre-upload flow: returns a presigned `upload_url` to which the file is
        uploaded directly (files up to 100 MB), and the `attachment_id` to reference it by in
        media parts and voice memos.

        Args:
          content_type: MIME type of the file.
          filename: Original filename.
          size_bytes: File size in bytes (up to 100 MB).

        `POST /v3/attachments`
        """
        return self._post(
            "/v3/attachments",
            cast_to=AttachmentCreateResponse,
            body=given(
                {
                    "content_type": content_type,
                    "filename": filename,
                    "size_bytes": size_bytes,
                }
            ),
            body_type=AttachmentCreateParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    def retrieve(
        self,
        attachment_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Attachment:
        """Get attachment metadata

        Args:
          attachment_id: Unique identifier of the attachment.

        `GET /v3/attachments/{attachmentId}`
        """
        return self._get(
            f"/v3/attachments/{_path_param(attachment_id)}",
            cast_to=Attachment,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )


class AttachmentsWithRawResponse:
    def __init__(self, resource: Attachments) -> None:
        self._resource = resource
        self.create = to_raw_response_wrapper(resource.create)
        self.retrieve = to_raw_response_wrapper(resource.retrieve)


class AttachmentsWithStreamingResponse:
    def __init__(self, resource: Attachments) -> None:
        self._resource = resource
        self.create = to_streamed_response_wrapper(resource.create)
        self.retrieve = to_streamed_response_wrapper(resource.retrieve)


class AsyncAttachments(AsyncAPIResource):
    """`client.attachments`: create, retrieve."""

    @cached_property
    def with_raw_response(self) -> AsyncAttachmentsWithRawResponse:
        """The same methods, returning the raw HTTP response (`.headers`, `.status_code`, `.parse()`)."""
        return AsyncAttachmentsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncAttachmentsWithStreamingResponse:
        """The same methods, as context managers that do not read the body until asked."""
        return AsyncAttachmentsWithStreamingResponse(self)

    async def create(
        self,
        *,
        content_type: str,
        filename: str,
        size_bytes: int,
        idempotency_key: str | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AttachmentCreateResponse:
        """Create an attachment upload

        Starts the pre-upload flow: returns a presigned `upload_url` to which the file is
        uploaded directly (files up to 100 MB), and the `attachment_id` to reference it by in
        media parts and voice memos.

        Args:
          content_type: MIME type of the file.
          filename: Original filename.
          size_bytes: File size in bytes (up to 100 MB).

        `POST /v3/attachments`
        """
        return await self._post(
            "/v3/attachments",
            cast_to=AttachmentCreateResponse,
            body=given(
                {
                    "content_type": content_type,
                    "filename": filename,
                    "size_bytes": size_bytes,
                }
            ),
            body_type=AttachmentCreateParams,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            idempotency_key=idempotency_key,
            idempotency_key_path=(),
        )

    async def retrieve(
        self,
        attachment_id: str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> Attachment:
        """Get attachment metadata

        Args:
          attachment_id: Unique identifier of the attachment.

        `GET /v3/attachments/{attachmentId}`
        """
        return await self._get(
            f"/v3/attachments/{_path_param(attachment_id)}",
            cast_to=Attachment,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )


class AsyncAttachmentsWithRawResponse:
    def __init__(self, resource: AsyncAttachments) -> None:
        self._resource = resource
        self.create = async_to_raw_response_wrapper(resource.create)
        self.retrieve = async_to_raw_response_wrapper(resource.retrieve)


class AsyncAttachmentsWithStreamingResponse:
    def __init__(self, resource: AsyncAttachments) -> None:
        self._resource = resource
        self.create = async_to_streamed_response_wrapper(resource.create)
        self.retrieve = async_to_streamed_response_wrapper(resource.retrieve)
