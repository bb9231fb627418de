"""Which moods a genre fits: the prior the engines use when no valence data exists offline.

Weights per genre add up to 1 over the moods. The genres are the catalog's (Chinook's,
and Spotify's broad families); a genre not listed fits every mood a little.
"""

from liveparty.mood.models import Mood

H, E, C, S, T = Mood.HAPPY, Mood.ENERGETIC, Mood.CHILL, Mood.SAD, Mood.TENSE

GENRE_MOODS: dict[str, dict[str, float]] = {
    "pop": {H: 0.5, E: 0.3, C: 0.1, S: 0.1},
    "rock": {E: 0.5, H: 0.2, T: 0.2, S: 0.1},
    "rock and roll": {H: 0.5, E: 0.5},
    "alternative": {E: 0.3, S: 0.3, T: 0.2, C: 0.2},
    "alternative & punk": {E: 0.5, T: 0.4, S: 0.1},
    "metal": {E: 0.5, T: 0.5},
    "heavy metal": {E: 0.5, T: 0.5},
    "electronica/dance": {E: 0.6, H: 0.4},
    "hip hop/rap": {E: 0.5, T: 0.3, H: 0.2},
    "r&b/soul": {H: 0.4, C: 0.4, S: 0.2},
    "latin": {H: 0.5, E: 0.5},
    "reggae": {H: 0.5, C: 0.5},
    "bossa nova": {C: 0.7, H: 0.3},
    "jazz": {C: 0.6, H: 0.2, S: 0.2},
    "blues": {S: 0.6, C: 0.4},
    "easy listening": {C: 0.8, H: 0.2},
    "classical": {C: 0.6, S: 0.2, T: 0.2},
    "opera": {S: 0.4, T: 0.3, C: 0.3},
    "soundtrack": {T: 0.4, C: 0.3, S: 0.3},
    "world": {H: 0.4, C: 0.4, E: 0.2},
}
UNKNOWN_GENRE = {mood: 1 / len(Mood.values) for mood in Mood.values}


def prior(genre: str) -> dict[str, float]:
    """The moods a genre fits, as shares adding up to 1."""
    return GENRE_MOODS.get(genre.strip().lower(), UNKNOWN_GENRE)


def mood_fit(genre: str, moods: dict[str, float]) -> float:
    """How well a genre fits a crowd's mood distribution, 0 to 1."""
    fits = prior(genre)
    return sum(share * fits.get(mood, 0.0) for mood, share in moods.items())
