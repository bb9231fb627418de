"""Faults in the middle of a party, on the cluster's real processes (issue 15, item 5):
nginx in front, the DJ's server, two guest servers, PostgreSQL and Redis. Guests keep
requesting through each fault; at the end every request that was acknowledged is in the
database, and every guest's page (tests/e2e/party_client.py keeps state as a page does,
applying each seq once) equals a fresh snapshot. A phone asleep past the log's
retention gets a fresh snapshot: tests/realtime/test_sync.py."""

import asyncio
import os
import signal
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress

import pytest
from asgiref.sync import sync_to_async
from django.conf import settings
from websockets.exceptions import ConnectionClosed

from consumers.base import CLOSE_TRY_AGAIN_LATER
from liveparty.processes import free_port, http_json
from liveparty.serving.cluster import Cluster
from liveparty.song_requests.models import Ask
from tests.e2e.party_client import PartyClient
from tests.servers import database_url, redis_server
from tests.tcp_fault import TcpFault

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services("redis")]

GUESTS = 6
CONVERGE_S = 30  # the fan-out's audit runs every 5 s
# An action while PostgreSQL is away answers within this long (the pool's wait, and a margin).
DATABASE_AWAY_ANSWER_S = 15


@contextmanager
def cluster_on(tmp_path, database: str, redis: str) -> Iterator[Cluster]:
    cluster = Cluster(
        port=free_port(),
        guest_servers=2,
        database_url=database,
        redis_url=redis,
        var_dir=tmp_path / "var",
        extra_env={"SECRET_KEY": settings.SECRET_KEY, "LIVEPARTY_REDIS_NAMESPACE": f"faults-{os.getpid()}"},
    )
    cluster.folder.mkdir(parents=True)
    try:
        cluster.serve()  # the test database is migrated, its songs are the fixtures'
        yield cluster
    finally:
        cluster.stop()


class Crowd:
    """Guests of one event through the front door, each with a page's state."""

    def __init__(self, front: str, code: str) -> None:
        self.front, self.code = front, code
        self.tokens: list[str] = []
        self.pages: list[PartyClient] = []
        self.acked: set[int] = set()

    async def join(self, count: int) -> None:
        for i in range(count):
            status, body = await sync_to_async(http_json)(
                "POST", f"{self.front}/api/events/{self.code}/guests", {"nickname": f"Faulty {i}"}
            )
            assert status == 201, body
            self.tokens.append(body["token"])
            page = await PartyClient.open(self.front, self.code, "guest", body["token"])
            await page.until("snapshot")
            self.pages.append(page)

    async def request(self, guest: int, song_id: int) -> dict:
        answer = await self.pages[guest].call("request", song_id=song_id)
        if answer["type"] == "ack":
            self.acked.add(answer["data"]["request"]["id"])
        return answer

    async def open(self, guest: int) -> tuple[PartyClient, dict]:
        """A new socket for the guest and its snapshot; a handshake the server closed
        (4503 while its database is away) is tried again, as the page does."""
        deadline = time.monotonic() + CONVERGE_S
        while True:
            page = await PartyClient.open(self.front, self.code, "guest", self.tokens[guest])
            try:
                return page, await page.until("snapshot")
            except ConnectionClosed as closed:
                code = closed.rcvd.code if closed.rcvd else None
            assert code == CLOSE_TRY_AGAIN_LATER, code
            assert time.monotonic() < deadline, "the handshake never succeeded again"
            await asyncio.sleep(1)

    async def reconnect(self, guest: int) -> None:
        """As the page does after its socket dropped: a new socket, `resume` from its seq."""
        old = self.pages[guest]
        page, _ = await self.open(guest)
        page.state, page.seq = old.state, old.seq  # what the page had shown
        answer = await page.call("resume", last_seq=old.seq)
        assert answer["type"] == "ack", answer
        self.pages[guest] = page

    async def converge(self) -> None:
        """Every page ends at the state of a fresh snapshot, applying what arrives."""
        deadline = time.monotonic() + CONVERGE_S
        for guest, page in enumerate(self.pages):
            fresh, truth = await self.open(guest)
            await fresh.close()
            while (page.seq, page.state) != (truth["seq"], truth["state"]):
                assert time.monotonic() < deadline, (guest, page.seq, truth["seq"])
                with suppress(TimeoutError):
                    await page.receive(timeout=0.5)

    async def close(self) -> None:
        for page in self.pages:
            await page.close()


