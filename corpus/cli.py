"""`python -m corpus`: the options, the run, the table and the exit code.

Exit code 0 when every spec passes our checks (generated, imported, mypy --strict clean, every
operation on the client) and the round-trip rate reaches `--min-roundtrip`; 1 otherwise; 2 when
the corpus cannot be installed or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import report, runner, source

DEFAULT_SEED = 1
DEFAULT_SAMPLE = 300
RESULTS = Path(__file__).resolve().parent / "results.json"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m corpus",
        description=f"Our generator and openapi-python-client on public specs ({source.PACKAGE} {source.VERSION}).",
    )
    pick = parser.add_mutually_exclusive_group()
    pick.add_argument("--sample", type=int, default=DEFAULT_SAMPLE, metavar="N", help="specs drawn (default 300)")
    pick.add_argument("--all", action="store_true", help="every OpenAPI 3.x spec of the package")
    pick.add_argument("--specs", metavar="ID,ID", help="these spec ids only (e.g. xkcd.com,apideck.com/crm)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"seed of the sample (default {DEFAULT_SEED})")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="specs at once (default: CPU count)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per spec and side (default 120)")
    parser.add_argument(
        "--min-roundtrip", type=float, default=0.95, help="round-trip rate below which the run fails (default 0.95)"
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip openapi-python-client")
    parser.add_argument("--no-mypy", action="store_true", help="skip mypy --strict")
    parser.add_argument("--no-roundtrip", action="store_true", help="skip the calls against the mock")
    parser.add_argument(
        "--results", type=Path, default=RESULTS, help="where to write the JSON (default corpus/results.json)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated packages under .bench/corpus-work/")
    parser.add_argument("--list", action="store_true", help="print the selected spec ids and stop")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        names = [name.strip() for name in (args.specs or "").split(",") if name.strip()]
        if names:
            selection = source.named(names)
        else:
            selection = source.sample(source.catalogue(), None if args.all else args.sample, args.seed)
    except (source.Unavailable, ValueError) as exc:
        print(f"corpus: {exc}", file=sys.stderr)
        return 2
    if args.list:
        print("\n".join(spec.id for spec in selection.specs))
        return 0
    options = runner.Options(
        jobs=max(1, args.jobs),
        timeout=args.timeout,
        baseline=not args.no_baseline,
        mypy=not args.no_mypy,
        roundtrip=not args.no_roundtrip,
        keep=args.keep,
    )
    print(f"corpus: {selection.how}, {len(selection.specs)} specs, {options.jobs} jobs", flush=True)
    run = runner.run(list(selection.specs), options, log=lambda line: print(line, file=sys.stderr, flush=True))
    checks = {"mypy": options.mypy, "roundtrip": options.roundtrip}
    totals = report.totals(run.rows, len(selection.skipped), **checks)
    print()
    print(report.table(run, selection, totals, **checks))
    print(report.group_lines(run.rows, **checks))
    recorded = {
        "seed": args.seed,
        "sample": None if (args.all or names) else args.sample,
        "all": args.all,
        "specs": names,
        "jobs": options.jobs,
        "timeout": options.timeout,
        "min_roundtrip": args.min_roundtrip,
        "baseline": options.baseline,
        "mypy": options.mypy,
        "roundtrip": options.roundtrip,
    }
    report.write(args.results, report.document(run, selection, totals, recorded, **checks))
    print(f"\nresults: {args.results}")
    failed = totals.failing_specs > 0 or (options.roundtrip and totals.roundtrip_rate < args.min_roundtrip)
    if options.roundtrip and totals.roundtrip_rate < args.min_roundtrip:
        print(f"round trip {100 * totals.roundtrip_rate:.1f}% is below --min-roundtrip {100 * args.min_roundtrip:.0f}%")
    return 1 if failed else 0
