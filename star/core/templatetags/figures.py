"""Template helpers for published figures (star.analytics Figure): a percentage with its interval."""

from django import template
from django.utils.html import format_html

from star.analytics.reading import format_percent

register = template.Library()


@register.simple_tag
def share_cell(figure):
    """'70.0%' over '(55.1% to 81.2%)', the GSS 'c' for a suppressed figure, ':' when there is none."""
    if figure is None:
        return format_html('<abbr title="{}">:</abbr>', "not available")
    if figure.symbol == "c":
        return format_html('<abbr title="{}">c</abbr>', "not shown to protect people's identities")
    if figure.value is None:
        return format_html('<abbr title="{}">:</abbr>', "not available: no records")
    if figure.lower is None or figure.upper is None:
        return format_percent(figure.value)
    return format_html('{}<br><span class="govuk-body-s">({} to {})</span>', format_percent(figure.value),
                       format_percent(figure.lower), format_percent(figure.upper))
