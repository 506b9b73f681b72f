"""The metric registry: every fact metric with its unit, and every Prometheus family the sink exposes.

One definition of each name: the fact vocabulary (`events.METRICS`), the sink's exposition, the dashboards
and the alert rules take their names from here. Every family has exactly one unit: a count, or a ratio in
0-1 (`_ratio` suffix). A count metric stated as a percent of its total ("đảng viên nữ chiếm 48,14%") goes to
the metric's share family (`recruitment_admitted_share_ratio{segment="female"}`), never into the count family.
"""

from __future__ import annotations

from dataclasses import dataclass

COUNT, PCT, RATIO = "count", "pct", "ratio"
"""Fact units (count, pct) and the exposed unit of percent facts (ratio, 0-1)."""


@dataclass(frozen=True, slots=True)
class FactMetric:
    """A fact metric of recruitment.fact/v1: the unit it is stated in and its family's name and help."""

    name: str
    unit: str
    family: str
    help: str


@dataclass(frozen=True, slots=True)
class Family:
    """A Prometheus value family: one unit, and the factor from the fact's value to the exposed value."""

    name: str
    unit: str
    help: str
    metric: str
    fact_unit: str

    @property
    def scale(self) -> float:
        """Exposed value = fact value × scale (percent → ratio)."""
        return 0.01 if self.fact_unit == PCT else 1.0


FACT_METRICS: tuple[FactMetric, ...] = (
    FactMetric("admitted", COUNT, "recruitment_admitted",
               "People admitted to the Party in the period (segment: breakdown of the admissions)."),
    FactMetric("admitted_target", COUNT, "recruitment_admitted_target", "Planned number of admissions in the period."),
    FactMetric("admitted_target_pct", PCT, "recruitment_admitted_target_ratio",
               "Admission target as a share of membership (0-1)."),
    FactMetric("target_attainment_pct", PCT, "recruitment_target_attainment_ratio",
               "Achieved share of the admission target or plan (0-1; above 1 when exceeded)."),
    FactMetric("admission_rate_pct", PCT, "recruitment_admission_rate_ratio",
               "Admissions as a share of total membership (0-1)."),
    FactMetric("members_total", COUNT, "recruitment_members", "Party members of the organisation."),
    FactMetric("party_cells", COUNT, "recruitment_party_cells", "Party cells (chi bộ) of the organisation."),
    FactMetric("grassroots_orgs", COUNT, "recruitment_grassroots_orgs",
               "Grassroots party organisations of the organisation."),
    FactMetric("members_good_rating_pct", PCT, "recruitment_members_good_rating_ratio",
               "Share of members rated as completing their duties well or better (0-1)."),
    FactMetric("members_removed", COUNT, "recruitment_members_removed", "Members removed or expelled in the period."),
    FactMetric("candidates_trained", COUNT, "recruitment_candidates_trained",
               "People who completed the party-awareness class, or the stated pool of candidates."),
)
BY_METRIC = {m.name: m for m in FACT_METRICS}
METRIC_NAMES = frozenset(BY_METRIC)


def _families() -> dict[tuple[str, str], Family]:
    """(metric, fact unit) → family: each metric's own family, plus a share family for each count metric."""
    out: dict[tuple[str, str], Family] = {}
    for m in FACT_METRICS:
        unit = RATIO if m.unit == PCT else COUNT
        out[(m.name, m.unit)] = Family(m.family, unit, m.help, m.name, m.unit)
        if m.unit == COUNT:
            out[(m.name, PCT)] = Family(
                f"{m.family}_share_ratio", RATIO,
                f"Share of the segment in {m.family} as the article states it, a percent of the total (0-1).",
                m.name, PCT)
    return out


FAMILIES = _families()
VALUE_FAMILIES: tuple[Family, ...] = tuple(FAMILIES.values())
FAMILY_BY_NAME = {f.name: f for f in VALUE_FAMILIES}


def family_for(metric: str, unit: str) -> Family | None:
    """The family of a fact with this metric and unit; None when the unit does not fit the metric
    (a count for a percent metric: counted as `unit_mismatch`, never exposed)."""
    return FAMILIES.get((metric, unit))


# Other recruitment_* families of the sink (per series, not values).
ARTICLE_PUBLISHED = "recruitment_article_published_timestamp_seconds"
SOURCE_INFO = "recruitment_source"  # exposed as recruitment_source_info
SOURCE_INFO_SAMPLE = "recruitment_source_info"

# The sink's own families.
SINK_SERIES_EXPOSED = "recruitwatch_sink_series_exposed"
SINK_SERIES_DROPPED = "recruitwatch_sink_series_dropped"
SINK_FACTS = "recruitwatch_sink_facts"
SINK_FACTS_CONFLICTING = "recruitwatch_sink_facts_conflicting"  # a counter: recruitwatch_sink_facts_conflicting_total
SINK_READY = "recruitwatch_sink_ready"
SINK_LATEST_FETCHED = "recruitwatch_sink_latest_fact_fetched_timestamp_seconds"
SINK_OWNED_PARTITIONS = "recruitwatch_sink_owned_partitions"

DROP_REASONS = ("overflow", "label_collision", "invalid_metric", "unit_mismatch")
"""Why a current series is not on /metrics (recruitwatch_sink_series_dropped{reason})."""
FACT_STATUSES = ("exposed", "superseded", "conflict", "below_confidence")
"""Where each fact of the accepted extractions stands (recruitwatch_sink_facts{status})."""
