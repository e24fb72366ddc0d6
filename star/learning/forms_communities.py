"""Forms for communities of practice, events and the action log. Every message says what to do; nothing
typed is lost on an error (a browser never keeps a chosen file, so the file field asks again)."""

import re
from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from star.core.forms import IsoDateInput
from star.core.models import User
from star.framework.schema import LENS_KEYS
from star.framework.selectors import current_version

from . import uploads
from .models import TEXT_LIMIT, CommittedAction
from .services.communities import link_check

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]
MAX_EMAILS = 200


def _text(label, required_message="", *, rows=4, required=True, limit=TEXT_LIMIT, help_text=""):
    return forms.CharField(label=label, required=required, max_length=limit, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}),
                           error_messages={"required": required_message,
                                           "max_length": f"{label} must be {limit:,} characters or fewer"})


def _line(label, required_message="", *, limit=200, required=True, help_text=""):
    return forms.CharField(label=label, required=required, max_length=limit, help_text=help_text,
                           error_messages={"required": required_message,
                                           "max_length": f"{label} must be {limit:,} characters or fewer"})


def _date(label, what):
    return forms.DateField(label=label, widget=IsoDateInput(),
                           error_messages={"required": f"Enter the {what}",
                                           "invalid": f"The {what} must be a real date"})


def _time(label, what):
    return forms.TimeField(label=label, input_formats=TIME_FORMATS, widget=forms.TimeInput(format="%H:%M"),
                           help_text="Use the 24-hour clock, for example 14:30.",
                           error_messages={"required": f"Enter the {what}",
                                           "invalid": f"Enter the {what} as hours and minutes, like 14:30"})


def lens_choices() -> list[tuple[str, str]]:
    version = current_version()
    if version is not None:
        return [(lens.key, lens.name) for lens in version.lenses.order_by("order")]
    return [(key, key.replace("_", " ").capitalize()) for key in LENS_KEYS]


def _owner_label(user) -> str:
    return user.get_full_name() or user.username


class CommunityForm(forms.Form):
    name = _line("Name of the community", "Enter a name for the community", limit=160)
    purpose = _text("Purpose", "Say what the community is for", rows=4,
                    help_text="What members will learn and do together, and who it is for.")
    lenses = forms.MultipleChoiceField(label="STAR lenses (optional)", required=False,
                                       widget=forms.CheckboxSelectMultiple)
    partners = forms.MultipleChoiceField(
        label="Partner organisations (optional)", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="People with a STAR account in a partner organisation can be added as members. They see this "
                  "community and nothing else of your council.")

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(item.pk): item for item in organisations}
        self.fields["lenses"].choices = lens_choices()
        self.fields["partners"].choices = [(pk, item.name) for pk, item in self.organisations.items()]
        if not self.organisations:
            del self.fields["partners"]

    def partner_organisations(self) -> list:
        return [self.organisations[pk] for pk in self.cleaned_data.get("partners", [])]


class MemberForm(forms.Form):
    email = forms.EmailField(label="Work email address", max_length=254,
                             help_text="They must already have a STAR account in your organisation or a partner "
                                       "organisation.",
                             error_messages={"required": "Enter the work email address of the person to add",
                                             "invalid": "Enter an email address in the correct format, like "
                                                        "name@example.gov.uk"})
    is_coordinator = forms.BooleanField(required=False, label="Make them a coordinator (they can add meetings and "
                                                              "members)")


class MeetingForm(forms.Form):
    title = _line("Title", "Enter a title for the meeting")
    day = _date("Date", "date of the meeting")
    starts = _time("Start time", "start time")
    ends = _time("End time", "end time")
    location = _line("Location (optional)", required=False, help_text="A room, or 'Online'.")
    summary = _text("Summary (optional)", rows=3, required=False, help_text="What the meeting is about, or what was "
                                                                             "discussed.")

    def clean(self):
        cleaned = super().clean()
        day, starts, ends = cleaned.get("day"), cleaned.get("starts"), cleaned.get("ends")
        if day and starts and ends:
            if ends <= starts:
                self.add_error("ends", "The end time must be after the start time")
            else:
                cleaned["starts_at"] = timezone.make_aware(datetime.combine(day, starts))
                cleaned["ends_at"] = timezone.make_aware(datetime.combine(day, ends))
        return cleaned


