"""The run's totals, the failures grouped by their first error line, the table and results.json.

Percentages are over every spec of the run (a spec that did not generate is neither importable
nor mypy-clean). Operations emitted are summed over every spec against the raw documents'
(path, method) pairs. The round-trip rate is over the calls made, i.e. the operations of the
packages that generated and imported: a package that did not generate counts as a generation
failure, not as failed calls.
"""

from __future__ import annotations

import datetime
import json
import platform
import subprocess
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import baselines
from benchmarks.results import machine_info

from . import source
from .model import Row, error_group
from .runner import Run

SCHEMA_VERSION = 1
FAILURES_KEPT = 5  # call failures kept per spec in results.json (all are counted and grouped)


@dataclass
class Totals:
    specs: int = 0
    skipped: int = 0
    generated: int = 0
    imported: int = 0
    mypy_checked: int = 0
    mypy_clean: int = 0
    operations: int = 0
    ir_operations: int = 0
    emitted: int = 0
    all_emitted: int = 0
    calls: int = 0
    calls_ok: int = 0
    calls_off_spec: int = 0
    call_kinds: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    failing_specs: int = 0
    theirs_generated: int = 0
    theirs_imported: int = 0
    theirs_emitted: int = 0
    theirs_seconds: float = 0.0
    both_generated: int = 0
    ours_seconds_both: float = 0.0
    theirs_seconds_both: float = 0.0

    @property
    def roundtrip_rate(self) -> float:
        return self.calls_ok / self.calls if self.calls else 0.0


def totals(rows: list[Row], skipped: int, *, mypy: bool, roundtrip: bool) -> Totals:
    t = Totals(specs=len(rows), skipped=skipped)
    kinds: Counter[str] = Counter()
    for row in rows:
        o = row.ours
        t.operations += row.operations
        t.seconds += o.seconds or 0.0
        t.generated += o.generated
        t.imported += bool(o.imported)
        t.mypy_checked += o.mypy_clean is not None
        t.mypy_clean += bool(o.mypy_clean)
        t.ir_operations += o.ir_operations or 0
        t.emitted += o.client_methods or 0
        t.all_emitted += o.client_methods == row.operations
        t.calls += o.calls
        t.calls_ok += o.calls_ok
        t.calls_off_spec += len(o.calls_off_spec)
        kinds.update(failure.kind for failure in o.call_failures)
        t.failing_specs += bool(row.failures(mypy=mypy, roundtrip=roundtrip))
        theirs = row.theirs
        if theirs is None:
            continue
        t.theirs_generated += theirs.generated
        t.theirs_imported += bool(theirs.imported)
        t.theirs_emitted += theirs.endpoints or 0
        t.theirs_seconds += theirs.seconds or 0.0
        if o.generated and theirs.generated:
            t.both_generated += 1
            t.ours_seconds_both += o.seconds or 0.0
            t.theirs_seconds_both += theirs.seconds or 0.0
    t.call_kinds = dict(kinds.most_common())
    return t


@dataclass
class Group:
    check: str
    key: str
    count: int
    examples: list[str]
    first: str  # the full first line of the first example
    file: str  # its spec file, to reproduce


def groups(rows: list[Row], *, mypy: bool, roundtrip: bool) -> list[Group]:
    """Our failures grouped by check and normalised first error line, largest first."""
    found: dict[tuple[str, str], list[tuple[Row, str]]] = defaultdict(list)
    for row in rows:
        for failure in row.failures(mypy=mypy, roundtrip=roundtrip):
            check, _, line = failure.partition(": ")
            found[(check, error_group(line, row.package))].append((row, line))
    result = [
        Group(check, key, len(items), [row.id for row, _ in items[:3]], items[0][1], items[0][0].file)
        for (check, key), items in found.items()
    ]
    return sorted(result, key=lambda g: (-g.count, g.check, g.key))


def call_groups(rows: list[Row]) -> list[Group]:
    """Round-trip failures grouped by kind and normalised error text, largest first."""
    found: dict[tuple[str, str], list[tuple[Row, str]]] = defaultdict(list)
    for row in rows:
        for failure in row.ours.call_failures:
            found[(failure.kind, error_group(failure.error, row.package, pointers=True))].append(
                (row, f"{failure.operation}: {failure.error}")
            )
    result = []
    for (kind, key), items in found.items():
        specs = list(dict.fromkeys(row.id for row, _ in items))
        result.append(Group(kind, key, len(items), specs[:3], items[0][1], items[0][0].file))
    return sorted(result, key=lambda g: (-g.count, g.check, g.key))


def _pct(part: int, whole: int) -> str:
    return f"{part} ({100 * part / whole:.1f}%)" if whole else f"{part}"


def _ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.2f}x" if theirs else "-"


