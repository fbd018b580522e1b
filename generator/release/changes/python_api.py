"""The Python API diff: two surfaces (`api_surface`) compared, with griffe and by entry.

An object removed, a kind changed (class to function, method to property, sync to async), a
parameter removed, renamed, moved, changed kind or made required, a new required parameter, a
removed base class, a type annotation changed -> breaking; a new object or optional parameter
-> addition; a default, value or re-export target changed, a base class added -> other. The
same change on the sync and async classes and on the raw/streaming response views of a
resource is reported once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import griffe

from generator.emit.python_types import MODEL_HELPER_BASES
from generator.release.changes.findings import renamed_pairs
from generator.release.changes.report import Change, Severity
from generator.release.changes.surface import INTERNAL, griffe_tree


@dataclass(frozen=True, slots=True)
class _PythonChange:
    """A change of one Python object (and maybe one parameter), before it gets its subject."""

    severity: Severity
    kind: str
    path: str
    message: str
    side: Literal["old", "new"]
    param: str | None = None
    old: str | None = None
    new: str | None = None
    new_param: str | None = None


def _what(objects: Mapping[str, Any], path: str) -> str:
    """How a user would call the object: method, property, class, re-export..."""
    entry = objects[path]
    labels = set(entry.get("labels", ()))
    kind = entry["kind"]
    in_class = objects.get(path.rpartition(".")[0], {}).get("kind") == "class"
    if "property" in labels:
        return "property"
    if kind == "function":
        prefix = "async " if "async" in labels else ""
        noun = "classmethod" if "classmethod" in labels else "staticmethod" if "staticmethod" in labels else ""
        return prefix + (noun or ("method" if in_class else "function"))
    return {"alias": "re-export", "attribute": "attribute"}.get(kind, str(kind))


def _griffe_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[_PythonChange]:
    """Removals, kind changes and parameter changes, as griffe judges them."""
    old_objects, new_objects = old["objects"], new["objects"]
    kinds = griffe.BreakageKind
    for breakage in griffe.find_breaking_changes(griffe_tree(old), griffe_tree(new)):
        path = breakage.obj.path
        before, after = breakage.old_value, breakage.new_value
        if breakage.kind is kinds.OBJECT_REMOVED:
            # A folder of the tree with no entry of its own stands for the entries below it.
            for removed in [path] if path in old_objects else _topmost_under(old_objects, path):
                message = f"{_what(old_objects, removed)} removed"
                yield _PythonChange("breaking", "python-object-removed", removed, message, "old")
        elif breakage.kind is kinds.OBJECT_CHANGED_KIND:
            message = f"changed from {_what(old_objects, path)} to {_what(new_objects, path)}"
            yield _PythonChange("breaking", "python-kind-changed", path, message, "new")
        elif breakage.kind is kinds.PARAMETER_REMOVED:
            yield _PythonChange("breaking", "python-param-removed", path, "parameter removed", "old", before.name)
        elif breakage.kind is kinds.PARAMETER_ADDED_REQUIRED:
            message = "new required parameter: existing calls must pass it"
            yield _PythonChange("breaking", "python-param-added-required", path, message, "new", after.name)
        elif breakage.kind is kinds.PARAMETER_CHANGED_REQUIRED:
            yield _PythonChange("breaking", "python-param-required", path, "parameter now required", "new", after.name)
        elif breakage.kind is kinds.PARAMETER_MOVED:
            message = f"positional parameter moved ({breakage.details})"
            yield _PythonChange("breaking", "python-param-moved", path, message, "new", after.name)
        elif breakage.kind is kinds.PARAMETER_CHANGED_KIND:
            message = f"parameter changed from {before.kind.value} to {after.kind.value}"
            yield _PythonChange("breaking", "python-param-kind-changed", path, message, "new", after.name)
        elif breakage.kind is kinds.PARAMETER_CHANGED_DEFAULT:
            message = f"default changed from `{before.default}` to `{after.default}`"
            yield _PythonChange(
                "other",
                "python-default-changed",
                path,
                message,
                "new",
                after.name,
                str(before.default),
                str(after.default),
            )
        # Return and attribute types are compared by `_own_changes`: griffe reports few of them.


def _topmost_under(objects: Mapping[str, Any], prefix: str) -> list[str]:
    below = sorted(p for p in objects if p.startswith(prefix + "."))
    return [p for p in below if not any(p.startswith(q + ".") for q in below)]


def _griffe_kind(entry: Mapping[str, Any]) -> str:
    return "attribute" if entry["kind"] in ("alias", "attribute", "type alias") else str(entry["kind"])


def _own_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[_PythonChange]:
    """What griffe does not report: additions, annotations, values, labels and bases."""
    added = set(new) - set(old)
    for path in sorted(added):
        ancestors = {path.rsplit(".", depth)[0] for depth in range(1, path.count(".") + 1)}
        helper = new[path].get("internal") and path.rpartition(".")[2] in MODEL_HELPER_BASES
        if not ancestors & added and not helper:  # (a model helper is no API: see `_bases`)
            yield _PythonChange("addition", "python-object-added", path, f"new {_what(new, path)}", "new")
    for path in sorted(set(old) & set(new)):
        a, b = old[path], new[path]
        if a["kind"] != b["kind"]:
            if _griffe_kind(a) == _griffe_kind(b):
                message = f"changed from {_what(old, path)} to {_what(new, path)}"
                yield _PythonChange("breaking", "python-kind-changed", path, message, "new")
            continue
        if a.get("labels", []) != b.get("labels", []):
            message = f"changed from {_what(old, path)} to {_what(new, path)}"
            yield _PythonChange("breaking", "python-kind-changed", path, message, "new")
        yield from _entry_changes(path, a, b)


def _entry_changes(path: str, a: Mapping[str, Any], b: Mapping[str, Any]) -> Iterator[_PythonChange]:
    kind = a["kind"]
    if kind == "function":
        if a.get("returns") != b.get("returns"):
            before, after = a.get("returns"), b.get("returns")
            message = f"return type changed from `{before}` to `{after}`"
            yield _PythonChange("breaking", "python-type-changed", path, message, "new", None, before, after)
        old_params = {p[0]: p for p in a["params"]}
        for name, _, param_annotation, default in b["params"]:
            previous = old_params.get(name)
            if previous is None and default is not None:
                yield _PythonChange("addition", "python-param-added", path, "new optional parameter", "new", name)
            elif previous is not None and previous[2] != param_annotation:
                yield _annotation_change(path, name, previous[2], param_annotation, argument=True)
    elif kind == "attribute":
        before, after = a.get("annotation"), b.get("annotation")
        if before != after:
            yield _annotation_change(path, None, before, after, argument=False)
        elif a.get("value") != b.get("value"):
            yield _value_change(path, before or "", a.get("value"), b.get("value"))
    elif kind == "type alias" and a.get("value") != b.get("value"):
        message = f"type alias changed from `{a.get('value')}` to `{b.get('value')}`"
        yield _PythonChange(
            "breaking", "python-type-changed", path, message, "new", None, a.get("value"), b.get("value")
        )
    elif kind == "class":
        before_bases = _bases(a)
        after_bases = _bases(b)
        for base in before_bases:
            if base not in after_bases:
                yield _PythonChange("breaking", "python-base-removed", path, f"no longer a subclass of `{base}`", "new")
        for base in after_bases:
            if base not in before_bases:
                yield _PythonChange("other", "python-base-added", path, f"now also a subclass of `{base}`", "new")
    elif kind == "alias" and a.get("target") != b.get("target"):
        message = f"now re-exports `{b.get('target')}` instead of `{a.get('target')}`"
        yield _PythonChange(
            "other", "python-value-changed", path, message, "new", None, a.get("target"), b.get("target")
        )


def _bases(entry: Mapping[str, Any]) -> list[str]:
    """A class's bases by name; the runtime's model helpers read as the `BaseModel` they extend (a
    model gains or loses one with a constant or a required read-only field, which its fields'
    own changes report)."""
    names = [base.rpartition(".")[2] for base in entry.get("bases", ())]
    return list(dict.fromkeys("BaseModel" if name in MODEL_HELPER_BASES else name for name in names))


# `Field(deprecated=...)` inside an annotation: a warning when used, not a different type.
_DEPRECATED = re.compile(r"(?:, )?deprecated=(?:True|'[^']*'|\"[^\"]*\")")
_EMPTY_FIELD = re.compile(r"Annotated\[(.*), Field\(\)\]$")


def _without_deprecation(text: str | None) -> str | None:
    if text is None:
        return None
    stripped = _DEPRECATED.sub("", text).replace("Field(, ", "Field(")
    empty = _EMPTY_FIELD.fullmatch(stripped)
    return empty.group(1) if empty else stripped


def _union_members(text: str) -> list[str]:
    """The members of a top-level `A | B | C` (brackets respected)."""
    members, depth, current = [], 0, ""
    for char in text:
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        if char == "|" and depth == 0:
            members.append(current.strip())
            current = ""
        else:
            current += char
    return [*members, current.strip()]


def _annotation_change(
    path: str, param: str | None, before: str | None, after: str | None, *, argument: bool
) -> _PythonChange:
    """A changed annotation: breaking, unless only its deprecation changed or an argument widened.

    An argument that now also accepts `None` or `NotGiven` (a request field made optional)
    still accepts every value that code passes to it.
    """
    message = f"type changed from `{before}` to `{after}`"
    if _without_deprecation(before) == _without_deprecation(after):
        message = f"deprecation changed: `{before}` -> `{after}`"
        return _PythonChange("other", "python-deprecation-changed", path, message, "new", param, before, after)
    if argument and before is not None and after is not None:
        old_members, new_members = _union_members(before), _union_members(after)
        if set(old_members) < set(new_members):
            message = f"type widened from `{before}` to `{after}`"
            return _PythonChange("other", "python-type-widened", path, message, "new", param, before, after)
    return _PythonChange("breaking", "python-type-changed", path, message, "new", param, before, after)


def _value_change(path: str, annotation_text: str, before: str | None, after: str | None) -> _PythonChange:
    if annotation_text.endswith("TypeAlias"):
        message = f"type alias changed from `{before}` to `{after}`"
        return _PythonChange("breaking", "python-type-changed", path, message, "new", None, before, after)
    if before is not None and after is None:
        message = f"no longer has a default (was `{before}`): it must now be given"
        return _PythonChange("breaking", "python-default-removed", path, message, "new", None, before, after)
    message = f"value changed from `{before}` to `{after}`"
    return _PythonChange("other", "python-value-changed", path, message, "new", None, before, after)


def _pair_renamed_parameters(
    found: list[_PythonChange], old: Mapping[str, Any], new: Mapping[str, Any]
) -> list[_PythonChange]:
    """A parameter removed and one added with the same kind, type and requiredness: one rename."""
    removed = [c for c in found if c.kind == "python-param-removed"]
    added = [c for c in found if c.kind in ("python-param-added", "python-param-added-required")]

    def spec(change: _PythonChange, objects: Mapping[str, Any]) -> tuple[Any, ...]:
        _, kind, param_annotation, default = next(p for p in objects[change.path]["params"] if p[0] == change.param)
        return change.path, kind, param_annotation, default is None

    pairs = renamed_pairs(removed, added, lambda a, b: spec(a, old) == spec(b, new))
    renames = [
        _PythonChange(
            "breaking",
            "python-param-renamed",
            a.path,
            f"parameter renamed from `{a.param}` to `{b.param}`",
            "old",
            a.param,
            a.param,
            b.param,
            new_param=b.param,
        )
        for a, b in pairs
    ]
    paired = {id(c) for pair in pairs for c in pair}
    return [c for c in found if id(c) not in paired] + renames


def _display(objects: Mapping[str, Any], package: str, path: str) -> str:
    """How users spell an object: `Chat.id` for models, `resources.chats.X` for the rest."""
    if path == package or not path.startswith(package + "."):
        return path
    parts = path[len(package) + 1 :].split(".")
    for index in range(len(parts)):
        kind = objects.get(".".join((package, *parts[: index + 1])), {}).get("kind")
        if kind not in (None, "module"):
            module, rest = parts[:index], parts[index:]
            break
    else:
        return path  # a module: its import path
    # Models are spelled by class name, as in the spec, whether `types` is a module or a package.
    if not module or module[0] == "types" or any(p.startswith("_") or p == INTERNAL for p in module):
        return ".".join(rest)
    return ".".join((*module, *rest))


def _python_subject(objects: Mapping[str, Any], package: str, path: str, param: str | None = None) -> str:
    """The subject of a Python object, spelled like a spec change's when they are the same thing."""
    entry = objects.get(path, {})
    target = entry.get("target")
    if entry.get("kind") == "alias" and target in objects:
        return _python_subject(objects, package, target, param)
    owner_path, _, name = path.rpartition(".")
    owner = objects.get(owner_path, {})
    in_class = owner.get("kind") == "class"
    if entry.get("access") not in (None, "client") and entry.get("kind") in ("class", "module"):
        base = str(entry["access"])
    elif in_class and name == "__init__":
        base = _display(objects, package, owner_path)
        return f"{base}({param}=)" if param else f"{base}()"
    elif in_class:
        base = f"{owner.get('access') or _display(objects, package, owner_path)}.{name}"
    else:
        base = _display(objects, package, path)
    if entry.get("kind") == "function" or param:
        return f"{base}({param}=)" if param else f"{base}()"
    return base


