"""The sessions the similarity model learns from, read from the database.

Imported playlists come first (the model keeps them for exploration), then albums,
then the platform's own history: each party's played sequence and each guest's
requests. A party therefore teaches the model as soon as it is rebuilt.
"""

from collections.abc import Iterable, Iterator

import numpy as np
from django.db.models import QuerySet

from liveparty.catalog.models import PlaylistTrack, Song
from liveparty.recommend.similarity import KIND_WEIGHTS, KINDS, Sessions
from liveparty.song_requests.models import Ask, SongRequest

CHUNK = 20_000


def catalog_arrays() -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Every song's id, popularity and genre."""
    rows = list(Song.objects.order_by().values_list("pk", "popularity", "genre").iterator(chunk_size=CHUNK))
    ids = np.fromiter((row[0] for row in rows), np.int64, len(rows))
    popularity = np.fromiter((row[1] for row in rows), np.float32, len(rows))
    return ids, popularity, [row[2] for row in rows]


def database_sessions() -> Sessions:
    groups = [
        ("playlist", _pairs(PlaylistTrack.objects.order_by().values_list("playlist_id", "song_id"))),
        ("album", _albums()),
        ("event", _pairs(SongRequest.objects.filter(played_at__isnull=False).values_list("event_id", "song_id"))),
        (
            "guest",
            _pairs(Ask.objects.filter(withdrawn_at__isnull=True).values_list("guest_id", "song_request__song_id")),
        ),
    ]
    return sessions_of(groups)


def sessions_of(groups: Iterable[tuple[str, Iterable[tuple[object, int]]]]) -> Sessions:
    """Number the sessions of each kind (keys are the kind's own: a playlist id, an
    album's name...) and weigh them by kind. The first group must be the playlists."""
    songs, numbers, weights, kinds = [], [], [], []
    playlist_sessions = 0
    for kind, pairs in groups:
        keys: dict[object, int] = {}
        first = len(weights)
        for key, song_id in pairs:
            number = keys.get(key)
            if number is None:
                number = keys[key] = len(weights)
                weights.append(KIND_WEIGHTS[kind])
                kinds.append(KINDS.index(kind))
            songs.append(song_id)
            numbers.append(number)
        if kind == "playlist":
            playlist_sessions = len(weights) - first
    return Sessions(
        songs=np.asarray(songs, dtype=np.int64),
        sessions=np.asarray(numbers, dtype=np.int64),
        weights=np.asarray(weights, dtype=np.float32),
        kinds=np.asarray(kinds, dtype=np.int8),
        playlist_sessions=playlist_sessions,
    )


def _pairs(query: QuerySet) -> Iterator[tuple[object, int]]:
    return query.order_by().iterator(chunk_size=CHUNK)


def _albums() -> Iterator[tuple[object, int]]:
    query = Song.objects.exclude(album="").order_by().values_list("artist", "album", "pk")
    for artist, album, song_id in query.iterator(chunk_size=CHUNK):
        yield (artist, album), song_id
