"""Regeneration as users run it: generate, check for drift and version, record a release.

`regenerate` is the one pipeline behind `generate`, `check` and `release`: spec -> IR ->
package files (formatted) -> the change report against the last release -> `CHANGELOG.md`.
Because all three run the same function, what `check` compares with `generated/` is exactly
what `generate` would write.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.config import Target
from generator.emit.writer import format_tree, render_to_directory, scratch_directory, staged_package
from generator.ir.build import build_api
from generator.ir.model import Api

if TYPE_CHECKING:
    import datetime

    from generator.release.changes import ChangeReport

from generator.release.records import (
    Level,
    Release,
    ReleaseError,
    changelog,
    first_release_text,
    load_release,
    released_api,
    released_section,
    report_level,
    version_problem,
    write_release,
)

CHANGELOG = "CHANGELOG.md"


@dataclass(frozen=True)
class Regenerated:
    """A target's package as the generator makes it now, and how it differs from the last release."""

    target: Target
    api: Api
    files: dict[str, str]
    surface: dict[str, Any] | None
    release: Release | None
    report: ChangeReport | None
    level: Level

    @property
    def version_problem(self) -> str | None:
        return version_problem(self.target, self.release, self.level)


def regenerate(target: Target, *, into: Path | None = None, always_ruff: bool = False) -> Regenerated:
    """Every file of the target's package, formatted, with its changelog.

    The files are formatted in a scratch folder, removed afterwards: nothing is written. With
    `into` (an empty folder, `generate`'s staging folder), the package is built there instead,
    formatted and with its changelog, and the folder is left as it is.

    The generator writes code in ruff's format: ruff runs only on the files it cannot vouch for
    (`generator.emit.writer.format_tree`), or on every file with `always_ruff`.
    """
    api = build_api(target.spec)
    release = load_release(target)
    from generator.emit.package import package_files  # the templates are only needed when rendering

    with scratch_directory() if into is None else contextlib.nullcontext(into) as root:
        files = package_files(api, target)
        render_to_directory(files, root)
        # In `generate`'s staging folder, ruff must not outlive a killed generation (see the writer).
        by_ruff = format_tree(root, files, by_construction=not always_ruff, die_with_parent=into is not None)
        formatted = dict(files)
        for relative in files if by_ruff is None else by_ruff:
            formatted[relative] = (root / relative).read_text(encoding="utf-8")
        # The Python API is read only when there is a release to compare it with (it costs as much
        # as the rest of a small generation); `record_release` reads it from the written package.
        surface = None
        if release is not None:
            # The change report (and griffe, which reads the Python API) is only needed against a release.
            from generator.release.changes import api_surface

            surface = api_surface(root / "src", target.package)
    report = None
    if release is not None and surface is not None:
        old_api = released_api(release)
        from generator.release.changes import diff_apis, diff_surfaces, merge

        report = merge(
            diff_apis(old_api, api),
            diff_surfaces(release.surface, surface),
            old_label=release.version,
            new_label=target.version,
        )
    level = report_level(report, release, target.spec.read_text(encoding="utf-8"))
    formatted[CHANGELOG] = changelog(target, api, release, report, level)
    if into is not None:
        render_to_directory({CHANGELOG: formatted[CHANGELOG]}, into)
    return Regenerated(target, api, formatted, surface, release, report, level)


def generate(target: Target, *, always_ruff: bool = False) -> tuple[Regenerated, list[Path]]:
    """Regenerate the target's package and swap it into place (all of it or, on any failure, none
    of it): the package is built, formatted and flushed in the writer's staging folder next to
    `target.out`, so its files are written once. Returns what `regenerate` does, and the files."""
    with staged_package(target.out) as staging:
        regenerated = regenerate(target, into=staging, always_ruff=always_ruff)
    out = target.out.resolve()  # once, not once a file: each is a system call per folder of the path
    return regenerated, sorted(out / relative for relative in regenerated.files)


# -- drift ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Drift:
    """One file where `generated/` differs from what the generator makes now."""

    path: str
    status: str  # "changed", "missing" (should exist) or "extra" (should not exist)
    diff: tuple[str, ...] = ()


def drift(regenerated: Regenerated, *, context_lines: int = 2) -> list[Drift]:
    out = regenerated.target.out
    on_disk = {
        path.relative_to(out).as_posix()
        for path in out.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    found = []
    for relative, expected in sorted(regenerated.files.items()):
        if relative not in on_disk:
            found.append(Drift(relative, "missing"))
            continue
        actual = (out / relative).read_text(encoding="utf-8", errors="replace")
        if actual != expected:
            import difflib

            diff = difflib.unified_diff(
                actual.splitlines(),
                expected.splitlines(),
                f"{relative} (on disk)",
                f"{relative} (generated now)",
                n=context_lines,
                lineterm="",
            )
            found.append(Drift(relative, "changed", tuple(diff)))
    found += [Drift(relative, "extra") for relative in sorted(on_disk - set(regenerated.files))]
    return found


def drift_summary(out_label: str, drifts: Sequence[Drift], *, max_diff_lines: int = 12) -> str:
    """A short, readable account: which files, and the first lines of each diff."""
    lines = [f"{out_label} is out of date: {len(drifts)} file{'s' * (len(drifts) != 1)} differ"]
    for item in drifts:
        lines.append(f"  {item.status:8} {item.path}")
        shown = item.diff[2 : 2 + max_diff_lines]
        lines += [f"      {line}" for line in shown]
        if len(item.diff) > 2 + max_diff_lines:
            lines.append(f"      ... {len(item.diff) - 2 - max_diff_lines} more diff lines")
    return "\n".join(lines)


# -- releases ------------------------------------------------------------------------------


def record_release(regenerated: Regenerated, *, date: datetime.date) -> Release:
    """Make the target's current version the baseline of the next one.

    Refuses a tree with drift (the record must describe what is committed), a version the
    gate rejects, and a version that was already recorded.
    """
    target, previous = regenerated.target, regenerated.release
    if drift(regenerated):
        raise ReleaseError(f"{target.distribution}: {target.out} is out of date; run generate first")
    if previous is not None and previous.version == target.version:
        raise ReleaseError(f"{target.distribution}: version {target.version} is already released ({previous.date})")
    problem = regenerated.version_problem
    if problem:
        raise ReleaseError(problem)
    if previous is None or regenerated.report is None:
        body = first_release_text(target, regenerated.api)
    else:
        body = f"Changes since {previous.version}:\n\n" + regenerated.report.to_markdown(heading_level=3)
    section = released_section(target.version, date.isoformat(), body)
    release = Release(
        distribution=target.distribution,
        version=target.version,
        date=date.isoformat(),
        spec_name=target.spec.name,
        spec_text=target.spec.read_text(encoding="utf-8"),
        surface=regenerated.surface or _api_surface(target),
        changelog=section + ("\n" + previous.changelog if previous is not None else ""),
    )
    write_release(target, release)
    return release


def _api_surface(target: Target) -> dict[str, Any]:
    from generator.release.changes import api_surface

    return api_surface(target.out / "src", target.package)
