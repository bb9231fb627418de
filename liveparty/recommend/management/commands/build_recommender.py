"""Precompute the recommender's similarity model from every playlist-like signal.

Run after loading or importing a catalog; the engine also rebuilds it after each party
ends (its played sequence and its guests' requests are new sessions).
"""

from django.core.management.base import BaseCommand

from liveparty.recommend import compute
from liveparty.recommend.store import model_path


class Command(BaseCommand):
    help = "Build the recommender's co-occurrence model from playlists, albums and past parties."

    def handle(self, *args: object, **options: object) -> None:
        stats = compute.rebuild()
        kinds = ", ".join(f"{count} {kind}" for kind, count in stats["sessions_by_kind"].items())
        self.stdout.write(
            f"Recommender model: {stats['songs']} songs, {stats['sessions']} sessions ({kinds}), "
            f"{stats['pairs']} neighbour pairs, built in {stats['build_seconds']} s -> {model_path()}"
        )
