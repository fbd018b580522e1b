"""Read an OpenAPI document (YAML or JSON, 3.0 or 3.1), check its `$ref`s and validate it.

Every value read from a file keeps its position, so that each problem can be reported as
`file:line:column #/json/pointer: message`. Problems are collected, never raised one at a time,
and never surface as a raw traceback.
"""

from __future__ import annotations

import functools
import json
import re
import stat
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urldefrag, urlsplit

from generator.errors import PendingLocation, SourceLocation, SpecError, SpecProblem

if TYPE_CHECKING:
    import yaml

JSON = Any
SUPPORTED_VERSIONS = ("3.0", "3.1")


# --- reading files with positions -------------------------------------------------------------


@functools.cache
def _yaml_loader() -> type[yaml.SafeLoader]:
    """The YAML loader class of specs: YAML 1.2-ish scalars (dates stay strings, only true/false
    are booleans). PyYAML is imported here, on the first YAML document: a JSON spec never needs it
    (its import alone is ~9 ms of a generation)."""
    import yaml

    # libyaml's parser (when PyYAML was built with it) composes a document about ten times faster
    # than the pure-Python one and gives the same nodes and marks.
    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class SpecYamlLoader(base):  # type: ignore[valid-type,misc]
        """YAML 1.2-ish scalars: dates stay strings, only true/false are booleans."""

    # YAML 1.1 would turn `2024-01-01` into a date and `no` into False; JSON has neither.
    SpecYamlLoader.yaml_implicit_resolvers = {
        first: [
            (tag, regexp)
            for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
        ]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    SpecYamlLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    return SpecYamlLoader


def escape_pointer_token(token: str | int) -> str:
    text = str(token)
    if "~" not in text and "/" not in text:  # nearly every token: no copies
        return text
    return text.replace("~", "~0").replace("/", "~1")


def unescape_pointer_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


# An array index in a JSON pointer (RFC 6901): `0` or ASCII digits without a leading zero. Not
# `str.isdigit()`, which takes '³' (that `int()` refuses) and '٣' (that `int()` reads as 3).
ARRAY_INDEX = re.compile("0|[1-9][0-9]*")


def array_index(token: str, length: int) -> int | None:
    """The item a pointer token names in an array of `length` items; None when it names none."""
    if ARRAY_INDEX.fullmatch(token) is None or len(token) > len(str(length)):
        return None  # (a longer token is past the end, however many digits `int()` would read)
    index = int(token)
    return index if index < length else None


def join_pointer(pointer: str, *tokens: str | int) -> str:
    # Called for nearly every node of a document: a loop is cheaper than a join of a generator.
    for token in tokens:
        text = token if isinstance(token, str) else str(token)
        if "~" in text or "/" in text:
            text = text.replace("~", "~0").replace("/", "~1")
        pointer = f"{pointer}/{text}"
    return pointer


@dataclass
class Document:
    """One parsed file: its data and the (line, column) of every JSON pointer in it."""

    path: Path
    data: JSON
    positions: Mapping[str, tuple[int, int]] = field(default_factory=dict)

    @functools.cached_property
    def uri(self) -> str:
        # Asked for every `$ref` followed; resolving the path each time costs seconds on a large spec.
        return self.path.resolve().as_uri()

    def locate(self, pointer: str) -> SourceLocation:
        """The position of `pointer`, or of its closest ancestor that exists in the file."""
        probe = pointer
        while True:
            position = self.positions.get(probe)
            if position is not None:
                return SourceLocation(str(self.path), position[0], position[1], pointer)
            if not probe:
                return SourceLocation(str(self.path), None, None, pointer)
            probe = probe.rsplit("/", 1)[0]

    def locate_later(self, pointer: str) -> SourceLocation:
        """`locate(pointer)`, with the line and column looked up only when read, where the
        positions are found on demand (a JSON file): the IR keeps a location for every model and
        operation, and a run shows few of them."""
        if isinstance(self.positions, dict):
            return self.locate(pointer)
        return PendingLocation(str(self.path), pointer, functools.partial(self._line_and_column, pointer))

    def _line_and_column(self, pointer: str) -> tuple[int | None, int | None]:
        location = self.locate(pointer)
        return location.line, location.column


def _compose_data(
    root: yaml.Node,
    loader: yaml.SafeLoader,
    positions: dict[str, tuple[int, int]],
    problems: list[SpecProblem],
    path: Path,
) -> JSON:
    """The data of a composed YAML document, recording the position of every pointer in it."""
    from yaml.nodes import MappingNode, SequenceNode

    def data(node: yaml.Node, pointer: str) -> JSON:
        positions.setdefault(pointer, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, MappingNode):
            loader.flatten_mapping(node)
            result: dict[str, JSON] = {}
            for key_node, value_node in node.value:
                key = loader.construct_object(key_node, deep=True)
                key = key if isinstance(key, str) else json.dumps(key) if isinstance(key, bool) else str(key)
                child = join_pointer(pointer, key)
                if key in result:
                    line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                    problems.append(
                        SpecProblem(
                            SourceLocation(str(path), line, column, child),
                            f"duplicate key {key!r}; the later value would silently win",
                            "remove or rename one of the two",
                        )
                    )
                positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = data(value_node, child)
            return result
        if isinstance(node, SequenceNode):
            return [data(item, join_pointer(pointer, index)) for index, item in enumerate(node.value)]
        value = loader.construct_object(node, deep=True)
        if isinstance(value, bytes | set):
            problems.append(
                SpecProblem(
                    SourceLocation(str(path), node.start_mark.line + 1, node.start_mark.column + 1, pointer),
                    f"value of YAML type {type(value).__name__} has no JSON equivalent",
                )
            )
        return value

    return data(root, "")


_SURROGATE_ESCAPE = re.compile(r"\\[uU]0{0,4}[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(value: JSON) -> JSON:
    """`value` with every lone surrogate (which JSON and YAML escapes allow, and no UTF-8 text,
    Python module or pydantic model can hold) replaced by U+FFFD, in keys and strings alike."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v) for k, v in value.items()}
    return value


def _has_lone_surrogates(value: JSON) -> bool:
    """Whether a string or key of `value` holds a lone surrogate. (The text's escapes only say it
    may: `\\ud83d\\ude00` is a valid pair, and `\\\\uD800` an escaped backslash.) One pass at C speed,
    where `_without_lone_surrogates` rebuilds the whole document."""
    return _LONE_SURROGATE.search(json.dumps(value, ensure_ascii=False, default=repr)) is not None


def read_document(path: Path) -> tuple[Document | None, list[SpecProblem]]:
    """Parse one YAML or JSON file, keeping positions. Returns the problems instead of raising."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [SpecProblem(SourceLocation(str(path), None, None, ""), f"cannot read file: {exc}")]
    document, problems = _parse_document(path, text)
    if document is not None and _SURROGATE_ESCAPE.search(text) and _has_lone_surrogates(document.data):
        document = Document(document.path, _without_lone_surrogates(document.data), document.positions)
    return document, problems


def _parse_document(path: Path, text: str) -> tuple[Document | None, list[SpecProblem]]:
    problems: list[SpecProblem] = []
    if path.suffix.lower() == ".json":
        from generator.document.positions import read_json_lazily

        try:
            json_data, json_positions, json_problems = read_json_lazily(text.removeprefix("\ufeff"), path)
        except json.JSONDecodeError:
            pass  # the YAML parser below says where the document breaks
        else:
            return Document(path, json_data, json_positions), json_problems
    import yaml

    positions: dict[str, tuple[int, int]] = {}
    loader: yaml.SafeLoader | None = None
    try:
        loader = _yaml_loader()(text)
        root = loader.get_single_node()
        data = None if root is None else _compose_data(root, loader, positions, problems, path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        reason = " ".join(part for part in (exc.context, exc.problem) if part)
        if path.suffix.lower() == ".json":
            try:
                data = json.loads(text)
            except json.JSONDecodeError as jexc:
                return None, [
                    SpecProblem(SourceLocation(str(path), jexc.lineno, jexc.colno, ""), f"invalid JSON: {jexc.msg}")
                ]
            return Document(path, data, {}), []
        return None, [SpecProblem(SourceLocation(str(path), line, column, ""), f"invalid YAML: {reason}")]
    except yaml.YAMLError as exc:
        return None, [SpecProblem(SourceLocation(str(path), None, None, ""), f"invalid YAML: {exc}")]
    finally:
        if loader is not None:
            loader.dispose()
    return Document(path, data, positions), problems


# --- references ---------------------------------------------------------------------------------


@dataclass
class LoadedSpec:
    """A spec and every file it refers to, with positions, ready for the IR builder."""

    root: Document
    documents: dict[str, Document]
    version: str
    # Files named only by `$ref`-shaped values inside examples or defaults that could not be read,
    # with why: should a consumer follow one of those as a reference after all, it gets a located error.
    unloaded: dict[str, SpecProblem] = field(default_factory=dict)
    # `resolve`'s answers by (ref, base uri): the IR builder follows each `$ref` many times.
    resolved: dict[tuple[str, str], tuple[str, str, JSON]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def data(self) -> JSON:
        return self.root.data

    @property
    def path(self) -> Path:
        return self.root.path

    def locate(self, pointer: str, uri: str | None = None) -> SourceLocation:
        return self.documents.get(uri or self.root.uri, self.root).locate(pointer)

    def locate_later(self, pointer: str, uri: str | None = None) -> SourceLocation:
        """`locate`, the line and column looked up when first read (see `Document.locate_later`)."""
        return self.documents.get(uri or self.root.uri, self.root).locate_later(pointer)

    def resolve(self, ref: str, base_uri: str | None = None) -> tuple[str, str, JSON]:
        """Follow one `$ref` from the document at `base_uri`: (document uri, pointer, value)."""
        key = (ref, base_uri or self.root.uri)
        found = self.resolved.get(key)
        if found is not None:
            return found
        uri, pointer = _resolve_target(ref, key[1])
        document = self.documents.get(uri)
        if document is None:
            if uri in self.unloaded:
                raise SpecError([self.unloaded[uri]])
            raise KeyError(f"{ref}: file not loaded")
        found = self.resolved[key] = (uri, pointer, follow_pointer(document.data, pointer))
        return found

    def deref(self, node: JSON, base_uri: str | None = None) -> tuple[str, str | None, JSON]:
        """Follow a chain of `$ref`s until a node without one: (uri, pointer or None, node)."""
        uri = base_uri or self.root.uri
        pointer: str | None = None
        seen: set[tuple[str, str]] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            uri, pointer, node = self.resolve(node["$ref"], uri)
            if (uri, pointer) in seen:
                raise KeyError(f"{node!r}: circular $ref")
            seen.add((uri, pointer))
        return uri, pointer, node


# `https:`, `urn:`... but not `C:` (a Windows drive) nor a relative path.
_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")


def _remote_scheme(ref: str) -> str | None:
    """The scheme of a `$ref` that names something other than a local file, e.g. 'https'."""
    match = _URL_SCHEME.match(ref)
    if match is None or match.group(1).lower() == "file":
        return None
    return match.group(1).lower()


def _resolve_target(ref: str, base_uri: str) -> tuple[str, str]:
    if ref.startswith("#"):  # the common case, a ref inside the same document: no URL parsing
        return base_uri.split("#", 1)[0], unquote(ref[1:])
    address, fragment = urldefrag(ref)
    if not address:
        return urldefrag(base_uri)[0], unquote(fragment)
    if _remote_scheme(address):
        return address, unquote(fragment)  # never loaded: the loader reports it
    # A relative path, or a `file:` URI (absolute, or relative to the referring file).
    local = unquote(urlsplit(address).path if address[:5].lower() == "file:" else address)
    base_path = Path(unquote(urldefrag(base_uri)[0].removeprefix("file://")))
    return (base_path.parent / local).resolve().as_uri(), unquote(fragment)


def follow_pointer(data: JSON, pointer: str) -> JSON:
    """The value at a JSON pointer in `data`; KeyError names the first token that is missing."""
    if pointer and not pointer.startswith("/"):
        raise KeyError(f"'{pointer}' is not a JSON pointer (it must start with '/')")
    node = data
    for raw in pointer.split("/")[1:] if pointer else []:
        token = unescape_pointer_token(raw)
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and (index := array_index(token, len(node))) is not None:
            node = node[index]
        else:
            raise KeyError(f"'{token}' does not exist")
    return node


def _canonical_pointer(pointer: str) -> str:
    """`pointer` spelled as `join_pointer` spells it, so that two spellings of a place compare equal."""
    if "~" not in pointer:
        return pointer
    return join_pointer("", *(unescape_pointer_token(token) for token in pointer.split("/")[1:]))


@dataclass(frozen=True, slots=True)
class RefSite:
    """One reference written in a document."""

    pointer: str  # where the reference string is: the `$ref` member, or a discriminator mapping value
    ref: str  # what it refers to, as a `$ref` would say it
    holder: str | None  # the object that the `$ref` stands for (None: a discriminator mapping value)
    literal: bool  # inside a value (an example, a default, an enum...): data shaped like a `$ref`
    written: str  # the reference as the author wrote it

    @property
    def what(self) -> str:
        return f"$ref '{self.written}'" if self.holder is not None else f"discriminator mapping '{self.written}'"


# Keywords whose value is data (a schema's default or enum, an example), not more of the document.
_LITERAL_KEYWORDS = frozenset({"example", "default", "const", "enum"})
# Fields whose value maps names chosen by the author to objects: in them, `default`, `example` or
# `enum` is a name like any other (a response, a property, a schema, an example...).
# Schema keywords whose value maps names of the spec's choosing to schemas.
SCHEMA_NAME_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"})
_NAMED_MAPS = SCHEMA_NAME_MAPS | frozenset(
    {
        "paths",
        "webhooks",
        "responses",
        "callbacks",
        "headers",
        "content",
        "encoding",
        "links",
        "examples",
        "variables",
        "schemas",
        "parameters",
        "requestBodies",
        "securitySchemes",
        "pathItems",
    }
)
_RESPONSES_KEY = re.compile(r"default|[1-5](?:[0-9][0-9]|XX)|x-.*", re.DOTALL)
_EXAMPLE_FIELDS = frozenset({"summary", "description", "value", "externalValue"})


# The keys `_is_literal` can answer True for (a quick test first: this runs for every member).
_MAYBE_LITERAL = _LITERAL_KEYWORDS | {"examples", "value"}


def _is_literal(key: str, value: JSON, holder: dict[str, JSON]) -> bool:
    """Is `holder[key]` a value (data), given that `holder` is an object of the document, not a map of names?"""
    if key == "default":
        # A Responses object's `default` is a response; a schema's or a parameter's is a value. A
        # Responses object has nothing but status codes, `default` and extensions (a fragment file
        # can hold one at its top, where no field name says what it is).
        return not all(_RESPONSES_KEY.fullmatch(other) for other in holder)
    if key in _LITERAL_KEYWORDS:
        return True
    if key == "examples":  # a map of Example objects, or a schema's (3.1) list of values
        return isinstance(value, list)
    if key == "value":  # an Example object's value
        return all(other in _EXAMPLE_FIELDS or other.startswith("x-") for other in holder)
    return False


def ref_sites(data: JSON) -> Iterator[RefSite]:
    """Every reference in a document, in document order: each `$ref` string, wherever it is, and
    each discriminator mapping value (which the IR builder follows like a `$ref`).

    Those inside values (examples, defaults, enums, consts) are flagged `literal`: an example may
    hold `{"$ref": ...}` as data. Which keys are values depends on where they are: `default` under
    `responses` is a response, under a schema it is a value; `properties: {enum: ...}` names a property.
    """
    # (node, pointer, node is a map of names, node is inside a value); a stack, not recursion,
    # so that a deeply nested document does not exhaust Python's stack.
    stack: list[tuple[JSON, str, bool, bool]] = [(data, "", False, False)]
    while stack:
        node, pointer, named, literal = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                yield RefSite(join_pointer(pointer, "$ref"), ref, pointer, literal, ref)
            children: list[tuple[JSON, str, bool, bool]] = []
            for key, value in node.items():
                if not isinstance(value, dict | list):
                    continue
                child = join_pointer(pointer, key)
                value_literal = literal or (not named and key in _MAYBE_LITERAL and _is_literal(key, value, node))
                if key == "discriminator" and not named and isinstance(value, dict):
                    mapping = value.get("mapping")
                    if isinstance(mapping, dict):
                        for tag, target in mapping.items():
                            if isinstance(target, str):
                                # How the IR builder reads a mapping value: a bare name is a schema's.
                                full = target if "#" in target or "/" in target else f"#/components/schemas/{target}"
                                yield RefSite(join_pointer(child, "mapping", tag), full, None, value_literal, target)
                value_named = not named and not value_literal and key in _NAMED_MAPS and isinstance(value, dict)
                children.append((value, child, value_named, value_literal))
            stack.extend(reversed(children))
        elif isinstance(node, list):
            stack.extend(
                (item, join_pointer(pointer, index), False, literal)
                for index, item in reversed(list(enumerate(node)))
                if isinstance(item, dict | list)
            )


def iter_refs(data: JSON, pointer: str = "") -> Iterator[tuple[str, str]]:
    """Every `$ref` string of a document that is a reference (not data inside an example or a
    default), with the pointer of the object that holds it (`pointer`: where `data` is)."""
    for site in ref_sites(data):
        if site.holder is not None and not site.literal:
            yield pointer + site.holder, site.ref


@dataclass
class _Unreadable:
    """Why a referenced file could not be loaded."""

    reason: str  # completes "$ref 'x' ..."
    hint: str | None = None
    problems: list[SpecProblem] = field(default_factory=list)  # located in that file (e.g. its syntax error)
    reported: bool = False


def _read_referenced(path: Path) -> tuple[Document | None, _Unreadable | None, list[SpecProblem]]:
    """Read a file that a `$ref` names: the document, or why not; and the problems found in it."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None, _Unreadable(f"points to a file that does not exist: {path}"), []
    except (OSError, ValueError) as exc:
        return None, _Unreadable(f"points to a file that cannot be read: {path}", str(exc)), []
    if stat.S_ISDIR(mode):
        return None, _Unreadable(f"points to a directory, not a file: {path}", "name a YAML or JSON file"), []
    document, problems = read_document(path)
    if document is not None:
        return document, None, problems
    if problems and problems[0].location.line is not None:  # a syntax error, at its place in that file
        return None, _Unreadable(f"points to a file that is not valid YAML or JSON: {path}", None, problems), []
    detail = problems[0].message if problems else None
    return None, _Unreadable(f"points to a file that cannot be read: {path}", detail), []


def _display(uri: str, pointer: str, documents: dict[str, Document], root: Document) -> str:
    """`file#/pointer` as a reader would write it: the file relative to the root spec's folder."""
    path = documents[uri].path
    if uri == root.uri:
        return f"{path.name}#{pointer}"
    try:
        shown = path.resolve().relative_to(root.path.resolve().parent).as_posix()
    except ValueError:
        shown = str(path)
    return f"{shown}#{pointer}"


def _load_documents(root: Document) -> tuple[dict[str, Document], dict[str, SpecProblem], list[SpecProblem]]:
    """Load every file reachable through references and report each reference that leads nowhere.

    Returns the documents by URI, the files named only inside values (examples, defaults) that
    could not be read, and the problems.
    """
    documents = {root.uri: root}
    unreadable: dict[str, _Unreadable] = {}
    unloaded: dict[str, SpecProblem] = {}
    problems: list[SpecProblem] = []
    # Each `$ref` object whose target is known: (uri, its pointer) -> (uri, target's pointer), for cycles.
    aliases: dict[tuple[str, str], tuple[str, str]] = {}
    # Where each of those `$ref`s is written (located only should it be part of a cycle).
    alias_sites: dict[tuple[str, str], tuple[Document, str]] = {}
    queue = deque([root])
    while queue:
        document = queue.popleft()
        for site in ref_sites(document.data):
            uri, pointer = _resolve_target(site.ref, document.uri)
            scheme = _remote_scheme(site.ref)
            if scheme is not None:
                problem = SpecProblem(
                    document.locate(site.pointer),
                    f"{site.what} is a remote reference ({scheme}:); remote references are not fetched",
                    "download the file next to the spec and refer to it by a relative path",
                )
                if site.literal:
                    unloaded.setdefault(uri, problem)
                else:
                    problems.append(problem)
                continue
            if uri not in documents and uri not in unreadable:
                target_path = Path(unquote(uri.removeprefix("file://")))
                loaded, failure, read_problems = _read_referenced(target_path)
                problems.extend(read_problems)
                if loaded is not None:
                    documents[uri] = loaded
                    queue.append(loaded)
                elif failure is not None:
                    unreadable[uri] = failure
            if uri not in documents:
                failure = unreadable[uri]
                problem = SpecProblem(document.locate(site.pointer), f"{site.what} {failure.reason}", failure.hint)
                if site.literal:  # data shaped like a reference: only should anything follow it
                    unloaded.setdefault(uri, problem)
                    continue
                problems.append(problem)
                if not failure.reported:
                    problems.extend(failure.problems)
                    failure.reported = True
                continue
            if site.literal:
                continue
            try:
                follow_pointer(documents[uri].data, pointer)
            except KeyError as exc:
                target = documents[uri].path.name if uri != document.uri else "this file"
                problems.append(
                    SpecProblem(
                        document.locate(site.pointer),
                        f"{site.what} cannot be resolved: {exc.args[0]} in {target}",
                        _suggest(documents[uri].data, pointer),
                    )
                )
                continue
            if site.holder is not None:
                alias = (document.uri, site.holder)
                aliases[alias] = (uri, _canonical_pointer(pointer))
                alias_sites[alias] = (document, site.pointer)
    problems += _alias_cycles(aliases, alias_sites, documents, root)
    return documents, unloaded, problems


def _alias_cycles(
    aliases: dict[tuple[str, str], tuple[str, str]],
    sites: dict[tuple[str, str], tuple[Document, str]],
    documents: dict[str, Document],
    root: Document,
) -> list[SpecProblem]:
    """One problem per cycle of `$ref`s that only lead to each other and never to a definition.

    (A schema that contains a `$ref` to itself, like a tree's children, is recursion, not a cycle:
    only objects that are nothing but a `$ref` are followed here.)
    """
    problems = []
    done: set[tuple[str, str]] = set()
    for start in aliases:
        chain: list[tuple[str, str]] = []
        on_chain: set[tuple[str, str]] = set()
        node = start
        while node in aliases and node not in done and node not in on_chain:
            chain.append(node)
            on_chain.add(node)
            node = aliases[node]
        if node in on_chain:
            cycle = chain[chain.index(node) :]
            steps = " -> ".join(_display(uri, pointer, documents, root) for uri, pointer in [*cycle, cycle[0]])
            document, pointer = sites[cycle[0]]
            problems.append(
                SpecProblem(
                    document.locate(pointer),
                    f"$ref cycle: {steps}; these references only lead to each other, never to a definition",
                    "point one of them at a schema, response or other object itself",
                )
            )
        done.update(chain)
    return problems


def _suggest(data: JSON, pointer: str) -> str | None:
    """For a dangling ref, name the closest existing sibling, e.g. a misspelled schema."""
    parent_pointer, _, last = pointer.rpartition("/")
    try:
        parent = follow_pointer(data, parent_pointer)
    except KeyError:
        return None
    if not isinstance(parent, dict) or not parent:
        return None
    import difflib  # only for a dangling ref

    close = difflib.get_close_matches(unescape_pointer_token(last), [str(k) for k in parent], n=1)
    return f"did you mean '#{parent_pointer}/{escape_pointer_token(close[0])}'?" if close else None


# --- validation against the OpenAPI schema -------------------------------------------------------


def _spec_version(document: Document) -> tuple[str | None, list[SpecProblem]]:
    data = document.data
    if not isinstance(data, dict):
        return None, [
            SpecProblem(document.locate(""), f"an OpenAPI document must be a mapping, not {type(data).__name__}")
        ]
    if "swagger" in data:
        return None, [
            SpecProblem(document.locate("/swagger"), "Swagger 2.0 is not supported", "convert it to OpenAPI 3 first")
        ]
    version = data.get("openapi")
    if not isinstance(version, str):
        return None, [
            SpecProblem(
                document.locate("/openapi" if "openapi" in data else ""),
                "'openapi' must be a version string such as '3.1.0'",
            )
        ]
    major_minor = ".".join(version.split(".")[:2])
    if major_minor not in SUPPORTED_VERSIONS:
        return None, [
            SpecProblem(document.locate("/openapi"), f"OpenAPI {version} is not supported", "use 3.0.x or 3.1.x")
        ]
    return major_minor, []


_DUPLICATE_OPERATION_ID = re.compile(r"Operation ID '(.*)' for '(\w+)' in '(.*)' is not unique")


@functools.cache
def _meta_schema_validator(version: str) -> Any:
    """jsonschema-rs compiled against the OpenAPI meta-schema that openapi-spec-validator ships."""
    import importlib.util

    import jsonschema_rs

    # Found without importing the package, whose import alone costs a generation 0.4 s.
    found = importlib.util.find_spec("openapi_spec_validator")
    if found is None or not found.submodule_search_locations:
        raise ImportError("openapi-spec-validator is not installed")
    schemas = Path(next(iter(found.submodule_search_locations))) / "resources" / "schemas"
    meta_schema = json.loads((schemas / f"v{version}" / "schema.json").read_text(encoding="utf-8"))
    # Formats are not checked: `format: regex` would hold ECMA-262 patterns to Python's syntax
    # (the IR builder warns about the patterns it cannot run).
    return jsonschema_rs.validator_for(meta_schema, validate_formats=False)


def _without_xml_objects(value: JSON, names: bool = False) -> JSON:
    """`value` without the `xml` objects of its schemas; in maps of names (`properties`,
    `schemas`...), an entry named `xml` stays."""
    if isinstance(value, list):
        return [_without_xml_objects(item) for item in value]
    if not isinstance(value, dict):
        return value
    return {
        key: _without_xml_objects(item, key in _NAMED_MAPS and not names)
        for key, item in value.items()
        if names or not (key == "xml" and isinstance(item, dict))
    }


def _passes_meta_schema(loaded: LoadedSpec, data: JSON | None = None) -> bool:
    """The quick check of a valid spec: milliseconds where the full validation takes seconds.

    It covers the structure of the document, not everything the full validation checks
    (schemas against their dialect, parameter defaults...): `validate` runs the full one.
    """
    try:
        validator = _meta_schema_validator(loaded.version)
    except (ImportError, OSError, ValueError):
        return False
    return bool(validator.is_valid(loaded.data if data is None else data))


def _schema_problems(loaded: LoadedSpec, *, thorough: bool = True) -> list[SpecProblem]:
    """Problems of the document against the OpenAPI schema, each at its line and pointer.

    `thorough=False` (generation) first asks the quick meta-schema check and stops there when the
    document passes; a document that fails it gets the full validation, whose messages are the
    more precise ones.
    """
    if not thorough and _passes_meta_schema(loaded):
        return []
    if not thorough and _passes_meta_schema(loaded, _without_xml_objects(loaded.data)):
        # Only `xml` objects break the structure (`xml: {example: ...}` is common): the generator
        # never reads them, so generation goes on; `validate` reports them.
        return []
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    validator_class = OpenAPIV31SpecValidator if loaded.version == "3.1" else OpenAPIV30SpecValidator
    raw: list[tuple[str, str]] = []
    try:
        for error in validator_class(loaded.data, base_uri=loaded.root.uri).iter_errors():
            pointer = "".join("/" + escape_pointer_token(part) for part in error.absolute_path)
            duplicate = _DUPLICATE_OPERATION_ID.match(error.message)
            if duplicate and not pointer:
                method, path = duplicate.group(2), duplicate.group(3)
                pointer = join_pointer("/paths", path, method, "operationId")
            raw.append((pointer, error.message.strip().splitlines()[0]))
    except Exception as exc:
        # The validator gives up on some broken documents after reporting their first problems;
        # say so only when nothing else explains it.
        if not raw:
            raw.append(("", f"validation stopped early: {type(exc).__name__}: {str(exc).splitlines()[0][:300]}"))
    # A oneOf/anyOf failure is reported next to the specific error below it: keep the specific one.
    problems = []
    for pointer, message in raw:
        vague = "is not valid under any of the schemas" in message
        if vague and any(other != pointer and other.startswith(pointer + "/") for other, _ in raw):
            continue
        if vague:
            message = f"{message.split(' is not valid')[0][:120]} does not match any allowed form here"
        if message.endswith("is not a 'regex'"):
            # ECMA-262, the patterns' dialect, is not Python's: the IR builder warns about those it
            # cannot run, and the spec stays usable.
            continue
        problems.append(SpecProblem(loaded.locate(pointer), message))
    return problems


def load_spec(path: str | Path, *, validate: bool = True, thorough: bool = False) -> LoadedSpec:
    """Load and check a spec (quickly unless `thorough`). Raises `SpecError` with every problem found."""
    loaded, problems = inspect_spec(path, validate=validate, thorough=thorough)
    errors = [p for p in problems if p.severity == "error"]
    if loaded is None or errors:
        raise SpecError(errors or problems)
    return loaded


def inspect_spec(
    path: str | Path, *, validate: bool = True, thorough: bool = True
) -> tuple[LoadedSpec | None, list[SpecProblem]]:
    """Load a spec and list its problems without raising (`thorough`: see `_schema_problems`)."""
    path = Path(path)
    root, problems = read_document(path)
    if root is None:
        return None, problems
    version, version_problems = _spec_version(root)
    problems += version_problems
    if version is None:
        return None, problems
    documents, unloaded, ref_problems = _load_documents(root)
    problems += ref_problems
    loaded = LoadedSpec(root=root, documents=documents, version=version, unloaded=unloaded)
    if validate and not ref_problems:
        problems += _schema_problems(loaded, thorough=thorough)
    return loaded, problems
