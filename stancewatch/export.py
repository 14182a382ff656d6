"""Files for people: CSV that spreadsheets open safely, Parquet for analysts."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from stancewatch import sql

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets.
_FORMULA_START = re.compile(r"^[=+\-@\t\r]")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix an apostrophe to text cells a spreadsheet would run as a formula (OWASP CSV injection)."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if isinstance(series.dtype, pd.CategoricalDtype):  # a new category cannot be set in place
            series = series.astype(object)
        if pd.api.types.is_string_dtype(series) or series.dtype == object:
            text = series.astype("str")
            risky = text.str.match(_FORMULA_START).fillna(False).astype(bool) & series.notna()
            out[column] = series.where(~risky, "'" + text)
    return out


def _joined_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """List cells (a day's several stances) as 'confirm; deny', not Python's "['confirm']"."""
    out = frame
    for column in frame.columns:
        series = frame[column]
        if series.dtype != object:
            continue
        lists = series.map(lambda v: isinstance(v, (list, tuple, np.ndarray)))
        if lists.any():
            out = out.copy() if out is frame else out
            out[column] = series.where(
                ~lists, series[lists].map(lambda v: "; ".join(str(x) for x in v))
            )
    return out


def to_csv_text(frame: pd.DataFrame) -> str:
    """Formulas neutralised; CRLF rows (RFC 4180) so the writer quotes any value holding a lone
    carriage return, which would otherwise split the row in spreadsheets and CSV readers."""
    return neutralise_formulas(_joined_lists(frame)).to_csv(index=False, lineterminator="\r\n")


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """A CSV file: UTF-8 with BOM (so spreadsheets show Cyrillic and accents), formulas neutralised."""
    return to_csv_text(frame).encode("utf-8-sig")


def export_statements(con: duckdb.DuckDBPyConnection, out: Path, fmt: str) -> int:
    """Write every statement to `out` as csv or parquet; returns the number of rows."""
    cur = con.cursor()
    try:
        if fmt == "parquet":
            sql.relation(cur, "export/statements").write_parquet(str(out))
            return pq.read_metadata(out).num_rows
        frame = sql.df(cur, "export/statements")
        out.write_bytes(to_csv_bytes(frame))
        return len(frame)
    finally:
        cur.close()
