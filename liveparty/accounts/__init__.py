"""Accounts (hosts and DJs), guest identities per event, and bearer tokens."""
