"""Part "generate": time and peak memory to generate a client, and the share of operations emitted.

For each spec (ours: Sendblue, Linq; a large public one: GitHub's REST API from `@octokit/openapi`)
three commands run as a user would type them, in interleaved rounds:

- ours: `python -m generator generate SPEC --out DIR --package NAME` (a formatted package);
- openapi-python-client: `openapi-python-client generate --path SPEC --output-path DIR` (a
  formatted project, its default), from its own virtualenv;
- datamodel-code-generator: models only (it emits no operations), default options.

Operations emitted are counted from the output itself: every (HTTP method, URL template) that
a generated function or method sends, read with `ast`, against the spec's operations. A tool
that fails on a spec is not run again in later rounds: its failure is the figure.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import baselines
from .context import Context
from .procs import Run, run_measured
from .stats import Figure, Target, interleaved, summary_or_none

HTTP_METHODS = frozenset({"get", "put", "post", "delete", "patch", "head", "options", "trace"})
TIME_TARGET = Target("ratio", "<=", 1 / 3)
# A large spec: start-up costs nothing there, so the bar is higher.
TIME_TARGETS = {"github": Target("ratio", "<=", 0.20)}
EMITTED_TARGET = Target("ours", ">=", 100.0)
OURS, OPC, DCG = "ours", "openapi-python-client", "datamodel-code-generator"
TOOLS = (OURS, OPC, DCG)


def normalize_path(path: str) -> str:
    """A URL template with its parameter names blanked: `/a/{id}` and `/a/{item_id}` are one path."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def spec_operations(spec: Path) -> set[tuple[str, str]]:
    text = spec.read_text(encoding="utf-8")
    document = json.loads(text) if spec.suffix == ".json" else yaml.safe_load(text)
    return {
        (method.upper(), normalize_path(path))
        for path, item in (document.get("paths") or {}).items()
        for method in item
        if method in HTTP_METHODS
    }


def _url_template(node: ast.expr) -> str | None:
    """The URL template of a literal, an f-string or `"...".format(...)`; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else "{}"
            for part in node.values
        )
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _url_template(node.func.value)
    return None


def _method_and_url(node: ast.AST) -> dict[str, ast.expr] | None:
    if isinstance(node, ast.Call):
        return {keyword.arg: keyword.value for keyword in node.keywords if keyword.arg}
    if isinstance(node, ast.Dict):
        return {
            key.value: value
            for key, value in zip(node.keys, node.values, strict=True)
            if isinstance(key, ast.Constant) and isinstance(key.value, str)
        }
    return None


def _verb_call(node: ast.AST) -> tuple[str, str] | None:
    """(METHOD, URL template) of one of our resources' verb calls: `self._get("/v3/chats/{...}", ...)`,
    `self._post(...)`, ... and `self._get_api_list(...)` (a GET), the URL first."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
        return None
    name = node.func.attr.removeprefix("_")
    method = "get" if name == "get_api_list" else name
    url = _url_template(node.args[0])
    if not node.func.attr.startswith("_") or method not in HTTP_METHODS or url is None:
        return None
    return method.upper(), normalize_path(url)


