"""Component ids of the upload page that its callbacks name: declared once, here.
Pattern-matching ids are built by the functions at the end."""

from __future__ import annotations

from typing import Any

LA = "mi-la"
JOB = "mi-job"
PROBLEMS = "mi-problems"
PENDING = "mi-pending"
PERIOD_END = "mi-period-end"
UPLOAD = "mi-upload"
CHOSEN = "mi-chosen"
SUBMIT = "mi-submit"
STATUS = "mi-status"
RESULT = "mi-result"
CONFIRM_AREA = "mi-confirm-area"
CONFIRM = "mi-confirm"
CANCEL = "mi-cancel"
DOWNLOAD_AREA = "mi-download-area"
DOWNLOAD_PROBLEMS = "mi-download-problems"
PROBLEMS_FILE = "mi-problems-file"
SNAPSHOTS_AREA = "mi-snapshots-area"

# the two steps: check the files (nothing stored), then choose the date and store
CHECK = "mi-check"
RESULT_HEADING = "mi-result-heading"
STORE_AREA = "mi-store-area"
LATEST = "mi-latest-event"
ASKED = "mi-asked-date"
DATE_CONFIRM_AREA = "mi-date-confirm-area"
DATE_QUESTION = "mi-date-question"
DATE_YES = "mi-date-yes"
DATE_CHANGE = "mi-date-change"

WITHDRAW_TARGET = "mi-withdraw-target"
WITHDRAW_STATUS = "mi-withdraw-status"
WITHDRAW_FORM = "mi-withdraw-form"
WITHDRAW_HEADING = "mi-withdraw-heading"
WITHDRAW_REASON = "mi-withdraw-reason"
WITHDRAW_PROBLEM = "mi-withdraw-problem"
WITHDRAW_CONFIRM = "mi-withdraw-confirm"
WITHDRAW_CANCEL = "mi-withdraw-cancel"

WITHDRAW = "mi-withdraw"
UNDO = "mi-undo"

CODES_AREA = "mi-codes-area"
CODES_FORM = "mi-codes-form"
APPLY_CODES = "mi-apply-codes"
LOCAL_CODE = "mi-local-code"

# the indicators page
INDICATORS_LA = "mi-indicators-la"
CHART_OPEN = "mi-chart-open"
CHART_ROW = "mi-chart-row"


def withdraw(snapshot_id: Any) -> dict[str, Any]:
    """The Withdraw button of one upload in use."""
    return {"type": WITHDRAW, "index": snapshot_id}


def undo(snapshot_id: Any) -> dict[str, Any]:
    """The Undo button of one withdrawn upload."""
    return {"type": UNDO, "index": snapshot_id}


def local_code(list_key: Any, column_key: Any, code: Any) -> dict[str, Any]:
    """The select of the DfE code one local code maps to."""
    return {"type": LOCAL_CODE, "list": list_key, "column": column_key, "code": code}


def chart_open(indicator_id: Any) -> dict[str, Any]:
    """The Show chart button of one indicator's summary row."""
    return {"type": CHART_OPEN, "index": indicator_id}



def chart_row(indicator_id: Any) -> dict[str, Any]:
    """The table row where one indicator's charts are drawn, hidden until opened."""
    return {"type": CHART_ROW, "index": indicator_id}


MORE_OPEN = "mi-more-open"
MORE_AREA = "mi-more-area"


def more_open(theme_key: Any) -> dict[str, Any]:
    """The button that shows a theme's further published measures (LAIT's wider set)."""
    return {"type": MORE_OPEN, "index": theme_key}


def more_area(theme_key: Any) -> dict[str, Any]:
    """Where a theme's further published measures are drawn when asked for."""
    return {"type": MORE_AREA, "index": theme_key}