def acked_requests_are_kept(acked: set[int]) -> bool:
    kept = set(Ask.objects.filter(song_request_id__in=acked).values_list("song_request_id", flat=True))
    return kept == acked


async def test_redis_restarted_in_the_middle_of_a_party(tmp_path, event, songs):
    port = free_port()
    redis = ExitStack()
    redis.enter_context(redis_server(port))
    try:
        with cluster_on(
            tmp_path, database_url(settings.DATABASES["default"]), f"redis://127.0.0.1:{port}/0"
        ) as cluster:
            crowd = Crowd(cluster.url, event.code)
            await crowd.join(GUESTS)
            for guest in range(GUESTS):
                assert (await crowd.request(guest, songs[guest].pk))["type"] == "ack"
            redis.close()  # Redis stops; the servers do not
            for guest in range(2):  # an answer either way, within the page's wait
                assert (await crowd.request(guest, songs[GUESTS + guest].pk))["type"] in {"ack", "error"}
            with redis_server(port):
                for guest in range(GUESTS):  # asks on each other's songs: updates every page must see
                    assert (await crowd.request(guest, songs[(guest + 1) % GUESTS].pk))["type"] == "ack"
                await crowd.converge()
                await crowd.close()
    finally:
        redis.close()
    assert await sync_to_async(acked_requests_are_kept)(crowd.acked)


async def test_a_guest_server_killed_its_guests_resume_on_the_other(tmp_path, event, songs):
    with cluster_on(tmp_path, database_url(settings.DATABASES["default"]), settings.REDIS_URL) as cluster:
        crowd = Crowd(cluster.url, event.code)
        await crowd.join(GUESTS)
        victim = next(p for p in cluster.processes if p.name == "guest-1")
        os.kill(victim.popen.pid, signal.SIGKILL)
        victim.popen.wait(10)
        dropped = 0
        for guest in range(GUESTS):
            try:
                answer = await crowd.request(guest, songs[guest].pk)
            except ConnectionClosed:  # its server was the one killed
                answer = None
            if answer is None or answer["type"] != "ack":
                dropped += 1
                await crowd.reconnect(guest)  # nginx sends the new socket to guest-2
                assert (await crowd.request(guest, songs[guest].pk))["type"] == "ack"
        assert dropped > 0  # nginx had spread the guests over both servers
        await crowd.converge()
        await crowd.close()
    assert await sync_to_async(acked_requests_are_kept)(crowd.acked)


async def test_postgresql_away_for_a_few_seconds(tmp_path, event, songs):
    db = settings.DATABASES["default"]
    with TcpFault(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)) as fault:
        through_fault = database_url({**db, "HOST": "127.0.0.1", "PORT": str(fault.port)})
        with cluster_on(tmp_path, through_fault, settings.REDIS_URL) as cluster:
            crowd = Crowd(cluster.url, event.code)
            await crowd.join(2)
            assert (await crowd.request(0, songs[0].pk))["type"] == "ack"
            fault.cut()  # PostgreSQL unreachable: connections reset, new ones refused
            started = time.monotonic()
            answer = await asyncio.wait_for(crowd.request(1, songs[1].pk), DATABASE_AWAY_ANSWER_S + 5)
            assert answer["type"] == "error"  # not a hang, not a crash
            assert time.monotonic() - started < DATABASE_AWAY_ANSWER_S
            await asyncio.sleep(3)
            fault.restore()
            deadline = time.monotonic() + CONVERGE_S
            while (answer := await crowd.request(1, songs[1].pk))["type"] != "ack":
                assert time.monotonic() < deadline, answer
                await asyncio.sleep(1)
            await crowd.converge()
            await crowd.close()
    assert await sync_to_async(acked_requests_are_kept)(crowd.acked)
