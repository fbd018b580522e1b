"""The public-spec corpus check: our generator (and openapi-python-client, the baseline) on a
seeded sample of the OpenAPI Directory, with import, mypy --strict, operation counts and a
round trip of every operation against the project's mock. See corpus/README.md.
"""
