"""Three-way merge of SEF drafts after a clash ("Save mine as the newest version")."""

from __future__ import annotations

from dashboard.domain.sef import (
    DEVELOPMENT,
    QUESTIONS,
    Sef,
    add_plan,
    add_statement,
    add_theme,
    apply_edits,
    field_path,
    remove_part,
)
from dashboard.domain.sef_merge import merge_sefs

Q1, Q2, Q3 = list(QUESTIONS)[:3]


def _summaries(sef: Sef, **texts: str) -> Sef:
    return apply_edits(sef, {field_path("summary", "", key): text for key, text in texts.items()})


def _base() -> Sef:
    sef = add_theme(_summaries(Sef(), **{Q1: "one", Q2: "two"}), "Help")
    return add_statement(sef, sef.themes[0].id, DEVELOPMENT)


def test_each_side_keeps_the_answers_only_it_changed() -> None:
    base = _base()
    theirs = _summaries(base, **{Q1: "their one"})
    mine = _summaries(base, **{Q2: "my two"})
    merged = merge_sefs(base, theirs, mine)
    assert merged.sef.summaries[Q1] == "their one"
    assert merged.sef.summaries[Q2] == "my two"
    assert merged.both_changed == ()


def test_where_both_changed_a_field_mine_is_kept_and_both_are_listed() -> None:
    base = _base()
    theirs = _summaries(base, **{Q1: "their one", Q3: "their three"})
    mine = _summaries(base, **{Q1: "my one"})
    merged = merge_sefs(base, theirs, mine)
    assert merged.sef.summaries[Q1] == "my one"
    assert merged.sef.summaries[Q3] == "their three"
    [clash] = merged.both_changed
    assert (clash.label, clash.theirs, clash.mine) == (
        "Question 1, opening text", "their one", "my one")


def test_the_same_change_on_both_sides_is_no_clash() -> None:
    base = _base()
    same = _summaries(base, **{Q1: "agreed"})
    assert merge_sefs(base, same, same).both_changed == ()


def test_parts_added_and_removed_on_either_side_are_combined() -> None:
    base = _base()
    theme_id = base.themes[0].id
    statement_id = base.themes[0].statements[0].id
    theirs = add_theme(base, "Theirs")
    theirs = apply_edits(theirs, {field_path("statement", statement_id, "text"): "their words"})
    mine = add_plan(add_statement(base, theme_id, DEVELOPMENT), answers=(statement_id,))
    mine = add_theme(mine, "Mine")
    merged = merge_sefs(base, theirs, mine)
    assert [t.name for t in merged.sef.themes] == ["Help", "Theirs", "Mine"]
    assert len(merged.sef.themes[0].statements) == 2
    assert merged.sef.themes[0].statements[0].text == "their words"
    assert merged.sef.plans[0].answers == (statement_id,)
    removed = merge_sefs(base, theirs, remove_part(base, statement_id))
    assert removed.sef.themes[0].statements == ()


def test_an_edit_to_a_part_the_colleague_removed_is_dropped_with_it() -> None:
    base = _base()
    statement_id = base.themes[0].statements[0].id
    theirs = remove_part(base, statement_id)
    mine = apply_edits(base, {field_path("statement", statement_id, "text"): "mine"})
    assert merge_sefs(base, theirs, mine).sef.themes[0].statements == ()
