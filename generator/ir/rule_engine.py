"""Checks of the spec's `x-rules` (see spec/README.md) and of field groups on plain JSON data.

Standard library only: this module is also copied verbatim into every generated client
package (as `_rules.py`), so that the mock server and the clients enforce the same rules from
the same code. A rule is a JSON object (`id`, `kind`, `message` and the kind's parameters);
an instance is the JSON object the rule's schema describes.

The `x-rules` kinds are written in the spec. The field-group kinds are what JSON Schema says
with `oneOf`/`anyOf` of `required` lists and `if`/`then`; `field_group_rules` writes them from
a model's groups, so that their checks and messages are defined here once:

| kind | parameters | broken when |
|------|------------|-------------|
| `exactly-one-of` | `groups`: lists of property names | not exactly one group has all its properties |
| `at-least-one-of` | `groups` | no group has all its properties |
| `required-when` | `match` ({property: value}), `required` | the property has the value and a required one is absent |

A property is given when its key is present, null included (as JSON Schema's `required`).
Violations point (JSON Pointer, RFC 6901) at the object for the first two, at each missing
property for `required-when`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["RuleViolation", "check_rule", "check_rules", "field_group_rules", "matches", "text_length"]


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
    if not _is_mapping(item):
        return False
    for key, expected in match.items():
        if key == "has":
            names = expected if isinstance(expected, Sequence) and not isinstance(expected, str) else [expected]
            if any(item.get(name) is None for name in names):
                return False
        elif item.get(key) != expected:
            return False
    return True


def _token(name: object) -> str:
    """A JSON Pointer reference token (RFC 6901): `~` and `/` escaped."""
    return str(name).replace("~", "~0").replace("/", "~1")


def _groups_text(groups: Sequence[Sequence[str]], joiner: str) -> str:
    return joiner.join(" + ".join(repr(name) for name in group) for group in groups)


def field_group_rules(
    exactly_one_of: Sequence[Sequence[str]] = (),
    at_least_one_of: Sequence[Sequence[str]] = (),
    required_when: Sequence[tuple[str, Any, Sequence[str]]] = (),
) -> list[dict[str, Any]]:
    """The rules of an object's field groups (groups of property names; for `required_when`,
    (property, value, properties required when it has that value))."""
    rules: list[dict[str, Any]] = []
    if exactly_one_of:
        rules.append(
            {
                "id": "exactly-one-of",
                "kind": "exactly-one-of",
                "message": f"exactly one of {_groups_text(exactly_one_of, ' or ')} is required",
                "groups": [list(group) for group in exactly_one_of],
            }
        )
    if at_least_one_of:
        rules.append(
            {
                "id": "at-least-one-of",
                "kind": "at-least-one-of",
                "message": f"at least one of {_groups_text(at_least_one_of, ' or ')} is required",
                "groups": [list(group) for group in at_least_one_of],
            }
        )
    for name, value, required in required_when:
        rules.append(
            {
                "id": "required-when",
                "kind": "required-when",
                "message": f"is required when {name!r} is {value!r}",
                "match": {name: value},
                "required": list(required),
            }
        )
    return rules


def _same(value: Any, expected: Any) -> bool:
    """JSON equality: `true` is not `1`."""
    return isinstance(value, bool) == isinstance(expected, bool) and value == expected


def _check_group(kind: str, rule: Mapping[str, Any], value: Mapping[str, Any], pointer: str) -> list[RuleViolation]:
    rule_id, message = str(rule["id"]), str(rule["message"])
    if kind == "required-when":
        [(name, expected)] = rule["match"].items()
        if name not in value or not _same(value[name], expected):
            return []
        return [
            RuleViolation(rule_id, f"{pointer}/{_token(key)}", message) for key in rule["required"] if key not in value
        ]
    given = [group for group in rule["groups"] if all(key in value for key in group)]
    if kind == "at-least-one-of":
        return [] if given else [RuleViolation(rule_id, pointer, message)]
    if len(given) == 1:
        return []
    found = f"several are given: {_groups_text(given, ' and ')}" if given else "none is given"
    return [RuleViolation(rule_id, pointer, f"{message}; {found}")]


def _range_of(item: Any, key: str) -> tuple[int, int] | None:
    value = item.get(key) if _is_mapping(item) else None
    if (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        return value[0], value[1]
    return None


def _is_mapping(value: Any) -> bool:
    return isinstance(value, (dict, Mapping))  # dict first: the common case skips the ABC check


def _is_array(value: Any) -> bool:
    return isinstance(value, list) or (isinstance(value, Sequence) and not isinstance(value, str))


_ITEM_KINDS = frozenset({"sole-item", "no-consecutive", "max-matching"})


def _cannot_break(kind: str, rule: Mapping[str, Any], value: Any) -> bool:
    """Whether `value` is too short to break an item rule, or not an array: one item is alone
    and has no neighbour, and no more than `max` items cannot have more than `max` matching."""
    if not _is_array(value):
        return True
    return len(value) < 2 if kind != "max-matching" else len(value) <= int(rule["max"])


def check_rule(rule: Mapping[str, Any], value: Any, pointer: str = "") -> list[RuleViolation]:
    """Every violation of one rule by `value` (the array or object the rule is attached to)."""
    kind = rule["kind"]
    if kind in _ITEM_KINDS:
        if _cannot_break(kind, rule, value):
            return []
        match = rule["match"]
        hits = [index for index, item in enumerate(value) if matches(item, match)]
        if not hits:
            return []
        rule_id, message = str(rule["id"]), str(rule["message"])
        if kind == "sole-item":
            return [RuleViolation(rule_id, f"{pointer}/{hits[0]}", message)] if len(value) > 1 else []
        if kind == "no-consecutive":
            hit = set(hits)
            return [RuleViolation(rule_id, f"{pointer}/{index}", message) for index in hits if index - 1 in hit]
        most = int(rule["max"])
        return [RuleViolation(rule_id, f"{pointer}/{hits[most]}", message)] if len(hits) > most else []
    if not _is_mapping(value):
        return []
    if kind in ("exactly-one-of", "at-least-one-of", "required-when"):
        return _check_group(kind, rule, value, pointer)
    items = value.get(rule["items"])
    if not items or not _is_array(items):
        return []
    rule_id, message = str(rule["id"]), str(rule["message"])
    problems: list[RuleViolation] = []
    if kind == "range-within":
        target = value.get(rule["target"])
        length = text_length(target, rule.get("unit", "utf-16")) if isinstance(target, str) else 0
        for index, item in enumerate(items):
            bounds = _range_of(item, rule["range"])
            if bounds is not None and not (0 <= bounds[0] < bounds[1] <= length):
                where = f"{pointer}/{_token(rule['items'])}/{index}/{_token(rule['range'])}"
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
                    where = f"{pointer}/{_token(rule['items'])}/{index}/{_token(rule['range'])}"
                    problems.append(RuleViolation(rule_id, where, f"{message} (overlaps item {other})"))
                    break
    return problems


def check_rules(rules: Sequence[Mapping[str, Any]], instance: Any, pointer: str = "") -> list[RuleViolation]:
    """Every violation of the rules of one schema by one instance of it.

    Rules with a `field` apply to that array property of the instance; the others (field
    groups among them) apply to the instance itself.
    """
    problems: list[RuleViolation] = []
    mapping = _is_mapping(instance)
    for rule in rules:
        field = rule.get("field")
        if field is None:
            problems += check_rule(rule, instance, pointer)
        elif mapping and field in instance:
            value, kind = instance[field], rule["kind"]
            if kind in _ITEM_KINDS and _cannot_break(kind, rule, value):
                continue  # the common case, decided before the pointer is made
            problems += check_rule(rule, value, f"{pointer}/{_token(field)}")
    return problems
