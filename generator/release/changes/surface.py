"""The public Python API of a generated package (read with griffe) as compact, storable data.

A release record keeps this surface as the baseline of the next version; `python_api.py`
compares two of them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, cast

import griffe

SURFACE_FORMAT = 1
# Dunder members that are part of how a class is used; every other `_name` is private.
_SPECIAL_PUBLIC = frozenset({"__init__", "__call__"})
# griffe labels that change how a member is used (called, awaited, read as an attribute).
_KEPT_LABELS = frozenset({"property", "cached", "classmethod", "staticmethod", "async", "abstractmethod", "writable"})
# Properties of a resource that return the same methods in another response mode: a change seen
# through them is the same change as on the resource.
RESPONSE_VIEWS = frozenset({"with_raw_response", "with_streaming_response"})
# Where `diff_surfaces` files private base classes, whatever private module defines them.
INTERNAL = "<internal>"


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _private_segment(path: str) -> bool:
    return any(part.startswith("_") and part not in _SPECIAL_PUBLIC for part in path.split("."))


class _Extractor:
    """Collects a package's public objects (griffe objects -> compact entries) by public path.

    Re-exports whose target is private (`linq_client.Linq` -> `linq_client._client.Linq`) are
    recorded in place of the target; private classes that public ones inherit from are recorded
    at their own path, flagged `internal`, because their public members are reachable.
    """

    def __init__(self, package: str, collection: griffe.ModulesCollection) -> None:
        self.package = package
        self.collection = collection
        self.objects: dict[str, dict[str, Any]] = {}
        self.classes: dict[str, griffe.Class] = {}
        self.public_of: dict[str, str] = {}  # canonical path -> path in the surface

    def walk(self, obj: griffe.Object, path: str) -> None:
        self.objects[path] = _describe(obj)
        self.public_of.setdefault(obj.path, path)
        if isinstance(obj, griffe.Class):
            self.classes[path] = obj
        if not isinstance(obj, griffe.Module | griffe.Class):
            return
        exports = {str(e) for e in (obj.exports or ())} if isinstance(obj, griffe.Module) else set()
        # `types/` (a module per model) is described by what it re-exports: its modules are where
        # the models live, not a second path to them, so a model is `types.Chat` wherever it is.
        flat = isinstance(obj, griffe.Module) and obj.path == f"{self.package}.types"
        for name, member in sorted(obj.members.items()):
            if name not in exports and name not in _SPECIAL_PUBLIC and name.startswith("_"):
                continue
            if isinstance(member, griffe.Alias):
                if name in exports:
                    self.re_export(member, f"{path}.{name}", inline=flat)
            elif not (flat and isinstance(member, griffe.Module)):
                self.walk(member, f"{path}.{name}")

    def re_export(self, alias: griffe.Alias, path: str, *, inline: bool = False) -> None:
        try:
            target = alias.final_target
        except (griffe.AliasResolutionError, griffe.CyclicAliasError):
            self.objects[path] = {"kind": "alias", "target": alias.target_path}
            return
        inside = target.path.startswith(self.package + ".")
        if inside and (inline or _private_segment(target.path) or not target.is_public):
            self.walk(target, path)
        else:
            self.objects[path] = {"kind": "alias", "target": target.path}

    def add_internal_bases(self) -> None:
        """Record the private in-package classes public classes derive from, then link bases."""
        pending = [b for entry in self.objects.values() for b in entry.get("bases", ())]
        while pending:
            base = pending.pop()
            if base in self.public_of or not base.startswith(self.package + "."):
                continue
            try:
                found = self.collection.get_member(base)
            except (KeyError, ValueError, griffe.AliasResolutionError):
                continue
            if isinstance(found, griffe.Class):
                self.walk(found, base)
                self.objects[base]["internal"] = True
                pending.extend(self.objects[base]["bases"])
        for entry in self.objects.values():
            if "bases" in entry:
                entry["bases"] = [self.public_of.get(b, b) for b in entry["bases"]]

    def property_links(self, cls: griffe.Class) -> Iterator[tuple[str, str]]:
        """(property name, canonical path of the class it returns) for a class's properties."""
        for name, member in sorted(cls.members.items()):
            if name.startswith("_") or isinstance(member, griffe.Alias) or "property" not in member.labels:
                continue
            returned = member.annotation if isinstance(member, griffe.Attribute) else None
            if isinstance(member, griffe.Function):
                returned = member.returns
            canonical = getattr(returned, "canonical_path", None)
            if isinstance(canonical, str):
                yield name, canonical

    def assign_access(self) -> None:
        """Spell each resource class as the client expression reaching it: `client.chats`.

        Clients are the classes exported at the package root that lead into `resources`. The
        sync and async clients, and the response views, reach the same expressions.
        """
        resources = f"{self.package}.resources."
        surface_path = {cls.path: path for path, cls in self.classes.items()}
        access: dict[str, str] = {}
        for path, cls in sorted(self.classes.items()):
            if path.count(".") != 1:
                continue
            leads = [target for _, target in self.property_links(cls)] + [
                _text(getattr(b, "canonical_path", b)) or "" for b in cls.bases
            ]
            if any(target.startswith(resources) for target in leads):
                access[path] = "client"
        queue = sorted(access)
        while queue:
            path = queue.pop(0)
            for name, target in self.property_links(self.classes[path]):
                target_path = surface_path.get(target)
                if target_path is None or target_path in access:
                    continue
                access[target_path] = access[path] if name in RESPONSE_VIEWS else f"{access[path]}.{name}"
                queue.append(target_path)
        inherited: dict[str, set[str]] = {}
        for path, value in access.items():
            for base in self.internal_ancestors(path):
                inherited.setdefault(base, set()).add(value)
        for base, values in inherited.items():
            if len(values) == 1 and base not in access:
                access[base] = next(iter(values))
        for path, value in access.items():
            self.objects[path]["access"] = value
        for path, entry in self.objects.items():
            if entry["kind"] != "module":
                continue
            defined = [e for p, e in self.objects.items() if p.rpartition(".")[0] == path and e["kind"] == "class"]
            if defined and all("access" in e for e in defined):
                entry["access"] = _common_prefix([e["access"] for e in defined])

    def internal_ancestors(self, path: str) -> set[str]:
        found: set[str] = set()
        stack = list(self.objects[path].get("bases", ()))
        while stack:
            base = stack.pop()
            entry = self.objects.get(base)
            if entry is None or not entry.get("internal") or base in found:
                continue
            found.add(base)
            stack.extend(entry.get("bases", ()))
        return found


