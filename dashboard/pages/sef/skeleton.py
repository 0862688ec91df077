"""Every component of the SEF pages their callbacks name, for the app's validation
layout: built by the pages' own builders, with a made-up SEF holding one of each part
(a theme, a strength, an area for development, a figure, other evidence, a plan) and
one saved version, so that every kind of field and button is drawn."""

from __future__ import annotations

from datetime import datetime

from dash.development.base_component import Component

from dashboard.domain.sef import (
    DEVELOPMENT,
    INDICATOR,
    STRENGTH,
    Sef,
    add_evidence,
    add_plan,
    add_statement,
    add_theme,
)
from dashboard.domain.sef_accuracy import WRITING, ReviewItem
from dashboard.pages.sef.checks import reader_checks
from dashboard.pages.sef.versions import purge_form
from dashboard.pages.sef.views import (
    conflict_message,
    editor_page,
    identifier_review,
    share_confirmation,
    theme_panel,
)
from dashboard.services.sef import SefExpectation, SefPage, VersionInfo
from dashboard.services.sef_review import SefReview


def _sef() -> Sef:
    sef = add_theme(Sef())
    theme = sef.themes[0].id
    sef = add_statement(add_statement(sef, theme, STRENGTH), theme, DEVELOPMENT)
    statement = sef.themes[0].statements[0].id
    sef = add_evidence(add_evidence(sef, statement, INDICATOR), statement, "case_audit")
    return add_plan(sef, (sef.themes[0].statements[1].id,))


def skeleton() -> list[Component]:
    version = VersionInfo(1, datetime(2000, 1, 1), "")
    page = SefPage("", "", "", True, _sef(), 1, 1, [version], SefExpectation(True, None), {},
                   [])
    checks = SefReview([ReviewItem(WRITING, "", "", "")])
    return [editor_page(page), theme_panel(page), conflict_message("", "", [], []),
            identifier_review([]), share_confirmation(1, "", [], checks), purge_form(1, False),
            reader_checks(checks, 1, datetime(2000, 1, 1).date(), note_buttons=True)]
