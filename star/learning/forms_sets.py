"""Forms for action learning sets. Every message says what to do; nothing typed is lost on an error."""

from django import forms

from star.core.forms import IsoDateInput

from .models import TEXT_LIMIT, SetCommitment
from .services.sets import ACTION_LIMIT, CADENCE_WEEKS, COMMITTED_MEETINGS


def _text(label, required_message="", *, rows=4, required=True, limit=TEXT_LIMIT, help_text=""):
    return forms.CharField(label=label, required=required, max_length=limit, help_text=help_text, strip=True,
                           widget=forms.Textarea(attrs={"rows": rows}),
                           error_messages={"required": required_message,
                                           "max_length": f"{label} must be {limit:,} characters or fewer"})


def person_label(person) -> str:
    """A name with the job title and team when known, to tell people with the same name apart."""
    name = person.get_full_name() or person.username
    profile = getattr(person, "staff_profile", None)
    details = [part for part in (getattr(profile, "job_title", ""),
                                 getattr(getattr(profile, "team", None), "name", "")) if part]
    return f"{name} ({', '.join(details)})" if details else name


def _name(person) -> str:
    return person.get_full_name() or person.username


class SetForm(forms.Form):
    name = forms.CharField(max_length=160, label="Name of the set",
                           help_text="For example, Anti-racist practice set: frontline practitioners.",
                           error_messages={"required": "Enter a name for the set",
                                           "max_length": "The name must be 160 characters or fewer"})
    theme = forms.CharField(max_length=300, label="Theme",
                            help_text="What the set works on, for example anti-racist practice in assessments.",
                            error_messages={"required": "Enter the set's theme",
                                            "max_length": "The theme must be 300 characters or fewer"})
    facilitator = forms.TypedChoiceField(coerce=int, label="Facilitator",
                                         error_messages={"required": "Choose the facilitator",
                                                         "invalid_choice": "Choose the facilitator from the list"})
    cadence_weeks = forms.IntegerField(
        label="Meets every (weeks)", min_value=CADENCE_WEEKS[0], max_value=CADENCE_WEEKS[1],
        help_text=f"From {CADENCE_WEEKS[0]} to {CADENCE_WEEKS[1]} weeks.",
        error_messages={"required": "Enter how often the set meets, in weeks",
                        "invalid": "Enter a whole number of weeks, like 6",
                        "min_value": f"A set meets every {CADENCE_WEEKS[0]} weeks at most often",
                        "max_value": f"A set meets at least every {CADENCE_WEEKS[1]} weeks"})
    committed_meetings = forms.IntegerField(
        label="Committed number of meetings", min_value=COMMITTED_MEETINGS[0], max_value=COMMITTED_MEETINGS[1],
        help_text="How many meetings members commit to before the set finishes and is evaluated.",
        error_messages={"required": "Enter the committed number of meetings",
                        "invalid": "Enter a whole number of meetings, like 6",
                        "min_value": f"Commit to at least {COMMITTED_MEETINGS[0]} meeting",
                        "max_value": f"Commit to {COMMITTED_MEETINGS[1]} meetings or fewer"})
    starts_on = forms.DateField(label="Start date", widget=IsoDateInput(),
                                help_text="The first meeting is due on this date.",
                                error_messages={"required": "Enter the start date",
                                                "invalid": "The start date must be a real date"})

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {person.pk: person for person in people}
        self.fields["facilitator"].choices = [("", "Choose a person")] + [
            (person.pk, person_label(person)) for person in people]

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "theme": data["theme"], "facilitator": self.people[data["facilitator"]],
                "cadence_weeks": data["cadence_weeks"], "committed_meetings": data["committed_meetings"],
                "starts_on": data["starts_on"]}


class MemberAddForm(forms.Form):
    member = forms.TypedChoiceField(coerce=int, label="Add a member",
                                    help_text="Choose from the people in your organisation.",
                                    error_messages={"required": "Choose the person to add",
                                                    "invalid_choice": "Choose the person to add from the list"})

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {person.pk: person for person in people}
        self.fields["member"].choices = [("", "Choose a person")] + [
            (person.pk, person_label(person)) for person in people]

    @property
    def person(self):
        return self.people[self.cleaned_data["member"]]


class GroundRulesForm(forms.Form):
    ground_rules = _text("Ground rules", "Enter the ground rules the set agreed", rows=8,
                         help_text="What the set agreed at its first meeting, for example about confidentiality, "
                                   "listening and challenge. Only the set's members and facilitator can read them.")


