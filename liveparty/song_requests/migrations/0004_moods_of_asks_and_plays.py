"""Each ask keeps its guest's mood of the moment, and each song that played the crowd's
published mood as it started. Existing rows get theirs from the readings and the update
log, by the same rules the actions follow from now on (liveparty/actions/stack.py); a
song whose crowd mood the log no longer holds (it keeps the latest updates) gets none."""

from datetime import timedelta

from django.db import migrations, models
from django.db.models import DateTimeField, ExpressionWrapper, OuterRef, Subquery, Value
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce

MOODS = [("happy", "Happy"), ("energetic", "Energetic"), ("chill", "Chill"), ("sad", "Down"), ("tense", "Tense")]
# liveparty.mood.crowd.HORIZON when this was written: a mood told longer ago is not "now".
HORIZON = timedelta(minutes=40)


def attribute_moods(apps, schema_editor):
    Ask = apps.get_model("requests", "Ask")
    SongRequest = apps.get_model("requests", "SongRequest")
    MoodReading = apps.get_model("mood", "MoodReading")
    Update = apps.get_model("updates", "Update")
    told = (
        MoodReading.objects.filter(
            guest_id=OuterRef("guest_id"),
            created_at__lte=OuterRef("asked_at"),
            created_at__gte=ExpressionWrapper(OuterRef("asked_at") - Value(HORIZON), output_field=DateTimeField()),
        )
        .order_by("-created_at", "-pk")
        .values("mood")[:1]
    )
    Ask.objects.update(asker_mood=Coalesce(Subquery(told), Value("")))
    published = (
        Update.objects.filter(event_id=OuterRef("event_id"), kind="crowd_mood.changed", created_at__lte=OuterRef("played_at"))
        .order_by("-seq")
        .annotate(mood=KeyTextTransform("mood", "data"))
        .values("mood")[:1]
    )
    SongRequest.objects.filter(played_at__isnull=False).update(crowd_mood=Coalesce(Subquery(published), Value("")))


class Migration(migrations.Migration):
    dependencies = [
        ("requests", "0003_one_name_for_a_song_request"),
        ("mood", "0003_camera_readings"),
        ("updates", "0003_offer_changed"),
    ]

    operations = [
        migrations.AddField(
            model_name="ask",
            name="asker_mood",
            field=models.CharField(blank=True, choices=MOODS, max_length=16),
        ),
        migrations.AddField(
            model_name="songrequest",
            name="crowd_mood",
            field=models.CharField(blank=True, choices=MOODS, max_length=16),
        ),
        migrations.RunPython(attribute_moods, migrations.RunPython.noop, elidable=True),
    ]
