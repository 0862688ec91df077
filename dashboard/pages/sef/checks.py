"""The SEF's checks on the page: each claim against its figures (ILACS framework, para 50),
what the SEF leaves out, and hints on its writing (para 36).

The LA sees them beside each claim and in one list in its editor, and before sharing as
"What an inspector will see"; the inspector sees the same list beside the shared SEF.
Hints never stop a save or a share. Each item says its rule and its numbers in words,
so no colour carries meaning alone.
"""

from __future__ import annotations

from datetime import date

from dash import dcc, html
from dash.development.base_component import Component

from dashboard.components import alerts
from dashboard.domain.sef_accuracy import CLAIM, ReviewItem
from dashboard.formatting import format_date
from dashboard.pages.sef import ids
from dashboard.services.sef_review import SefReview

#: A word before each heading so that the list reads the same without colour.
_MARK = {True: "Check", False: "Note"}


def _item(item: ReviewItem, note_key: str | None = None, where: bool = True,
          meeting: date | None = None) -> html.Li:
    attention = item.needs_attention
    body: list[Component] = [
        html.Strong(f"{_MARK[attention]}: {item.heading}. "),
        html.Span(item.where + ". ", className="sef-check-where") if where else None,
        html.Span(item.text),
    ]
    if note_key is not None:
        body.append(html.Button("Add to my preparation notes", id=ids.check_note(note_key),
                                n_clicks=0, type="button",
                                className="btn btn-sm btn-outline-primary ms-2"))
        if meeting is not None:
            body.append(html.Button(f"Add to the agenda for {format_date(meeting)}",
                                    id=ids.check_agenda(note_key), n_clicks=0,
                                    type="button",
                                    className="btn btn-sm btn-outline-primary ms-2"))
    css = "sef-check sef-check-attention" if attention else "sef-check"
    return html.Li(body, className=css, **{"data-kind": item.verdict or item.kind})


def review_list(review: SefReview, list_id: str, *, note_buttons: bool = False,
                limit: int | None = None, meeting: date | None = None) -> Component:
    """Every check, most serious first; the ones that need no action folded away."""
    items = review.items
    if not items:
        return html.P("Nothing to check: no claims link figures yet, and the writing "
                      "raised no hints.", id=list_id)
    attention = [(item.key, item) for item in items if item.needs_attention]
    rest = [(item.key, item) for item in items if not item.needs_attention]
    shown = attention[:limit] if limit else attention
    parts: list[Component] = []
    if shown:
        parts.append(html.Ul([_item(item, key if note_buttons else None, meeting=meeting)
                              for key, item in shown], id=list_id, className="sef-checks"))
    else:
        parts.append(html.P("Nothing needs attention.", id=list_id))
    if limit and len(attention) > limit:
        parts.append(html.P(f"And {len(attention) - limit} more.", className="form-text"))
    if rest:
        parts.append(html.Details([
            html.Summary(f"Other checks ({len(rest)}): figures that agree, are in line, or "
                         "are too few to tell"),
            html.Ul([_item(item, key if note_buttons else None, meeting=meeting)
                     for key, item in rest],
                    className="sef-checks", id=f"{list_id}-other"),
        ]))
    return html.Div(parts)


def editor_checks(review: SefReview) -> Component:
    """The editor's list of every check, to work through before sharing."""
    count = len(review.needing_attention)
    return html.Section([
        html.H2("Checks against your figures and writing", className="h5"),
        html.P(f"{count} to look at. Each claim linked to a figure is read against "
               "England, your statistical neighbours and your region, allowing for how "
               "many children stand behind the figure (ILACS framework, paragraph 50); "
               "hints on the writing follow paragraph 36. They never stop a save. They "
               "change when you save.", className="form-text"),
        review_list(review, "sef-check-list"),
    ], className="sef-checks-panel", **{"aria-label": "Checks against your figures"})


def statement_checks(items: list[ReviewItem]) -> list[Component]:
    """A statement's own checks, beside it."""
    if not items:
        return []
    return [html.Ul([_item(item, where=False) for item in items],
                    className="sef-checks sef-claim-checks")]


def inspector_preview(review: SefReview) -> Component:
    """Before sharing: what an inspector will see, most serious first, with the plans
    still to complete (para 33's third question)."""
    attention = review.needing_attention
    plans = [item for item in attention if item.kind == "plan"]
    parts: list[Component] = [html.H3("What an inspector will see", className="h6")]
    if not attention:
        parts.append(html.P("No check needs attention.", id="sef-preview"))
    else:
        parts.append(html.P(f"{len(attention)} check(s) an inspector may ask about, most "
                            "serious first. You can still share.", className="mb-1"))
        parts.append(html.Ol([html.Li([html.Strong(f"{item.heading}: "), item.where,
                                       ". ", item.text]) for item in attention[:10]],
                             id="sef-preview"))
        if len(attention) > 10:
            parts.append(html.P(f"And {len(attention) - 10} more in the list of checks.",
                                className="form-text"))
    if plans:
        parts.append(html.P(html.Strong(
            f"Reminder: {len(plans)} area(s) for development have no complete plan."),
            id="sef-preview-plans"))
    return html.Div(parts, className="sef-preview mb-2")


def reader_checks(review: SefReview, number: int, meeting: date | None = None,
                  note_buttons: bool = False) -> Component:
    """``note_buttons`` for the region's inspectors, who keep notes and run meetings."""
    """Beside the shared SEF: every check, each with a button to keep it as evidence."""
    claims = sum(1 for item in review.items if item.kind == CLAIM)
    return html.Section([
        html.H2("Checks against the figures", className="h4"),
        html.P(f"{claims} claim-figure check(s) and {len(review.needing_attention)} "
               "item(s) that may need attention. Each is read against the figures quoted "
               "in this version, allowing for how many children stand behind them (ILACS "
               "framework, paragraph 50)."
               + (" Add one to your preparation notes on this local authority, or to the "
                  "agenda of the next engagement meeting, as evidence; the focused-visit "
                  "planner shows the checks beside each topic's claims."
                  if note_buttons else ""), className="form-text"),
        dcc.Store(id=ids.CHECKS_VERSION, data=number),
        html.Div(id=ids.CHECK_NOTE_STATUS, role="status"),
        review_list(review, "sef-reader-check-list", note_buttons=note_buttons,
                    meeting=meeting),
    ], id=ids.READER_CHECKS, className="sef-checks-panel mb-3")


def note_added(where: str, place: str = "your preparation notes") -> Component:
    return alerts.alert(html.P(f"Added to {place}: {where}.", className="mb-0"),
                        alerts.SUCCESS)


def theme_checks(items: list[ReviewItem]) -> list[Component]:
    """The checks on one theme's claims, above its indicators."""
    if not items:
        return []
    return [html.H3("Checks on this theme's claims", className="h6"),
            html.Ul([_item(item) for item in items], className="sef-checks",
                    id="sef-theme-checks")]
