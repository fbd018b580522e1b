"""Checks of the spec's `x-rules` (see spec/README.md) on plain JSON data.

Standard library only: this module is also copied verbatim into every generated client
package (as `_rules.py`), so that the mock server and the clients enforce the same rules from
the same code. A rule is the JSON object written in the spec (`id`, `kind`, `message` and the
kind's parameters); an instance is the JSON object the rule's schema describes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["RuleViolation", "check_rule", "check_rules", "matches", "text_length"]


class RuleViolation(ValueError):
    """A broken rule: which one, where (a JSON pointer inside the checked value) and why."""

    def __init__(self, rule_id: str, pointer: str, message: str) -> None:
        self.rule_id = rule_id
        self.pointer = pointer
        self.message = message
        super().__init__(f"{pointer or '/'}: {message} [{rule_id}]")


def text_length(text: str, unit: str) -> int:
    """Length of `text` in UTF-16 code units (`utf-16`) or in code points (`code-point`)."""
    if unit == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def matches(item: Any, match: Mapping[str, Any]) -> bool:
    """True when `item` has every listed property value and every property named in `has`."""
    if not isinstance(item, Mapping):
        return False
    for key, expected in match.items():
        if key == "has":
            names = expected if isinstance(expected, Sequence) and not isinstance(expected, str) else [expected]
            if any(item.get(name) is None for name in names):
                return False
        elif item.get(key) != expected:
            return False
    return True


def _range_of(item: Any, key: str) -> tuple[int, int] | None:
    value = item.get(key) if isinstance(item, Mapping) else None
    if (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        return value[0], value[1]
    return None


def check_rule(rule: Mapping[str, Any], value: Any, pointer: str = "") -> list[RuleViolation]:
    """Every violation of one rule by `value` (the array or object the rule is attached to)."""
    kind, rule_id, message = rule["kind"], str(rule["id"]), str(rule["message"])
    problems: list[RuleViolation] = []
    if kind in ("sole-item", "no-consecutive", "max-matching"):
        if not isinstance(value, Sequence) or isinstance(value, str):
            return problems
        hits = [index for index, item in enumerate(value) if matches(item, rule["match"])]
        if kind == "sole-item" and hits and len(value) > 1:
            problems.append(RuleViolation(rule_id, f"{pointer}/{hits[0]}", message))
        elif kind == "no-consecutive":
            problems.extend(
                RuleViolation(rule_id, f"{pointer}/{index}", message) for index in hits if index - 1 in set(hits)
            )
        elif kind == "max-matching" and len(hits) > int(rule["max"]):
            problems.append(RuleViolation(rule_id, f"{pointer}/{hits[int(rule['max'])]}", message))
        return problems
    if not isinstance(value, Mapping):
        return problems
    items = value.get(rule["items"]) or []
    if not isinstance(items, Sequence) or isinstance(items, str):
        return problems
    if kind == "range-within":
        target = value.get(rule["target"])
        length = text_length(target, rule.get("unit", "utf-16")) if isinstance(target, str) else 0
        for index, item in enumerate(items):
            bounds = _range_of(item, rule["range"])
            if bounds is not None and not (0 <= bounds[0] < bounds[1] <= length):
                where = f"{pointer}/{rule['items']}/{index}/{rule['range']}"
                problems.append(RuleViolation(rule_id, where, f"{message} (range {list(bounds)}, length {length})"))
    elif kind == "no-overlap":
        spans = [(index, _range_of(item, rule["range"])) for index, item in enumerate(items)]
        for index, item in enumerate(items):
            bounds = spans[index][1]
            if bounds is None or not matches(item, rule["match"]):
                continue
            for other, other_bounds in spans:
                if (
                    other != index
                    and other_bounds is not None
                    and bounds[0] < other_bounds[1]
                    and other_bounds[0] < bounds[1]
                ):
                    where = f"{pointer}/{rule['items']}/{index}/{rule['range']}"
                    problems.append(RuleViolation(rule_id, where, f"{message} (overlaps item {other})"))
                    break
    return problems


def check_rules(rules: Sequence[Mapping[str, Any]], instance: Any, pointer: str = "") -> list[RuleViolation]:
    """Every violation of the rules of one schema by one instance of it.

    Rules with a `field` apply to that array property of the instance; the others apply to the
    instance itself.
    """
    problems: list[RuleViolation] = []
    for rule in rules:
        field = rule.get("field")
        if field is None:
            problems.extend(check_rule(rule, instance, pointer))
        elif isinstance(instance, Mapping) and field in instance:
            problems.extend(check_rule(rule, instance[field], f"{pointer}/{field}"))
    return problems
