"""What the `diff` command compares: one job per target, from the command's arguments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name

from generator.config import ConfigError, Target, load_targets, target_for_spec
from generator.release.changes.baseline import DiffError, check_revision, compare_with_revision, inside, repository_root
from generator.release.changes.compare import compare
from generator.release.changes.report import ChangeReport


@dataclass(frozen=True, slots=True)
class DiffJob:
    """One comparison of the `diff` command: a target's spec against an older version of it."""

    target: Target
    header: str
    old_spec: Path | None = None  # the OLD_SPEC NEW_SPEC form (as given, for the labels)
    new_spec: Path | None = None
    base: str | None = None  # the --base REV form

    def run(self) -> ChangeReport:
        if self.base is not None:
            return compare_with_revision(self.target, self.base)
        assert self.old_spec is not None and self.new_spec is not None
        t = self.target
        return compare(self.old_spec, self.new_spec, package=t.package, client=t.client, target=t)

    def to_text(self, report: ChangeReport) -> str:
        """The Markdown report under its header, ending with the suggested version bump."""
        return f"{self.header}\n\n{report.to_markdown()}\n{report.verdict()}"

    def to_json(self, report: ChangeReport) -> dict[str, Any]:
        return {"target": self.target.distribution, "package": self.target.package, **report.to_json()}


def diff_jobs(
    specs: Sequence[Path], *, base: str | None, config: Path, package: str | None = None, client: str | None = None
) -> list[DiffJob]:
    """What `diff` compares. Raises `DiffError` (usage, revision) or `ConfigError`."""
    if base is None:
        if len(specs) != 2:
            raise DiffError("give OLD_SPEC and NEW_SPEC, or --base REV [SPEC ...]")
        old, new = specs
        targets = load_targets(config) if config.is_file() else []
        target = next((t for t in targets if t.spec == new.resolve()), None)
        target = target or target_for_spec(new, new.parent, package, client)
        return [DiffJob(target, f"{target.distribution}: {old} -> {new}", old_spec=old, new_spec=new)]
    targets = load_targets(config)
    if not targets:
        raise ConfigError(f"{config}: no [[tool.sdk-generator.targets]] to compare")
    chosen = targets
    if specs:
        # Each may be a target's spec file or its distribution name (any spelling pip accepts).
        by_spec = {t.spec: t for t in targets}
        by_name = {canonicalize_name(t.distribution): t for t in targets}

        def find(spec: Path) -> Target | None:
            return by_spec.get(spec.resolve()) or by_name.get(canonicalize_name(str(spec)))

        missing = [str(s) for s in specs if find(s) is None]
        if missing:
            raise DiffError(f"not a target in {config}: {', '.join(missing)}")
        chosen = [t for t in map(find, specs) if t is not None]
    repository = repository_root(config.resolve().parent)
    check_revision(repository, base)
    return [
        DiffJob(t, f"{t.distribution}: {inside(t.spec, repository)} @ {base} -> working tree", base=base)
        for t in chosen
    ]
