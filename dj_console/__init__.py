"""The DJ console: stack, queue, now playing, history, crowd mood, suggestions."""
