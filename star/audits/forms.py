"""Forms for case audits. Every message says what to do; nothing typed is lost on an error."""

from django import forms
from django.core.exceptions import ValidationError

from star.core.forms import IsoDateInput
from star.core.models import User

from .models import NOTE_LIMIT, Answer, AuditProgramme, Grade


def _text(label, required_message="", *, rows=4, required=True, limit=NOTE_LIMIT, help_text=""):
    return forms.CharField(label=label, required=required, max_length=limit, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}),
                           error_messages={"required": required_message,
                                           "max_length": f"{label} must be {limit:,} characters or fewer"})


class ProgrammeForm(forms.Form):
    name = forms.CharField(max_length=200, label="Programme name",
                           error_messages={"required": "Enter a name for the programme"})
    kind = forms.ChoiceField(choices=AuditProgramme.Kind.choices, widget=forms.RadioSelect, label="Kind of programme",
                             error_messages={"required": "Choose the kind of programme"})
    theme = _text("Theme (optional)", rows=2, required=False, limit=1_000,
                  help_text="For example, adultification of Black boys in child protection.")
    period_start = forms.DateField(label="Period from", widget=IsoDateInput(),
                                   error_messages={"required": "Enter the start of the period",
                                                   "invalid": "The start of the period must be a real date"})
    period_end = forms.DateField(label="Period to", widget=IsoDateInput(),
                                 error_messages={"required": "Enter the end of the period",
                                                 "invalid": "The end of the period must be a real date"})
    auditors = forms.MultipleChoiceField(label="Auditors", widget=forms.CheckboxSelectMultiple,
                                         error_messages={"required": "Choose at least one auditor"})
    moderation_share = forms.IntegerField(label="Share of audits moderated (per cent)", min_value=0, max_value=100,
                                          initial=10, error_messages={
                                              "required": "Enter the share of audits to moderate",
                                              "invalid": "Enter a whole number of per cent, like 10",
                                              "min_value": "The share must be 0 per cent or more",
                                              "max_value": "The share must be 100 per cent or less"})
    practitioner_can_respond = forms.BooleanField(
        required=False, initial=True, label="Practitioners can read the findings on their cases and respond")

    def __init__(self, *args, auditors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["auditors"].choices = [(str(user.pk), user.get_full_name() or user.username) for user in auditors]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The end of the period must be on or after its start")
        return cleaned


class CaseListForm(forms.Form):
    file = forms.FileField(label="Upload the case list", help_text="CSV or Excel (.xlsx) with the columns "
                           "case_reference, team, worker, ethnicity and stage.",
                           error_messages={"required": "Select a file", "empty": "The selected file is empty"})


class SampleForm(forms.Form):
    quota = forms.IntegerField(label="Cases per team", min_value=1, max_value=100, initial=3,
                               error_messages={"required": "Enter how many cases to sample per team",
                                               "invalid": "Enter a whole number, like 3",
                                               "min_value": "Sample at least 1 case per team",
                                               "max_value": "Sample at most 100 cases per team"})
    stratify = forms.BooleanField(required=False, label="Stratify by the child's ethnic group within each team")
    seed = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1, label="Random seed (optional)",
                              help_text="Leave blank for a new random sample. Enter an earlier seed to reproduce it.",
                              error_messages={"invalid": "The seed must be a whole number"})


class ManualCaseForm(forms.Form):
    case_reference = forms.CharField(max_length=40, label="Case reference",
                                     error_messages={"required": "Enter the case reference"})
    reason = _text("Why add this case?", "Say why this case is added to the sample", rows=2, limit=1_000)


