"""What the request stack tells the layers that learn from it (the recommendation engine)."""

from django.dispatch import Signal

# A guest rated the song playing: rating, previous_score (None the first time).
rating_given = Signal()
# The DJ accepted or denied an entry: entry, verdict ("accepted" or "denied").
entry_reviewed = Signal()
