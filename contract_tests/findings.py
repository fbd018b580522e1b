"""What a run found that is not a failure: kept for the end-of-session report.

- wording: a live server's error message that names none of the request's problems
  (`error_messages.py`; a failure only with `CONTRACT_STRICT_ERRORS=1`);
- spec findings: a live server and the spec disagree where the reference pages are silent (the
  server refuses a value the spec allows); either side may be wrong;
- drift: responses that deviate from the spec additively (see `drift_report.py`).

Everything is recorded in this process; `conftest.py` writes the report when the session ends.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass
from typing import Any

from generator.ir.model import Operation

_lock = threading.Lock()


@dataclass(frozen=True)
class Finding:
    kind: str  # "wording" or "spec-disagreement"
    operation: str  # "POST /v3/chats"
    detail: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


FINDINGS: dict[Finding, int] = {}


def record(kind: str, operation: Operation, detail: str) -> None:
    finding = Finding(kind, f"{operation.method} {operation.path}", detail)
    with _lock:
        FINDINGS[finding] = FINDINGS.get(finding, 0) + 1


def record_wording(operation: Operation, status: int, message: str, names: list[str]) -> None:
    shown = ", ".join(dict.fromkeys(names))
    record("wording", operation, f"{status} message {message[:200]!r} names none of: {shown}")


def record_disagreement(operation: Operation, detail: str) -> None:
    record("spec-disagreement", operation, detail)
