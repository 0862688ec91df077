"""Table headings and summary lists, the same on every page."""

from __future__ import annotations

from dash import html


def header_row(headings: tuple[str, ...] | list[str]) -> html.Thead:
    """A table's column headings, each a ``th`` with ``scope="col"``."""
    return html.Thead(html.Tr([html.Th(h, scope="col") for h in headings]))


def summary_list(rows: list[tuple[str, object]], list_id: str | None = None) -> html.Dl:
    items: list = []
    for key, value in rows:
        items += [html.Dt(key, className="col-sm-4"), html.Dd(value, className="col-sm-8")]
    return html.Dl(items, className="row summary-list", id=list_id or "")
