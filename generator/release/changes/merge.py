"""One report from two sources: the spec changes, and the Python API changes they do not explain."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from generator.release.changes.python_api import meaning
from generator.release.changes.report import Change, ChangeReport

# Spec changes that cover everything under their subject (an enum's members, a removed method's
# parameters, a renamed model's attributes).
_CONTAINER_KINDS = frozenset(
    {
        "operation-removed",
        "operation-added",
        "operation-renamed",
        "resource-removed",
        "resource-added",
        "model-removed",
        "model-added",
        "model-renamed",
        "enum-value-added",
        "enum-value-removed",
        "type-changed",
    }
)
# Python changes of a type or value, which a change to a model they mention explains.
_MENTIONING_KINDS = frozenset(
    {
        "python-type-changed",
        "python-type-widened",
        "python-deprecation-changed",
        "python-value-changed",
        "python-default-changed",
        "python-default-removed",
    }
)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _compatible(python_kind: str, spec_kind: str) -> bool:
    """Whether a Python change of `python_kind` can be the effect of a spec change of `spec_kind`."""
    if python_kind in ("python-object-removed", "python-param-removed"):
        return "removed" in spec_kind or "renamed" in spec_kind
    if python_kind in ("python-object-added", "python-param-added", "python-param-added-required"):
        return "added" in spec_kind or "renamed" in spec_kind
    if python_kind == "python-param-renamed":
        return "renamed" in spec_kind
    if python_kind == "python-param-required":
        return "required" in spec_kind
    return True


# `MessageContentParam.parts`, the `TypedDict` callers may write for a model, changes with
# `MessageContent.parts` (see generator/emit/request_types.py).
_PARAM_FORM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*?)Param[0-9]*(?=\.|$)")


def _explained(change: Change, covered: Mapping[str, set[str]], containers: set[str], models: set[str]) -> bool:
    subjects = [meaning(s) for s in (change.subject, *change.related)]
    subjects += [_PARAM_FORM.sub(r"\1", s) for s in subjects if _PARAM_FORM.match(s)]
    for subject in subjects:
        if any(_compatible(change.kind, kind) for kind in covered.get(subject, ())):
            return True
        if any(subject.startswith(c + ".") or subject.startswith(c + "(") for c in containers):
            return True
    if change.kind in _MENTIONING_KINDS:
        mentioned = set(_IDENTIFIER.findall(f"{change.old or ''} {change.new or ''}"))
        return bool(mentioned & models)
    return False


def merge(
    spec_changes: Iterable[Change], python_changes: Iterable[Change], old_label: str, new_label: str
) -> ChangeReport:
    """One report: the spec changes, and the Python API changes they do not explain.

    A Python change is explained by a spec change with the same subject (or a related one) and
    a compatible kind, by a structural spec change above it (a removed method covers its
    parameters, an enum's new value covers the new member), or, for a changed annotation or
    value, by a change to a model the annotation mentions.
    """
    spec = list(spec_changes)
    covered: dict[str, set[str]] = {}
    containers: set[str] = set()
    models: set[str] = set()
    for change in spec:
        for subject in (change.subject, *change.related):
            covered.setdefault(meaning(subject), set()).add(change.kind)
            if change.kind in _CONTAINER_KINDS:
                containers.add(meaning(subject))
            if _IDENTIFIER.fullmatch(subject) and subject != "client":
                models.add(subject)
    kept = [c for c in python_changes if not _explained(c, covered, containers, models)]
    return ChangeReport(old_label, new_label, (*spec, *kept))
