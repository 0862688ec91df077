"""The self-evaluation (SEF) as the framework shapes it (paras 29-38).

A SEF answers the three questions of para 33. Its body is a list of themes the LA
chooses; each theme holds statements, each a strength or an area for development,
and each statement holds the evidence for it ("how do you know it"). Plans answer the
third question and point at the areas for development they address (para 38).

The document is plain data (dicts, lists, strings) so that each saved version can be
stored as it was and read back unchanged. ``sef_from_dict`` is the one gate for data
from outside (the database or the browser): it refuses anything not in this shape.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import date

from dashboard.domain.dates import long_date_from_iso
from dashboard.domain.sef_text import one_line, plain_text, printable_text

SCHEMA = 1

#: Para 33, word for word.
QUESTIONS: dict[str, str] = {
    "know": "What do you know about the quality and impact of social work practice "
    "in your local authority?",
    "how": "How do you know it?",
    "plans": "What are your plans for the next 12 months to maintain or improve practice?",
}

#: Themes matching the framework's areas (para 106 topics and para 107's cross-cutting
#: lines); the LA may use these or its own.
SUGGESTED_THEMES: tuple[str, ...] = (
    "Help and protection, including the front door",
    "Children in care",
    "Care leavers",
    "Permanence",
    "Vulnerable adolescents",
    "Leadership, workforce and management oversight",
)

STRENGTH = "strength"
DEVELOPMENT = "development"
STATEMENT_KINDS = {STRENGTH: "Strength", DEVELOPMENT: "Area for development"}

INDICATOR = "indicator"
#: Para 37's suggested sources, plus peer review (para 34, MI document 1.05).
EVIDENCE_KINDS: dict[str, str] = {
    INDICATOR: "Figure from our management information",
    "evaluation_overview": "How we evaluate the impact of practice",
    "performance_report": "Performance report",
    "case_audit": "Case audit summary",
    "section_11": "Section 11 audit outcome",
    "practice_learning": "Learning from complaints or case reviews",
    "feedback": "Feedback from children and families",
    "peer_review": "Peer review findings",
    "other": "Other evidence",
}

#: A SEF should be succinct (para 36); the LA may change this.
DEFAULT_LENGTH_LIMIT_WORDS = 3000
MAX_TEXT = 20_000
MAX_SHORT_TEXT = 300
MAX_ITEMS = 200
ITEM_ID = re.compile(r"^[a-z]{1,2}[0-9a-f]{6,32}$")


class InvalidSef(ValueError):
    """Data that is not a SEF in our shape: a message for the person who sent it."""


@dataclass(frozen=True)
class Figure:
    """An indicator's figures as they stood when linked: frozen in every saved version."""

    indicator_id: str
    name: str
    unit: str
    value: float | None
    numerator: float | None
    denominator: float | None
    period_end: str
    snapshot_id: int
    comparators: tuple[tuple[str, float | None], ...] = ()
    #: when the published comparators are for ("year to 31 March 2025"), and the LA's
    #: own published quartile band then ("A" best to "D"; "" if none): a claim's check
    #: quotes them as they stood when the figure was linked
    comparators_period: str = ""
    band: str = ""
    #: the LA's figure from its upload before this one, and that upload's extraction date
    previous: float | None = None
    previous_period_end: str = ""


@dataclass(frozen=True)
class Evidence:
    id: str
    kind: str
    summary: str = ""
    source: str = ""
    dated: str = ""
    indicator_id: str = ""
    figure: Figure | None = None


@dataclass(frozen=True)
class Statement:
    id: str
    kind: str
    text: str = ""
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Theme:
    id: str
    name: str = ""
    statements: tuple[Statement, ...] = ()