class ResourceForm(forms.Form):
    title = _line("Title", "Enter a title for the resource")
    link = forms.CharField(label="Link (web address)", required=False, max_length=200,
                           help_text="For example, https://www.example.org/guide. Or upload a file below.",
                           error_messages={"max_length": "The web address must be 200 characters or fewer"})
    file = forms.FileField(label="Or upload a file", required=False, allow_empty_file=True,
                           help_text=f"A {uploads.ALLOWED_NAMES}, smaller than "
                                     f"{uploads.describe_size(uploads.DEFAULT_MAX_BYTES)}.",
                           error_messages={"invalid": "The selected file could not be read: upload it again"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (f"A {uploads.ALLOWED_NAMES}, smaller than "
                                         f"{uploads.describe_size(uploads.max_bytes())}.")

    def clean_link(self):
        link = (self.cleaned_data.get("link") or "").strip()
        return link_check(link) if link else ""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            self.checked = uploads.check_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        has_link, has_file = bool(cleaned.get("link")), bool(cleaned.get("file"))
        if "link" in self.errors or "file" in self.errors:
            return cleaned
        if has_link and has_file:
            self.add_error("link", "Share either a link or a file, not both")
        elif not has_link and not has_file:
            self.add_error("link", "Enter a web address, or select a file to upload")
        return cleaned


class EventForm(forms.Form):
    name = _line("Name of the event", "Enter the name of the event")
    description = _text("Description (optional)", rows=4, required=False)
    starts_on = _date("First day", "first day of the event")
    ends_on = _date("Last day", "last day of the event")
    location = _line("Location (optional)", required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", "The last day must be the same as or after the first day")
        return cleaned


class SessionForm(MeetingForm):
    hosts = _line("Hosts (optional)", required=False, limit=300, help_text="Who leads the session.")
    description = _text("Description (optional)", rows=3, required=False)
    summary = None
    location = None
    field_order = ["title", "day", "starts", "ends", "hosts", "description"]


def parse_emails(text: str) -> list[str]:
    return [item for item in re.split(r"[\s,;]+", text or "") if item]


class AttendeesForm(forms.Form):
    emails = forms.CharField(
        label="Work email addresses", widget=forms.Textarea(attrs={"rows": 5}), max_length=20_000,
        help_text="One or more, separated by commas or on separate lines. They must have a STAR account in your "
                  "organisation.",
        error_messages={"required": "Enter at least one work email address"})

    def clean_emails(self):
        emails = parse_emails(self.cleaned_data["emails"])
        wrong = []
        for email in emails:
            try:
                forms.EmailField().clean(email)
            except ValidationError:
                wrong.append(email)
        if wrong:
            raise ValidationError(f"Check these email addresses: {', '.join(dict.fromkeys(wrong))}")
        if len(emails) > MAX_EMAILS:
            raise ValidationError(f"Add at most {MAX_EMAILS} people at a time")
        return emails


class ActionForm(forms.Form):
    description = _text("What will they do?", "Describe the action", rows=3, limit=1_000)
    owner = forms.EmailField(label="Owner's work email address", max_length=254,
                             error_messages={"required": "Enter the work email address of the person who owns the "
                                                         "action",
                                             "invalid": "Enter an email address in the correct format, like "
                                                        "name@example.gov.uk"})
    due_on = _date("Due by", "date the action is due by")
    event = forms.TypedChoiceField(label="Event (optional)", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, organisation_id=None, events=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_id = organisation_id
        if events is None:
            del self.fields["event"]
        else:
            self.events = {event.pk: event for event in events}
            self.fields["event"].choices = [("", "Not from an event")] + [
                (event.pk, event.name) for event in self.events.values()]

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("owner")
        if email:
            cleaned["owner_user"] = User.objects.filter(organisation_id=self.organisation_id, is_active=True,
                                                        email__iexact=email).first()
            if cleaned["owner_user"] is None:
                self.add_error("owner", "No one in your organisation has a STAR account with that email address")
        if "event" in self.fields:
            cleaned["event_obj"] = self.events.get(cleaned.get("event")) if cleaned.get("event") else None
        return cleaned


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(label="Where has the action got to?", choices=CommittedAction.Status.choices,
                               widget=forms.RadioSelect, error_messages={"required": "Choose the action's status"})
    progress_note = _text("Progress note (optional)", rows=4, required=False, limit=2_000,
                          help_text="What has been done, what changed, or why it was dropped.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == CommittedAction.Status.DROPPED and not (cleaned.get("progress_note") or "").strip():
            self.add_error("progress_note", "Say why the action was dropped")
        return cleaned


class ActionFilterForm(forms.Form):
    event = forms.TypedChoiceField(label="Event", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "Any status"), *CommittedAction.Status.choices])
    owner = forms.TypedChoiceField(label="Owner", required=False, coerce=int, empty_value=None)
    overdue = forms.BooleanField(label="Only overdue actions", required=False)

    def __init__(self, *args, events=(), owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.events = {event.pk: event for event in events}
        self.owners = {owner.pk: owner for owner in owners}
        self.fields["event"].choices = [("", "Any event")] + [(pk, event.name) for pk, event in self.events.items()]
        if self.owners:
            self.fields["owner"].choices = [("", "Anyone")] + [(pk, _owner_label(owner))
                                                               for pk, owner in self.owners.items()]
        else:
            del self.fields["owner"]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"event": self.events.get(data.get("event")), "status": data.get("status") or "",
                "owner": self.owners.get(data.get("owner")) if "owner" in data else None,
                "overdue": bool(data.get("overdue"))}
