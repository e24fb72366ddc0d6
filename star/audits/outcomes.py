"""How question answers add up to a standard's result (pure Python)."""

MET, PARTLY, NOT_MET, NOT_APPLICABLE = "met", "partly", "not_met", "na"
# The ordered scale for agreement statistics, best first.
SCALE = (MET, PARTLY, NOT_MET)
LABELS = {MET: "Met", PARTLY: "Partly met", NOT_MET: "Not met", NOT_APPLICABLE: "Not applicable"}


def standard_result(values: list[str]) -> str | None:
    """Met when every applicable question is met, not met when none is, partly met otherwise.

    Not applicable when every question is; None while any question is unanswered."""
    if not values or any(not value for value in values):
        return None
    applicable = [value for value in values if value != NOT_APPLICABLE]
    if not applicable:
        return NOT_APPLICABLE
    if all(value == MET for value in applicable):
        return MET
    if all(value == NOT_MET for value in applicable):
        return NOT_MET
    return PARTLY
