"""Versions, release baselines and changelogs of the generated packages.

The one source of a package's version is its target's `version` key in `pyproject.toml`
(`[[tool.sdk-generator.targets]]`); the generator writes it into the package's `pyproject.toml`
and `_version.py`.

A *release record* (`releases/<distribution>.json`, written by `python -m generator release`
and committed) is the baseline later versions are measured against: the released version and
date, the spec it was generated from, the public Python API of the package as released, and the
changelog sections of every release so far. With it:

- the change report (spec diff plus Python API diff) between the last release and the working
  tree becomes the "unreleased" section of `generated/<api>/CHANGELOG.md`;
- the version gate asks for the bump the report calls for (`required_bump`).

Semantic versioning, with the convention Cargo and npm use below 1.0 because a 0.x version
has no minor/patch distinction to spare:

| change since the last release            | from 1.0.0        | below 1.0.0      |
|------------------------------------------|-------------------|------------------|
| breaking (a caller's code may stop working) | major: 2.0.0   | minor: 0.3.0     |
| addition (new operations, params, fields)   | minor: 1.3.0   | patch: 0.2.1     |
| other (docs, spec text, widened types...)   | patch: 1.2.1   | patch: 0.2.1     |
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from generator.config import Target
from generator.ir.model import Api

if TYPE_CHECKING:
    from packaging.version import Version

    from generator.release.changes import ChangeReport

RECORD_FORMAT = 1

Level = Literal["breaking", "addition", "other", "none"]


class ReleaseError(ValueError):
    """A release record that cannot be read or a release that cannot be made."""


@dataclass(frozen=True, slots=True)
class Release:
    """What was released last: the baseline of the next version."""

    distribution: str
    version: str
    date: str
    spec_name: str
    spec_text: str
    surface: dict[str, Any]
    changelog: str

    def to_json(self) -> dict[str, Any]:
        return {
            "format": RECORD_FORMAT,
            "distribution": self.distribution,
            "version": self.version,
            "date": self.date,
            "spec": {"name": self.spec_name, "text": self.spec_text},
            "changelog": self.changelog,
            "python_api": self.surface,
        }

    def write_spec(self, directory: Path) -> Path:
        """The released spec as a file (the loader and the IR builder read files)."""
        path = directory / self.spec_name
        path.write_text(self.spec_text, encoding="utf-8")
        return path


def load_release(target: Target) -> Release | None:
    """The target's release record, or None before its first release."""
    path = target.release_record
    if path is None or not path.exists():
        return None
    # `packaging` only where there is a release to read (its import is a few ms of a generation).
    from packaging.version import InvalidVersion, Version

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != RECORD_FORMAT:
            raise ReleaseError(f"{path}: unknown record format {data.get('format')!r} (expected {RECORD_FORMAT})")
        release = Release(
            distribution=str(data["distribution"]),
            version=str(data["version"]),
            date=str(data["date"]),
            spec_name=str(data["spec"]["name"]),
            spec_text=str(data["spec"]["text"]),
            surface=dict(data["python_api"]),
            changelog=str(data["changelog"]),
        )
        Version(release.version)
    except (OSError, ValueError, KeyError, TypeError, InvalidVersion) as exc:
        if isinstance(exc, ReleaseError):
            raise
        raise ReleaseError(f"{path}: not a readable release record ({type(exc).__name__}: {exc})") from exc
    if release.distribution != target.distribution:
        raise ReleaseError(f"{path}: records {release.distribution!r}, but the target is {target.distribution!r}")
    return release


def write_release(target: Target, release: Release) -> Path:
    if target.release_record is None:
        raise ReleaseError(f"{target.distribution}: no release record path configured")
    path = target.release_record
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(release.to_json(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    temporary = path.with_name(f".{path.name}.new")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
    return path


def released_api(release: Release) -> Api:
    """The IR of the released spec."""
    import tempfile

    from generator.ir.build import build_api

    with tempfile.TemporaryDirectory(prefix="sdk-release-") as temp:
        return build_api(release.write_spec(Path(temp)))


# -- versions ------------------------------------------------------------------------------


def _version(text: str) -> Version:
    """`packaging`'s Version, imported on first use: a generation without a release never needs it."""
    from packaging.version import Version

    return Version(text)


def report_level(report: ChangeReport | None, release: Release | None, spec_text: str) -> Level:
    """The highest change since the release; a changed spec text counts as "other" at least."""
    if release is None or report is None:
        return "none"
    if report.level != "none":
        return report.level
    return "other" if spec_text != release.spec_text else "none"


def required_bump(released: str, level: Level) -> str | None:
    """The smallest version that may follow `released` given the changes.

    None when no new version is needed, and after a pre-release, where any later version will do
    (2.0.0rc1 may be followed by 2.0.0rc2 or 2.0.0 whatever changed).
    """
    base = _version(released)
    if level == "none" or base.is_prerelease or base.is_devrelease:
        return None
    major, minor, micro = (*base.release, 0, 0)[:3]
    if major == 0:
        return f"0.{minor + 1}.0" if level == "breaking" else f"0.{minor}.{micro + 1}"
    if level == "breaking":
        return f"{major + 1}.0.0"
    if level == "addition":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{micro + 1}"


def version_problem(target: Target, release: Release | None, level: Level) -> str | None:
    """Why `target.version` cannot follow the last release, or None when it may."""
    if release is None:
        return None
    current, released = _version(target.version), _version(release.version)
    if current < released:
        return f"{target.distribution}: version {current} is lower than the released {released}"
    if level == "none":
        return None
    needed = required_bump(release.version, level)
    if current > released and (needed is None or current >= _version(needed)):
        return None
    what = {"breaking": "breaking changes", "addition": "additions", "other": "changes"}[level]
    wanted = f"version {needed} or later" if needed else f"a version above {released}"
    hint = f'`version = "{needed}"`' if needed else "a higher `version`"
    return (
        f"{target.distribution}: {what} since the release of {released} need {wanted}, "
        f"but the target's version is {current}; set {hint} for {target.distribution} "
        "in pyproject.toml ([[tool.sdk-generator.targets]]) and regenerate"
    )


# -- changelog -----------------------------------------------------------------------------


def changelog(target: Target, api: Api, release: Release | None, report: ChangeReport | None, level: Level) -> str:
    """`CHANGELOG.md` of a package: the unreleased changes, then every released section."""
    lines = [
        "# Changelog",
        "",
        f"All notable changes to `{target.distribution}`, the Python client for the {api.title}.",
        "Versions follow semantic versioning; below 1.0.0 a breaking change bumps the minor version.",
        "The sections are generated from the API description by `python -m generator`.",
        "",
    ]
    if release is None:
        lines += [f"## {target.version} (unreleased)", "", first_release_text(target, api), ""]
    elif level != "none" and report is not None:
        bumped = _version(target.version) > _version(release.version)
        heading = f"{target.version} (unreleased)" if bumped else "Unreleased"
        lines += [f"## {heading}", "", f"Changes since {release.version}:", ""]
        lines += [report.to_markdown(heading_level=3).strip(), ""]
    text = "\n".join(lines)
    if release is not None:
        text += "\n" + release.changelog.strip() + "\n"
    return text


def first_release_text(target: Target, api: Api) -> str:
    return (
        f"First release: {len(api.operations)} operations and {len(api.models)} models of the {api.title} "
        f"(API version {api.version}), with sync and async clients."
    )


def released_section(version: str, date: str, body: str) -> str:
    return f"## {version} ({date})\n\n{body.strip()}\n"
