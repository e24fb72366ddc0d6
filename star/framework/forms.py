from django import forms


class VersionDiffForm(forms.Form):
    """Choose two versions to compare. Its fields are named `from` and `to`, as in the page's URL."""

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a version")] + [(v.number, f"Version {v.number}: {v.title}") for v in versions]
        self.fields["from"] = forms.TypedChoiceField(
            label="Compare from", coerce=int, choices=choices,
            error_messages={"required": "Choose the version to compare from"},
        )
        self.fields["to"] = forms.TypedChoiceField(
            label="Compare to", coerce=int, choices=choices,
            error_messages={"required": "Choose the version to compare to"},
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("from") is not None and cleaned.get("from") == cleaned.get("to"):
            self.add_error("to", "Choose a different version to compare to")
        return cleaned
