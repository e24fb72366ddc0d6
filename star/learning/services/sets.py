"""Writes: sets."""
