"""Parameters, request bodies and responses of an operation."""

from __future__ import annotations

import re
from typing import cast

from generator.document.loader import join_pointer
from generator.ir import naming
from generator.ir.build.base import JSON, dumps, is_json_media
from generator.ir.build.schemas import SchemaBuilder
from generator.ir.model import (
    AnyType,
    Body,
    Header,
    ModelRef,
    Param,
    ParamLocation,
    Response,
)

# Statuses whose responses carry no content (RFC 9110, sections 15.3.5, 15.3.6 and 15.4.5).
NO_CONTENT_STATUSES = frozenset({"204", "205", "304"})


class MessageBuilder(SchemaBuilder):
    """What an operation takes and answers: parameters, request body, responses."""

    def params(
        self, path: str, item: dict[str, JSON], raw_op: dict[str, JSON], pointer: str, uri: str, hint: str
    ) -> tuple[Param, ...]:
        merged: dict[tuple[str, str], tuple[dict[str, JSON], str, str]] = {}
        for source, source_pointer in ((item, pointer.rsplit("/", 1)[0]), (raw_op, pointer)):
            for index, raw in enumerate(source.get("parameters") or []):
                at = join_pointer(source_pointer, "parameters", index)
                param_uri, param_pointer, param = self.deref(raw, uri, at)
                if isinstance(param, dict) and "name" in param and "in" in param:
                    merged[(param["name"], param["in"])] = (param, param_pointer, param_uri)
        taken: set[str] = set()
        params = []
        for (name, location), (param, param_pointer, param_uri) in merged.items():
            if location == "header" and name.lower() in ("accept", "content-type"):
                # OpenAPI: such a parameter "SHALL be ignored"; the media types say what to send.
                self.warn(
                    param_pointer,
                    f"header parameter {name!r} is ignored, as OpenAPI says; the client sends the "
                    "media types the operation documents",
                    "pass another value with extra_headers",
                    uri=param_uri,
                )
                continue
            schema = param.get("schema")
            if schema is None and "content" in param:
                media: dict[str, JSON] = next(iter(param["content"].values()), {})
                schema = media.get("schema", True)
                self.warn(
                    param_pointer,
                    f"parameter {name!r} is serialised as content; it is passed as a JSON value",
                    uri=param_uri,
                )
            schema = True if schema is None else schema
            py_name = naming.argument_name(naming.field_name(name), taken)
            _, _, resolved = self.deref(schema, param_uri, join_pointer(param_pointer, "schema"))
            resolved = resolved if isinstance(resolved, dict) else {}
            params.append(
                Param(
                    name=name,
                    py_name=py_name,
                    location=cast(ParamLocation, location),
                    required=bool(param.get("required")) or location == "path",
                    type=self.type_of(
                        schema,
                        join_pointer(param_pointer, "schema"),
                        param_uri,
                        hint + naming.class_name(name) + "Param",
                    ),
                    schema_json=dumps(self.rewrite_refs(schema, param_uri)),
                    description=param.get("description"),
                    deprecated=bool(param.get("deprecated")),
                    default=resolved.get("default"),
                    has_default="default" in resolved,
                    style=param.get("style"),
                    explode=param.get("explode"),
                )
            )
        # Path parameters first, in the order they appear in the path; then the rest as written.
        order = {name: index for index, name in enumerate(re.findall(r"{([^}]+)}", path))}
        return tuple(sorted(params, key=lambda p: (p.location != "path", order.get(p.name, 0))))

    def body(self, raw: JSON, pointer: str, uri: str, hint: str) -> Body | None:
        if raw is None:
            return None
        body_uri, body_pointer, body = self.deref(raw, uri, pointer)
        content = body.get("content") or {}
        if not content:
            return None
        content_type = next((ct for ct in content if is_json_media(ct)), next(iter(content)))
        media = content[content_type] or {}
        schema = media.get("schema", True)
        schema_pointer = join_pointer(body_pointer, "content", content_type, "schema")
        if not is_json_media(content_type):
            self.warn(
                body_pointer,
                f"request body {content_type!r} is passed through untyped",
                "send bytes, a file or a mapping",
                uri=body_uri,
            )
            return Body(
                content_type=content_type,
                required=bool(body.get("required")),
                type=AnyType(),
                schema_json=dumps(self.rewrite_refs(schema, body_uri)),
                description=body.get("description"),
            )
        type_ = self.type_of(schema, schema_pointer, body_uri, hint + "Params")
        model = self.models.get(type_.name) if isinstance(type_, ModelRef) else None
        fields = model.fields if model is not None and model.kind == "object" else ()
        return Body(
            content_type=content_type,
            required=bool(body.get("required")),
            type=type_,
            schema_json=dumps(self.rewrite_refs(schema, body_uri)),
            fields=fields,
            model=model.name if model is not None else None,
            description=body.get("description"),
        )

    def responses(self, raw: dict[str, JSON], pointer: str, uri: str, hint: str) -> tuple[Response, ...]:
        responses = []
        for status, raw_response in raw.items():
            if str(status).startswith("x-"):  # a specification extension of the Responses Object
                continue
            at = join_pointer(pointer, status)
            response_uri, response_pointer, response = self.deref(raw_response, uri, at)
            if not isinstance(response, dict):
                continue
            content = response.get("content") or {}
            if content and str(status) in NO_CONTENT_STATUSES:
                # HTTP forbids content here: no server can send what the spec describes, so a
                # client that waited for it would fail on every answer.
                self.warn(
                    join_pointer(response_pointer, "content"),
                    f"a {status} response carries no content (RFC 9110); the content documented here is ignored",
                    "remove it, or document the body under a status that has one (200)",
                    uri=response_uri,
                )
                content = {}
            content_type = next((ct for ct in content if is_json_media(ct)), next(iter(content), None))
            media = (content.get(content_type) if content_type else None) or {}
            schema = media.get("schema") if content_type else None
            type_ = None
            if schema is not None:
                suffix = "Response" if str(status).startswith("2") else f"Error{status}"
                type_ = self.type_of(
                    schema,
                    join_pointer(response_pointer, "content", content_type or "", "schema"),
                    response_uri,
                    hint + suffix,
                )
            headers = []
            for header_name, raw_header in (response.get("headers") or {}).items():
                header_uri, header_pointer, header = self.deref(
                    raw_header, response_uri, join_pointer(response_pointer, "headers", header_name)
                )
                headers.append(
                    Header(
                        name=header_name,
                        required=bool(header.get("required")),
                        type=self.type_of(
                            header.get("schema", True),
                            join_pointer(header_pointer, "schema"),
                            header_uri,
                            hint + naming.class_name(header_name),
                        ),
                        description=header.get("description"),
                    )
                )
            examples = tuple(
                (name, self.deref(example, response_uri, response_pointer)[2].get("value"))
                for name, example in (media.get("examples") or {}).items()
                if isinstance(self.deref(example, response_uri, response_pointer)[2], dict)
            )
            has_example = "example" in media or (isinstance(schema, dict) and "example" in schema)
            example = media.get("example", schema.get("example") if isinstance(schema, dict) else None)
            responses.append(
                Response(
                    status=str(status),
                    description=response.get("description"),
                    content_type=content_type,
                    type=type_,
                    schema_json=dumps(self.rewrite_refs(schema, response_uri)) if schema is not None else None,
                    headers=tuple(headers),
                    example=example,
                    has_example=has_example,
                    examples=examples,
                    media_types=tuple(content),
                )
            )
        return tuple(responses)
