"""The rule corpus: one spec pair per rule, each giving exactly the rules (and levels) it expects.

The pairs live in `tests/fixtures/changes/<case>/` (written by `make_pairs.py` there); each
`revision.yaml` holds its expectation in `x-expect`. The spec diff (`diff_apis`) is checked,
which is where every rule of the table but the Python API ones (`python-*`, tested in
`test_changes.py`) is decided.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.ir.build import build_api
from generator.release.changes import RULES, diff_apis
from generator.release.changes.oasdiff import NOT_APPLICABLE, OASDIFF_RULES, ours

CORPUS = Path(__file__).resolve().parent / "fixtures" / "changes"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "revision.yaml").is_file())
# Rules no spec pair can give: the Python API rules, and the response-added pair of a type
# alias, which a spec change always shows as a model change too.
NOT_FROM_SPECS = frozenset(rule for rule in RULES if rule.startswith("python-"))


def _expectation(case: str) -> dict[str, list[object]]:
    return yaml.safe_load((CORPUS / case / "revision.yaml").read_text(encoding="utf-8"))["x-expect"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("case", CASES)
def test_each_pair_gives_its_rules_at_their_levels(case: str) -> None:
    expected = Counter(tuple(change) for change in _expectation(case)["changes"])
    changes = diff_apis(build_api(CORPUS / case / "base.yaml"), build_api(CORPUS / case / "revision.yaml"))
    found = Counter((change.level, change.rule) for change in changes)
    assert found == expected, [(c.level, c.rule, c.subject, c.message) for c in changes]


def test_every_rule_that_a_spec_can_give_has_a_pair() -> None:
    covered = {rule for case in CASES for _, rule in _expectation(case)["changes"]}
    missing = sorted(set(RULES) - covered - NOT_FROM_SPECS - UNPAIRED.keys())
    assert missing == []


# Rules without a pair of their own, and why.
UNPAIRED = {
    # Fields and arguments keep their Python name while their wire name stays: only a change of
    # the generator's naming renames one (tests/test_changes.py pins the naming).
    "field-name-changed": "a generator naming change, not a spec change",
    # Pagination is inferred from the shape of a list operation; tests/fixtures/spec_variants has
    # the removal, and the inference has its own tests (tests/test_ir.py).
    "pagination-added": "inferred by the IR builder",
    "pagination-changed": "inferred by the IR builder",
    "pagination-removed": "inferred by the IR builder; tests/fixtures/spec_variants/pagination-removed.yaml",
}


def test_the_oasdiff_rules_named_by_pairs_are_known_and_map_to_the_rule_the_pair_gives() -> None:
    for case in CASES:
        expectation = _expectation(case)
        given = {rule for _, rule in expectation["changes"]}
        for name in expectation["oasdiff"]:
            assert name in OASDIFF_RULES, (case, name)
            assert name not in NOT_APPLICABLE, (case, name)
            assert ours(str(name)) & given or not given, (case, name, ours(str(name)), given)
