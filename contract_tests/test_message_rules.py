"""Each rule of Linq message content is refused with 400 when broken and accepted when kept.

The rules of the reference page: a link part must be alone; no two text parts in a row; at most
100 parts; at most 40 media parts by url; decoration ranges inside the text, counted in UTF-16
(an emoji counts 2); an animation overlaps no other decoration; a media part has url or
attachment_id, not both; media urls are https; text is at most 10000 characters.

Bodies are drawn from Hypothesis strategies built from the IR (contract_tests/strategies.py): a
random valid part list, then a mutation that breaks exactly one rule, and its near twin that
keeps it. Before anything is sent, the suite's own reading of the spec (contract_tests/oracle.py)
confirms that the broken body breaks that rule and nothing else and that the twin is valid.
The refusal must carry the documented error body and name the rule (its id or message) or the
field at fault. Both bodies go through both operations that take message content.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .checks import error_body_problem
from .strategies import MUTATIONS, Case, Mutation, PartRules, PartStrategies
from .targets import Identities, load_api, property_settings
from .workflows import LinqFlows, send_body

RULES = PartRules.from_api(load_api("linq"))
VARIANT_BY_TYPE = dict(load_api("linq").model("MessagePart").discriminator.mapping)  # type: ignore[union-attr]


def body_for(operation_id: str, parts: list[dict[str, Any]], ids: Identities, recipient: str) -> dict[str, Any]:
    if operation_id == "chatsCreate":
        return {"from": ids.linq_from, "to": [recipient], "message": {"parts": parts}}
    return send_body(parts)


def confirm_mutation(
    linq: LinqFlows, operation_id: str, mutation: Mutation, case: Case, bodies: dict[str, Any]
) -> None:
    """The drawn pair is what it claims to be (a failure here is a bug of the suite, not the server)."""
    operation = linq.operation(operation_id)
    kept_problems = linq.oracle.body_problems(operation, bodies["kept"])
    assert not kept_problems, f"{mutation.name}: the kept body is not valid: {kept_problems}"
    broken_problems = linq.oracle.body_problems(operation, bodies["broken"])
    assert broken_problems, f"{mutation.name}: the broken body breaks nothing"
    if case.part_index is None:
        codes = {problem.code for problem in broken_problems}
        assert codes == {case.expected}, f"{mutation.name}: breaks {codes}, not only {case.expected}"
        return
    pointer = f"/message/parts/{case.part_index}"
    assert all(p.pointer == pointer for p in broken_problems), f"{mutation.name}: {broken_problems}"
    part = bodies["broken"]["message"]["parts"][case.part_index]
    codes = {problem.code for problem in linq.oracle.model_problems(VARIANT_BY_TYPE[part["type"]], part)}
    assert codes == {case.expected}, f"{mutation.name}: the part breaks {codes}, not only {case.expected}"


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
@property_settings()
@given(data=st.data())
def test_rule_broken_is_refused_and_kept_is_accepted(
    linq: LinqFlows,
    linq_chat: dict[str, Any],
    attachment_ids: list[str],
    mutation: Mutation,
    data: st.DataObject,
) -> None:
    case = data.draw(mutation.build(PartStrategies(RULES, attachment_ids)), label="case")
    operation_id = data.draw(st.sampled_from(["chatsMessagesSend", "chatsCreate"]), label="operation")
    recipient = linq.unique_recipient()
    bodies = {which: body_for(operation_id, getattr(case, which), linq.ids, recipient) for which in ("broken", "kept")}
    confirm_mutation(linq, operation_id, mutation, case, bodies)
    path = {"chatId": linq_chat["id"]} if operation_id == "chatsMessagesSend" else None
    operation = linq.operation(operation_id)

    _, response = linq.call(operation_id, path=path, json_body=bodies["broken"])
    body = linq.client.expect_status(
        response, 400, f"rule_{mutation.name}_refused", f"The body breaks {case.expected}."
    )
    explanation = error_body_problem(linq.oracle, operation, 400, body, mutation.names(RULES), live=linq.live)
    linq.client.expect(explanation is None, "error_body_names_problem", explanation or "", response)

    _, response = linq.call(operation_id, path=path, json_body=bodies["kept"])
    assert operation.success is not None
    linq.checked(operation, response, int(operation.success.status), f"rule_{mutation.name}_kept_accepted")
