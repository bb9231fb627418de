"""Lifecycle signals, so that areas above `events` can act on its changes without
`events` importing them (the import direction runs one way)."""

from django.dispatch import Signal

# Sent inside end_event's transaction with the event locked; receivers close what is
# open and record their updates before `event.ended`. Arguments: event.
event_ending = Signal()
