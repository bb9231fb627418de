"""The reference for fan-out latency: a minimal broadcast server on the `websockets` library.

Clients connect to /client; whatever arrives on /trigger is sent to every client.
No framework, no database: what Python can do on this machine. Compression is off, as
on daphne (which does not negotiate it): a reference that deflates per connection would
be slower than a raw server and flatter us.

    .venv/bin/python benchmarks/reference_broadcast.py 8765
"""

import asyncio
import sys

from websockets.asyncio.server import ServerConnection, broadcast, serve


async def run(port: int) -> None:
    clients: set[ServerConnection] = set()

    async def handler(websocket: ServerConnection) -> None:
        if websocket.request.path == "/trigger":
            async for text in websocket:
                broadcast(clients, text)
            return
        clients.add(websocket)
        try:
            await websocket.wait_closed()
        finally:
            clients.discard(websocket)

    async with serve(handler, "127.0.0.1", port, max_queue=None, backlog=1024, compression=None):
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(run(int(sys.argv[1])))
