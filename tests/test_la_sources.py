"""The LA page says how recent each source is and which figures on the page it gives, and
the focused-visit count says how complete the visit lists behind it are (issue 20)."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.access import AccessDenied
from dashboard.components.la_summary import la_summary
from dashboard.pages.la.views import sources_section
from dashboard.services.la_page import la_page
from dashboard.services.region_overview import region_rows
from tests.test_engagement import principal
from tests.test_sef_views import text_of

TODAY = date(2026, 11, 23)


def test_the_sources_section_dates_every_source(seeded_db) -> None:
    page = la_page(principal(seeded_db, "la_barnsley"), "370", TODAY)
    words = " ".join(text_of(part) for part in sources_section(page.sources))
    assert "How recent our sources are" in words
    # the official release with its as-at date, visit year and snapshot date
    assert "Ofsted, Local authority inspection outcomes as at 31 March 2025" in words
    assert "31 March 2025; visits 1 April 2024 to 31 March 2025" in words
    assert "27 April 2026" in words
    # the earlier release read from the repository's history
    assert "visits 1 April 2023 to 31 March 2024" in words
    # the scrape, marked unofficial, with its snapshot date
    scrape = [s for s in page.sources if not s.official]
    assert {s.title for s in scrape} >= {
        "ILACS inspection history scraped from Ofsted's published reports by a third party"}
    assert words.count("(unofficial)") == len(scrape)
    assert "22 August 2026" in words
    # which figures on this page each source gives
    barnsley = {s.title: s.uses for s in page.sources}
    assert barnsley["Ofsted, Local authority inspection outcomes as at 31 March 2025"] == (
        "3 rows of the inspection history (1 of them visits); this source gives the list of "
        "LAs and regions; ILACS inspections 2018 to 31 March 2025; focused and monitoring "
        "visits 1 April 2024 to 31 March 2025")
    published = [s for s in page.sources if s.title.startswith("Published indicators")]
    assert published and all(s.snapshot and "latest year" in s.as_at for s in published)
    assert "8 April 2026" in words  # LAIT's snapshot


def test_only_users_who_may_see_the_la_get_its_sources(seeded_db) -> None:
    with pytest.raises(AccessDenied):
        la_page(principal(seeded_db, "la_barnsley"), "811", TODAY)


def test_the_visit_count_says_how_complete_the_lists_are(seeded_db) -> None:
    page = la_page(principal(seeded_db, "la_barnsley"), "370", TODAY)
    words = text_of(la_summary(page.profile))
    assert ("1. Visits are listed only up to 31 March 2025; the count since the inspection "
            "of September 2023 may miss later visits.") in words


def test_the_overview_verdict_notes_a_partial_or_unknown_record(seeded_db) -> None:
    rows = {r.la_code: r for r in region_rows(principal(seeded_db, "hmi_neyh"), "NEYH", TODAY)
            .rows}
    assert rows["370"].visits_verdict == (
        "within (record partial: visits listed 12 September 2023 to 31 March 2025)")
    unknown = [r for r in rows.values() if r.last_inspection_date
               and r.last_inspection_date > date(2025, 4, 1)]
    assert unknown and all(r.visits_verdict == "not known: no visit list covers this time"
                           for r in unknown)