class MeetingForm(forms.Form):
    """One meeting: its date, attendance, who presented, notes, each present member's new commitment and
    the review of each open commitment from earlier meetings."""

    held_on = forms.DateField(label="Date of the meeting", widget=IsoDateInput(),
                              error_messages={"required": "Enter the date of the meeting",
                                              "invalid": "The date of the meeting must be a real date"})
    attended = forms.TypedMultipleChoiceField(
        coerce=int, label="Who was there?", widget=forms.CheckboxSelectMultiple,
        help_text="Untick anyone who was absent.",
        error_messages={"required": "Tick at least one member who was at the meeting"})
    presenters = forms.TypedMultipleChoiceField(
        coerce=int, label="Who presented?", widget=forms.CheckboxSelectMultiple, required=False,
        help_text="Members who brought something to the set at this meeting.")
    notes = _text("Notes", required=False, rows=8,
                  help_text="What the set wants to remember. Only the set's members and facilitator can read them.")

    REVIEW_CHOICES = [(SetCommitment.Review.DONE, "Done"), (SetCommitment.Review.IN_PROGRESS, "In progress"),
                      (SetCommitment.Review.CHANGED, "Changed")]

    def __init__(self, *args, members=(), to_review=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {person.pk: person for person in members}
        choices = [(person.pk, _name(person)) for person in members]
        self.fields["attended"].choices = choices
        self.fields["presenters"].choices = choices
        self.review_names = []
        for commitment in to_review:
            who = _name(commitment.member)
            earlier = (f" In progress when reviewed at meeting {commitment.reviewed_at.number}."
                       if commitment.review == SetCommitment.Review.IN_PROGRESS and commitment.reviewed_at else "")
            self.fields[f"review_{commitment.pk}"] = forms.ChoiceField(
                label=f"How did {who} get on?", choices=self.REVIEW_CHOICES, widget=forms.RadioSelect,
                required=False, help_text=f"Commitment from meeting {commitment.meeting.number}: "
                                          f"{commitment.action}{earlier}")
            self.fields[f"reflection_{commitment.pk}"] = _text(
                f"{who}'s reflection", required=False, rows=3, limit=2_000,
                help_text="What happened, what they learned, or how the commitment changed.")
            self.review_names.append((commitment, f"review_{commitment.pk}", f"reflection_{commitment.pk}"))
        self.commitment_names = []
        for person in members:
            self.fields[f"commit_{person.pk}"] = _text(
                f"{_name(person)}'s new commitment (optional)", required=False, rows=2, limit=ACTION_LIMIT,
                help_text="Leave empty if they did not make one, or were absent.")
            self.commitment_names.append((person, f"commit_{person.pk}"))

    @property
    def review_rows(self):
        return [(commitment, self[review], self[reflection]) for commitment, review, reflection in self.review_names]

    @property
    def commitment_rows(self):
        return [(person, self[name]) for person, name in self.commitment_names]

    def clean(self):
        cleaned = super().clean()
        attended = set(cleaned.get("attended") or ())
        if "attended" in cleaned:
            for pk in cleaned.get("presenters") or ():
                if pk not in attended:
                    self.add_error("presenters", f"{_name(self.members[pk])} presented, so tick them as at the "
                                                 "meeting too")
            for person, name in self.commitment_names:
                if (cleaned.get(name) or "").strip() and person.pk not in attended:
                    self.add_error(name, f"{_name(person)} was not at the meeting: tick them as there, or leave "
                                         "their commitment empty")
            for commitment, review, reflection in self.review_names:
                outcome = cleaned.get(review)
                if not outcome and commitment.member_id in attended:
                    self.add_error(review, f"Review {_name(commitment.member)}'s commitment from meeting "
                                           f"{commitment.meeting.number}: done, in progress or changed")
                if outcome == SetCommitment.Review.CHANGED and not (cleaned.get(reflection) or "").strip():
                    self.add_error(reflection, f"Say how {_name(commitment.member)}'s commitment changed")
        return cleaned

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "held_on": data["held_on"], "attended": data["attended"], "presenters": data["presenters"],
            "notes": data["notes"],
            "commitments": {person.pk: data.get(name) or "" for person, name in self.commitment_names},
            "reviews": {commitment.pk: (data.get(review) or "", data.get(reflection) or "")
                        for commitment, review, reflection in self.review_names},
        }


class CommitmentForm(forms.Form):
    action = _text("Your commitment", "Enter your commitment", rows=3, limit=ACTION_LIMIT,
                   help_text="What you will do before the next meeting. The set reviews it then.")


class FinishForm(forms.Form):
    send_evaluation = forms.BooleanField(
        required=False, initial=True,
        label="Send members the end-of-cycle evaluation (a short anonymous survey)")
