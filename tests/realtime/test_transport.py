"""A connection that stops reading is dropped once its unsent bytes pass the cap."""

from consumers.transport import WRITE_BUFFER_CAP, DaphneOutbox, prepare, unsent_bytes


class FakeTransport:
    def __init__(self, buffered: int) -> None:
        self.dataBuffer = b"x" * buffered
        self.offset = 0
        self._tempDataLen = 0


class FakeProtocol:
    STATE_OPEN = 3
    STATE_CLOSED = 4

    def __init__(self, buffered: int = 0) -> None:
        self.state = self.STATE_OPEN
        self.transport = FakeTransport(buffered)
        self.sent: list[bytes] = []
        self.dropped = False

    def sendMessage(self, payload: bytes) -> None:  # noqa: N802 (autobahn's name)
        self.sent.append(payload)

    def sendPreparedMessage(self, prepared) -> None:  # noqa: N802
        self.sent.append(prepared.payload)

    def dropConnection(self, abort: bool) -> None:  # noqa: N802
        self.dropped = abort


def test_it_writes_to_an_open_connection():
    protocol = FakeProtocol()
    outbox = DaphneOutbox(protocol)
    outbox.write('{"a":1}')
    outbox.write('{"b":2}', prepare('{"b":2}'))
    assert protocol.sent == [b'{"a":1}', b'{"b":2}']


def test_it_drops_a_connection_that_stopped_reading():
    protocol = FakeProtocol(buffered=WRITE_BUFFER_CAP + 1)
    DaphneOutbox(protocol).write("{}")
    assert protocol.dropped
    assert protocol.sent == []


def test_it_writes_nothing_to_a_closed_connection():
    protocol = FakeProtocol()
    protocol.state = protocol.STATE_CLOSED
    DaphneOutbox(protocol).write("{}")
    assert protocol.sent == []


def test_it_counts_both_of_twisteds_buffers():
    transport = FakeTransport(100)
    transport.offset, transport._tempDataLen = 40, 25
    assert unsent_bytes(transport) == 85
