"""The baseline in git: a target's spec and committed package at a revision, against the working tree."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

from generator.config import Target
from generator.release.changes.compare import compare
from generator.release.changes.report import ChangeReport
from generator.release.changes.surface import SURFACE_FORMAT, api_surface


class DiffError(Exception):
    """A comparison that cannot start: unknown revision, file missing at it, bad arguments."""


def _git(repository: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(repository), *args], capture_output=True, check=False)


def repository_root(path: Path) -> Path:
    result = _git(path, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        raise DiffError(f"{path} is not inside a git repository")
    return Path(result.stdout.decode().strip()).resolve()


def check_revision(repository: Path, revision: str) -> None:
    if _git(repository, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode != 0:
        raise DiffError(f"unknown revision {revision!r}")


def inside(path: Path, repository: Path) -> PurePosixPath:
    try:
        return PurePosixPath(path.resolve().relative_to(repository).as_posix())
    except ValueError:
        raise DiffError(f"{path} is not inside the repository {repository}") from None


def _extract(
    repository: Path, revision: str, relative: PurePosixPath, destination: Path, needed: PurePosixPath | None = None
) -> None:
    """Write the folder `relative` as of `revision` under `destination` (for `needed` in it)."""
    result = _git(repository, "archive", "--format=tar", revision, "--", relative.as_posix())
    if result.returncode != 0:
        raise DiffError(f"{needed or relative} does not exist at {revision}")
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        if hasattr(tarfile, "data_filter"):
            archive.extractall(destination, filter="data")
        else:  # Python 3.11.0 to 3.11.3 have no extraction filters: files and folders inside only
            root = destination.resolve()
            members = [
                member
                for member in archive.getmembers()
                if (member.isfile() or member.isdir()) and (root / member.name).resolve().is_relative_to(root)
            ]
            archive.extractall(destination, members=members)


def _surface_cache(repository: Path, revision: str, src: PurePosixPath, package: str) -> Path | None:
    """Where the Python API of the package committed at `revision` is kept once read.

    A committed tree never changes, so its surface is keyed by the tree's object id and kept in
    the repository's git folder (`.git/sdk-diff-cache/`): reading a package with griffe is the
    larger part of a `diff --base`.
    """
    tree = _git(repository, "rev-parse", "--verify", "--quiet", f"{revision}:{src.as_posix()}")
    folder = _git(repository, "rev-parse", "--git-path", "sdk-diff-cache")
    if tree.returncode != 0 or folder.returncode != 0:
        return None
    name = f"{tree.stdout.decode().strip()}-{package}-{SURFACE_FORMAT}.json"
    return (repository / folder.stdout.decode().strip() / name).resolve()


def _read_surface(cache: Path | None) -> dict[str, Any] | None:
    if cache is None or not cache.is_file():
        return None
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == SURFACE_FORMAT else None


def _write_surface(cache: Path | None, surface: dict[str, Any]) -> None:
    if cache is None:
        return
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(surface), encoding="utf-8")
        partial.replace(cache)
    except OSError:
        pass  # a cache that cannot be written only costs time


def compare_with_revision(target: Target, revision: str) -> ChangeReport:
    """The target's spec at `revision` (with the package committed then) against the working tree.

    The old package is the committed one, so changes made by the generator since are caught;
    the new one is generated from the working-tree spec. The spec's whole folder is extracted,
    so that relative `$ref`s keep working.
    """
    repository = repository_root(target.spec.parent)
    check_revision(repository, revision)
    spec = inside(target.spec, repository)
    src = inside(target.out / "src", repository)
    with tempfile.TemporaryDirectory(prefix="sdk-diff-base-") as temp:
        old_root = Path(temp)
        _extract(repository, revision, spec.parent, old_root, needed=spec)
        if not (old_root / spec).is_file():
            raise DiffError(f"{spec} does not exist at {revision}")
        cache = _surface_cache(repository, revision, src, target.package)
        old_surface = _read_surface(cache)
        if old_surface is None:
            _extract(repository, revision, src, old_root)
            old_surface = api_surface(old_root / src, target.package)
            _write_surface(cache, old_surface)
        report = compare(
            old_root / spec,
            target.spec,
            package=target.package,
            client=target.client,
            target=target,
            old_surface=old_surface,
        )
    return dataclasses.replace(report, old_label=f"{spec} @ {revision}", new_label="working tree")
