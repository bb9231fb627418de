"""The request stack: entries, asks, the queue, now playing and history."""
