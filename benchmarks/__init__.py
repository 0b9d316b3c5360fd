"""Benchmark scripts (run from the repository root); importable so tests can reuse the corpus loader."""
