"""The respondent's form: one field per question of a published survey version, built at request time.

Every field is optional to Django; whether a question must be answered is decided in ``clean`` because a
follow-up question counts only when the answer it depends on was given. Answers to follow-ups whose
condition was not met are discarded, whatever was sent. Labels go through gettext, so shipped wording
can be translated in the .po files.
"""

import re
import secrets
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext, gettext_noop

from star.analytics.categories import BROAD_GROUPS, DETAILED

from .models import PREFER_NOT_TO_SAY, TEXT_ANSWER_LIMIT, Question, Section
from .questionnaire_library import EASY_READ_LIKERT_OPTIONS, LIKERT_OPTIONS

FORM_KEY_SALT = "voice-respond"
FORM_KEY_MAX_AGE = 24 * 60 * 60
# Hidden fields sent with every form: the CSRF token, the one-time key, the language and the honeypot.
HIDDEN_FIELDS = 4

# makemessages reads neither the questionnaire library nor the analytics tables: the answers every survey
# shares are marked here so they reach the .po files (a test checks this list matches them).
SHARED_WORDING = (
    gettext_noop("Strongly disagree"), gettext_noop("Disagree"), gettext_noop("Neither agree nor disagree"),
    gettext_noop("Agree"), gettext_noop("Strongly agree"),
    gettext_noop("No, not at all"), gettext_noop("Not really"), gettext_noop("Not sure"), gettext_noop("Yes, mostly"),
    gettext_noop("Yes, a lot"),
    gettext_noop("Asian, Asian British or Asian Welsh"),
    gettext_noop("Black, Black British, Black Welsh, Caribbean or African"),
    gettext_noop("Mixed or Multiple ethnic groups"), gettext_noop("White"), gettext_noop("Other ethnic group"),
    gettext_noop("Bangladeshi"), gettext_noop("Chinese"), gettext_noop("Indian"), gettext_noop("Pakistani"),
    gettext_noop("Other Asian"), gettext_noop("African"), gettext_noop("Caribbean"), gettext_noop("Other Black"),
    gettext_noop("White and Asian"), gettext_noop("White and Black African"),
    gettext_noop("White and Black Caribbean"), gettext_noop("Other Mixed or Multiple ethnic groups"),
    gettext_noop("English, Welsh, Scottish, Northern Irish or British"), gettext_noop("Irish"),
    gettext_noop("Gypsy or Irish Traveller"), gettext_noop("Roma"), gettext_noop("Other White"), gettext_noop("Arab"),
    gettext_noop("Any other ethnic group"),
)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def translated(text: str) -> str:
    """gettext for stored wording (gettext of an empty string would return the catalogue's header)."""
    return gettext(text) if text else ""


def in_language(text: str) -> str:
    """Stored wording to show: translated, or marked as English where there is no translation yet, so that
    screen readers switch voice and the words read left to right (WCAG 3.1.2, language of parts)."""
    result = translated(text)
    if result and result == text and not get_language().startswith("en"):
        return format_html('<span lang="{}" dir="ltr">{}</span>', settings.LANGUAGE_CODE, text)
    return result


def clean_text(value: str) -> str:
    """Text as typed: Windows line ends made plain, control characters other than newline and tab removed."""
    return _CONTROL.sub("", value.replace("\r\n", "\n")).strip()


def issue_form_key(token: str) -> str:
    """A signed one-time key for one rendering of the form of the link ``token``."""
    return signing.dumps({"n": secrets.token_urlsafe(18), "t": token}, salt=FORM_KEY_SALT)


