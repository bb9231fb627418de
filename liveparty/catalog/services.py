"""Finding songs: the guest search, over an index kept in each process (search.py)."""

from collections.abc import Container

from liveparty.catalog.models import Song
from liveparty.catalog.search import SearchIndex, catalog_version
from liveparty.errors import NotFound
from liveparty.memo import Memo
from liveparty.prepared import Prepared, columns

SEARCH_PAGE_SIZE = 20  # one phone screen and a bit: the page fetches more as the guest scrolls
SEARCH_QUERY_MAX_LENGTH = 100  # nobody types more


# Every guest's request reads its song: compiled once (liveparty/prepared.py).
_song = Prepared(Song, {"song_id": int}, lambda song_id: Song.objects.filter(pk=song_id).values_list(*columns(Song)))


def get_song(song_id: int) -> Song:
    songs = _song.instances(song_id=song_id)
    if not songs:
        raise NotFound("That song is not in the catalog.")
    return songs[0]


def _build_index() -> SearchIndex:
    fields = ("pk", "title", "artist", "album", "popularity", "match_key")
    return SearchIndex(Song.objects.values_list(*fields).iterator(chunk_size=5000))


_index = Memo(_build_index)


def search_index() -> SearchIndex:
    """This process's index, rebuilt when the catalog's version has changed."""
    return _index.get(catalog_version())


def search_page(
    query: str, page: int, among: Container[int] | None = None, mix: str | None = None
) -> tuple[list[Song], int | None]:
    """One page of results, best first, and the number of the next page (None on the last).
    `among`: the song ids on offer (an event's crate); None for the whole catalog. `mix`:
    an empty query lists equally popular songs in an order of its own (an event's code)."""
    start = (page - 1) * SEARCH_PAGE_SIZE
    ids = search_index().search(query, limit=start + SEARCH_PAGE_SIZE + 1, among=among, mix=mix)
    page_ids = ids[start : start + SEARCH_PAGE_SIZE]
    songs = Song.objects.in_bulk(page_ids)
    next_page = page + 1 if len(ids) > start + SEARCH_PAGE_SIZE else None
    return [songs[song_id] for song_id in page_ids if song_id in songs], next_page
