"""Reads for surveys and feedback: ``surveys`` (what staff may see), ``results`` (figures through the
analytics core), ``public`` (what a respondent's link reaches)."""
