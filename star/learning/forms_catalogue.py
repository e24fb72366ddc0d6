"""Forms for the catalogue, sessions, attendance and learning records. Every message says what to do; nothing
typed is lost on an error (the services repeat the rules that matter)."""

from datetime import datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from star.core.forms import IsoDateInput
from star.framework.selectors import version_indicators

from .models import TEXT_LIMIT, ActivityKind, Attendance, LearningRecord


class TimeInput(forms.TimeInput):
    """A browser time picker; its value is always HH:MM."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def indicator_choices(version) -> list[tuple[str, str]]:
    if version is None:
        return []
    return [(item.key, f"{item.stage.name}{f' · {item.level.name}' if item.level else ''}: {item.text}")
            for item in version_indicators(version)]


def lens_choices(version) -> list[tuple[str, str]]:
    return [(lens.key, lens.name) for lens in version.lenses.order_by("order")] if version else []


def _text(label, *, required_message="", rows=4, required=True, limit=TEXT_LIMIT, help_text=""):
    return forms.CharField(label=label, required=required, max_length=limit, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}),
                           error_messages={"required": required_message,
                                           "max_length": f"{label} must be {limit:,} characters or fewer"})


def _line(label, *, limit, required=False, required_message="", help_text=""):
    return forms.CharField(label=label, required=required, max_length=limit, help_text=help_text,
                           error_messages={"required": required_message,
                                           "max_length": f"{label.removesuffix(' (optional)')} must be {limit} "
                                                         "characters or fewer"})


def _minutes_field(label="How long, in minutes (optional)"):
    return forms.IntegerField(label=label, required=False, min_value=1, max_value=100_000,
                              error_messages={"invalid": "Enter the time in minutes as a whole number, like 90",
                                              "min_value": "The time must be at least 1 minute",
                                              "max_value": "The time must be 100,000 minutes or fewer"})


class _Tagged(forms.Form):
    """Lenses and indicators of the current framework version (both optional)."""

    lenses = forms.MultipleChoiceField(
        label="Which STAR lenses does it use?", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Systemic, trauma-informed, anti-racist: choose any that apply.")
    indicators = forms.MultipleChoiceField(
        label="Which STAR indicators is it about?", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Choose any that apply.")

    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lenses"].choices = lens_choices(version)
        self.fields["indicators"].choices = indicator_choices(version)


class CatalogueFilterForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", required=False, choices=[("", "Any kind"), *ActivityKind.choices])
    lens = forms.ChoiceField(label="Lens", required=False)

    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lens"].choices = [("", "Any lens"), *lens_choices(version)]


class ActivityForm(_Tagged):
    title = _line("Title", limit=200, required=True, required_message="Enter the title of the activity")
    kind = forms.ChoiceField(label="Kind of learning", choices=ActivityKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose the kind of learning"})
    description = _text("Description (optional)", required=False, rows=5,
                        help_text="What people will learn, and who it is for.")
    provider = _line("Provider (optional)", limit=200, help_text="Who runs it, for example ‘In-house’, a trainer "
                                                                 "or an organisation.")
    partners = _line("Partner organisations (optional)", limit=300,
                     help_text="For example Northbridge schools, the NHS trust, the police.")
    link = forms.URLField(label="Link (optional)", required=False, max_length=200, assume_scheme="https",
                          help_text="For e-learning or reading: where to find it.",
                          error_messages={"invalid": "Enter a web address, like https://www.example.org/course"})
    minutes = _minutes_field("Typical length in minutes (optional)")
    is_active = forms.BooleanField(label="Offered now (shown in the catalogue)", required=False, initial=True)

    field_order = ["title", "kind", "description", "provider", "partners", "lenses", "indicators", "link",
                   "minutes", "is_active"]

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["is_active"]

    def service_values(self) -> dict:
        data = self.cleaned_data
        values = {"title": data["title"], "kind": data["kind"], "description": data["description"],
                  "provider": data["provider"], "partners": data["partners"], "lens_keys": data["lenses"],
                  "indicator_keys": data["indicators"], "link": data["link"], "minutes": data["minutes"]}
        if "is_active" in self.fields:
            values["is_active"] = data["is_active"]
        return values


class SessionForm(forms.Form):
    starts_on = forms.DateField(label="Date", widget=IsoDateInput(),
                                error_messages={"required": "Enter the date of the session",
                                                "invalid": "The date must be a real date"})
    start_time = forms.TimeField(label="Start time", widget=TimeInput(),
                                 error_messages={"required": "Enter the start time",
                                                 "invalid": "Enter the start time like 09:30"})
    end_time = forms.TimeField(label="End time", widget=TimeInput(),
                               error_messages={"required": "Enter the end time",
                                               "invalid": "Enter the end time like 12:30"})
    ends_on = forms.DateField(label="Last day (optional)", required=False, widget=IsoDateInput(),
                              help_text="Only for a session over several days.",
                              error_messages={"invalid": "The last day must be a real date"})
    location = _line("Location (optional)", limit=200, help_text="A room and building, or ‘Online’.")
    capacity = forms.IntegerField(label="Places (optional)", required=False, min_value=1, max_value=10_000,
                                  help_text="Leave blank for no limit.",
                                  error_messages={"invalid": "Enter the number of places as a whole number",
                                                  "min_value": "The number of places must be at least 1",
                                                  "max_value": "The number of places must be 10,000 or fewer"})
    facilitator = _line("Facilitator (optional)", limit=200)

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("starts_on"), cleaned.get("start_time"), cleaned.get("end_time")
        last = cleaned.get("ends_on") or day
        if day and last and last < day:
            self.add_error("ends_on", "The last day must be the same as or after the date")
            return cleaned
        if day and start and end:
            cleaned["starts_at"] = timezone.make_aware(datetime.combine(day, start))
            cleaned["ends_at"] = timezone.make_aware(datetime.combine(last, end))
            if cleaned["ends_at"] <= cleaned["starts_at"]:
                self.add_error("end_time", "The end time must be after the start time")
        return cleaned

    @staticmethod
    def initial_for(session) -> dict:
        start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        return {"starts_on": start.date(), "start_time": start.time(), "end_time": end.time(),
                "ends_on": end.date() if end.date() != start.date() else None, "location": session.location,
                "capacity": session.capacity, "facilitator": session.facilitator}

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {"starts_at": data["starts_at"], "ends_at": data["ends_at"], "location": data["location"],
                "capacity": data["capacity"], "facilitator": data["facilitator"]}


MARK_CHOICES = [(Attendance.Status.ATTENDED, "Attended"), (Attendance.Status.NO_SHOW, "Did not attend"),
                (Attendance.Status.REGISTERED, "Not marked yet")]


class AttendanceForm(forms.Form):
    """One set of radios per person on the register."""

    def __init__(self, *args, register=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for attendance in register:
            name = f"mark_{attendance.pk}"
            person = attendance.user.get_full_name() or attendance.user.username
            self.fields[name] = forms.ChoiceField(label=person, choices=MARK_CHOICES, widget=forms.RadioSelect,
                                                  initial=attendance.status,
                                                  error_messages={"required": f"Mark whether {person} attended"})
            self.rows.append((attendance, name))

    def marked(self):
        return [self[name] for _, name in self.rows]

    def marks(self) -> dict[int, str]:
        return {attendance.pk: self.cleaned_data[name] for attendance, name in self.rows}


class RecordForm(_Tagged):
    title = _line("What did you do?", limit=200, required=True, required_message="Say what you did",
                  help_text="For example the name of a course, an article or a meeting you attended.")
    kind = forms.ChoiceField(label="Kind of learning", choices=[("", "Choose a kind"), *ActivityKind.choices],
                             error_messages={"required": "Choose the kind of learning"})
    completed_on = forms.DateField(label="When?", widget=IsoDateInput(),
                                   error_messages={"required": "Enter the date",
                                                   "invalid": "The date must be a real date"})
    minutes = _minutes_field()
    reflection = _text("What I took from it (optional)", required=False, rows=6,
                       help_text="A few lines: what you learnt and what you will do differently. Only you can read "
                                 "it.")
    practice_reflection = forms.TypedChoiceField(label="Link a reflection from My STAR (optional)", required=False,
                                                 coerce=int, empty_value=None)

    field_order = ["title", "kind", "completed_on", "minutes", "lenses", "indicators", "reflection",
                   "practice_reflection"]

    def __init__(self, *args, reflections=(), from_register: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice_reflection"].choices = [("", "No linked reflection")] + [
            (item.pk, f"{timezone.localtime(item.created_at):%-d %B %Y}: {' '.join(item.text.split()[:10])}…")
            for item in reflections]
        self.reflections = {item.pk: item for item in reflections}
        if from_register:
            for name in ("title", "kind", "completed_on", "minutes"):
                del self.fields[name]

    def clean_completed_on(self):
        day = self.cleaned_data["completed_on"]
        if day > timezone.localdate():
            raise ValidationError("The date must be today or in the past")
        return day

    def service_values(self) -> dict:
        data = self.cleaned_data
        values = {"lens_keys": data["lenses"], "indicator_keys": data["indicators"],
                  "reflection": data["reflection"],
                  "practice_reflection": self.reflections.get(data["practice_reflection"])}
        for name in ("title", "kind", "completed_on", "minutes"):
            if name in self.fields:
                values[name] = data[name]
        return values

    @staticmethod
    def initial_for(record: LearningRecord) -> dict:
        return {"title": record.title, "kind": record.kind, "completed_on": record.completed_on,
                "minutes": record.minutes, "lenses": record.lens_keys, "indicators": record.indicator_keys,
                "reflection": record.reflection, "practice_reflection": record.practice_reflection_id}


class AttendanceImportForm(forms.Form):
    file = forms.FileField(label="Upload the attendance file", help_text="CSV or Excel (.xlsx).",
                           widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
                           error_messages={"required": "Choose the attendance file",
                                           "empty": "The chosen file is empty (0 bytes)"})


def default_session_initial() -> dict:
    day = timezone.localdate() + timedelta(days=14)
    return {"starts_on": day}
