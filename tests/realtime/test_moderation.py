"""The DJ in control from the console: tonight's rules and the guests' standing, each a
WebSocket action acked with what it made, an update or a notice for everyone concerned,
and the connection of a banned guest closed."""

from channels.db import database_sync_to_async

from liveparty import actions
from tests.realtime.sockets import Socket, account_headers, guest_headers


async def open_socket(event, role: str, headers: dict) -> Socket:
    socket = Socket(f"/ws/events/{event.code}/{role}/", headers)
    frame = await socket.open()
    assert frame["type"] == "snapshot", frame
    return socket


async def test_a_dj_sets_the_rules_and_every_page_has_the_new_offer(event, dj, guest, songs):
    console = await open_socket(event, "dj", await database_sync_to_async(account_headers)(dj))
    phone = await open_socket(event, "guest", await database_sync_to_async(guest_headers)(guest))
    ref = await console.call("rules", requests_paused=True, fair_order=True)
    ack = await console.until("ack", ref=ref)
    offer = {"whole_catalog": True, "requests_paused": True, "clean_only": False, "fair_order": True}
    assert ack["data"] == {"offer": offer}
    assert (await phone.until("update", kind="offer.changed"))["data"] == offer
    ref = await phone.call("request", song_id=songs[0].pk)
    refused = await phone.until("error", ref=ref)
    assert refused["code"] == "requests_paused"


async def test_a_rules_message_must_name_a_rule_and_only_a_dj_sends_one(event, dj, guest):
    console = await open_socket(event, "dj", await database_sync_to_async(account_headers)(dj))
    ref = await console.call("rules")
    assert (await console.until("error", ref=ref))["message"] == (
        "Name a rule to set: requests_paused, clean_only or fair_order."
    )
    ref = await console.call("rules", clean_only="yes")
    assert (await console.until("error", ref=ref))["code"] == "invalid"
    phone = await open_socket(event, "guest", await database_sync_to_async(guest_headers)(guest))
    for action, fields in (("rules", {"requests_paused": True}), ("mute", {"nickname": "Gina"})):
        ref = await phone.call(action, **fields)
        assert (await phone.until("error", ref=ref))["code"] == "forbidden"
    ref = await console.call("rules", fair_order=False)  # the console still works
    assert (await console.until("ack", ref=ref))["data"]["offer"]["fair_order"] is False


async def test_a_muted_guest_hears_it_and_is_refused_on_the_same_connection(event, dj, co_dj, guest, songs):
    await database_sync_to_async(actions.invite_co_dj)(event, dj, co_dj.username)
    console = await open_socket(event, "dj", await database_sync_to_async(account_headers)(dj))
    other_console = await open_socket(event, "dj", await database_sync_to_async(account_headers)(co_dj))
    phone = await open_socket(event, "guest", await database_sync_to_async(guest_headers)(guest))
    ref = await console.call("mute", nickname="Gina")
    assert (await console.until("ack", ref=ref))["data"] == {
        "guest": {"id": guest.pk, "nickname": "Gina", "standing": "muted"}
    }
    await phone.until("notice", kind="muted")
    notice = await other_console.until("notice", kind="guests_changed")
    assert notice["data"]["guest"]["standing"] == "muted"
    ref = await phone.call("request", song_id=songs[0].pk)
    assert (await phone.until("error", ref=ref))["code"] == "muted"
    await console.call("welcome_back", nickname="Gina")
    await phone.until("notice", kind="welcomed_back")
    ref = await phone.call("request", song_id=songs[0].pk)
    assert (await phone.until("ack", ref=ref))["data"]["request"]["asks"] == 1


async def test_a_banned_guest_hears_it_then_every_connection_of_theirs_closes_for_good(event, dj, guest, guest2):
    console = await open_socket(event, "dj", await database_sync_to_async(account_headers)(dj))
    headers = await database_sync_to_async(guest_headers)(guest)
    tabs = [await open_socket(event, "guest", headers) for _ in range(2)]
    bystander = await open_socket(event, "guest", await database_sync_to_async(guest_headers)(guest2))
    ref = await console.call("ban", nickname="Gina")
    await console.until("ack", ref=ref)
    for tab in tabs:
        await tab.until("notice", kind="banned")
        assert (await tab.until("close"))["code"] == 4403
    again = Socket(f"/ws/events/{event.code}/guest/", headers)
    assert await again.open() == {"type": "close", "code": 4403}
    assert await bystander.nothing(), "nobody else hears of it"
