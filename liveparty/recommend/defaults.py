"""The registry's defaults: the algorithms of the original design and the scaling
factors of their types. The migration installs them, and so does the engine when it
finds the registry empty (a flushed test database, a hand-cleared table)."""

FACTORS = [
    # type, weight in the blend, like, dislike, pivot
    ("similarity", 1.0, 1.0, 1.0, 3.0),
    ("rating", 0.8, 1.0, 1.5, 3.0),  # a low rating teaches more than a high one
    ("feedback", 0.6, 1.0, 2.0, 3.0),  # a denial is a firm "not tonight"
    ("mood", 0.3, 1.0, 1.0, 3.0),
    ("popularity", 0.1, 1.0, 1.0, 3.0),
    ("exploration", 0.2, 1.0, 1.0, 3.0),  # after a low rating: this share of the list explores
]

ALGORITHMS = [
    # name, type, scope, function, description
    ("now-playing", "similarity", "", "now_playing", "Tracks played with the one playing and the last few played"),
    ("crowd-demand", "similarity", "", "crowd_demand", "Tracks that go with what the crowd asks for, by asks"),
    ("crowd-ratings", "rating", "event", "crowd_ratings", "Tracks tonight's crowd rated well, and tracks like them"),
    ("dj-taste", "rating", "account", "dj_taste", "Tracks the crowds of this DJ's parties rated well"),
    ("guest-taste", "rating", "guest", "guest_taste", "Tracks like those one guest rated well (their page)"),
    ("dj-feedback", "feedback", "event", "dj_feedback", "Tracks like those the DJ accepted; unlike those denied"),
    ("crowd-mood", "mood", "", "crowd_mood", "Tracks whose genre fits the crowd's mood"),
    ("popular", "popularity", "", "popular", "The most popular tracks on offer (a party's first suggestion)"),
    ("explore", "exploration", "", "explore", "After a low rating, random picks from playlists without that track"),
]


def install(algorithm_model: type, factors_model: type) -> None:
    """Create or reset the defaults (works with the migration's historical models too)."""
    for algorithm_type, weight, like, dislike, pivot in FACTORS:
        factors_model.objects.update_or_create(
            algorithm_type=algorithm_type, defaults={"weight": weight, "like": like, "dislike": dislike, "pivot": pivot}
        )
    for name, algorithm_type, scope, function, description in ALGORITHMS:
        algorithm_model.objects.update_or_create(
            name=name,
            defaults={
                "algorithm_type": algorithm_type,
                "scope": scope,
                "callable": f"liveparty.recommend.algorithms.{function}",
                "description": description,
            },
        )
