"""The people of every test: a host, a DJ, a co-DJ, guests and an outsider, at one party."""

import pytest

from liveparty import actions
from liveparty.accounts.models import Guest, User
from liveparty.accounts.nicknames import lookalike_key
from liveparty.accounts.tokens import GUEST_PREFIX, new_token
from liveparty.actions import join_event, start_event
from liveparty.catalog.models import Song
from liveparty.events.models import Event
from liveparty.song_requests.models import SongRequest

PASSWORD = "correct horse battery"

SONGS = [
    ("Dancing Queen", "ABBA", "Arrival"),
    ("Billie Jean", "Michael Jackson", "Thriller"),
    ("Mr. Brightside", "The Killers", "Hot Fuss"),
    ("Le Freak", "Chic", "C'est Chic"),
    ("Hey Ya!", "OutKast", "Speakerboxxx/The Love Below"),
    ("September", "Earth, Wind & Fire", "The Best of Earth, Wind & Fire, Vol. 1"),
    ("Crazy in Love", "Beyoncé", "Dangerously in Love"),
    ("Wonderwall", "Oasis", "(What's the Story) Morning Glory?"),
]


def make_account(username: str, display_name: str) -> User:
    return User.objects.create_user(username=username, password=PASSWORD, display_name=display_name)


def guests_with_tokens(event: Event, count: int, prefix: str) -> list[str]:
    """Many guests at once, with their tokens (joining one by one is slow for a crowd)."""
    tokens, rows = [], []
    for i in range(count):
        token, token_hash = new_token(GUEST_PREFIX)
        tokens.append(token)
        nickname = f"{prefix} {i}"
        rows.append(Guest(event=event, nickname=nickname, nickname_key=lookalike_key(nickname), token_hash=token_hash))
    Guest.objects.bulk_create(rows)
    return tokens


def make_guest(event: Event, nickname: str) -> Guest:
    guest, _ = join_event(event, nickname)
    return guest


@pytest.fixture
def host(db) -> User:
    return make_account("hana", "Hana")


@pytest.fixture
def dj(db) -> User:
    return make_account("dave", "DJ Dave")


@pytest.fixture
def co_dj(db) -> User:
    return make_account("carla", "Carla")


@pytest.fixture
def outsider(db) -> User:
    return make_account("otto", "Otto")


@pytest.fixture
def event(host, dj) -> Event:
    return start_event(host, "Hana's birthday", dj.username)


@pytest.fixture
def guest(event) -> Guest:
    return make_guest(event, "Gina")


@pytest.fixture
def guest2(event) -> Guest:
    return make_guest(event, "Gus")


@pytest.fixture
def guest3(event) -> Guest:
    return make_guest(event, "Greta")


@pytest.fixture
def songs(db) -> list[Song]:
    return [Song.objects.create(title=title, artist=artist, album=album) for title, artist, album in SONGS]


@pytest.fixture
def song(songs) -> Song:
    return songs[0]


@pytest.fixture
def queued_pair(event, dj, guest, guest2, songs) -> tuple[SongRequest, SongRequest]:
    """Gina's song at the head of the queue, Gus's behind it."""
    first = actions.request_song(guest, songs[0].pk)
    second = actions.request_song(guest2, songs[1].pk)
    actions.accept(event, dj, first.pk)
    actions.accept(event, dj, second.pk)
    return first, second
