"""The rule table: every kind of change the report can name, in one place.

Each rule has a stable id (cited by every reported change, in the Markdown and in the JSON), a
level, the coarse kind `merge` reasons on, a family and a message template (`str.format`
fields):

- `ERR`: code that worked against the previous client may now fail: a breaking change;
- `WARN`: it may fail, and the spec cannot tell (a changed `pattern`): breaking for the version
  number, reported apart so that a reviewer can decide;
- `INFO`: nothing to fix; an addition (`+` in the table) asks for a minor bump, the rest a patch.

A policy rule (`!`) checks how the spec manages change (a deprecation without a sunset date, a
lowered `x-stability-level`): ERR, so that `--fail-on ERR` stops on it, but it breaks no call
and asks for no bump by itself.

`family` groups rules by what they look at (the keyword family of a schema rule). Where our
level differs from the one of oasdiff, the field's reference rule set, `DIFFERS` says why: we
judge the generated Python client, not the wire, so a removed keyword argument is a `TypeError`
for its callers even when the server ignores unknown parameters. `oasdiff.py` maps each oasdiff
rule to ours, or says why it does not apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

RuleLevel = Literal["ERR", "WARN", "INFO"]
LEVELS: tuple[RuleLevel, ...] = ("ERR", "WARN", "INFO")


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of change: its id, level, coarse kind, family and message template."""

    id: str
    level: RuleLevel
    kind: str
    family: str
    template: str
    adds: bool = False
    differs: str = ""
    policy: bool = False

    @property
    def severity(self) -> Literal["breaking", "addition", "other"]:
        if self.policy:
            return "other"
        if self.level != "INFO":
            return "breaking"
        return "addition" if self.adds else "other"

    def render(self, **fields: object) -> str:
        return self.template.format(**fields)


