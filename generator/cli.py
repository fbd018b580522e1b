"""Command line: `python -m generator <command> ...`."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .build import build_api
from .config import ConfigError, Target, load_targets, target_for_spec
from .errors import SpecError, SpecProblem
from .loader import inspect_spec
from .writer import WriteError, write_package


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


def _targets(args: argparse.Namespace) -> list[Target]:
    if args.spec is not None:
        if args.out is None:
            raise ConfigError("a spec on the command line needs --out DIR")
        return [target_for_spec(args.spec, args.out, args.package, args.client)]
    targets = load_targets(args.config)
    if not targets:
        raise ConfigError(f"{args.config}: no [[tool.sdk-generator.targets]]; pass SPEC --out DIR --package NAME")
    return targets


def cmd_generate(args: argparse.Namespace) -> int:
    try:
        targets = _targets(args)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    from .emit import package_files  # the templates are only needed when generating

    failed = False
    for target in targets:
        started = time.perf_counter()
        try:
            api = build_api(target.spec)
            files = package_files(api, target)
            written = write_package(files, target.out)
        except SpecError as exc:
            _print_problems(exc.problems)
            print(
                f"{target.spec}: not generated ({len(exc.problems)} problems); {target.out} left unchanged",
                file=sys.stderr,
            )
            failed = True
            continue
        except (ConfigError, WriteError) as exc:
            print(f"error: {exc}; {target.out} left unchanged", file=sys.stderr)
            failed = True
            continue
        _print_problems(api.warnings)
        elapsed = time.perf_counter() - started
        print(
            f"{target.spec.name} -> {_relative(target.out)}: {target.distribution} ({target.package}), "
            f"{len(api.operations)} operations, {len(api.models)} models, {len(written)} files, "
            f"{len(api.warnings)} warnings, {elapsed:.2f}s"
        )
    return 1 if failed else 0


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="OpenAPI to typed Python clients.")
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check specs: YAML, $refs, OpenAPI schema and x- extensions")
    validate.add_argument("specs", nargs="+", type=Path, metavar="SPEC")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.set_defaults(handler=cmd_validate)
    generate = commands.add_parser(
        "generate",
        help="render client packages: every configured target, or one SPEC with --out and --package",
    )
    generate.add_argument("spec", nargs="?", type=Path, metavar="SPEC")
    generate.add_argument("--out", type=Path, help="output folder for SPEC (replaced as a whole)")
    generate.add_argument("--package", help="import name for SPEC's package (default: <spec name>_client)")
    generate.add_argument("--client", help="client class name (default: from the package name)")
    generate.add_argument(
        "--config", type=Path, default=Path("pyproject.toml"), help="where the targets are configured"
    )
    generate.set_defaults(handler=cmd_generate)
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
