"""Reads: communities."""
