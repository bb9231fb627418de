"""The guest page: join, browse and search, request and +1, my requests, rate, mood."""
