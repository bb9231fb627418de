"""The request stack: requests, asks, the queue, now playing and history."""
