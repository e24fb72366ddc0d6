"""Forms for the staff side of surveys. Every message says what to do; nothing typed is lost."""

from django import forms

from star.analytics.disclosure import MIN_THRESHOLD
from star.outcomes.stages import STAGES

from .models import Action, Audience, Question, Survey
from .questionnaire_library import questionnaires

BLANK = "blank"


class SurveyNewForm(forms.Form):
    template = forms.ChoiceField(label="Start from", widget=forms.RadioSelect,
                                 error_messages={"required": "Choose a template, or start from a blank survey"})
    title = forms.CharField(label="Title (optional)", max_length=200, required=False,
                            help_text="Leave blank to use the template's title.")
    audience = forms.ChoiceField(label="Who is it for?", choices=[("", "As the template says"), *Audience.choices],
                                 required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [
            *((spec.key, f"{spec.title}: {spec.description}") for spec in questionnaires()),
            (BLANK, "A blank survey"),
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("template") == BLANK:
            if not cleaned.get("title"):
                self.add_error("title", "Enter a title for the survey")
            if not cleaned.get("audience"):
                self.add_error("audience", "Choose who the survey is for")
        return cleaned


class SurveySettingsForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "purpose", "anonymity_threshold", "results_release", "population_stage"]
        labels = {"anonymity_threshold": "Anonymity threshold", "results_release": "When answers count in the results",
                  "purpose": "Why we are asking (shown to respondents)",
                  "population_stage": "Compare respondents with children at this stage"}
        help_texts = {"anonymity_threshold": f"Results for any group of fewer people than this are hidden. "
                                             f"It cannot be lower than {MIN_THRESHOLD}.",
                      "population_stage": "For staff surveys, respondents are compared with staff in post."}
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4}), "results_release": forms.RadioSelect,
                   "anonymity_threshold": forms.NumberInput(attrs={"inputmode": "numeric"})}
        error_messages = {
            "title": {"required": "Enter a title"},
            "anonymity_threshold": {
                "required": "Enter the anonymity threshold",
                "invalid": "Enter the threshold as a whole number, like 5",
                "min_value": f"The anonymity threshold must be {MIN_THRESHOLD} or more",
                "max_value": "The anonymity threshold must be 50 or fewer"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["population_stage"] = forms.ChoiceField(
            label=self._meta.labels["population_stage"], required=False,
            help_text=self._meta.help_texts["population_stage"],
            choices=[("", "Referral (the default)"), *((stage.id, stage.label) for stage in STAGES)])


class SectionForm(forms.Form):
    title = forms.CharField(label="Section heading", max_length=200,
                            error_messages={"required": "Enter a heading for the section"})
    description = forms.CharField(label="Introduction (optional)", required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of question", choices=Question.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose the kind of question"})
    text = forms.CharField(label="Question", max_length=500, error_messages={"required": "Enter the question"})
    hint = forms.CharField(label="Hint (optional)", max_length=500, required=False)
    options = forms.CharField(label="Options (for 'choose one' and 'choose any')", required=False,
                              widget=forms.Textarea(attrs={"rows": 4}), help_text="One option per line.")
    required = forms.BooleanField(label="People must answer this question", required=False)
    condition = forms.ChoiceField(label="Ask only when (optional)", required=False,
                                  help_text="Follow-up questions appear under the answer that leads to them.")

    def __init__(self, *args, earlier=(), likert=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Always ask it")]
        for question in earlier:
            options = likert if question.kind == Question.Kind.LIKERT else [
                (option["key"], option["label"]) for option in question.options]
            choices += [(f"{question.key}={key}", f"'{question.text}' is answered '{label}'")
                        for key, label in options]
        self.fields["condition"].choices = choices


class PublishForm(forms.Form):
    change_note = forms.CharField(label="What changed (optional)", max_length=300, required=False)


class LinkForm(forms.Form):
    label = forms.CharField(label="Name of the link", max_length=120,
                            help_text="For example a team, a Family Hub or 'Schools'. Respondents do not see it.",
                            error_messages={"required": "Enter a name for the link"})
    team = forms.ChoiceField(label="Team (optional)", required=False)

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "No team"), *((str(team.pk), team.name) for team in teams)]


class ResultsFilterForm(forms.Form):
    link = forms.ChoiceField(label="Link", required=False)
    ethnicity = forms.ChoiceField(label="Respondents' ethnic group", required=False)
    quarter = forms.ChoiceField(label="Quarter", required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["link"].choices = [("all", "All links"), *choices["links"]]
        self.fields["ethnicity"].choices = [("all", "Everyone"), *choices["ethnicities"]]
        self.fields["quarter"].choices = [("all", "All quarters"), *choices["quarters"]]


class ThemeForm(forms.Form):
    name = forms.CharField(label="Theme", max_length=100, error_messages={"required": "Enter a name for the theme"})
    description = forms.CharField(label="What it covers (optional)", max_length=300, required=False)


class CodingForm(forms.Form):
    themes = forms.MultipleChoiceField(label="Themes", required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = [(str(theme.pk), theme.name) for theme in themes]


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["survey", "theme", "you_said", "we_did", "status", "is_public"]
        labels = {"you_said": "You said", "we_did": "We did", "survey": "Survey (optional)",
                  "theme": "Theme (optional)", "is_public": "Show it to respondents on the survey's thank-you page"}
        widgets = {"you_said": forms.Textarea(attrs={"rows": 3}), "we_did": forms.Textarea(attrs={"rows": 4}),
                   "status": forms.RadioSelect}
        error_messages = {"you_said": {"required": "Enter what people told us"},
                          "we_did": {"required": "Enter what we did or are doing"}}

    def __init__(self, *args, surveys=(), themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survey"].queryset = surveys
        self.fields["theme"].queryset = themes
