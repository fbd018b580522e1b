"""Sendblue messages through HTTP only: what is sent can be tracked and read back.

A message sent with `POST /api/send-message` is found by its `message_handle` through
`GET /api/status` and `GET /api/v2/messages/{message_id}`, with the content it was sent with; a
handle nobody issued is `404` in the documented error shape on both.
"""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from .checks import error_body_problem
from .targets import property_settings
from .workflows import SendblueFlows

CONTENT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=80)


@property_settings()
@given(content=CONTENT)
def test_sent_message_is_tracked_by_its_handle(sendblue: SendblueFlows, content: str) -> None:
    client = sendblue.client
    sent = sendblue.send(content)
    handle = sent.get("message_handle")
    client.expect(handle, "send_returns_handle", f"the send response has no message_handle: {sent}")
    client.expect(sent.get("content") in (None, content), "send_echoes_content", f"sent {content!r}, got {sent}")

    status = sendblue.call_ok("messagesGetStatus", "status_by_handle", params={"handle": handle})
    client.expect(status.get("message_handle") == handle, "status_by_handle", f"asked for {handle}, got {status}")
    client.expect(status.get("content") in (None, content), "status_by_handle", f"sent {content!r}, got {status}")

    found = sendblue.call_ok("messagesRetrieve", "retrieve_by_handle", path={"message_id": handle})
    message = found.get("data") or {}
    client.expect(message.get("message_handle") == handle, "retrieve_by_handle", f"asked for {handle}, got {found}")
    client.expect(message.get("content") in (None, content), "retrieve_by_handle", f"sent {content!r}, got {found}")


def test_unknown_handle_is_404(sendblue: SendblueFlows) -> None:
    unknown = f"msg_contract_{uuid.uuid4().hex}"
    for operation_id, kwargs in (
        ("messagesGetStatus", {"params": {"handle": unknown}}),
        ("messagesRetrieve", {"path": {"message_id": unknown}}),
    ):
        operation, response = sendblue.call(operation_id, **kwargs)
        body = sendblue.checked(operation, response, 404, "unknown_handle_404")
        explanation = error_body_problem(sendblue.oracle, operation, 404, body, ())
        sendblue.client.expect(explanation is None, "error_body_shape", explanation or "", response)
