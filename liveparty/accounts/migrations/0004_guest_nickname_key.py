"""Guests' nicknames are unique by what they look like (accounts/nicknames.py), not by
their lower case only. Guests of past events whose nicknames look alike keep them: the
later ones' keys are told apart by their id."""

from django.db import migrations, models

from liveparty.accounts.nicknames import lookalike_key


def fill_keys(apps, schema_editor) -> None:
    Guest = apps.get_model("accounts", "Guest")
    taken: set[tuple[int, str]] = set()
    for guest in Guest.objects.order_by("pk").iterator():
        key = lookalike_key(guest.nickname)
        if (guest.event_id, key) in taken:
            key = f"{key}#{guest.pk}"
        taken.add((guest.event_id, key))
        guest.nickname_key = key
        guest.save(update_fields=["nickname_key"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_spotify_link")]

    operations = [
        migrations.AddField(
            model_name="guest", name="nickname_key", field=models.CharField(default="", max_length=160), preserve_default=False
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="guest", name="guest_nickname_unique_per_event"),
        migrations.AddConstraint(
            model_name="guest",
            constraint=models.UniqueConstraint(models.F("event"), models.F("nickname_key"), name="guest_nickname_unlike_per_event"),
        ),
    ]
