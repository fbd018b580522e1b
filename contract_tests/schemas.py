"""Schemathesis schemas of both specs, configured for this suite.

Configuration is built here in Python rather than discovered from a `schemathesis.toml`, so that
the suite behaves the same from any working directory. Credentials are not generated from the
security schemes: the tests send the target's real (or, for the mock, dummy) credentials as
explicit headers, which lets `ignored_auth` probe the server with missing and invalid ones.

Negative data does not include undeclared query parameters or headers: an OpenAPI parameter
list is not closed, the specs promise nothing about extra parameters, and servers commonly
ignore them, so accepting one is no contract violation. Every declared constraint is negated.
"""

from __future__ import annotations

from typing import Any, Literal

import schemathesis
from schemathesis import Config, GenerationMode
from schemathesis.specs.openapi.schemas import OpenApiSchema

from .checks import keep_failure
from .targets import SPECS, ApiName, max_examples

Purpose = Literal["fuzz", "examples", "links"]


def load_schema(name: ApiName, purpose: Purpose = "fuzz") -> OpenApiSchema:
    """A schema of one spec: `fuzz` generates positive and negative data over every phase;
    `examples` replays the spec's own examples, plus a few drawn cases, for the examples mock;
    `links` backs the state machines built from the specs' OpenAPI links."""
    schema = schemathesis.openapi.from_path(SPECS[name], config=Config())
    generation = schema.config.generation
    generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        max_examples=max_examples(),
        with_security_parameters=False,
        allow_x00=False,
        allow_extra_parameters=False,
    )
    if purpose == "fuzz":
        schema.config.phases.update(phases=["examples", "coverage", "fuzzing"])
    elif purpose == "links":
        # The state machines follow the links the specs declare, not links Schemathesis infers
        # from field names (which would spread the few steps a scenario has over guesses).
        schema.config.phases.update(phases=["stateful"])
        schema.config.phases.stateful.inference.algorithms = []
    else:
        generation.update(max_examples=max(2, max_examples() // 3))
        schema.config.phases.update(phases=["examples", "fuzzing"])

    def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
        return keep_failure(context, failure, case, response)

    schema.hook(filter_failure)  # a hook object of its own: Schemathesis tags it per schema
    return schema
