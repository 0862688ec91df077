"""The extraction date: found on the Front_Sheet, in a file name or from the latest event,
and asked about when the chosen date is far from what the lists hold."""

from datetime import date, datetime

import pytest

from dashboard.domain.annex_a_checks import Sheet, check_sheet, check_upload
from dashboard.domain.extraction_date import (
    date_in_file_name,
    date_on_front_sheet,
    extraction_date_confirmation,
    propose_extraction_date,
)
from tests.domain.test_annex_a_checks import clean_upload

D = date


@pytest.mark.parametrize(("name", "expected"), [
    ("annex-a-2025-03-31.xlsx", D(2025, 3, 31)),
    ("Annex A 31-03-2025.xlsx", D(2025, 3, 31)),
    ("annex a 31.03.2025.xlsx", D(2025, 3, 31)),
    ("lists 31.03.2025", D(2025, 3, 31)),  # no extension: ".2025" is part of the date
    ("list_3_31_03_2025.csv", D(2025, 3, 31)),
    ("20250331 annex a.xlsx", D(2025, 3, 31)),
    ("Annex A 31 March 2025.xlsx", D(2025, 3, 31)),
    ("Annex A 1st Apr 2025.xlsx", D(2025, 4, 1)),
    ("annex_2025_03_31.xlsx", D(2025, 3, 31)),
    ("01-04-2025.csv", D(2025, 4, 1)),  # day first: 1 April, not 4 January
    ("2025-03-31 copy of 31-03-2025.xlsx", D(2025, 3, 31)),  # the same date twice
])
def test_a_date_in_a_file_name_is_read_day_first(name: str, expected: date) -> None:
    assert date_in_file_name(name) == expected


@pytest.mark.parametrize("name", [
    "quirks-latest-date.xlsx",  # no date
    "Annex A 2025.xlsx",  # a year alone
    "Annex A March 2025.xlsx",  # no day
    "31-02-2025.xlsx",  # impossible
    "03-31-2025.xlsx",  # American order: month 31 is impossible
    "2025-03-31 to 2025-06-30.xlsx",  # two dates: which one?
    "Q4 2024-25.xlsx",
    "list 3 v2.csv",
    "31-03-1899.xlsx",  # not a year the lists could be from
])
def test_a_file_name_without_one_clear_real_date_gives_none(name: str) -> None:
    assert date_in_file_name(name) is None


def test_the_front_sheet_date_is_found_to_the_right_of_its_label() -> None:
    rows = [
        ["Ofsted Annex A: data return", "", ""],
        ["Local authority", "Barnsley", ""],
        ["Local authority number", 370, ""],  # a number beside a label is no date
        ["Date of extract", "", datetime(2025, 3, 31)],  # past a blank cell
    ]
    assert date_on_front_sheet(rows) == D(2025, 3, 31)


@pytest.mark.parametrize(("rows", "expected"), [
    ([["Data extracted on", "31/03/2025"]], D(2025, 3, 31)),  # UK text
    ([["Data as at", 45747]], D(2025, 3, 31)),  # an Excel serial: 45747 is 31/03/2025
    ([["Date of request"], [D(2025, 4, 7)]], D(2025, 4, 7)),  # below the label
    ([["DATA AS AT 31/03/2025"]], D(2025, 3, 31)),  # the label holds its date
    # an extraction label beats a request label, wherever each is
    ([["Date of request", D(2025, 4, 7)], ["Date of extract", D(2025, 3, 31)]],
     D(2025, 3, 31)),
    ([["Date of extract", "to follow"], ["Date of request", D(2025, 4, 7)]],
     D(2025, 4, 7)),
    ([["Local authority", "Barnsley"], ["Contact", "a.person@example.org"]], None),
    ([["Date of extract", 370]], None),  # 370 would be 4 January 1901
    ([], None),
])
def test_the_front_sheet_labels_and_their_dates(rows, expected) -> None:
    assert date_on_front_sheet(rows) == expected


def front_sheet(rows: list[list[object]], name: str = "Front_Sheet") -> Sheet:
    return Sheet(name, [str(cell) for cell in rows[0]], rows[1:])


def test_check_sheet_reads_the_front_sheet_without_a_warning() -> None:
    sheet = front_sheet([["Annex A", ""], ["Date of extract", D(2025, 3, 31)]])
    checked = check_sheet(sheet, D(2025, 4, 1))
    assert (checked.list_key, checked.parsed, checked.result.problems) == (None, None, [])
    assert checked.result.stated_date == D(2025, 3, 31)
    # any spelling of the name
    spelt = front_sheet([["Date of extract", "31/03/2025"]], "FRONT SHEET")
    assert check_sheet(spelt, D(2025, 4, 1)).result.stated_date == D(2025, 3, 31)
    # another sheet with the same label is not the Front_Sheet: not read, and said so
    other = check_sheet(front_sheet([["Date of extract", D(2025, 3, 31)]], "Notes"),
                        D(2025, 4, 1))
    assert other.result.stated_date is None and other.result.warning_count == 1


def test_the_whole_upload_carries_the_front_sheets_date() -> None:
    sheets = [front_sheet([["Date of extract", D(2026, 10, 30)]]), *clean_upload()]
    result = check_upload(sheets, D(2026, 10, 31))
    assert result.stated_date == D(2026, 10, 30)
    assert result.accepted
    assert check_upload(clean_upload(), D(2026, 10, 31)).stated_date is None


def test_the_proposal_takes_the_front_sheet_then_a_file_name_then_the_latest_event() -> None:
    front, named, latest = D(2025, 3, 31), D(2025, 3, 30), D(2025, 3, 28)
    assert propose_extraction_date(front, ["lists 2025-03-30.xlsx"], latest).day == front
    assert "Front_Sheet" in propose_extraction_date(front, [], latest).source
    by_name = propose_extraction_date(None, ["notes.csv", "lists 2025-03-30.xlsx"], latest)
    assert by_name.day == named and "“lists 2025-03-30.xlsx”" in by_name.source
    by_event = propose_extraction_date(None, ["lists.xlsx"], latest)
    assert by_event.day == latest and "latest event" in by_event.source
    # files whose names disagree: neither is taken
    assert propose_extraction_date(
        None, ["list1 2025-03-30.csv", "list2 2025-03-31.csv"], latest).day == latest
    assert propose_extraction_date(None, ["lists.xlsx"], None) is None


def test_a_date_far_after_the_latest_event_asks_with_both_dates() -> None:
    question = extraction_date_confirmation(D(2025, 12, 31), D(2025, 3, 28))
    # 28 March to 31 December: 3 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31 = 278 days
    assert question == ("The latest event in the lists is 28/03/2025 and you chose "
                        "31/12/2025, 278 days later: were the lists really extracted on "
                        "31/12/2025?")


def test_up_to_31_days_after_the_latest_event_is_not_asked_about() -> None:
    latest = D(2025, 3, 28)
    assert extraction_date_confirmation(latest, latest) is None
    assert extraction_date_confirmation(D(2025, 4, 28), latest) is None  # 31 days
    assert "32 days later" in extraction_date_confirmation(D(2025, 4, 29), latest)
    assert extraction_date_confirmation(D(2025, 4, 29), None) is None  # no events at all


def test_a_date_before_the_latest_event_says_later_events_will_be_refused() -> None:
    question = extraction_date_confirmation(D(2025, 3, 27), D(2025, 3, 28))
    assert question == ("The latest event in the lists is 28/03/2025 and you chose "
                        "27/03/2025, 1 day before it: every event after 27/03/2025 will be "
                        "refused as an error. Were the lists really extracted on 27/03/2025?")
