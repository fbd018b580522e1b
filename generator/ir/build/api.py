"""The builder's entry point: `build_api(spec)` gives the IR of a whole spec."""

from __future__ import annotations

from pathlib import Path

from generator.document.loader import LoadedSpec, join_pointer, load_spec
from generator.emit.python_types import RESERVED_CLASS_NAMES
from generator.errors import SpecError
from generator.ir import naming
from generator.ir.build.operations import OperationBuilder
from generator.ir.model import (
    Api,
    Operation,
    Resource,
    SecurityScheme,
)


def build_api(spec: LoadedSpec | str | Path) -> Api:
    """The IR of a spec. Raises `SpecError` listing every problem when the spec cannot be used."""
    from generator.gc_pause import collector_paused

    with collector_paused():
        loaded = spec if isinstance(spec, LoadedSpec) else load_spec(spec)
        return Builder(loaded).build()


class Builder(OperationBuilder):
    """The whole API: models, operations, security schemes and the resource tree."""

    def build(self) -> Api:
        data = self.loaded.data
        root_uri = self.loaded.root.uri
        schemas = (data.get("components") or {}).get("schemas") or {}
        for name in schemas:
            self.model_for((root_uri, join_pointer("/components/schemas", name)), name)
        operations = self.operations()
        security_schemes = self.security_schemes()
        root = self.resource_tree(operations)
        if self.problems:
            raise SpecError(self.problems)
        info = data.get("info") or {}
        servers = tuple(s["url"] for s in data.get("servers") or [] if isinstance(s, dict) and "url" in s)
        return Api(
            title=str(info.get("title", "")),
            version=str(info.get("version", "")),
            description=info.get("description"),
            openapi_version=str(data.get("openapi")),
            source=str(self.loaded.path),
            servers=servers,
            security_schemes=security_schemes,
            models=tuple(self.models[name] for name in self.model_order),
            operations=operations,
            root=root,
            warnings=tuple(self.warnings),
        )

    def security_schemes(self) -> tuple[SecurityScheme, ...]:
        schemes = (self.loaded.data.get("components") or {}).get("securitySchemes") or {}
        result = []
        for name, raw in schemes.items():
            _, _, scheme = self.loaded.deref(raw)
            result.append(
                SecurityScheme(
                    name=name,
                    kind=scheme.get("type"),
                    location=scheme.get("in"),
                    param_name=scheme.get("name"),
                    scheme=(scheme.get("scheme") or "").lower() or None,
                    description=scheme.get("description"),
                )
            )
        return tuple(result)

    # --- method tree --------------------------------------------------------------------------

    def resource_class_name(self, path: tuple[str, ...], taken: set[str]) -> str:
        """`ChatsParticipants`; `PetsResource` when a model (or a runtime class the resource
        modules import) is already called `Pets` or `AsyncPets`; `ChatsParticipants2` when
        another resource path reads the same."""
        if not path:
            return ""
        base = naming.class_name("_".join(path))
        name, counter = base, 1
        while name in taken or f"Async{name}" in taken:
            counter += 1
            name = f"{base}Resource" if counter == 2 else f"{base}Resource{counter - 1}"
        taken.update({name, f"Async{name}"})
        return name

    def resource_tree(self, operations: tuple[Operation, ...]) -> Resource:
        class_names: set[str] = {*self.models, *RESERVED_CLASS_NAMES, "TopLevel"}
        # Each resource's operations and child resources, in the order of the operations (one
        # pass: a spec can have thousands of operations and hundreds of resources).
        own_operations: dict[tuple[str, ...], list[Operation]] = {}
        child_names: dict[tuple[str, ...], dict[str, None]] = {}  # an ordered set per resource
        for op in operations:
            own_operations.setdefault(op.sdk_path[:-1], []).append(op)
            for depth in range(len(op.sdk_path) - 1):
                child_names.setdefault(op.sdk_path[:depth], {}).setdefault(op.sdk_path[depth], None)

        return self.resource_at((), own_operations, child_names, class_names)

    def resource_at(
        self,
        path: tuple[str, ...],
        own_operations: dict[tuple[str, ...], list[Operation]],
        child_names: dict[tuple[str, ...], dict[str, None]],
        class_names: set[str],
    ) -> Resource:
        """The resource at `path`, with its subtree. (A method: a nested function that calls itself
        is a reference cycle, which would keep the builder, and the whole spec with it, in memory
        until the garbage collector found it.)"""
        children = tuple(
            self.resource_at((*path, name), own_operations, child_names, class_names)
            for name in child_names.get(path, {})
        )
        return Resource(
            name=path[-1] if path else "",
            class_name=self.resource_class_name(path, class_names),
            path=path,
            operations=tuple(own_operations.get(path, ())),
            resources=children,
        )