@dataclass(frozen=True)
class Plan:
    id: str
    action: str = ""
    owner: str = ""
    due: str = ""
    impact_measure: str = ""
    answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sef:
    summaries: dict[str, str] = field(default_factory=lambda: {key: "" for key in QUESTIONS})
    themes: tuple[Theme, ...] = ()
    plans: tuple[Plan, ...] = ()
    length_limit_words: int = DEFAULT_LENGTH_LIMIT_WORDS

    def statements(self) -> Iterator[tuple[Theme, Statement]]:
        for theme in self.themes:
            for statement in theme.statements:
                yield theme, statement

    def weaknesses(self) -> list[tuple[Theme, Statement]]:
        return [(t, s) for t, s in self.statements() if s.kind == DEVELOPMENT]


def new_id(prefix: str) -> str:
    return prefix + uuid.uuid4().hex[:12]


# ---------------------------------------------------------------- reading and writing


def sef_to_dict(sef: Sef) -> dict:
    data = asdict(sef)
    data["schema"] = SCHEMA
    return data


def _text(value: object, where: str, limit: int = MAX_TEXT) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidSef(f"{where} must be text.")
    if len(value) > limit:
        raise InvalidSef(f"{where} is longer than {limit:,} characters; please shorten it.")
    return printable_text(value)


def _iso_date(value: object, where: str) -> str:
    text = _text(value, where, 10)
    if text:
        try:
            date.fromisoformat(text)
        except ValueError as error:
            raise InvalidSef(f"{where} is not a real date.") from error
    return text


def _item_id(value: object, where: str) -> str:
    if not isinstance(value, str) or not ITEM_ID.match(value):
        raise InvalidSef(f"{where} has no valid id.")
    return value


def _items(value: object, where: str) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or len(value) > MAX_ITEMS:
        raise InvalidSef(f"{where} must be a list of at most {MAX_ITEMS} items.")
    if not all(isinstance(item, dict) for item in value):
        raise InvalidSef(f"{where} must be a list of items.")
    return list(value)


