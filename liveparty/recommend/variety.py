"""Variety in a list of suggestions: ten tracks read as a choice, not as one album.

The engine's scores alone fill a list with one album after a track from it (albums are
playlist-like sessions, and a party's crate is often a few records). A list takes at
most MAX_PER_ARTIST tracks of an artist and MAX_PER_ALBUM of an album; what the caps
hold back fills the list only when nothing else is on offer. The suggestions (blend.py)
and the offline evaluation (evaluation.py) apply this same rule.
"""

from collections import Counter

MAX_PER_ARTIST = 2
MAX_PER_ALBUM = 2


class Variety:
    """The artists and albums of one list so far."""

    def __init__(self) -> None:
        self.artists: Counter[str] = Counter()
        self.albums: Counter[tuple[str, str]] = Counter()

    @staticmethod
    def _keys(artist: str, album: str | None) -> tuple[str, tuple[str, str] | None]:
        artist = (artist or "").casefold()
        return artist, (artist, album.casefold()) if album else None

    def allows(self, artist: str, album: str | None) -> bool:
        artist_key, album_key = self._keys(artist, album)
        if artist_key and self.artists[artist_key] >= MAX_PER_ARTIST:
            return False
        return album_key is None or self.albums[album_key] < MAX_PER_ALBUM

    def add(self, artist: str, album: str | None) -> None:
        artist_key, album_key = self._keys(artist, album)
        if artist_key:
            self.artists[artist_key] += 1
        if album_key is not None:
            self.albums[album_key] += 1
