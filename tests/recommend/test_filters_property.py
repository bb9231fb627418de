"""Property: whatever the party's state, no suggestion is open, played, denied, blocked
(the song or its artist), explicit under the clean-only rule, or off the crate (by match
key: no other version of such a song either)."""

import contextlib
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liveparty import actions
from liveparty.actions import join_event, start_event
from liveparty.catalog.models import Playlist, Song
from liveparty.errors import Conflict
from liveparty.events.offer import crate_song_ids, refusals
from liveparty.recommend.services import similar, suggest
from liveparty.song_requests.models import OPEN_STATUSES, SongRequest, Status
from tests.personas import make_account

SONGS = 19  # the scenes' 18 and the bridge
counter = itertools.count()

fates = st.lists(
    st.sampled_from(
        ["none", "pending", "queued", "played", "denied", "blocked", "blocked_everywhere", "artist_blocked"]
    ),
    min_size=SONGS,
    max_size=SONGS,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fates=fates,
    playing=st.integers(min_value=-1, max_value=SONGS - 1),
    crate=st.sets(st.integers(min_value=0, max_value=9), max_size=3),
    low_rating=st.booleans(),
    n=st.integers(min_value=1, max_value=12),
    explicit=st.sets(st.integers(min_value=0, max_value=SONGS - 1), max_size=6),
    clean_only=st.booleans(),
)
def test_no_suggestion_breaks_a_filter(scenes, fates, playing, crate, low_rating, n, explicit, clean_only):
    number = next(counter)
    host, dj = make_account(f"host{number}", "Host"), make_account(f"dj{number}", "DJ")
    event = start_event(host, f"Party {number}", dj.username)
    guest = join_event(event, "Gina")[0]
    songs = list(Song.objects.order_by("pk"))
    Song.objects.update(explicit=False)
    Song.objects.filter(pk__in=[songs[index].pk for index in explicit]).update(explicit=True)
    songs = list(Song.objects.order_by("pk"))
    version = Song.objects.create(title=songs[0].title, artist=songs[0].artist, album="Live", popularity=500)
    event = actions.set_rules(event, dj, {"clean_only": clean_only})

    for index, fate in enumerate(fates):
        song = songs[index]
        if fate == "blocked":
            actions.block(event, dj, song.pk)
        elif fate == "blocked_everywhere":
            actions.block(event, dj, song.pk, everywhere=True)
        elif fate == "artist_blocked":
            with contextlib.suppress(Conflict):  # the artist of an earlier song
                actions.block(event, dj, song.pk, whole_artist=True)
        elif fate != "none" and not refusals(event).refuse(song.match_key, song.explicit):
            song_request = actions.request_song(make_guest_for(event, index), song.pk)
            if fate in ("queued", "played"):
                actions.accept(event, dj, song_request.pk)
            if fate == "played":
                actions.play(event, dj, song_request.pk)
            if fate == "denied":
                actions.deny(event, dj, song_request.pk)
    playable = playing >= 0 and not refusals(event).refuse(songs[playing].match_key, songs[playing].explicit)
    if playable and fates[playing] in ("none", "pending", "queued"):
        song_request = SongRequest.objects.filter(event=event, song=songs[playing], status__in=OPEN_STATUSES).first()
        song_request = song_request or actions.request_song(make_guest_for(event, 100 + playing), songs[playing].pk)
        actions.play(event, dj, song_request.pk)
        actions.rate(guest, 1 if low_rating else 5)
    playlists = list(Playlist.objects.order_by("pk"))
    for pick in crate:
        actions.pick(event, dj, playlist_id=playlists[pick].pk)

    forbidden = set(
        SongRequest.objects.filter(event=event).exclude(status=Status.CANCELLED).values_list("match_key", flat=True)
    )
    refused = refusals(event)
    on_offer = crate_song_ids(event)
    suggested = suggest(event, n) + similar(songs[0], n, event=event, guest_id=guest.pk)
    for item in suggested:
        song = Song.objects.get(pk=item["song"]["id"])
        assert song.match_key not in forbidden, (item, fates)
        assert not refused.refuse(song.match_key, song.explicit), (item, fates)
        assert on_offer is None or song.pk in on_offer, item
    assert len(suggest(event, n)) <= n
    assert version.match_key == songs[0].match_key


def make_guest_for(event, index):
    return join_event(event, f"Guest {index}")[0]
