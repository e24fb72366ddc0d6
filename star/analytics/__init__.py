"""STAR analytics core: ethnicity classification, equality statistics, disclosure control.

Pure Python (numpy, scipy). Never imports Django or any other STAR app. Every number the
platform publishes about people goes through this package. See ``docs/analytics.md``.

Main entry point for other modules::

    from star.analytics import compare_groups
    table = compare_groups(appointed, shortlisted, groups=["White", "Global Majority"],
                           reference="Global Majority", subject="applicants",
                           outcome="were appointed from shortlisting",
                           likely_to="be appointed from shortlisting")
    table.to_dict()  # JSON-safe figures with intervals, flags, suppression and readings
"""

from .agreement import Agreement, agreement
from .categories import BROAD_GROUPS, DETAILED, DFE_CODES, UNKNOWN
from .differencing import protect_sets
from .disclosure import (
    GSS_SYMBOLS,
    LinearTable,
    Suppression,
    SuppressionPolicy,
    derived_mask,
    find_disclosed,
    hierarchical_table,
    primary_mask,
    protect,
    round_to_base,
)
from .ethnicity import (
    Aggregation,
    Classification,
    EthnicityNormaliser,
    Match,
    TwoGroup,
    aggregate_counts,
    aggregation_matrix,
    classify_labels,
)
from .reading import read, read_difference, read_proportion, read_rate, read_ratio
from .shares import protected_shares
from .stats import (
    Figure,
    Flags,
    benjamini_hochberg,
    difference_in_proportions,
    funnel_limits_proportion,
    funnel_limits_ratio,
    proportion,
    rate,
    rate_ratio,
    relative_likelihood,
)
from .surveys import (
    ALL,
    Representation,
    RepresentationRow,
    SurveyGroups,
    comments_releasable,
    representation,
    survey_groups,
)
from .table import ResultTable, compare_groups

__all__ = [
    "ALL",
    "BROAD_GROUPS",
    "DETAILED",
    "DFE_CODES",
    "GSS_SYMBOLS",
    "UNKNOWN",
    "Aggregation",
    "Agreement",
    "Classification",
    "EthnicityNormaliser",
    "Figure",
    "Flags",
    "LinearTable",
    "Match",
    "Representation",
    "RepresentationRow",
    "ResultTable",
    "Suppression",
    "SuppressionPolicy",
    "SurveyGroups",
    "TwoGroup",
    "aggregate_counts",
    "aggregation_matrix",
    "agreement",
    "benjamini_hochberg",
    "classify_labels",
    "comments_releasable",
    "compare_groups",
    "derived_mask",
    "difference_in_proportions",
    "find_disclosed",
    "funnel_limits_proportion",
    "funnel_limits_ratio",
    "hierarchical_table",
    "primary_mask",
    "proportion",
    "protect",
    "protect_sets",
    "protected_shares",
    "rate",
    "rate_ratio",
    "read",
    "read_difference",
    "read_proportion",
    "read_rate",
    "read_ratio",
    "relative_likelihood",
    "representation",
    "round_to_base",
    "survey_groups",
]
