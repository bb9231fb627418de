"""The played playlist to take home: M3U and CSV parse back to what played, in order."""

import csv
import io

from liveparty.actions import end_event
from liveparty.catalog.models import Song
from liveparty.recap.exports import as_csv, as_m3u


def m3u_entries(text: str) -> list[tuple[int, str, str]]:
    """(seconds, "Artist - Title", location) of each entry of an extended M3U."""
    lines = text.splitlines()
    assert lines[0] == "#EXTM3U"
    entries, info = [], None
    for line in lines[1:]:
        if line.startswith("#EXTINF:"):
            seconds, _, name = line.removeprefix("#EXTINF:").partition(",")
            info = (int(seconds), name)
        elif line and not line.startswith("#"):
            entries.append((*info, line))
    return entries


def test_the_m3u_lists_what_played_in_order(night):
    Song.objects.filter(title="Hey Ya!").update(spotify_id="2PpruBYCo4H7WOBJ7Q2EwM", duration_ms=235_000)
    text = as_m3u(night.event)
    assert "#PLAYLIST:Hana's birthday" in text
    assert m3u_entries(text) == [
        (-1, "ABBA - Dancing Queen", "ABBA - Dancing Queen"),
        (235, "OutKast - Hey Ya!", "spotify:track:2PpruBYCo4H7WOBJ7Q2EwM"),
    ]


def test_the_csv_lists_what_played_in_order_with_who_asked(night):
    rows = list(csv.DictReader(io.StringIO(as_csv(night.event))))
    keys = ("position", "title", "artist", "requested_by", "picked_by", "asks")
    assert [tuple(row[key] for key in keys) for row in rows] == [
        ("1", "Dancing Queen", "ABBA", "Gina", "", "3"),
        ("2", "Hey Ya!", "OutKast", "", "DJ Dave", "0"),
    ]
    assert rows[0]["played_at"].startswith("2026-12-05T20:30:00")


def test_a_nickname_never_runs_as_a_spreadsheet_formula(night):
    night.gina.nickname = '=HYPERLINK("http://x")'
    night.gina.save()
    rows = list(csv.DictReader(io.StringIO(as_csv(night.event))))
    assert rows[0]["requested_by"] == '\'=HYPERLINK("http://x")'


def test_a_title_with_a_line_break_stays_one_entry(night):
    Song.objects.filter(title="Dancing Queen").update(title="Dancing\nQueen")
    assert m3u_entries(as_m3u(night.event))[0][1] == "ABBA - Dancing Queen"


def test_a_party_where_nothing_played_exports_an_empty_playlist(event, host):
    end_event(event, host)
    assert m3u_entries(as_m3u(event)) == []
    assert list(csv.DictReader(io.StringIO(as_csv(event)))) == []
