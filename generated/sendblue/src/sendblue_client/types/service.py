"""Models of Sendblue API (version 2.0.0).

Generated from sendblue.yaml; do not edit: change the spec and regenerate.
"""

from __future__ import annotations

from .._models import OpenEnum

__all__ = [
    "Service",
]


class Service(OpenEnum):
    """The messaging service used"""

    I_MESSAGE = "iMessage"
    SMS = "SMS"
    RCS = "RCS"
