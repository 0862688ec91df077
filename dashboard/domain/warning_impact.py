"""Which figures each kind of warning touches, and over how many rows.

An upload with warnings is stored (only errors refuse it), so the result says, for each
kind of warning, which indicators read the columns it is about (from the indicators'
declared inputs, ``INDICATOR_INPUTS``) and how many rows it covers: the user can judge
whether a figure is worth correcting the file for.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.domain.annex_a_checks import (
    BEFORE_BIRTH,
    BIRTH_AFTER_EXTRACTION,
    BIRTH_DATES_DIFFER,
    BLANK,
    DATES_OUT_OF_ORDER,
    LOCAL_CODES,
    MISSING_COLUMNS,
    MISSING_LIST,
    NOT_READ,
    PLACEHOLDERS,
    ROWS_ABOVE_HEADINGS,
    SECOND_ROW_FOR_CHILD,
    UNREADABLE,
    WarningKey,
)
from dashboard.domain.indicators import INDICATOR_INPUTS, INDICATORS
from dashboard.domain.plausibility import PLAUSIBILITY

#: Each kind of warning in words, in the order the result lists them.
KIND_LABELS: dict[str, str] = {
    LOCAL_CODES: "Codes that are not DfE codes (counted as blank until mapped)",
    PLACEHOLDERS: "Placeholders such as “N/A” or “#N/A” (read as blank)",
    BIRTH_DATES_DIFFER: "One child ID with different dates of birth on different lists",
    BEFORE_BIRTH: "Dates before the child's date of birth",
    BIRTH_AFTER_EXTRACTION: "Dates of birth after the extraction date",
    DATES_OUT_OF_ORDER: "Dates out of order on a row",
    BLANK: "Blank cells in columns that are usually filled in",
    UNREADABLE: "Counts and dates of birth that could not be read (their rows left out of "
                "the figures that need them)",
    SECOND_ROW_FOR_CHILD: "A second row for a child where the template asks for one (the "
                          "most recent used)",
    MISSING_LIST: "Optional lists not in the upload",
    MISSING_COLUMNS: "Template columns not in a sheet (no figure needs them)",
    NOT_READ: "Sheets not read",
    ROWS_ABOVE_HEADINGS: "Rows above the headings (titles, notes), not read",
    PLAUSIBILITY: "Figures below half or above twice the published figure (counted as "
                  "figures, not rows)",
}
_ORDER = {kind: position for position, kind in enumerate(KIND_LABELS)}
_NAMES = {indicator.id: indicator.name for indicator in INDICATORS}


@dataclass(frozen=True)
class WarningImpact:
    kind: str
    label: str
    rows: int
    #: the indicators touched, by id, in the order of INDICATORS
    indicators: tuple[str, ...]

    @property
    def indicator_names(self) -> tuple[str, ...]:
        return tuple(_NAMES[indicator] for indicator in self.indicators)


def indicators_reading(list_key: str | None, column_key: str | None = None) -> set[str]:
    """The indicators that read ``column_key`` of a list (any of its columns if None)."""
    if list_key is None:
        return set()
    return {indicator for indicator, lists in INDICATOR_INPUTS.items()
            if list_key in lists and (column_key is None or column_key in lists[list_key])}


def _touched(kind: str, list_key: str | None, column_key: str | None,
             other_list_key: str | None) -> set[str]:
    if kind in (NOT_READ, MISSING_COLUMNS, ROWS_ABOVE_HEADINGS):
        return set()  # the columns figures need are required: missing ones are errors
    if kind == PLAUSIBILITY:  # each touches its own indicator, named as its column
        return {column_key} if column_key in _NAMES else set()
    if kind in (MISSING_LIST, SECOND_ROW_FOR_CHILD):
        return indicators_reading(list_key)
    if kind == BIRTH_DATES_DIFFER:
        return (indicators_reading(list_key, "date_of_birth")
                | indicators_reading(other_list_key, "date_of_birth"))
    return indicators_reading(list_key, column_key)


def warning_impacts(warning_rows: dict[WarningKey, int]) -> list[WarningImpact]:
    """One line per kind of warning: its rows, and every indicator any of them touches."""
    rows: dict[str, int] = {}
    touched: dict[str, set[str]] = {}
    for (kind, list_key, column_key, other), count in warning_rows.items():
        rows[kind] = rows.get(kind, 0) + count
        touched.setdefault(kind, set()).update(_touched(kind, list_key, column_key, other))
    order = [indicator.id for indicator in INDICATORS]
    return [
        WarningImpact(kind, KIND_LABELS.get(kind, "Other warnings"), rows[kind],
                      tuple(i for i in order if i in touched[kind]))
        for kind in sorted(rows, key=lambda k: _ORDER.get(k, len(_ORDER)))
    ]
