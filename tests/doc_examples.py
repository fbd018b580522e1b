"""The Python examples of the documentation, run as a user would run them.

`tests/test_doc_examples.py` uses this module; the convention it enforces is in the project
README ("Examples in the documentation"):

- every ```python block of the project README, of each generated README and of each `api.md`
  is a standalone program: it imports what it uses and makes its own client, which takes its
  credentials and base URL from the environment (`LINQ_API_KEY`, `LINQ_BASE_URL`,
  `SENDBLUE_API_KEY`, `SENDBLUE_API_SECRET`, `SENDBLUE_BASE_URL`);
- an async example runs itself with `asyncio.run(...)`;
- a block that must not run starts with the marker comment `# doc-example: skip <why>`; it is
  neither run nor type-checked, and the test reports it as skipped with its reason.

Each example runs in its own subprocess with a timeout, against the project's mock server in
stateful mode, and all of them are type-checked by one `mypy --strict` run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SKIP_MARKER = "# doc-example: skip"

# The generated packages, importable from the checkout (as `pip install ./generated/<api>` would).
PACKAGE_SOURCES = tuple(sorted(ROOT.glob("generated/*/src")))

_OPENING = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`\s]*)")


@dataclass(frozen=True)
class Example:
    """One ```python block of a Markdown file."""

    path: Path
    line: int  # 1-based line of the opening fence
    code: str

    @property
    def where(self) -> str:
        """`generated/linq/README.md:41`: the file and the line of the block's opening fence."""
        try:
            name = self.path.relative_to(ROOT).as_posix()
        except ValueError:
            name = self.path.as_posix()
        return f"{name}:{self.line}"

    @property
    def skip_reason(self) -> str | None:
        """Why the block is not run, when its first line is the skip marker."""
        first = self.code.lstrip().splitlines()[0] if self.code.strip() else ""
        if not first.startswith(SKIP_MARKER):
            return None
        return first.removeprefix(SKIP_MARKER).strip(" :-") or "no reason given"

    @property
    def module(self) -> str:
        """A module name unique to the block (file names of the batched mypy run)."""
        stem = re.sub(r"\W+", "_", self.where.rsplit(":", 1)[0].removesuffix(".md")).strip("_").lower()
        return f"example_{stem}_{self.line}"


def extract(path: Path) -> list[Example]:
    """The ```python (or ```py) blocks of a Markdown file, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    examples: list[Example] = []
    index = 0
    while index < len(lines):
        match = _OPENING.match(lines[index])
        if match is None:
            index += 1
            continue
        fence = match["fence"]
        indent = len(match["indent"])
        start = index
        body: list[str] = []
        index += 1
        while index < len(lines):
            stripped = lines[index].strip()
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                break
            line = lines[index]
            body.append(line[indent:] if line[:indent].strip() == "" else line.lstrip())
            index += 1
        index += 1  # the closing fence (or the end of the file)
        if match["info"].lower() in ("python", "py", "python3"):
            examples.append(Example(path, start + 1, "\n".join(body) + "\n"))
    return examples


def documentation_files(root: Path = ROOT) -> list[Path]:
    """The project README, then each generated package's README and api.md."""
    generated = sorted(root.glob("generated/*/README.md")) + sorted(root.glob("generated/*/api.md"))
    return [root / "README.md", *generated]


def all_examples(root: Path = ROOT) -> list[Example]:
    return [example for path in documentation_files(root) for example in extract(path)]


@dataclass(frozen=True)
class Run:
    example: Example
    returncode: int | None  # None: killed at the timeout
    output: str
    seconds: float

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def failure(self, timeout: float) -> str:
        if self.returncode is None:
            what = f"did not finish within {timeout:g} s (a hung call or an endless pagination?)"
        else:
            what = f"exited with status {self.returncode}"
        output = self.output.strip() or "(no output)"
        # Tracebacks name the block's temporary file: name the Markdown file and its line instead.
        file = re.escape(f"{self.example.module}.py")
        where = self.example.where.rsplit(":", 1)[0]
        output = re.sub(
            rf'File "[^"]*{file}", line (\d+)',
            lambda match: f'File "{where}", line {self.example.line + int(match[1])}',
            output,
        )
        return f"the example at {self.example.where} {what}:\n{output}"


def write_programs(examples: Iterable[Example], folder: Path) -> dict[Example, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for example in examples:
        file = folder / f"{example.module}.py"
        file.write_text(example.code, encoding="utf-8")
        files[example] = file
    return files


def example_environment(variables: Mapping[str, str], pycache: Path) -> dict[str, str]:
    """The process environment of an example: ours, minus anything the clients read, plus
    `variables` (credentials and base URLs) and the generated packages on the path.

    The examples share compiled modules in `pycache` (outside the checkout): compiling the
    packages' models once instead of once per example halves the time of the runs."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LINQ_", "SENDBLUE_"))
        and key not in ("PYTHONPATH", "MYPYPATH", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")
    }
    env.update(variables)
    paths = os.pathsep.join(str(p) for p in PACKAGE_SOURCES)
    env["PYTHONPATH"] = env["MYPYPATH"] = paths
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def warm_up(env: Mapping[str, str], timeout: float) -> None:
    """Import the generated packages once, so that the examples find them compiled."""
    packages = [path.name for source in PACKAGE_SOURCES for path in source.iterdir() if (path / "__init__.py").exists()]
    code = "".join(f"import {package}\n" for package in packages)
    subprocess.run([sys.executable, "-c", code], env=dict(env), timeout=timeout, check=True, capture_output=True)


def run_all(files: Mapping[Example, Path], env: Mapping[str, str], timeout: float) -> dict[Example, Run]:
    """Run each example's file in its own Python process, one per CPU at a time (more would only
    slow each one down, towards its timeout)."""
    warm_up(env, timeout)

    def run(item: tuple[Example, Path]) -> Run:
        example, file = item
        started = time.monotonic()
        try:
            done = subprocess.run(
                [sys.executable, str(file)],
                cwd=file.parent,
                env=dict(env),
                capture_output=True,
                text=True,
                timeout=timeout,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired as expired:
            output = _text(expired.stdout) + _text(expired.stderr)
            return Run(example, None, output, time.monotonic() - started)
        return Run(example, done.returncode, done.stdout + done.stderr, time.monotonic() - started)

    with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 2)) as pool:
        return {run.example: run for run in pool.map(run, files.items())}


def _text(value: str | bytes | None) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value or ""


_MYPY_LINE = re.compile(r"^(?P<file>[^:\n]+\.py):(?P<line>\d+):(?:\d+:)? (?P<kind>error|note): (?P<message>.*)$")


@dataclass(frozen=True)
class TypeError_:
    example: Example
    line: int  # in the block (1-based), the block's own line
    message: str

    @property
    def doc_line(self) -> int:
        """The line in the Markdown file."""
        return self.example.line + self.line

    def __str__(self) -> str:
        where = self.example.where.rsplit(":", 1)[0]
        return f"{where}:{self.doc_line} (block at line {self.example.line}): {self.message}"


def type_check(files: Mapping[Example, Path], env: Mapping[str, str], cache_dir: Path) -> tuple[list[TypeError_], str]:
    """One `mypy --strict` run over every example; its errors, each with its example."""
    by_name = {file.name: example for example, file in files.items()}
    folder = next(iter(files.values())).parent
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file=",
            "--no-error-summary",
            "--show-error-codes",
            "--hide-error-context",
            "--no-pretty",
            "--show-column-numbers",
            "--cache-dir",
            str(cache_dir),
            *sorted(file.name for file in files.values()),
        ],
        cwd=folder,
        env=dict(env),
        capture_output=True,
        text=True,
    )
    errors = []
    for raw in done.stdout.splitlines():
        match = _MYPY_LINE.match(raw)
        if match is None or match["kind"] != "error":
            continue
        example = by_name.get(Path(match["file"]).name)
        if example is None:  # an error in an imported module: report it against every example
            raise AssertionError(f"mypy reported an error outside the examples:\n{done.stdout}{done.stderr}")
        errors.append(TypeError_(example, int(match["line"]), match["message"]))
    if (done.returncode != 0 and not errors) or done.returncode not in (0, 1, 2):
        raise AssertionError(f"mypy did not run (status {done.returncode}):\n{done.stdout}{done.stderr}")
    return errors, done.stdout
