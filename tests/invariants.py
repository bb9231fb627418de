"""Checks that must hold after any sequence of actions."""

from liveparty.accounts.models import Guest
from liveparty.events.models import Event
from liveparty.song_requests.models import Ask, SongRequest, Status
from liveparty.updates.models import Update
from liveparty.updates.services import current_seq


def assert_invariants(event: Event) -> None:
    song_requests = SongRequest.objects.filter(event=event)
    for song_request in song_requests:
        active = Ask.objects.filter(song_request=song_request, withdrawn_at__isnull=True).count()
        assert song_request.ask_count == active, (
            f"request {song_request.pk}: asks={song_request.ask_count} but {active} active asks"
        )
    silenced = Ask.objects.filter(
        song_request__event=event, song_request__status__in=(Status.PENDING, Status.QUEUED), withdrawn_at__isnull=True
    ).exclude(guest__standing=Guest.Standing.WELCOME)
    assert not silenced.exists(), "a muted or banned guest's ask still counts"
    positions = sorted(song_requests.filter(status=Status.QUEUED).values_list("position", flat=True))
    assert positions == list(range(1, len(positions) + 1)), f"queue positions not contiguous: {positions}"
    seqs = list(Update.objects.filter(event=event).order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1)), "update log has a gap or a duplicate"
    assert current_seq(event.pk) == len(seqs)
