"""The personal STAR record for appraisal or registration renewal (Social Work England CPD).

One selector (`timeline`) feeds the page, the print view and the PDF, so they always agree.
The PDF is rendered by WeasyPrint from the same template, with no network access.
"""

from datetime import date

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string

from .selectors import timeline


def record_context(user, *, start: date, end: date) -> dict:
    entries = timeline(user, start=start, end=end)
    counts = {kind: sum(1 for entry in entries if entry.kind == kind)
              for kind in ("reflection", "commitment", "supervision")}
    return {"entries": entries, "start": start, "end": end, "counts": counts, "person": user}


def _no_network(url: str, *args, **kwargs):
    """WeasyPrint URL fetcher that refuses everything: the PDF uses only its own stylesheet."""
    raise ValueError(f"The PDF may not load {url[:60]}")


def record_pdf_response(request, *, start: date, end: date) -> HttpResponse:
    from weasyprint import CSS, HTML

    html = render_to_string("practice/record_pdf.html",
                            {**record_context(request.user, start=start, end=end), "star": settings.STAR},
                            request=request)
    stylesheet = CSS(filename=finders.find("practice/record-print.css"))
    pdf = HTML(string=html, url_fetcher=_no_network).write_pdf(stylesheets=[stylesheet])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="star-practice-record-{start}-to-{end}.pdf"'
    return response
