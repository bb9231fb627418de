"""docs/protocol.md's WebSocket part is what the code's schemas say."""

import json

import pytest

from consumers import messages, protocol_doc


def test_the_document_matches_the_code():
    assert protocol_doc.current() == protocol_doc.render(), "run `manage.py protocol_doc` and commit the result"


@pytest.mark.parametrize("action", messages.ACTIONS.values(), ids=lambda action: action.name)
def test_each_documented_action_example_is_valid(action):
    envelope, parsed = messages.parse(json.dumps(action.example))
    assert (envelope.action, type(parsed)) == (action.name, action)


@pytest.mark.parametrize("frame", messages.FRAMES, ids=lambda frame: frame.__name__)
def test_each_documented_frame_example_is_valid(frame):
    messages.check_frame(frame.example)