def table(run: Run, selection: source.Selection, t: Totals, *, mypy: bool, roundtrip: bool) -> str:
    """The text printed at the end of a run."""
    lines = [
        f"corpus: {source.PACKAGE} {source.VERSION}, {selection.how}: {t.specs} specs "
        f"({t.skipped} not OpenAPI 3.x, skipped), {run.seconds:.0f} s",
        "",
    ]
    failing = [(row, row.failures(mypy=mypy, roundtrip=roundtrip)) for row in run.rows]
    failing = [(row, failures) for row, failures in failing if failures]
    if failing:
        lines.append(f"Our failures ({len(failing)} specs):")
        width = max(len(row.id) for row, _ in failing)
        for row, failures in failing:
            for index, failure in enumerate(failures):
                lines.append(f"  {(row.id if index == 0 else ''):<{width}}  {failure[:200]}")
        lines.append("")
    troubled = [row for row in run.rows if row.ours.call_failures]
    if troubled:
        lines.append(f"Round-trip failures ({len(troubled)} specs):")
        width = max(len(row.id) for row in troubled)
        for row in troubled:
            kinds = Counter(f.kind for f in row.ours.call_failures)
            first = row.ours.call_failures[0]
            summary = ", ".join(f"{kind} {count}" for kind, count in kinds.most_common())
            lines.append(
                f"  {row.id:<{width}}  {row.ours.calls_ok}/{row.ours.calls} ok ({summary}); "
                f"{first.operation}: {first.error[:150]}"
            )
        lines.append("")
    theirs_name = f"openapi-python-client {run.baseline_version}" if run.baseline_version else "baseline"
    rows: list[tuple[str, str, str]] = [
        ("specs", str(t.specs), str(t.specs) if run.baseline_version else "-"),
        ("generated", _pct(t.generated, t.specs), _pct(t.theirs_generated, t.specs) if run.baseline_version else "-"),
        ("importable", _pct(t.imported, t.specs), _pct(t.theirs_imported, t.specs) if run.baseline_version else "-"),
        ("mypy --strict clean", _pct(t.mypy_clean, t.specs) if mypy else "not run", "-"),
        (
            "operations emitted",
            f"{t.emitted}/{t.operations} ({100 * t.emitted / max(1, t.operations):.1f}%)",
            f"{t.theirs_emitted}/{t.operations} ({100 * t.theirs_emitted / max(1, t.operations):.1f}%)"
            if run.baseline_version
            else "-",
        ),
        ("specs with every operation", _pct(t.all_emitted, t.specs), "-"),
        (
            "round trip (calls ok)",
            f"{t.calls_ok}/{t.calls} ({100 * t.roundtrip_rate:.1f}%)" if roundtrip else "not run",
            "-",
        ),
        ("  ok, but the request broke the spec", str(t.calls_off_spec) if roundtrip else "-", "-"),
        ("generation wall time, all specs", f"{t.seconds:.1f} s", f"{t.theirs_seconds:.1f} s"),
        (
            f"  on the {t.both_generated} specs both generated",
            f"{t.ours_seconds_both:.1f} s",
            f"{t.theirs_seconds_both:.1f} s (ours/theirs {_ratio(t.ours_seconds_both, t.theirs_seconds_both)})",
        ),
    ]
    width = max(len(label) for label, _, _ in rows)
    lines.append(f"{'':<{width}}  {'ours':<24}  {theirs_name}")
    lines += [f"{label:<{width}}  {ours:<24}  {theirs}" for label, ours, theirs in rows]
    if t.call_kinds:
        lines.append("round-trip failures by kind: " + ", ".join(f"{k} {n}" for k, n in t.call_kinds.items()))
    if run.baseline_error:
        lines.append(f"baseline unavailable: {run.baseline_error}")
    return "\n".join(lines)


def _git_revision() -> str:
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty"], capture_output=True, text=True, cwd=baselines.ROOT, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return "-"
    return done.stdout.strip() or "-"


def _row_json(row: Row) -> dict[str, Any]:
    data = asdict(row)
    failures = data["ours"]["call_failures"]
    data["ours"]["call_failures"] = failures[:FAILURES_KEPT]
    data["ours"]["call_failures_total"] = len(failures)
    data["ours"]["calls_off_spec"] = data["ours"]["calls_off_spec"][:FAILURES_KEPT]
    return data


def document(
    run: Run, selection: source.Selection, t: Totals, options: dict[str, Any], *, mypy: bool, roundtrip: bool
) -> dict[str, Any]:
    """results.json: enough to redraw the table and name every failure, with how it was made."""
    return {
        "schema": SCHEMA_VERSION,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "wall_seconds": round(run.seconds, 1),
        "corpus": {
            "package": source.PACKAGE,
            "version": source.VERSION,
            "selection": selection.how,
            "skipped": [spec.id for spec in selection.skipped],
        },
        "options": options,
        "versions": {
            "ours": _git_revision(),
            "openapi-python-client": run.baseline_version,
            "mypy": baselines.python_version_of("mypy"),
            "python": platform.python_version(),
        },
        "machine": machine_info(),
        "totals": {**asdict(t), "roundtrip_rate": round(t.roundtrip_rate, 4)},
        "failure_groups": [asdict(g) for g in groups(run.rows, mypy=mypy, roundtrip=roundtrip)],
        "call_failure_groups": [asdict(g) for g in call_groups(run.rows)],
        "rows": [_row_json(row) for row in run.rows],
    }


def write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def group_lines(rows: list[Row], *, mypy: bool, roundtrip: bool) -> str:
    """Our failures and the round-trip failures, grouped, with a few example specs each."""
    lines: list[str] = []
    found = groups(rows, mypy=mypy, roundtrip=roundtrip)
    if found:
        lines += ["", "Our failures by first error line:"]
        for group in found:
            lines.append(f"  {group.count:>4}  {group.check}: {group.key}")
            lines.append(f"        e.g. {', '.join(group.examples)}; {group.file}")
    calls = call_groups(rows)
    if calls:
        lines += ["", "Round-trip failures by kind and error:"]
        for group in calls[:25]:
            lines.append(f"  {group.count:>4}  {group.check}: {group.key}")
            lines.append(f"        e.g. {', '.join(group.examples)}; {group.file}")
        if len(calls) > 25:
            lines.append(f"  ... {len(calls) - 25} more groups in results.json")
    return "\n".join(lines)
