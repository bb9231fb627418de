"""`manage.py import_spotify`: import Spotify playlists (by id or link, or by a search)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liveparty.catalog.spotify import SpotifyImporter, SpotifyImportError, playlist_id_from

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Import Spotify playlists and their tracks (needs SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--playlist", nargs="+", action="extend", default=[], metavar="ID_OR_URL")
        parser.add_argument("--search", metavar="QUERY", help="import the playlists a Spotify search finds")
        parser.add_argument("--limit", type=int, default=10, help="how many playlists a search imports")

    def handle(self, *args: object, playlist: list[str], search: str | None, limit: int, **options: object) -> None:
        if not playlist and not search:
            raise CommandError("Name playlists with --playlist ID_OR_URL, or search with --search QUERY.")
        try:
            importer = SpotifyImporter(
                settings.SPOTIFY_CLIENT_ID,
                settings.SPOTIFY_CLIENT_SECRET,
                settings.SPOTIFY_API_URL,
                settings.SPOTIFY_TOKEN_URL,
            )
            ids = [playlist_id_from(text) for text in playlist]
            if search:
                ids += importer.search_playlists(search, limit)
            result = importer.import_playlists(ids, self.progress)
        except SpotifyImportError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Imported {len(result.playlists)} playlist(s): {result.songs_created} new songs, "
            f"{result.songs_updated} matched songs updated."
        )
        if result.failures:
            raise CommandError(" ".join(result.failures))

    def progress(self, name: str, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // max(total, 1)
        end = "\n" if done >= total else ""
        self.stdout.write(f"\r{name[:40]:40} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}", ending=end)
