"""Words for what a view shows: the filters in a line, dates for people, counts with units.

Shared by chart titles on screen and (later) by downloaded files, so both say the same thing.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from stancewatch.config import STANCE_LABELS
from stancewatch.params import Filters


def day(value: dt.date | pd.Timestamp | None) -> str:
    """'10 Feb 2026' (no leading zero), or '' for a missing date."""
    if value is None or pd.isna(value):
        return ""
    return f"{value.day} {value:%b %Y}"


def _listed(values: list[str], noun: str, limit: int = 3, *, full: bool = False) -> str:
    if len(values) <= limit:
        return ", ".join(values)
    if full:
        shown = "; ".join(values[:FULL_LIMIT])
        more = len(values) - FULL_LIMIT
        return shown + (f"; and {more} more {noun}" if more > 0 else "")
    return f"{len(values)} {noun}"


FULL_LIMIT = 5


def filters(f: Filters, *, full: bool = False) -> str:
    """'Moscow, Paris · 3 topics · from 1 Jan 2025 · Deny' ('All statements' when unfiltered).

    `full` (for exported files) names the topics and speakers (up to FULL_LIMIT each) and says
    "all dates" when no date is set, so a file states every filter behind it.
    """
    parts = []
    if f.capitals:
        parts.append(_listed(sorted(f.capitals), "capitals"))
    elif full:
        parts.append("all capitals")
    if f.topics:
        parts.append(_listed(f.topics, "topics", limit=1, full=full))
    if f.start_on and f.end_on:
        parts.append(f"{day(f.start_on)} – {day(f.end_on)}")
    elif f.start_on:
        parts.append(f"from {day(f.start_on)}")
    elif f.end_on:
        parts.append(f"until {day(f.end_on)}")
    elif full:
        parts.append("all dates")
    if f.stances:
        parts.append(", ".join(STANCE_LABELS[s] for s in f.stances if s in STANCE_LABELS))
    if f.speakers:
        parts.append(_listed(f.speakers, "speakers", limit=2, full=full))
    if f.text:
        parts.append(f"text “{f.text}”")
    return " · ".join(parts) if parts else "All statements"


def count(n: int, noun: str = "statement") -> str:
    """'1 statement', '1,204 statements'."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def as_of(moment: pd.Timestamp | None) -> str:
    """'10 Feb 2026 07:33 UTC', the time of the latest arrival ('an empty store' before any)."""
    if moment is None or pd.isna(moment):
        return "an empty store"
    return f"{day(moment)} {moment:%H:%M} UTC"
