"""The annual engagement meeting and the focused-visit topics, as the framework words them.

Para 42 (what the meeting covers), para 105 (why a focused-visit topic is chosen),
para 106 (the topics) and para 107 (what every focused visit looks at).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Para 42: the seven items the meeting should cover, in the framework's order.
AGENDA_ITEMS: tuple[str, ...] = (
    "The content of the self-evaluation: what leaders know about practice and outcomes, "
    "and the evidence that supports this",
    "The impact of the self-evaluation: what leaders are doing to address weaknesses in "
    "practice and maintain or improve good practice, including evidence demonstrating the "
    "effectiveness of their actions",
    "Actions taken in response to previous inspections",
    "The local authority's current financial, political and professional practice context",
    "The broader issues that affect delivery of children's social care services, for "
    "example schools and early years provision",
    "The possible scope of a focused visit",
    "The approximate timing of the next self-evaluation and annual engagement meeting",
)

#: Short headings for para 42's items, in the same order: the agenda's and the letter's
#: headings. The full wording stays beside each item as guidance; the letter uses these,
#: because item 2's wording ("good practice") reads as a judgement there (para 48).
AGENDA_HEADINGS: tuple[str, ...] = (
    "The content of the self-evaluation",
    "The impact of the self-evaluation",
    "Actions taken in response to previous inspections",
    "The local authority's financial, political and professional practice context",
    "Broader issues that affect the delivery of children's social care services",
    "The possible scope of a focused visit",
    "The approximate timing of the next self-evaluation and annual engagement meeting",
)

#: Para 105: the reasons a focused-visit topic is chosen.
SCOPE_REASONS: dict[str, str] = {
    "good_practice": "An area of good or outstanding practice",
    "improvement": "An area that needs to improve, or where themes, trends and issues are "
                   "identified",
    "agreement": "Agreement with the local authority that this focus will support its "
                 "improvement journey",
    "thematic": "Ofsted's short programme in this area, leading to a thematic overview",
}

#: Para 107: every focused visit evaluates these.
CROSS_CUTTING_LINES: tuple[str, ...] = (
    "Performance management",
    "Management oversight",
    "Supervision",
    "Quality assurance",
    "Continuous professional development of the workforce",
)


@dataclass(frozen=True)
class FocusedVisitTopic:
    """A para 106 topic, with the indicator groups and SEF theme that bear on it."""

    key: str
    name: str
    covers: tuple[str, ...]
    indicator_groups: tuple[str, ...]
    sef_themes: tuple[str, ...]

    def has_sef_theme(self, theme_name: str) -> bool:
        """Whether a SEF theme so named is about this topic (any case; outer spaces)."""
        return theme_name.strip().lower() in {t.strip().lower() for t in self.sef_themes}


#: Para 106's topics, in its order; PUBLISHED_VISIT_THEMES maps the names Ofsted's
#: published outcomes use (DESIGN.md section 2).
FOCUSED_VISIT_TOPICS: tuple[FocusedVisitTopic, ...] = (
    FocusedVisitTopic(
        "front_door", "Front door",
        ("contacts and referrals", "child protection enquiries", "emergency action",
         "child in need assessments", "decisions to accommodate",
         "step-up from and step-down to early help", "no further action or sign-posting"),
        ("Front door",), ("Help and protection, including the front door",)),
    FocusedVisitTopic(
        "children_in_need", "Children in need and those subject to a child protection plan",
        ("thresholds", "step-up and step-down between child in need and child protection",
         "children on the edge of care", "pre-proceedings", "risk of family breakdown",
         "decisions about entering care", "protection of disabled children"),
        ("Help and protection",), ("Help and protection, including the front door",)),
    FocusedVisitTopic(
        "vulnerable_adolescents", "Protection of vulnerable adolescents",
        ("sexual and criminal exploitation", "missing from home, care or education",
         "gangs", "radicalisation", "trafficking and modern slavery"),
        (), ("Vulnerable adolescents",)),
    FocusedVisitTopic(
        "children_in_care", "Children in care",
        ("matching, placement and decision making",
         "experiences and progress of disabled children in care"),
        ("Children in care",), ("Children in care",)),
    FocusedVisitTopic(
        "permanence", "Permanency planning and achieving permanence",
        ("return to birth family", "connected care", "adoption",
         "long-term foster or residential care", "special guardianship"),
        ("Permanence",), ("Permanence",)),
    FocusedVisitTopic(
        "care_leavers", "Care leavers",
        ("care leavers aged 16 and 17", "care leavers aged 18 to 25", "accommodation",
         "employment, education and training", "transition to adulthood",
         "staying close and in touch"),
        ("Care leavers",), ("Care leavers",)),
)

TOPICS_BY_KEY: dict[str, FocusedVisitTopic] = {t.key: t for t in FOCUSED_VISIT_TOPICS}

#: The themes of focused visits as Ofsted's published outcomes name them, to topic keys.
PUBLISHED_VISIT_THEMES: dict[str, str] = {
    "front door": "front_door",
    "children in need/subject to a plan": "children_in_need",
    "vulnerable adolescents": "vulnerable_adolescents",
    "children in care": "children_in_care",
    "achieving permanence": "permanence",
    "care leavers": "care_leavers",
}


def topic_for_visit_theme(theme: str | None) -> str | None:
    """The para 106 topic a published focused visit looked at, if its theme names one."""
    return PUBLISHED_VISIT_THEMES.get(" ".join((theme or "").lower().split()))
