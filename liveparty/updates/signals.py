"""News for the layers above: the update log calls no domain code, it tells."""

from django.dispatch import Signal

# Sent inside the transaction of each recorded change: event_id, kind.
update_recorded = Signal()
