"""Benchmarks and the synthetic data they (and `manage.py evaluate_recommender`) use."""
