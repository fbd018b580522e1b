"""Render a complete client package from the IR and the templates in `templates/`.

`package_files(api, target)` returns every file of the package (relative path -> text), in
ruff's format (see `generator.emit.layout`); the writer swaps them into place. Python spellings of types come from
`python_types`, models from `emit_models`; this module prepares the per-method data the
client and resource templates loop over.
"""

from __future__ import annotations

import collections
import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, assert_never

from generator.config import Credential, Target
from generator.emit import layout
from generator.emit.escape import fstring_text, python_string, string_quote
from generator.emit.models import render_imports, render_models
from generator.emit.python_types import Import, annotation, imports, python_literal, request_enum_annotation, spell
from generator.emit.request_types import request_types
from generator.emit.templating import TEMPLATES, environment
from generator.ir import naming
from generator.ir.model import (
    AnyType,
    Api,
    ArrayOf,
    BooleanType,
    IntegerType,
    LiteralOf,
    MapOf,
    Model,
    ModelRef,
    NullType,
    NumberType,
    Operation,
    Resource,
    StringType,
    TypeRef,
    UnionOf,
)

RULE_ENGINE = Path(__file__).resolve().parents[1] / "ir" / "rule_engine.py"
GENERATOR_VERSION = "0.1.0"


@dataclass(frozen=True)
class ArgumentView:
    """One keyword argument of a generated method and where its value goes on the wire."""

    py_name: str
    wire_name: str
    location: str  # "path", "query", "header", "body"
    annotation: str
    required: bool
    description: str | None
    default: str = "NOT_GIVEN"


@dataclass(frozen=True)
class MethodView:
    name: str
    operation_id: str
    http_method: str
    path: str
    url_expression: str
    summary: str | None
    description: str | None
    deprecated: bool
    path_args: tuple[ArgumentView, ...]
    keyword_args: tuple[ArgumentView, ...]
    body_model: str | None
    body_annotation: str | None
    body_is_object: bool
    return_annotation: str
    cast_to: str
    page: dict[str, Any] | None
    item_annotation: str | None
    idempotency_key_path: tuple[str, ...]
    sends_idempotency_key: bool
    example_call: str
    imports: frozenset[Import] = frozenset()
    cast_result: bool = False
    page_var: str = ""
    raw_body_arg: str = ""  # the argument holding a body that is not an object
    # Module-level `name: TypeAlias = type` lines: a type that is not a class (`list[Chat]`,
    # `Annotated[...]`, `OpenLiteral[...]`) is named once, so that it can be passed at run time
    # and used as a `cast` target.
    type_aliases: tuple[tuple[str, str], ...] = ()
    response_type: str = ""  # the alias (or class) the response is parsed as
    item_type: str = ""  # the alias (or class) a page's items are parsed as
    # The body's media type and the `Accept` header, where they are not `application/json`.
    content_type: str | None = None
    accept: str | None = None

    @property
    def helper(self) -> str:
        """The resource helper the method's body calls (`_resource.py`)."""
        if self.page is not None:
            return "_get_api_list"
        verbs = {"GET": "_get", "POST": "_post", "PUT": "_put", "PATCH": "_patch", "DELETE": "_delete"}
        return verbs.get(self.http_method, "_call")

    @property
    def query_args(self) -> tuple[ArgumentView, ...]:
        return tuple(a for a in self.keyword_args if a.location == "query")

    @property
    def header_args(self) -> tuple[ArgumentView, ...]:
        return tuple(a for a in self.keyword_args if a.location == "header")

    @property
    def body_args(self) -> tuple[ArgumentView, ...]:
        return tuple(a for a in self.keyword_args if a.location == "body")


@dataclass(frozen=True)
class ResourceView:
    name: str
    class_name: str
    path: tuple[str, ...]
    methods: tuple[MethodView, ...]
    children: tuple[ResourceView, ...]
    access: str  # "client.chats.participants"
    module: str = ""  # its module under `resources/`: "attachments", "chats.chats", "chats.participants"
    all_classes: tuple[ResourceView, ...] = field(default=(), repr=False)


