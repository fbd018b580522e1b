"""Hypothesis properties of the generated packages against the spec.

- Response data generated from each schema parses into the generated model and serialises back
  to the same JSON, which still validates against the schema.
- The client and the spec agree on requests: a body the generated client sends is one the
  spec-driven mock accepts, and a body the client refuses before the network is one the mock
  answers with 400. The two sides are independent implementations (pydantic models and
  generated checks; JSON Schema and the mock's rule walker).
"""

from __future__ import annotations

import random
import re
from datetime import datetime
from typing import Any

import httpx
import jsonschema
import linq_client
import pytest
import sendblue_client
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from contract_tests.mock import MockServer
from contract_tests.mock.synth import Synthesizer
from generator.ir.build import build_api
from tests.conftest import SPECS

APIS = {name: build_api(path) for name, path in SPECS.items()}
PACKAGES = {"linq": linq_client, "sendblue": sendblue_client}
PROPERTY = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def same_instants(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: same_instants(v) for k, v in value.items()}
    if isinstance(value, list):
        return [same_instants(v) for v in value]
    if isinstance(value, str) and _DATE_TIME.match(value):
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def response_models():
    for api_name, api in APIS.items():
        for model in api.models:
            if model.kind == "object":
                yield pytest.param(api_name, model.name, id=f"{api_name}-{model.name}")


@pytest.mark.parametrize(("api_name", "model_name"), list(response_models()))
@PROPERTY
@given(rng=st.randoms(use_true_random=False), extra=st.booleans())
def test_response_data_round_trips_through_the_models(api_name, model_name, rng, extra):
    api = APIS[api_name]
    model = api.model(model_name)
    data = Synthesizer(api, rng).model(model)
    validator = jsonschema.Draft202012Validator(api.standalone_schema(model.schema_json))
    assume(validator.is_valid(data))  # the generator does not know every keyword (if/then)
    if extra:
        data["x_future_field"] = {"added": "later"}  # unknown fields are kept, not dropped
    parsed = getattr(PACKAGES[api_name].types, model_name).model_validate(data)
    dumped = parsed.to_dict()
    # Date-times come back as the same instant; `.000Z` may be spelled `Z`.
    assert same_instants(dumped) == same_instants(data)
    validator.validate({k: v for k, v in dumped.items() if k != "x_future_field"})


def body_operations():
    for api_name, api in APIS.items():
        for op in api.operations:
            if op.body is not None and op.body.fields:
                yield pytest.param(api_name, op.id, id=f"{api_name}-{op.id}")


@pytest.fixture(scope="module")
def mocks():
    with MockServer(SPECS["linq"], mode="examples") as linq, MockServer(SPECS["sendblue"], mode="examples") as sendblue:
        yield {"linq": linq.url, "sendblue": sendblue.url}


def client_for(api_name: str, url: str, http_client: httpx.Client) -> Any:
    if api_name == "linq":
        return linq_client.Linq(api_key="k", base_url=url, http_client=http_client, max_retries=0)
    return sendblue_client.Sendblue(api_key="a", api_secret="b", base_url=url, http_client=http_client, max_retries=0)


CREDENTIALS = {"linq": {"Authorization": "Bearer k"}, "sendblue": {"sb-api-key-id": "a", "sb-api-secret-key": "b"}}


@pytest.mark.parametrize(("api_name", "operation_id"), list(body_operations()))
@PROPERTY
@given(rng=st.randoms(use_true_random=False), minimal=st.booleans())
def test_client_and_spec_agree_on_request_bodies(mocks, api_name, operation_id, rng, minimal):
    api = APIS[api_name]
    op = api.operation(operation_id)
    synth = Synthesizer(api, rng)
    body = synth.value(op.body.type, full=not minimal, response=False)
    path_args = [synth.value(p.type, name=p.name, response=False) for p in op.params_in("path")]
    query = {
        p.py_name: synth.value(p.type, name=p.name, response=False)
        for p in op.params
        if p.location == "query" and p.required
    }
    arguments = {f.py_name: body[f.name] for f in op.body.fields if f.name in body}
    sent: list[httpx.Request] = []
    with httpx.Client(event_hooks={"request": [sent.append]}) as http:
        client = client_for(api_name, mocks[api_name], http)
        resource = client
        for segment in next(r.path for r in api.root.walk() if op in r.operations):
            resource = getattr(resource, segment)
        method = getattr(resource, op.name)
        try:
            method(*path_args, **query, **arguments)
        except PACKAGES[api_name].RequestValidationError as refused:
            assert sent == [], "a refused call must not reach the network"
            # The spec (as the mock enforces it) must reject the same body.
            url = mocks[api_name] + op.path
            for param, value in zip(op.params_in("path"), path_args, strict=True):
                url = url.replace("{" + param.name + "}", str(value))
            answer = http.request(
                op.method,
                url,
                json=body,
                headers=CREDENTIALS[api_name],
                params={
                    p.name: v
                    for p, v in zip(
                        [p for p in op.params if p.location == "query" and p.required], query.values(), strict=True
                    )
                },
            )
            assert answer.status_code == 400, f"client refused {body!r} ({refused.errors}) but the spec accepts it"
        except PACKAGES[api_name].BadRequestError as rejected:
            pytest.fail(f"client sent {sent[-1].content!r}, which the spec rejects: {rejected.body}")


def test_property_sees_both_outcomes():
    """The synthesised bodies include rule-breaking ones, so the refusal branch is exercised."""
    api = APIS["linq"]
    op = api.operation("chatsMessagesSend")
    from linq_client._validation import validate_request
    from linq_client.types import MessageSendParams

    outcomes = set()
    for seed in range(60):
        body = Synthesizer(api, random.Random(seed)).value(op.body.type, response=False)
        try:
            validate_request(MessageSendParams, body)
            outcomes.add("accepted")
        except linq_client.RequestValidationError:
            outcomes.add("refused")
    assert outcomes == {"accepted", "refused"}
