"""Loading a newer DfE release through the service (issue 29 item 6): the check stores
nothing; the load stores the release and its figures in one go, updates the measures'
release dates and is audited; loading the same file again changes nothing; a stale check
is refused; the reference reload (``cli init``) keeps the release's figures; the LA's
page sees the new year; and only administrators may do any of it."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from dashboard.access import AccessDenied, Principal
from dashboard.services.audit import acting_as
from dashboard.services.published import published_figures
from dashboard.services.published_releases import (
    REFUSED,
    STORED,
    UNCHANGED,
    check_release,
    list_releases,
    load_release,
    release_figure_count,
)
from dashboard.storage.db import session_scope
from dashboard.storage.models import (
    AuditEvent,
    PublishedMeasure,
    PublishedRelease,
    PublishedSeriesValue,
)
from dashboard.storage.reference_data import DATA_DIR, load_reference_data
from tests.domain.test_dfe_release import C1_HEADER, CLA_HEADER, c1_row
from tests.test_engagement import principal

FILE = "c1_children_in_need_referrals_and_rereferrals_2013_to_2026.csv"


def our_las() -> list[str]:
    with (DATA_DIR / "local_authorities.csv").open(newline="", encoding="utf-8") as handle:
        return [row["la_code"] for row in csv.DictReader(handle)]


def whole_year(year: str, skip: tuple[str, ...] = ("370",)) -> list[str]:
    """A row for every one of our LAs (a new year must cover them, D2)."""
    return [c1_row(year, "Local authority", "", la, ("1000", "200", "20", "100", "10",
                                                     "300", "30"))
            for la in our_las() if la not in skip]


def release_csv(extra: tuple[str, ...] = ()) -> bytes:
    """The real file's header and a whole 2026: England, the two NEYH regions and every
    LA (Barnsley's 23.0), and Barnsley's 2025 figure revised (22.1 stands for 25.5 as
    published)."""
    lines = [
        c1_row("2026", "National", "", "", ("600000", "138000", "23", "40000", "6.7",
                                             "180000", "30")),
        c1_row("2026", "Regional", "E12000001", "", ("30000", "6000", "20", "300", "1",
                                                     "9000", "30")),
        c1_row("2026", "Regional", "E12000003", "", ("50000", "12000", "24", "500", "1",
                                                     "15000", "30")),
        c1_row("2026", "Local authority", "E12000003", "370", ("3300", "759", "23", "c",
                                                               "c", "1300", "39.4")),
        c1_row("2025", "Local authority", "E12000003", "370", ("3241", "716", "22.1", "269",
                                                               "8.3", "1289", "39.8")),
        *whole_year("2026"), *extra,
    ]
    return ("\ufeff" + "\n".join([C1_HEADER, *lines]) + "\n").encode("utf-8")


def undo_releases() -> None:
    """Back to the reference data alone, for the tests that follow."""
    with session_scope() as session:
        session.execute(delete(PublishedSeriesValue).where(
            PublishedSeriesValue.release_id.is_not(None)))
        for release in session.scalars(select(PublishedRelease)):
            session.delete(release)
        session.flush()
        load_reference_data(session)


@pytest.fixture()
def admin(seeded_db: dict[str, int]) -> Iterator[Principal]:
    undo_releases()
    yield principal(seeded_db, "admin")
    undo_releases()


def _value(measure: str, area: str, year: int) -> tuple:
    with session_scope() as session:
        row = session.get(PublishedSeriesValue, (measure, area, year))
        return (row.value, row.mark, row.release_id) if row else ()


def _load(admin: Principal, content: bytes, next_update: date | None = None):
    checked = check_release(admin, FILE, content)
    with acting_as(admin):
        return load_release(admin, FILE, content, checked.digest, next_update)


def test_the_check_shows_what_would_change_and_stores_nothing(admin: Principal) -> None:
    check = check_release(admin, FILE, release_csv())
    assert check.loadable, check.problems
    by_id = {p.measure_id: p for p in check.previews}
    rereferrals = by_id["re_referrals"]
    assert rereferrals.new_years == (2026,)
    assert rereferrals.changed == 1
    assert rereferrals.examples == ("Barnsley 2025: 25.5 -> 22.1",)
    assert dict(check.measures)["re_referrals"]
    assert release_figure_count() == 0 and list_releases(admin) == []
    assert _value("re_referrals", "370", 2026) == ()


def test_a_load_stores_the_release_updates_the_measure_and_is_audited(
        admin: Principal) -> None:
    with session_scope() as session:
        last_update = session.get(PublishedMeasure, "re_referrals").last_update
    outcome = _load(admin, release_csv(), date(2027, 10, 1))
    assert outcome.status == STORED, outcome.message
    assert _value("re_referrals", "370", 2026)[:2] == (23.0, None)
    assert _value("referrals_nfa", "370", 2026)[:2] == (None, "c")  # a mark, never 0
    assert _value("re_referrals", "370", 2025)[0] == 22.1
    assert _value("re_referrals", "NEYH", 2026)[0] == 22.5  # 18000 / 80000
    with session_scope() as session:
        measure = session.get(PublishedMeasure, "re_referrals")
        assert measure.release == "Children in need 2026"
        assert measure.next_update == date(2027, 10, 1)
        # no DfE publication date given: DfE's last update stands (the load is the release's)
        assert measure.last_update == last_update
        release = session.scalars(select(PublishedRelease)).one()
        assert release.rows == release_figure_count() and release.years == "2025, 2026"
        event = session.scalars(select(AuditEvent).where(
            AuditEvent.entity == "Published release").order_by(AuditEvent.id.desc())).first()
        assert event is not None and event.actor_id == admin.id
        assert FILE in event.summary and release.sha256[:16] in event.summary
        fields = {change[0]: change[2] for change in json.loads(event.changes)}
        assert fields["sha256"] == release.sha256 and "re_referrals" in fields["measures"]
        assert fields["years"] == "2025, 2026"
    # the LA's page sees the new year at once (the cache notices)
    rows = {r.measure.id: r for r in published_figures(admin, "370").rows}
    assert rows["re_referrals"].measure.release == "Children in need 2026"
    assert rows["re_referrals"].comparison.year == 2026


def test_loading_the_same_file_twice_changes_nothing(admin: Principal) -> None:
    assert _load(admin, release_csv()).status == STORED
    count = release_figure_count()
    again = _load(admin, release_csv())
    assert again.status == UNCHANGED and "already loaded" in again.message
    assert release_figure_count() == count and len(list_releases(admin)) == 1


def _stored_2025_las(n: int) -> list[str]:
    with session_scope() as session:
        return sorted(session.scalars(select(PublishedSeriesValue.area_code).where(
            PublishedSeriesValue.measure_id == "re_referrals",
            PublishedSeriesValue.year == 2025, PublishedSeriesValue.area_level == "la",
            PublishedSeriesValue.area_code != "370",
            PublishedSeriesValue.value.is_not(None))))[:n]


def test_a_stale_check_is_refused(admin: Principal) -> None:
    """The same bytes; a stored figure the file would write changes between the check and
    the load, outside the examples the preview names: the load is refused."""
    las = _stored_2025_las(7)
    revised = tuple(c1_row("2025", "Local authority", "", la,
                           ("1000", "999", "99.9", "100", "10", "300", "30")) for la in las)
    content = release_csv(revised)
    first = check_release(admin, FILE, content)
    assert first.loadable, first.problems
    (shown,) = [p for p in first.previews if p.measure_id == "re_referrals"]
    assert shown.changed == 8 and not any(las[-1] in e for e in shown.examples)
    with session_scope() as session:
        row = session.get(PublishedSeriesValue, ("re_referrals", las[-1], 2025))
        row.value = (row.value or 0) + 1
    refused = load_release(admin, FILE, content, first.digest)
    assert refused.status == REFUSED and "changed since you checked" in refused.message
    assert release_figure_count() == 0


def test_a_check_before_another_load_is_refused(admin: Principal) -> None:
    first = check_release(admin, FILE, release_csv())
    assert _load(admin, release_csv(("2025,Reporting year,National,E92000001,England,,,,,,"
                                     "x,1,1,1,1,1,1,1,1,1,1",))).status == STORED
    refused = load_release(admin, FILE, release_csv(), first.digest)
    assert refused.status == REFUSED and "changed since you checked" in refused.message


def test_a_file_with_problems_is_not_loaded(admin: Principal) -> None:
    bad = release_csv().replace(b"2026,Reporting year,National", b"20x6,Reporting year,National")
    check = check_release(admin, FILE, bad)
    assert not check.loadable
    assert any(p.column == "time_period" and p.row == 2 for p in check.problems)
    assert load_release(admin, FILE, bad, check.digest).status == REFUSED
    assert release_figure_count() == 0


def test_the_reference_reload_keeps_the_releases_figures(admin: Principal) -> None:
    assert _load(admin, release_csv()).status == STORED
    count = release_figure_count()
    with session_scope() as session:
        load_reference_data(session)
    assert release_figure_count() == count
    assert _value("re_referrals", "370", 2025)[0] == 22.1  # not the CSV's 25.5
    assert _value("re_referrals", "370", 2026)[0] == 23.0
    with session_scope() as session:
        assert session.get(PublishedMeasure, "re_referrals").release == "Children in need 2026"
        # a measure the release did not feed is reloaded as before
        assert session.get(PublishedMeasure, "cla_rate").release.endswith("2025")


# D1: a file with no figures for one of the measures it feeds ---------------------------

def test_a_cla_file_of_one_population_type_loads_that_measure_alone(admin: Principal) -> None:
    line = ("2025,Reporting year,Local authority,E92000001,England,E12000003,Yorkshire and "
            "The Humber,370,Barnsley,E08000016,Children looked after on 31 March each year,"
            "52000,371,71")
    content = ("\n".join([CLA_HEADER, line]) + "\n").encode()
    name = "cla_number_and_rate_per_10k_children_2025.csv"
    check = check_release(admin, name, content)
    assert check.loadable, check.problems
    assert [m for m, _n in check.measures] == ["cla_rate"]
    assert any("The file has no rows for cla_start_rate" in p.message
               for p in check.problems if p.severity == "warning")
    with acting_as(admin):
        outcome = load_release(admin, name, content, check.digest)
    assert outcome.status == STORED, outcome.message
    assert _value("cla_rate", "370", 2025) [:2] == (71.0, None)


# D2: a partial new year is refused -------------------------------------------------------

def test_a_new_year_for_a_few_areas_is_refused(admin: Principal) -> None:
    partial = b"\n".join(line for line in release_csv().split(b"\n")
                         if b"Local authority" not in line or b",370," in line)
    check = check_release(admin, FILE, partial)
    assert not check.loadable
    assert any("2026 is a new year for re_referrals" in p.message for p in check.problems)
    full = check_release(admin, FILE, release_csv())
    (shown,) = [p for p in full.previews if p.measure_id == "re_referrals"]
    assert shown.coverage[-1].startswith("2026: ") and shown.coverage[-1].endswith(" LAs")
    have, expected = shown.coverage[-1][6:-4].split(" of ")
    assert have == expected


# D3: the reference reload and a loaded release ----------------------------------------

def _data_copy(tmp_path: Path, extra_series: list[str], release: str | None) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    if extra_series:
        with (data / "indicator_series.csv").open("a", encoding="utf-8") as handle:
            handle.write("".join(line + "\n" for line in extra_series))
    if release:
        path = data / "indicator_measures.csv"
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            fields, rows = reader.fieldnames, list(reader)
        for row in rows:
            if row["id"] == "re_referrals":
                row["release"], row["last_update"] = release, "2026-11-26"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
    return data


def test_a_reference_csv_as_new_as_the_release_wins(admin: Principal, tmp_path: Path) -> None:
    assert _load(admin, release_csv()).status == STORED
    data = _data_copy(tmp_path, ["re_referrals,370,la,2026,30.0,yes,,,,,,",
                                 "re_referrals,970,england,2026,24.0,yes,,,,,,"],
                      "Children in need 2026 (rebuilt)")
    with session_scope() as session:
        load_reference_data(session, data)
    assert _value("re_referrals", "370", 2026) == (30.0, None, None)
    assert _value("re_referrals", "370", 2025)[:2] == (25.5, None)  # the CSV's, not 22.1
    assert _value("re_referrals", "202", 2026) == ()  # not in the CSV: gone
    assert _value("referrals_nfa", "202", 2026)[2] is not None  # its CSV is older: kept
    with session_scope() as session:
        measure = session.get(PublishedMeasure, "re_referrals")
        assert measure.release == "Children in need 2026 (rebuilt)"
        assert measure.last_update == date(2026, 11, 26)


def test_an_older_reference_csv_keeps_the_release_and_its_last_six_years(
        admin: Principal) -> None:
    old = c1_row("2020", "Local authority", "", "370", ("1000", "100", "10", "100", "10",
                                                         "300", "30"))
    assert _load(admin, release_csv((old,))).status == STORED
    assert _value("re_referrals", "370", 2020)[0] == 10.0
    with session_scope() as session:
        load_reference_data(session)
    assert _value("re_referrals", "370", 2020) == ()  # the release row, trimmed
    assert _value("re_referrals", "202", 2020) == ()  # the CSV's, trimmed too
    assert _value("re_referrals", "202", 2021) != ()
    assert _value("re_referrals", "370", 2026)[0] == 23.0
    with session_scope() as session:
        assert not load_reference_data(session).changed  # a second run changes nothing


# D7: DfE's publication date, not the day loaded -----------------------------------------

def test_dfes_publication_date_is_the_measures_last_update(admin: Principal) -> None:
    check = check_release(admin, FILE, release_csv())
    with acting_as(admin):
        outcome = load_release(admin, FILE, release_csv(), check.digest,
                               published_on=date(2026, 11, 26))
    assert outcome.status == STORED
    with session_scope() as session:
        assert session.get(PublishedMeasure, "re_referrals").last_update == date(2026, 11, 26)


@pytest.mark.parametrize("account", ["la_barnsley", "hmi_neyh"])
def test_only_administrators_may_check_or_load(seeded_db: dict[str, int],
                                               account: str) -> None:
    user = principal(seeded_db, account)
    with pytest.raises(AccessDenied):
        check_release(user, FILE, release_csv())
    with pytest.raises(AccessDenied):
        load_release(user, FILE, release_csv(), "0" * 32)
    with pytest.raises(AccessDenied):
        list_releases(user)


# Through the app: the page and every callback refuse anyone but an administrator ---------

def _upload(content: bytes) -> str:
    import base64

    return "data:text/csv;base64," + base64.b64encode(content).decode()


@pytest.mark.parametrize("account", ["la_barnsley", "hmi_neyh", "hmi_london", "la_camden"])
def test_the_page_and_every_callback_refuse_non_administrators(
        client, seeded_db: dict[str, int], account: str) -> None:
    from tests.conftest import page_content, post_callback, sign_in

    sign_in(client, account)
    body = page_content(client, "/admin/releases").get_data(as_text=True)
    assert "Only administrators can load a DfE release." in body
    assert "release-upload" not in body
    assert post_callback(client, [("release-upload", "filename", FILE)]).status_code == 403
    checked = post_callback(client, [("release-check", "n_clicks", 1)],
                            [("release-upload", "contents", _upload(release_csv())),
                             ("release-upload", "filename", FILE)])
    assert checked.status_code == 403
    loaded = post_callback(client, [("release-load", "n_clicks", 1)],
                           [("release-upload", "contents", _upload(release_csv())),
                            ("release-upload", "filename", FILE),
                            ("release-checked", "data", {"sha256": "0", "digest": "0"}),
                            ("release-next-update", "value", None),
                            ("release-published-on", "value", None)])
    assert loaded.status_code == 403
    assert release_figure_count() == 0


def test_an_administrator_checks_and_loads_through_the_callbacks(client, admin) -> None:
    from tests.conftest import page_content, post_callback, sign_in

    sign_in(client, "admin")
    body = page_content(client, "/admin/releases").get_data(as_text=True)
    assert "release-upload" in body and "Releases loaded" in body
    state = [("release-upload", "contents", _upload(release_csv())),
             ("release-upload", "filename", FILE)]
    checked = post_callback(client, [("release-check", "n_clicks", 1)], state)
    assert checked.status_code == 200
    answer = checked.get_json()["response"]
    store = answer["release-checked"]["data"]
    assert "Barnsley 2025: 25.5 -> 22.1" in json.dumps(answer)
    assert release_figure_count() == 0
    loaded = post_callback(client, [("release-load", "n_clicks", 1)],
                           [*state, ("release-checked", "data", store),
                            ("release-next-update", "value", "2027-10-01"),
                            ("release-published-on", "value", None)])
    assert loaded.status_code == 200
    assert "Loaded " + FILE in loaded.get_data(as_text=True)
    assert release_figure_count() > 0
    # a file other than the one checked is refused
    other = post_callback(client, [("release-load", "n_clicks", 1)],
                          [("release-upload", "contents", _upload(release_csv() + b"\n")),
                           ("release-upload", "filename", FILE),
                           ("release-checked", "data", store),
                           ("release-next-update", "value", None),
                            ("release-published-on", "value", None)])
    assert "not the file you checked" in other.get_data(as_text=True)
