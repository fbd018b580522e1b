"""oasdiff's rule set, rule by rule: which of our rules answers it, or why none does.

oasdiff (github.com/oasdiff/oasdiff, `checker/rules.go`) is the field's reference rule set for
OpenAPI changes. Each line: its rule id, its level, then one of

- our rule ids: the rules that report that change (the first is the usual one);
- `silent`: our report says nothing, and rightly (a readOnly property's constraint in a request,
  an annotation-only allOf), which oasdiff reports at INFO;
- `n/a: why`: the change does not concern a generated Python client;
- `missing`: not detected yet.

Where our level differs from oasdiff's, `rules.DIFFERS` says why. `tests/test_changes_corpus.py`
checks that every oasdiff rule a corpus pair names is listed here and answered by the rule the
pair gives.
"""

from __future__ import annotations

_TABLE = """
request-property-deprecated                                  INFO param-deprecated
request-property-deprecated-with-sunset                      INFO param-deprecated
request-property-deprecated-sunset-missing                   ERR  deprecated-without-sunset
request-property-deprecated-invalid                          ERR  sunset-invalid
request-property-reactivated                                 INFO param-reactivated
request-property-sunset-date-too-small                       ERR  n/a: no minimum deprecation period is enforced
response-property-deprecated                                 INFO field-deprecated
response-property-deprecated-with-sunset                     INFO field-deprecated
response-property-deprecated-sunset-missing                  ERR  deprecated-without-sunset
response-property-deprecated-invalid                         ERR  sunset-invalid
response-property-reactivated                                INFO field-reactivated
response-property-sunset-date-too-small                      ERR  n/a: no minimum deprecation period is enforced
endpoint-added                                               INFO operation-added
api-security-component-removed                               INFO auth-scheme-removed
api-security-component-added                                 INFO auth-scheme-added
api-security-component-oauth-url-changed                     INFO n/a: the client runs no OAuth flow: authorization and token URLs are not used by it
api-security-component-type-changed                          INFO auth-scheme-changed
api-security-component-oauth-token-url-changed               INFO n/a: the client runs no OAuth flow: authorization and token URLs are not used by it
api-security-component-oauth-scope-added                     INFO n/a: the client sends a token; which OAuth scopes it carries is decided outside the client
api-security-component-oauth-scope-removed                   INFO n/a: the client sends a token; which OAuth scopes it carries is decided outside the client
api-security-component-oauth-scope-changed                   INFO n/a: the client sends a token; which OAuth scopes it carries is decided outside the client
api-security-removed                                         ERR  auth-changed
api-security-added                                           INFO auth-changed
api-security-scope-added                                     ERR  n/a: the client sends a token; which OAuth scopes it carries is decided outside the client
api-security-scope-removed                                   INFO n/a: the client sends a token; which OAuth scopes it carries is decided outside the client
api-global-security-removed                                  ERR  auth-changed
api-global-security-added                                    INFO auth-changed
api-global-security-scope-added                              ERR  n/a: the client sends a token; which OAuth scopes it carries is decided outside the client
api-global-security-scope-removed                            INFO n/a: the client sends a token; which OAuth scopes it carries is decided outside the client
api-version-not-bumped                                       INFO n/a: versions are gated by our own semver check against the release record, not by info.version
api-version-decreased                                        INFO n/a: versions are gated by our own semver check against the release record, not by info.version
api-major-version-not-bumped                                 INFO n/a: versions are gated by our own semver check against the release record, not by info.version
api-stability-decreased                                      ERR  stability-decreased
api-stability-increased                                      INFO stability-increased
request-property-stability-decreased                         ERR  stability-decreased
request-property-stability-increased                         INFO stability-increased
response-property-stability-decreased                        ERR  stability-decreased
response-property-stability-increased                        INFO stability-increased
endpoint-reactivated                                         INFO operation-reactivated
api-deprecated-sunset-parse                                  ERR  sunset-invalid
api-deprecated-sunset-missing                                ERR  deprecated-without-sunset
api-invalid-stability-level                                  ERR  stability-invalid
api-sunset-date-too-small                                    ERR  n/a: no minimum deprecation period is enforced
endpoint-deprecated                                          INFO operation-deprecated
endpoint-deprecated-with-sunset                              INFO operation-deprecated
request-parameter-reactivated                                INFO param-reactivated
request-parameter-deprecated-sunset-missing                  ERR  deprecated-without-sunset
request-parameter-sunset-date-too-small                      ERR  n/a: no minimum deprecation period is enforced
request-parameter-deprecated                                 INFO param-deprecated
api-path-removed-without-deprecation                         ERR  operation-removed
api-path-removed-with-deprecation                            INFO operation-removed
api-path-sunset-parse                                        ERR  sunset-invalid
api-path-removed-before-sunset                               ERR  operation-removed-before-sunset
api-removed-without-deprecation                              ERR  operation-removed
api-removed-with-deprecation                                 INFO operation-removed
api-removed-before-sunset                                    ERR  operation-removed-before-sunset
api-sunset-deleted                                           ERR  sunset-removed
api-sunset-date-changed-too-small                            ERR  sunset-earlier
request-parameter-sunset-deleted                             ERR  sunset-removed
request-parameter-sunset-date-changed-too-small              ERR  sunset-earlier
added-required-request-body                                  ERR  param-added-required
added-optional-request-body                                  INFO param-added
new-required-request-default-parameter-to-existing-path      ERR  param-added-required
new-optional-request-default-parameter-to-existing-path      INFO param-added
new-required-request-parameter                               ERR  param-added-required
new-optional-request-parameter                               INFO param-added
new-request-path-parameter                                   ERR  param-added-required
new-required-request-header-property                         ERR  n/a: response headers are not part of the typed return value; header parameters are scalars
request-body-became-enum                                     ERR  request-type-changed
request-body-media-type-added                                INFO n/a: the client sends and reads one JSON media type per operation; other media types are not part of its API
request-body-media-type-removed                              ERR  n/a: the client sends and reads one JSON media type per operation; other media types are not part of its API
request-body-media-type-schema-added                         ERR  request-type-changed
request-body-media-type-schema-removed                       INFO request-type-widened
response-body-media-type-schema-added                        INFO response-added
response-body-media-type-schema-removed                      ERR  response-removed
request-body-media-type-item-schema-added                    ERR  n/a: itemSchema is OpenAPI 3.2; specs here are 3.0 and 3.1
request-body-media-type-item-schema-removed                  INFO n/a: itemSchema is OpenAPI 3.2; specs here are 3.0 and 3.1
response-body-media-type-item-schema-added                   INFO n/a: itemSchema is OpenAPI 3.2; specs here are 3.0 and 3.1
response-body-media-type-item-schema-removed                 ERR  n/a: itemSchema is OpenAPI 3.2; specs here are 3.0 and 3.1
response-body-media-type-item-schema-removed-untyped         ERR  n/a: itemSchema is OpenAPI 3.2; specs here are 3.0 and 3.1
request-body-removed                                         ERR  param-removed
request-body-became-optional                                 INFO param-optional
request-body-became-required                                 ERR  param-required
request-body-discriminator-added                             INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
request-body-discriminator-removed                           INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
request-body-discriminator-property-name-changed             INFO discriminator-changed
request-body-discriminator-mapping-added                     INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
request-body-discriminator-mapping-deleted                   INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
request-body-discriminator-mapping-changed                   INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
request-property-discriminator-added                         INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
request-property-discriminator-removed                       INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
request-property-discriminator-property-name-changed         INFO discriminator-changed
request-property-discriminator-mapping-added                 INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
request-property-discriminator-mapping-deleted               INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
request-property-discriminator-mapping-changed               INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
response-body-discriminator-added                            INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
response-body-discriminator-removed                          INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
response-body-discriminator-property-name-changed            INFO discriminator-changed
response-body-discriminator-mapping-added                    INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
response-body-discriminator-mapping-deleted                  INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
response-body-discriminator-mapping-changed                  INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
response-property-discriminator-added                        INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
response-property-discriminator-removed                      INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
response-property-discriminator-property-name-changed        INFO discriminator-changed
response-property-discriminator-mapping-added                INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
response-property-discriminator-mapping-deleted              INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
response-property-discriminator-mapping-changed              INFO n/a: a discriminator mapping is how the generated union picks a variant: variants added or removed are reported as such
request-header-property-became-enum                          ERR  n/a: response headers are not part of the typed return value; header parameters are scalars
request-header-property-became-required                      ERR  n/a: response headers are not part of the typed return value; header parameters are scalars
request-parameter-became-enum                                ERR  request-type-changed
request-parameter-became-nullable                            INFO request-nullable-added
request-parameter-became-not-nullable                        ERR  request-nullable-removed
request-parameter-property-became-nullable                   INFO request-nullable-added
request-parameter-property-became-not-nullable               ERR  request-nullable-removed
request-parameter-default-value-changed                      INFO param-default-changed
request-parameter-default-value-added                        INFO param-default-changed
request-parameter-default-value-removed                      INFO param-default-changed
request-parameter-enum-value-added                           INFO request-enum-value-added
request-parameter-enum-value-removed                         ERR  request-enum-value-removed
request-parameter-property-enum-value-added                  INFO request-enum-value-added
request-parameter-property-enum-value-removed                ERR  request-enum-value-removed
request-parameter-max-items-increased                        INFO request-constraint-loosened
request-parameter-max-items-decreased                        ERR  request-constraint-tightened
request-parameter-max-length-set                             ERR  request-constraint-tightened
request-parameter-max-length-increased                       INFO request-constraint-loosened
request-parameter-max-length-decreased                       ERR  request-constraint-tightened
request-parameter-max-set                                    ERR  request-constraint-tightened
request-parameter-exclusive-max-set                          ERR  request-constraint-tightened
request-parameter-max-increased                              INFO request-constraint-loosened
request-parameter-max-decreased                              ERR  request-constraint-tightened
request-parameter-exclusive-max-increased                    INFO request-constraint-loosened
request-parameter-exclusive-max-decreased                    ERR  request-constraint-tightened
request-parameter-min-items-set                              ERR  request-constraint-tightened
request-parameter-min-items-increased                        ERR  request-constraint-tightened
request-parameter-min-items-decreased                        INFO request-constraint-loosened
request-parameter-min-length-increased                       ERR  request-constraint-tightened
request-parameter-min-length-decreased                       INFO request-constraint-loosened
request-parameter-min-set                                    ERR  request-constraint-tightened
request-parameter-exclusive-min-set                          ERR  request-constraint-tightened
request-parameter-min-increased                              ERR  request-constraint-tightened
request-parameter-min-decreased                              INFO request-constraint-loosened
request-parameter-exclusive-min-increased                    ERR  request-constraint-tightened
request-parameter-exclusive-min-decreased                    INFO request-constraint-loosened
request-parameter-pattern-added                              ERR  request-constraint-tightened
request-parameter-pattern-removed                            INFO request-constraint-loosened
request-parameter-pattern-changed                            WARN request-pattern-changed
request-parameter-pattern-generalized                        INFO request-constraint-loosened
request-parameter-removed                                    WARN param-removed
request-parameter-removed-with-deprecation                   INFO param-removed
request-parameter-sunset-parse                               ERR  sunset-invalid
request-parameter-removed-before-sunset                      ERR  param-removed-before-sunset
request-parameter-became-required                            ERR  param-required
request-parameter-became-optional                            INFO param-optional
request-parameter-type-changed                               ERR  request-type-changed date-format-changed
request-parameter-type-generalized                           INFO request-type-widened format-changed
request-parameter-property-type-changed                      WARN request-type-changed
request-parameter-property-type-generalized                  INFO request-type-widened
request-parameter-property-type-specialized                  ERR  request-type-changed
request-parameter-x-extensible-enum-value-removed            ERR  request-extensible-enum-value-removed
request-body-all-of-added                                    ERR  n/a: allOf is merged into one model by the IR builder: a conjunct added or removed shows as the fields and constraints it brings
request-body-all-of-removed                                  INFO n/a: allOf is merged into one model by the IR builder: a conjunct added or removed shows as the fields and constraints it brings
request-property-all-of-added                                ERR  n/a: allOf is merged into one model by the IR builder: a conjunct added or removed shows as the fields and constraints it brings
request-property-all-of-removed                              INFO n/a: allOf is merged into one model by the IR builder: a conjunct added or removed shows as the fields and constraints it brings
request-body-all-of-added-annotation-only                    INFO silent
request-body-all-of-removed-annotation-only                  INFO silent
request-property-all-of-added-annotation-only                INFO silent
request-property-all-of-removed-annotation-only              INFO silent
request-body-any-of-added                                    INFO request-variant-added
request-body-any-of-removed                                  ERR  request-variant-removed request-type-changed
request-property-any-of-added                                INFO request-variant-added
request-property-any-of-removed                              ERR  request-variant-removed request-type-changed
request-property-became-enum                                 ERR  request-type-changed
request-body-became-not-nullable                             ERR  body-nullable-removed
request-body-became-nullable                                 INFO body-nullable-added
request-property-became-not-nullable                         ERR  request-nullable-removed
request-property-became-nullable                             INFO request-nullable-added
request-body-default-value-added                             INFO param-default-changed
request-body-default-value-removed                           INFO param-default-changed
request-body-default-value-changed                           INFO param-default-changed
request-property-default-value-added                         INFO param-default-changed
request-property-default-value-removed                       INFO param-default-changed
request-property-default-value-changed                       INFO param-default-changed
request-body-const-added                                     ERR  request-type-changed
request-body-const-removed                                   INFO request-type-widened
request-body-const-changed                                   ERR  const-changed
request-property-const-added                                 ERR  request-type-changed
request-property-const-removed                               INFO request-type-widened
request-property-const-changed                               ERR  const-changed
request-property-enum-value-removed                          ERR  request-enum-value-removed
request-read-only-property-enum-value-removed                INFO silent
request-property-enum-value-added                            INFO request-enum-value-added
request-body-max-decreased                                   ERR  request-constraint-tightened
request-body-max-increased                                   INFO request-constraint-loosened
request-property-max-decreased                               ERR  request-constraint-tightened
request-read-only-property-max-decreased                     INFO silent
request-property-max-increased                               INFO request-constraint-loosened
request-body-exclusive-max-decreased                         ERR  request-constraint-tightened
request-body-exclusive-max-increased                         INFO request-constraint-loosened
request-property-exclusive-max-decreased                     ERR  request-constraint-tightened
request-read-only-property-exclusive-max-decreased           INFO silent
request-property-exclusive-max-increased                     INFO request-constraint-loosened
request-body-max-length-set                                  ERR  request-constraint-tightened
request-property-max-length-set                              ERR  request-constraint-tightened
request-body-max-length-decreased                            ERR  request-constraint-tightened
request-body-max-length-increased                            INFO request-constraint-loosened
request-property-max-length-decreased                        ERR  request-constraint-tightened
request-read-only-property-max-length-decreased              INFO silent
request-property-max-length-increased                        INFO request-constraint-loosened
request-body-max-set                                         ERR  request-constraint-tightened
request-property-max-set                                     ERR  request-constraint-tightened
request-body-exclusive-max-set                               ERR  request-constraint-tightened
request-property-exclusive-max-set                           ERR  request-constraint-tightened
request-body-min-increased                                   ERR  request-constraint-tightened
request-body-min-decreased                                   INFO request-constraint-loosened
request-property-min-increased                               ERR  request-constraint-tightened
request-read-only-property-min-increased                     INFO silent
request-property-min-decreased                               INFO request-constraint-loosened
request-body-exclusive-min-increased                         ERR  request-constraint-tightened
request-body-exclusive-min-decreased                         INFO request-constraint-loosened
request-property-exclusive-min-increased                     ERR  request-constraint-tightened
request-read-only-property-exclusive-min-increased           INFO silent
request-property-exclusive-min-decreased                     INFO request-constraint-loosened
request-body-min-items-increased                             ERR  request-constraint-tightened
request-property-min-items-increased                         ERR  request-constraint-tightened
request-body-min-items-set                                   ERR  request-constraint-tightened
request-property-min-items-set                               ERR  request-constraint-tightened
request-body-min-length-increased                            ERR  request-constraint-tightened
request-body-min-length-decreased                            INFO request-constraint-loosened
request-property-min-length-increased                        ERR  request-constraint-tightened
request-property-min-length-decreased                        INFO request-constraint-loosened
request-body-min-set                                         ERR  request-constraint-tightened
request-property-min-set                                     ERR  request-constraint-tightened
request-body-exclusive-min-set                               ERR  request-constraint-tightened
request-property-exclusive-min-set                           ERR  request-constraint-tightened
request-body-one-of-added                                    INFO request-variant-added
request-body-one-of-removed                                  ERR  request-variant-removed request-type-changed
request-property-one-of-added                                INFO request-variant-added
request-property-one-of-removed                              ERR  request-variant-removed request-type-changed
request-property-pattern-removed                             INFO request-constraint-loosened
request-property-pattern-added                               ERR  request-constraint-tightened
request-property-pattern-changed                             WARN request-pattern-changed
request-property-pattern-generalized                         INFO request-constraint-loosened
request-property-became-required                             ERR  param-required request-field-required param-required-in-body
request-property-became-required-with-default                ERR  param-required request-field-required
request-property-became-optional                             INFO param-optional request-field-optional
request-body-type-generalized                                INFO request-type-widened format-changed
request-body-type-compatible                                 INFO request-type-widened
request-body-type-changed                                    ERR  request-type-changed date-format-changed
request-property-type-generalized                            INFO request-type-widened format-changed
request-property-type-compatible                             INFO request-type-widened
request-property-type-changed                                ERR  request-type-changed date-format-changed
request-property-removed                                     WARN param-removed field-removed
new-required-request-property                                ERR  param-added-required param-added-required-in-body field-added-required
new-required-request-property-with-default                   ERR  param-added-required field-added-required
new-optional-request-property                                INFO param-added field-added
request-body-wrapped-in-one-of                               ERR  request-type-changed
request-optional-property-became-non-write-only              INFO field-write-only-changed
request-optional-property-became-write-only                  INFO field-write-only-changed
request-optional-property-became-read-only                   INFO field-read-only-changed
request-optional-property-became-non-read-only               INFO field-read-only-changed
request-required-property-became-non-write-only              INFO field-write-only-changed
request-required-property-became-write-only                  INFO field-write-only-changed
request-required-property-became-read-only                   INFO field-read-only-changed
request-required-property-became-non-read-only               INFO field-read-only-changed
request-property-x-extensible-enum-value-removed             ERR  request-extensible-enum-value-removed
response-header-became-optional                              ERR  n/a: response headers are not part of the typed return value; header parameters are scalars
required-response-header-removed                             ERR  n/a: response headers are not part of the typed return value; header parameters are scalars
optional-response-header-removed                             WARN n/a: response headers are not part of the typed return value; header parameters are scalars
response-header-added                                        INFO n/a: response headers are not part of the typed return value; header parameters are scalars
response-header-type-changed                                 ERR  n/a: response headers are not part of the typed return value; header parameters are scalars
response-header-type-generalized                             ERR  n/a: response headers are not part of the typed return value; header parameters are scalars
response-header-type-specialized                             INFO n/a: response headers are not part of the typed return value; header parameters are scalars
response-header-type-compatible                              INFO n/a: response headers are not part of the typed return value; header parameters are scalars
response-header-became-nullable                              ERR  n/a: response headers are not part of the typed return value; header parameters are scalars
response-header-became-not-nullable                          INFO n/a: response headers are not part of the typed return value; header parameters are scalars
response-media-type-removed                                  ERR  n/a: the client sends and reads one JSON media type per operation; other media types are not part of its API
response-media-type-added                                    INFO n/a: the client sends and reads one JSON media type per operation; other media types are not part of its API
response-media-type-name-changed                             INFO n/a: the client sends and reads one JSON media type per operation; other media types are not part of its API
response-media-type-name-generalized                         ERR  n/a: the client sends and reads one JSON media type per operation; other media types are not part of its API
response-media-type-name-specialized                         INFO n/a: the client sends and reads one JSON media type per operation; other media types are not part of its API
response-optional-property-removed                           INFO field-removed
response-optional-write-only-property-removed                INFO field-removed
response-optional-property-added                             INFO field-added
response-optional-write-only-property-added                  INFO field-added
response-optional-property-became-non-write-only             INFO field-write-only-changed
response-optional-property-became-write-only                 INFO field-write-only-changed
response-optional-property-became-read-only                  INFO field-read-only-changed
response-optional-property-became-non-read-only              INFO field-read-only-changed
response-property-pattern-added                              INFO response-constraint-tightened
response-property-pattern-changed                            WARN response-pattern-changed
response-property-pattern-removed                            ERR  response-constraint-loosened
response-body-all-of-added                                   INFO n/a: allOf is merged into one model by the IR builder: a conjunct added or removed shows as the fields and constraints it brings
response-body-all-of-removed                                 ERR  n/a: allOf is merged into one model by the IR builder: a conjunct added or removed shows as the fields and constraints it brings
response-property-all-of-added                               INFO n/a: allOf is merged into one model by the IR builder: a conjunct added or removed shows as the fields and constraints it brings
response-property-all-of-removed                             ERR  n/a: allOf is merged into one model by the IR builder: a conjunct added or removed shows as the fields and constraints it brings
response-body-all-of-added-annotation-only                   INFO silent
response-body-all-of-removed-annotation-only                 INFO silent
response-property-all-of-added-annotation-only               INFO silent
response-property-all-of-removed-annotation-only             INFO silent
response-body-any-of-added                                   ERR  response-variant-added response-tagged-variant-added
response-body-any-of-removed                                 INFO response-variant-removed response-type-changed
response-property-any-of-added                               ERR  response-variant-added response-tagged-variant-added
response-property-any-of-removed                             INFO response-variant-removed response-type-changed
response-property-became-nullable                            ERR  response-nullable-added
response-body-became-nullable                                ERR  response-nullable-added
response-property-became-not-nullable                        INFO response-nullable-removed
response-body-became-not-nullable                            INFO response-nullable-removed
response-property-became-optional                            ERR  response-field-optional
response-write-only-property-became-optional                 INFO unsent-field-required-changed
response-property-became-required                            INFO response-field-required
response-write-only-property-became-required                 INFO unsent-field-required-changed
response-body-default-value-added                            INFO field-default-changed
response-body-default-value-removed                          INFO field-default-changed
response-body-default-value-changed                          INFO field-default-changed
response-property-default-value-added                        INFO field-default-changed
response-property-default-value-removed                      INFO field-default-changed
response-property-default-value-changed                      INFO field-default-changed
response-body-const-added                                    INFO response-type-narrowed
response-body-const-removed                                  ERR  response-type-narrowed
response-body-const-changed                                  ERR  const-changed
response-property-const-added                                INFO response-type-narrowed
response-property-const-removed                              ERR  response-type-narrowed
response-property-const-changed                              ERR  const-changed
response-property-enum-value-added                           WARN response-enum-value-added
response-write-only-property-enum-value-added                INFO silent
response-body-max-increased                                  ERR  response-constraint-loosened
response-property-max-increased                              ERR  response-constraint-loosened
response-body-exclusive-max-increased                        ERR  response-constraint-loosened
response-property-exclusive-max-increased                    ERR  response-constraint-loosened
response-body-max-length-increased                           ERR  response-constraint-loosened
response-body-max-length-unset                               ERR  response-constraint-loosened
response-body-min-decreased                                  ERR  response-constraint-loosened
response-body-exclusive-min-decreased                        ERR  response-constraint-loosened
response-body-min-items-decreased                            ERR  response-constraint-loosened
response-body-min-items-unset                                ERR  response-constraint-loosened
response-body-min-length-decreased                           ERR  response-constraint-loosened
response-property-max-length-increased                       ERR  response-constraint-loosened
response-property-max-length-unset                           ERR  response-constraint-loosened
response-property-min-decreased                              ERR  response-constraint-loosened
response-property-exclusive-min-decreased                    ERR  response-constraint-loosened
response-property-min-items-decreased                        ERR  response-constraint-loosened
response-property-min-items-unset                            ERR  response-constraint-loosened
response-property-min-length-decreased                       ERR  response-constraint-loosened
response-body-one-of-added                                   ERR  response-variant-added response-tagged-variant-added
response-body-one-of-removed                                 INFO response-variant-removed response-type-changed
response-property-one-of-added                               ERR  response-variant-added response-tagged-variant-added
response-property-one-of-removed                             INFO response-variant-removed response-type-changed
response-body-type-changed                                   ERR  return-type-changed date-format-changed
response-body-type-generalized                               ERR  return-type-changed format-changed
response-body-type-specialized                               INFO return-type-compatible
response-body-type-compatible                                INFO return-type-compatible
response-property-type-changed                               ERR  response-type-changed date-format-changed
response-property-type-generalized                           ERR  response-type-changed format-changed
response-property-type-specialized                           INFO response-type-narrowed
response-property-type-compatible                            INFO response-type-narrowed
response-required-property-removed                           ERR  field-removed
response-required-write-only-property-removed                INFO field-removed
response-required-property-added                             INFO field-added
response-required-write-only-property-added                  INFO field-added
response-body-wrapped-in-one-of                              ERR  return-type-changed
response-required-property-became-non-write-only             WARN response-field-became-readable
response-required-property-became-write-only                 INFO field-write-only-changed
response-required-property-became-read-only                  INFO field-read-only-changed
response-required-property-became-non-read-only              INFO field-read-only-changed
response-success-status-removed                              ERR  success-status-changed response-removed
response-success-status-added                                INFO success-status-changed
response-non-success-status-removed                          INFO error-response-removed
response-non-success-status-added                            INFO error-response-added
api-operation-id-removed                                     INFO n/a: method names come from x-sdk-method (the operationId only when it is absent): a renamed method is operation-renamed
api-operation-id-added                                       INFO n/a: method names come from x-sdk-method (the operationId only when it is absent): a renamed method is operation-renamed
api-tag-removed                                              INFO n/a: tags do not shape the client: its method tree comes from x-sdk-method (resource-added and resource-removed)
api-tag-added                                                INFO n/a: tags do not shape the client: its method tree comes from x-sdk-method (resource-added and resource-removed)
webhook-added                                                INFO webhook-added
webhook-removed                                              ERR  webhook-removed
api-schema-removed                                           INFO model-removed
response-property-enum-value-removed                         INFO response-enum-value-removed
response-media-type-enum-value-removed                       INFO response-enum-value-removed
request-body-enum-value-removed                              ERR  request-enum-value-removed
request-body-list-of-types-widened                           INFO request-type-widened
request-body-list-of-types-narrowed                          ERR  request-type-changed
request-property-list-of-types-widened                       INFO request-type-widened
request-property-list-of-types-narrowed                      ERR  request-type-changed
response-body-list-of-types-widened                          ERR  response-type-changed
response-body-list-of-types-narrowed                         INFO response-type-narrowed
response-property-list-of-types-widened                      ERR  response-type-changed
response-property-list-of-types-narrowed                     INFO response-type-narrowed
request-parameter-list-of-types-widened                      INFO request-type-widened
request-parameter-list-of-types-narrowed                     ERR  request-type-changed
request-parameter-property-list-of-types-widened             INFO request-type-widened
request-parameter-property-list-of-types-narrowed            ERR  request-type-changed
request-body-prefix-items-added                              INFO request-schema-keyword-loosened
request-body-prefix-items-removed                            ERR  request-schema-keyword-tightened
request-property-prefix-items-added                          INFO request-schema-keyword-loosened
request-property-prefix-items-removed                        ERR  request-schema-keyword-tightened
response-body-prefix-items-added                             ERR  response-schema-keyword-loosened
response-body-prefix-items-removed                           INFO response-schema-keyword-tightened
response-property-prefix-items-added                         ERR  response-schema-keyword-loosened
response-property-prefix-items-removed                       INFO response-schema-keyword-tightened
request-body-if-added                                        ERR  request-schema-keyword-tightened
request-body-if-removed                                      INFO request-schema-keyword-loosened
request-body-then-added                                      ERR  request-schema-keyword-tightened
request-body-then-removed                                    INFO request-schema-keyword-loosened
request-body-else-added                                      ERR  request-schema-keyword-tightened
request-body-else-removed                                    INFO request-schema-keyword-loosened
request-property-if-added                                    ERR  request-schema-keyword-tightened
request-property-if-removed                                  INFO request-schema-keyword-loosened
request-property-then-added                                  ERR  request-schema-keyword-tightened
request-property-then-removed                                INFO request-schema-keyword-loosened
request-property-else-added                                  ERR  request-schema-keyword-tightened
request-property-else-removed                                INFO request-schema-keyword-loosened
response-body-if-added                                       INFO response-schema-keyword-tightened
response-body-if-removed                                     ERR  response-schema-keyword-loosened
response-body-then-added                                     INFO response-schema-keyword-tightened
response-body-then-removed                                   ERR  response-schema-keyword-loosened
response-body-else-added                                     INFO response-schema-keyword-tightened
response-body-else-removed                                   ERR  response-schema-keyword-loosened
response-property-if-added                                   INFO response-schema-keyword-tightened
response-property-if-removed                                 ERR  response-schema-keyword-loosened
response-property-then-added                                 INFO response-schema-keyword-tightened
response-property-then-removed                               ERR  response-schema-keyword-loosened
response-property-else-added                                 INFO response-schema-keyword-tightened
response-property-else-removed                               ERR  response-schema-keyword-loosened
request-body-contains-added                                  ERR  request-schema-keyword-tightened
request-body-contains-removed                                INFO request-schema-keyword-loosened
request-body-min-contains-increased                          ERR  request-schema-keyword-tightened
request-body-min-contains-decreased                          INFO request-schema-keyword-loosened
request-body-max-contains-increased                          INFO request-schema-keyword-loosened
request-body-max-contains-decreased                          ERR  request-schema-keyword-tightened
request-property-contains-added                              ERR  request-schema-keyword-tightened
request-property-contains-removed                            INFO request-schema-keyword-loosened
request-property-min-contains-increased                      ERR  request-schema-keyword-tightened
request-property-min-contains-decreased                      INFO request-schema-keyword-loosened
request-property-max-contains-increased                      INFO request-schema-keyword-loosened
request-property-max-contains-decreased                      ERR  request-schema-keyword-tightened
request-body-dependent-required-added                        ERR  request-schema-keyword-tightened
request-body-dependent-required-removed                      INFO request-schema-keyword-loosened
request-body-dependent-required-changed                      ERR  request-schema-keyword-tightened
request-property-dependent-required-added                    ERR  request-schema-keyword-tightened
request-property-dependent-required-removed                  INFO request-schema-keyword-loosened
request-property-dependent-required-changed                  ERR  request-schema-keyword-tightened
request-body-dependent-schema-added                          ERR  request-schema-keyword-tightened
request-body-dependent-schema-removed                        INFO request-schema-keyword-loosened
request-property-dependent-schema-added                      ERR  request-schema-keyword-tightened
request-property-dependent-schema-removed                    INFO request-schema-keyword-loosened
request-body-pattern-property-added                          ERR  request-schema-keyword-tightened
request-body-pattern-property-removed                        INFO request-schema-keyword-loosened
request-property-pattern-property-added                      ERR  request-schema-keyword-tightened
request-property-pattern-property-removed                    INFO request-schema-keyword-loosened
request-body-property-names-added                            ERR  request-schema-keyword-tightened
request-body-property-names-removed                          INFO request-schema-keyword-loosened
request-property-property-names-added                        ERR  request-schema-keyword-tightened
request-property-property-names-removed                      INFO request-schema-keyword-loosened
request-body-unevaluated-items-added                         ERR  request-schema-keyword-tightened
request-body-unevaluated-items-removed                       INFO request-schema-keyword-loosened
request-body-unevaluated-properties-added                    ERR  request-schema-keyword-tightened
request-body-unevaluated-properties-removed                  INFO request-schema-keyword-loosened
request-property-unevaluated-items-added                     ERR  request-schema-keyword-tightened
request-property-unevaluated-items-removed                   INFO request-schema-keyword-loosened
request-property-unevaluated-properties-added                ERR  request-schema-keyword-tightened
request-property-unevaluated-properties-removed              INFO request-schema-keyword-loosened
request-body-content-schema-added                            ERR  request-schema-keyword-tightened
request-body-content-schema-removed                          INFO request-schema-keyword-loosened
request-body-content-media-type-changed                      ERR  request-schema-keyword-tightened
request-body-content-encoding-changed                        ERR  request-schema-keyword-tightened
request-property-content-schema-added                        ERR  request-schema-keyword-tightened
request-property-content-schema-removed                      INFO request-schema-keyword-loosened
request-property-content-media-type-changed                  ERR  request-schema-keyword-tightened
request-property-content-encoding-changed                    ERR  request-schema-keyword-tightened
response-body-contains-added                                 INFO response-schema-keyword-tightened
response-body-contains-removed                               ERR  response-schema-keyword-loosened
response-body-min-contains-increased                         INFO response-schema-keyword-tightened
response-body-min-contains-decreased                         ERR  response-schema-keyword-loosened
response-body-max-contains-increased                         ERR  response-schema-keyword-loosened
response-body-max-contains-decreased                         INFO response-schema-keyword-tightened
response-property-contains-added                             INFO response-schema-keyword-tightened
response-property-contains-removed                           ERR  response-schema-keyword-loosened
response-property-min-contains-increased                     INFO response-schema-keyword-tightened
response-property-min-contains-decreased                     ERR  response-schema-keyword-loosened
response-property-max-contains-increased                     ERR  response-schema-keyword-loosened
response-property-max-contains-decreased                     INFO response-schema-keyword-tightened
response-body-dependent-required-added                       INFO response-schema-keyword-tightened
response-body-dependent-required-removed                     ERR  response-schema-keyword-loosened
response-body-dependent-required-changed                     ERR  response-schema-keyword-loosened
response-property-dependent-required-added                   INFO response-schema-keyword-tightened
response-property-dependent-required-removed                 ERR  response-schema-keyword-loosened
response-property-dependent-required-changed                 ERR  response-schema-keyword-loosened
response-body-dependent-schema-added                         INFO response-schema-keyword-tightened
response-body-dependent-schema-removed                       ERR  response-schema-keyword-loosened
response-property-dependent-schema-added                     INFO response-schema-keyword-tightened
response-property-dependent-schema-removed                   ERR  response-schema-keyword-loosened
response-body-pattern-property-added                         INFO response-schema-keyword-tightened
response-body-pattern-property-removed                       ERR  response-schema-keyword-loosened
response-property-pattern-property-added                     INFO response-schema-keyword-tightened
response-property-pattern-property-removed                   ERR  response-schema-keyword-loosened
response-body-property-names-added                           INFO response-schema-keyword-tightened
response-body-property-names-removed                         ERR  response-schema-keyword-loosened
response-property-property-names-added                       INFO response-schema-keyword-tightened
response-property-property-names-removed                     ERR  response-schema-keyword-loosened
response-body-unevaluated-items-added                        INFO response-schema-keyword-tightened
response-body-unevaluated-items-removed                      ERR  response-schema-keyword-loosened
response-body-unevaluated-properties-added                   INFO response-schema-keyword-tightened
response-body-unevaluated-properties-removed                 ERR  response-schema-keyword-loosened
response-property-unevaluated-items-added                    INFO response-schema-keyword-tightened
response-property-unevaluated-items-removed                  ERR  response-schema-keyword-loosened
response-property-unevaluated-properties-added               INFO response-schema-keyword-tightened
response-property-unevaluated-properties-removed             ERR  response-schema-keyword-loosened
response-body-content-schema-added                           INFO response-schema-keyword-tightened
response-body-content-schema-removed                         ERR  response-schema-keyword-loosened
response-body-content-media-type-changed                     ERR  response-schema-keyword-loosened
response-body-content-encoding-changed                       ERR  response-schema-keyword-loosened
response-property-content-schema-added                       INFO response-schema-keyword-tightened
response-property-content-schema-removed                     ERR  response-schema-keyword-loosened
response-property-content-media-type-changed                 ERR  response-schema-keyword-loosened
response-property-content-encoding-changed                   ERR  response-schema-keyword-loosened
request-body-max-items-decreased                             ERR  request-constraint-tightened
request-body-max-items-increased                             INFO request-constraint-loosened
request-property-max-items-decreased                         ERR  request-constraint-tightened
request-property-max-items-increased                         INFO request-constraint-loosened
request-read-only-property-max-items-decreased               INFO silent
request-body-max-items-set                                   ERR  request-constraint-tightened
request-property-max-items-set                               ERR  request-constraint-tightened
response-body-max-items-increased                            ERR  response-constraint-loosened
response-property-max-items-increased                        ERR  response-constraint-loosened
request-body-max-properties-decreased                        ERR  request-schema-keyword-tightened
request-body-max-properties-increased                        INFO request-schema-keyword-loosened
request-property-max-properties-decreased                    ERR  request-schema-keyword-tightened
request-property-max-properties-increased                    INFO request-schema-keyword-loosened
request-read-only-property-max-properties-decreased          INFO silent
request-body-max-properties-set                              ERR  request-schema-keyword-tightened
request-property-max-properties-set                          ERR  request-schema-keyword-tightened
response-body-max-properties-increased                       ERR  response-schema-keyword-loosened
response-property-max-properties-increased                   ERR  response-schema-keyword-loosened
request-body-min-properties-increased                        ERR  request-schema-keyword-tightened
request-property-min-properties-increased                    ERR  request-schema-keyword-tightened
response-body-min-properties-decreased                       ERR  response-schema-keyword-loosened
response-property-min-properties-decreased                   ERR  response-schema-keyword-loosened
request-body-unique-items-set                                ERR  request-constraint-tightened
request-body-unique-items-unset                              INFO request-constraint-loosened
request-property-unique-items-set                            ERR  request-constraint-tightened
request-property-unique-items-unset                          INFO request-constraint-loosened
response-body-unique-items-unset                             ERR  response-constraint-loosened
response-property-unique-items-unset                         ERR  response-constraint-loosened
request-body-multiple-of-set                                 ERR  request-constraint-tightened
request-body-multiple-of-unset                               INFO request-constraint-loosened
request-body-multiple-of-changed                             ERR  request-constraint-tightened
request-body-multiple-of-generalized                         INFO request-constraint-loosened
request-property-multiple-of-set                             ERR  request-constraint-tightened
request-property-multiple-of-unset                           INFO request-constraint-loosened
request-property-multiple-of-changed                         ERR  request-constraint-tightened
request-property-multiple-of-generalized                     INFO request-constraint-loosened
response-body-multiple-of-unset                              ERR  response-constraint-loosened
response-body-multiple-of-changed                            ERR  response-constraint-loosened
response-body-multiple-of-specialized                        INFO response-constraint-tightened
response-property-multiple-of-unset                          ERR  response-constraint-loosened
response-property-multiple-of-changed                        ERR  response-constraint-loosened
response-property-multiple-of-specialized                    INFO response-constraint-tightened
"""

OASDIFF_RULES: dict[str, str] = {}  # id -> level
_ANSWERS: dict[str, tuple[str, ...]] = {}
NOT_APPLICABLE: dict[str, str] = {}
SILENT: set[str] = set()
MISSING: set[str] = set()

for _line in _TABLE.strip().splitlines():
    _id, _level, _rest = _line.split(maxsplit=2)
    OASDIFF_RULES[_id] = _level
    if _rest.startswith("n/a:"):
        NOT_APPLICABLE[_id] = _rest.removeprefix("n/a:").strip()
    elif _rest == "silent":
        SILENT.add(_id)
    elif _rest == "missing":
        MISSING.add(_id)
    else:
        _ANSWERS[_id] = tuple(_rest.split())


def ours(oasdiff_rule: str) -> set[str]:
    """Our rules that answer an oasdiff rule (empty when none does)."""
    return set(_ANSWERS.get(oasdiff_rule, ()))


def coverage() -> dict[str, int]:
    """How many oasdiff rules we answer, leave silent on purpose, do not apply to us, or miss."""
    return {
        "answered": len(_ANSWERS),
        "silent": len(SILENT),
        "not applicable": len(NOT_APPLICABLE),
        "missing": len(MISSING),
    }
