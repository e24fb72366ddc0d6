"""The shipped survey templates ("questionnaires"), read from ``questionnaires/*.yaml`` without Django.

Each file is one questionnaire; its name (without ``.yaml``) is its key. A file is checked when it is read,
and a file with any problem is refused with a ``ValueError`` naming the file and every problem found.

File format::

    title: What it was like working with us
    audience: parents_carers            # a star.voice.models.Audience value
    description: One line for staff choosing a template.
    easy_read: false                    # optional, default false
    purpose: |                          # '|' keeps blank lines: each starts a new paragraph
      Shown to respondents: why we ask, that it is anonymous, how answers are used.
      Lines are joined with a space.

      A second paragraph.
    sections:
      - title: Language
        description: Optional.
        questions:
          - key: interpreter-needed     # lower-case letters, digits and '-'; stable across versions
            kind: single                # likert | single | multiple | text | ethnicity
            text: Did you need an interpreter?
            hint: Optional.
            required: false             # optional, default false
            options:                    # single and multiple only (likert and ethnicity: the platform's own)
              - {key: "yes", label: "Yes"}
              - {key: "no", label: "No"}
          - key: interpreter-good-enough
            kind: likert
            text: The interpreter helped me understand and be understood.
            shown_if_question: interpreter-needed   # an earlier single or likert question
            shown_if_answer: "yes"                  # one of its option keys ("1".."5" for likert)

Only ``true`` and ``false`` are read as anything but text, so ``yes``, ``no`` and ``1`` are plain strings.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

QUESTIONNAIRE_DIR = Path(__file__).resolve().parent / "questionnaires"

# The order staff see the templates in; any other file follows, by name.
ORDER = (
    "family-young-people",
    "family-parents",
    "family-easy-read",
    "partner-agencies",
    "foster-carers",
    "staff-inclusion-pulse",
)

LIKERT_OPTIONS: tuple[tuple[str, str], ...] = (
    ("1", "Strongly disagree"),
    ("2", "Disagree"),
    ("3", "Neither agree nor disagree"),
    ("4", "Agree"),
    ("5", "Strongly agree"),
)
EASY_READ_LIKERT_OPTIONS: tuple[tuple[str, str], ...] = (
    ("1", "No, not at all"),
    ("2", "Not really"),
    ("3", "Not sure"),
    ("4", "Yes, mostly"),
    ("5", "Yes, a lot"),
)

# Mirrors star.voice.models.Question.Kind and Audience (kept here so this module needs no Django;
# a test checks they agree).
KINDS = ("likert", "single", "multiple", "text", "ethnicity")
AUDIENCES = ("young_people", "parents_carers", "partners", "foster_carers", "staff", "other")
CHOICE_KINDS = frozenset({"single", "multiple"})
CONDITION_KINDS = frozenset({"single", "likert"})
PLATFORM_OPTION_KINDS = frozenset({"likert", "ethnicity"})
LIKERT_KEYS = tuple(key for key, _ in LIKERT_OPTIONS)

SLUG = re.compile(r"^[a-z0-9-]+$")
# Field lengths of the models the questions are copied into.
KEY_MAX = 60
TITLE_MAX = 200
TEXT_MAX = 500

_TOP_REQUIRED = ("title", "audience", "description", "purpose", "sections")
_TOP_OPTIONAL = ("easy_read",)
_SECTION_REQUIRED = ("title", "questions")
_SECTION_OPTIONAL = ("description",)
_QUESTION_REQUIRED = ("key", "kind", "text")
_QUESTION_OPTIONAL = ("hint", "options", "required", "shown_if_question", "shown_if_answer")
_OPTION_REQUIRED = ("key", "label")


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    kind: str
    text: str
    hint: str = ""
    options: tuple[tuple[str, str], ...] = ()
    required: bool = False
    shown_if_question: str = ""
    shown_if_answer: str = ""


@dataclass(frozen=True)
class SectionSpec:
    title: str
    description: str
    questions: tuple[QuestionSpec, ...]


@dataclass(frozen=True)
class Questionnaire:
    key: str
    title: str
    audience: str
    purpose: str
    description: str
    easy_read: bool
    sections: tuple[SectionSpec, ...]

    @property
    def questions(self) -> tuple[QuestionSpec, ...]:
        """Every question, in the order asked."""
        return tuple(question for section in self.sections for question in section.questions)

    @property
    def likert_options(self) -> tuple[tuple[str, str], ...]:
        """The answers offered for this questionnaire's agree/disagree questions."""
        return EASY_READ_LIKERT_OPTIONS if self.easy_read else LIKERT_OPTIONS


