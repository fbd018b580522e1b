"""Comparing two specs and the packages generated from them: the spec diff and the Python API diff, merged."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.config import ConfigError, Target, target_for_spec
from generator.ir.build import build_api
from generator.ir.model import Api
from generator.release.changes.merge import merge
from generator.release.changes.python_api import diff_surfaces
from generator.release.changes.report import Change, ChangeReport
from generator.release.changes.spec import diff_apis
from generator.release.changes.surface import api_surface


def _generate(api: Api, spec: Path, out: Path, package: str, client: str | None, target: Target | None) -> Path:
    """Render the package of `api` with the current generator into `out`; its source folder."""
    from generator.emit.package import package_files  # the templates are only needed when generating
    from generator.emit.writer import write_package

    if target is None:
        chosen = target_for_spec(spec, out, package, client)
    else:
        chosen = dataclasses.replace(target, spec=spec.resolve(), out=out)
        try:
            chosen.credentials_for(api)
        except ConfigError:  # credentials configured for schemes this version of the spec lacks
            chosen = dataclasses.replace(chosen, credentials=())
    # Formatting cannot change the API griffe reads from the syntax tree; skipping it saves two
    # ruff runs per side.
    write_package(package_files(api, chosen), out, format_code=False)
    return out / "src"


def _with_credential_subjects(changes: list[Change], apis: Sequence[tuple[Api, Target]]) -> list[Change]:
    """Auth changes also cover the clients' credential arguments (`Linq(api_key=)`)."""
    auth = {"auth-scheme-added", "auth-scheme-removed", "auth-changed"}
    if not any(c.kind in auth and c.subject == "client" for c in changes):
        return changes
    arguments: set[str] = set()
    for api, target in apis:
        try:
            credentials = target.credentials_for(api)
        except ConfigError:
            continue
        for credential in credentials:
            arguments |= {f"{target.client}({credential.argument}=)", f"{target.async_client}({credential.argument}=)"}
    return [
        dataclasses.replace(c, related=(*c.related, *sorted(arguments)))
        if c.kind in auth and c.subject == "client"
        else c
        for c in changes
    ]


def compare(
    old_spec: Path,
    new_spec: Path,
    *,
    package: str,
    client: str | None = None,
    old_package_src: Path | None = None,
    new_package_src: Path | None = None,
    target: Target | None = None,
    old_surface: dict[str, Any] | None = None,
) -> ChangeReport:
    """The full report between two specs: the spec diff and the Python API diff, merged.

    A side without a package source is generated from its spec with the current generator,
    into a temporary folder, using `target` (credentials, client name) when one is given.
    `old_surface`, when given, is the old package's Python API already read (`api_surface`).
    Raises `SpecError` when a spec cannot be built.
    """
    old_api, new_api = build_api(old_spec), build_api(new_spec)
    spec_changes = diff_apis(old_api, new_api)
    with tempfile.TemporaryDirectory(prefix="sdk-diff-") as temp:
        surfaces = []
        for side, api, spec, src, surface in (
            ("old", old_api, old_spec, old_package_src, old_surface),
            ("new", new_api, new_spec, new_package_src, None),
        ):
            if surface is None:
                src = src if src is not None else _generate(api, spec, Path(temp) / side, package, client, target)
                surface = api_surface(src, package)
            surfaces.append(surface)
        python_changes = diff_surfaces(surfaces[0], surfaces[1])
    chosen = target or target_for_spec(new_spec, new_spec.parent, package, client)
    spec_changes = _with_credential_subjects(spec_changes, ((old_api, chosen), (new_api, chosen)))
    return merge(spec_changes, python_changes, str(old_spec), str(new_spec))
