"""The per-event update log and publish-after-commit.

Low in the house: domain services call it; it calls no domain code. The log, not
the channel layer, is the record: the layer delivers at most once, so a client
that missed something replays from here.
"""
