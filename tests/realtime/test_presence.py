"""The DJ console and the host page see how many guests are connected."""

from channels.db import database_sync_to_async

from tests.realtime.sockets import Socket, account_headers, guest_headers

# The fan-out batches presence changes for a second; allow for that and a slow machine.
PRESENCE_WAIT_S = 5


async def presence_until(socket: Socket, guests: int) -> None:
    while True:
        frame = await socket.receive(PRESENCE_WAIT_S)
        if frame["type"] == "presence" and frame["guests"] == guests:
            return


async def test_the_staff_see_guests_not_tabs_come_and_go(event, dj, host, guest, guest2):
    console = Socket(f"/ws/events/{event.code}/dj/", await database_sync_to_async(account_headers)(dj))
    host_page = Socket(f"/ws/events/{event.code}/host/", await database_sync_to_async(account_headers)(host))
    await console.open()
    await host_page.open()
    assert (await console.receive())["type"] == "presence"
    phones = []
    for g in (guest, guest2, guest2):  # Gus has two tabs: two connections
        phone = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(g))
        await phone.open()
        phones.append(phone)
    await presence_until(console, 2)
    await presence_until(host_page, 2)
    await phones[1].close()  # one of Gus's tabs: Gus is still here
    await phones[0].close()
    await presence_until(console, 1)


async def test_guests_do_not_get_presence(event, guest, guest2):
    first = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest))
    await first.open()
    second = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest2))
    await second.open()
    assert await first.communicator.receive_nothing(timeout=1.5)
