"""`python -m generator drift apply REPORT`: the spec patch a drift report proposes, for review.

The contract suite writes `reports/drift.json` (contract_tests/drift_report.py): every way a
server's responses deviated from the spec. The additive entries become edits of the spec's YAML
text, each at the place the report names (`schema_pointer`, a JSON pointer into the spec):

- `extra`: the undocumented field is added to the object's `properties`, typed as observed
  (`type: [string, "null"]` when it was also null), described as observed, not documented;
- `enum`: the undocumented value is appended to the `enum` list (flow or block style kept).

Other entries (undocumented statuses and headers, type mismatches, unobserved fields) are listed
and left to a person: they are not additions a report can vouch for. The text is edited line by
line, so comments, order and style of the rest of the file are untouched and the diff shows only
the proposal. Output: a unified diff on stdout (or `--diff PATH`), or the patched spec (`--out PATH`).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.document.loader import array_index

PATCHABLE = ("extra", "enum")
DESCRIPTION = "Not in the reference pages; observed in live responses (drift report)."


@dataclass(frozen=True)
class Proposal:
    """The patched text of one spec and what was and was not proposed."""

    spec: Path
    original: str
    patched: str
    applied: list[str]
    skipped: list[str]

    def diff(self) -> str:
        import difflib  # only when a diff is asked for: `python -m generator --help` stays light

        name = self.spec.as_posix()
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                self.patched.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )


def _tokens(pointer: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.strip("/").split("/") if t != ""]


def _child(node: Any, key: str) -> Any:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node
    if isinstance(node, yaml.SequenceNode) and (index := array_index(key, len(node.value))) is not None:
        return node.value[index]
    return None


def _find(root: Any, pointer: str) -> Any:
    node = root
    for token in _tokens(pointer):
        node = _child(node, token)
        if node is None:
            return None
    return node


def _scalar(value: Any) -> str:
    """A YAML flow scalar for `value` (quoted only when plain would read differently)."""
    import yaml

    text: str = yaml.safe_dump(value, default_flow_style=True, width=10_000).strip()
    return text.removesuffix("\n...").removesuffix("...").strip()


def _line_after(node: Any) -> int:
    """The 0-based line just after a node's last character.

    A block collection ends where the next token starts (past blank lines, even on the next key's
    line), so the last scalar or flow collection inside it is what marks its end.
    """
    import yaml

    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    end = node.end_mark
    return int(end.line) if end.column == 0 else int(end.line) + 1


def _type_lines(observed: list[str]) -> list[str]:
    kinds = [kind for kind in observed if kind != "null"]
    nullable = "null" in observed
    if not kinds:
        return ['type: "null"'] if nullable else []
    if "integer" in kinds and "number" in kinds:
        kinds.remove("integer")
    names = [*kinds, *(['"null"'] if nullable else [])]
    return [f"type: {names[0]}"] if len(names) == 1 else [f"type: [{', '.join(names)}]"]


class SpecText:
    """The lines of a spec, edited from the bottom up so that earlier positions stay valid."""

    def __init__(self, text: str) -> None:
        import yaml

        self.text = text
        self.root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        self.edits: list[tuple[int, int, str]] = []  # (offset, length replaced, new text)

    def add_property(self, pointer: str, name: str, observed: list[str]) -> str | None:
        """Add `name` to the `properties` mapping at `pointer`; the reason when it cannot."""
        import yaml

        properties = _find(self.root, pointer)
        if not isinstance(properties, yaml.MappingNode) or not properties.value:
            return f"no `properties` mapping at {pointer}"
        if properties.flow_style:
            return f"`properties` at {pointer} is in flow style"
        if _child(properties, name) is not None:
            return f"{name} is already documented at {pointer}"
        indent = " " * properties.value[0][0].start_mark.column
        key = name if _scalar(name) == name else json.dumps(name)
        body = [f"{key}:", *(f"  {line}" for line in _type_lines(observed)), f"  description: {DESCRIPTION}"]
        at = self._offset_of_line(_line_after(properties.value[-1][1]))
        self.edits.append((at, 0, "".join(f"{indent}{line}\n" for line in body)))
        return None

    def add_enum_value(self, pointer: str, value: Any) -> str | None:
        """Append `value` to the `enum` of the schema at `pointer`; the reason when it cannot."""
        import yaml

        schema = _find(self.root, pointer)
        enum = _child(schema, "enum") if schema is not None else None
        if not isinstance(enum, yaml.SequenceNode):
            return f"no `enum` list at {pointer}"
        if any(getattr(item, "value", None) == value for item in enum.value):
            return f"{value!r} is already in the enum at {pointer}"
        if enum.flow_style:
            close = self.text.rindex("]", 0, enum.end_mark.index)
            self.edits.append((close, 0, f", {_scalar(value)}"))
        else:
            last = enum.value[-1]
            indent = " " * (last.start_mark.column - 2)
            self.edits.append((self._offset_of_line(_line_after(last)), 0, f"{indent}- {_scalar(value)}\n"))
        return None

    def _offset_of_line(self, line: int) -> int:
        lines = self.text.splitlines(keepends=True)
        offset = sum(len(text) for text in lines[:line])
        if line >= len(lines) and not self.text.endswith("\n"):
            self.text += "\n"
            offset += 1
        return offset

    def result(self) -> str:
        text = self.text
        for offset, length, new in sorted(self.edits, key=lambda edit: edit[0], reverse=True):
            text = text[:offset] + new + text[offset + length :]
        return text


def propose(api_report: dict[str, Any], spec: Path) -> Proposal:
    """The patch of `spec` that the drift entries of one API propose."""
    original = spec.read_text(encoding="utf-8")
    text = SpecText(original)
    applied: list[str] = []
    skipped: list[str] = []
    for entry in api_report.get("drift", []):
        where = ".".join(str(part) for part in (entry.get("model"), entry.get("field")) if part)
        kind = entry.get("kind")
        if kind not in PATCHABLE or not entry.get("additive") or not entry.get("schema_pointer"):
            skipped.append(f"{kind} {where or entry.get('value')}: left to a person")
            continue
        if kind == "extra":
            problem = text.add_property(entry["schema_pointer"], entry["field"], entry.get("observed_types", []))
            said = f"extra field {where} ({', '.join(entry.get('observed_types', []))})"
        else:
            problem = text.add_enum_value(entry["schema_pointer"], entry["value"])
            said = f"enum value {entry['value']!r} of {where}"
        (skipped if problem else applied).append(f"{said}: {problem}" if problem else said)
    return Proposal(spec, original, text.result(), applied, skipped)


def cmd_drift_apply(args: argparse.Namespace) -> int:
    report = json.loads(args.report.read_text(encoding="utf-8"))
    apis: dict[str, Any] = report.get("apis", {})
    names = [args.api] if args.api else [name for name, data in apis.items() if data.get("drift")]
    if args.api and args.api not in apis:
        print(
            f"error: {args.report} has no API named {args.api!r} (it has: {', '.join(apis) or 'none'})", file=sys.stderr
        )
        return 1
    if (args.spec or args.out) and len(names) != 1:
        print("error: --spec and --out need one API: name it with --api", file=sys.stderr)
        return 1
    diffs = []
    for name in names:
        spec = args.spec or Path(apis[name]["spec"])
        proposal = propose(apis[name], spec)
        for line in proposal.applied:
            print(f"{name}: proposed {line}", file=sys.stderr)
        for line in proposal.skipped:
            print(f"{name}: not patched: {line}", file=sys.stderr)
        if args.out:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(proposal.patched, encoding="utf-8")
            print(f"{name}: wrote the patched spec to {args.out}", file=sys.stderr)
        diffs.append(proposal.diff())
    text = "".join(diffs)
    if args.diff:
        args.diff.write_text(text, encoding="utf-8")
        print(f"wrote the proposed patch to {args.diff}", file=sys.stderr)
    elif not args.out:
        sys.stdout.write(text)
    if not text:
        print("no additive drift: nothing to propose", file=sys.stderr)
    return 0
