"""Operations of the spec's paths, placed in the client's method tree."""

from __future__ import annotations

import dataclasses

from generator.document.loader import join_pointer
from generator.ir import naming
from generator.ir.build.base import JSON
from generator.ir.build.messages import MessageBuilder
from generator.ir.model import (
    Body,
    Link,
    ModelRef,
    Operation,
    Pagination,
    Param,
    Response,
    StringType,
)
from generator.ir.pagination import PaginationError, detect_pagination

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
IDEMPOTENCY_FIELD = "idempotency_key"


class OperationBuilder(MessageBuilder):
    """Operations: their place in the method tree, pagination, idempotency keys and links."""

    def operations(self) -> tuple[Operation, ...]:
        data = self.loaded.data
        root_uri = self.loaded.root.uri
        global_security = data.get("security")
        operations: list[Operation] = []
        names = naming.MethodTreeNames()
        seen_methods: dict[tuple[str, ...], str] = {}  # Python path of a method -> where it is defined
        seen_ids: dict[str, str] = {}
        for path, raw_item in (data.get("paths") or {}).items():
            item_pointer = join_pointer("/paths", path)
            item_uri, item_pointer, item = self.deref(raw_item, root_uri, item_pointer)
            if not isinstance(item, dict):
                continue
            for method in HTTP_METHODS:
                raw_op = item.get(method)
                if not isinstance(raw_op, dict):
                    continue
                op_pointer = join_pointer(item_pointer, method)
                operation = self.operation(path, method, raw_op, item, op_pointer, item_uri, global_security)
                if operation.id in seen_ids:
                    self.error(
                        join_pointer(op_pointer, "operationId"),
                        f"operationId {operation.id!r} is also used by {seen_ids[operation.id]}",
                        uri=item_uri,
                    )
                seen_ids[operation.id] = f"{method.upper()} {path}"
                parent = names.resource_path(operation.sdk_path[:-1])
                name, clash = names.method(parent, operation.sdk_path[-1])
                if clash:
                    wanted = naming.method_name(operation.sdk_path[-1])
                    other = seen_methods.get((*parent, wanted), "the client itself")
                    if "x-sdk-method" in raw_op:
                        self.error(
                            join_pointer(op_pointer, "x-sdk-method"),
                            f"x-sdk-method {'.'.join(operation.sdk_path)!r} is also used by {other}",
                            uri=item_uri,
                        )
                        continue
                    # A derived name that clashes is made unique rather than rejected.
                    self.warn(
                        op_pointer,
                        f"method name {wanted!r} is taken in this resource (by {other}); this operation is named {name!r}",
                        uri=item_uri,
                    )
                operation = dataclasses.replace(operation, sdk_path=(*parent, name), name=name)
                seen_methods[operation.sdk_path] = f"{method.upper()} {path}"
                operations.append(operation)
        return tuple(operations)

    def sdk_path(self, raw_op: dict[str, JSON], method: str, path: str, pointer: str, uri: str) -> tuple[str, ...]:
        explicit = raw_op.get("x-sdk-method")
        if explicit is not None:
            segments = tuple(explicit.split(".")) if isinstance(explicit, str) else ()
            if not segments or not all(segments):
                self.error(
                    join_pointer(pointer, "x-sdk-method"),
                    "x-sdk-method must be a dotted path such as 'chats.participants.add'",
                    uri=uri,
                )
                return ("call",)
            return segments
        method_segment = raw_op.get("operationId") or naming.operation_fallback_name(method, path)
        tags = raw_op.get("tags") or []
        return (str(tags[0]), method_segment) if tags else (method_segment,)

    def operation(
        self,
        path: str,
        method: str,
        raw_op: dict[str, JSON],
        item: dict[str, JSON],
        pointer: str,
        uri: str,
        global_security: JSON,
    ) -> Operation:
        sdk_path = self.sdk_path(raw_op, method, path, pointer, uri)
        operation_id = raw_op.get("operationId") or naming.operation_fallback_name(method, path)
        hint = naming.class_name("_".join(sdk_path))
        params = self.params(path, item, raw_op, pointer, uri, hint)
        body = self.body(raw_op.get("requestBody"), join_pointer(pointer, "requestBody"), uri, hint)
        if body is not None and body.fields:
            taken = {p.py_name for p in params}
            names = tuple(naming.argument_name(f.py_name, taken) for f in body.fields)
            body = dataclasses.replace(body, argument_names=names)
        responses = self.responses(raw_op.get("responses") or {}, join_pointer(pointer, "responses"), uri, hint)
        security_raw = raw_op.get("security", global_security) or []
        security = tuple(tuple(requirement) for requirement in security_raw if isinstance(requirement, dict))
        pagination = self.pagination(method, raw_op, params, responses, pointer, uri)
        links = tuple(
            Link(
                name=name,
                status=response_status,
                operation_id=link.get("operationId", ""),
                parameters=tuple((link.get("parameters") or {}).items()),
            )
            for response_status, raw_response in (raw_op.get("responses") or {}).items()
            if not str(response_status).startswith("x-")  # extensions, not responses
            for name, link in (_mapping(self.deref(raw_response, uri, pointer)[2]).get("links") or {}).items()
            if isinstance(link, dict)
        )
        return Operation(
            id=str(operation_id),
            method=method.upper(),
            path=path,
            sdk_path=sdk_path,
            name=naming.method_name(sdk_path[-1]),
            summary=raw_op.get("summary"),
            description=raw_op.get("description"),
            deprecated=bool(raw_op.get("deprecated")),
            params=params,
            body=body,
            responses=responses,
            pagination=pagination,
            security=security,
            idempotency_key_path=self.idempotency_path(body),
            links=links,
            location=self.loaded.locate_later(pointer, uri),
        )

    def pagination(
        self,
        method: str,
        raw_op: dict[str, JSON],
        params: tuple[Param, ...],
        responses: tuple[Response, ...],
        pointer: str,
        uri: str,
    ) -> Pagination | None:
        if method != "get":
            return None
        success = next((r for r in responses if r.is_success), None)
        model = self.models.get(success.type.name) if success and isinstance(success.type, ModelRef) else None
        try:
            return detect_pagination(params, model, self.models, raw_op.get("x-pagination"))
        except PaginationError as exc:
            self.error(join_pointer(pointer, "x-pagination"), str(exc), uri=uri)
            return None

    def idempotency_path(self, body: Body | None) -> tuple[str, ...]:
        """Where the body carries an idempotency key: top level or one object down."""
        if body is None:
            return ()
        for f in body.fields:
            if f.name == IDEMPOTENCY_FIELD and isinstance(f.type, StringType):
                return (f.name,)
        for f in body.fields:
            nested = self.models.get(f.type.name) if isinstance(f.type, ModelRef) else None
            inner = nested.field_named(IDEMPOTENCY_FIELD) if nested else None
            if inner is not None and isinstance(inner.type, StringType):
                return (f.name, inner.name)
        return ()


def _mapping(node: JSON) -> dict[str, JSON]:
    """`node` when it is a JSON object, else an empty one (a response that is not an object has no links)."""
    return node if isinstance(node, dict) else {}