# id                                   level + kind                      family     template
_TABLE = """
# operations and resources
operation-removed                      ERR  . operation-removed         operation  method removed (`{method} {path}`)
operation-removed-before-sunset        ERR  . operation-removed         lifecycle  method removed (`{call}`) before its sunset date {sunset}
operation-added                        INFO + operation-added           operation  new method (`{method} {path}`)
operation-renamed                      ERR  . operation-renamed         operation  renamed to `{new}`
path-changed                           INFO . path-changed              operation  now calls `{new_call}` instead of `{old_call}`
operation-deprecated                   INFO . operation-deprecated      lifecycle  deprecated
operation-reactivated                  INFO . operation-reactivated     lifecycle  no longer deprecated
param-removed-before-sunset            ERR  . param-removed             lifecycle  argument removed before its sunset date {sunset}
resource-removed                       ERR  . resource-removed          operation  resource removed with all its methods
resource-added                         INFO + resource-added            operation  new resource

# lifecycle policy (x-sunset, x-stability-level)
deprecated-without-sunset              ERR  ! sunset-missing            lifecycle  deprecated without an `x-sunset` date: callers cannot tell when it goes away
sunset-invalid                         ERR  ! sunset-invalid            lifecycle  `x-sunset` {value} is not a date (YYYY-MM-DD)
sunset-removed                         ERR  ! sunset-changed            lifecycle  `x-sunset` {old} removed while still deprecated
sunset-earlier                         ERR  ! sunset-changed            lifecycle  `x-sunset` moved earlier, from {old} to {new}
stability-decreased                    ERR  ! stability-changed         lifecycle  `x-stability-level` lowered from {old} to {new}
stability-increased                    INFO . stability-changed         lifecycle  `x-stability-level` raised from {old} to {new}
stability-invalid                      ERR  ! stability-changed         lifecycle  `x-stability-level` {value} is not one of draft, alpha, beta, stable

# arguments: parameters and the fields of a flattened body
param-removed                          ERR  . param-removed             parameter  argument removed ({where})
param-renamed                          ERR  . param-renamed             parameter  renamed to `{new}` ({where})
param-name-changed                     ERR  . param-renamed             parameter  renamed from `{old}` to `{new}`
param-added-required                   ERR  . param-added-required      parameter  new required argument ({where}): existing calls must pass it
param-added                            INFO + param-added               parameter  new optional argument ({where})
param-required-in-body                 ERR  . param-required            body       now required whenever the request body is sent: calls passing other body fields must pass it
param-added-required-in-body           ERR  . param-added-required      body       new argument ({where}), required whenever the request body is sent: calls passing other body fields must pass it
body-nullable-removed                  ERR  . nullable-removed          body       the request body no longer accepts null
body-nullable-added                    INFO . nullable-added            body       the request body now also accepts null
param-required                         ERR  . param-required            parameter  now required: calls without it fail
param-optional                         INFO . param-optional            parameter  now optional
param-location-changed                 INFO . param-location-changed    parameter  now sent as {new} instead of {old}
param-default-changed                  INFO . default-changed           parameter  server default changed from {old} to {new}
param-deprecated                       INFO . param-deprecated          lifecycle  deprecated
param-reactivated                      INFO . param-reactivated         lifecycle  no longer deprecated

# responses
response-added                         INFO + response-added            response   now returns `{new}`
response-removed                       ERR  . response-type-changed     response   no longer returns a value (returned `{old}`)
return-type-changed                    ERR  . response-type-changed     response   return value: {text}
return-type-compatible                 INFO . response-type-changed     response   return value: {text}
success-status-changed                 INFO . success-status-changed    response   succeeds with HTTP {new} instead of {old}
error-response-added                   INFO . error-response-added      response   may now fail with HTTP {status}
error-response-removed                 INFO . error-response-removed    response   HTTP {status} no longer documented as an error
pagination-added                       INFO + pagination-added          response   now paginated ({style}): returns a page that iterates over every item
pagination-removed                     ERR  . pagination-removed        response   no longer paginated: returns the response object instead of a page
pagination-changed                     ERR  . pagination-changed        response   pagination changed: {text}

# types (a value passed or returned)
request-type-changed                   ERR  . type-changed              type       type changed from `{old}` to `{new}`{why}
response-type-changed                  ERR  . type-changed              type       type changed from `{old}` to `{new}`{why}
request-type-widened                   INFO . type-widened              type       type widened from `{old}` to `{new}`
response-type-narrowed                 INFO . type-changed              type       type changed from `{old}` to `{new}`
enum-type-renamed                      INFO . type-changed              type       type changed from `{old}` to `{new}`
model-kind-changed                     ERR  . type-changed              model      changed from {old} to {new}
date-format-changed                    ERR  . type-changed              type       type changed from `{old}` to `{new}` (format {old_format} -> {new_format})
format-changed                         INFO . format-changed            type       format changed from {old} to {new}
request-nullable-added                 INFO . nullable-added            type       now accepts None
response-nullable-added                ERR  . nullable-added            type       may now be None: code reading it must handle None
request-nullable-removed               ERR  . nullable-removed          type       no longer accepts None
response-nullable-removed              INFO . nullable-removed          type       is never None any more
discriminator-changed                  ERR  . type-changed              type       variants told apart by `{new}` instead of `{old}`
request-variant-removed                ERR  . union-variant-removed     type       no longer accepts `{variant}`
response-variant-removed               INFO . union-variant-removed     type       `{variant}` no longer returned
request-variant-added                  INFO + union-variant-added       type       now also accepts `{variant}`
response-variant-added                 ERR  . union-variant-added       type       may now be `{variant}`: code reading it must handle that type
response-tagged-variant-added          INFO . union-variant-added       type       may now be `{variant}` (older clients parse it as an unknown variant)

# values (enum, const)
const-changed                          ERR  . type-changed              values     constant changed from {old} to {new}
request-enum-value-removed             ERR  . enum-value-removed        values     no longer accepts {values}
response-enum-value-removed            INFO . enum-value-removed        values     {values} no longer returned
request-enum-value-added               INFO + enum-value-added          values     now also accepts {values}
response-enum-value-added              INFO . enum-value-added          values     may now be {values}; not breaking: generated enums accept unknown values (code that branches on the value should handle it)
request-extensible-enum-value-removed  ERR  . enum-value-removed        values     `x-extensible-enum` no longer lists {values}: the server may reject them
response-extensible-enum-value-added   INFO . enum-value-added          values     `x-extensible-enum` now also lists {values} (an extensible enum may grow)

# constraints
request-constraint-tightened           ERR  . constraint-tightened      constraint {text}: values accepted before may now be rejected
request-constraint-loosened            INFO . constraint-loosened       constraint {text}
request-pattern-changed                WARN . constraint-changed        constraint pattern changed from `{old}` to `{new}`: values accepted before may now be rejected
response-constraint-tightened          INFO . constraint-tightened      constraint {text}
response-constraint-loosened           ERR  . constraint-loosened       constraint {text}: values the previous client rejects may now be returned
response-pattern-changed               WARN . constraint-changed        constraint pattern changed from `{old}` to `{new}`: values the previous client rejects may now be returned

# JSON Schema 2019-09/2020-12 keywords (OpenAPI 3.1)
request-schema-keyword-tightened       ERR  . constraint-tightened      json-schema {text}: values accepted before may now be rejected
request-schema-keyword-loosened        INFO . constraint-loosened       json-schema {text}
response-schema-keyword-tightened      INFO . constraint-tightened      json-schema {text}
response-schema-keyword-loosened       ERR  . constraint-loosened       json-schema {text}: values the previous client rejects may now be returned

# models and fields
model-removed                          ERR  . model-removed             model      type removed from `types`
model-added                            INFO + model-added               model      new type in `types`
model-renamed                          ERR  . model-renamed             model      renamed to `{new}`: imports of `{old}` break
field-removed                          ERR  . field-removed             field      field removed
field-renamed                          ERR  . field-renamed             field      renamed to `{new}` (`{wire}` in JSON)
field-name-changed                     ERR  . field-renamed             field      renamed from `{old}` to `{new}`
field-added-required                   ERR  . field-added-required      field      new required field: code building this model must set it
field-added                            INFO + field-added               field      new field
request-field-required                 ERR  . field-required            field      now required: code building this model must set it
response-field-required                INFO . field-required            field      now always present
request-field-optional                 INFO . field-optional            field      now optional
response-field-optional                ERR  . field-optional            field      may now be missing: code reading it gets None
field-default-changed                  INFO . default-changed           field      default changed from {old} to {new}
field-deprecated                       INFO . field-deprecated          lifecycle  deprecated
field-reactivated                      INFO . field-reactivated         lifecycle  no longer deprecated
field-read-only-changed                INFO . field-mutability-changed  field      {text}
field-write-only-changed               INFO . field-mutability-changed  field      {text}
unsent-field-required-changed          INFO . field-required            field      {text}: it never travels {way}, so nothing changes for it
response-field-became-readable         WARN . field-mutability-changed  field      no longer write-only: now returned, and required in responses
extra-fields-changed                   INFO . extra-fields-changed      model      extra properties {text}
request-x-rule-tightened               ERR  . rule-changed              x-rules    {text}: calls breaking it now fail before they are sent
response-x-rule-tightened              INFO . rule-changed              x-rules    {text}
x-rule-added                           INFO . rule-added                x-rules    {text}
request-x-rule-added                   ERR  . rule-added                x-rules    {text}: calls breaking it now fail before they are sent
x-rule-message-changed                 INFO . rule-changed              x-rules    message of rule `{id}` changed
x-rule-loosened                        INFO . rule-loosened             x-rules    rule `{id}` now allows up to {new} (was {old})
x-rule-removed                         INFO . rule-removed              x-rules    rule `{id}` removed
request-requirement-added              ERR  . requirement-added         json-schema {text}
response-requirement-added             INFO . requirement-added         json-schema {text}
request-requirement-changed            ERR  . requirement-changed       json-schema {text}
response-requirement-changed           INFO . requirement-changed       json-schema {text}
requirement-removed                    INFO . requirement-removed       json-schema {text}

# auth and servers
auth-scheme-removed                    ERR  . auth-scheme-removed       auth       security scheme `{name}` ({text}) removed
auth-scheme-changed                    ERR  . auth-changed              auth       security scheme `{name}` changed{how}: credentials are sent differently
auth-scheme-added                      INFO + auth-scheme-added         auth       new security scheme `{name}` ({text})
auth-changed                           ERR  . auth-changed              auth       {text}
server-changed                         INFO . server-changed            server     {text}

# webhooks
webhook-removed                        ERR  . webhook-removed           webhook    webhook `{name}` removed: its events are no longer sent
webhook-added                          INFO + webhook-added             webhook    new webhook `{name}`
webhook-changed                        ERR  . webhook-changed           webhook    webhook `{name}` {text}: code handling its payload may break
webhook-loosened                       INFO . webhook-changed           webhook    webhook `{name}` {text}

# the generated package's Python API (griffe)
python-object-removed                  ERR  . python-object-removed     python-api {text}
python-object-added                    INFO + python-object-added       python-api {text}
python-kind-changed                    ERR  . python-kind-changed       python-api {text}
python-param-removed                   ERR  . python-param-removed      python-api {text}
python-param-added                     INFO + python-param-added        python-api {text}
python-param-added-required            ERR  . python-param-added-required python-api {text}
python-param-required                  ERR  . python-param-required     python-api {text}
python-param-moved                     ERR  . python-param-moved        python-api {text}
python-param-kind-changed              ERR  . python-param-kind-changed python-api {text}
python-param-renamed                   ERR  . python-param-renamed      python-api {text}
python-default-changed                 INFO . python-default-changed    python-api {text}
python-default-removed                 ERR  . python-default-removed    python-api {text}
python-type-changed                    ERR  . python-type-changed       python-api {text}
python-type-widened                    INFO . python-type-widened       python-api {text}
python-deprecation-changed             INFO . python-deprecation-changed python-api {text}
python-value-changed                   INFO . python-value-changed      python-api {text}
python-base-removed                    ERR  . python-base-removed       python-api {text}
python-base-added                      INFO . python-base-added         python-api {text}
"""