def _internal_by_name(objects: Mapping[str, Any], package: str) -> dict[str, Any]:
    """Private base classes keyed by class name, not by module.

    Users reach them only through inheritance: moving one between private modules changes
    nothing for them, so it must not read as a removal and an addition.
    """
    internal = [p for p, entry in objects.items() if entry.get("internal")]
    names = [p.rpartition(".")[2] for p in internal]
    moves = {
        p: f"{package}.{INTERNAL}.{name}" for p, name in zip(internal, names, strict=True) if names.count(name) == 1
    }

    def moved(path: str) -> str:
        owner = next((p for p in moves if path == p or path.startswith(p + ".")), None)
        return path if owner is None else moves[owner] + path[len(owner) :]

    result: dict[str, Any] = {}
    for path, entry in objects.items():
        if "bases" in entry:
            entry = {**entry, "bases": [moved(b) for b in entry["bases"]]}
        result[moved(path)] = entry
    return result


def meaning(subject: str) -> str:
    """Subjects that name the same thing: a method and the attribute holding its wrapper."""
    return subject.removesuffix("()")


def diff_surfaces(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """The changes between two stored or freshly read surfaces (`api_surface`).

    One change per subject and kind: the same change on the sync and async resource classes
    and on their raw/streaming response views is reported once, naming one of them.
    """
    if old.get("format") != new.get("format"):
        raise ValueError(f"surfaces of formats {old.get('format')} and {new.get('format')} cannot be compared")
    package = str(new.get("package") or old.get("package"))
    old = {**old, "objects": _internal_by_name(old["objects"], package)}
    new = {**new, "objects": _internal_by_name(new["objects"], package)}
    old_objects, new_objects = old["objects"], new["objects"]
    found = [*_griffe_changes(old, new), *_own_changes(old_objects, new_objects)]
    found = _pair_renamed_parameters(found, old_objects, new_objects)
    groups: dict[tuple[str, str, str], list[tuple[str, _PythonChange]]] = {}
    for change in found:
        objects = old_objects if change.side == "old" else new_objects
        subject = _python_subject(objects, package, change.path, change.param)
        groups.setdefault((change.kind, change.severity, meaning(subject)), []).append((subject, change))
    changes = []
    for members in groups.values():
        members.sort(key=lambda m: (len(m[1].path), m[1].path))
        subject, primary = members[0]
        where = primary.path.removeprefix(package + ".")
        others = len(members) - 1
        more = f" and {others} related object{'s' * (others != 1)}" if others else ""
        related: tuple[str, ...] = ()
        if primary.new_param is not None:
            related = (_python_subject(new_objects, package, primary.path, primary.new_param),)
        message = f"{primary.message} (`{where}`{more})"
        changes.append(
            Change(
                primary.severity,
                primary.kind,
                subject,
                message,
                "python-api",
                None,
                primary.old,
                primary.new,
                related,
                primary.kind,
            )
        )
    return sorted(changes, key=Change.sort_key)
