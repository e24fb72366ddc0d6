"""What a framework version file holds, as plain data (no Django). See versions/README.md."""

from dataclasses import dataclass

FORMAT_VERSION = 1

# The STAR model's fixed vocabulary: other modules rely on these keys.
LENS_KEYS = ("systemic", "trauma_informed", "anti_racist")
STAGE_KEYS = ("think", "act", "evaluate", "learn")
LEVEL_KEYS = ("yourself", "those_you_work_with", "wider_system")


@dataclass(frozen=True)
class FrameworkFileError:
    """One problem in a framework file, named by file, line (1-based) and field."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self):
        return f"{self.path}, line {self.line}, field {self.field}: {self.message}"


class FrameworkFileInvalid(Exception):
    """The file was refused; `errors` lists every problem found."""

    def __init__(self, errors: list[FrameworkFileError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@dataclass(frozen=True)
class LensSpec:
    key: str
    name: str
    short_definition: str
    definition: str


@dataclass(frozen=True)
class StageSpec:
    key: str
    name: str
    question: str
    has_levels: bool = True


@dataclass(frozen=True)
class LevelSpec:
    key: str
    name: str


@dataclass(frozen=True)
class IndicatorSpec:
    key: str
    stage: str
    level: str | None
    text: str
    guidance: str = ""
    lenses: tuple[str, ...] = ()


@dataclass(frozen=True)
class FrameworkSpec:
    """A validated framework version file."""

    format: int
    number: int
    title: str
    summary: str
    source: str
    lenses: tuple[LensSpec, ...]
    stages: tuple[StageSpec, ...]
    levels: tuple[LevelSpec, ...]
    indicators: tuple[IndicatorSpec, ...]
    version_line: int = 1  # where `version:` is, to name it if the number is already taken