def emitted_operations(folder: Path) -> set[tuple[str, str]]:
    """Every (METHOD, path) some generated code sends: our verb calls (`self._get(url, ...)`), a call
    with `method=`/`url=` keywords, or a dict with "method"/"url" keys (openapi-python-client's
    `_get_kwargs`)."""
    found: set[tuple[str, str]] = set()
    for source in folder.rglob("*.py"):
        try:
            tree = ast.parse(source.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        for node in ast.walk(tree):
            verb = _verb_call(node)
            if verb is not None:
                found.add(verb)
                continue
            pairs = _method_and_url(node)
            if not pairs or "method" not in pairs or "url" not in pairs:
                continue
            method, url = pairs["method"], _url_template(pairs["url"])
            if not (isinstance(method, ast.Constant) and isinstance(method.value, str)) or url is None:
                continue
            if method.value.lower() in HTTP_METHODS:
                found.add((method.value.upper(), normalize_path(url)))
    return found


@dataclass
class Outcome:
    """What one tool did with one spec across the rounds."""

    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    failure: str | None = None
    emitted: int | None = None


def _commands(ctx: Context, opc: baselines.PythonTool | None) -> dict[str, Callable[[Path, Path], list[str]]]:
    commands: dict[str, Callable[[Path, Path], list[str]]] = {
        OURS: lambda spec, out: [
            ctx.python,
            *("-m", "generator", "generate", str(spec), "--out", str(out), "--package", "bench_client"),
        ],
        DCG: lambda spec, out: [
            ctx.python,
            *("-m", "datamodel_code_generator", "--input", str(spec), "--input-file-type", "openapi"),
            *("--output", str(out / "models.py"), "--output-model-type", "pydantic_v2.BaseModel"),
        ],
    }
    if opc is not None:
        commands[OPC] = lambda spec, out: [
            str(opc.executable),
            "generate",
            "--path",
            str(spec),
            "--output-path",
            str(out),
        ]
    return commands


@dataclass(frozen=True)
class Plan:
    """How one spec is measured: rounds per tool, a time-out per run, and a budget in seconds
    after which no new round starts (the first round always runs), so a slow tool cannot push
    the bench past its time limit."""

    name: str
    spec: Path | None
    rounds: dict[str, int]
    timeout: float
    budget: float = float("inf")


def measure_spec(
    ctx: Context, plan: Plan, spec: Path, opc: baselines.PythonTool | None, written: list[Path]
) -> dict[str, Outcome]:
    """Run every tool on `spec` (the plan's, known to exist) in interleaved rounds; the folders
    the runs wrote are added to `written`, for the caller to remove when no run follows (see
    `settle`)."""
    commands = _commands(ctx, opc)
    outcomes: dict[str, Outcome] = defaultdict(Outcome)
    started = time.perf_counter()
    name, rounds = plan.name, plan.rounds
    for round_index in range(max(rounds.values())):
        if round_index and time.perf_counter() - started > plan.budget:
            ctx.log(f"generate {name}: budget of {plan.budget:.0f} s spent after {round_index} round(s)")
            break
        for tool in interleaved(round_index, list(commands)):
            outcome = outcomes[tool]
            if outcome.failure is not None or round_index >= rounds[tool]:
                continue
            out = ctx.work / f"gen-{name}-{tool}-{round_index}"
            shutil.rmtree(out, ignore_errors=True)
            if tool == DCG:
                out.mkdir(parents=True)
            env = opc.env() if (tool == OPC and opc is not None) else dict(os.environ)
            settle()
            done: Run = run_measured(commands[tool](spec, out), timeout=plan.timeout, cwd=ctx.root, env=env)
            ctx.log(
                f"generate {name} with {tool}: {done.seconds:.2f} s, {done.peak_rss_mb:.0f} MB, exit {done.returncode}"
            )
            if done.ok:
                outcome.seconds.append(done.seconds)
                outcome.peak_mb.append(done.peak_rss_mb)
                if outcome.emitted is None:
                    outcome.emitted = len(emitted_operations(out))
            else:
                outcome.failure = done.failure()
                outcome.seconds.append(done.seconds)
                outcome.peak_mb.append(done.peak_rss_mb)
            written.append(out)
    return outcomes


def settle() -> None:
    """Write back what earlier runs left to the disk before the next run starts, so that no run
    pays for the previous one's writes.

    The trees the runs write are removed only once the part is done: on the 2-core machine of
    the recorded results (ext4 without a journal, whose inode allocator skips inodes freed in
    the last minutes, checking each one), creating 4,000 files took 0.08 s on a quiet disk,
    0.37 s right after another 4,000-file tree was removed (and the disk synced), 1.5 s three
    seconds later and 3.4 s ten seconds later. Removing a tree between runs charged that to
    whichever tool ran next (GitHub's spec, ours: 2.8 s when first in a round, 4.8 s after
    openapi-python-client's tree was removed)."""
    if hasattr(os, "sync"):
        os.sync()


def share(emitted: int | None, total: int) -> float:
    return 100.0 * (emitted or 0) / total if total else 0.0


def figures_for(name: str, total: int, outcomes: dict[str, Outcome], unavailable: dict[str, str]) -> list[Figure]:
    """The rows of one spec. A failed run's time still shows (time to fail), but the row is missed."""
    ours, opc, dcg = (outcomes.get(tool, Outcome(failure=unavailable.get(tool))) for tool in TOOLS)
    ours_share = share(ours.emitted, total)
    every = {"every operation emitted": ours.failure is None and ours_share >= 100.0}
    notes = {
        "operations in spec": total,
        "emitted": {OURS: ours.emitted, OPC: opc.emitted, DCG: "models only"},
        "failures": {tool: o.failure for tool, o in ((OURS, ours), (OPC, opc), (DCG, dcg)) if o.failure},
        "runs": {OURS: len(ours.seconds), OPC: len(opc.seconds), DCG: len(dcg.seconds)},
    }

    def row(
        label: str,
        unit: str,
        pick: Callable[[Outcome], list[float]],
        base: str,
        other: Outcome,
        target: Target | None = None,
        conditions: dict[str, bool] | None = None,
    ) -> Figure:
        return Figure(
            part="generate",
            name=f"generate {name}: {label}",
            unit=unit,
            ours=summary_or_none(pick(ours)),
            baseline_name=base,
            baseline=summary_or_none(pick(other)) if other.failure is None else None,
            notes=notes,
            error=_error(ours, other, base),
            ours_failed=ours.failure is not None,
            target=target,
            conditions=conditions or {},
        )

    return [
        row("wall time", "s", lambda o: o.seconds, OPC, opc, TIME_TARGETS.get(name, TIME_TARGET), every),
        row("operations emitted", "%", lambda o: [share(o.emitted, total)], OPC, opc, EMITTED_TARGET),
        row("peak RSS", "MB", lambda o: o.peak_mb, OPC, opc),
        row("wall time, vs models only", "s", lambda o: o.seconds, DCG + " (models only)", dcg),
        row("peak RSS, vs models only", "MB", lambda o: o.peak_mb, DCG + " (models only)", dcg),
    ]


def _error(ours: Outcome, other: Outcome, other_name: str) -> str | None:
    parts = []
    if ours.failure:
        parts.append(f"ours failed: {ours.failure}")
    if other.failure:
        parts.append(f"{other_name} failed: {other.failure}")
    return "; ".join(parts) or None


def run(ctx: Context) -> list[Figure]:
    unavailable: dict[str, str] = {}
    opc: baselines.PythonTool | None = None
    try:
        opc = baselines.openapi_python_client()
        ctx.versions[OPC] = opc.version
    except baselines.Unavailable as exc:
        unavailable[OPC] = str(exc)
    ctx.versions[DCG] = baselines.python_version_of("datamodel-code-generator")
    small = dict.fromkeys(TOOLS, ctx.rounds(5, 2))
    plans = [
        Plan("sendblue", ctx.root / "spec" / "sendblue.yaml", small, 120),
        Plan("linq", ctx.root / "spec" / "linq.yaml", small, 120),
    ]
    if not ctx.quick:
        plans.append(github_plan(ctx, unavailable))
    figures: list[Figure] = []
    written: list[Path] = []
    try:
        figures += _measure(ctx, plans, opc, unavailable, written)
    finally:
        for out in written:
            shutil.rmtree(out, ignore_errors=True)
    return figures


def _measure(
    ctx: Context,
    plans: list[Plan],
    opc: baselines.PythonTool | None,
    unavailable: dict[str, str],
    written: list[Path],
) -> list[Figure]:
    figures: list[Figure] = []
    for plan in plans:
        if plan.spec is None:
            error = unavailable.get("github", "spec unavailable")
            figures.append(
                Figure(
                    "generate",
                    f"generate {plan.name}: wall time",
                    "s",
                    None,
                    OPC,
                    target=TIME_TARGETS.get(plan.name, TIME_TARGET),
                    error=error,
                )
            )
            continue
        total = len(spec_operations(plan.spec))
        ctx.log(f"generate {plan.name}: {total} operations; up to {plan.rounds} rounds")
        outcomes = measure_spec(ctx, plan, plan.spec, opc, written)
        figures.extend(figures_for(plan.name, total, outcomes, unavailable))
    return figures


def github_plan(ctx: Context, unavailable: dict[str, str]) -> Plan:
    """GitHub's REST spec costs minutes per round: up to 3 rounds for the target's two tools and
    1 for the models-only reference (about 60 s a run on 2 cores), no new round after 200 s,
    and a 150 s time-out per run (some 20 times what the target allows ours), so the whole bench
    stays under 10 minutes on 2 cores."""
    try:
        spec: Path | None = baselines.github_spec()
        ctx.versions["@octokit/openapi"] = baselines.NPM_PACKAGES["@octokit/openapi"]
    except baselines.Unavailable as exc:
        spec, unavailable["github"] = None, str(exc)
    return Plan("github", spec, {OURS: 3, OPC: 3, DCG: 1}, timeout=150, budget=200)