# Why a level differs from oasdiff's for the same change.
DIFFERS: dict[str, str] = {
    "format-changed": "a format other than date and date-time is a hint: the Python type stays the same",
    "operation-removed": "a deprecated operation that is removed is still a removed method of the client",
    "operation-renamed": "oasdiff matches operations by path; a new `x-sdk-method` renames the client method",
    "param-removed": "removing a keyword argument makes existing calls raise TypeError",
    "date-format-changed": "`date` and `date-time` are Python types (`datetime.date`, `datetime.datetime`), not a hint",
    "discriminator-changed": "the generated client picks a variant by the discriminator: another property breaks parsing",
    "response-tagged-variant-added": "a generated discriminated union keeps an unknown variant instead of failing",
    "response-enum-value-added": "generated enums accept unknown values (`.is_unknown`), so parsing does not fail",
    "response-constraint-loosened": "generated models check constraints when they parse a response",
    "model-removed": "a schema is a class of `types` that user code imports",
    "field-removed": "reading a removed attribute raises AttributeError, whether the property was optional or not",
    "auth-scheme-removed": "the client's credential arguments come from the schemes: removing one removes an argument",
    "auth-changed": "the client sends the credentials of the required schemes: any change of them is a change of calls",
}


def _parse(table: str) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for line in table.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rule_id, level, adds, kind, family, template = line.split(maxsplit=5)
        if rule_id in rules or level not in LEVELS:
            raise ValueError(f"rule table: bad line {line!r}")
        rules[rule_id] = Rule(
            rule_id, level, kind, family, template, adds == "+", DIFFERS.get(rule_id, ""), adds == "!"
        )
    return rules


RULES: dict[str, Rule] = _parse(_TABLE)


def rule(rule_id: str) -> Rule:
    """The rule of that id (a `KeyError` names a rule missing from the table)."""
    return RULES[rule_id]
