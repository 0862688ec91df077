"""Every component of the upload page its callbacks name, for the app's validation
layout: built by the page's own builder, with one upload in use and one withdrawn so
that their Withdraw and Undo buttons are drawn, one local code's select, and the
indicators page's LA and one summary row with its chart button and chart row."""

from __future__ import annotations

from datetime import date, datetime

from dash import dcc, html
from dash.development.base_component import Component

from dashboard.domain.annex_a_checks import UnknownCodes
from dashboard.pages.mi import ids
from dashboard.pages.mi.summary import Cell, SummaryRow
from dashboard.pages.mi.views import local_codes_form, summary_table, upload_page
from dashboard.services.mi import SnapshotSummary

_AT = datetime(2000, 1, 1)
_NONE = Cell(None, "")
_ROW = SummaryRow(indicator_id="", name="", better_text="", published=None, uploaded=None,
                  neighbours=_NONE, region=_NONE, england=_NONE, band=None, band_text=None,
                  rank=None, trend=[], upload_trend=[], flags=(), flag_sense=None,
                  definition="", source="")


def skeleton() -> list[Component]:
    in_use = SnapshotSummary(1, date(2000, 1, 1), _AT, "", 0, 0, may_change=True)
    withdrawn = SnapshotSummary(2, date(2000, 1, 1), _AT, "", 0, 0, status="withdrawn",
                                undo_until=_AT, may_change=True)
    unknown = UnknownCodes("care_leavers", "activity", "", "", (("X", 1),))
    return [upload_page("", "", [in_use, withdrawn], 1), *local_codes_form([unknown]),
            dcc.Store(id=ids.INDICATORS_LA), summary_table("", [_ROW], ""),
            html.Button(id=ids.more_open("")), html.Div(id=ids.more_area(""))]
