"""The night's playlist to take home: extended M3U (for players and DJ software) and
CSV (for spreadsheets), each song in the order it played."""

import csv
import io

from liveparty.events.models import Event
from liveparty.song_requests.aggregates import played

CSV_COLUMNS = (
    "position",
    "played_at",
    "title",
    "artist",
    "album",
    "duration_ms",
    "isrc",
    "spotify_id",
    "requested_by",
    "picked_by",
    "asks",
)
# A cell a spreadsheet would run as a formula (a guest's nickname "=HYPERLINK(...)").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_m3u(event: Event) -> str:
    """A track's location is its Spotify URI when the catalog knows it (players that read
    M3U open those), else "Artist - Title", which DJ software matches in its library."""
    lines = ["#EXTM3U", f"#PLAYLIST:{_one_line(event.name)}"]
    for song_request in played(event):
        song = song_request.song
        seconds = round(song.duration_ms / 1000) if song.duration_ms else -1
        name = _one_line(f"{song.artist} - {song.title}")
        lines.append(f"#EXTINF:{seconds},{name}")
        if song.album:
            lines.append(f"#EXTALB:{_one_line(song.album)}")
        lines.append(f"spotify:track:{song.spotify_id}" if song.spotify_id else name)
    return "\n".join(lines) + "\n"


def as_csv(event: Event) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for position, song_request in enumerate(played(event), start=1):
        song = song_request.song
        writer.writerow(
            [
                position,
                song_request.played_at.isoformat(),
                *map(_inert, (song.title, song.artist, song.album)),
                song.duration_ms or "",
                song.isrc,
                song.spotify_id,
                _inert(song_request.requested_by.nickname if song_request.requested_by else ""),
                _inert(song_request.picked_by.display_name if song_request.picked_by else ""),
                song_request.ask_count,
            ]
        )
    return out.getvalue()


def _one_line(text: str) -> str:
    """An M3U entry is one line: a title with a line break would split it."""
    return " ".join(text.split())


def _inert(text: str) -> str:
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
