"""Reads: sets."""
