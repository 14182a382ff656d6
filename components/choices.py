"""The labels of the views' own choices. Bound widgets carry their labels in the URL, so the
filters' link check (filters.py) and the views read them from this one place."""

from __future__ import annotations

from stancewatch.params import GRAINS, SORT_COLUMNS

GRAIN_LABELS = {g: g.capitalize() for g in GRAINS}
MEASURE_LABELS = {"share": "Share", "count": "Count"}
ORDER_LABELS = {"desc": "Newest / Z first", "asc": "Oldest / A first"}
SORT_LABELS = {
    "stated_on": "Date", "recorded_at": "Arrival", "capital": "Capital", "topic": "Topic",
    "stance": "Stance", "speaker": "Speaker",
}  # fmt: skip
PAGE_SIZES = (25, 50, 100, 250)

# URL parameter -> the values a link may carry for it (as the widgets write them).
VIEW_PARAMS: dict[str, set[str]] = {
    "grain": set(GRAIN_LABELS.values()),
    "measure": set(MEASURE_LABELS.values()),
    "order": set(ORDER_LABELS.values()),
    "sort": {SORT_LABELS[c] for c in SORT_COLUMNS},
    "size": {str(s) for s in PAGE_SIZES},
    "combined": {"true", "false"},
}
