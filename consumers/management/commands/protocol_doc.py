"""`manage.py protocol_doc`: rewrite the WebSocket part of docs/protocol.md from the code."""

from django.core.management.base import BaseCommand

from consumers import protocol_doc


class Command(BaseCommand):
    help = "Regenerate the WebSocket messages in docs/protocol.md from consumers/messages.py."

    def handle(self, *args: object, **options: object) -> None:
        protocol_doc.write()
        self.stdout.write(f"wrote {protocol_doc.DOC}")
