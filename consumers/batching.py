"""The crowd's updates that arrive close together leave as one frame.

A burst of asks (300 guests tapping in the same second) is 300 updates of the event;
written one by one they are 300 frames to every phone, each a render on a small CPU.
The fan-out holds the crowd's churn (requests, asks, withdrawals) that arrives within
COALESCE_S of the frame before and sends it as one `updates` frame, in which a request
changed several times appears once, as it is at the end. Every other update (a DJ's
accept or reorder, a song starting) goes out at once, with whatever was held before it:
the DJ's actions are never delayed.

Why dropping the earlier versions is exact (docs/protocol.md, Updates): a `request.*`
update puts the request where its status says, replacing whatever the page held for
it, and sorts the stack by a total order, so within a stretch of `request.*` updates
only each request's last version shows in the result. Any other kind ends the stretch:
a `queue.changed` names the requests in the queue, so the versions before it must
have arrived.
"""

from collections.abc import Iterable

# The first of the crowd's updates after a quiet spell goes out at once; those that
# follow within this long wait for the window to close: a phone gets at most ten frames
# a second of churn, however fast the crowd taps.
COALESCE_S = 0.1
# The kinds that wait: what guests do, many at once.
CHURN = frozenset({"request.created", "request.asked", "request.cancelled"})


def runs(updates: Iterable[dict]) -> list[list[dict]]:
    """The updates in seq order, cut wherever a seq is missing: a frame covers an
    unbroken stretch of the log, and a gap is left for the connection to repair."""
    cut: list[list[dict]] = []
    for update in sorted(updates, key=lambda update: update["seq"]):
        if cut and update["seq"] == cut[-1][-1]["seq"] + 1:
            cut[-1].append(update)
        elif not cut or update["seq"] > cut[-1][-1]["seq"]:
            cut.append([update])
    return cut


def without_superseded(run: list[dict]) -> list[dict]:
    """The run less each `request.*` update followed, before any other kind, by a later
    version of the same request."""
    kept: list[dict] = []
    later_versions: set[int] = set()
    for update in reversed(run):
        if update["kind"].startswith("request."):
            if update["data"]["id"] in later_versions:
                continue
            later_versions.add(update["data"]["id"])
        else:
            later_versions = set()
        kept.append(update)
    kept.reverse()
    return kept


def frame(run: list[dict]) -> dict:
    """One run as it goes on the wire: a lone update as an `update` frame, more as an
    `updates` frame from the run's first seq to its last."""
    if len(run) == 1:
        (update,) = run
        return {"type": "update", "seq": update["seq"], "kind": update["kind"], "data": update["data"]}
    return {
        "type": "updates",
        "from_seq": run[0]["seq"],
        "seq": run[-1]["seq"],
        "updates": [
            {"seq": update["seq"], "kind": update["kind"], "data": update["data"]} for update in without_superseded(run)
        ],
    }
