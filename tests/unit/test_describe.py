"""Words for filters and counts."""

from __future__ import annotations

import datetime as dt

from stancewatch import describe
from stancewatch.params import Filters


def test_unfiltered() -> None:
    assert describe.filters(Filters()) == "All statements"


def test_every_filter_in_one_line() -> None:
    f = Filters(
        start_on=dt.date(2025, 1, 1),
        end_on=dt.date(2026, 2, 28),
        capitals=["Paris", "Moscow"],
        topics=["Synthetic topic"],
        stances=["deny", "no_comment"],
        speakers=["A", "B", "C"],
        text="visite",
    )
    assert describe.filters(f) == (
        "Moscow, Paris · Synthetic topic · 1 Jan 2025 – 28 Feb 2026 · Deny, No comment"
        " · 3 speakers · text “visite”"
    )
    assert describe.filters(Filters(topics=["a", "b"], end_on=dt.date(2025, 3, 9))) == (
        "2 topics · until 9 Mar 2025"
    )


def test_counts_and_days() -> None:
    assert describe.count(1) == "1 statement"
    assert describe.count(1204) == "1,204 statements"
    assert describe.count(2, "change") == "2 changes"
    assert describe.day(None) == ""
    assert describe.day(dt.date(2026, 2, 10)) == "10 Feb 2026"
