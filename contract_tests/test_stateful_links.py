"""Schemathesis state machines built from the specs' OpenAPI `links`.

Linq: create chat -> retrieve / update / send / list / add participant; send -> retrieve /
edit / react / delete / thread, so scenarios such as create -> send -> react -> edit -> delete ->
retrieve (which must then answer 404, `use_after_free`) come out of the links alone. Sendblue:
send -> status / retrieve. Every step runs all checks, including the stateful ones
(`use_after_free`, `ensure_resource_availability`) and the suite's custom checks.
"""

from __future__ import annotations

from typing import Any, ClassVar

import hypothesis
import pytest
import schemathesis
from schemathesis.generation.stateful.state_machine import DEFAULT_STATE_MACHINE_SETTINGS

from .references import KnownResources, realise
from .schemas import load_schema
from .targets import ApiName, Target, stateful_examples

STEPS_PER_SCENARIO = 8


def machine_for(name: ApiName) -> Any:
    base: Any = load_schema(name, "links").as_state_machine()

    class LinkedCalls(base):  # type: ignore[misc, valid-type]
        target: ClassVar[Target]

        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
            return {"base_url": self.target.base_url, "headers": dict(self.target.headers)}

        def before_call(self, case: schemathesis.Case) -> None:
            self.target.pace()
            realise(case, keep_rules=True)

        def validate_response(
            self, response: Any, case: schemathesis.Case, additional_checks: Any = None, **kwargs: Any
        ) -> None:
            # The credentials are the caller's (explicit), so `ignored_auth` probes without them.
            __tracebackhide__ = True
            case.validate_response(
                response,
                additional_checks=additional_checks,
                headers=kwargs.get("headers"),
                transport_kwargs=kwargs or None,
                recorder=self.recorder,
            )

    LinkedCalls.__name__ = LinkedCalls.__qualname__ = f"{name.capitalize()}LinkedCalls"
    return LinkedCalls


SETTINGS = hypothesis.settings(
    DEFAULT_STATE_MACHINE_SETTINGS, max_examples=stateful_examples(), stateful_step_count=STEPS_PER_SCENARIO
)

LinqLinkedCalls = machine_for("linq")
SendblueLinkedCalls = machine_for("sendblue")


class TestLinqLinks(LinqLinkedCalls.TestCase):  # type: ignore[misc, name-defined]
    settings = SETTINGS

    @pytest.fixture(autouse=True)
    def bind_target(self, targets: dict[ApiName, Target], known_resources: KnownResources) -> None:
        LinqLinkedCalls.target = targets["linq"]


class TestSendblueLinks(SendblueLinkedCalls.TestCase):  # type: ignore[misc, name-defined]
    settings = SETTINGS

    @pytest.fixture(autouse=True)
    def bind_target(self, targets: dict[ApiName, Target], known_resources: KnownResources) -> None:
        SendblueLinkedCalls.target = targets["sendblue"]
