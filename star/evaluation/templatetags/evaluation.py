"""Template helper for a change after vs before (a difference Figure) in percentage points."""

from django import template
from django.utils.html import format_html

from star.analytics.reading import format_number

register = template.Library()


def _points(value: float) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "") + format_number(abs(value) * 100, 1)


@register.simple_tag
def change_cell(figure):
    """'+24.8 points' over '(−4.9 to +49.2)', 'c' when hidden, ':' when there is none."""
    if figure is None or (figure.value is None and figure.symbol != "c"):
        return format_html('<abbr title="{}">:</abbr>', "not available")
    if figure.symbol == "c":
        return format_html('<abbr title="{}">c</abbr>', "not shown: not enough answers")
    if figure.lower is None or figure.upper is None:
        return format_html("{} points", _points(figure.value))
    return format_html('{} points<br><span class="govuk-body-s">({} to {})</span>', _points(figure.value),
                       _points(figure.lower), _points(figure.upper))
