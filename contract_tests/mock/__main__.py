"""`python -m contract_tests.mock SPEC`: serve a spec-driven mock (see --help)."""

from __future__ import annotations

import argparse
import gc
import sys
import textwrap
import time
from collections.abc import Sequence

import uvicorn

from generator.errors import SpecError

from .app import create_app
from .defects import DEFECTS
from .faults import FaultConfig
from .limits import Limits
from .server import bind, uvicorn_config
from .variations import VARIATIONS


def _latency(text: str) -> tuple[int, int]:
    low, _, high = text.partition("-")
    try:
        return int(low), int(high or low)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected MS or MIN-MAX in milliseconds, not {text!r}") from None


def _rate(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"a rate is between 0 and 1, not {text}")
    return value


def _rate_limit(text: str) -> bool | tuple[int, float]:
    if text in ("", "on", "spec"):
        return True
    requests, _, seconds = text.partition("/")
    try:
        return int(requests), float(seconds or 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected N/SECONDS (e.g. 100/10), not {text!r}") from None


class _HelpFormatter(argparse.HelpFormatter):
    """Keeps the line breaks of an option's help (the list of defects) and never splits a name at a hyphen."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return [wrapped for line in text.splitlines() for wrapped in textwrap.wrap(line, width, break_on_hyphens=False)]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m contract_tests.mock",
        formatter_class=_HelpFormatter,
        description="Serve a mock of an OpenAPI spec: every request is validated against the spec "
        "(and its x-rules); answers come from the spec's examples or from persistent state.",
        epilog="Per request: 'Prefer: code=404, example=NAME, dynamic=true' (examples mode), "
        "'X-Mock-Fault: 500|502|503|504|429|drop', 'X-Mock-Latency: MS'.",
    )
    p.add_argument("spec", help="OpenAPI document (YAML or JSON, 3.0 or 3.1)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=4010, help="port to listen on; 0 picks a free one (default 4010)")
    p.add_argument(
        "--mode",
        choices=("examples", "stateful"),
        default="examples",
        help="examples: stateless, answers with the spec's examples (like Prism); "
        "stateful: behaves like the API, records persist (default examples)",
    )
    p.add_argument("--seed", type=int, default=0, help="seed of ids, seed data and injected faults (default 0)")
    p.add_argument(
        "--api-key",
        action="append",
        default=[],
        metavar="KEY",
        help="accept only this credential (repeatable; for Sendblue give both the key id and the secret); "
        "any other answers 401. Default: any well-formed credentials",
    )
    p.add_argument(
        "--rate-limit",
        nargs="?",
        const=True,
        type=_rate_limit,
        metavar="N/SECONDS",
        help="enforce a rate limit per account: the API's documented one, or N requests per SECONDS",
    )
    p.add_argument("--latency", type=_latency, default=(0, 0), metavar="MS[-MS]", help="add latency to every answer")
    p.add_argument("--error-rate", type=_rate, default=0.0, metavar="P", help="share of requests answered 500/502/503")
    p.add_argument("--throttle-rate", type=_rate, default=0.0, metavar="P", help="share of requests answered 429")
    p.add_argument("--drop-rate", type=_rate, default=0.0, metavar="P", help="share of connections dropped mid-answer")
    p.add_argument(
        "--no-negotiation",
        action="store_true",
        help="accept any Accept header and any request media type (default: 406 and 415, as Prism)",
    )
    p.add_argument("--self-check", action="store_true", help="validate every answer against the spec (debugging)")
    p.add_argument("--no-seed-data", action="store_true", help="start stateful mode with no records")
    p.add_argument(
        "--defect",
        action="append",
        default=[],
        choices=list(DEFECTS),
        metavar="NAME",
        help="break the mock on purpose, to prove a test suite catches it (repeatable; off by default):\n"
        + "\n".join(f"{name}: {what}" for name, what in DEFECTS.items()),
    )
    p.add_argument(
        "--vary",
        action="append",
        default=[],
        metavar="NAME[,NAME...]",
        help="differ from the spec's own mock only in ways the contract allows, to prove a test suite "
        "accepts a conformant server that is not this mock (repeatable, comma-separated; off by default):\n"
        + "\n".join(f"{name}: {what}" for name, what in VARIATIONS.items()),
    )
    defaults = Limits()
    limits = p.add_argument_group("limits (what one request may cost; each refusal is in the API's error shape)")
    limits.add_argument(
        "--max-body-bytes",
        type=int,
        default=defaults.max_body_bytes,
        metavar="N",
        help=f"larger bodies get 413, refused before they are read (default {defaults.max_body_bytes})",
    )
    limits.add_argument(
        "--max-depth",
        type=int,
        default=defaults.max_depth,
        metavar="N",
        help=f"JSON bodies nested deeper get 400 (default {defaults.max_depth})",
    )
    limits.add_argument(
        "--max-array-items",
        type=int,
        default=defaults.max_array_items,
        metavar="N",
        help=f"a JSON array longer than this gets 400 before any schema check (default {defaults.max_array_items})",
    )
    limits.add_argument(
        "--max-quote",
        type=int,
        default=defaults.max_quote,
        metavar="CHARS",
        help=f"error messages quote at most this much of a bad value (default {defaults.max_quote})",
    )
    limits.add_argument(
        "--read-timeout",
        type=float,
        default=defaults.read_timeout,
        metavar="SECONDS",
        help=f"a body not received within this time gets 408 (default {defaults.read_timeout:g})",
    )
    p.add_argument("--log-level", default="warning", choices=("critical", "error", "warning", "info", "debug"))
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    started = time.perf_counter()
    faults = FaultConfig(
        latency_ms=args.latency, error_rate=args.error_rate, throttle_rate=args.throttle_rate, drop_rate=args.drop_rate
    )
    try:
        app = create_app(
            args.spec,
            args.mode,
            seed=args.seed,
            rate_limit=args.rate_limit,
            faults=faults,
            self_check=args.self_check,
            seed_data=not args.no_seed_data,
            defects=args.defect,
            variations=args.vary,
            api_keys=args.api_key,
            negotiation=not args.no_negotiation,
            limits=Limits(
                max_body_bytes=args.max_body_bytes,
                max_depth=args.max_depth,
                max_array_items=args.max_array_items,
                max_quote=args.max_quote,
                read_timeout=args.read_timeout,
            ),
        )
    except SpecError as exc:
        print(f"error: {args.spec} cannot be served:\n{exc}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        sock = bind(args.host, args.port)
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    host = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{host}:{sock.getsockname()[1]}"
    api = app.api
    print(f"Mocking {api.title} {api.version} ({args.spec}) in {args.mode} mode at {url}")
    rows = app.describe_operations()
    width = max((len(path) for _, path, _, _ in rows), default=0)
    for method, path, op_id, what in rows:
        print(f"  {method:<7}{path:<{width}}  {op_id:<28} {what}")
    if app.state is not None:
        counts = ", ".join(f"{n} {kind}" for kind, n in app.state.store.count().items()) or "none"
        print(f"Seed data: {counts}")
    extras = []
    if app.rate_limit is not None:
        extras.append(f"rate limit {app.rate_limit.requests}/{app.rate_limit.seconds:g}s")
    if faults.active:
        extras.append(
            f"faults latency={args.latency[0]}-{args.latency[1]}ms errors={args.error_rate} "
            f"429={args.throttle_rate} drops={args.drop_rate}"
        )
    if args.self_check:
        extras.append("self-check on")
    if app.variations:
        extras.append(f"variations {app.variations}")
    if app.defects:
        extras.append(f"DEFECTS {app.defects} (deliberately broken)")
    if extras:
        print("With " + ", ".join(extras))
    for warning in app.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{len(rows)} operations ready in {time.perf_counter() - started:.2f}s; Ctrl-C stops.", flush=True)
    # Everything built so far lives as long as the process: keep the collector from scanning it
    # again on every full collection (a large body's objects would otherwise pay for the spec's).
    gc.freeze()
    server = uvicorn.Server(uvicorn_config(app, args.log_level))
    server.run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
