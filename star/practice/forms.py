"""Forms for practice records. Every message says what to do; nothing typed is lost on an error."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from star.core.forms import IsoDateInput
from star.core.validators import case_references_clean
from star.framework.selectors import version_indicators

from .models import TEXT_LIMIT, Commitment
from .selectors import colleague_by_email

AGREED_ACTION_ROWS = 3
YES_NO = [("yes", "Yes"), ("no", "No")]


def indicator_choices(version) -> list[tuple[str, str]]:
    choices = []
    for indicator in version_indicators(version):
        where = indicator.stage.name + (f" · {indicator.level.name}" if indicator.level else "")
        choices.append((indicator.key, f"{where}: {indicator.text}"))
    return choices


def lens_choices(version) -> list[tuple[str, str]]:
    return [(lens.key, lens.name) for lens in version.lenses.order_by("order")]


def _text(label: str, required_message: str, *, help_text: str = "", rows: int = 8, required: bool = True,
          limit: int = TEXT_LIMIT):
    return forms.CharField(
        label=label, help_text=help_text, required=required, max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message,
                        "max_length": f"{label} must be {limit:,} characters or fewer"},
    )


def _date(label: str, required_message: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, help_text=help_text, widget=IsoDateInput(),
                           error_messages={"required": required_message,
                                           "invalid": f"{label} must be a real date"})


class _Tagged(forms.Form):
    """Indicators and lenses of one framework version (the current one for new records)."""

    indicators = forms.MultipleChoiceField(
        label="Which STAR indicators is this about?", widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one STAR indicator"})
    lenses = forms.MultipleChoiceField(
        label="Which lenses does it use?", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Systemic, trauma-informed, anti-racist: choose any that apply.")

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].choices = indicator_choices(version)
        if "lenses" in self.fields:
            self.fields["lenses"].choices = lens_choices(version)


class ReflectionForm(_Tagged):
    prompt = forms.ChoiceField(label="A question to start from (optional)", required=False)
    text = _text("Your reflection", "Write your reflection",
                 help_text="Only you can read it unless you share it. Do not copy case notes: refer to a case "
                           "by its reference instead.", rows=12)
    case_reference = forms.CharField(label="Case reference (optional)", required=False, max_length=40)
    learning_activity = forms.CharField(
        label="Learning activity it relates to (optional)", required=False, max_length=200,
        help_text="For example, the name of a course, workshop or Show and Tell.",
        error_messages={"max_length": "The learning activity must be 200 characters or fewer"})

    field_order = ["prompt", "text", "indicators", "lenses", "case_reference", "learning_activity"]

    def __init__(self, *args, prompts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_reference"].help_text = (
            f"The id from the case-management system, like {settings.STAR['CASE_REFERENCE_EXAMPLE']}.")
        prompt_field = self.fields["prompt"]
        current = self.initial.get("prompt") or (self.data.get("prompt") if self.is_bound else "")
        options = list(dict.fromkeys([*prompts, *([current] if current else [])]))
        prompt_field.choices = [("", "No prompt")] + [(prompt, prompt) for prompt in options]
        if not options:
            prompt_field.widget = forms.HiddenInput()

    def clean_case_reference(self):
        references = case_references_clean(self.cleaned_data["case_reference"], single=True)
        return references[0] if references else ""

    def service_values(self) -> dict:
        """The cleaned answers as the reflection services take them."""
        data = self.cleaned_data
        return {"text": data["text"], "indicator_keys": data["indicators"], "lens_keys": data["lenses"],
                "prompt": data["prompt"], "case_reference": data["case_reference"],
                "learning_activity": data["learning_activity"]}


class ShareForm(forms.Form):
    """A colleague by work email; cleans to their account."""

    email = forms.EmailField(
        label="Their work email address", max_length=254,
        error_messages={"required": "Enter the work email address of the colleague to share with",
                        "invalid": "Enter an email address in the correct format, like name@example.gov.uk"})

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        colleague = colleague_by_email(self.user, self.cleaned_data["email"])
        if colleague is None:
            raise ValidationError(f"No one else in {self.user.organisation.name} has a STAR account with that "
                                  "email address")
        return colleague


class CommitmentForm(_Tagged):
    action = _text("What I will do", "Say what you will do", rows=3, limit=2_000)
    due_on = _date("By when", "Enter the date by which you will do it")
    measure = _text("How I will know", "Say how you will know you have done it", rows=3, limit=2_000)
    lenses = None

    field_order = ["action", "due_on", "measure", "indicators"]

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise ValidationError("The ‘by when’ date must be today or in the future")
        return due_on


class CommitmentStatusForm(forms.Form):
    status = forms.ChoiceField(label="Where is this commitment now?", choices=Commitment.Status.choices,
                               widget=forms.RadioSelect, error_messages={"required": "Choose a status"})
    reason = _text("Why are you dropping it?", "", rows=3, required=False, limit=2_000)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Commitment.Status.DROPPED and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Say why you are dropping this commitment")
        return cleaned


def _yes_no(label: str, message: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=YES_NO, coerce=lambda value: value == "yes",
                                  widget=forms.RadioSelect, error_messages={"required": message})


class SupervisionForm(_Tagged):
    supervisee = forms.TypedChoiceField(label="Who was supervised?", coerce=int,
                                        error_messages={"required": "Choose who was supervised"})
    held_on = _date("Date of supervision", "Enter the date of the supervision")
    case_references = forms.CharField(label="Case references discussed (optional)", required=False,
                                      max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    race_identity_discussed = _yes_no("Were race, culture and identity discussed?",
                                      "Say whether race, culture and identity were discussed")
    trauma_considered = _yes_no("Was the impact of trauma considered?",
                                "Say whether the impact of trauma was considered")
    wider_system_considered = _yes_no("Were wider-system factors, such as the cost of living, considered?",
                                      "Say whether wider-system factors were considered")
    summary = _text("What was discussed", "Summarise what was discussed",
                    help_text="Refer to cases by their reference; do not copy case notes.")
    feedback = _text("Your reflective feedback", "Write your reflective feedback to the supervisee",
                     help_text="What you noticed, what went well, what to think about next.")

    field_order = ["supervisee", "held_on", "case_references", "race_identity_discussed", "trauma_considered",
                   "wider_system_considered", "lenses", "indicators", "summary", "feedback"]

    def __init__(self, *args, supervisees=(), with_actions: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisee"].choices = [("", "Choose a person")] + [
            (person.pk, person.get_full_name() or person.username) for person in supervisees]
        self.fields["indicators"].required = False
        self.fields["indicators"].label = "Which STAR indicators did you discuss?"
        self.fields["lenses"].label = "Which lenses did the discussion use?"
        self.fields["case_references"].help_text = (
            f"Ids from the case-management system, separated by commas, like "
            f"{settings.STAR['CASE_REFERENCE_EXAMPLE']}.")
        self.action_rows = []
        if with_actions:
            for row in range(1, AGREED_ACTION_ROWS + 1):
                self.fields[f"action_{row}"] = _text(f"Agreed action {row}: what will be done", "", rows=2,
                                                     required=False, limit=2_000)
                self.fields[f"due_{row}"] = forms.DateField(
                    label=f"Agreed action {row}: by when", required=False,
                    widget=IsoDateInput(),
                    error_messages={"invalid": f"Agreed action {row}: by when must be a real date"})
                self.fields[f"measure_{row}"] = _text(f"Agreed action {row}: how they will know", "", rows=2,
                                                      required=False, limit=2_000)
                self.action_rows.append(row)

    def clean_case_references(self):
        return case_references_clean(self.cleaned_data["case_references"])

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise ValidationError("The date of supervision must be today or in the past")
        return held_on

    def clean(self):
        cleaned = super().clean()
        actions = []
        for row in self.action_rows:
            action, due_on, measure = (cleaned.get(f"{name}_{row}") for name in ("action", "due", "measure"))
            if not (action or due_on or measure):
                continue
            if not action:
                self.add_error(f"action_{row}", f"Agreed action {row}: say what will be done")
            if not due_on and f"due_{row}" not in self.errors:
                self.add_error(f"due_{row}", f"Agreed action {row}: enter the date by which it will be done")
            elif due_on and due_on < timezone.localdate():
                self.add_error(f"due_{row}", f"Agreed action {row}: the date must be today or in the future")
            if not measure:
                self.add_error(f"measure_{row}", f"Agreed action {row}: say how they will know it is done")
            actions.append({"action": action, "due_on": due_on, "measure": measure})
        if actions and not cleaned.get("indicators") and "indicators" not in self.errors:
            self.add_error("indicators", "Choose at least one STAR indicator: agreed actions are tied to them")
        cleaned["actions"] = [dict(item, indicator_keys=cleaned.get("indicators", [])) for item in actions]
        return cleaned


class AcknowledgeForm(forms.Form):
    comment = _text("Your comment (optional)", "", rows=4, required=False,
                    help_text="Add anything you would like on the record, including where you see things differently.")


class AddendumForm(forms.Form):
    text = _text("Addendum", "Enter the addendum", rows=4,
                 help_text="The record is locked. Your addendum is added below it with your name and the date.")


class TeamViewForm(forms.Form):
    quarter = forms.ChoiceField(label="Quarter", required=False)
    service = forms.TypedChoiceField(label="Service", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, quarters=(), services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [(quarter.key, quarter.label) for quarter in reversed(quarters)]
        if services:
            self.fields["service"].choices = [("", "All services")] + [(item.pk, item.name) for item in services]
        else:
            del self.fields["service"]


class RecordPeriodForm(forms.Form):
    start = forms.DateField(label="From", required=False, widget=IsoDateInput(),
                            error_messages={"invalid": "‘From’ must be a real date"})
    end = forms.DateField(label="To", required=False, widget=IsoDateInput(),
                          error_messages={"invalid": "‘To’ must be a real date"})

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            self.add_error("end", "‘To’ must be the same as or after ‘From’")
        return cleaned
