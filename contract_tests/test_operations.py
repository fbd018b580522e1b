"""Schemathesis property tests over every operation of both specs.

One test item per operation: the spec's examples, the coverage phase (boundary values, missing
and malformed parameters) and random positive and negative data, each response validated by
every built-in check plus `error_body_names_problem` and `accepted_body_satisfies_rules`
(contract_tests/checks.py). Positive cases refer to resources that exist
(contract_tests/references.py). Failures print the request as a curl command.
"""

from __future__ import annotations

import schemathesis

from .references import KnownResources, realise
from .schemas import load_schema
from .targets import ApiName, Target, api_name_for_location

sendblue_schema = load_schema("sendblue")
linq_schema = load_schema("linq")


def exercise(case: schemathesis.Case, targets: dict[ApiName, Target]) -> None:
    target = targets[api_name_for_location(case.operation.schema.location)]
    target.pace()
    realise(case)
    case.call_and_validate(base_url=target.base_url, headers=target.headers)


@sendblue_schema.parametrize()
def test_sendblue_operation(
    case: schemathesis.Case, targets: dict[ApiName, Target], known_resources: KnownResources
) -> None:
    exercise(case, targets)


@linq_schema.parametrize()
def test_linq_operation(
    case: schemathesis.Case, targets: dict[ApiName, Target], known_resources: KnownResources
) -> None:
    exercise(case, targets)