@cache
def questionnaires() -> tuple[Questionnaire, ...]:
    """Every shipped questionnaire, in the order staff should see them."""
    paths = {path.stem: path for path in QUESTIONNAIRE_DIR.glob("*.yaml")}
    keys = [key for key in ORDER if key in paths] + sorted(key for key in paths if key not in ORDER)
    return tuple(parse(paths[key].read_text(encoding="utf-8"), key) for key in keys)


def questionnaire(key: str) -> Questionnaire:
    """The shipped questionnaire called ``key``; KeyError if there is none."""
    for item in questionnaires():
        if item.key == key:
            return item
    raise KeyError(key)


def parse(text: str, key: str) -> Questionnaire:
    """Read and check one questionnaire's YAML; ``key`` is its file name without ``.yaml``."""
    reader = _Reader()
    result = reader.read(text, key)
    if reader.errors or result is None:
        problems = "\n".join(f"- {error}" for error in reader.errors)
        raise ValueError(f"{key}.yaml is not a valid questionnaire:\n{problems}")
    return result


# --- YAML: text stays text ---------------------------------------------------------------------


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _Loader(yaml.SafeLoader):
    """A safe loader that reads only true/false and empty values as non-text, and refuses repeated fields."""

    yaml_implicit_resolvers: dict = {}

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise _DuplicateKey("while reading a set of fields", node.start_mark,
                                        f"'{key_node.value}' appears more than once", key_node.start_mark)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""])


# --- checking ----------------------------------------------------------------------------------


