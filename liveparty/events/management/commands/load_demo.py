"""`manage.py load_demo`: a demo host, a demo DJ, a few songs and a live demo party, and a
second demo DJ who plays no party, so that a newcomer can start one with them at once (a
DJ is in one live party at a time, and the first demo DJ plays the demo party).

Idempotent: a second run finds what the first made. The real catalog has its own command.
"""

from django.core.management.base import BaseCommand

from liveparty.accounts.models import User
from liveparty.accounts.services import create_account
from liveparty.actions import start_event
from liveparty.catalog.models import Song
from liveparty.events.models import DJMembership

DEMO_ACCOUNTS = {
    "host": ("demo-host", "party-host-demo", "Demo Host"),
    "dj": ("demo-dj", "party-dj-demo", "DJ Demo"),
    "free_dj": ("demo-dj2", "party-dj2-demo", "DJ Nova"),
}

# (title, artist, album, duration in ms)
DEMO_SONGS = [
    ("Dancing Queen", "ABBA", "Arrival", 230_400),
    ("September", "Earth, Wind & Fire", "The Best of Earth, Wind & Fire, Vol. 1", 215_000),
    ("Billie Jean", "Michael Jackson", "Thriller", 294_000),
    ("Mr. Brightside", "The Killers", "Hot Fuss", 222_000),
    ("Uptown Funk", "Mark Ronson, Bruno Mars", "Uptown Special", 269_000),
    ("Don't Stop Me Now", "Queen", "Jazz", 209_000),
    ("Wonderwall", "Oasis", "(What's the Story) Morning Glory?", 258_000),
    ("Get Lucky", "Daft Punk, Pharrell Williams", "Random Access Memories", 369_000),
    ("Crazy in Love", "Beyoncé, JAY-Z", "Dangerously in Love", 236_000),
    ("Le Freak", "Chic", "C'est Chic", 330_000),
    ("Stayin' Alive", "Bee Gees", "Saturday Night Fever", 285_000),
    ("Hey Ya!", "OutKast", "Speakerboxxx/The Love Below", 235_000),
]


class Command(BaseCommand):
    help = "Create the demo accounts, songs and a live demo party (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        users = {role: self.account(*details) for role, details in DEMO_ACCOUNTS.items()}
        for title, artist, album, duration_ms in DEMO_SONGS:
            Song.objects.update_or_create(
                title=title, artist=artist, defaults={"album": album, "duration_ms": duration_ms}
            )
        membership = DJMembership.objects.filter(dj=users["dj"], live=True).select_related("event").first()
        event = membership.event if membership else start_event(users["host"], "Demo party", users["dj"].username)
        self.stdout.write(f"Demo host: {DEMO_ACCOUNTS['host'][0]} / {DEMO_ACCOUNTS['host'][1]}")
        self.stdout.write(f"Demo DJ:   {DEMO_ACCOUNTS['dj'][0]} / {DEMO_ACCOUNTS['dj'][1]} (plays the demo party)")
        free = DEMO_ACCOUNTS["free_dj"]
        busy = DJMembership.objects.filter(dj=users["free_dj"], live=True).exists()
        state = "DJing a party now" if busy else f"free: name {free[0]} as main DJ when you start a party"
        self.stdout.write(f"Free DJ:   {free[0]} / {free[1]} ({state})")
        self.stdout.write(f"Demo party code: {event.code}")

    def account(self, username: str, password: str, display_name: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            user, _ = create_account(username, password, display_name)
        return user
