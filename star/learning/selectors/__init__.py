"""Reads for learning: ``catalogue`` (activities, sessions, attendance, records, suggestions, imports),
``sets`` (action learning sets), ``communities`` (communities of practice, events and the action log)."""
