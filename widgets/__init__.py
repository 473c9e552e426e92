"""Reusable Qt widgets that know nothing of the database."""
