"""Views for surveys: ``staff`` (builder, results, coding) and ``public`` (the respondent's form)."""
