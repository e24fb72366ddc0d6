"""PDF downloads rendered by WeasyPrint from a template, with no network access at all."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string


def _no_network(url: str, *args, **kwargs):
    """WeasyPrint URL fetcher that refuses everything: a PDF uses only its own stylesheet."""
    raise ValueError(f"The PDF may not load {url[:60]}")


def pdf_response(request, *, template: str, context: dict, stylesheet: str, filename: str) -> HttpResponse:
    """`stylesheet` is a static path, such as "practice/record-print.css"."""
    from weasyprint import CSS, HTML

    html = render_to_string(template, {**context, "star": settings.STAR}, request=request)
    pdf = HTML(string=html, url_fetcher=_no_network).write_pdf(stylesheets=[CSS(filename=finders.find(stylesheet))])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
