"""Checks Schemathesis does not ship, and the one place its own verdict is overruled.

- `error_body_names_problem`: a 400 carries the API's documented error body, its status field
  agrees with the HTTP status, and its message names what was wrong with the request (a
  property, parameter or rule the suite's own reading of the spec finds at fault; for a request
  the spec finds nothing wrong with, one of the declared fields the request carries).
- `accepted_body_satisfies_rules`: a request body the server accepted (2xx) satisfies the
  spec's `x-rules` as well as its JSON Schema.
- `keep_failure`: Schemathesis generates "positive" bodies from JSON Schema alone, so some of
  them break an `x-rules` rule; a 400 for such a body is the right answer, not a rejected valid
  request, and that one failure is dropped. So is a documented 400 in a stateful run, where
  the resources are real and a value may not fit their state (a `part_index` past the
  message's parts, a `handle` that is not a participant): preconditions the descriptions imply
  and JSON Schema cannot state; `error_body_names_problem` still requires that 400 to name the
  field. Against the mock, which accepts any non-empty key, the invalid-key probe of
  `ignored_auth` is dropped too. Every other failure stands.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import schemathesis
from schemathesis.core import NotSet
from schemathesis.generation.meta import TestPhase
from schemathesis.openapi.checks import AuthScenario, IgnoredAuth, JsonSchemaError, RejectedPositiveData

from generator.document.loader import unescape_pointer_token as unescape_token
from generator.ir.model import Operation

from . import drift_report, findings
from .error_messages import ErrorWordingWarning, names_any, strict_errors
from .mock.ascii_numbers import ascii_digits
from .mock.variations import empty_string_at
from .oracle import Problem, SpecOracle, oracle_for
from .targets import api_name_for_location, live_url

ROOT_NAMES = ("body", "json", "request")
# What a message about the request's media type may say instead of a property name.
CONTENT_TYPE_NAMES = ("content-type", "content type", "media type", "json")


def ir_operation(case: schemathesis.Case) -> tuple[SpecOracle, Operation | None]:
    """The oracle of the case's API and the IR operation the case exercises."""
    oracle = oracle_for(api_name_for_location(case.operation.schema.location))
    operation_id = case.operation.definition.raw.get("operationId")
    found = next((op for op in oracle.api.operations if op.id == operation_id), None)
    return oracle, found


def case_body(case: schemathesis.Case) -> tuple[bool, Any]:
    return (not isinstance(case.body, NotSet)), (None if isinstance(case.body, NotSet) else case.body)


def request_problems(case: schemathesis.Case) -> list[Problem]:
    oracle, operation = ir_operation(case)
    if operation is None:
        return []
    has_body, body = case_body(case)
    return oracle.request_problems(operation, path=case.path_parameters, query=case.query, body=body, has_body=has_body)


def body_rule_violations(case: schemathesis.Case) -> list[Problem]:
    oracle, operation = ir_operation(case)
    has_body, body = case_body(case)
    if operation is None or operation.body is None or not has_body:
        return []
    return oracle.rule_violations(operation.body.type, body)


def find_error_message(body: Any) -> str | None:
    """The human-readable message of an error body: a `message` or `*_message` string, at any depth."""
    if isinstance(body, Mapping):
        for key, value in body.items():
            if isinstance(value, str) and (key == "message" or str(key).endswith("_message")):
                return value
        for value in body.values():
            found = find_error_message(value)
            if found is not None:
                return found
    return None


def find_status_fields(body: Any) -> list[int]:
    """Integer `status` fields of an error body (the Linq shape repeats the HTTP status there)."""
    found: list[int] = []
    if isinstance(body, Mapping):
        for key, value in body.items():
            if key == "status" and isinstance(value, int) and not isinstance(value, bool):
                found.append(value)
            else:
                found += find_status_fields(value)
    return found


