"""The reference client: how a page applies an `update` to the `state` it holds.

This is the rule docs/protocol.md states ("applying every update in order to the
snapshot gives exactly the state a fresh snapshot shows") written as code, so the
tests can hold the server to it. The pages' JavaScript client follows the same rules.
"""

import copy

HISTORY_LIMIT = 50


def apply_update(state: dict, update: dict) -> dict:
    state = copy.deepcopy(state)
    kind, data = update["kind"], update["data"]
    if kind.startswith("request."):
        _place(state, data)
    elif kind == "queue.changed":
        queued = {song_request["id"]: song_request for song_request in state["queue"]}
        state["queue"] = [{**queued[pk], "position": n} for n, pk in enumerate(data["order"], start=1)]
        for song_request in state["queue"]:
            _track_mine(state, song_request)
    elif kind == "now_playing.changed":
        played, playing = data["played"], data["now_playing"]
        if played is not None:
            state["history"] = [played, *state["history"]][:HISTORY_LIMIT]
            _track_mine(state, played)
        if playing is not None:
            _remove(state, playing["id"])
            _track_mine(state, playing)
        state["now_playing"] = playing
        if "guest" in state["me"]:
            state["me"]["rating"] = None  # a new song, not rated yet
    elif kind == "dj.joined":
        state["event"]["djs"].append(data)
    elif kind == "event.ended":
        state["event"] = data
    elif kind == "crowd_mood.changed":
        state["crowd_mood"] = data
    elif kind == "offer.changed":
        state["offer"] = data
        _sort_stack(state)  # the fair-order rule may have changed
    else:
        raise AssertionError(f"unknown update kind {kind!r}")
    return state


def apply_updates(state: dict, updates: list[dict]) -> dict:
    for update in updates:
        state = apply_update(state, update)
    return state


def each_frame(frame: dict) -> list[dict]:
    """A frame as the `update` frames it holds: an `updates` frame lists several."""
    if frame["type"] == "updates":
        return [{"type": "update", **update} for update in frame["updates"]]
    return [frame]


def logged(state: dict) -> dict:
    """The part of a state that the update stream keeps: all but the DJ's suggestions,
    which come in `suggestions` frames without seq (recomputed for each snapshot)."""
    state = copy.deepcopy(state)
    state["me"].pop("suggestions", None)
    return state


def _remove(state: dict, song_request_id: int) -> None:
    state["stack"] = [song_request for song_request in state["stack"] if song_request["id"] != song_request_id]
    state["queue"] = [song_request for song_request in state["queue"] if song_request["id"] != song_request_id]


def _place(state: dict, song_request: dict) -> None:
    """A `request.*` update carries the request as it now is; its status says where it goes."""
    _remove(state, song_request["id"])
    if song_request["status"] == "pending":
        state["stack"].append(song_request)
        _sort_stack(state)
    elif song_request["status"] == "queued":
        state["queue"].append(song_request)
        state["queue"].sort(key=lambda item: item["position"])
    _track_mine(state, song_request)


def _sort_stack(state: dict) -> None:
    """More asks first (then the earlier, then the lower id); under the fair-order rule,
    each guest's n-th waiting request (by age) before anyone's n+1-th, by asks within."""
    stack = sorted(state["stack"], key=lambda item: (-item["asks"], item["created_at"], item["id"]))
    if state["offer"].get("fair_order"):
        turns, rank = {}, {}
        for item in sorted(stack, key=lambda item: (item["created_at"], item["id"])):
            rank[item["id"]] = turns.get(item["requested_by"], 0)
            turns[item["requested_by"]] = rank[item["id"]] + 1
        stack.sort(key=lambda item: rank[item["id"]])
    state["stack"] = stack


def _track_mine(state: dict, song_request: dict) -> None:
    """A guest's `me.requests`: the requests with the guest's nickname among the askers."""
    me = state["me"]
    if "guest" not in me:
        return
    mine = [item for item in me["requests"] if item["id"] != song_request["id"]]
    if me["guest"]["nickname"] in song_request["askers"]:
        mine.append(song_request)
    me["requests"] = sorted(mine, key=lambda item: -item["id"])
