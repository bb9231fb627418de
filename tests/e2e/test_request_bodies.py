"""Request bodies through a real daphne (liveparty/serving/daphne_requests.py): one over
the limit is refused with 413 `too_large` as soon as the server can tell, a chunked one
included, without the server reading it whole (F6); a JSON request is served as ever."""

import json
import socket
from pathlib import Path
from urllib.parse import urlsplit

from liveparty.actions import start_event
from liveparty.processes import http_json

CHUNK = 1024 * 1024
CHUNKED_BODY_MIB = 100


def daphne_rss_mib(port: int) -> float:
    """The resident memory of the daphne process listening on `port`."""
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes()
            if b"daphne" in command and f"port={port}:".encode() in command:
                status = (proc / "status").read_text()
                return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1]) / 1024
        except OSError:
            continue
    raise LookupError(f"no daphne on port {port}")


def post_raw(server: str, path: str, head: dict[str, str], chunks: int) -> str:
    """POST `chunks` MiB of zeroes (chunked unless `head` gives a length), stopping when the
    server closes; the status line and body of its answer."""
    address = urlsplit(server)
    lines = [f"POST {path} HTTP/1.1", f"Host: {address.netloc}", *(f"{k}: {v}" for k, v in head.items())]
    chunked = "Content-Length" not in head
    if chunked:
        lines.append("Transfer-Encoding: chunked")
    with socket.create_connection((address.hostname, address.port), timeout=30) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        try:
            for _ in range(chunks):
                piece = b"\0" * CHUNK
                sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
            if chunked:
                sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server closed the connection: its answer is waiting
        answer = b""
        try:
            while part := sock.recv(65536):
                answer += part
        except OSError:
            pass
    return answer.decode("latin-1")


def test_a_chunked_body_past_the_limit_is_refused_without_being_read_whole(server, host, dj, songs):
    event = start_event(host, "Rooftop", dj.username)
    status, joined = http_json("POST", f"{server}/api/events/{event.code}/guests", {"nickname": "Gina"})
    assert status == 201
    port = urlsplit(server).port
    before = daphne_rss_mib(port)
    head = {"Authorization": f"Bearer {joined['token']}", "Content-Type": "image/jpeg"}
    answer = post_raw(server, f"/api/events/{event.code}/selfies", head, chunks=CHUNKED_BODY_MIB)
    assert answer.startswith("HTTP/1.1 413")
    assert json.loads(answer.split("\r\n\r\n", 1)[1])["error"]["code"] == "too_large"
    assert daphne_rss_mib(port) - before < 40  # it read 8 MiB of the 100, and kept none

    declared = {**head, "Content-Length": str(CHUNKED_BODY_MIB * CHUNK)}
    answer = post_raw(server, f"/api/events/{event.code}/selfies", declared, chunks=1)
    assert answer.startswith("HTTP/1.1 413")  # from its headers alone

    status, made = http_json(
        "POST", f"{server}/api/events/{event.code}/requests", {"song_id": songs[0].pk}, joined["token"]
    )
    assert (status, made["request"]["song"]["id"]) == (201, songs[0].pk)