def read_form_key(value: str, token: str) -> str | None:
    """The nonce of a key issued for this link less than a day ago, or None (tampered, expired, other link)."""
    try:
        data = signing.loads(value, salt=FORM_KEY_SALT, max_age=FORM_KEY_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("t") != token or not isinstance(data.get("n"), str):
        return None
    return data["n"]


def field_name(question: Question) -> str:
    return f"q_{question.key}"


def options_of(question: Question, *, easy_read: bool) -> list[tuple[str, str]]:
    """(key, untranslated label) for a choice question, in the order shown."""
    if question.kind == Question.Kind.LIKERT:
        return list(EASY_READ_LIKERT_OPTIONS if easy_read else LIKERT_OPTIONS)
    if question.kind == Question.Kind.ETHNICITY:
        return [(key, category.name) for key, category in DETAILED.items()] + [
            (PREFER_NOT_TO_SAY, gettext_noop("Prefer not to say"))]
    return [(option["key"], option["label"]) for option in question.options]


class AnswerTextField(forms.CharField):
    def to_python(self, value):
        return clean_text(super().to_python(value))


class AnswerChoiceField(forms.ChoiceField):
    """One option key. The refusal names the question, so it is not %-formatted with the value sent."""

    def validate(self, value):
        if value and not self.valid_value(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")


class AnswerChoicesField(forms.MultipleChoiceField):
    def validate(self, value):
        if any(not self.valid_value(item) for item in value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")


@dataclass
class Option:
    value: str
    label: str
    id: str
    checked: bool
    followups: list["Item"] = field(default_factory=list)

    @property
    def conditional_id(self) -> str:
        return f"conditional-{self.id}"


@dataclass
class Group:
    """Options shown together: one group, or one per broad ethnic group then 'Prefer not to say'."""

    label: str
    options: list[Option]
    divider: bool = False


@dataclass
class Item:
    """One question as the template draws it."""

    question: Question
    name: str
    id: str
    text: str
    hint: str
    errors: list[str]
    value: str = ""
    groups: list[Group] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def input_type(self) -> str:
        return "checkbox" if self.kind == Question.Kind.MULTIPLE else "radio"

    @property
    def css(self) -> str:
        return "govuk-checkboxes" if self.kind == Question.Kind.MULTIPLE else "govuk-radios"


@dataclass
class SectionDisplay:
    title: str
    description: str
    items: list[Item]


class ResponseForm(forms.Form):
    """The answers to one survey version's questions."""

    def __init__(self, sections: list[Section], *, easy_read: bool, data=None):
        super().__init__(data=data)
        self.sections = sections
        self.easy_read = easy_read
        self.questions = [question for section in sections for question in section.questions.all()]
        self.by_key = {question.key: question for question in self.questions}
        for question in self.questions:
            self.fields[field_name(question)] = self._field(question)

    def _field(self, question: Question) -> forms.Field:
        if question.kind == Question.Kind.TEXT:
            return AnswerTextField(required=False, strip=False)
        choices = [(key, in_language(label)) for key, label in options_of(question, easy_read=self.easy_read)]
        messages = {"invalid_choice": _message(gettext("Choose one of the answers shown for ‘{question}’"), question)}
        if question.kind == Question.Kind.MULTIPLE:
            return AnswerChoicesField(choices=choices, required=False, error_messages=messages)
        return AnswerChoiceField(choices=choices, required=False, error_messages=messages)

    def max_values(self) -> int:
        """The most values an honest browser can send with this form."""
        return HIDDEN_FIELDS + sum(len(self.fields[field_name(q)].choices) if q.kind == Question.Kind.MULTIPLE
                                   else 1 for q in self.questions)

    def is_shown(self, question: Question, answers: dict) -> bool:
        """A question counts when it has no condition, or its trigger counts and was answered as required."""
        trigger = self.by_key.get(question.shown_if_question) if question.shown_if_question else None
        if trigger is None:
            return True
        answer = answers.get(field_name(trigger))
        chosen = question.shown_if_answer in answer if isinstance(answer, list) else answer == question.shown_if_answer
        return chosen and self.is_shown(trigger, answers)

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            name = field_name(question)
            if not self.is_shown(question, cleaned):
                cleaned.pop(name, None)
                self.errors.pop(name, None)
            elif question.kind == Question.Kind.TEXT and len(cleaned.get(name, "")) > TEXT_ANSWER_LIMIT:
                too_long = gettext("Your answer to ‘{question}’ must be {limit} characters or fewer")
                self.add_error(name, _message(too_long, question, limit=text_limit()))
            elif question.required and name not in self.errors and not cleaned.get(name):
                self.add_error(name, self._missing(question))
        if not self.errors and not any(cleaned.get(field_name(question)) for question in self.questions):
            # An empty response would count as a person who answered: ask for something first.
            self.add_error(None, gettext("Answer at least one question before you send your answers"))
        return cleaned

    def _missing(self, question: Question) -> str:
        if question.kind == Question.Kind.TEXT:
            return _message(gettext("Write your answer to ‘{question}’"), question)
        if question.kind == Question.Kind.MULTIPLE:
            return _message(gettext("Choose at least one answer to ‘{question}’"), question)
        return _message(gettext("Choose an answer to ‘{question}’"), question)

    def answers(self) -> dict[str, str | list[str]]:
        """question key -> answer, for the questions answered (valid form only)."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question))
            if value:
                answers[question.key] = value
        return answers

    # --- display ----------------------------------------------------------------------------------

    def display(self) -> list[SectionDisplay]:
        """Sections with their questions; a follow-up sits inside the option that reveals it."""
        followups: dict[tuple[str, str], list[Question]] = {}
        for question in self.questions:
            trigger = self.by_key.get(question.shown_if_question)
            if trigger and question.shown_if_answer in dict(options_of(trigger, easy_read=self.easy_read)):
                followups.setdefault((trigger.key, question.shown_if_answer), []).append(question)
        nested = {question.key for group in followups.values() for question in group}
        return [SectionDisplay(in_language(section.title), in_language(section.description),
                               [self._item(question, followups) for question in section.questions.all()
                                if question.key not in nested])
                for section in self.sections]

    def _item(self, question: Question, followups: dict) -> Item:
        bound = self[field_name(question)]
        item = Item(question=question, name=bound.html_name, id=bound.auto_id, text=in_language(question.text),
                    hint=in_language(question.hint), errors=list(bound.errors))
        if question.kind == Question.Kind.TEXT:
            item.value = bound.value() or ""
            return item
        value = bound.value()
        chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value or "")}
        options = []
        for index, (key, label) in enumerate(bound.field.choices):
            options.append(Option(value=key, label=label, id=f"{bound.auto_id}_{index}", checked=key in chosen,
                                  followups=[self._item(q, followups) for q in followups.get((question.key, key), [])]))
        item.id = options[0].id if options else item.id
        if question.kind == Question.Kind.MULTIPLE:
            item.hint = format_html_join(" ", "{}", ((part,) for part in (item.hint, gettext("Select all that apply."))
                                                     if part))
        item.groups = _ethnicity_groups(options) if question.kind == Question.Kind.ETHNICITY else [Group("", options)]
        return item


def _ethnicity_groups(options: list[Option]) -> list[Group]:
    groups = [Group(in_language(broad.label), [o for o in options if o.value in DETAILED
                                              and DETAILED[o.value].broad == key])
              for key, broad in BROAD_GROUPS.items()]
    return [*groups, Group("", [o for o in options if o.value == PREFER_NOT_TO_SAY], divider=True)]


def _message(template: str, question: Question, **values) -> str:
    """An error message naming the question in its own language (the template is trusted translated text)."""
    return format_html(template, question=in_language(question.text), **values)


def text_limit() -> str:
    """The text answer limit as written in the current language (3,000 in English)."""
    return number_format(TEXT_ANSWER_LIMIT, force_grouping=True)


def error_summary(sections: list[SectionDisplay]) -> list[tuple[str, str]]:
    """(message, link target) for every error, in the order the questions are shown."""

    def walk(items):
        for item in items:
            for error in item.errors:
                yield error, f"#{item.id}"
            for group in item.groups:
                for option in group.options:
                    yield from walk(option.followups)

    return [entry for section in sections for entry in walk(section.items)]