def error_body_problem(
    oracle: SpecOracle,
    operation: Operation,
    status: int,
    body: Any,
    names: list[str] | tuple[str, ...],
    *,
    live: bool = False,
) -> str | None:
    """Why an error body falls short, or None: documented shape, matching status, a message naming one of `names`.

    Against the mock (`live=False`) the message must name a problem exactly (its field, rule id
    or rule sentence). Against a live server it may name it in its own words, and a message that
    names nothing is an `ErrorWordingWarning`, not a failure, unless `CONTRACT_STRICT_ERRORS=1`
    (see `error_messages.py`).
    """
    declared = next((r for r in operation.responses if r.status == str(status) and r.schema_json), None)
    declared = declared or next((r for r in operation.errors if r.schema_json), None)
    if declared is not None and declared.schema_json is not None:
        errors = list(oracle.validator(declared.schema_json).iter_errors(body))
        if errors:
            details = "; ".join(f"{'/'.join(map(str, e.absolute_path)) or '/'}: {e.message}" for e in errors[:3])
            return f"The {status} response body does not match the documented error shape: {details}"
    statuses = find_status_fields(body)
    if any(value != status for value in statuses):
        return f"The error body's status field says {statuses}, but the HTTP status is {status}"
    message = find_error_message(body)
    if not message or not message.strip():
        return f"The {status} error body has no message saying what was wrong"
    if names and not names_any(message, names, own_words=live):
        explanation = (
            f"The {status} error message does not name what was wrong.\n"
            f"Message: {message!r}\n"
            f"Expected it to mention one of: {', '.join(dict.fromkeys(names))}"
        )
        if live and not strict_errors():
            warnings.warn(ErrorWordingWarning(f"{operation.method} {operation.path}: {explanation}"), stacklevel=2)
            findings.record_wording(operation, status, message, list(names))
            return None
        return explanation
    return None


def request_field_names(case: schemathesis.Case) -> list[str]:
    """The spec-declared parameter and body property names this request carries."""
    oracle, operation = ir_operation(case)
    if operation is None:
        return []
    declared = oracle.declared_names(operation)
    names = [*map(str, case.path_parameters or {}), *map(str, case.query or {})]

    def walk(value: Any) -> None:
        if isinstance(value, Mapping):
            for key, item in value.items():
                names.append(str(key))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(case_body(case)[1])
    return [name for name in dict.fromkeys(names) if name in declared]


