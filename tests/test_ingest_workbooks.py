"""Generated workbooks through the real reader: the two-process path, its fallback, and
that trimming the columns the figures do not need changes no figure."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from datetime import date

import pytest

import dashboard.services.ingest as ingest
from dashboard.demo.annex_a import SIZES, generate_sheets, workbook_bytes
from dashboard.domain.annex_a_checks import check_upload, combine_checks
from dashboard.domain.indicators import IndicatorInputs, compute_indicators

END = date(2026, 10, 31)
SERIAL = ingest.UploadLimits(parallel_from_bytes=10**12)
PARALLEL = ingest.UploadLimits(parallel_from_bytes=0)


@pytest.fixture(scope="module")
def medium() -> bytes:
    return workbook_bytes("medium", END, seed=3)


def figures(checks) -> dict:
    result = combine_checks(checks)
    assert result.accepted, result.problems[:3]
    values = compute_indicators(IndicatorInputs(result.lists, END, 97_000))
    return {key: (v.value, v.numerator, v.denominator) for key, v in values.items()}


def test_two_processes_give_the_same_answer_as_one(medium: bytes) -> None:
    serial = ingest.check_workbook(medium, END, SERIAL)
    parallel = ingest.check_workbook(medium, END, PARALLEL)
    assert [c.sheet for c in parallel] == [c.sheet for c in serial]
    assert figures(parallel) == figures(serial)


def test_the_sheet_queue_gives_each_sheet_once_biggest_first() -> None:
    queue = ingest._SheetQueue(["a", "b", "c", "d"], {"a": 1, "b": 3, "c": 2})
    try:
        taken = iter(queue)
        assert next(taken) == "b"
        assert list(queue) == ["c", "a", "d"]  # what another reader takes meanwhile
        assert list(taken) == []
    finally:
        queue.close()


def test_problems_found_in_the_helper_process_reach_the_user() -> None:
    content = workbook_bytes("small", END, seed=5, problems=True)
    serial = combine_checks(ingest.check_workbook(content, END, SERIAL))
    parallel = combine_checks(ingest.check_workbook(content, END, PARALLEL))
    assert serial.error_count == parallel.error_count == 3
    assert serial.warning_count == parallel.warning_count == 4
    assert sorted(map(repr, serial.problems)) == sorted(map(repr, parallel.problems))


@pytest.mark.parametrize("limits", [SERIAL, PARALLEL], ids=["one reader", "two readers"])
def test_if_a_reader_process_dies_the_file_is_refused_and_the_server_lives_on(
    medium: bytes, monkeypatch, limits
) -> None:
    def dying_reader(sender, *_args) -> None:
        os._exit(134)  # as when the reader aborts on a hostile sheet

    monkeypatch.setattr(ingest, "_child_checks", dying_reader)
    with pytest.raises(ingest.UnreadableFile, match="could not be read safely"):
        ingest.check_workbook(medium, END, limits)


def test_reader_processes_have_their_memory_capped(medium: bytes, monkeypatch) -> None:
    caps = []
    real_cap = ingest._cap_memory

    def recording_cap(extra: int) -> None:
        real_cap(extra)
        import resource

        caps.append(resource.getrlimit(resource.RLIMIT_AS)[0])
        raise ingest.UnreadableFile(f"cap {caps[-1]}")

    monkeypatch.setattr(ingest, "_cap_memory", recording_cap)
    with pytest.raises(ingest.UnreadableFile, match=r"cap \d+"):
        ingest.check_workbook(medium, END, SERIAL)


def test_trimming_unused_columns_changes_no_figure() -> None:
    sheets = generate_sheets("medium", END, seed=11)
    full = check_upload(sheets, END)
    population = SIZES["medium"].child_population
    expected = compute_indicators(IndicatorInputs(full.lists, END, population))
    trimmed = {key: ingest.keep_what_the_figures_need(parsed)
               for key, parsed in full.lists.items()}
    assert all(len(t.columns) < len(full.lists[k].columns) for k, t in trimmed.items()
               if k not in {"workforce"})
    assert compute_indicators(IndicatorInputs(trimmed, END, population)) == expected


def test_the_row_limit_counts_rows_read_in_both_processes(medium: bytes) -> None:
    limits = ingest.UploadLimits(parallel_from_bytes=0, max_rows=15_000)
    with pytest.raises(ingest.UnreadableFile, match="more than 15,000 rows"):
        ingest.check_workbook(medium, END, limits)


def in_a_daemonic_process(work: Callable[[], object]) -> tuple[str, object]:
    """``work()`` in a daemonic process, as a Celery prefork worker runs every job:
    ("ok", its answer) or (the exception's name, its message)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def run() -> None:
        try:
            sender.send(("ok", work()))
        except Exception as error:
            sender.send((type(error).__name__, str(error)))

    process = context.Process(target=run, daemon=True)
    process.start()
    sender.close()
    answer = receiver.recv() if receiver.poll(60) else ("no answer", None)
    process.join(timeout=10)
    return answer


@pytest.mark.parametrize("limits", [SERIAL, PARALLEL], ids=["one reader", "two readers"])
def test_the_readers_start_inside_a_daemonic_process(medium: bytes, limits) -> None:
    """Multiprocessing refused to start the readers there ("daemonic processes are not
    allowed to have children"), so every .xlsx upload failed under Celery."""
    status, sheets = in_a_daemonic_process(
        lambda: [check.sheet for check in ingest.check_workbook(medium, END, limits)])
    assert status == "ok", sheets
    assert sheets == [check.sheet for check in ingest.check_workbook(medium, END, SERIAL)]


def test_inside_a_daemonic_process_a_reader_still_has_its_memory_capped(
        medium: bytes, monkeypatch) -> None:
    def greedy_reader(*_args) -> list:
        bytearray(512 * 1024 * 1024)  # far beyond the reader's cap
        return []

    monkeypatch.setattr(ingest, "CHILD_MEMORY_BYTES", 64 * 1024 * 1024)
    monkeypatch.setattr(ingest, "_check_sheets", greedy_reader)
    status, message = in_a_daemonic_process(
        lambda: ingest.check_workbook(medium, END, SERIAL))
    assert (status, "could not be read safely" in str(message)) == ("UnreadableFile", True)