def _common_prefix(dotted: list[str]) -> str:
    parts = [d.split(".") for d in dotted]
    common = []
    for segments in zip(*parts, strict=False):
        if len(set(segments)) != 1:
            break
        common.append(segments[0])
    return ".".join(common)


def _describe(obj: griffe.Object) -> dict[str, Any]:
    """The compact entry of one object: what a caller depends on, nothing else."""
    if isinstance(obj, griffe.Module):
        return {"kind": "module"}
    if isinstance(obj, griffe.Class):
        return {"kind": "class", "bases": [_text(getattr(b, "canonical_path", b)) or "" for b in obj.bases]}
    labels = sorted(obj.labels & _KEPT_LABELS)
    entry: dict[str, Any]
    if isinstance(obj, griffe.Function):
        entry = {
            "kind": "function",
            "params": [
                [
                    p.name,
                    (p.kind or griffe.ParameterKind.positional_or_keyword).value,
                    _text(p.annotation),
                    _text(p.default),
                ]
                for p in obj.parameters
            ],
        }
        if obj.returns is not None:
            entry["returns"] = _text(obj.returns)
    elif isinstance(obj, griffe.Attribute):
        entry = {"kind": "attribute"}
        if obj.annotation is not None:
            entry["annotation"] = _text(obj.annotation)
        # The value of an instance attribute is whatever `__init__` assigns: not API. Nor is
        # `__version__`, which changes with every release by design.
        if obj.value is not None and "instance-attribute" not in obj.labels and obj.name != "__version__":
            entry["value"] = _text(obj.value)
    elif isinstance(obj, griffe.TypeAlias):
        entry = {"kind": "type alias", "value": _text(obj.value)}
    else:
        entry = {"kind": obj.kind.value}
    if labels:
        entry["labels"] = labels
    return entry


