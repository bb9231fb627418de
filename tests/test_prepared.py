"""Prepared queries (liveparty/prepared.py) give what the ORM gives for the same queryset,
with each call's values in their places, on SQLite and on PostgreSQL."""

from datetime import datetime, timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from liveparty import actions
from liveparty.catalog.models import Song
from liveparty.prepared import Prepared, columns
from liveparty.song_requests.models import OPEN_STATUSES, SongRequest

pytestmark = pytest.mark.domain

by_artist_since = Prepared(
    SongRequest,
    {"event_id": int, "artist": str, "since": datetime},
    lambda event_id, artist, since: (
        SongRequest.objects.filter(event_id=event_id, song__artist=artist)
        .filter(Q(status__in=OPEN_STATUSES) | Q(created_at__gt=since))
        .order_by("pk")
        .values_list(*columns(SongRequest))
    ),
)


def test_each_call_binds_its_own_values(event, guest, guest2, songs):
    mine = [actions.request_song(guest, song.pk) for song in songs[:4]]
    for song in songs[:4]:
        since = timezone.now() - timedelta(minutes=5)
        orm = list(
            SongRequest.objects.filter(event_id=event.pk, song__artist=song.artist)
            .filter(Q(status__in=OPEN_STATUSES) | Q(created_at__gt=since))
            .order_by("pk")
        )
        prepared = by_artist_since.instances(event_id=event.pk, artist=song.artist, since=since)
        assert [(r.pk, r.status, r.created_at, r.song_id) for r in prepared] == [
            (r.pk, r.status, r.created_at, r.song_id) for r in orm
        ]
        assert prepared
    assert by_artist_since.rows(event_id=event.pk + 1000, artist=songs[0].artist, since=timezone.now()) == []
    assert {r.pk for r in mine} <= {
        r.pk
        for song in songs[:4]
        for r in by_artist_since.instances(event_id=event.pk, artist=song.artist, since=timezone.now())
    }


def test_rows_are_converted_as_the_orm_converts_them(songs):
    """SQLite hands booleans back as 0 and 1; the ORM's converters make them bool again."""
    Song.objects.filter(pk=songs[0].pk).update(explicit=True)
    flags = Prepared(Song, {"song_id": int}, lambda song_id: Song.objects.filter(pk=song_id).values_list("explicit"))
    assert flags.first(song_id=songs[0].pk) == (True,)
    assert flags.first(song_id=songs[1].pk) == (False,)
    assert type(flags.first(song_id=songs[0].pk)[0]) is bool


def test_a_value_the_sql_has_no_place_for_is_refused(songs):
    ignored = Prepared(Song, {"song_id": int}, lambda song_id: Song.objects.values_list("pk"))
    with pytest.raises(ValueError, match="song_id"):
        ignored.rows(song_id=songs[0].pk)


def test_an_id_no_column_can_hold_finds_nothing(songs):
    """As the ORM's lookups answer it; the database's driver would fail on it."""
    assert Song.objects.filter(pk=10**30).first() is None
    by_id = Prepared(Song, {"song_id": int}, lambda song_id: Song.objects.filter(pk=song_id).values_list("pk"))
    assert by_id.rows(song_id=10**30) == []
    assert by_id.rows(song_id=-(10**30)) == []
    assert by_id.rows(song_id=songs[0].pk) == [(songs[0].pk,)]
