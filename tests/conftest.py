"""Shared fixtures: real DuckDB files built with the real schema, and small CSV builders."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

# AppTests share one process-wide cached connection: point it at a throwaway file before any
# test imports the app, so no test ever touches data/stancewatch.duckdb.
os.environ.setdefault(
    "STANCEWATCH_DB", str(Path(tempfile.mkdtemp(prefix="stancewatch-tests-")) / "app.duckdb")
)

from stancewatch import db

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "statements_seed.csv"
HEADER = ["date", "capital", "topic", "stance", "speaker", "quote", "source_url"]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A new, migrated, empty database file."""
    con = db.open_db(tmp_path / "store.duckdb", seed=False)
    yield con
    con.close()


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A database loaded with the real seed statements."""
    con = db.open_db(tmp_path / "seeded.duckdb", seed=True)
    yield con
    con.close()


def make_csv(rows: list[list[str]], header: list[str] | None = None, delimiter: str = ",") -> bytes:
    """CSV bytes (UTF-8) from rows; synthetic test data only."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header or HEADER)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def good_row(**overrides: str) -> list[str]:
    """One valid synthetic row in HEADER order."""
    row = {
        "date": "2025-03-01",
        "capital": "Paris",
        "topic": "Synthetic test topic",
        "stance": "confirm",
        "speaker": "Test Speaker",
        "quote": "Synthetic quote for tests.",
        "source_url": "https://example.org/synthetic",
    }
    row.update(overrides)
    return [row[c] for c in HEADER]


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Row counts and a content checksum of every table: equal snapshots = database unchanged."""
    tables = ["statements", "topics", "batches", "stance_revisions", "statements_archive"]
    out: dict[str, object] = {}
    for table in tables:
        out[table] = con.execute(
            "SELECT count(*), coalesce(sum(hash(t)), 0) FROM query_table($table) AS t",
            {"table": table},
        ).fetchall()[0]
    return out


def count_rows(con: duckdb.DuckDBPyConnection, table: str = "statements") -> int:
    """Rows in one table (the name is bound: DuckDB's query_table, no SQL built from strings)."""
    return (
        con.cursor()
        .execute("SELECT count(*) FROM query_table($table)", {"table": table})
        .fetchall()[0][0]
    )


def plotly_values(value: object) -> list[object]:
    """A trace array from a chart spec as a list: plotly packs numbers as {dtype, bdata} (base64)."""
    if isinstance(value, dict) and "bdata" in value:
        import base64

        import numpy as np

        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value)  # type: ignore[call-overload]


def chart_traces(spec: str) -> dict[str, dict[str, object]]:
    """Traces of an AppTest plotly_chart element's JSON spec, by name, arrays decoded.

    Traces sharing a name (one per facet panel, or a bar and its markers) are merged: their
    x, y, text and customdata arrays are concatenated. Unnamed traces go under "".
    """
    import json

    arrays = ("x", "y", "text", "customdata", "base", "z")
    traces: dict[str, dict[str, object]] = {}
    for trace in json.loads(spec)["data"]:
        decoded = {k: plotly_values(v) if k in arrays else v for k, v in trace.items()}
        name = str(trace.get("name", ""))
        if name not in traces:
            traces[name] = decoded
            continue
        for key in arrays:
            if key in decoded:
                traces[name][key] = list(traces[name].get(key, [])) + list(decoded[key])
    return traces


def matches_folding_every_row(con: duckdb.DuckDBPyConnection, text: str) -> int:
    """How many statements the text filter should find, as it was written before statement_words
    and text_hits: every row folded per query (the reference those derived tables are tested on)."""
    return con.execute(  # test-only reference
        "SELECT count(*) FROM statements s JOIN topics t ON t.id = s.topic_id"
        " WHERE s.stance IS NOT NULL AND ("
        " contains(strip_accents(lower(coalesce(s.quote, ''))), strip_accents(lower($text)))"
        " OR contains(strip_accents(lower(coalesce(s.speaker, ''))), strip_accents(lower($text)))"
        " OR contains(strip_accents(lower(t.title)), strip_accents(lower($text))))",
        {"text": text},
    ).fetchone()[0]