def _number(value: object, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidSef(f"{where} must be a number.")
    return float(value)


def _figure(data: object) -> Figure | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise InvalidSef("A linked figure is not in the expected form.")
    comparators = data.get("comparators") or ()
    if not isinstance(comparators, list | tuple):
        raise InvalidSef("A linked figure's comparators are not in the expected form.")
    snapshot_id = data.get("snapshot_id")
    if not isinstance(snapshot_id, int):
        raise InvalidSef("A linked figure has no snapshot.")
    return Figure(
        indicator_id=_text(data.get("indicator_id"), "Indicator", 60),
        name=_text(data.get("name"), "Indicator name", MAX_SHORT_TEXT),
        unit=_text(data.get("unit"), "Indicator unit", 60),
        value=_number(data.get("value"), "Indicator value"),
        numerator=_number(data.get("numerator"), "Numerator"),
        denominator=_number(data.get("denominator"), "Denominator"),
        period_end=_iso_date(data.get("period_end"), "Period end"),
        snapshot_id=snapshot_id,
        comparators=tuple(
            (_text(pair[0], "Comparator", 120), _number(pair[1], "Comparator value"))
            for pair in comparators
            if isinstance(pair, list | tuple) and len(pair) == 2
        ),
        comparators_period=_text(data.get("comparators_period"), "Comparators' period", 120),
        band=_band(data.get("band")),
        previous=_number(data.get("previous"), "Earlier value"),
        previous_period_end=_iso_date(data.get("previous_period_end"), "Earlier period end"),
    )


def _band(value: object) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or value not in ("A", "B", "C", "D"):
        raise InvalidSef("A linked figure's band is not one of A, B, C or D.")
    return value


def _evidence(data: dict) -> Evidence:
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in EVIDENCE_KINDS:
        raise InvalidSef("An evidence item is of an unknown kind.")
    return Evidence(
        id=_item_id(data.get("id"), "An evidence item"),
        kind=kind,
        summary=_text(data.get("summary"), "Evidence summary"),
        source=_text(data.get("source"), "Evidence source", MAX_SHORT_TEXT),
        dated=_iso_date(data.get("dated"), "Evidence date"),
        indicator_id=_text(data.get("indicator_id"), "Indicator", 60),
        figure=_figure(data.get("figure")),
    )


def _statement(data: dict) -> Statement:
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in STATEMENT_KINDS:
        raise InvalidSef("A statement is neither a strength nor an area for development.")
    return Statement(
        id=_item_id(data.get("id"), "A statement"),
        kind=kind,
        text=_text(data.get("text"), "A statement"),
        evidence=tuple(_evidence(e) for e in _items(data.get("evidence"), "Evidence")),
    )


def _plan(data: dict) -> Plan:
    answers = data.get("answers") or []
    if not isinstance(answers, list | tuple) or not all(isinstance(a, str) for a in answers):
        raise InvalidSef("A plan's weaknesses are not in the expected form.")
    return Plan(
        id=_item_id(data.get("id"), "A plan"),
        action=_text(data.get("action"), "A plan's action"),
        owner=_text(data.get("owner"), "A plan's owner", MAX_SHORT_TEXT),
        due=_iso_date(data.get("due"), "A plan's due date"),
        impact_measure=_text(data.get("impact_measure"), "How a plan's impact is measured"),
        answers=tuple(_item_id(a, "A plan's weakness") for a in answers),
    )


def sef_from_dict(data: object) -> Sef:
    """The SEF ``data`` describes, or InvalidSef saying what is wrong with it."""
    if not isinstance(data, dict):
        raise InvalidSef("The self-evaluation is not in the expected form.")
    summaries_in = data.get("summaries") or {}
    if not isinstance(summaries_in, dict):
        raise InvalidSef("The self-evaluation is not in the expected form.")
    limit = data.get("length_limit_words", DEFAULT_LENGTH_LIMIT_WORDS)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 100 <= limit <= 100_000:
        raise InvalidSef("The length limit must be a whole number of words from 100 to 100,000.")
    sef = Sef(
        summaries={key: _text(summaries_in.get(key), f"The answer to question {n}")
                   for n, key in enumerate(QUESTIONS, start=1)},
        themes=tuple(
            Theme(
                id=_item_id(t.get("id"), "A theme"),
                name=_text(t.get("name"), "A theme's name", MAX_SHORT_TEXT),
                statements=tuple(_statement(s) for s in _items(t.get("statements"), "Statements")),
            )
            for t in _items(data.get("themes"), "Themes")
        ),
        plans=tuple(_plan(p) for p in _items(data.get("plans"), "Plans")),
        length_limit_words=limit,
    )
    ids = [t.id for t in sef.themes] + [p.id for p in sef.plans]
    for _theme, statement in sef.statements():
        ids += [statement.id] + [e.id for e in statement.evidence]
    if len(ids) != len(set(ids)):
        raise InvalidSef("Two parts of the self-evaluation have the same id.")
    weakness_ids = {s.id for _t, s in sef.weaknesses()}
    # a plan may keep pointing at a weakness that was since deleted or made a strength;
    # drop such links rather than refuse the save
    return replace(sef, plans=tuple(
        replace(p, answers=tuple(a for a in p.answers if a in weakness_ids)) for p in sef.plans
    ))


# ---------------------------------------------------------------- editing

#: Fields a person may edit, by the kind of part they belong to.
EDITABLE_FIELDS: dict[str, frozenset[str]] = {
    "summary": frozenset(QUESTIONS),
    "settings": frozenset({"length_limit_words"}),
    "theme": frozenset({"name"}),
    "statement": frozenset({"text", "kind"}),
    "evidence": frozenset({"summary", "source", "dated", "indicator_id", "kind"}),
    "plan": frozenset({"action", "owner", "due", "impact_measure", "answers"}),
}


def field_path(part: str, item_id: str, name: str) -> str:
    """The address of one editable field: the browser sends values back under it."""
    return f"{part}:{item_id}:{name}"


def parts_by_address(data: dict) -> dict[tuple[str, str], dict]:
    """(kind, id) -> the part's dict, for every theme, statement, evidence item and plan of
    a SEF in dict form: the address ``field_path`` uses."""
    parts: dict[tuple[str, str], dict] = {}
    for theme in data["themes"]:
        parts[("theme", theme["id"])] = theme
        for statement in theme["statements"]:
            parts[("statement", statement["id"])] = statement
            for evidence in statement["evidence"]:
                parts[("evidence", evidence["id"])] = evidence
    for plan in data["plans"]:
        parts[("plan", plan["id"])] = plan
    return parts


def apply_edits(sef: Sef, edits: dict[str, object]) -> Sef:
    """``sef`` with the edited field values put in, checked as any SEF is.

    Edits are addressed by ``field_path``; an address of a part that no longer exists
    (removed by a colleague, say) is ignored, an unknown field is refused.
    """
    data = sef_to_dict(sef)
    parts = parts_by_address(data)
    for path, value in edits.items():
        part, _, rest = str(path).partition(":")
        item_id, _, name = rest.partition(":")
        if name not in EDITABLE_FIELDS.get(part, ()):
            raise InvalidSef("The page sent a field it does not have; reload the page.")
        if part == "summary":
            data["summaries"][name] = value
        elif part == "settings":
            data["length_limit_words"] = _length_limit(value)
        elif (part, item_id) in parts:
            target = parts[(part, item_id)]
            if part == "plan" and name == "answers" and value is None:
                value = []
            if part == "evidence" and name == "indicator_id" and value != target[name]:
                target["figure"] = None  # a different indicator: figures are filled in again
            target[name] = value if value is not None else ""
    return sef_from_dict(data)


def _length_limit(value: object) -> object:
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def add_theme(sef: Sef, name: str = "") -> Sef:
    return replace(sef, themes=(*sef.themes, Theme(new_id("t"), name)))


def add_statement(sef: Sef, theme_id: str, kind: str) -> Sef:
    if kind not in STATEMENT_KINDS:
        raise InvalidSef("A statement is neither a strength nor an area for development.")
    return replace(sef, themes=tuple(
        replace(t, statements=(*t.statements, Statement(new_id("s"), kind)))
        if t.id == theme_id else t
        for t in sef.themes
    ))


def add_evidence(sef: Sef, statement_id: str, kind: str) -> Sef:
    if kind not in EVIDENCE_KINDS:
        raise InvalidSef("An evidence item is of an unknown kind.")
    return _map_statements(sef, statement_id, lambda s: replace(
        s, evidence=(*s.evidence, Evidence(new_id("e"), kind))))


def add_plan(sef: Sef, answers: tuple[str, ...] = ()) -> Sef:
    return replace(sef, plans=(*sef.plans, Plan(new_id("p"), answers=answers)))


def remove_part(sef: Sef, item_id: str) -> Sef:
    """``sef`` without the theme, statement, evidence item or plan ``item_id``."""
    themes = []
    for theme in sef.themes:
        if theme.id == item_id:
            continue
        statements = []
        for statement in theme.statements:
            if statement.id == item_id:
                continue
            statements.append(replace(statement, evidence=tuple(
                e for e in statement.evidence if e.id != item_id)))
        themes.append(replace(theme, statements=tuple(statements)))
    data = sef_to_dict(replace(sef, themes=tuple(themes),
                               plans=tuple(p for p in sef.plans if p.id != item_id)))
    return sef_from_dict(data)  # also drops plan links to a removed weakness


def _map_statements(sef: Sef, statement_id: str, change) -> Sef:  # noqa: ANN001
    return replace(sef, themes=tuple(
        replace(t, statements=tuple(change(s) if s.id == statement_id else s
                                    for s in t.statements))
        for t in sef.themes
    ))


def set_figures(sef: Sef, figures: dict[str, Figure], only_missing: bool) -> Sef:
    """Link each indicator evidence item to ``figures`` (by indicator id).

    With ``only_missing`` only items without figures get them (a newly chosen
    indicator); otherwise every item takes the given figures (the LA refreshes its
    SEF with the latest data, para 35).
    """
    def refreshed(evidence: Evidence) -> Evidence:
        if evidence.kind != INDICATOR:
            return replace(evidence, figure=None)
        if not evidence.indicator_id or (only_missing and evidence.figure is not None):
            return evidence
        return replace(evidence, figure=figures.get(evidence.indicator_id, evidence.figure))

    return replace(sef, themes=tuple(
        replace(t, statements=tuple(
            replace(s, evidence=tuple(refreshed(e) for e in s.evidence)) for s in t.statements))
        for t in sef.themes
    ))


def keep_trusted_figures(sef: Sef, trusted: Sef) -> Sef:
    """``sef`` with each linked figure taken from ``trusted`` (the version it was based
    on), never from the browser: an item whose figure is not there, or that now links a
    different indicator, is left without one for the latest upload to fill in.
    """
    known = {
        e.id: e.figure for _t, s in trusted.statements() for e in s.evidence
        if e.figure is not None and e.figure.indicator_id == e.indicator_id
    }

    def trusted_figure(evidence: Evidence) -> Evidence:
        figure = known.get(evidence.id)
        if figure is not None and figure.indicator_id != evidence.indicator_id:
            figure = None
        return replace(evidence, figure=figure)

    return replace(sef, themes=tuple(
        replace(t, statements=tuple(
            replace(s, evidence=tuple(trusted_figure(e) for e in s.evidence))
            for s in t.statements))
        for t in sef.themes
    ))


# ---------------------------------------------------------------- rules


@dataclass(frozen=True)
class WeaknessCoverage:
    theme: str
    weakness: Statement
    plans: tuple[Plan, ...]
    status: str  # "planned" | "incomplete" | "none"

    @property
    def label(self) -> str:
        return COVERAGE_LABELS[self.status]


COVERAGE_LABELS = {
    "planned": "Has a complete plan",
    "incomplete": "Plan incomplete",
    "none": "No plan",
}


def plan_is_complete(plan: Plan) -> bool:
    """A plan says what will be done, who owns it, by when, and how impact is measured.

    Para 38 asks for "credible plans to take clear, appropriate and effective action";
    whether a plan is credible is the inspector's judgement, but one missing any of
    these four cannot be, so we show it as incomplete.
    """
    return all(part.strip() for part in (plan.action, plan.owner, plan.due, plan.impact_measure))


def weakness_plan_coverage(sef: Sef) -> list[WeaknessCoverage]:
    """Each area for development with the plans that answer it (para 38).

    Weaknesses the LA has found and has credible plans for show effective leadership;
    the inspector needs to see at a glance which have none.
    """
    rows = []
    for theme, weakness in sef.weaknesses():
        plans = tuple(p for p in sef.plans if weakness.id in p.answers)
        if any(plan_is_complete(p) for p in plans):
            status = "planned"
        elif plans:
            status = "incomplete"
        else:
            status = "none"
        rows.append(WeaknessCoverage(theme.name, weakness, plans, status))
    return rows


def word_count(text: str) -> int:
    return len(plain_text(text).split())


def section_word_counts(sef: Sef) -> dict[str, int]:
    """Words in the answer to each of para 33's three questions."""
    know = word_count(sef.summaries["know"]) + sum(
        word_count(t.name) + sum(word_count(s.text) for s in t.statements) for t in sef.themes)
    how = word_count(sef.summaries["how"]) + sum(
        word_count(e.summary) + word_count(e.source)
        for _t, s in sef.statements() for e in s.evidence)
    plans = word_count(sef.summaries["plans"]) + sum(
        word_count(p.action) + word_count(p.owner) + word_count(p.impact_measure)
        for p in sef.plans)
    return {"know": know, "how": how, "plans": plans}


def over_length(sef: Sef) -> int:
    """How many words the SEF runs past the LA's own limit (0 if within it).

    Para 36: "succinct, focused and evaluative; overly long self-evaluations are
    unlikely to be helpful". The framework sets no number, so the LA sets its own.
    """
    return max(0, sum(section_word_counts(sef).values()) - sef.length_limit_words)


def figure_has_changed(frozen: Figure, latest: Figure | None) -> bool:
    """Whether a newer snapshot gives a different figure from the one a claim rests on.

    A later snapshot with the same value is not a change worth a reader's attention.
    """
    if latest is None or latest.snapshot_id == frozen.snapshot_id:
        return False
    if latest.period_end < frozen.period_end:
        return False  # an older period uploaded late is not newer
    if frozen.value is None or latest.value is None:
        return frozen.value != latest.value
    return round(frozen.value, 1) != round(latest.value, 1)


# ---------------------------------------------------------------- parts, for checks and comparison


@dataclass(frozen=True)
class Part:
    """One piece of a SEF's text with a stable key and a label a person understands."""

    key: str
    label: str
    text: str
    #: What the part is, beyond its words (a statement's kind): a change here matters too.
    facts: str = ""


def _short(text: str, limit: int = 60) -> str:
    flat = one_line(text)
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


#: Where a SEF quotes a figure from an upload the LA has since withdrawn.
WITHDRAWN_NOTE = ("Withdrawn: the upload these figures came from was withdrawn, so they no "
                  "longer stand; the local authority can update them to its latest upload.")


def figure_text(figure: Figure | None) -> str:
    """A frozen figure in words: value, numerator and denominator, period, comparators."""
    if figure is None:
        return "No figures yet: save to link the latest upload."
    if figure.value is None:
        value = "no value"
    else:
        value = f"{figure.value:,.1f}" + ("%" if figure.unit == "%" else f" {figure.unit}")
    counts = ""
    if figure.numerator is not None and figure.denominator is not None:
        counts = f" ({figure.numerator:,.0f} of {figure.denominator:,.0f})"
    when = f"; lists extracted {long_date_from_iso(figure.period_end)}" if figure.period_end else ""
    unit = "%" if figure.unit == "%" else f" {figure.unit}"
    comparators = "; ".join(
        f"{label} {'no figure' if v is None else f'{v:,.1f}{unit}'}"
        for label, v in figure.comparators
    )
    if comparators:
        when_published = f" ({figure.comparators_period})" if figure.comparators_period else ""
        comparators = f"Published figures{when_published}: {comparators}"
    return f"{figure.name}: {value}{counts}{when}" + (f". {comparators}" if comparators else "")


def evidence_text(evidence: Evidence) -> str:
    pieces = [EVIDENCE_KINDS[evidence.kind]]
    if evidence.kind == INDICATOR:
        pieces.append(figure_text(evidence.figure))
    if evidence.summary:
        pieces.append(plain_text(evidence.summary))
    if evidence.source:
        pieces.append(f"Source: {evidence.source}")
    if evidence.dated:
        pieces.append(f"Dated: {long_date_from_iso(evidence.dated)}")
    return "\n".join(pieces)


def plan_text(plan: Plan) -> str:
    return "\n".join((
        plain_text(plan.action),
        f"Owner: {plan.owner or 'not named'}",
        f"Due: {long_date_from_iso(plan.due) or 'no date'}",
        f"Impact measured by: {plain_text(plan.impact_measure) or 'not said'}",
    ))


def document_parts(sef: Sef) -> list[Part]:
    """Every piece of the SEF's text, in reading order, each under a stable key."""
    parts = [
        Part(f"summary:{key}", f"Question {n}, opening text", sef.summaries[key])
        for n, key in enumerate(QUESTIONS, start=1)
    ]
    for theme in sef.themes:
        name = theme.name or "(theme with no name)"
        parts.append(Part(f"theme:{theme.id}", f"Theme name ({name})", theme.name))
        for statement in theme.statements:
            label = f"{STATEMENT_KINDS[statement.kind]} in “{name}”"
            parts.append(Part(f"statement:{statement.id}", label, statement.text,
                              STATEMENT_KINDS[statement.kind]))
            for evidence in statement.evidence:
                parts.append(Part(
                    f"evidence:{evidence.id}",
                    f"Evidence for “{_short(statement.text, 40) or label}”",
                    evidence_text(evidence),
                ))
    weaknesses = {s.id: _short(s.text, 60) or "(no text)" for _t, s in sef.weaknesses()}
    for number, plan in enumerate(sef.plans, start=1):
        answers = "; ".join(weaknesses[a] for a in plan.answers if a in weaknesses)
        parts.append(Part(f"plan:{plan.id}", f"Plan {number} ({_short(plan.action, 40)})",
                          plan_text(plan) + f"\nAnswers: {answers or 'no area for development'}"))
    parts.append(Part("settings:length", "Length limit (words)", str(sef.length_limit_words)))
    return parts


def user_texts(sef: Sef) -> list[tuple[str, str]]:
    """(where, text) for every field a person typed, for checks on what they wrote."""
    texts: list[tuple[str, str]] = [
        (f"Question {n}, opening text", sef.summaries[key])
        for n, key in enumerate(QUESTIONS, start=1)
    ]
    for theme in sef.themes:
        name = theme.name or "(theme with no name)"
        texts.append((f"Theme name ({name})", theme.name))
        for statement in theme.statements:
            label = f"{STATEMENT_KINDS[statement.kind]} in “{name}”"
            texts.append((label, statement.text))
            for evidence in statement.evidence:
                where = f"Evidence for “{_short(statement.text, 40) or label}”"
                texts += [(where, evidence.summary), (where, evidence.source)]
    for number, plan in enumerate(sef.plans, start=1):
        where = f"Plan {number} ({_short(plan.action, 40)})"
        texts += [(where, plan.action), (owner_place(where), plan.owner),
                  (where, plan.impact_measure)]
    return [(where, text) for where, text in texts if text.strip()]


def owner_place(where: str) -> str:
    """Where a plan's owner is named: a member of staff, so a full name alone there is
    expected (the other identifier checks still apply)."""
    return f"{where}, owner"


def adult_places(sef: Sef) -> frozenset[str]:
    """The places of ``user_texts`` that name adults (each plan's owner)."""
    return frozenset(owner_place(f"Plan {number} ({_short(plan.action, 40)})")
                     for number, plan in enumerate(sef.plans, start=1))


#: Which indicator groups bear on each suggested theme (the framework's areas, para 106).
THEME_INDICATOR_GROUPS: dict[str, tuple[str, ...]] = {
    "Help and protection, including the front door": ("Front door", "Help and protection"),
    "Children in care": ("Children in care",),
    "Care leavers": ("Care leavers",),
    "Permanence": ("Permanence",),
    "Vulnerable adolescents": ("Children in care", "Help and protection"),
    "Leadership, workforce and management oversight": ("Workforce",),
}


def indicators_bearing_on(theme: Theme, groups: dict[str, str]) -> list[str]:
    """Indicator ids that bear on a SEF theme: those its evidence links, then those of the
    framework area the theme is named after. ``groups`` maps indicator id -> its group."""
    linked = [e.indicator_id for s in theme.statements for e in s.evidence
              if e.kind == INDICATOR and e.indicator_id]
    wanted = THEME_INDICATOR_GROUPS.get(theme.name.strip(), ())
    by_group = [indicator_id for indicator_id, group in groups.items() if group in wanted]
    return list(dict.fromkeys(linked + by_group))
