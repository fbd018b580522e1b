"""Build the IR (`generator.ir.model.Api`) from a loaded spec.

This is the only code that reads the OpenAPI document's structure. Its stages, each a layer on
the one below: `base` (state and problems), `rules` (`x-rules`), `schemas` (types and models),
`messages` (parameters, bodies, responses), `operations` (operations, pagination) and `api`
(the whole spec and the resource tree). Problems carry their source location; constructs that
cannot be typed precisely are typed loosely (`any`) with a warning, never dropped.
"""

from generator.ir.build.api import build_api

__all__ = ["build_api"]
