"""The reference-data builder's rules that need no snapshot: which year an in-year sheet
covers, and the older release's judgement headings read as the newest release words them."""

from __future__ import annotations

import sys
from datetime import date

import pytest

from dashboard.config import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "data"))
build = pytest.importorskip("build_reference_data")


def test_an_in_year_sheet_covers_its_financial_year() -> None:
    assert build.in_year_period("Local authority in year inspection activity 2023-24") == (
        date(2023, 4, 1), date(2024, 3, 31))
    assert build.in_year_period("Local authority in-year inspection activity 2024-25") == (
        date(2024, 4, 1), date(2025, 3, 31))


def test_a_title_without_a_year_stops_the_build() -> None:
    with pytest.raises(SystemExit):
        build.in_year_period("Local authority inspection activity")


def test_the_2024_headings_map_onto_the_2025_ones() -> None:
    assert build.OLDER_GRADE_HEADINGS == {
        "Impact of leaders":
            "The impact of leaders on social work practice with children and families",
        "Experiences and progress of children who need help and protection":
            "The experiences and progress of children who need help and protection",
        "Experiences and progress of children in care":
            "The experiences and progress of children in care",
        "Experiences and progress of care leavers":
            "The experiences and progress of care leavers",
    }
