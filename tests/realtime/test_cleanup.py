"""A closed connection leaves nothing behind: not in the fan-out, not in the layer's groups."""

import asyncio

import pytest
from channels.db import database_sync_to_async

from consumers import base
from consumers import fanout as fanout_module
from consumers.fanout import fanout
from liveparty.presence import services as presence
from liveparty.updates.services import event_group, guest_group, news_layer
from tests.realtime.sockets import Socket, account_headers, guest_headers


async def test_groups_are_left_when_the_last_connection_closes(event, dj, guest):
    guest_socket = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest))
    dj_socket = Socket(f"/ws/events/{event.code}/dj/", await database_sync_to_async(account_headers)(dj))
    await guest_socket.open()
    await dj_socket.open()
    layer, local = news_layer(), fanout()
    assert local.connections(event.pk) == 2
    assert local.channel in layer.groups[guest_group(guest.pk)]
    await guest_socket.close()
    assert local.connections(event.pk) == 1
    assert guest_group(guest.pk) not in layer.groups
    assert local.channel in layer.groups[event_group(event.pk)]
    await dj_socket.close()
    assert local.connections(event.pk) == 0
    assert event_group(event.pk) not in layer.groups
    assert local.members == {}


async def test_a_refused_connection_joins_nothing(event):
    refused = Socket(f"/ws/events/{event.code}/guest/")
    assert (await refused.open())["code"] == 4401
    assert fanout().connections(event.pk) == 0


async def test_the_fanout_renews_its_groups_before_the_layer_forgets_them(event, guest):
    socket = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest))
    await socket.open()
    layer, local = news_layer(), fanout()
    await layer.group_discard(event_group(event.pk), local.channel)  # as if the membership expired
    await local.renew_groups()
    assert local.channel in layer.groups[event_group(event.pk)]
    await socket.close()


async def test_a_group_the_layer_would_not_let_go_is_left_at_the_next_audit(event, guest, monkeypatch):
    """A failed group_discard (Redis restarting) must not leave a ghost member that the
    group goes on sending to until the membership expires."""
    monkeypatch.setattr(fanout_module, "AUDIT_S", 0.1)
    socket = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest))
    await socket.open()
    layer, local = news_layer(), fanout()
    discard = layer.group_discard

    async def unreachable(group: str, channel: str) -> None:
        raise ConnectionError("Redis is restarting")

    monkeypatch.setattr(layer, "group_discard", unreachable)
    await socket.close()
    assert local.left_behind == {event_group(event.pk), guest_group(guest.pk)}
    assert local.channel in layer.groups[event_group(event.pk)]  # a ghost, for now
    monkeypatch.setattr(layer, "group_discard", discard)
    await asyncio.sleep(0.5)
    assert local.left_behind == set()
    assert event_group(event.pk) not in layer.groups
    assert guest_group(guest.pk) not in layer.groups


def test_live_processes_renew_their_groups_well_within_the_expiry(settings):
    renewal = settings.CHANNEL_GROUP_EXPIRY_S / fanout_module.GROUP_RENEWALS_PER_EXPIRY
    assert renewal >= presence.HEARTBEAT.total_seconds()  # checked at each heartbeat
    assert settings.CHANNEL_GROUP_EXPIRY_S <= 3600  # a killed process's ghost lasts an hour at most


async def test_a_connection_an_error_ended_is_let_go(event, guest, monkeypatch):
    """An error that escapes a handler ends the connection (1011) without Channels'
    disconnect; the fan-out and presence must still let it go."""
    socket = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest))
    await socket.open()
    local = fanout()
    assert (local.connections(event.pk), local.guests_here[event.pk]) == (1, 1)

    def broken(text):
        raise RuntimeError("a bug")

    monkeypatch.setattr(base.messages, "parse", broken)
    await socket.communicator.send_to(text_data="{}")
    with pytest.raises(RuntimeError):
        await socket.communicator.wait()
    assert (local.connections(event.pk), local.guests_here[event.pk]) == (0, 0)
