# The song request is `song_request` in code (`request` means an HttpRequest), its asks
# are `asks` and their number `ask_count`: fields and constraint names follow.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_initial'),
        ('catalog', '0002_song_genre_index'),
        ('events', '0002_blockedsong'),
        ('requests', '0002_dj_picks'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name='songrequest', name='one_open_entry_per_song'),
        migrations.RemoveConstraint(model_name='songrequest', name='entry_requested_by_a_guest_or_picked_by_a_dj'),
        migrations.RemoveConstraint(model_name='ask', name='one_ask_per_guest_per_entry'),
        migrations.RemoveConstraint(model_name='rating', name='one_rating_per_guest_per_entry'),
        migrations.RenameField(model_name='songrequest', old_name='asks', new_name='ask_count'),
        migrations.RenameField(model_name='ask', old_name='entry', new_name='song_request'),
        migrations.RenameField(model_name='rating', old_name='entry', new_name='song_request'),
        migrations.AlterField(
            model_name='ask',
            name='song_request',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='asks', to='requests.songrequest'),
        ),
        migrations.AlterField(
            model_name='songrequest',
            name='event',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='song_requests', to='events.event'),
        ),
        migrations.AlterField(
            model_name='songrequest',
            name='song',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='song_requests', to='catalog.song'),
        ),
        migrations.AlterField(
            model_name='songrequest',
            name='picked_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='picked_song_requests', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddConstraint(
            model_name='songrequest',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ('pending', 'queued', 'playing'))), fields=('event', 'match_key'), name='one_open_song_request_per_song'),
        ),
        migrations.AddConstraint(
            model_name='songrequest',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('picked_by__isnull', True), ('requested_by__isnull', False)), models.Q(('picked_by__isnull', False), ('requested_by__isnull', True)), _connector='OR'), name='song_request_requested_by_a_guest_or_picked_by_a_dj'),
        ),
        migrations.AddConstraint(
            model_name='ask',
            constraint=models.UniqueConstraint(condition=models.Q(('withdrawn_at__isnull', True)), fields=('song_request', 'guest'), name='one_ask_per_guest_per_song_request'),
        ),
        migrations.AddConstraint(
            model_name='rating',
            constraint=models.UniqueConstraint(fields=('song_request', 'guest'), name='one_rating_per_guest_per_song_request'),
        ),
    ]
