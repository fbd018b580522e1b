"""Command line: `python -m generator <command> ...`."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator.config import ConfigError, Target, load_targets, select_targets, target_for_spec
from generator.document.loader import inspect_spec
from generator.emit.writer import WriteError
from generator.errors import SpecError, SpecProblem
from generator.ir.build import build_api
from generator.release.records import ReleaseError

if TYPE_CHECKING:
    import datetime

    from generator.workflow import Regenerated


def _print_problems(problems: Sequence[SpecProblem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


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
    from generator.workflow import generate  # the templates are only needed when generating

    failed = False
    for target in targets:
        started = time.perf_counter()
        try:
            regenerated, written = generate(target, always_ruff=args.ruff)
        except SpecError as exc:
            _print_problems(exc.problems)
            print(
                f"{target.spec}: not generated ({len(exc.problems)} problems); {target.out} left unchanged",
                file=sys.stderr,
            )
            failed = True
            continue
        except (ConfigError, WriteError, ReleaseError) as exc:
            print(f"error: {exc}; {target.out} left unchanged", file=sys.stderr)
            failed = True
            continue
        api = regenerated.api
        _print_problems(api.warnings)
        elapsed = time.perf_counter() - started
        print(
            f"{target.spec.name} -> {_relative(target.out)}: {target.distribution} {target.version} ({target.package}), "
            f"{len(api.operations)} operations, {len(api.models)} models, {len(written)} files, "
            f"{len(api.warnings)} warnings, {elapsed:.2f}s"
        )
        if regenerated.version_problem:
            print(f"warning: {regenerated.version_problem}", file=sys.stderr)
    return 1 if failed else 0


def cmd_check(args: argparse.Namespace) -> int:
    """Drift (is `generated/` what the generator makes now?) and the version gate."""
    try:
        targets = select_targets(load_targets(args.config), args.distributions)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    from generator.workflow import drift, drift_summary, regenerate

    failed = False
    for target in targets:
        try:
            regenerated = regenerate(target)
        except SpecError as exc:
            _print_problems(exc.problems)
            print(f"{target.distribution}: {target.spec} is broken; cannot check", file=sys.stderr)
            failed = True
            continue
        except (WriteError, ReleaseError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed = True
            continue
        drifts = drift(regenerated)
        if drifts:
            print(drift_summary(_relative(target.out), drifts), file=sys.stderr)
            print(f"{target.distribution}: run `python3 dev.py generate` and commit the result", file=sys.stderr)
            failed = True
        else:
            print(f"{target.distribution}: {_relative(target.out)} is up to date")
        print(f"{target.distribution}: {_version_line(regenerated)}")
        if regenerated.version_problem:
            if regenerated.report is not None:
                print(regenerated.report.to_markdown(heading_level=3), file=sys.stderr)
            print(f"error: {regenerated.version_problem}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


def _version_line(regenerated: Regenerated) -> str:
    target, release, report = regenerated.target, regenerated.release, regenerated.report
    if release is None:
        return f"version {target.version}, not released yet (no baseline: {_relative(target.release_record)})"
    if report is None or regenerated.level == "none":
        changes = "no changes"
    else:
        counts = [
            (len(report.breaking), "breaking"),
            (len(report.additions), "additions"),
            (len(report.others), "other"),
        ]
        changes = ", ".join(f"{n} {label}" for n, label in counts if n) or "spec text changed"
    verdict = "rejected" if regenerated.version_problem else "ok"
    return f"version {target.version}, last release {release.version} ({release.date}): {changes}; version {verdict}"


def cmd_release(args: argparse.Namespace) -> int:
    """Record the current versions as released: the baselines of the next versions."""
    try:
        targets = select_targets(load_targets(args.config), args.distributions)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    import datetime

    from generator.workflow import generate, record_release, regenerate

    date = args.date or datetime.date.today()
    prepared = []
    try:
        for target in targets:
            prepared.append(regenerate(target))
        releases = [record_release(item, date=date) for item in prepared]
        for target in targets:
            generate(target)
    except SpecError as exc:
        _print_problems(exc.problems)
        return 1
    except (ReleaseError, WriteError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for target, release in zip(targets, releases, strict=True):
        print(
            f"{target.distribution} {release.version} recorded in {_relative(target.release_record)}; "
            f"{_relative(target.out)}/CHANGELOG.md updated"
        )
    print("commit both, then build and publish (nox -s build, nox -s publish)")
    return 0


def _relative(path: Path | None) -> str:
    if path is None:
        return "-"
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def cmd_build(args: argparse.Namespace) -> int:
    """sdist + wheel per target, twine check, contents and an install test against the mock."""
    from generator.release.packaging import echo, run_build  # build tooling is only needed here

    return run_build(
        args.config, args.out, args.distributions, python=sys.executable, log=echo(sys.stdout), error=echo(sys.stderr)
    )


def cmd_publish(args: argparse.Namespace) -> int:
    """Upload the built artefacts once every check passed for every selected package."""
    import os

    from generator.release.packaging import echo, run_publish

    return run_publish(
        args.config,
        args.dist,
        args.distributions,
        repository_url=args.repository_url,
        index_url=args.index_url,
        environ=os.environ,
        python=sys.executable,
        log=echo(sys.stdout),
        error=echo(sys.stderr),
    )


def cmd_diff(args: argparse.Namespace) -> int:
    """What changed for the clients' users: OLD_SPEC NEW_SPEC, or each target against a git revision."""
    from generator.release.changes import DiffError, diff_jobs, reaches

    try:
        jobs = diff_jobs(args.specs, base=args.base, config=args.config, package=args.package, client=args.client)
    except DiffError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    failed = False
    results = []
    for job in jobs:
        try:
            results.append((job, job.run()))
        except DiffError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        except SpecError as exc:
            _print_problems(exc.problems)
            print(f"{job.target.distribution}: a spec is broken; not compared", file=sys.stderr)
            failed = True
        except (ConfigError, WriteError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed = True
    if args.format == "json":
        print(json.dumps([job.to_json(report) for job, report in results], indent=2))
    else:
        for job, report in results:
            print(job.to_text(report))
    reached = any(reaches(report, args.fail_on) for _, report in results)
    return 1 if failed or reached else 0


def cmd_drift_apply(args: argparse.Namespace) -> int:
    """The spec patch a contract drift report proposes (see `generator.release.drift_patch`)."""
    from generator.release.drift_patch import cmd_drift_apply as apply

    return apply(args)


def _date(text: str) -> datetime.date:
    """`--date`: an ISO date (`datetime` is imported only when one is given)."""
    import datetime

    return datetime.date.fromisoformat(text)


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
    generate.add_argument(
        "--ruff",
        action="store_true",
        help="run ruff on every file (by default only on files the generator cannot vouch for being formatted)",
    )
    generate.set_defaults(handler=cmd_generate)
    check = commands.add_parser(
        "check",
        help="fail when generated/ is out of date or a version does not follow semver since the last release",
    )
    check.add_argument("distributions", nargs="*", metavar="DISTRIBUTION", help="default: every target")
    check.add_argument("--config", type=Path, default=Path("pyproject.toml"))
    check.set_defaults(handler=cmd_check)
    release = commands.add_parser(
        "release",
        help="record the current versions as released (releases/<distribution>.json) and date the changelogs",
    )
    release.add_argument("distributions", nargs="*", metavar="DISTRIBUTION", help="default: every target")
    release.add_argument("--config", type=Path, default=Path("pyproject.toml"))
    release.add_argument("--date", type=_date, help="release date (default: today)")
    release.set_defaults(handler=cmd_release)
    build_command = commands.add_parser(
        "build",
        help="build each target into OUT/<distribution>/, twine check --strict, install test against the mock",
    )
    build_command.add_argument("distributions", nargs="*", metavar="DISTRIBUTION", help="default: every target")
    build_command.add_argument("--out", type=Path, default=Path("dist"), help="artefacts folder (default: dist)")
    build_command.add_argument("--config", type=Path, default=Path("pyproject.toml"))
    build_command.set_defaults(handler=cmd_build)
    publish = commands.add_parser(
        "publish",
        help="upload built artefacts (credentials: TWINE_USERNAME, TWINE_PASSWORD) after checking every package",
    )
    publish.add_argument("distributions", nargs="*", metavar="DISTRIBUTION", help="default: every target")
    publish.add_argument("--dist", type=Path, default=Path("dist"), help="where build put the artefacts")
    publish.add_argument("--repository-url", help="upload URL (default: $TWINE_REPOSITORY_URL)")
    publish.add_argument(
        "--index-url", help="the index's simple API, to look for existing versions (default: from the upload URL)"
    )
    publish.add_argument("--config", type=Path, default=Path("pyproject.toml"))
    publish.set_defaults(handler=cmd_publish)
    diff = commands.add_parser(
        "diff", help="what changed for the clients' users: OLD_SPEC NEW_SPEC, or --base REV [SPEC ...]"
    )
    diff.add_argument("specs", nargs="*", type=Path, metavar="SPEC")
    diff.add_argument(
        "--base",
        metavar="REV",
        help="compare each target's spec (or those named by SPEC or distribution) as of git revision REV with the working tree",
    )
    diff.add_argument("--package", help="import name, when NEW_SPEC is not a configured target")
    diff.add_argument("--client", help="client class name, when NEW_SPEC is not a configured target")
    diff.add_argument("--config", type=Path, default=Path("pyproject.toml"), help="where the targets are configured")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    diff.add_argument(
        "--fail-on",
        choices=("ERR", "WARN", "INFO", "breaking", "addition", "never"),
        default="never",
        help="exit 1 when a change of this level (ERR, WARN, INFO) or severity (breaking, addition), "
        "or a higher one, is found (default: never)",
    )
    diff.set_defaults(handler=cmd_diff)
    drift = commands.add_parser("drift", help="turn a contract drift report (reports/drift.json) into a spec patch")
    actions = drift.add_subparsers(dest="drift_command", required=True)
    apply = actions.add_parser(
        "apply",
        help="propose the spec patch of a drift report's additive entries: a unified diff (stdout or --diff) "
        "or the patched spec (--out), for a person to review",
    )
    apply.add_argument("report", type=Path, metavar="REPORT", help="reports/drift.json from the contract suite")
    apply.add_argument("--api", help="the API of the report to patch (default: every API with drift)")
    apply.add_argument("--spec", type=Path, help="the spec to patch (default: the report's, e.g. spec/linq.yaml)")
    apply.add_argument("--out", type=Path, help="write the patched spec here instead of printing a diff")
    apply.add_argument("--diff", type=Path, help="write the unified diff here instead of stdout")
    apply.set_defaults(handler=cmd_drift_apply)
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
