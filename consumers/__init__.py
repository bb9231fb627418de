"""Channels consumers for the three roles: parse, authorise, call a domain service, reply."""
