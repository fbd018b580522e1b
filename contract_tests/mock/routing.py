"""Finding the operation a request path and method address.

Literal paths are looked up in a dictionary; templated ones are tried as compiled patterns,
the most literal first (OpenAPI: `/pets/mine` wins over `/pets/{id}`). Paths may also carry
the path of one of the spec's servers in front (`/api/partner/v3/chats`). A path that exists
without the request's method gives the methods it has, for `405` and `Allow`.

Paths are matched as they arrived, segment by segment (`routing_path`): a path parameter whose
value holds a `/` comes percent-encoded (`/tags/arn%3Aaws%2Fgroup`), and stays one segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from generator.ir.model import Operation


@dataclass
class PathEntry:
    template: str
    operations: dict[str, Operation] = field(default_factory=dict)

    @property
    def allow(self) -> str:
        return ", ".join(sorted(self.operations))


@dataclass(frozen=True)
class Match:
    entry: PathEntry
    path_params: dict[str, str]


def routing_path(raw_path: bytes | None, path: str) -> str:
    """The request's path with each segment decoded but for `%` and `/` (kept as `%25`, `%2F`):
    what `Router.match` reads. `path` (the decoded path) stands in when there is no raw one."""
    if not raw_path:
        return path.replace("%", "%25")
    return "/".join(
        unquote(segment).replace("%", "%25").replace("/", "%2F") for segment in raw_path.decode("latin-1").split("/")
    )


class Router:
    def __init__(self, operations: tuple[Operation, ...], servers: tuple[str, ...] = ()) -> None:
        # A client whose base URL keeps the server's path (`/api/partner`) is served too.
        self.prefixes = sorted(
            {urlsplit(s).path.rstrip("/") for s in servers if urlsplit(s).path.strip("/")}, key=len, reverse=True
        )
        entries: dict[str, PathEntry] = {}
        for op in operations:
            entries.setdefault(op.path, PathEntry(op.path)).operations[op.method] = op
        self.static: dict[str, PathEntry] = {}
        templated: list[tuple[int, re.Pattern[str], PathEntry]] = []
        for template, entry in entries.items():
            if "{" not in template:
                self.static[template.rstrip("/") or "/"] = entry
                continue
            pattern = "".join(
                f"(?P<p{index}>[^/]+)" if part.startswith("{") else re.escape(part)
                for index, part in enumerate(re.split(r"(\{[^}]+\})", template))
                if part
            )
            literal_length = len(re.sub(r"\{[^}]+\}", "", template))
            templated.append((literal_length, re.compile(pattern + "/?"), entry))
        templated.sort(key=lambda item: -item[0])
        self.templated = [
            (pattern, entry, re.findall(r"\{([^}]+)\}", entry.template)) for _, pattern, entry in templated
        ]

    def match(self, path: str) -> Match | None:
        found = self._match(path)
        if found is None:
            for prefix in self.prefixes:
                if path.startswith(prefix + "/"):
                    return self._match(path[len(prefix) :])
        return found

    def _match(self, path: str) -> Match | None:
        """`path` as `routing_path` gives it."""
        literal = unquote(path) if "%" in path else path
        entry = self.static.get(literal.rstrip("/") or "/")
        if entry is not None:
            return Match(entry, {})
        for pattern, entry, names in self.templated:
            found = pattern.fullmatch(path)
            if found is not None:
                values = found.groups()
                return Match(entry, {name: unquote(value) for name, value in zip(names, values, strict=True)})
        return None
