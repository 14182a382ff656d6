"""Query parameters: the common filters, the allow-lists for choices, and text -> typed values.

Values are always bound, never spliced into SQL. Parameters that pick a time grain or a sort
column are checked against an allow-list here before any query runs, whoever calls it (views or
the CLI), so a crafted value fails with a clear message instead of reaching DuckDB.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

GRAINS: tuple[str, ...] = ("day", "week", "month", "quarter", "year")
SORT_COLUMNS: tuple[str, ...] = (
    "stated_on",
    "capital",
    "topic",
    "stance",
    "speaker",
    "recorded_at",
)
CHOICES: dict[str, tuple[str, ...]] = {"grain": GRAINS, "sort": SORT_COLUMNS}
MAX_PAGE = 10_000


@dataclass(frozen=True)
class Filters:
    """The common filters ($start_on ... $text); empty lists and None mean "all"."""

    start_on: dt.date | None = None
    end_on: dt.date | None = None
    capitals: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    stances: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    text: str | None = None

    def params(self) -> dict[str, Any]:
        """The bound parameters for a named query."""
        return asdict(self)


COMMON = tuple(Filters().params())


def check_choices(params: dict[str, Any]) -> None:
    """Refuse a grain or sort outside its allow-list, and page sizes out of range."""
    for name, allowed in CHOICES.items():
        if name in params and params[name] not in allowed:
            raise ValueError(f"{name} must be one of {', '.join(allowed)}; got {params[name]!r}")
    limit = params.get("limit")
    if limit is not None and not (isinstance(limit, int) and 0 < limit <= MAX_PAGE):
        raise ValueError(f"limit must be a whole number from 1 to {MAX_PAGE}, or empty for all")
    if "offset" in params and not (isinstance(params["offset"], int) and params["offset"] >= 0):
        raise ValueError("offset must be a whole number, 0 or more")


def parse_value(name: str, sql_type: str, text: str) -> Any:
    """A command-line value as the type its query header declares (lists: comma-separated)."""
    if sql_type.endswith("[]"):
        return [item.strip() for item in text.split(",") if item.strip()]
    if text == "":
        return None
    try:
        if sql_type == "DATE":
            return dt.date.fromisoformat(text)
        if sql_type in ("INTEGER", "BIGINT"):
            return int(text)
        if sql_type == "BOOLEAN":
            if text.lower() not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError(text)
            return text.lower() in ("true", "1", "yes")
    except ValueError:
        raise ValueError(f"--param {name}={text!r} is not a valid {sql_type}") from None
    return text
