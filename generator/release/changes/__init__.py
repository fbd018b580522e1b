"""What changed for the users of a generated client between two versions of a spec.

A vendor changes its API, the spec follows, the client is regenerated: this package says what
that means for code written against the previous client. The answer is a `ChangeReport` of
`Change`s; each cites a rule of `rules.RULES` (id, level ERR/WARN/INFO, message template) and
has a severity for the version number: `breaking` (ERR and WARN: major bump), `addition` (minor)
or `other` (patch).

Two sources are compared, then merged:

- `spec` (`diff_apis`, in `spec.py`): the two IRs, judged per direction a value travels in
  (`schemas.py` for types, `constraints.py` for validation keywords, `arguments.py`,
  `operations.py`, `models.py`);
- `python-api` (`api_surface` in `surface.py`, `diff_surfaces` in `python_api.py`): the public
  Python API of the two packages, read with griffe. It catches what the generator changed by
  itself. `merge` drops a Python API change that restates a spec change.

`compare.py` runs both on two spec files, `baseline.py` against a git revision, and `jobs.py`
turns the `diff` command's arguments into comparisons.
"""

from generator.release.changes.baseline import DiffError, compare_with_revision
from generator.release.changes.compare import compare
from generator.release.changes.jobs import DiffJob, diff_jobs
from generator.release.changes.merge import merge
from generator.release.changes.python_api import diff_surfaces
from generator.release.changes.report import (
    FAIL_ON,
    SEVERITIES,
    Change,
    ChangeReport,
    ChangeSource,
    Level,
    Severity,
    reaches,
)
from generator.release.changes.rules import RULES, Rule, RuleLevel
from generator.release.changes.spec import diff_apis
from generator.release.changes.surface import RESPONSE_VIEWS, SURFACE_FORMAT, api_surface

__all__ = [
    "FAIL_ON",
    "RESPONSE_VIEWS",
    "RULES",
    "SEVERITIES",
    "SURFACE_FORMAT",
    "Change",
    "ChangeReport",
    "ChangeSource",
    "DiffError",
    "DiffJob",
    "Level",
    "Rule",
    "RuleLevel",
    "Severity",
    "api_surface",
    "compare",
    "compare_with_revision",
    "diff_apis",
    "diff_jobs",
    "diff_surfaces",
    "merge",
    "reaches",
]