_EXAMPLE_STRINGS = {
    "uuid": '"7c9e6679-7425-40de-944b-e07fc1f90ae7"',
    "date-time": '"2025-01-01T00:00:00Z"',
    "uri": '"https://example.com/file.png"',
    "email": '"user@example.com"',
}


def _example_value(type_: TypeRef, api: Api, depth: int = 0) -> str:
    """A plausible Python literal for a README example."""
    match type_:
        case LiteralOf(values=(first, *_)):
            return python_literal(first)
        case StringType(format=format_, constraints=c):
            phone_like = c.pattern is not None and "+" in c.pattern
            return _EXAMPLE_STRINGS.get(format_ or "", '"+12223334444"' if phone_like else '"string"')
        case IntegerType(constraints=c):
            return str(int(c.minimum or 1))
        case NumberType():
            return "1.0"
        case BooleanType():
            return "True"
        case ArrayOf(items=items):
            return f"[{_example_value(items, api, depth + 1)}]"
        case UnionOf(variants=(first, *_)):
            return _example_value(first, api, depth)
        case ModelRef(name=name) if depth < 4:
            return _example_model_value(api.model(name), api, depth)
        case LiteralOf() | UnionOf() | ModelRef() | NullType() | MapOf() | AnyType():
            return "{}"
        case _:
            assert_never(type_)


def _example_model_value(model: Model, api: Api, depth: int) -> str:
    if model.kind == "enum" and model.enum_values:
        return python_literal(model.enum_values[0])
    if model.kind == "alias" and model.alias_of is not None:
        return _example_value(model.alias_of, api, depth)
    if model.kind == "union" and model.variants:
        return _example_value(model.variants[0], api, depth)
    if model.kind == "object":
        required = [
            f for f in model.fields if f.required or (model.exactly_one_of and f.name == model.exactly_one_of[0][0])
        ]
        items = ", ".join(f"{python_string(f.name)}: {_example_value(f.type, api, depth + 1)}" for f in required)
        return "{" + items + "}"
    return "{}"


