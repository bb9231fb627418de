"""The order of the stack, as every page shows it: the snapshot sorts by this, and the
pages' reducers (party-client.js; tests/state_reducer.py, the reference) keep to the
same rule as updates come, from what each request carries.

By asks: more asks first, then the earlier request, then the lower id. Under the DJs'
fair-order rule the stack takes guests in turn: each guest's first request still
waiting comes before anyone's second, and so on; within a turn, by asks as above.
"""


def by_asks(request: dict) -> tuple:
    return (-request["asks"], request["created_at"], request["id"])


def stack_order(stack: list[dict], *, fair: bool) -> list[dict]:
    ranked = sorted(stack, key=by_asks)
    if not fair:
        return ranked
    turn: dict[int, int] = {}
    taken: dict[str | None, int] = {}
    for request in sorted(stack, key=lambda request: (request["created_at"], request["id"])):
        owner = request["requested_by"]
        turn[request["id"]] = taken.get(owner, 0)
        taken[owner] = turn[request["id"]] + 1
    return sorted(ranked, key=lambda request: turn[request["id"]])
