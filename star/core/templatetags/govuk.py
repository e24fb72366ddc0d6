"""Template helpers that render Django form fields with GOV.UK Design System markup."""

from django import forms, template
from django.template.loader import render_to_string

register = template.Library()

_INPUT_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.FileInput: "govuk-file-upload",
}


def _widget_class(widget) -> str:
    for widget_type, css in _INPUT_CLASSES.items():
        if isinstance(widget, widget_type):
            return css
    return "govuk-input"


@register.simple_tag
def govuk_field(field, width: str = ""):
    """Label, hint, error message and input for one bound field."""
    css = _widget_class(field.field.widget)
    classes = [css]
    if width:
        classes.append(f"govuk-input--width-{width}" if css == "govuk-input" else width)
    if field.errors:
        classes.append(f"{css}--error")
    described_by = []
    if field.help_text:
        described_by.append(f"{field.id_for_label}-hint")
    if field.errors:
        described_by.append(f"{field.id_for_label}-error")
    attrs = {"class": " ".join(classes)}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if isinstance(field.field.widget, forms.Select) and field.field.required is False:
        attrs.pop("aria-required", None)
    return render_to_string("core/includes/field.html", {
        "field": field, "widget": field.as_widget(attrs=attrs),
    })


@register.inclusion_tag("core/includes/error_summary.html")
def govuk_error_summary(*forms_):
    """The error summary for one or more forms, linking each message to its field."""
    items = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for error in form.non_field_errors():
            items.append({"text": error, "href": None})
        for field in form:
            for error in field.errors:
                # Checkbox groups have no single label target: link to the first option.
                target = field.id_for_label or f"{field.auto_id}_0"
                items.append({"text": error, "href": f"#{target}"})
    return {"items": items}


@register.simple_tag
def govuk_checkboxes(field, legend_size: str = "m"):
    """A fieldset of GOV.UK checkboxes for a multiple-choice field."""
    return render_to_string("core/includes/checkboxes.html", {"field": field, "legend_size": legend_size})


@register.simple_tag
def govuk_checkbox(field):
    """A single GOV.UK checkbox for a boolean field."""
    return render_to_string("core/includes/checkbox.html", {"field": field})


@register.simple_tag
def govuk_radios(field, legend_size: str = "s", inline: bool = False):
    """A fieldset of GOV.UK radios for a single-choice field (use forms.RadioSelect)."""
    return render_to_string("core/includes/radios.html",
                            {"field": field, "legend_size": legend_size, "inline": inline})