class _Emitter:
    def __init__(self, api: Api, target: Target) -> None:
        self.api = api
        self.target = target
        self.credentials: tuple[Credential, ...] = target.credentials_for(api)
        self.env = environment()
        self.requests = request_types(api)

    def body_type(self, type_: TypeRef, found: set[Import], shadowed: frozenset[str]) -> str:
        """A body argument's annotation: models also as dicts, enum models also as plain values."""
        spelling = spell(type_, direction="param", shadowed=shadowed, forms=self.requests.forms)
        found |= spelling.imports
        return spelling.text()

    def argument_type(self, type_: TypeRef, found: set[Import], shadowed: frozenset[str]) -> str:
        """A parameter's annotation; an enum model parameter also takes the plain values."""
        if isinstance(type_, ModelRef) and self.api.model(type_.name).kind == "enum":
            text = request_enum_annotation(self.api.model(type_.name))
            found.add(Import(".types", type_.name))
            if text != type_.name:  # the plain values too, as a Literal
                found.add(Import("typing", "Literal"))
            return f"{text} | None" if type_.nullable else text
        found |= imports(type_, direction="request", shadowed=shadowed)
        return annotation(type_, direction="request", shadowed=shadowed)

    def is_class(self, type_: TypeRef) -> bool:
        """Whether the runtime can take the type as a class (`cast_to`, page items)."""
        return (
            isinstance(type_, ModelRef) and not type_.nullable and self.api.model(type_.name).kind in ("object", "enum")
        )

    def method(self, op: Operation, resource: Resource) -> MethodView:
        found: set[Import] = set()
        # A method or sub-resource called `list` hides the builtin in the annotations of its class.
        shadowed = frozenset({o.name for o in resource.operations} | {r.name for r in resource.resources})
        taken: set[str] = set()
        path_args: list[ArgumentView] = []
        keyword_args: list[ArgumentView] = []
        for param in op.params:
            py_name = naming.unique(param.py_name, taken)
            argument = ArgumentView(
                py_name=py_name,
                wire_name=param.name,
                location=param.location,
                annotation=self.argument_type(param.type, found, shadowed),
                required=param.required,
                description=param.description,
            )
            (path_args if param.location == "path" else keyword_args).append(argument)
        body = op.body
        body_model = body.model if body is not None else None
        body_is_object = bool(body is not None and body.fields)
        body_annotation = None
        raw_body_arg = ""
        if body is not None and body_is_object:
            for body_field, argument_name in zip(body.fields, body.argument_names, strict=True):
                if body_field.read_only:
                    continue
                keyword_args.append(
                    ArgumentView(
                        py_name=naming.unique(argument_name, taken),
                        wire_name=body_field.name,
                        location="body",
                        annotation=self.body_type(body_field.type, found, shadowed),
                        required=body_field.required and body.required,
                        description=body_field.description,
                    )
                )
        elif body is not None:
            # What the checks validate against; the argument also takes dicts of the models.
            body_annotation = self.argument_type(body.type, found, shadowed)
            raw_body_arg = naming.unique("body", taken)
            keyword_args.append(
                ArgumentView(
                    raw_body_arg,
                    "",
                    "raw-body",
                    self.body_type(body.type, found, shadowed),
                    body.required,
                    body.description,
                )
            )
        keyword_args.sort(key=lambda a: not a.required)
        success = op.success
        return_type = success.type if success is not None and success.type is not None else None
        cast_to = annotation(return_type, shadowed=shadowed) if return_type is not None else "None"
        if return_type is not None:
            found |= imports(return_type, shadowed=shadowed)
        if body_model:
            found.add(Import(".types", body_model))
        page = None
        item_annotation = None
        return_annotation = cast_to
        if op.pagination is not None:
            item_annotation = annotation(op.pagination.item_type, shadowed=shadowed)
            found |= imports(op.pagination.item_type, shadowed=shadowed)
            pagination = op.pagination
            page = {
                "style": pagination.style,
                "items_field": pagination.items,
                "cursor_param": pagination.cursor_param,
                "next_cursor_field": pagination.next_cursor_field,
                "offset_param": pagination.offset_param,
                "limit_param": pagination.limit_param,
                "has_more_path": pagination.has_more_path,
                # Emitted only when set: a cursor at the top level is `next_cursor_field`.
                "next_cursor_path": pagination.next_cursor_path if pagination.next_cursor_field is None else (),
                "page_param": pagination.page_param,
                "first_page": pagination.first_page,
                "total_path": pagination.total_path,
                "total_pages_path": pagination.total_pages_path,
            }
        url_expression = _url_expression(op.path, {a.wire_name: a.py_name for a in path_args})
        cast_result = return_type is not None and not self.is_class(return_type)
        if cast_result or (op.pagination is not None and not self.is_class(op.pagination.item_type)):
            found |= {Import("typing", "Any"), Import("typing", "cast")}
        stem = "_".join((*resource.path, op.name)) or op.name
        aliases: list[tuple[str, str]] = []
        response_type = cast_to
        if cast_result:
            response_type = f"_{stem}_response"
            aliases.append((response_type, cast_to))
        item_type = item_annotation or ""
        if op.pagination is not None and not self.is_class(op.pagination.item_type):
            item_type = f"_{stem}_item"
            aliases.append((item_type, item_annotation or "Any"))
        if aliases:
            found.add(Import("typing", "TypeAlias"))
        content_type, accept = _media_types(op)
        method_view = MethodView(
            name=op.name,
            operation_id=op.id,
            http_method=op.method,
            path=op.path,
            url_expression=url_expression,
            summary=op.summary,
            description=op.description,
            deprecated=op.deprecated,
            path_args=tuple(path_args),
            keyword_args=tuple(keyword_args),
            body_model=body_model,
            body_annotation=body_annotation,
            body_is_object=body_is_object,
            return_annotation=return_annotation,
            cast_to=cast_to,
            page=page,
            item_annotation=item_annotation,
            idempotency_key_path=op.idempotency_key_path,
            sends_idempotency_key=op.method not in ("GET", "HEAD", "OPTIONS"),
            example_call="",
            imports=frozenset(found),
            cast_result=cast_result,
            page_var=f"_{stem}_page",
            raw_body_arg=raw_body_arg,
            type_aliases=tuple(aliases),
            response_type=response_type,
            item_type=item_type,
            content_type=content_type,
            accept=accept,
        )
        return _with_example(method_view, self.api, op, resource)

    def resource(self, resource: Resource) -> ResourceView:
        return ResourceView(
            name=resource.name,
            class_name=resource.class_name,
            path=resource.path,
            methods=tuple(self.method(op, resource) for op in resource.operations),
            children=tuple(self.resource(child) for child in resource.resources),
            access=".".join(("client", *resource.path)),
        )

    def auth(self) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
        """How each credential is sent: headers (name, Python expression) and query parameters.

        Cookies of several apiKey schemes share one `Cookie` header; of several schemes sent in
        the same other header, the one most operations require is sent.
        """
        schemes = {s.name: s for s in self.api.security_schemes}
        headers: dict[str, dict[str, str]] = {}
        cookies: list[tuple[str, str]] = []  # (the name and `=`, the value expression)
        query: list[dict[str, str]] = []
        # Where schemes compete for one header (HTTP basic and OAuth2 both use Authorization),
        # the one most operations ask for is sent.
        uses = collections.Counter(name for op in self.api.operations for req in op.security for name in req)
        ranked = sorted(self.credentials, key=lambda c: -uses[c.scheme])
        for credential in ranked:
            scheme = schemes[credential.scheme]
            value = f"self.{credential.argument}"
            if scheme.kind == "apiKey" and scheme.location == "query":
                query.append({"name": scheme.param_name or credential.argument, "argument": credential.argument})
            elif scheme.kind == "apiKey" and scheme.location == "cookie":
                cookies.append((f"{scheme.param_name}=", value))
            elif scheme.kind == "apiKey":
                name = scheme.param_name or "X-API-Key"
                headers.setdefault(name.lower(), {"name": name, "value": value})
            elif scheme.kind == "http" and scheme.scheme == "basic":
                headers.setdefault("authorization", {"name": "Authorization", "value": f'f"Basic {{{value}}}"'})
            else:
                headers.setdefault("authorization", {"name": "Authorization", "value": f'f"Bearer {{{value}}}"'})
        if cookies:
            quote = string_quote(*(name for name, _ in cookies))
            spelled = "; ".join(fstring_text(name, quote) + "{" + value + "}" for name, value in cookies)
            headers.setdefault("cookie", {"name": "Cookie", "value": f"f{quote}{spelled}{quote}"})
        return list(headers.values()), query

    def parameter_table(self) -> str:
        """`{operation id: {parameter: JSON Schema}}` for the query parameters, refs inlined."""
        table = {
            op.id: {p.name: self.inline_refs(p.json_schema) for p in op.params if p.location == "query"}
            for op in self.api.operations
        }
        # Laid out here: as one line, the table would be the longest statement `fit_long_lines` meets.
        return layout.fit_literal(
            {op_id: params for op_id, params in table.items() if params},
            python_literal,
            lambda key: python_string(str(key)),
        )

    def style_table(self) -> str:
        """`{operation id: {parameter: (style, explode)}}` for the query parameters not serialized
        as OpenAPI's default (`form`, exploded)."""
        table: dict[str, dict[str, tuple[str, bool]]] = {}
        for op in self.api.operations:
            for p in op.params:
                if p.location == "query" and p.serialization != ("form", True):
                    table.setdefault(op.id, {})[p.name] = p.serialization
        return layout.fit_literal(
            table,
            lambda value: f"({python_string(value[0])}, {value[1]})",
            lambda key: python_string(str(key)),
        )

    def inline_refs(self, schema: Any, depth: int = 0) -> Any:
        if isinstance(schema, list):
            return [self.inline_refs(item, depth) for item in schema]
        if not isinstance(schema, dict):
            return schema
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/") and depth < 8:
            target = self.api.model(ref.rsplit("/", 1)[1]).json_schema
            return self.inline_refs({**target, **{k: v for k, v in schema.items() if k != "$ref"}}, depth + 1)
        keep = (
            "type",
            "enum",
            "const",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "minLength",
            "maxLength",
            "pattern",
            "format",
            "items",
            "anyOf",
            "oneOf",
        )
        return {key: self.inline_refs(value, depth) for key, value in schema.items() if key in keep}

    def resource_files(self, resource: ResourceView, folder: str, files: dict[str, str]) -> None:
        """The module of `resource` (`ResourceView.module`, under `folder`) and, for a resource
        with sub-resources, its package: a module (or package) per sub-resource and an
        `__init__.py` that re-exports every class of them all."""
        depth = resource.module.count(".") + 1
        path = f"{folder}/{resource.module.replace('.', '/')}.py"
        if not resource.children:
            files[path] = self.resource_module(resource, depth, ())
            return
        package = resource.module.rpartition(".")[0]
        children = []
        for child in resource.children:
            self.resource_files(child, folder, files)
            relative = child.module.removeprefix(package + ".")
            children.append((relative, sorted(n for cls in _walk(child) for n in _class_names(cls))))
        files[path] = self.resource_module(resource, depth, tuple(children))
        own = resource.module.rpartition(".")[2]
        exported = [(own, sorted(_class_names(resource))), *((m.split(".")[0], names) for m, names in children)]
        files[f"{folder}/{package.replace('.', '/')}/__init__.py"] = self.render(
            "package/resource_package_init.py.jinja", resource=resource, modules=exported
        )

    def resource_module(self, resource: ResourceView, depth: int, children: tuple[tuple[str, list[str]], ...]) -> str:
        inside = ".resources." + resource.module.rpartition(".")[0]
        return self.render(
            "package/resource.py.jinja",
            resource=resource,
            classes=(resource,),
            imports=render_imports(_resource_imports(resource, children, inside), depth=depth, inside=inside),
        )

    def license_text(self) -> str:
        """The target's `license_file`, or the MIT license naming the copyright holder."""
        if self.target.license_file is not None:
            return self.target.license_file.read_text(encoding="utf-8")
        return self.render("package/LICENSE.jinja")

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(
            api=self.api,
            target=self.target,
            credentials=self.credentials,
            generator_version=GENERATOR_VERSION,
            **context,
        )

    def files(self) -> dict[str, str]:
        target = self.target
        src = f"src/{target.package}"
        root = self.resource(self.api.root)
        top = [child for child in root.children]
        files: dict[str, str] = {}
        for relative, source in render_models(self.api, self.requests).items():
            files[f"{src}/{relative}"] = source
        files[f"{src}/_rules.py"] = RULE_ENGINE.read_text(encoding="utf-8")
        for runtime in sorted((TEMPLATES / "runtime").iterdir()):
            if runtime.suffix == ".py":
                files[f"{src}/{runtime.name}"] = runtime.read_text(encoding="utf-8")
            elif runtime.name.endswith(".py.jinja"):
                files[f"{src}/{runtime.name.removesuffix('.jinja')}"] = self.render(
                    f"runtime/{runtime.name}", package=target.package
                )
        top = [_placed(resource, "", resource.name) for resource in top]
        for resource in top:
            self.resource_files(resource, f"{src}/resources", files)
        files[f"{src}/resources/__init__.py"] = self.render("package/resources_init.py.jinja", resources=top)
        # Operations outside any resource become methods of the client itself.
        top_level = None
        if root.methods:
            top_level = dataclasses.replace(
                root, name="_top_level", class_name="TopLevel", children=(), access="client"
            )
            files[f"{src}/resources/_top_level.py"] = self.render(
                "package/resource.py.jinja",
                resource=top_level,
                classes=(top_level,),
                imports=render_imports(_resource_imports(top_level, ()), depth=1),
            )
        auth_headers, auth_query = self.auth()
        context = {
            "root": root,
            "resources": top,
            "all_resources": ([root] if root.methods else []) + [r for t in top for r in _walk(t)],
            "auth_headers": auth_headers,
            "auth_query": auth_query,
            "top_level": top_level,
        }
        files[f"{src}/_client.py"] = self.render("package/client.py.jinja", **context)
        files[f"{src}/__init__.py"] = self.render("package/init.py.jinja", **context)
        files[f"{src}/_version.py"] = self.render("package/version.py.jinja")
        files[f"{src}/_resource.py"] = self.render("package/resource_base.py.jinja")
        files[f"{src}/_params.py"] = self.render(
            "package/params.py.jinja", parameters=self.parameter_table(), styles=self.style_table()
        )
        files[f"{src}/py.typed"] = ""
        files["pyproject.toml"] = self.render("package/pyproject.toml.jinja")
        files["LICENSE"] = self.license_text()
        files["README.md"] = self.render("package/README.md.jinja", **context)
        files["api.md"] = self.render("package/api.md.jinja", **context)
        return files


