"""The host's page: start and end events, show the QR code, invite co-DJs."""
