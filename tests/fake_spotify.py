"""A local fake of the Spotify Web API on a loopback port: tokens (client credentials,
and a DJ's authorization code with its refresh token), playlists paged like Spotify's
(with `next` links), playlist and track search, a DJ's new playlists, and scripted
troubles (a 429 with Retry-After, an expired token, a missing playlist). No test touches
the internet."""

import base64
import binascii
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


def track(n: int, **overrides: object) -> dict:
    base = {
        "type": "track",
        "id": f"trk{n:019d}",
        "name": f"Song {n}",
        "artists": [{"name": "The Band", "id": "art1"}],
        "album": {"name": "The Album"},
        "duration_ms": 180_000 + n,
        "explicit": n % 2 == 0,
        "popularity": n % 100,
        "external_ids": {"isrc": f"USAAA{n:07d}"},
    }
    return {**base, **overrides}


class FakeSpotify:
    def __init__(self) -> None:
        self.playlists: dict[str, dict] = {}
        self.tokens_issued = 0
        self.valid_tokens: set[str] = set()
        self.rate_limit_next: set[str] = set()  # paths answered 429 once
        self.expire_token_on: set[str] = set()  # paths on which the current token expires
        self.requests: list[tuple[float, str]] = []
        self.credentials = ("client-id", "client-secret")
        self.user_id = "dj-dave"
        self.codes: set[str] = set()  # authorization codes the DJ's approval produced
        self.refresh_tokens: set[str] = set()
        self.tracks: list[dict] = []  # what track search finds
        self.made: dict[str, dict] = {}  # playlists made in the DJ's account: name, public, uris
        self.refuse = False  # the DJ says no on the consent page

    def approve(self) -> str:
        """The DJ says yes on Spotify's page: the code their browser brings back."""
        code = f"code-{len(self.codes) + 1}"
        self.codes.add(code)
        return code

    def add_playlist(self, playlist_id: str, name: str, tracks: list[dict]) -> None:
        self.playlists[playlist_id] = {"id": playlist_id, "name": name, "tracks": tracks}

    def __enter__(self) -> "FakeSpotify":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                """Quiet."""

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                fake.requests.append((time.monotonic(), "POST " + self.path))
                if self.path.startswith("/v1/"):
                    return self.write(json.loads(body or "{}"))
                if fake.credentials != fake.basic_credentials(self.headers.get("Authorization", "")):
                    return self.answer(400, {"error": "invalid_client"})
                form = {key: values[0] for key, values in parse_qs(body).items()}
                if form["grant_type"] == "authorization_code" and form.get("code") not in fake.codes:
                    return self.answer(
                        400, {"error": "invalid_grant", "error_description": "Invalid authorization code"}
                    )
                if form["grant_type"] == "refresh_token" and form.get("refresh_token") not in fake.refresh_tokens:
                    return self.answer(400, {"error": "invalid_grant", "error_description": "Refresh token revoked"})
                fake.codes.discard(form.get("code"))
                fake.tokens_issued += 1
                token = f"token-{fake.tokens_issued}"
                fake.valid_tokens = {token}
                answer = {"access_token": token, "token_type": "Bearer", "expires_in": 3600}
                if form["grant_type"] == "authorization_code":
                    answer["refresh_token"] = f"refresh-{fake.tokens_issued}"
                    fake.refresh_tokens.add(answer["refresh_token"])
                return self.answer(200, answer)

            def consent(self, asked: dict) -> None:
                """Spotify's consent page, where the DJ says yes (or, with `fake.refuse`, no)."""
                answer = "error=access_denied" if fake.refuse else f"code={fake.approve()}"
                self.send_response(302)
                self.send_header("Location", f"{asked['redirect_uri'][0]}?{answer}&state={asked['state'][0]}")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def write(self, body: dict | list) -> None:
                """A DJ's account: make a playlist (me/playlists), add tracks (playlists/{id}/items)."""
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                if token not in fake.valid_tokens:
                    return self.answer(401, {"error": {"status": 401, "message": "The access token expired"}})
                parts = urlparse(self.path).path.split("/")
                if parts[2:4] == ["me", "playlists"]:
                    playlist_id = f"made{len(fake.made) + 1}"
                    fake.made[playlist_id] = {**body, "uris": []}
                    url = f"https://open.spotify.com/playlist/{playlist_id}"
                    return self.answer(
                        201, {"id": playlist_id, "name": body["name"], "external_urls": {"spotify": url}}
                    )
                if parts[2] == "playlists" and parts[4:5] == ["items"] and parts[3] in fake.made:
                    fake.made[parts[3]]["uris"] += body  # spotipy sends the URIs as a JSON array
                    return self.answer(201, {"snapshot_id": "s1"})
                return self.answer(404, {"error": {"status": 404, "message": "Resource not found"}})

            def do_GET(self) -> None:
                url = urlparse(self.path)
                fake.requests.append((time.monotonic(), "GET " + self.path))
                if url.path == "/authorize":
                    return self.consent(parse_qs(url.query))
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                if url.path in fake.expire_token_on:
                    fake.expire_token_on.discard(url.path)
                    fake.valid_tokens.clear()
                if token not in fake.valid_tokens:
                    return self.answer(401, {"error": {"status": 401, "message": "The access token expired"}})
                if self.path in fake.rate_limit_next:
                    fake.rate_limit_next.discard(self.path)
                    return self.answer(
                        429, {"error": {"status": 429, "message": "API rate limit exceeded"}}, {"Retry-After": "1"}
                    )
                return self.route(url.path.split("/"), parse_qs(url.query))

            def route(self, parts: list[str], query: dict) -> None:
                # /v1/me, /v1/playlists/{id}, /v1/playlists/{id}/tracks, /v1/search
                if parts[2:3] == ["me"]:
                    return self.answer(200, {"id": fake.user_id, "display_name": "DJ Dave"})
                if parts[2:3] == ["search"] and query["type"] == ["track"]:
                    return self.answer(200, fake.track_search(query["q"][0]))
                if parts[2:3] == ["search"]:
                    return self.answer(200, fake.search_page(query, self.base()))
                playlist = fake.playlists.get(parts[3]) if len(parts) > 3 else None
                if playlist is None:
                    return self.answer(404, {"error": {"status": 404, "message": "Resource not found"}})
                if len(parts) == 4:
                    return self.answer(
                        200,
                        {"id": playlist["id"], "name": playlist["name"], "tracks": {"total": len(playlist["tracks"])}},
                    )
                return self.answer(200, fake.tracks_page(playlist, query, self.base()))

            def base(self) -> str:
                return f"http://127.0.0.1:{fake.port}"

            def answer(self, status: int, body: dict, headers: dict | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1/"

    @property
    def authorize_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/authorize"

    @property
    def token_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/token"

    @staticmethod
    def basic_credentials(header: str) -> tuple[str, str] | None:
        try:
            user, _, password = base64.b64decode(header.removeprefix("Basic ")).decode().partition(":")
        except (ValueError, binascii.Error):
            return None
        return user, password

    def tracks_page(self, playlist: dict, query: dict, base: str) -> dict:
        offset, limit = int(query.get("offset", ["0"])[0]), min(100, int(query.get("limit", ["100"])[0]))
        items = [{"track": t} for t in playlist["tracks"][offset : offset + limit]]
        following = offset + limit
        more = following < len(playlist["tracks"])
        next_url = f"{base}/v1/playlists/{playlist['id']}/tracks?offset={following}&limit={limit}" if more else None
        return {"items": items, "next": next_url, "total": len(playlist["tracks"]), "offset": offset, "limit": limit}

    def search_page(self, query: dict, base: str) -> dict:
        words = query["q"][0].lower()
        found = [p for p in self.playlists.values() if words in p["name"].lower()]
        offset, limit = int(query.get("offset", ["0"])[0]), int(query.get("limit", ["10"])[0])
        page = [{"id": p["id"], "name": p["name"]} for p in found[offset : offset + limit]]
        more = offset + limit < len(found)
        next_url = f"{base}/v1/search?q={words}&type=playlist&offset={offset + limit}&limit={limit}" if more else None
        return {"playlists": {"items": page, "next": next_url, "total": len(found)}}

    def track_search(self, q: str) -> dict:
        """`isrc:X`, or `track:"T" artist:"A"`: the first match, as Spotify pages it."""
        if q.startswith("isrc:"):
            found = [t for t in self.tracks if t["external_ids"]["isrc"] == q.removeprefix("isrc:")]
        else:
            found = [
                t for t in self.tracks if f'track:"{t["name"]}"' in q and f'artist:"{t["artists"][0]["name"]}"' in q
            ]
        items = [{**t, "uri": f"spotify:track:{t['id']}"} for t in found[:1]]
        return {"tracks": {"items": items, "next": None, "total": len(found)}}