def _placed(resource: ResourceView, prefix: str, name: str) -> ResourceView:
    """`resource` with its module under `resources/` (`ResourceView.module`): `attachments`; for a
    resource with sub-resources, `chats.chats` in the package `chats`, beside `chats.participants`."""
    if not resource.children:
        return dataclasses.replace(resource, module=prefix + name)
    package = prefix + name
    names = naming.resource_module_names(name, [child.name for child in resource.children])
    children = tuple(
        _placed(child, package + ".", module) for child, module in zip(resource.children, names, strict=True)
    )
    return dataclasses.replace(resource, module=f"{package}.{name}", children=children)


def _resource_imports(
    resource: ResourceView, children: tuple[tuple[str, list[str]], ...], package: str = ""
) -> set[Import]:
    """What a resource module uses: its methods' types, the runtime helpers its methods call and
    the classes of its direct sub-resources (`children`: their modules in `package`, the
    module's own package relative to the package's root: `.resources.chats`)."""
    found = {i for method in resource.methods for i in method.imports}
    found |= {
        Import("functools", "cached_property"),
        *_runtime(".", "_resource", "AsyncAPIResource", "SyncAPIResource"),
    }
    methods = resource.methods
    if methods:
        wrappers = ("to_raw_response_wrapper", "to_streamed_response_wrapper")
        found |= _runtime(".", "_response", *wrappers, *(f"async_{name}" for name in wrappers))
        found |= _runtime(".", "_types", "NOT_GIVEN", "Body", "Headers", "NotGiven", "Query", "Timeout")
    if any(m.deprecated for m in methods):
        found.add(Import("typing_extensions"))
    if any(m.page for m in methods):
        found |= _runtime(".", "_pagination", "AsyncPaginator", "PageSpec", "SyncPage")
    if any(m.query_args or m.header_args or m.body_is_object for m in methods):
        found.add(Import("._resource", "given"))
    if any("_path_param(" in m.url_expression for m in methods):
        found.add(Import("._resource", "path_param", "_path_param"))
    # A child's module (a package, for a child with children of its own) exports its whole
    # subtree; this module uses the classes of its direct children only.
    used = {name for child in resource.children for name in _class_names(child)}
    found |= {Import(f"{package}.{module}", name) for module, names in children for name in names if name in used}
    return found


