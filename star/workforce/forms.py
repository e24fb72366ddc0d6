from django import forms

STANDARDS = [("sc-wres", "Social Care WRES"), ("nhs-wres", "NHS WRES")]


class ReportFilterForm(forms.Form):
    """Which report to show. Choices come from the organisation's own snapshots and services."""

    as_at = forms.TypedChoiceField(label="Snapshot date", required=False, coerce=str, empty_value=None)
    standard = forms.ChoiceField(label="Present figures as", choices=STANDARDS, required=False)
    service = forms.ChoiceField(label="Service", required=False)
    rolling_years = forms.TypedChoiceField(
        label="Period for formal processes", required=False, coerce=int, empty_value=1,
        choices=[(1, "The 12 months to the snapshot date"), (2, "Two years rolling")])

    def __init__(self, *args, snapshot_dates=(), services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["as_at"].choices = [(d.isoformat(), f"{d:%-d %B %Y}") for d in snapshot_dates]
        self.fields["service"].choices = [("", "Whole organisation"), *[(s, s) for s in services]]

    def filters(self) -> dict:
        """Cleaned filters with defaults (latest snapshot, Social Care WRES, whole organisation)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {"as_at": data.get("as_at") or None, "standard": data.get("standard") or "sc-wres",
                "service": data.get("service") or None, "rolling_years": data.get("rolling_years") or 1}
