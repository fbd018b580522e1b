"""results.json: the machine, the date, the tool versions and every figure of one run.

`check_document` is the schema, in code: the bench writes nothing it would reject, and the
tests hold the renderer and any hand-made document to it.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .stats import Figure

SCHEMA_VERSION = 1
SUMMARY_KEYS = ("median", "min", "max")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def load_average() -> list[float] | None:
    """1, 5 and 15-minute load averages: a busy machine widens every spread (shown with the table)."""
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return None


def machine_info() -> dict[str, Any]:
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": memory_gib(),
        "python": platform.python_version(),
        "os": platform.platform(),
        "load_average_at_end": load_average(),
    }


def document(
    figures: Sequence[Figure],
    *,
    mode: str,
    parts: Sequence[str],
    wall_seconds: float,
    versions: dict[str, str],
    machine: dict[str, Any] | None = None,
    date: datetime.datetime | None = None,
) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "date": (date or datetime.datetime.now(datetime.UTC)).isoformat(timespec="seconds"),
        "mode": mode,
        "parts": list(parts),
        "wall_seconds": round(wall_seconds, 1),
        "machine": machine or machine_info(),
        "versions": dict(versions),
        "figures": [figure.to_json() for figure in figures],
    }


class InvalidResults(ValueError):
    """A results document that does not have the shape results.json promises."""


def _check_summary(where: str, value: Any, named: bool = False) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        raise InvalidResults(f"{where}: expected an object or null")
    if named and not isinstance(value.get("name"), str):
        raise InvalidResults(f"{where}.name: expected a string")
    if named and "median" not in value:
        return  # a baseline that failed: named, not measured
    for key in SUMMARY_KEYS:
        if not isinstance(value.get(key), int | float):
            raise InvalidResults(f"{where}.{key}: expected a number")
    if not value["min"] <= value["median"] <= value["max"]:
        raise InvalidResults(f"{where}: expected min <= median <= max")


def check_document(doc: Any) -> None:
    """Raise InvalidResults unless `doc` has every field results.json promises, well typed."""
    if not isinstance(doc, dict):
        raise InvalidResults("expected an object")
    for key, kind in (("date", str), ("mode", str), ("machine", dict), ("figures", list), ("versions", dict)):
        if not isinstance(doc.get(key), kind):
            raise InvalidResults(f"{key}: expected {kind.__name__}")
    if doc.get("schema_version") != SCHEMA_VERSION:
        raise InvalidResults(f"schema_version: expected {SCHEMA_VERSION}")
    for key in ("cpu", "cores", "python", "os"):
        if key not in doc["machine"]:
            raise InvalidResults(f"machine.{key}: missing")
    for index, figure in enumerate(doc["figures"]):
        where = f"figures[{index}]"
        if not isinstance(figure, dict):
            raise InvalidResults(f"{where}: expected an object")
        for key in ("part", "name", "unit"):
            if not isinstance(figure.get(key), str):
                raise InvalidResults(f"{where}.{key}: expected a string")
        _check_summary(f"{where}.ours", figure.get("ours"))
        _check_summary(f"{where}.baseline", figure.get("baseline"), named=True)
        if figure.get("ratio") is not None and not isinstance(figure["ratio"], int | float):
            raise InvalidResults(f"{where}.ratio: expected a number or null")
        if figure.get("met") not in (True, False, None):
            raise InvalidResults(f"{where}.met: expected true, false or null")
        target = figure.get("target")
        if target is not None and not (isinstance(target, dict) and isinstance(target.get("text"), str)):
            raise InvalidResults(f"{where}.target: expected an object with a text")
        if target is None and figure.get("met") is not None:
            raise InvalidResults(f"{where}.met: a figure without a target has no verdict")


def write(path: Path, doc: dict[str, Any]) -> None:
    check_document(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def load(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    check_document(doc)
    return doc
