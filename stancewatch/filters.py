"""The common filter parameters of every named query, with their DESIGN.md names."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Filters:
    """Empty lists and None mean "all"."""

    start_on: dt.date | None = None
    end_on: dt.date | None = None
    capitals: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    stances: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    text: str | None = None

    def params(self) -> dict[str, Any]:
        """The bound parameters ($start_on, ..., $text) for a named query."""
        return asdict(self)