def _runtime(package: str, module: str, *names: str) -> set[Import]:
    return {Import(f"{package}{module}", name) for name in names}


def _class_names(resource: ResourceView) -> list[str]:
    """The classes a resource module defines for `resource`."""
    names = []
    for prefix in ("", "Async"):
        for suffix in ("", "WithRawResponse", "WithStreamingResponse"):
            names.append(f"{prefix}{resource.class_name}{suffix}")
    return names


def _walk(resource: ResourceView) -> list[ResourceView]:
    result = [resource]
    for child in resource.children:
        result.extend(_walk(child))
    return result


def _media_types(op: Operation) -> tuple[str | None, str | None]:
    """The request body's media type and the `Accept` the method sends, each None where it is
    the runtime's default, `application/json`.

    `Accept` lists the media types the successful responses document (`default`'s where no
    2xx response is documented, every response's where neither is), JSON ones first. The body's is the one `Body` records (JSON
    where one is documented).
    """
    content_type = None
    if op.body is not None:
        base = op.body.content_type.split(";")[0].strip().lower()
        if base not in ("application/json", "*/*"):
            content_type = op.body.content_type
    successes = [r for r in op.responses if r.status.startswith("2")]
    if not successes:  # `default` then covers the successful answers too
        successes = [r for r in op.responses if r.status.lower() == "default"]
    if not successes:  # only errors are documented: what they are is all the spec says
        successes = list(op.responses)
    produced = {media for r in successes for media in r.media_types}
    json_first = sorted(produced, key=lambda media: ("json" not in media.lower(), media))
    accept = ", ".join(json_first) if json_first and json_first != ["application/json"] else None
    return content_type, accept


