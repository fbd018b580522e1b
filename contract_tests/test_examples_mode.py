"""The mock in `examples` mode: every operation answers valid requests with the spec's own example.

Schemathesis replays the spec's request examples and draws a few positive and negative cases
per operation; every response goes through all the checks (as in test_operations.py), and a 2xx
must be the documented example of that status, byte for byte in JSON terms (a request for a
later page of a list gets the example marked as the last page). An API pointed at a live server
is skipped here: examples mode is a property of the mock.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis

from .checks import ir_operation
from .mock.example_pages import continues_list, last_page_bodies
from .schemas import load_schema
from .targets import ApiName, Target, api_name_for_location

sendblue_schema = load_schema("sendblue", "examples")
linq_schema = load_schema("linq", "examples")


def documented_examples(case: schemathesis.Case, status: int) -> list[Any]:
    _, operation = ir_operation(case)
    if operation is None:
        return []
    response = next((r for r in operation.responses if r.status == str(status)), None)
    if response is None:
        return []
    found = [value for _, value in response.examples]
    if response.has_example:
        found.append(response.example)
    pagination = operation.pagination
    if pagination is not None and continues_list(pagination, _query_lists(case.query)):
        found = [body for value in found for body in last_page_bodies(pagination, value)]
    return found


def _query_lists(query: dict[str, Any] | None) -> dict[str, list[str]]:
    """The case's query as the mock reads it: every value as text, in a list."""
    as_lists: dict[str, list[str]] = {}
    for name, value in (query or {}).items():
        values = value if isinstance(value, list) else [value]
        as_lists[name] = [_text(item) for item in values]
    return as_lists


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def serves_documented_example(ctx: Any, response: schemathesis.Response, case: schemathesis.Case) -> None:
    """A successful answer in examples mode is one of the spec's examples for that status."""
    if not 200 <= response.status_code < 300:
        return None
    examples = documented_examples(case, response.status_code)
    if not examples:
        return None
    body = response.json() if response.content else None
    if body not in examples:
        raise AssertionError(
            f"examples mode answered {response.status_code} with a body that is none of the "
            f"{len(examples)} documented example(s) of that status"
        )
    return None


def exercise(case: schemathesis.Case, examples_targets: dict[ApiName, Target]) -> None:
    target = examples_targets.get(api_name_for_location(case.operation.schema.location))
    if target is None:
        pytest.skip("this API runs against a live server: examples mode is the mock's")
    case.call_and_validate(
        base_url=target.base_url, headers=target.headers, additional_checks=[serves_documented_example]
    )


@sendblue_schema.parametrize()
def test_sendblue_examples_mode(case: schemathesis.Case, examples_targets: dict[ApiName, Target]) -> None:
    exercise(case, examples_targets)


@linq_schema.parametrize()
def test_linq_examples_mode(case: schemathesis.Case, examples_targets: dict[ApiName, Target]) -> None:
    exercise(case, examples_targets)