def api_surface(src_dir: Path, package: str) -> dict[str, Any]:
    """The public Python API of a generated package, as compact JSON-serialisable data.

    `objects` maps each public path (`linq_client.types.Chat.id`) to its kind, parameters
    (name, kind, annotation, default), return annotation, bases and attribute annotation;
    docstrings, line numbers and private members are left out, so that the result can be
    committed as a release baseline and compared with `diff_surfaces` later.

    Why not griffe's own JSON (`Object.as_json`, `griffe.json_decoder`): its public re-exports
    are aliases into private modules (`linq_client.Linq` -> `linq_client._client.Linq`), which
    cannot be resolved once those modules are stripped, so a public-only dump decodes but cannot
    be compared; it is also larger (about 230 KB for linq_client without docstrings, against
    about 95 KB here). This format is loaded back into griffe objects by `griffe_tree` instead.
    """
    loader = griffe.GriffeLoader(
        search_paths=[str(src_dir)], docstring_parser=None, allow_inspection=False, store_source=False
    )
    root = loader.load(package, try_relative_path=False)
    loader.resolve_aliases(external=False, implicit=False)
    extractor = _Extractor(package, loader.modules_collection)
    extractor.walk(cast(griffe.Object, root), package)
    extractor.add_internal_bases()
    extractor.assign_access()
    objects = extractor.objects
    return {"format": SURFACE_FORMAT, "package": package, "objects": {p: objects[p] for p in sorted(objects)}}


def griffe_tree(surface: Mapping[str, Any]) -> griffe.Module:
    """griffe objects rebuilt from a stored surface, for `griffe.find_breaking_changes`.

    Classes get no bases (inherited members are compared where they are defined) and re-exports
    become attributes holding their target, so no alias resolution is needed.
    """
    package: str = surface["package"]
    objects: Mapping[str, Any] = surface["objects"]
    root = griffe.Module(package)
    root.public = True
    nodes: dict[str, griffe.Object] = {package: root}

    def parent_of(path: str) -> griffe.Object:
        if path not in nodes:
            owner_path, _, name = path.rpartition(".")
            module = griffe.Module(name)
            module.public = True
            parent_of(owner_path).set_member(name, module)
            nodes[path] = module
        return nodes[path]

    for path in sorted(objects, key=lambda p: (p.count("."), p)):
        if path == package:
            continue
        owner_path, _, name = path.rpartition(".")
        node = griffe_node(name, objects[path])
        node.public = True
        parent_of(owner_path).set_member(name, node)
        nodes[path] = node
    return root


def griffe_node(name: str, entry: Mapping[str, Any]) -> griffe.Object:
    kind = entry["kind"]
    if kind == "module":
        return griffe.Module(name)
    if kind == "class":
        return griffe.Class(name)
    if kind == "function":
        parameters = griffe.Parameters(
            *(
                griffe.Parameter(p_name, kind=griffe.ParameterKind(p_kind), annotation=p_annotation, default=p_default)
                for p_name, p_kind, p_annotation, p_default in entry["params"]
            )
        )
        return griffe.Function(name, parameters=parameters, returns=entry.get("returns"))
    return griffe.Attribute(name, value=entry.get("value", entry.get("target")), annotation=entry.get("annotation"))
