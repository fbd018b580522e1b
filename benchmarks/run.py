"""`python -m benchmarks [--quick] [--only import,calls,generate,mock,contract,setup]`: run the bench.

A full run (every part, no --quick) writes benchmarks/results.json and the table in
benchmarks/README.md; a partial or quick run writes `.bench/results-<mode>.json` instead, so a
smoke run never replaces the recorded figures. The exit status is 0 when every part ran, whether
or not its targets were met: the bench measures, the table judges.
"""

from __future__ import annotations

import argparse
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from . import part_calls, part_contract, part_generate, part_import, part_mock, part_setup, render, results
from .baselines import python_version_of
from .context import ROOT, Context
from .stats import Figure

PARTS: dict[str, Callable[[Context], list[Figure]]] = {
    "import": part_import.run,
    "calls": part_calls.run,
    "generate": part_generate.run,
    "mock": part_mock.run,
    "contract": part_contract.run,
    "setup": part_setup.run,
}
HERE = Path(__file__).resolve().parent


def parse_parts(text: str | None) -> list[str]:
    """The parts named by --only ("import,calls"), in the bench's own order; all when None."""
    if not text:
        return list(PARTS)
    wanted = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in PARTS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    return [name for name in PARTS if name in wanted]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--quick", action="store_true", help="few rounds, no big spec, no Prism, no st run: a smoke run")
    p.add_argument("--only", metavar="PARTS", help=f"comma-separated parts to run: {', '.join(PARTS)}")
    p.add_argument("--out", type=Path, help="where to write the results (default: see above)")
    return p


def results_path(args: argparse.Namespace, parts: Sequence[str]) -> tuple[Path, bool]:
    """Where this run's results go, and whether the README's table is rewritten from them."""
    complete = not args.quick and list(parts) == list(PARTS)
    if args.out is not None:
        return args.out, False
    if complete:
        return HERE / "results.json", True
    return ROOT / ".bench" / f"results-{'quick' if args.quick else 'partial'}.json", False


def run_part(ctx: Context, name: str) -> tuple[list[Figure], bool]:
    """A part's figures; a part that crashes gives one failed figure instead of ending the run."""
    ctx.log(f"part {name}: start")
    try:
        figures = PARTS[name](ctx)
    except Exception as exc:
        traceback.print_exc()
        return [
            Figure(part=name, name=f"{name}: crashed", unit="-", ours=None, error=f"{type(exc).__name__}: {exc}")
        ], False
    ctx.log(f"part {name}: done")
    return figures, True


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    try:
        parts = parse_parts(args.only)
    except argparse.ArgumentTypeError as exc:
        p.error(str(exc))
    ctx = Context(quick=args.quick)
    for distribution in ("httpx", "pydantic", "schemathesis"):
        ctx.versions[distribution] = python_version_of(distribution)
    started = time.perf_counter()
    load_at_start = results.load_average()
    ctx.prepare()
    figures: list[Figure] = []
    healthy = True
    for name in parts:
        found, ok = run_part(ctx, name)
        figures.extend(found)
        healthy = healthy and ok
    doc = results.document(
        figures,
        mode="quick" if args.quick else "full",
        parts=parts,
        wall_seconds=time.perf_counter() - started,
        versions=ctx.versions,
    )
    doc["machine"]["load_average_at_start"] = load_at_start
    path, readme = results_path(args, parts)
    results.write(path, doc)
    print()
    print(render.text(doc))
    print(f"\nresults: {path}")
    if readme:
        render.update_readme(HERE / "README.md", doc)
        print(f"table: {HERE / 'README.md'}")
    return 0 if healthy else 1
