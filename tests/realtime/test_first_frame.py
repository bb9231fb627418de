"""A connection's first frame is its snapshot: a notice, a presence count or a pushed
suggestion list that reaches it before (the fan-out subscribes first) waits for it."""

from consumers.dj import DJConsumer


class Recording:
    def __init__(self) -> None:
        self.frames: list[str] = []

    def write(self, text: str, prepared: object = None) -> None:
        self.frames.append(text)


def test_frames_before_the_snapshot_wait_for_it_then_go_in_order():
    consumer = DJConsumer()
    consumer.outbox = Recording()
    consumer.held = []
    consumer.deliver('{"type": "suggestions", "data": []}')
    consumer.deliver('{"type": "presence", "guests": 3}')
    assert consumer.outbox.frames == []
    consumer.outbox.write('{"type": "snapshot"}')
    consumer._release_held()
    consumer.deliver('{"type": "presence", "guests": 4}')
    assert consumer.outbox.frames == [
        '{"type": "snapshot"}',
        '{"type": "suggestions", "data": []}',
        '{"type": "presence", "guests": 3}',
        '{"type": "presence", "guests": 4}',
    ]