@schemathesis.check
def error_body_names_problem(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> None:
    """A 400 has the documented error shape and says what was wrong."""
    if response.status_code != 400:
        return None
    oracle, operation = ir_operation(case)
    if operation is None:
        return None
    try:
        body = response.json()
    except ValueError as exc:
        raise AssertionError(f"The 400 response body is not JSON: {exc}") from None
    problems = request_problems(case)
    live = live_url(api_name_for_location(case.operation.schema.location)) is not None
    names = [name for problem in problems for name in problem.names]
    if live:  # a live server may name a problem by any segment of its path
        names += [
            segment for p in problems for segment in p.pointer.split("/") if segment and not ascii_digits(segment)
        ]
    if problems and not names:
        names = list(ROOT_NAMES)
    if not problems:
        # Valid by the spec, refused for the state of the resource: the message names the field.
        names = request_field_names(case)
    scenario = getattr(case.meta.phase.data, "scenario", None) if case.meta is not None else None
    if scenario is not None and "content_type" in str(scenario):
        names += CONTENT_TYPE_NAMES
    explanation = error_body_problem(oracle, operation, 400, body, names, live=live)
    if explanation is not None:
        found = "\n".join(f"  - {problem}" for problem in problems[:5])
        if found:
            explanation += f"\nProblems the spec finds in this request:\n{found}"
        raise AssertionError(explanation)
    return None


@schemathesis.check
def accepted_body_satisfies_rules(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> None:
    """A body the server accepted breaks none of the spec's `x-rules`."""
    if not 200 <= response.status_code < 300:
        return None
    violations = body_rule_violations(case)
    if violations:
        listed = "\n".join(f"  - {violation}" for violation in violations)
        raise AssertionError(
            f"The server accepted (HTTP {response.status_code}) a body that breaks the spec's x-rules:\n{listed}"
        )
    return None


@schemathesis.check
def response_drift(ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case) -> None:
    """Records how the response deviates from the spec (`drift_report.py`); never fails on its own."""
    if not drift_report.enabled():
        return None
    _, operation = ir_operation(case)
    if operation is None:
        return None
    try:
        body = response.json() if response.content else drift_report.MISSING
    except ValueError:
        body = drift_report.MISSING
    api = api_name_for_location(case.operation.schema.location)
    sent = case_body(case)[1]
    drift_report.RECORDER.observe(api, operation, response.status_code, response.headers, body, sent)
    return None


def only_additive_drift(case: schemathesis.Case, response: schemathesis.Response) -> bool:
    """A live response that breaks its schema only by undocumented enum values (drift, not a failure)."""
    oracle, operation = ir_operation(case)
    if operation is None:
        return False
    declared = next((r for r in operation.responses if r.status == str(response.status_code)), None)
    if declared is None or declared.schema_json is None:
        return False
    try:
        body = response.json()
    except ValueError:
        return False
    errors = list(oracle.validator(declared.schema_json).iter_errors(body))
    return bool(errors) and not drift_report.breaking(errors)


def is_state_precondition(case: schemathesis.Case, response: schemathesis.Response) -> bool:
    """A stateful step refused with the documented 400 (whose message `error_body_names_problem` checks)."""
    if case.meta is None or case.meta.phase.name != TestPhase.STATEFUL:
        return False
    oracle, operation = ir_operation(case)
    if operation is None:
        return False
    try:
        body = response.json()
    except ValueError:
        return False
    return error_body_problem(oracle, operation, 400, body, ()) is None


def names_empty_string(message: str, pointer: str) -> bool:
    """Whether an error message names the empty string at `pointer` (a JSON Pointer in the body):
    the property it is the value of; an empty string with no name to give (the whole body, an
    item of a top-level array, the value of an empty key) must at least be called empty."""
    names = [unescape_token(token) for token in pointer.split("/")[1:]]
    names = [name for name in names if name and not ascii_digits(name)]
    return names_any(message, names[-1:] or ["empty"], own_words=True)


def refused_empty_string(case: schemathesis.Case, response: schemathesis.Response) -> bool:
    """A live server refused, naming it, an empty string the spec allows: a spec finding, not a fault.

    The reference pages never say whether an empty `content` or `filename` is accepted; where the
    spec sets no `minLength`, a server that refuses `""` is stricter than the spec, and either
    may be wrong. The disagreement is recorded (`findings`) and listed in `reports/drift.md`.
    """
    if live_url(api_name_for_location(case.operation.schema.location)) is None:
        return False
    has_body, body = case_body(case)
    pointer = empty_string_at(body) if has_body else None
    if pointer is None:
        return False
    try:
        message = find_error_message(response.json()) or ""
    except ValueError:
        return False
    if not names_empty_string(message, pointer):
        return False
    _, operation = ir_operation(case)
    if operation is not None:
        findings.record_disagreement(
            operation,
            f"the server refuses an empty string at body {pointer}, which the spec allows (no minLength): "
            "either the spec should say `minLength: 1` or the server is stricter than the pages; "
            f"it said {message[:160]!r}",
        )
    return True


def keep_failure(context: Any, failure: Any, case: schemathesis.Case, response: schemathesis.Response) -> bool:
    """`filter_failure` hook: drops the verdicts that are wrong for this suite, keeps the rest.

    - A 400 for a schema-valid body that breaks an `x-rules` rule (or an integer format's
      bounds) is the right answer, and so is a documented 400 for a state precondition in a
      stateful run.
    - The mock accepts any non-empty key by design (it cannot know which keys are real), so
      Schemathesis' probe with a well-formed but invalid key proves nothing against it; the
      probes without credentials still run, and against live servers the invalid key counts.
    """
    if isinstance(failure, RejectedPositiveData) and response.status_code == 400:
        if refused_empty_string(case, response):
            return False  # recorded as a spec finding: the pages are silent, the spec allows it
        # Also right: a 400 for a value past the bounds its integer format implies (`int32`),
        # which Schemathesis' "positive" data may not respect; the oracle reads them as the mock.
        return (
            not body_rule_violations(case) and not request_problems(case) and not is_state_precondition(case, response)
        )
    if isinstance(failure, JsonSchemaError) and only_additive_drift(case, response):
        # Undocumented enum values: additive drift, in the report; a live server's right (not the mock's).
        return live_url(api_name_for_location(case.operation.schema.location)) is None
    if isinstance(failure, IgnoredAuth) and failure.scenario == AuthScenario.INVALID_AUTH:
        return live_url(api_name_for_location(case.operation.schema.location)) is not None
    return True
