"""The report model: `Change`, `ChangeReport`, their JSON and Markdown, and the semver verdict."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from generator.release.changes.rules import LEVELS, RULES, RuleLevel

Severity = Literal["breaking", "addition", "other"]
Level = Literal["breaking", "addition", "other", "none"]
ChangeSource = Literal["spec", "python-api"]

SEVERITIES: tuple[Severity, ...] = ("breaking", "addition", "other")
RANK: dict[str, int] = {severity: rank for rank, severity in enumerate(SEVERITIES)}
_LEVEL_RANK: dict[str, int] = {level: rank for rank, level in enumerate(LEVELS)}
# What `--fail-on` accepts: a rule level, or (as before levels existed) a severity.
FAIL_ON = ("ERR", "WARN", "INFO", "breaking", "addition", "never")


@dataclass(frozen=True, slots=True)
class Change:
    """One change, in the terms of the generated client's user.

    `rule` is the id of its rule in `rules.RULES` (which gives its level); `kind` is the rule's
    coarse kind. `old` and `new` hold the two sides where a value applies (a type, a name, a
    URL). `related` lists other subjects under which the same fact shows (the model field behind
    a body argument, the new name of something renamed): `merge` uses them to recognise a Python
    API change as a restatement of a spec change.
    """

    severity: Severity
    kind: str
    subject: str
    message: str
    source: ChangeSource
    pointer: str | None = None
    old: str | None = None
    new: str | None = None
    related: tuple[str, ...] = ()
    rule: str = ""

    def __post_init__(self) -> None:
        if not self.rule:
            object.__setattr__(self, "rule", self.kind)

    @property
    def level(self) -> RuleLevel:
        """ERR, WARN or INFO: the rule's level (a change without a known rule: from its severity)."""
        known = RULES.get(self.rule)
        if known is not None:
            return known.level
        return "ERR" if self.severity == "breaking" else "INFO"

    def sort_key(self) -> tuple[int, str, str, str, str]:
        return (RANK[self.severity], self.subject, self.kind, self.source, self.message)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "level": self.level,
            "severity": self.severity,
            "kind": self.kind,
            "subject": self.subject,
            "message": self.message,
            "source": self.source,
            "pointer": self.pointer,
            "old": self.old,
            "new": self.new,
            "related": list(self.related),
            "differs_from_oasdiff": self.differs,
        }

    @property
    def differs(self) -> str | None:
        """Why the rule's level differs from oasdiff's for the same change, if it does."""
        known = RULES.get(self.rule)
        return known.differs or None if known is not None else None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Change:
        return cls(
            severity=data["severity"],
            kind=data["kind"],
            subject=data["subject"],
            message=data["message"],
            source=data["source"],
            pointer=data.get("pointer"),
            old=data.get("old"),
            new=data.get("new"),
            related=tuple(data.get("related") or ()),
            rule=data.get("rule") or "",
        )


_SECTIONS: tuple[tuple[str, str], ...] = (
    ("ERR", "Breaking changes"),
    ("WARN", "Possibly breaking changes"),
    ("policy", "Policy violations"),
    ("addition", "Added"),
    ("other", "Changed"),
)
_BUMPS = {
    "breaking": "major (minor below 1.0.0): breaking changes",
    "addition": "minor (patch below 1.0.0): additions only",
    "other": "patch: nothing to fix for callers",
    "none": "none: nothing changed for users of the client",
}


def _section(change: Change) -> str:
    known = RULES.get(change.rule)
    if known is not None and known.policy:
        return "policy"
    return change.level if change.level != "INFO" else change.severity


@dataclass(frozen=True, slots=True)
class ChangeReport:
    """The changes between two versions, de-duplicated and in a fixed order.

    The order (severity, then subject, then kind) is applied on construction, so that equal
    inputs give byte-identical text and JSON whoever builds the report.
    """

    old_label: str
    new_label: str
    changes: tuple[Change, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", tuple(sorted(dict.fromkeys(self.changes), key=Change.sort_key)))

    def _of(self, severity: Severity) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.severity == severity)

    @property
    def breaking(self) -> tuple[Change, ...]:
        return self._of("breaking")

    @property
    def additions(self) -> tuple[Change, ...]:
        return self._of("addition")

    @property
    def others(self) -> tuple[Change, ...]:
        return self._of("other")

    @property
    def level(self) -> Level:
        """The highest severity present: what the next version number must say."""
        return next((s for s in SEVERITIES if self._of(s)), "none")

    @property
    def worst(self) -> RuleLevel | None:
        """The highest rule level present (ERR, WARN, INFO), None for an empty report."""
        return next((level for level in LEVELS if any(c.level == level for c in self.changes)), None)

    @property
    def suggested_bump(self) -> str:
        return _BUMPS[self.level]

    def to_json(self) -> dict[str, Any]:
        return {
            "old": self.old_label,
            "new": self.new_label,
            "level": self.level,
            "bump": self.suggested_bump,
            "counts": {severity: len(self._of(severity)) for severity in SEVERITIES},
            "levels": {level: sum(1 for c in self.changes if c.level == level) for level in LEVELS},
            "changes": [change.to_json() for change in self.changes],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ChangeReport:
        return cls(data["old"], data["new"], tuple(Change.from_json(c) for c in data["changes"]))

    def to_markdown(self, heading_level: int = 3) -> str:
        """CHANGELOG sections by level (breaking, possibly breaking, added, changed), one bullet each."""
        if not self.changes:
            return f"No changes for users of the generated client between {self.old_label} and {self.new_label}.\n"
        hashes = "#" * heading_level
        sections = []
        for key, title in _SECTIONS:
            bullets = [_bullet(c) for c in self.changes if _section(c) == key]
            if bullets:
                sections.append(f"{hashes} {title}\n\n" + "\n".join(bullets) + "\n")
        return "\n".join(sections)

    def verdict(self) -> str:
        """The end of the `diff` report: where levels differ from oasdiff's, and the suggested bump.

        The report judges the generated Python client, so a few rules are stricter (or looser)
        than oasdiff, which judges the HTTP API: each such rule of the report is named with why.
        """
        notes = {c.rule: c.differs for c in self.changes if c.differs}
        lines = [f"- `{rule}`: {why}" for rule, why in sorted(notes.items())]
        differs = "Levels that differ from oasdiff's, and why:\n\n" + "\n".join(lines) + "\n\n" if lines else ""
        return f"{differs}Suggested version bump: {self.suggested_bump}.\n"


def _bullet(change: Change) -> str:
    origin = " _(Python API)_" if change.source == "python-api" else ""
    return f"- `{change.subject}`: {change.message}{origin} [`{change.rule}`]"


def reaches(level: Level | ChangeReport, fail_on: str) -> bool:
    """Whether a report fails a run with `--fail-on fail_on`.

    `fail_on` is a rule level (ERR, WARN, INFO: that level or a higher one is present) or a
    severity (breaking, addition: that severity or a higher one), or `never`.
    """
    if fail_on == "never":
        return False
    if fail_on in _LEVEL_RANK:
        if not isinstance(level, ChangeReport):
            raise TypeError("a rule level needs the report, not its severity")
        worst = level.worst
        return worst is not None and _LEVEL_RANK[worst] <= _LEVEL_RANK[fail_on]
    severity = level.level if isinstance(level, ChangeReport) else level
    return severity != "none" and RANK[severity] <= RANK[fail_on]
