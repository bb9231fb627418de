"""The HTTP API of docs/protocol.md (django-ninja): parse, authorise, call a domain service, reply.

It is the HTTP twin of `consumers/`; like them it holds no domain logic.
"""
