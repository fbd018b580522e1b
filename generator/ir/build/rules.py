"""Parsing the spec's `x-rules` into `Rule`s, with a located error for each malformed rule."""

from __future__ import annotations

from generator.document.loader import join_pointer
from generator.ir.build.base import JSON, BuilderBase
from generator.ir.model import (
    Rule,
    RuleMatch,
)

RULE_KINDS = {
    "sole-item": ("array", ("match",)),
    "no-consecutive": ("array", ("match",)),
    "max-matching": ("array", ("match", "max")),
    "range-within": ("object", ("items", "range", "target", "unit")),
    "no-overlap": ("object", ("items", "range", "match")),
}


class RuleParser(BuilderBase):
    """`x-rules` of an object schema and of its array properties (see spec/README.md)."""

    def object_rules(
        self, owner: str, schema: dict[str, JSON], pointer: str, uri: str, properties: dict[str, tuple[JSON, str, str]]
    ) -> tuple[Rule, ...]:
        rules = [
            *self.parse_rules(schema.get("x-rules"), join_pointer(pointer, "x-rules"), uri, "object", None, properties)
        ]
        for prop, (prop_schema, prop_pointer, prop_uri) in properties.items():
            if isinstance(prop_schema, dict) and "$field" not in prop_schema:
                _, resolved_pointer, resolved = self.deref(prop_schema, prop_uri, prop_pointer)
                candidates = [(prop_schema, prop_pointer)]
                if resolved is not prop_schema:
                    candidates.append((resolved, resolved_pointer))
                for candidate, candidate_pointer in candidates:
                    if isinstance(candidate, dict) and "x-rules" in candidate:
                        rules += self.parse_rules(
                            candidate["x-rules"],
                            join_pointer(candidate_pointer, "x-rules"),
                            prop_uri,
                            "array",
                            prop,
                            {},
                        )
        return tuple(rules)

    def parse_rules(
        self,
        raw: JSON,
        pointer: str,
        uri: str,
        applies_to: str,
        field: str | None,
        properties: dict[str, tuple[JSON, str, str]],
    ) -> list[Rule]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.error(pointer, "x-rules must be a list of rules", "see spec/README.md", uri=uri)
            return []
        rules = []
        for index, entry in enumerate(raw):
            at = join_pointer(pointer, index)
            if not isinstance(entry, dict):
                self.error(at, "a rule must be an object with id, kind and message", uri=uri)
                continue
            kind = entry.get("kind")
            if kind not in RULE_KINDS:
                self.error(
                    join_pointer(at, "kind"),
                    f"unknown rule kind {kind!r}",
                    f"use one of {', '.join(RULE_KINDS)}",
                    uri=uri,
                )
                continue
            expected, params = RULE_KINDS[kind]
            missing = [key for key in ("id", "message", *params) if key not in entry]
            if missing:
                self.error(at, f"rule {kind!r} is missing {', '.join(missing)}", uri=uri)
                continue
            if expected != applies_to:
                self.error(
                    at, f"a {kind!r} rule applies to an {expected}, but it is placed on an {applies_to}", uri=uri
                )
                continue
            if applies_to == "object":
                for key in ("items", "target"):
                    if key in params and entry[key] not in properties:
                        self.error(join_pointer(at, key), f"{entry[key]!r} is not a property of this object", uri=uri)
            if kind == "range-within" and entry.get("unit") not in ("utf-16", "code-point"):
                self.error(join_pointer(at, "unit"), "unit must be 'utf-16' or 'code-point'", uri=uri)
            max_value = entry.get("max")
            if kind == "max-matching" and (
                not isinstance(max_value, int) or isinstance(max_value, bool) or max_value < 0
            ):
                self.error(join_pointer(at, "max"), "max must be a non-negative integer", uri=uri)
                continue
            match = entry.get("match")
            rule_match = None
            if "match" in params:
                if not isinstance(match, dict):
                    self.error(
                        join_pointer(at, "match"), "match must be an object of property values (and 'has')", uri=uri
                    )
                    continue
                has = match.get("has", [])
                rule_match = RuleMatch(
                    equals=tuple((k, v) for k, v in match.items() if k != "has"),
                    has=tuple(has) if isinstance(has, list) else (has,),
                )
            rules.append(
                Rule(
                    id=str(entry["id"]),
                    kind=kind,
                    message=str(entry["message"]),
                    field=field,
                    match=rule_match,
                    max=max_value if kind == "max-matching" else None,
                    items=entry.get("items"),
                    range=entry.get("range"),
                    target=entry.get("target"),
                    unit=entry.get("unit"),
                    location=self.loaded.locate_later(at, uri),
                )
            )
        return rules
