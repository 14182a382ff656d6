"""The CSV contract (data/README.md) as code: column names, header aliases, limits, the pandera schema.

The pandera schema is the single declaration of what a valid, normalised statement row is; ingest
normalises raw values first (an unreadable value becomes missing) and lets the schema find every
problem in one pass, then explains each failure in words (normalise.explain).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

import pandas as pd
import pandera.pandas as pa
from pandera.pandas import Check, Column, DataFrameSchema

from stancewatch.config import STANCES

REQUIRED = ("date", "capital", "topic")
OPTIONAL = (
    "stance",
    "speaker",
    "speaker_role",
    "quote",
    "quote_language",
    "source_url",
    "source_name",
    "notes",
)
KNOWN = REQUIRED + OPTIONAL

# Header spellings people use for our columns (after case and space folding).
HEADER_ALIASES = {
    "stated_on": "date",
    "statement_date": "date",
    "country": "capital",
    "government": "capital",
    "claim": "topic",
    "role": "speaker_role",
    "language": "quote_language",
    "lang": "quote_language",
    "url": "source_url",
    "source_link": "source_url",
    "source": "source_name",
    "note": "notes",
}

# Longest value accepted per column, in characters: long enough for any real quote, short enough
# that a pasted document in the wrong column is caught.
MAX_LENGTH = {
    "capital": 100,
    "topic": 300,
    "stance": 100,
    "speaker": 300,
    "speaker_role": 500,
    "quote": 50_000,
    "quote_language": 35,
    "source_url": 2_000,
    "source_name": 300,
    "notes": 10_000,
    "extra": 50_000,
}

EARLIEST_DATE = dt.date(1900, 1, 1)

# Python's \s, written out as the characters it matches (str.isspace), so that a pattern holds no
# \s: pandas runs a pattern with \s through Python's re one value at a time (RE2's \s is
# ASCII-only), and the same class of plain characters through Arrow's RE2, 3x faster at 1M rows.
# The two engines read a class of literal characters alike; for `$`, which Python's re also
# matches before a final newline, pandas itself falls back to re when a value holds a newline.
SPACE_CHARS = "".join(chr(code) for code in range(0x110000) if chr(code).isspace())
URL_PATTERN = f"^https?://[^{SPACE_CHARS}]+$"  # = r"^https?://[^\s]+$" in Python's re


def fold_header(name: str) -> str:
    """'Speaker Role ' -> 'speaker_role'; case-, space- and dash-insensitive."""
    name = unicodedata.normalize("NFKC", name).replace("\ufeff", "").strip().casefold()
    name = re.sub(r"[\s\-\.]+", "_", name)
    return HEADER_ALIASES.get(name, name)


def latest_date() -> dt.date:
    """Statements cannot come from the future; one day of slack for time zones."""
    return dt.date.today() + dt.timedelta(days=1)


def statement_schema(capitals: Iterable[str]) -> DataFrameSchema:
    """The normalised row: what ingest writes to `statements` (capitals come from the database)."""

    def text(column: str, required: bool = False) -> Column:
        return Column(
            str,
            Check.str_length(1 if required else 0, MAX_LENGTH[column]),
            nullable=not required,
        )

    return DataFrameSchema(
        {
            "stated_on": Column(
                pa.DateTime,
                Check.in_range(pd.Timestamp(EARLIEST_DATE), pd.Timestamp(latest_date())),
                nullable=False,
            ),
            "capital": Column(str, Check.isin(sorted(capitals)), nullable=False),
            "topic": text("topic", required=True),
            "stance": Column(str, Check.isin(STANCES), nullable=False),
            "speaker": text("speaker"),
            "speaker_role": text("speaker_role"),
            "quote": text("quote"),
            "quote_language": Column(
                str, Check.str_matches(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$"), nullable=True
            ),
            "source_url": Column(
                str,
                [
                    Check.str_matches(URL_PATTERN),
                    Check.str_length(0, MAX_LENGTH["source_url"]),
                ],
                nullable=True,
            ),
            "source_name": text("source_name"),
            "notes": text("notes"),
            "extra": text("extra"),
        },
        strict=False,
        coerce=False,
    )
