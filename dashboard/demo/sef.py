"""A demo self-evaluation for Barnsley, written and shared through the real service, so
that `make run` shows an inspector a shared SEF. Invented text; no real child."""

from __future__ import annotations

from sqlalchemy import select

from dashboard.demo.users import DEMO_USERS
from dashboard.domain.sef import (
    DEVELOPMENT,
    INDICATOR,
    STRENGTH,
    Sef,
    add_evidence,
    add_plan,
    add_statement,
    add_theme,
    apply_edits,
    field_path,
)
from dashboard.services.sef import open_sef, save_draft, share_version
from dashboard.services.user_admin import load_principal
from dashboard.storage.db import session_scope
from dashboard.storage.models import User

LA = "370"


def demo_sef() -> Sef:
    sef = Sef(summaries={
        "know": "Practice at our **front door** is timely and well managed. Children in care "
                "are in more stable homes than a year ago. Too many children are re-referred "
                "within a year, and pathway plans for care leavers are often late.",
        "how": "We know this from monthly performance reports, our quarterly case audit "
               "programme (120 cases a quarter, moderated by an independent auditor), and "
               "what children and families tell us.",
        "plans": "Our plans for the next 12 months focus on the two weaknesses we found.",
    })
    sef = add_theme(sef, "Help and protection, including the front door")
    sef = add_theme(sef, "Care leavers")
    front, leavers = (t.id for t in sef.themes)
    sef = add_statement(sef, front, STRENGTH)
    sef = add_statement(sef, front, DEVELOPMENT)
    sef = add_statement(sef, leavers, DEVELOPMENT)
    timely, re_referrals = sef.themes[0].statements
    (pathway,) = sef.themes[1].statements
    sef = add_evidence(sef, timely.id, INDICATOR)
    sef = add_evidence(sef, timely.id, "case_audit")
    sef = add_evidence(sef, re_referrals.id, INDICATOR)
    sef = add_evidence(sef, pathway.id, "feedback")
    sef = add_plan(sef, (re_referrals.id,))
    sef = add_plan(sef, (pathway.id,))
    timely_figure, timely_audit = sef.themes[0].statements[0].evidence
    (re_referral_figure,) = sef.themes[0].statements[1].evidence
    (pathway_feedback,) = sef.themes[1].statements[0].evidence
    first, second = sef.plans
    return apply_edits(sef, {
        field_path("statement", timely.id, "text"):
            "Assessments are completed on time, and managers' decisions are recorded.",
        field_path("statement", re_referrals.id, "text"):
            "Too many children come back to us within 12 months of a referral.",
        field_path("statement", pathway.id, "text"):
            "Pathway plans for care leavers are often late and not written with them.",
        field_path("evidence", timely_figure.id, "indicator_id"): "assessments_45_days",
        field_path("evidence", timely_audit.id, "summary"):
            "Audit found management oversight good or better in 78% of cases.",
        field_path("evidence", timely_audit.id, "source"): "Quality assurance team",
        field_path("evidence", timely_audit.id, "dated"): "2026-09-30",
        field_path("evidence", re_referral_figure.id, "indicator_id"): "re_referrals",
        field_path("evidence", pathway_feedback.id, "kind"): "feedback",
        field_path("evidence", pathway_feedback.id, "summary"):
            "Care leavers' forum: most said they had not seen their plan.",
        field_path("evidence", pathway_feedback.id, "source"): "Children in care council",
        field_path("evidence", pathway_feedback.id, "dated"): "2026-07-14",
        field_path("plan", first.id, "action"):
            "Review every re-referral monthly at the front-door performance meeting.",
        field_path("plan", first.id, "owner"): "Head of service, front door",
        field_path("plan", first.id, "due"): "2027-03-31",
        field_path("plan", first.id, "impact_measure"):
            "Re-referrals within 12 months below the statistical neighbours' average.",
        field_path("plan", second.id, "action"): "Pathway plan tracker and co-written plans.",
        field_path("plan", second.id, "owner"): "Team manager, leaving care",
    })


def load_demo_sef() -> int:
    """Write and share Barnsley's demo SEF if it has none; returns the versions added."""
    demo = next(u for u in DEMO_USERS if u.la_code == LA)
    with session_scope() as session:
        user = session.scalars(select(User).where(User.email == demo.email)).first()
        if user is None:
            return 0
        user_id, session_version = user.id, user.session_version
    principal = load_principal(user_id, session_version)
    if open_sef(principal, LA).head_number:
        return 0
    saved = save_draft(principal, LA, 0, demo_sef())
    share_version(principal, LA, saved.number)
    return 1
