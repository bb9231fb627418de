from datetime import timedelta

from django.utils import timezone

from liveparty.presence.models import PresenceReport
from liveparty.presence.services import REPORT_TTL, guests_online, report, report_and_count


def test_it_sums_the_reports_of_every_process(event):
    report(event.pk, "server-a", 30)
    assert report_and_count(event.pk, "server-b", 12) == 42


def test_a_new_report_replaces_the_last_one_of_that_process(event):
    report(event.pk, "server-a", 30)
    report(event.pk, "server-a", 29)
    assert guests_online(event.pk) == 29


def test_a_process_with_no_guests_left_removes_its_report(event):
    report(event.pk, "server-a", 3)
    report(event.pk, "server-a", 0)
    assert not PresenceReport.objects.exists()


def test_a_stale_report_no_longer_counts(event):
    report(event.pk, "server-a", 30)
    report(event.pk, "crashed", 50)
    long_ago = timezone.now() - REPORT_TTL - timedelta(seconds=1)
    PresenceReport.objects.filter(process="crashed").update(reported_at=long_ago)
    assert guests_online(event.pk) == 30