class _Reader:
    def __init__(self):
        self.errors: list[str] = []

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}" if where else message)

    def fields(self, value, where: str, required: tuple, optional: tuple = ()) -> dict | None:
        if not isinstance(value, dict):
            self.error(where or "the file", "must be a set of 'name: value' fields")
            return None
        allowed = (*required, *optional)
        for name in value:
            if name not in allowed:
                self.error(where, f"'{name}' is not a known field (expected one of: {', '.join(allowed)})")
        for name in required:
            if name not in value:
                self.error(where, f"'{name}' is required but missing")
        return value

    def text(self, value, where: str, *, required=True, max_length=None, paragraphs=False) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.error(where, f"must be text, not {value!r} (put it in quotes)")
            return ""
        if paragraphs:
            parts = (" ".join(part.split()) for part in re.split(r"\n\s*\n", value))
            value = "\n\n".join(part for part in parts if part)
        else:
            value = " ".join(value.split())
        if required and not value:
            self.error(where, "must not be blank")
        if max_length and len(value) > max_length:
            self.error(where, f"must be at most {max_length} characters (it has {len(value)})")
        return value

    def slug(self, value, where: str) -> str:
        value = self.text(value, where, max_length=KEY_MAX)
        if value and not SLUG.match(value):
            self.error(where, f"'{value}' must use only lower-case letters, digits and '-'")
        return value

    def boolean(self, value, where: str) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(where, f"must be true or false, not {value!r}")
            return False
        return value

    def items(self, value, where: str) -> list:
        if not isinstance(value, list):
            self.error(where, "must be a list (each item starting with '- ')")
            return []
        if not value:
            self.error(where, "must not be empty")
        return value

    # --- the document ----------------------------------------------------------------------

    def read(self, text: str, key: str) -> Questionnaire | None:
        if not SLUG.match(key):
            self.error("file name", f"'{key}' must use only lower-case letters, digits and '-'")
        try:
            data = yaml.load(text, Loader=_Loader)  # noqa: S506 -- _Loader is a SafeLoader
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = f"line {mark.line + 1}" if mark else "YAML"
            self.error(line, " ".join(filter(None, [error.context, error.problem])))
            return None
        except yaml.YAMLError as error:
            self.error("YAML", str(error))
            return None
        top = self.fields(data, "", _TOP_REQUIRED, _TOP_OPTIONAL)
        if top is None:
            return None
        title = self.text(top.get("title"), "title", max_length=TITLE_MAX)
        audience = self.text(top.get("audience"), "audience")
        if audience and audience not in AUDIENCES:
            self.error("audience", f"'{audience}' is not one of: {', '.join(AUDIENCES)}")
        purpose = self.text(top.get("purpose"), "purpose", paragraphs=True)
        description = self.text(top.get("description"), "description", max_length=TEXT_MAX)
        easy_read = self.boolean(top.get("easy_read"), "easy_read")
        sections = self.sections(top.get("sections"))
        if self.errors:
            return None
        return Questionnaire(key=key, title=title, audience=audience, purpose=purpose, description=description,
                             easy_read=easy_read, sections=sections)

    def sections(self, value) -> tuple[SectionSpec, ...]:
        earlier: dict[str, QuestionSpec] = {}
        sections = []
        for number, item in enumerate(self.items(value, "sections"), start=1):
            where = f"sections[{number}]"
            fields = self.fields(item, where, _SECTION_REQUIRED, _SECTION_OPTIONAL)
            if fields is None:
                continue
            title = self.text(fields.get("title"), f"{where}.title", max_length=TITLE_MAX)
            description = self.text(fields.get("description"), f"{where}.description", required=False)
            questions = []
            for position, raw in enumerate(self.items(fields.get("questions"), f"{where}.questions"), start=1):
                question = self.question(raw, f"{where}.questions[{position}]", earlier)
                if question is not None:
                    earlier[question.key] = question
                    questions.append(question)
            sections.append(SectionSpec(title=title, description=description, questions=tuple(questions)))
        ethnicity = [key for key, question in earlier.items() if question.kind == "ethnicity"]
        if len(ethnicity) > 1:
            self.error("sections", f"ask about ethnic group once at most (found: {', '.join(ethnicity)})")
        return tuple(sections)

    def question(self, raw, where: str, earlier: dict[str, QuestionSpec]) -> QuestionSpec | None:
        fields = self.fields(raw, where, _QUESTION_REQUIRED, _QUESTION_OPTIONAL)
        if fields is None:
            return None
        key = self.slug(fields.get("key"), f"{where}.key")
        if key:
            where = f"{where} ({key})"
        if key in earlier:
            self.error(where, f"the key '{key}' is used by an earlier question: keys must be unique")
        kind = self.text(fields.get("kind"), f"{where}.kind")
        if kind and kind not in KINDS:
            self.error(f"{where}.kind", f"'{kind}' is not one of: {', '.join(KINDS)}")
        text = self.text(fields.get("text"), f"{where}.text", max_length=TEXT_MAX)
        hint = self.text(fields.get("hint"), f"{where}.hint", required=False, max_length=TEXT_MAX)
        required = self.boolean(fields.get("required"), f"{where}.required")
        options = self.options(fields.get("options"), kind, f"{where}.options")
        if kind == "ethnicity" and required:
            self.error(f"{where}.required", "the ethnicity question must be optional")
        shown_if_question, shown_if_answer = self.condition(fields, where, earlier)
        return QuestionSpec(key=key, kind=kind, text=text, hint=hint, options=options, required=required,
                            shown_if_question=shown_if_question, shown_if_answer=shown_if_answer)

    def options(self, value, kind: str, where: str) -> tuple[tuple[str, str], ...]:
        if kind in PLATFORM_OPTION_KINDS or kind == "text":
            if value:
                self.error(where, f"a {kind} question takes no options (the platform supplies its answers)"
                           if kind in PLATFORM_OPTION_KINDS else "a text question takes no options")
            return ()
        if kind not in CHOICE_KINDS:
            return ()
        if value is None:
            self.error(where, f"a {kind} question needs at least two options")
            return ()
        options = []
        for position, item in enumerate(self.items(value, where), start=1):
            fields = self.fields(item, f"{where}[{position}]", _OPTION_REQUIRED)
            if fields is None:
                continue
            option_key = self.slug(fields.get("key"), f"{where}[{position}].key")
            label = self.text(fields.get("label"), f"{where}[{position}].label", max_length=TITLE_MAX)
            if option_key in {existing for existing, _ in options}:
                self.error(f"{where}[{position}]", f"the option key '{option_key}' appears more than once")
            options.append((option_key, label))
        if len(options) < 2:
            self.error(where, f"a {kind} question needs at least two options")
        return tuple(options)

    def condition(self, fields: dict, where: str, earlier: dict[str, QuestionSpec]) -> tuple[str, str]:
        question_key = self.text(fields.get("shown_if_question"), f"{where}.shown_if_question", required=False)
        answer = self.text(fields.get("shown_if_answer"), f"{where}.shown_if_answer", required=False)
        if not question_key and not answer:
            return "", ""
        if not question_key or not answer:
            self.error(where, "give both shown_if_question and shown_if_answer, or neither")
            return question_key, answer
        trigger = earlier.get(question_key)
        if trigger is None:
            self.error(f"{where}.shown_if_question",
                       f"'{question_key}' is not an earlier question in this questionnaire")
        elif trigger.kind not in CONDITION_KINDS:
            self.error(f"{where}.shown_if_question",
                       f"'{question_key}' is a {trigger.kind} question; only single or likert questions can be used")
        else:
            allowed = LIKERT_KEYS if trigger.kind == "likert" else tuple(key for key, _ in trigger.options)
            if answer not in allowed:
                self.error(f"{where}.shown_if_answer",
                           f"'{answer}' is not an answer of '{question_key}' (answers: {', '.join(allowed)})")
        return question_key, answer
