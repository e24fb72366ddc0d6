from django import forms

from .models import User
from .roles import ROLES
from .selectors import AUDIT_ACTIONS


def add_service_errors(form, error) -> None:
    """Show a service's ValidationError at the top of the form, which keeps what the person typed."""
    for message in error.messages:
        form.add_error(None, message)


class IsoDateInput(forms.DateInput):
    """A browser date picker; its value is always YYYY-MM-DD, whatever the locale."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class AuditFilterForm(forms.Form):
    action = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None,
        choices=[("", "Any action")] + [(value, label.capitalize()) for value, label in AUDIT_ACTIONS.items()],
    )
    model = forms.ChoiceField(required=False, label="Record type")
    actor = forms.CharField(required=False, max_length=150, label="Username contains")
    request_id = forms.CharField(required=False, max_length=64, label="Request id")
    date_from = forms.DateField(required=False, label="From (YYYY-MM-DD)",
                                widget=IsoDateInput())
    date_to = forms.DateField(required=False, label="To (YYYY-MM-DD)",
                              widget=IsoDateInput())

    def __init__(self, *args, model_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", "Any record type"), *model_choices]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        return cleaned


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=80, label="Token name",
        help_text="Say what the token is for, for example ‘Quarterly equality report script’.",
        error_messages={"required": "Enter a name for the token"},
    )


class SitePageForm(forms.Form):
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 20}), label="Page text",
        help_text="Start a line with ## to make a heading. Leave a blank line between paragraphs.",
        error_messages={"required": "Enter the text of the page"},
    )


class PeopleSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Search by name or job title")


ROLE_CHOICES = [(role.name, role.label) for role in ROLES]


class UserRolesForm(forms.Form):
    roles = forms.MultipleChoiceField(choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple,
                                      error_messages={"required": "Select at least one role"})
    is_active = forms.BooleanField(required=False, label="This person can sign in")


class UserInviteForm(forms.Form):
    first_name = forms.CharField(max_length=150, error_messages={"required": "Enter their first name"})
    last_name = forms.CharField(max_length=150, error_messages={"required": "Enter their last name"})
    email = forms.EmailField(label="Work email address", error_messages={
        "required": "Enter their work email address",
        "invalid": "Enter an email address in the correct format, like name@example.gov.uk"})
    username = forms.RegexField(
        regex=r"^[\w.@+-]+$", max_length=150, help_text="Letters, digits and . @ + - _ only.",
        error_messages={"required": "Enter a username", "invalid": "Use only letters, digits and . @ + - _"})
    roles = forms.MultipleChoiceField(choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple,
                                      error_messages={"required": "Select at least one role"})

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is already taken")
        return username

    def clean_email(self):
        email = self.cleaned_data["email"]
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account already uses that email address")
        return email
