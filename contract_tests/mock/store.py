"""The records stateful mode keeps, and the clock that stamps them.

All access happens on the server's event loop, between awaits, so no locking is needed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

JSON = Any
SEED_START = datetime(2025, 1, 1, tzinfo=UTC)


@dataclass
class Record:
    kind: str
    id: str
    data: dict[str, JSON]
    parent: str | None
    seq: int
    created: datetime
    thread_root: str | None = None


class Clock:
    """UTC time that never repeats or goes back; seed data is stamped on a fixed timeline."""

    def __init__(self) -> None:
        self._last = datetime.min.replace(tzinfo=UTC)
        self._seeding: datetime | None = None
        self._step = timedelta(minutes=1)

    def now(self) -> datetime:
        if self._seeding is not None:
            self._seeding += self._step
            moment = self._seeding
        else:
            moment = datetime.now(UTC)
        if moment <= self._last:
            moment = self._last + timedelta(milliseconds=1)
        self._last = moment
        return moment

    def seeding(self, start: datetime | None, step: timedelta = timedelta(minutes=1)) -> None:
        """Stamp on a timeline from `start` (None: back to real time)."""
        self._seeding = start
        self._step = step
        if start is None:
            self._last = min(self._last, datetime.now(UTC))


@dataclass
class Store:
    records: dict[str, dict[str, Record]] = field(default_factory=dict)
    by_parent: dict[tuple[str, str], dict[str, Record]] = field(default_factory=dict)
    threads: dict[tuple[str, str], dict[str, Record]] = field(default_factory=dict)
    idempotent: dict[tuple[str, str, str], Any] = field(default_factory=dict)
    _seq: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def add(self, kind: str, record_id: str, data: dict[str, JSON], parent: str | None, created: datetime) -> Record:
        record = Record(kind, record_id, data, parent, next(self._seq), created)
        self.records.setdefault(kind, {})[record_id] = record
        if parent is not None:
            self.by_parent.setdefault((kind, parent), {})[record_id] = record
        return record

    def get(self, kind: str, record_id: Any) -> Record | None:
        return self.records.get(kind, {}).get(str(record_id))

    def all(self, kind: str) -> list[Record]:
        return list(self.records.get(kind, {}).values())

    def children(self, kind: str, parent: str) -> list[Record]:
        return list(self.by_parent.get((kind, parent), {}).values())

    def set_thread(self, record: Record, root: str | None) -> None:
        """File a record under the thread it belongs to (a record with no root starts one)."""
        if record.thread_root is not None or (record.kind, record.id) in self.threads:
            self.threads.get((record.kind, record.thread_root or record.id), {}).pop(record.id, None)
        record.thread_root = root
        self.threads.setdefault((record.kind, root or record.id), {})[record.id] = record

    def thread(self, kind: str, root: str) -> list[Record]:
        return sorted(self.threads.get((kind, root), {}).values(), key=lambda r: r.seq)

    def remove(self, record: Record, child_kinds: dict[str, list[str]]) -> None:
        """Remove a record and, recursively, the records whose parent it is."""
        self.records.get(record.kind, {}).pop(record.id, None)
        self.threads.get((record.kind, record.thread_root or record.id), {}).pop(record.id, None)
        if record.parent is not None:
            self.by_parent.get((record.kind, record.parent), {}).pop(record.id, None)
        for child_kind in child_kinds.get(record.kind, ()):
            for child in self.children(child_kind, record.id):
                self.remove(child, child_kinds)
            self.by_parent.pop((child_kind, record.id), None)

    def count(self) -> dict[str, int]:
        return {kind: len(records) for kind, records in self.records.items()}
