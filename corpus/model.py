"""What one run finds out about each spec: one `Row` per spec, ours and the baseline side by side.

Rows are plain dataclasses so `results.json` is simply their `asdict`, and `Row.failures()` is
the one place that says which of OUR checks a spec fails (generation, import, mypy, operations
emitted); the round trip is judged over the whole run (`report.Totals`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class CallFailure:
    operation: str
    method: str
    path: str
    kind: str  # "client", "mock", "harness" or "timeout" (see corpus.classify)
    error: str


@dataclass
class Ours:
    """Our generator on one spec. None means "not measured" (an earlier step failed, or skipped)."""

    generated: bool = False
    exit_code: int | None = None
    seconds: float | None = None
    error: str | None = None  # first error line of generation
    reported_operations: int | None = None  # "N operations" printed by the CLI
    imported: bool | None = None
    modules: int | None = None
    import_error: str | None = None
    mypy_clean: bool | None = None
    mypy_errors: int | None = None
    mypy_error: str | None = None  # the first one
    ir_operations: int | None = None  # len(build_api(spec).operations)
    client_methods: int | None = None  # operations found as methods on the client object
    missing_methods: list[str] = field(default_factory=list)
    calls: int = 0
    calls_ok: int = 0
    call_failures: list[CallFailure] = field(default_factory=list)
    # Calls that succeeded although the request broke the spec (the mock let it pass): not
    # failures, but worth a look (a form body sent as JSON, for example).
    calls_off_spec: list[str] = field(default_factory=list)
    roundtrip_error: str | None = None
    roundtrip_seconds: float | None = None
    mock_violations: int = 0


@dataclass
class Theirs:
    """openapi-python-client on one spec."""

    generated: bool = False
    exit_code: int | None = None
    seconds: float | None = None
    error: str | None = None
    imported: bool | None = None
    import_error: str | None = None
    endpoints: int | None = None  # modules under <package>/api/ defining sync_detailed


@dataclass
class Row:
    id: str
    file: str  # relative to the project root, for reproducing
    openapi: str
    operations: int  # (path, method) pairs of the raw document
    size: int
    package: str
    ours: Ours = field(default_factory=Ours)
    theirs: Theirs | None = None

    def failures(self, *, mypy: bool = True, roundtrip: bool = True) -> list[str]:
        """Our failed checks, each as `check: first error line`. Skipped checks are not failures."""
        ours = self.ours
        if not ours.generated:
            return [f"generate: {ours.error or 'failed'}"]
        found = []
        if ours.imported is False:
            found.append(f"import: {ours.import_error}")
        if mypy and ours.mypy_clean is False:
            more = f" (+{ours.mypy_errors - 1} more)" if ours.mypy_errors is not None and ours.mypy_errors > 1 else ""
            found.append(f"mypy: {ours.mypy_error}{more}")
        if ours.imported and roundtrip:
            if ours.client_methods is None:
                found.append(f"operations: not counted ({ours.roundtrip_error or 'no result'})")
            elif ours.ir_operations != self.operations or ours.client_methods != self.operations:
                missing = f"; missing {', '.join(ours.missing_methods[:3])}" if ours.missing_methods else ""
                found.append(
                    f"operations: {ours.client_methods} on the client, {ours.ir_operations} in the IR, "
                    f"{self.operations} in the spec{missing}"
                )
        return found


_ERROR_WORDS = re.compile(r"\b(error|exception|traceback|failed)\b", re.IGNORECASE)


def first_error_line(text: str) -> str:
    """The line that says what went wrong: the first mentioning an error, else the last one.

    A line ending in a colon introduces the detail (`error: ruff failed on the generated code:`),
    so the next line mentioning an error is joined to it.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return "no output"
    index = next((i for i, line in enumerate(lines) if _ERROR_WORDS.search(line)), len(lines) - 1)
    line = lines[index]
    if line.endswith(":"):
        detail = next((later for later in lines[index + 1 :] if _ERROR_WORDS.search(later)), None)
        if detail is not None:
            line = f"{line} {detail}"
    return line[:400]


def error_group(line: str, *names: str, pointers: bool = False) -> str:
    """A failure line with what differs from spec to spec blanked, to group like failures:
    `names` (the package name, work folders: longest first), quoted names and numbers, and
    with `pointers` the tokens of JSON pointers and URL paths (`/txnId: Field required`)."""
    text = re.sub(r"^\S+:\d+:\d+ (#\S*: )?", "", line)  # a spec problem's `file:line:column pointer: `
    text = re.sub(r" \(\+\d+ more\)", "", text)
    if pointers:
        text = re.sub(r"https?://\S+", "<url>", text)
        text = re.sub(r"(/[^\s/;,:]+)+/?", "/…", text)
    for name in sorted(names, key=len, reverse=True):
        if name:
            text = text.replace(name, "<…>")
    text = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", "'…'", text)
    if not pointers:  # a spec problem quoting a JSON fragment of the spec, maybe cut short
        text = re.sub(r"\{'….*?(?= does not match| is not |$)", "{…}", text)
    text = re.sub(r"\d+", "N", text)
    return text[:160]
