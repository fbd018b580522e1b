"""Command line: `python -m generator <command> ...`."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .build import build_api
from .errors import SpecError, SpecProblem
from .loader import inspect_spec


def _print_problems(problems: Sequence[SpecProblem], stream: object = sys.stderr) -> None:
    for problem in problems:
        print(problem, file=stream)  # type: ignore[call-overload]


def cmd_validate(args: argparse.Namespace) -> int:
    failed = False
    report = []
    for spec in args.specs:
        started = time.perf_counter()
        loaded, problems = inspect_spec(spec)
        errors = [p for p in problems if p.severity == "error"]
        warnings = [p for p in problems if p.severity != "error"]
        api = None
        if loaded is not None and not errors:
            try:
                api = build_api(loaded)
                warnings += list(api.warnings)
            except SpecError as exc:
                errors += exc.problems
        elapsed = time.perf_counter() - started
        if args.format == "json":
            report.append(
                {
                    "spec": str(spec),
                    "valid": not errors,
                    "problems": [
                        {
                            "severity": p.severity,
                            "file": p.location.file,
                            "line": p.location.line,
                            "column": p.location.column,
                            "pointer": p.location.pointer,
                            "message": p.message,
                            "hint": p.hint,
                        }
                        for p in errors + warnings
                    ],
                }
            )
        else:
            _print_problems(errors + warnings)
            if errors:
                print(f"{spec}: invalid ({len(errors)} error{'s' * (len(errors) != 1)})", file=sys.stderr)
            elif api is not None:
                print(
                    f"{spec}: valid (OpenAPI {api.openapi_version}, {len(api.operations)} operations, "
                    f"{len(api.models)} models, {len(warnings)} warnings, {elapsed:.2f}s)"
                )
        failed = failed or bool(errors)
    if args.format == "json":
        print(json.dumps(report, indent=2))
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="OpenAPI to typed Python clients.")
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check specs: YAML, $refs, OpenAPI schema and x- extensions")
    validate.add_argument("specs", nargs="+", type=Path, metavar="SPEC")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.set_defaults(handler=cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if args.debug:
            raise
        print(f"internal error: {type(exc).__name__}: {exc} (run with --debug for a traceback)", file=sys.stderr)
        return 2
