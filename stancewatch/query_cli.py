"""`python -m stancewatch query NAME --param k=v ...`: any named query from the command line.

Text parameters are typed by the query's header; a parameter left out takes its default (the
common filters: all; grain: month; sort: newest first; a page of 100), so an analyst can check a
dashboard figure with one line. An unknown parameter is an error that lists the declared ones.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from stancewatch import export, sql
from stancewatch.params import parse_value

DEFAULTS: dict[str, Any] = {
    "grain": "month",
    "sort": "stated_on",
    "descending": True,
    "limit": 100,
    "offset": 0,
}
FORMATS = ("table", "csv", "json")
# Only these folders hold read-only queries; schema/, ingest/, curation/ ... change data and are
# run by their own commands, never by name from the command line.
READ_ONLY = ("analytics/", "stats/", "export/", "live/")


def typed_params(name: str, raw: dict[str, str]) -> dict[str, Any]:
    """Declared params of `name` from text values; missing ones take DEFAULTS or NULL."""
    query = sql.load(name)
    unknown = sorted(set(raw) - set(query.params))
    if unknown:
        declared = ", ".join(f"{k} ({t})" for k, t in query.params.items()) or "none"
        raise ValueError(
            f"query {name} has no parameter {', '.join(unknown)}; it takes: {declared}"
        )
    return {
        key: parse_value(key, sql_type, raw[key]) if key in raw else DEFAULTS.get(key)
        for key, sql_type in query.params.items()
    }


def _json_value(value: object) -> object:
    """Dates as YYYY-MM-DD (DuckDB DATE arrives as a midnight Timestamp), numbers as numbers."""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.ndarray):  # lists from DuckDB
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return str(value)


def format_frame(frame: pd.DataFrame, fmt: str) -> str:
    """Rows as an aligned table, CSV (formulas neutralised) or JSON records."""
    if fmt == "csv":
        return export.to_csv_text(frame)
    if fmt == "json":
        records = frame.astype(object).where(frame.notna(), None).to_dict("records")
        return json.dumps(records, ensure_ascii=False, indent=2, default=_json_value)
    if frame.empty:
        return "(no rows)"
    with pd.option_context("display.max_colwidth", 60, "display.width", 200):
        return frame.to_string(index=False)


def run(con: duckdb.DuckDBPyConnection, name: str, raw: dict[str, str], fmt: str) -> str:
    """Resolve, type, run and format one query on its own cursor."""
    full = sql.resolve(name)
    if not full.startswith(READ_ONLY):
        raise ValueError(
            f"query {full} changes data; `query` runs only read-only queries "
            f"({', '.join(p.rstrip('/') for p in READ_ONLY)})"
        )
    params = typed_params(full, raw)
    cur = con.cursor()
    try:
        return format_frame(sql.df(cur, full, params or None), fmt)
    except duckdb.Error as exc:
        raise ValueError(f"query {full} failed: {exc}") from None
    finally:
        cur.close()
