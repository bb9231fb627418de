"""A small catalog with planted structure: three scenes whose songs share playlists.

Disco songs are in disco playlists, rock songs in rock playlists, jazz in jazz ones;
"Bridge" is in one disco and one rock playlist. Popularity rises with the song number
within a scene, so each scene's most popular song is its last.
"""

import pytest

from liveparty.catalog.models import Playlist, PlaylistTrack, Song
from liveparty.recommend import store
from liveparty.recommend.coefficients import ensure_registry

SCENES = {
    "disco": (
        "Electronica/Dance",
        ["Le Freak", "Good Times", "I Feel Love", "Daddy Cool", "Funkytown", "Boogie Oogie"],
    ),
    "rock": ("Rock", ["Back In Black", "Paranoid", "Highway Star", "Black Dog", "Rebel Rebel", "Ace Of Spades"]),
    "jazz": ("Jazz", ["So What", "Take Five", "Naima", "Blue In Green", "Footprints", "Impressions"]),
}


@pytest.fixture(autouse=True)
def _registry(db) -> None:
    """The registry's defaults, also after a transactional test flushed the database."""
    ensure_registry()


@pytest.fixture
def scenes(db) -> dict[str, list[Song]]:
    made = {}
    for scene, (genre, titles) in SCENES.items():
        made[scene] = [
            # Three artists a scene, two songs each: a list of five from one scene keeps its variety.
            Song.objects.create(title=title, artist=f"{scene.title()} Band {i % 3}", genre=genre, popularity=10 * i + 1)
            for i, title in enumerate(titles)
        ]
    number = 0
    for scene, songs in made.items():
        # Three playlists per scene, each with four of its six songs (in turn).
        for offset in range(3):
            number += 1
            members = [songs[(offset * 2 + k) % 6] for k in range(4)]
            playlist(f"{scene} {offset}", number, members)
    number += 1
    made["bridge"] = [Song.objects.create(title="Bridge", artist="Crossover", genre="Pop", popularity=0)]
    playlist("disco and rock", number, [made["disco"][0], made["bridge"][0], made["rock"][0]])
    store.forget()
    return made


def playlist(name: str, number: int, songs: list[Song]) -> Playlist:
    made = Playlist.objects.create(name=name, source=Playlist.Source.CHINOOK, source_id=str(number))
    PlaylistTrack.objects.bulk_create(
        PlaylistTrack(playlist=made, song=song, position=index) for index, song in enumerate(songs, start=1)
    )
    return made
