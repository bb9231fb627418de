"""LiveParty: the Django project and the domain (no transport code here)."""
