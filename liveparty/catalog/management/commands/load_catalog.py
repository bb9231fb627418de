"""`manage.py load_catalog`: load the bundled Chinook catalog (idempotent)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liveparty.catalog.chinook import CatalogMissing, load_chinook


class Command(BaseCommand):
    help = "Load or refresh the bundled Chinook catalog (songs, albums, artists, genres, playlists)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fixture", type=Path, default=settings.CHINOOK_FIXTURE, help="Chinook's initial_data.json"
        )

    def handle(self, *args: object, fixture: Path, **options: object) -> None:
        try:
            counts = load_chinook(fixture)
        except CatalogMissing as missing:
            raise CommandError(str(missing)) from missing
        self.stdout.write(
            f"Catalog: {counts['songs']} songs ({counts['created']} new, {counts['updated']} updated), "
            f"{counts['playlists']} playlists"
        )
