"""Ingest of rows with a quote but no stance: suggestion, refusal, or pending review.

Every row here is synthetic; the real seed keeps the stances its file gives (origin 'source').
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb

from stancewatch import db
from stancewatch.db import ensure_stance_links
from stancewatch.ingest import IngestReport, ingest_bytes
from tests.conftest import SEED, good_row, make_csv, snapshot

UNSURE = "Synthetic quote about the weather."
SURE = "We can confirm that the synthetic envoys met."


def ingest(con: duckdb.DuckDBPyConnection, rows: list[list[str]], **options: Any) -> IngestReport:
    return ingest_bytes(con, make_csv(rows), file_name="synthetic.csv", by="pytest", **options)


def statements(con: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    return con.execute(
        "SELECT quote, stance, stance_origin, stance_confidence FROM statements ORDER BY id"
    ).fetchall()


def test_pending_review_migration_is_listed() -> None:
    assert (2, "schema/002_pending_review") in db.migrations()


def test_empty_stance_gets_the_suggestion(store: duckdb.DuckDBPyConnection) -> None:
    report = ingest(store, [good_row(), good_row(stance="", quote=SURE)])
    assert report.status == "written", report.problems
    assert (report.rows_suggested, report.rows_pending) == (1, 0)
    assert "classifier suggested the stance of 1 rows" in report.summary()
    (_, *source), (_, *suggested) = statements(store)
    assert source == ["confirm", "source", None]
    assert suggested[:2] == ["confirm", "classifier"]
    assert 0.6 <= suggested[2] <= 1


def test_abstention_rejects_the_row_with_the_reason(store: duckdb.DuckDBPyConnection) -> None:
    before = snapshot(store)
    report = ingest(store, [good_row(), good_row(stance="", quote=UNSURE)])
    assert report.status == "rejected"
    [problem] = report.problems
    assert (problem.line, problem.column) == (3, "stance")
    assert "not sure enough" in problem.reason and "no cue for any stance" in problem.reason
    assert "--pending-review" in problem.reason
    assert snapshot(store) == before


def test_pending_review_stores_the_row_without_stance(store: duckdb.DuckDBPyConnection) -> None:
    report = ingest(
        store,
        [good_row(), good_row(stance="", quote=UNSURE), good_row(stance="", quote=SURE)],
        pending_review=True,
    )
    assert report.status == "written", report.problems
    assert (report.rows_inserted, report.rows_suggested, report.rows_pending) == (3, 1, 1)
    pending = [row for row in statements(store) if row[0] == UNSURE]
    assert pending == [(UNSURE, None, "classifier", 0.0)]
    # Pending rows stay out of every chart until a person reviews them.
    shown = store.execute(
        "SELECT count(*) FROM filtered_statements(NULL, NULL, NULL, NULL, NULL, NULL, NULL)"
    ).fetchall()[0][0]
    ensure_stance_links(store)
    history = store.execute("SELECT count(*) FROM stance_links").fetchall()[0][0]
    assert (shown, history) == (2, 2)


def test_unknown_stance_is_never_guessed(store: duckdb.DuckDBPyConnection) -> None:
    report = ingest(store, [good_row(stance="maybe", quote=SURE)], pending_review=True)
    assert report.status == "rejected"
    assert "'maybe'" in report.problems[0].reason


def test_empty_stance_without_quote_is_refused(store: duckdb.DuckDBPyConnection) -> None:
    report = ingest(store, [good_row(stance="", quote="")], pending_review=True)
    assert report.status == "rejected"
    assert "no quote" in report.problems[0].reason


def test_cli_pending_review_flag(tmp_path: Path) -> None:
    upload = tmp_path / "upload.csv"
    upload.write_bytes(make_csv([good_row(stance="", quote=UNSURE)]))
    base = [sys.executable, "-m", "stancewatch", "--db", str(tmp_path / "cli.duckdb"), "ingest"]
    refused = subprocess.run([*base, str(upload)], capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1 and "not sure enough" in refused.stdout
    kept = subprocess.run(
        [*base, str(upload), "--pending-review"], capture_output=True, text=True, timeout=120
    )
    assert kept.returncode == 0, kept.stderr
    assert "rows pending: 1" in kept.stdout


def test_seed_keeps_its_own_stances(tmp_path: Path) -> None:
    con = db.open_db(tmp_path / "seed.duckdb", seed=False)
    try:
        report = ingest_bytes(con, SEED.read_bytes(), file_name="seed.csv", by="pytest")
        assert report.rows_suggested == 0
        origins = con.execute("SELECT DISTINCT stance_origin FROM statements").fetchall()
        assert origins == [("source",)]
    finally:
        con.close()
