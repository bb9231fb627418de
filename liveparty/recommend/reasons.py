"""The one line a suggestion carries: why the engine thinks it fits."""

from liveparty.mood.models import Mood


def _times(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def describe(reason: tuple) -> str:
    kind, *args = reason
    if kind == "played_with":
        title, shared = args
        return f"played with {title} in {_times(shared, 'playlist', 'playlists')}" if shared else f"goes with {title}"
    if kind == "asked_with":
        title, shared, asks = args
        return f"goes with {title} ({_times(asks, 'ask', 'asks')} on the stack)"
    if kind == "same_album":
        return f"same album as {args[0]}"
    if kind == "like_rated":
        return f"like {args[0]}, rated well" if args[0] else "like tracks rated well"
    if kind == "like_accepted":
        return f"like {args[0]}, accepted tonight"
    if kind == "like_disliked":
        return f"unlike {args[0]}" if args[0] else "unlike tracks rated low"
    if kind == "explore":
        return f"a change of direction after a low rating for {args[0]}"
    if kind == "crowd_mood":
        return f"crowd mood: {Mood(args[0]).label.lower()}"  # the guests' word for it
    return {
        "rated_well_tonight": "rated well tonight",
        "rated_well_at_your_parties": "rated well at your parties",
        "you_rated_well": "you rated it well",
        "accepted_tonight": "like what you accepted tonight",
        "disliked": "rated low before",
        "popular": "most popular in the crate",
    }[kind]
