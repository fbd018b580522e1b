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


# Verdicts on whether a request was valid: where the spec and a live server disagree about one,
# the reference pages may not settle it (an empty `content` next to a `media_url`, say).
VALIDITY_VERDICTS = frozenset({"RejectedPositiveData", "AcceptedNegativeData"})
EITHER_SIDE = (
    "The spec and this server disagree about whether the request is valid. Where the reference "
    "pages are silent either side may be wrong: if the pages support the server, change the spec "
    "(and note the choice in spec/README.md); otherwise the server breaks its contract."
)


def exercise(case: schemathesis.Case, targets: dict[ApiName, Target]) -> None:
    target = targets[api_name_for_location(case.operation.schema.location)]
    target.pace()
    realise(case)
    try:
        case.call_and_validate(base_url=target.base_url, headers=target.headers)
    except BaseException as exc:
        if target.live:
            note_disagreement(exc)
        raise


def note_disagreement(exc: BaseException) -> bool:
    """Adds `EITHER_SIDE` to a live failure that is a disagreement about the request's validity."""
    failures = exc.exceptions if isinstance(exc, BaseExceptionGroup) else (exc,)
    if any(type(failure).__name__ in VALIDITY_VERDICTS for failure in failures):
        exc.add_note(EITHER_SIDE)
        return True
    return False


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
