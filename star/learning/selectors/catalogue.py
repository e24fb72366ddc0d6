"""Reads: catalogue."""
