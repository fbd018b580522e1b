"""Models of Linq Partner API (version 3).

Generated from linq.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import OpenEnum

__all__ = [
    "ServiceType",
]


class ServiceType(OpenEnum):
    """Messaging service type"""

    I_MESSAGE = "iMessage"
    SMS = "SMS"
    RCS = "RCS"