def _url_expression(path: str, names: dict[str, str]) -> str:
    """`/v3/chats/{chatId}` -> `f"/v3/chats/{_path_param(chat_id)}"` (or a plain string).

    Only `{name}` segments naming a path argument become expressions; every other character
    of the path is literal text of the f-string.
    """
    # A path written with `#` or `?` in it (`/#X-Amz-Target=...`) names that character, not a
    # fragment or a query: it is sent percent-encoded.
    path = path.replace("#", "%23").replace("?", "%3F")
    pieces = re.split(r"{([^{}]+)}", path)
    if len(pieces) == 1:
        return python_string(path)
    literals = [piece for index, piece in enumerate(pieces) if index % 2 == 0 or piece not in names]
    quote = string_quote(*literals)
    out = []
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            out.append(fstring_text(piece, quote))
        elif piece in names:
            out.append("{_path_param(" + names[piece] + ")}")
        else:
            out.append(fstring_text("{" + piece + "}", quote))
    return f"f{quote}" + "".join(out) + quote


def _with_example(view: MethodView, api: Api, op: Operation, resource: Resource) -> MethodView:
    args = [_example_value(p.type, api) for p in op.params if p.location == "path"]
    params = {p.name: p for p in op.params}
    body_fields = {f.name: f for f in (op.body.fields if op.body else ())}
    for arg in view.keyword_args:
        if not arg.required:
            continue
        if arg.location in ("query", "header"):
            args.append(f"{arg.py_name}={_example_value(params[arg.wire_name].type, api)}")
        elif arg.location == "body":
            args.append(f"{arg.py_name}={_example_value(body_fields[arg.wire_name].type, api)}")
        elif arg.location == "raw-body" and op.body is not None:
            args.append(f"{arg.py_name}={_example_value(op.body.type, api)}")
    call = ".".join(("client", *resource.path, view.name)) + "(" + ", ".join(args) + ")"
    return MethodView(**{**view.__dict__, "example_call": call})


def package_files(api: Api, target: Target) -> dict[str, str]:
    """Every file of the generated package, laid out as ruff formats it where the templates could
    not know the length of a line (see `generator.emit.layout`)."""
    from generator.gc_pause import collector_paused

    with collector_paused():
        return {path: layout.fit_file(path, text) for path, text in _Emitter(api, target).files().items()}
