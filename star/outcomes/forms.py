from django import forms

from .groups import LEVELS, REFERENCES, groups_for
from .stages import SOURCES, STAGES


class ReportFilterForm(forms.Form):
    """Which figures to show. Year and area choices come from the returns the user may see."""

    year = forms.TypedChoiceField(label="Collection year", required=False, coerce=int, empty_value=None)
    area = forms.ChoiceField(label="Area", required=False)
    level = forms.ChoiceField(label="Ethnic groups", choices=list(LEVELS.items()), required=False)
    reference = forms.ChoiceField(label="Compare with", required=False,
                                  choices=[(key, f"{label} children") for key, label in REFERENCES.items()])
    stage = forms.ChoiceField(label="Stage for the charts and trend", required=False, initial="cla_at_31_march",
                              choices=[(stage.id, stage.label) for stage in STAGES])
    group = forms.ChoiceField(label="Ethnic group to compare areas on", required=False, initial="black")

    def __init__(self, *args, years=(), areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, f"April {year - 1} to March {year}") for year in years]
        self.fields["area"].choices = [(area, area) for area in areas]
        level = (self.data.get("level") if self.is_bound else None) or "broad"
        self.fields["group"].choices = [(group.key, group.label) for group in groups_for(
            level if level in LEVELS else "broad")]

    def filters(self, *, default_area=None) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {"year": data.get("year") or None, "area": data.get("area") or default_area,
                "level": data.get("level") or "broad", "reference": data.get("reference") or "white"}

    def chart_choices(self) -> tuple[str, str]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("stage") or "cla_at_31_march", data.get("group") or "black"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple) and data:
            return [single(item, initial) for item in data]
        if isinstance(data, list | tuple):
            data = None
        return [single(data, initial)] if data else single(data, initial)


class ReturnImportForm(forms.Form):
    source = forms.ChoiceField(label="Which return is it?", choices=[("", "Select a return"), *SOURCES.items()],
                               error_messages={"required": "Select which return it is"})
    files = MultipleFileField(
        label="Upload the file or files",
        help_text="SSDA903: the CSV files of one return together (header, episodes, and OC3 for care leavers), or "
                  "its XML file. CIN census: the XML file. Annex A: the Excel workbook.",
        error_messages={"required": "Select a file", "empty": "The selected file is empty (0 bytes)"})
    year = forms.IntegerField(label="Collection year (optional)", required=False, min_value=2000, max_value=2100,
                              help_text="The year the return ends in: 2025 means April 2024 to March 2025. Leave blank "
                                        "to take it from the file.",
                              error_messages={"invalid": "Enter the year as 4 digits, for example 2025",
                                              "min_value": "Enter a year from 2000",
                                              "max_value": "Enter a year before 2100"})
    area = forms.CharField(label="Area code (optional)", required=False, max_length=12,
                           help_text="Leave blank to use your council's code.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].widget.attrs["accept"] = ".csv,.xml,.xlsx"

    def clean(self):
        cleaned = super().clean()
        files = cleaned.get("files") or []
        if cleaned.get("source") in ("cin", "annexa") and len(files) > 1:
            self.add_error("files", "Select one file: a CIN census or Annex A is imported one file at a time")
        return cleaned
