"""Figures, their summaries and their verdicts: the pure logic behind every row of the table.

Each figure compares "ours" with a baseline measured in the same run. A figure is summarised by
its median (robust to the odd slow sample a busy machine produces) with min and max, so a
reader sees the spread instead of trusting one number.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

T = TypeVar("T")
Comparison = Literal["<=", ">="]
TargetOn = Literal["ratio", "ours"]


@dataclass(frozen=True)
class Summary:
    """Median, min and max of a figure's samples (the samples are kept for results.json)."""

    median: float
    min: float
    max: float
    samples: tuple[float, ...]

    @classmethod
    def of(cls, samples: Sequence[float]) -> Summary:
        if not samples:
            raise ValueError("a summary needs at least one sample")
        return cls(float(statistics.median(samples)), float(min(samples)), float(max(samples)), tuple(samples))

    def to_json(self) -> dict[str, Any]:
        return {"median": self.median, "min": self.min, "max": self.max, "samples": list(self.samples)}


@dataclass(frozen=True)
class Target:
    """What a figure must reach: its ratio to the baseline, or its own value, compared to a bound."""

    on: TargetOn
    op: Comparison
    value: float

    @property
    def text(self) -> str:
        if self.on == "ratio":
            return f"ratio {self.op} {self.value:.2f}x"
        return f"{self.op} {self.value:g}"

    def holds(self, value: float) -> bool:
        return value <= self.value if self.op == "<=" else value >= self.value

    def to_json(self) -> dict[str, Any]:
        return {"on": self.on, "op": self.op, "value": self.value, "text": self.text}


@dataclass
class Figure:
    """One row: ours against a baseline, with the target it is held to (if any).

    `ours`/`baseline` are None when that side failed or was not measured; `error` then says why
    and a figure with a target counts as missed: a tool that crashes is not fast.
    `conditions` are further facts the target requires (say "every operation emitted"), each
    with whether it held; `notes` carry context (status codes seen, operations emitted...).
    `skipped` says why the baseline was left out on purpose (a --quick run): no verdict then.
    `ours_failed` marks our side's figure as what a failed run measured (time to fail, say).
    """

    part: str
    name: str
    unit: str
    ours: Summary | None
    baseline_name: str | None = None
    baseline: Summary | None = None
    target: Target | None = None
    conditions: dict[str, bool] = field(default_factory=dict)
    notes: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    skipped: str | None = None
    ours_failed: bool = False

    @property
    def ratio(self) -> float | None:
        """ours / baseline on the medians; None when either side is missing or the baseline is 0."""
        if self.ours is None or self.baseline is None or self.baseline.median == 0:
            return None
        return self.ours.median / self.baseline.median

    @property
    def met(self) -> bool | None:
        """True/False against the target; None for a figure that has no target (for reference only)."""
        if self.target is None or self.skipped is not None:
            return None
        if self.error is not None or self.ours_failed or not all(self.conditions.values()):
            return False
        value = self.ratio if self.target.on == "ratio" else (self.ours.median if self.ours else None)
        return value is not None and self.target.holds(value)

    def to_json(self) -> dict[str, Any]:
        return {
            "part": self.part,
            "name": self.name,
            "unit": self.unit,
            "ours": self.ours.to_json() if self.ours else None,
            "baseline": (
                {"name": self.baseline_name, **(self.baseline.to_json() if self.baseline else {})}
                if self.baseline_name
                else None
            ),
            "ratio": self.ratio,
            "target": self.target.to_json() if self.target else None,
            "conditions": dict(self.conditions),
            "met": self.met,
            "notes": dict(self.notes),
            "error": self.error,
            "skipped": self.skipped,
            "ours_failed": self.ours_failed,
        }


def interleaved(round_index: int, contestants: Sequence[T]) -> list[T]:
    """The order of one round: rotated each round, so no contestant always runs first or right
    after the same neighbour (warm caches and a CPU still boosting from the previous run would
    otherwise favour one side systematically)."""
    items = list(contestants)
    if not items:
        return items
    shift = round_index % len(items)
    return items[shift:] + items[:shift]


def summary_or_none(samples: Sequence[float]) -> Summary | None:
    return Summary.of(samples) if samples else None


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile of already sorted values (p99 of latencies, for instance)."""
    if not sorted_values:
        raise ValueError("a percentile needs at least one value")
    rank = max(1, min(len(sorted_values), math.ceil(round(fraction * len(sorted_values), 9))))
    return float(sorted_values[rank - 1])
