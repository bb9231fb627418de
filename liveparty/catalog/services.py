"""Finding songs: the guest search (a plain substring match until the catalog issue)."""

from django.db.models import Q, QuerySet

from liveparty.catalog.models import Song
from liveparty.errors import NotFound

SEARCH_PAGE_SIZE = 20  # one phone screen and a bit: the page fetches more as the guest scrolls
SEARCH_QUERY_MAX_LENGTH = 100  # nobody types more


def get_song(song_id: int) -> Song:
    song = Song.objects.filter(pk=song_id).first()
    if song is None:
        raise NotFound("That song is not in the catalog.")
    return song


def search(query: str) -> QuerySet[Song]:
    """Songs whose title, artist or album contain every word of the query."""
    songs = Song.objects.all()
    for word in query.split():
        songs = songs.filter(Q(title__icontains=word) | Q(artist__icontains=word) | Q(album__icontains=word))
    return songs.order_by("title", "artist", "pk")


def search_page(query: str, page: int) -> tuple[list[Song], int | None]:
    """One page of results and the number of the next page (None on the last)."""
    start = (page - 1) * SEARCH_PAGE_SIZE
    rows = list(search(query)[start : start + SEARCH_PAGE_SIZE + 1])
    next_page = page + 1 if len(rows) > SEARCH_PAGE_SIZE else None
    return rows[:SEARCH_PAGE_SIZE], next_page
