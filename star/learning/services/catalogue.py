"""Writes: catalogue."""
