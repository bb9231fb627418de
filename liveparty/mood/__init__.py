"""The mood engine: what guests say (or show) they feel, and the crowd's mood."""
