"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import BaseModel
from .voice_memo import VoiceMemo

__all__ = [
    "ChatSendVoicememoResponse",
]


class ChatSendVoicememoResponse(BaseModel):
    """Response for sending a voice memo to a chat"""

    voice_memo: VoiceMemo
    """A voice memo message sent to a chat."""
