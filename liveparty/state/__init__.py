"""What each role sees: the snapshot per role, built from the domain.

High in the house: it reads events, requests (and later mood and recommendations);
nothing below imports it.
"""
