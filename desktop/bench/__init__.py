"""Benchmarks behind ``shian bench``: one module per kind, each with ``run(args) -> dict``."""