class AuditForm(forms.Form):
    """One radio group and one evidence box per question, the overall grade and the safeguarding flag."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    grade = forms.ChoiceField(label="Overall grade", choices=Grade.choices, widget=forms.RadioSelect, required=False)
    grade_rationale = _text("Why this grade?", rows=4, required=False)
    safeguarding_concern = forms.BooleanField(required=False, label="I have found a safeguarding concern about "
                                              "this child that needs action now")
    safeguarding_note = _text("What is the concern?", rows=3, required=False,
                              help_text="The team manager and practice lead are alerted as soon as you save.")

    def __init__(self, *args, blocks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.question_fields = []
        for block in blocks:
            for row in block.rows:
                pk = row.question.pk
                self.fields[f"q_{pk}"] = forms.ChoiceField(
                    label=row.question.text, choices=Answer.Value.choices, widget=forms.RadioSelect, required=False)
                self.fields[f"e_{pk}"] = _text("Evidence", rows=2, required=False)
                self.question_fields.append(pk)

    @property
    def submitting(self) -> bool:
        return self.data.get("action") == "submit"

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            for pk in self.question_fields:
                if not cleaned.get(f"q_{pk}"):
                    self.add_error(f"q_{pk}", "Answer this question: met, partly met, not met or not applicable")
            if not cleaned.get("grade"):
                self.add_error("grade", "Choose the overall grade")
            if not (cleaned.get("grade_rationale") or "").strip():
                self.add_error("grade_rationale", "Say why you chose this grade")
        if cleaned.get("safeguarding_concern") and not (cleaned.get("safeguarding_note") or "").strip():
            self.add_error("safeguarding_note", "Describe the safeguarding concern")
        return cleaned

    def answers(self) -> dict[int, tuple[str, str]]:
        return {pk: (self.cleaned_data.get(f"q_{pk}") or "", (self.cleaned_data.get(f"e_{pk}") or "").strip())
                for pk in self.question_fields}


class LearningPointForm(forms.Form):
    text = _text("Learning point", "Enter the learning point", rows=3, limit=2_000)
    tags = forms.CharField(required=False, max_length=300, label="Themes (optional)",
                           help_text="Separate themes with commas, for example: adultification, interpreters.")
    action = _text("Action (optional)", rows=2, required=False, limit=2_000)
    owner = forms.EmailField(required=False, label="Action owner's work email address",
                             error_messages={"invalid": "Enter an email address in the correct format"})
    due_on = forms.DateField(required=False, label="Action due by", widget=IsoDateInput(),
                             error_messages={"invalid": "The due date must be a real date"})

    def __init__(self, *args, organisation_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_id = organisation_id

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("action") or "").strip():
            if not cleaned.get("owner") and "owner" not in self.errors:
                self.add_error("owner", "Enter the email address of the person who owns the action")
            if not cleaned.get("due_on") and "due_on" not in self.errors:
                self.add_error("due_on", "Enter the date the action is due by")
        email = cleaned.get("owner")
        if email:
            cleaned["owner_user"] = User.objects.filter(organisation_id=self.organisation_id, is_active=True,
                                                        email__iexact=email).first()
            if cleaned["owner_user"] is None:
                self.add_error("owner", "No one in your organisation has a STAR account with that email address")
        return cleaned

    def tag_list(self) -> list[str]:
        return [tag for tag in (self.cleaned_data.get("tags") or "").split(",") if tag.strip()]


class AddendumForm(forms.Form):
    text = _text("Addendum", "Enter the addendum", rows=3,
                 help_text="The audit is submitted and locked. Your addendum is added below it with your name.")


class ResponseForm(forms.Form):
    response = _text("Your response to the findings", "Enter your response", rows=4)


class ResolveForm(forms.Form):
    agreed_grade = forms.ChoiceField(label="Agreed overall grade", choices=Grade.choices, widget=forms.RadioSelect,
                                     error_messages={"required": "Choose the agreed grade"})
    notes = _text("How the differences were resolved", "Record how the differences were resolved", rows=4)


class StandardForm(forms.Form):
    title = forms.CharField(max_length=300, error_messages={"required": "Enter the standard"})
    description = _text("Description", rows=3, required=False)
    guidance = _text("Guidance for auditors", rows=3, required=False)
    indicator_keys = forms.MultipleChoiceField(label="STAR indicators it links to", required=False,
                                               widget=forms.CheckboxSelectMultiple)
    questions = _text("Audit questions", "Enter at least one audit question", rows=6,
                      help_text="One question a line.")

    def __init__(self, *args, indicator_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_keys"].choices = indicator_choices

    def clean_questions(self):
        lines = [line.strip() for line in self.cleaned_data["questions"].splitlines() if line.strip()]
        if not lines:
            raise ValidationError("Enter at least one audit question")
        return lines


class ReportForm(forms.Form):
    standard = forms.ChoiceField(required=False, label="Standard for the team table")

    def __init__(self, *args, standards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].choices = [("", "All standards together")] + [
            (standard.key, standard.title) for standard in standards]


class AuditorsForm(forms.Form):
    auditors = forms.MultipleChoiceField(label="Auditors", widget=forms.CheckboxSelectMultiple,
                                         error_messages={"required": "Choose at least one auditor"})

    def __init__(self, *args, auditors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["auditors"].choices = [(str(user.pk), user.get_full_name() or user.username) for user in auditors]


class ReassignForm(forms.Form):
    auditor = forms.TypedChoiceField(label="Give this audit to", coerce=int,
                                     error_messages={"required": "Choose an auditor"})

    def __init__(self, *args, auditors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["auditor"].choices = [("", "Choose an auditor")] + [
            (user.pk, user.get_full_name() or user.username) for user in auditors]
