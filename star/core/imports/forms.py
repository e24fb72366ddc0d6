"""Forms of the import pages."""

from django import forms

from .errors import ParseError
from .parsers import parse_date
from .selectors import column_mappings_for, ethnicity_category_choices
from .spec import specs_for


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label="What does the file hold?",
                             error_messages={"required": "Select what the file holds"})
    as_at = forms.CharField(required=False, max_length=20, label="As-at date (staff snapshots)",
                            help_text="The date the snapshot describes, for example 31/03/2026. For the "
                                      "workforce census, leave blank to use the census date.")
    mapping = forms.ChoiceField(required=False, label="Column mapping (optional)",
                                help_text="Use a saved mapping if your file's headings differ from the template.")
    file = forms.FileField(label="Upload a file", help_text="CSV or Excel (.xlsx); the census is XML.",
                           error_messages={"required": "Select a file", "empty": "The selected file is empty "
                                                                                  "(0 bytes)"})

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.specs = {spec.kind: spec for spec in specs_for(user) if not spec.own_page}
        self.fields["kind"].choices = [("", "Select a kind of file")] + [(k, s.label) for k, s in self.specs.items()]
        mappings = column_mappings_for(user)
        self.fields["mapping"].choices = [("", "No mapping: the file uses the template's headings")] + [
            (mapping.name, f"{mapping.name} ({self.specs[mapping.kind].label})")
            for mapping in mappings if mapping.kind in self.specs]
        self.mapping_kinds = {(mapping.kind, mapping.name) for mapping in mappings}
        accepts = sorted({suffix for spec in self.specs.values() for suffix in spec.accepts.split(",")})
        self.fields["file"].widget.attrs["accept"] = ",".join(accepts)

    def clean_as_at(self):
        value = self.cleaned_data["as_at"].strip()
        if not value:
            return None
        try:
            return parse_date(value)
        except ParseError as error:
            raise forms.ValidationError(f"Enter a real as-at date: {error}") from None

    def clean(self):
        cleaned = super().clean()
        spec = self.specs.get(cleaned.get("kind"))
        if spec is None:
            return cleaned
        for param in spec.params:
            if param.required and cleaned.get(param.name) is None and param.name not in self.errors:
                self.add_error(param.name, f"Enter the {param.label.lower()} of the {spec.label.lower()}")
        mapping = cleaned.get("mapping")
        if mapping and (spec.kind, mapping) not in self.mapping_kinds:
            self.add_error("mapping", f"The mapping ‘{mapping}’ is for another kind of file")
        return cleaned


class EthnicityReviewForm(forms.Form):
    """One category per unmapped label."""

    def __init__(self, *args, labels: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a category"), *ethnicity_category_choices()]
        self.labels = {}
        for index, item in enumerate(labels):
            name = f"label_{index}"
            shown = f"‘{item['label']}’" if item["label"] else "Blank"
            rows = item["count"]
            self.fields[name] = forms.ChoiceField(
                choices=choices, label=shown, help_text=f"{rows:,} row{'s' if rows != 1 else ''}, first on row "
                                                        f"{item['first_row']}",
                error_messages={"required": f"Choose a category for {shown}"})
            self.labels[name] = item["label"]

    def mappings(self) -> dict[str, str]:
        return {self.labels[name]: self.cleaned_data[name] for name in self.labels}


class ColumnMappingForm(forms.Form):
    """A name, then the heading the council's own file uses for each of STAR's columns."""

    name = forms.CharField(max_length=80, label="Name of this mapping",
                           help_text="For example ‘iTrent monthly extract’.",
                           error_messages={"required": "Enter a name for the mapping"})

    def __init__(self, *args, spec, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        for column in spec.columns:
            self.fields[f"column__{column.name}"] = forms.CharField(
                required=False, max_length=120,
                label=f"Heading for {column.name}{' (required column)' if column.required else ''}",
                help_text=column.description or "Leave blank if your file uses the template's heading.")

    def columns(self) -> dict[str, str]:
        return {name.removeprefix("column__"): value.strip() for name, value in self.cleaned_data.items()
                if name.startswith("column__") and value.strip()}

    def clean(self):
        cleaned = super().clean()
        headings = [value.strip().lower() for name, value in cleaned.items()
                    if name.startswith("column__") and value and value.strip()]
        repeated = sorted({heading for heading in headings if headings.count(heading) > 1})
        if repeated:
            raise forms.ValidationError(f"Each heading can be used for one column only: {', '.join(repeated)}")
        return cleaned
