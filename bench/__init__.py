"""Benchmarks (not tests): a synthetic French interview corpus and timing scripts. See ``python -m bench``."""
