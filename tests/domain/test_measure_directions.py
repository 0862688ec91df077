"""Which way is better, measure by measure (issue 29): data/measure_directions.csv gives
each published measure a direction and the reason for it, and the Annex A indicators that
measure the same thing go the same way."""

import csv
import re
from pathlib import Path

from dashboard.domain.indicators import HIGHER, INDICATORS, LOWER

DATA = Path(__file__).resolve().parents[2] / "data"
POLARITIES = {"higher_better", "lower_better", "none"}

#: Annex A indicator -> (published measure on the same topic, whether the published one
#: counts the opposite: care leavers in touch against care leavers not in touch).
SAME_TOPIC: dict[str, tuple[str, bool]] = {
    "referrals_rate": ("referrals_rate", False),
    "re_referrals": ("re_referrals", False),
    "assessments_45_days": ("assessments_45_days", False),
    "icpc_15_days": ("icpc_15_days", False),
    "cp_plans_rate": ("cp_plans_rate", False),
    "cp_second_subsequent": ("cp_second_subsequent", False),
    "cp_two_years": ("cp_two_years", False),
    "cla_rate": ("cla_rate", False),
    "cla_three_placements": ("cla_three_placements", False),
    "cla_long_term_stability": ("cla_long_term_stability", False),
    "cla_missing": ("cla_missing", False),
    "care_leavers_in_touch": ("care_leavers_not_in_touch", True),
    "care_leavers_suitable_accommodation": ("care_leavers_suitable_accommodation", False),
    "care_leavers_eet": ("care_leavers_eet", False),
    "workforce_turnover": ("workforce_turnover", False),
    "workforce_agency": ("workforce_agency", False),
    "workforce_vacancy": ("workforce_vacancy", False),
    "workforce_caseload": ("workforce_caseload", False),
}
#: Annex A indicators with no published measure on the same topic among the 52.
NO_PUBLISHED_MEASURE = {"contacts_rate", "early_help_rate", "cla_visits_6_weeks",
                        "adoption_entry_to_placement"}

_AS_POLARITY = {HIGHER: "higher_better", LOWER: "lower_better", None: "none"}
_OPPOSITE = {"higher_better": "lower_better", "lower_better": "higher_better", "none": "none"}
_LAIT = {"High": "higher_better", "Low": "lower_better", "-": "none", "NA": "none"}


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _directions() -> dict[str, dict[str, str]]:
    return {row["measure_id"]: row for row in _rows("measure_directions.csv")}


def test_every_published_measure_has_one_direction_with_its_reason_and_source() -> None:
    rows = _rows("measure_directions.csv")
    assert list(rows[0]) == ["measure_id", "polarity", "reason", "source"]
    ids = [row["measure_id"] for row in rows]
    measures = [row["id"] for row in _rows("indicator_measures.csv")]
    assert len(measures) >= 40
    assert sorted(ids) == sorted(measures)  # one row each, none missing, none extra
    for row in rows:
        assert row["polarity"] in POLARITIES, row["measure_id"]
        assert row["reason"].strip() and row["source"].strip(), row["measure_id"]


def test_a_direction_unlike_laits_says_so_in_its_reason() -> None:
    departures = []
    for measure_id, row in _directions().items():
        cited = re.search(r"Polarity = (High|Low|NA|-)", row["source"])
        if "LAIT data dictionary" in row["source"]:
            assert cited, f"{measure_id}: the source cites LAIT but not its polarity"
        if cited and "(19 to 21)" not in row["source"] and _LAIT[cited[1]] != row["polarity"]:
            assert row["reason"].startswith(f"LAIT: {cited[1]}; we give"), measure_id
            departures.append(measure_id)
    assert sorted(departures) == ["cla_ceased_adopted", "cp_starts_rate"]


def test_children_in_care_who_went_missing_have_no_direction_on_either_side() -> None:
    assert _directions()["cla_missing"]["polarity"] == "none"
    indicator = next(i for i in INDICATORS if i.id == "cla_missing")
    assert indicator.better is None
    assert "DfE gives none" in indicator.definition


def test_annex_a_indicators_go_the_same_way_as_the_published_measure_on_their_topic() -> None:
    directions = _directions()
    by_id = {indicator.id: indicator for indicator in INDICATORS}
    # every indicator is paired or said to have no published measure, so a new one is decided
    assert set(SAME_TOPIC) | NO_PUBLISHED_MEASURE == set(by_id)
    assert not set(SAME_TOPIC) & NO_PUBLISHED_MEASURE
    for indicator_id, (measure_id, opposite) in SAME_TOPIC.items():
        ours = _AS_POLARITY[by_id[indicator_id].better]
        published = directions[measure_id]["polarity"]
        expected = _OPPOSITE[published] if opposite else published
        assert ours == expected, f"{indicator_id} ({ours}) against {measure_id} ({published})"
