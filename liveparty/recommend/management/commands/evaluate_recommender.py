"""Playlist continuation: this engine against a popularity baseline and implicit's ALS.

Runs on the bundled catalog's playlists (leave-one-out folds: there are few) and on
generated playlists with planted structure (liveparty/recommend/synthetic.py), which are
labelled synthetic in every line of output.
"""

import time

from django.core.management.base import BaseCommand, CommandParser

from liveparty.recommend.evaluation import CUTOFF, Dataset, database_dataset, evaluate
from liveparty.recommend.synthetic import generate


class Command(BaseCommand):
    help = (
        "Evaluate the recommender on held-out playlists (R-precision, NDCG@10, hit-rate@10, "
        "and how many artists and albums a list of ten spans)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--synthetic-tracks", type=int, default=20_000)
        parser.add_argument("--synthetic-playlists", type=int, default=50_000)
        parser.add_argument("--test-playlists", type=int, default=1_000, help="held out of the synthetic set")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--skip-bundled", action="store_true")
        parser.add_argument("--skip-synthetic", action="store_true")

    def handle(self, *args: object, **options: object) -> None:
        if not options["skip_bundled"]:
            dataset = database_dataset()
            folds = min(10, sum(1 for p in dataset.playlists if len(p) >= 4)) or 1
            self.report(dataset, "bundled playlists, leave-one-out folds", folds=folds, seed=options["seed"])
        if not options["skip_synthetic"]:
            made = generate(options["synthetic_tracks"], options["synthetic_playlists"], seed=options["seed"])
            dataset = Dataset(
                name=f"SYNTHETIC ({made.tracks} tracks, {made.playlists} playlists, planted scenes)",
                tracks=made.tracks,
                playlists=made.as_lists(),
                genres=made.genres(),
                artists=made.artists(),
                albums=made.albums(),
            )
            self.report(dataset, "synthetic, held out", test_playlists=options["test_playlists"], seed=options["seed"])

    def report(self, dataset: Dataset, how: str, **settings: int) -> None:
        started = time.perf_counter()
        results = evaluate(dataset, **settings)
        seconds = time.perf_counter() - started
        self.stdout.write(f"\n{dataset.name}: {len(dataset.playlists)} playlists, {how} ({seconds:.1f} s)")
        self.stdout.write(
            f"| method | R-precision | NDCG@{CUTOFF} | hit-rate@{CUTOFF} "
            f"| artists in {CUTOFF} | albums in {CUTOFF} | playlists scored |"
        )
        self.stdout.write("|---|---|---|---|---|---|---|")
        for method, scores in results.items():
            self.stdout.write(
                f"| {method} | {scores['R-precision']:.3f} | {scores[f'NDCG@{CUTOFF}']:.3f} "
                f"| {scores[f'hit-rate@{CUTOFF}']:.3f} | {_spread(scores[f'artists@{CUTOFF}'])} "
                f"| {_spread(scores[f'albums@{CUTOFF}'])} | {scores['playlists']} |"
            )


def _spread(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"
