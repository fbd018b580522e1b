"""Part "import": how long `import linq_client` / `import sendblue_client` take in a fresh
interpreter, against `import httpx, pydantic` (the two libraries a hand-written client needs).

Each sample is the wall time of a whole `python -c "import ..."`, interpreter start-up included on
both sides: nothing is subtracted, so the ratio is what a user's script start-up feels like.
One `-X importtime` run per package then says where our time goes (notes of the figure).
"""

from __future__ import annotations

from collections import defaultdict

from .context import Context
from .procs import run_measured
from .stats import Figure, Summary, Target, interleaved

BASELINE = "import httpx, pydantic"
PACKAGES = ("linq_client", "sendblue_client")
TARGET = Target("ratio", "<=", 1.05)


def importtime_breakdown(stderr: str, package: str, top: int = 6) -> dict[str, object]:
    """Summarise `python -X importtime` output: time in the package's own modules, in everything
    else, and the modules with the largest self time."""
    rows: list[tuple[str, int, int]] = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        fields = line[len("import time:") :].split("|")
        if len(fields) != 3:
            continue
        self_us, cumulative_us, name = int(fields[0]), int(fields[1]), fields[2].strip()
        rows.append((name, self_us, cumulative_us))
    own = sum(self_us for name, self_us, _ in rows if name == package or name.startswith(package + "."))
    total = sum(self_us for _, self_us, _ in rows)
    slowest = sorted(rows, key=lambda row: row[1], reverse=True)[:top]
    return {
        "own_modules_ms": round(own / 1000, 1),
        "other_modules_ms": round((total - own) / 1000, 1),
        "slowest_modules_self_ms": [[name, round(self_us / 1000, 1)] for name, self_us, _ in slowest],
    }


def run(ctx: Context) -> list[Figure]:
    rounds = ctx.rounds(full=20, quick=4)
    statements = {BASELINE: "import httpx, pydantic", **{name: f"import {name}" for name in PACKAGES}}
    env = ctx.env()
    for statement in statements.values():  # warm-up: .pyc files written, disk cache filled
        run_measured([ctx.python, "-c", statement], timeout=60, env=env)
    samples: dict[str, list[float]] = defaultdict(list)
    failures: dict[str, str] = {}
    for round_index in range(rounds):
        for label in interleaved(round_index, list(statements)):
            done = run_measured([ctx.python, "-c", statements[label]], timeout=60, env=env)
            if done.ok:
                samples[label].append(done.seconds * 1000)
            else:
                failures[label] = done.failure()
    baseline = Summary.of(samples[BASELINE]) if samples[BASELINE] else None
    figures = []
    for package in PACKAGES:
        profile = run_measured([ctx.python, "-X", "importtime", "-c", f"import {package}"], timeout=60, env=env)
        figures.append(
            Figure(
                part="import",
                name=f"import {package}",
                unit="ms",
                ours=Summary.of(samples[package]) if samples[package] else None,
                baseline_name=BASELINE,
                baseline=baseline,
                target=TARGET,
                notes={"rounds": rounds, "importtime": importtime_breakdown(profile.stderr, package)},
                error=failures.get(package) or failures.get(BASELINE),
            )
        )
    return figures
