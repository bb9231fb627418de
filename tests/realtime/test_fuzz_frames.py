"""Every consumer, fuzzed with frames no page sends (issue 15, item 6): any JSON that is
not a message, text that is not JSON, nesting deeper than a parser goes, frames around
the size cap, envelopes with unknown actions, and known actions with fields of the
wrong type. For each role, over one connection per example: every frame gets exactly
one `error` frame whose `ref` is the frame's id when it had a usable one, the
connection stays usable, and nothing at the party changed. Bounded: a few dozen
examples per role, a handful of frames each."""

import json

import pytest
from channels.db import database_sync_to_async
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consumers import messages
from liveparty.mood.models import MoodReading
from liveparty.song_requests.models import Ask, Rating, SongRequest
from liveparty.updates.services import current_seq
from tests.realtime.sockets import Socket, account_headers, guest_headers

EXAMPLES = 60
FRAMES_PER_EXAMPLE = 6

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
usable_ids = st.text(min_size=1, max_size=messages.MAX_ID_LENGTH) | st.integers(-(2**53), 2**53)
unusable_ids = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(allow_nan=False),
    st.text(min_size=65, max_size=80),
    st.lists(scalars, max_size=2),
)
# A value no field of any action takes: fields are integers, strings or literals.
wrong_values = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(allow_nan=False),
    st.lists(scalars, max_size=3),
    st.dictionaries(st.text(max_size=4), scalars, max_size=2),
)
unknown_actions = st.text(max_size=20).filter(lambda name: name not in messages.ACTIONS)
with_required_fields = sorted(
    name for name, action in messages.ACTIONS.items() if any(f.is_required() for f in action.model_fields.values())
)
KINDS = ["not an object", "not json", "no action", "unknown action", "wrong fields", "big", "deep"]


@st.composite
def bad_frames(draw: st.DrawFn) -> tuple[str, object]:
    """A frame, and the ref its error must carry."""
    kind = draw(st.sampled_from(KINDS))
    if kind == "not an object":
        return json.dumps(draw(json_values.filter(lambda v: not isinstance(v, dict)))), None
    if kind == "not json":
        opens_like_json = ("{", "[", '"')
        return draw(
            st.text(min_size=1, max_size=200).filter(
                lambda t: not t.lstrip().startswith(opens_like_json) and not _is_json(t)
            )
        ), None
    if kind == "no action":
        ident = draw(usable_ids)
        keys = st.text(max_size=8).filter(lambda key: key not in {"id", "action"})
        return json.dumps({"id": ident, **draw(st.dictionaries(keys, json_values, max_size=3))}), ident
    if kind == "unknown action":
        ident, usable = draw(st.one_of(usable_ids.map(lambda i: (i, True)), unusable_ids.map(lambda i: (i, False))))
        return json.dumps({"id": ident, "action": draw(unknown_actions)}), ident if usable else None
    if kind == "wrong fields":
        ident = draw(usable_ids)
        action = messages.ACTIONS[draw(st.sampled_from(with_required_fields))]
        fields = {name: draw(wrong_values) for name, field in action.model_fields.items() if field.is_required()}
        return json.dumps({"id": ident, "action": action.name, **fields}), ident
    if kind == "big":
        ident = draw(usable_ids)
        pad = "x" * (messages.MAX_FRAME_CHARS + draw(st.integers(1, 1000)))
        return json.dumps({"id": ident, "action": "request", "pad": pad}), ident
    depth = draw(st.integers(900, 60_000))
    return '{"id": "deep", "action": ' + "[" * depth, "deep"


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def party_state(event) -> tuple:
    return (
        current_seq(event.pk),
        SongRequest.objects.filter(event=event).count(),
        Ask.objects.count(),
        Rating.objects.count(),
        MoodReading.objects.count(),
    )


@pytest.fixture(params=["guest", "dj", "host"])
def headers_of(request, guest, dj, host):
    role = request.param
    person = {"guest": guest, "dj": dj, "host": host}[role]
    return role, (guest_headers if role == "guest" else account_headers)(person)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frames=st.lists(bad_frames(), min_size=1, max_size=FRAMES_PER_EXAMPLE))
async def test_no_frame_breaks_a_connection_or_changes_the_party(event, headers_of, frames):
    role, headers = headers_of
    before = await database_sync_to_async(party_state)(event)
    socket = Socket(f"/ws/events/{event.code}/{role}/", headers)
    snapshot = await socket.open()
    for text, ref in frames:
        await socket.communicator.send_to(text_data=text)
        error = await socket.until("error")
        assert error["ref"] == ref, text[:120]
        assert error["code"] in {"invalid", "forbidden"}
    await socket.communicator.send_to(bytes_data=b"\x00\xff")
    assert (await socket.until("error"))["ref"] is None
    ref = await socket.call("resume", last_seq=snapshot["seq"])  # still usable
    assert (await socket.until("ack", ref=ref))["type"] == "ack"
    await socket.close()
    assert await database_sync_to_async(party_state)(event) == before
