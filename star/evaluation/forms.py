"""Forms for interventions, measures and reviews. Every message says what to do; nothing typed is lost."""

from django import forms

from star.core.forms import IsoDateInput
from star.outcomes.stages import STAGES

from .models import NARRATIVE_LIMIT, Intervention, Measure, Perspective


def _text(label, required_message="", *, rows=4, required=True, help_text=""):
    return forms.CharField(label=label, required=required, max_length=NARRATIVE_LIMIT, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}),
                           error_messages={"required": required_message,
                                           "max_length": f"{label} must be {NARRATIVE_LIMIT:,} characters or fewer"})


def _date(label, what, *, required=True):
    return forms.DateField(label=label, required=required, widget=IsoDateInput(),
                           error_messages={"required": f"Enter {what}", "invalid": f"{what.capitalize()} must be "
                                                                                   "a real date"})


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "Any status"), *Intervention.Status.choices])


class InterventionForm(forms.Form):
    title = forms.CharField(max_length=200, label="Title", error_messages={"required": "Enter a title"})
    kind = forms.ChoiceField(choices=Intervention.Kind.choices, widget=forms.RadioSelect,
                             label="Kind of intervention", error_messages={"required": "Choose the kind"})
    purpose = _text("Purpose", "Say what the intervention is for", help_text="What it is for, and for whom.")
    intended_outcomes = _text("Intended outcomes", "Say what outcomes the intervention intends",
                              help_text="What should be different afterwards, and for whom.")
    indicator_keys = forms.MultipleChoiceField(
        label="Which STAR indicators does it work on?", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Choose any that apply.")
    partners = forms.CharField(max_length=300, required=False, label="Partners (optional)",
                               help_text="For example, Northbridge schools, the NHS trust, a community group.")
    starts_on = _date("Starts on", "the day it starts")
    ends_on = _date("Ends on (optional)", "the day it ends", required=False)
    status = forms.ChoiceField(choices=Intervention.Status.choices, widget=forms.RadioSelect, label="Status",
                               initial=Intervention.Status.PLANNED, error_messages={"required": "Choose the status"})

    def __init__(self, *args, indicator_groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.stages = [(stage, [key for key, _ in items]) for stage, items in indicator_groups]
        self.fields["indicator_keys"].choices = [item for _, items in indicator_groups for item in items]

    def indicator_groups(self):
        """[(stage, [checkbox])] for the grouped checkboxes."""
        boxes = {box.data["value"]: box for box in self["indicator_keys"]}
        return [(stage, [boxes[key] for key in keys]) for stage, keys in self.stages]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", "The end must be on or after the start")
        return cleaned


class MeasureForm(forms.Form):
    kind = forms.ChoiceField(choices=Measure.Kind.choices, widget=forms.RadioSelect, label="How is it measured?",
                             error_messages={"required": "Choose how it is measured"})
    label = forms.CharField(max_length=200, label="What it shows",
                            help_text="For example, ‘Families who felt listened to’.",
                            error_messages={"required": "Say what the measure shows"})
    survey_question = forms.ChoiceField(
        label="Survey question (for a survey measure)", required=False,
        help_text="An agree-or-disagree question of an open or closed survey. The share agreeing is measured.")
    stage = forms.ChoiceField(
        label="Outcomes stage (for an outcomes measure)", required=False,
        choices=[("", "Choose a stage"), *((stage.id, stage.label) for stage in STAGES)])
    direction = forms.ChoiceField(
        label="Which way is better?", widget=forms.RadioSelect, initial="higher",
        choices=[("higher", "A higher share is better"), ("lower", "A lower share is better")],
        error_messages={"required": "Choose which way is better"})

    def __init__(self, *args, survey_questions=(), global_majority_label="Global Majority", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].help_text = (f"The share of children at this stage who are {global_majority_label}, "
                                          "from the statutory returns.")
        self.surveys = {str(survey.pk): survey for survey, _ in survey_questions}
        self.fields["survey_question"].choices = [("", "Choose a survey question")] + [
            (survey.title, [(f"{survey.pk}:{key}", text) for key, text in questions])
            for survey, questions in survey_questions]

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Measure.Kind.SURVEY and not cleaned.get("survey_question"):
            self.add_error("survey_question", "Choose the survey question")
        if kind == Measure.Kind.OUTCOME and not cleaned.get("stage"):
            self.add_error("stage", "Choose the outcomes stage")
        return cleaned

    def measure_fields(self) -> dict:
        """What the measure services take."""
        data = self.cleaned_data
        survey_id, _, key = (data["survey_question"] or "").partition(":")
        survey = self.surveys.get(survey_id) if data["kind"] == Measure.Kind.SURVEY else None
        return {"kind": data["kind"], "label": data["label"], "higher_is_better": data["direction"] == "higher",
                "survey": survey, "question_key": key if survey else "", "stage": data["stage"]}


class ReviewForm(forms.Form):
    period_start = _date("Period from", "the start of the period")
    period_end = _date("Period to", "the end of the period")
    expected = _text("What we expected", "Say what you expected")
    happened = _text("What happened", "Say what happened")
    evidence = _text("Evidence (optional)", required=False,
                     help_text="What shows it: survey results, counts, case audits, what people told you.")
    perspectives = forms.MultipleChoiceField(
        label="Whose perspectives did you gather?", choices=Perspective.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text="Not only those directly affected by the intervention.")
    perspectives_missing = _text("Whose perspectives are missing? (optional)", required=False, rows=3,
                                 help_text="Be honest about who you did not hear from, and why.")
    changes = _text("What we will change (optional)", required=False, rows=3)

    def __init__(self, *args, count_measures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.count_measures = list(count_measures)
        for measure in self.count_measures:
            for part, label in (("x", "Number"), ("n", "Out of")):
                self.fields[f"count_{measure.pk}_{part}"] = forms.IntegerField(
                    label=label, required=False, min_value=0, max_value=1_000_000,
                    error_messages={"invalid": "Enter a whole number, like 12",
                                    "min_value": "Enter 0 or more", "max_value": "Enter a smaller number"})

    def count_rows(self):
        """[(measure, number field, total field)] for the template."""
        return [(measure, self[f"count_{measure.pk}_x"], self[f"count_{measure.pk}_n"])
                for measure in self.count_measures]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The end of the period must be on or after its start")
        for measure in self.count_measures:
            x_name, n_name = f"count_{measure.pk}_x", f"count_{measure.pk}_n"
            if x_name in self.errors or n_name in self.errors:
                continue
            x, n = cleaned.get(x_name), cleaned.get(n_name)
            if (x is None) != (n is None):
                self.add_error(x_name if x is None else n_name,
                               f"{measure.label}: enter both numbers, or leave both blank")
            elif n is not None and n < 1:
                self.add_error(n_name, f"{measure.label}: the total must be at least 1")
            elif x is not None and x > n:
                self.add_error(x_name, f"{measure.label}: the number cannot be more than the total ({n})")
        return cleaned

    def review_fields(self) -> dict:
        """What the review services take."""
        data = self.cleaned_data
        return {"period_start": data["period_start"], "period_end": data["period_end"],
                "expected": data["expected"], "happened": data["happened"], "evidence": data["evidence"],
                "perspectives": data["perspectives"], "perspectives_missing": data["perspectives_missing"],
                "changes": data["changes"],
                "counts": {measure.pk: (data.get(f"count_{measure.pk}_x"), data.get(f"count_{measure.pk}_n"))
                           for measure in self.count_measures}}
