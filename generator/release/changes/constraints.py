"""Judging validation keywords: bounds, lengths, counts, pattern, multipleOf, uniqueItems.

Tightening a request constraint breaks callers (the client checks it before sending, the server
after); loosening one is informational. On the response side the reverse holds.
"""

from __future__ import annotations

from typing import Any

from generator.ir.model import Constraints
from generator.release.changes.findings import Direction, Finding, finding

# (attribute, keyword, whether it is an upper bound)
BOUNDS: tuple[tuple[str, str, bool], ...] = (
    ("max_length", "maxLength", True),
    ("maximum", "maximum", True),
    ("exclusive_maximum", "exclusiveMaximum", True),
    ("max_items", "maxItems", True),
    ("min_length", "minLength", False),
    ("minimum", "minimum", False),
    ("exclusive_minimum", "exclusiveMinimum", False),
    ("min_items", "minItems", False),
)


def number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def bound_text(keyword: str, old: Any, new: Any) -> str:
    if old is None:
        return f"{keyword} {number(new)} added"
    if new is None:
        return f"{keyword} {number(old)} removed"
    return f"{keyword} {'lowered' if new < old else 'raised'} from {number(old)} to {number(new)}"


def bound_tightened(old: Any, new: Any, upper: bool) -> bool:
    return new is not None and (old is None or (new < old if upper else new > old))


def constraint_findings(old: Constraints, new: Constraints, direction: Direction) -> list[Finding]:
    found = []
    for attribute, keyword, upper in BOUNDS:
        a, b = getattr(old, attribute), getattr(new, attribute)
        if a != b:
            found.append(constraint(keyword, bound_tightened(a, b, upper), bound_text(keyword, a, b), direction, a, b))
    if old.pattern != new.pattern:
        found.append(_pattern_finding(old.pattern, new.pattern, direction))
    if old.multiple_of != new.multiple_of:
        text = f"multipleOf changed from {number(old.multiple_of)} to {number(new.multiple_of)}"
        tightened = new.multiple_of is not None
        found.append(constraint("multipleOf", tightened, text, direction, old.multiple_of, new.multiple_of))
    if old.unique_items != new.unique_items:
        text = "items must now be unique" if new.unique_items else "items no longer need to be unique"
        found.append(constraint("uniqueItems", new.unique_items, text, direction, old.unique_items, new.unique_items))
    return found


# Patterns every string matches: a change to one of them loosens the constraint.
_UNIVERSAL_PATTERNS = frozenset({"", ".*", "^.*$", "^.*", ".*$", "[\\s\\S]*", "^[\\s\\S]*$"})


def _pattern_finding(old: str | None, new: str | None, direction: Direction) -> Finding:
    """Added: tightened; removed or now matching anything: loosened; otherwise it cannot be told.

    Whether one regular expression accepts every string another accepts is not decidable in
    general, so a changed pattern is a WARN (`*-pattern-changed`), never a certain tightening.
    """
    if old is None:
        return constraint("pattern", True, f"pattern `{new}` added", direction, old, new)
    if new is None or new in _UNIVERSAL_PATTERNS:
        text = f"pattern `{old}` removed" if new is None else f"pattern `{old}` generalised to `{new}`"
        return constraint("pattern", False, text, direction, old, new)
    return finding("pattern", f"{direction}-pattern-changed", old, new)


def constraint(keyword: str, tightened: bool, text: str, direction: Direction, old: Any, new: Any) -> Finding:
    before = None if old is None else number(old)
    after = None if new is None else number(new)
    rule_id = f"{direction}-constraint-{'tightened' if tightened else 'loosened'}"
    return finding(keyword, rule_id, before, after, text=text)
