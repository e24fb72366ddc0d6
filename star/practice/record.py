"""The personal STAR record for appraisal or registration renewal (Social Work England CPD).

One selector (`timeline`) feeds the page, the print view and the PDF, so they always agree.
"""

from datetime import date

from star.core.pdf import pdf_response

from .selectors import timeline


def record_context(user, *, start: date, end: date) -> dict:
    entries = timeline(user, start=start, end=end)
    counts = {kind: sum(1 for entry in entries if entry.kind == kind)
              for kind in ("reflection", "commitment", "supervision")}
    return {"entries": entries, "start": start, "end": end, "counts": counts, "person": user}


def record_pdf_response(request, *, start: date, end: date):
    return pdf_response(request, template="practice/record_pdf.html",
                        context=record_context(request.user, start=start, end=end),
                        stylesheet="practice/record-print.css",
                        filename=f"star-practice-record-{start}-to-{end}.pdf")
