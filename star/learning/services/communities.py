"""Writes: communities."""
