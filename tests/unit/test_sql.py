"""Named queries: every file has its header, declares exactly the parameters it uses, and runs."""

from __future__ import annotations

import re

import duckdb
import pytest

from stancewatch import sql
from stancewatch.config import ROOT
from stancewatch.params import Filters

NAMES = sql.all_names()


@pytest.mark.parametrize("name", NAMES)
def test_header_declares_purpose_params_returns(name: str) -> None:
    query = sql.load(name)
    assert query.purpose and query.returns
    used = set(
        re.findall(
            r"\$(\w+)",
            "\n".join(line for line in query.text.splitlines() if not line.startswith("--")),
        )
    )
    assert used == set(query.params), (
        f"{name}: uses {sorted(used)}, declares {sorted(query.params)}"
    )


def test_common_filter_names_are_the_same_everywhere() -> None:
    common = set(Filters().params())
    for name in NAMES:
        params = set(sql.load(name).params)
        if params & common:
            assert common <= params, f"{name} takes only part of the common filters"


def test_wrong_parameters_are_refused(store: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(TypeError, match="declared params"):
        sql.df(store, "stats/stance_counts", {"capitals": []})
    with pytest.raises(ValueError, match="leaves the queries folder"):
        sql.load("../pyproject")


def test_filters_bind_values_literally(seeded: duckdb.DuckDBPyConnection) -> None:
    payload = Filters(capitals=["Paris' OR 1=1 --"], text="%")
    assert sql.df(seeded, "stats/stance_counts", payload.params()).empty
    # '%' is not a wildcard: only statements that really contain a percent sign match.
    with_pct = seeded.execute(
        "SELECT count(*) FROM statements WHERE contains(quote, '%')"
    ).fetchall()
    totals = sql.df(seeded, "stats/totals", Filters(text="%").params())
    assert int(totals["statements"][0]) == with_pct[0][0]


def test_stance_counts_respect_each_filter(seeded: duckdb.DuckDBPyConnection) -> None:
    import datetime as dt

    def total(**kw: object) -> int:
        return int(
            sql.df(seeded, "stats/stance_counts", Filters(**kw).params())["statements"].sum()
        )

    assert total() == 207
    assert total(capitals=["Paris"]) == 44
    assert total(stances=["no_comment"]) == 40
    assert total(capitals=["Moscow"], stances=["deny"]) == 30
    assert (
        total(start_on=dt.date(2026, 1, 1))
        == seeded.execute(
            "SELECT count(*) FROM statements WHERE stated_on >= DATE '2026-01-01'"
        ).fetchall()[0][0]
    )
    topic = seeded.execute("SELECT title FROM topics ORDER BY id LIMIT 1").fetchall()[0][0]
    assert 0 < total(topics=[topic]) < 207
    assert (
        total(text="KREMLIN")
        == seeded.execute(
            "SELECT count(*) FROM statements s JOIN topics t ON t.id = s.topic_id WHERE"
            " contains(lower(coalesce(quote,'')), 'kremlin') OR contains(lower(coalesce(speaker,'')),"
            " 'kremlin') OR contains(lower(title), 'kremlin')"
        ).fetchall()[0][0]
    )


@pytest.mark.parametrize("name", [n for n in NAMES if n.startswith(("stats/", "export/"))])
def test_read_queries_run_on_the_seed(seeded: duckdb.DuckDBPyConnection, name: str) -> None:
    params = {k: None for k in sql.load(name).params}
    frame = sql.df(seeded, name, params)
    assert len(frame) > 0


def test_every_query_has_a_test() -> None:
    """A query counts as tested when a test names it (full name, or short name for analytics)."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in ROOT.glob("tests/**/*.py"))
    for name in NAMES:
        short = name.split("/", 1)[1] if name.startswith("analytics/") else name
        assert f'"{name}"' in text or f'"{short}"' in text, f"no test names the query {name}"


def test_schema_queries_by_hand(tmp_path) -> None:
    con = duckdb.connect(str(tmp_path / "bare.duckdb"))
    sql.execute(con, "schema/version_table")
    sql.execute(con, "schema/version_table")  # idempotent
    assert sql.scalar(con, "schema/current_version") == 0
    sql.execute(con, "schema/001_init")
    sql.execute(con, "schema/record_version", {"version": 1, "name": "schema/001_init"})
    assert sql.scalar(con, "schema/current_version") == 1
    sql.execute(con, "schema/macros")
    sql.execute(con, "schema/macros")  # replaced, not duplicated
    assert con.execute(
        "SELECT count(*) FROM filtered_statements(NULL, NULL, NULL, NULL, NULL, NULL, NULL)"
    ).fetchall() == [(0,)]
    con.close()


def test_ingest_queries_by_hand(store: duckdb.DuckDBPyConnection) -> None:
    """The write path's queries one by one, as ingest.py chains them in its transaction."""
    import pandas as pd

    assert sql.scalar(store, "load/batch_count") == 0
    assert {name for name, _ in sql.rows(store, "ingest/capitals")} == {"Kyiv", "Moscow", "Paris"}
    batch = sql.scalar(
        store,
        "ingest/insert_batch",
        {"file_name": "t.csv", "file_sha256": "0" * 64, "started_at": "2026-01-01 00:00:00+00",
         "by": "test", "rows_read": 1, "rows_inserted": 1, "rows_duplicate": 0, "rows_rejected": 0},
    )  # fmt: skip
    store.register("new_topics", pd.DataFrame({"title": ["Synthetic topic"]}))
    created = sql.rows(store, "ingest/insert_topics")
    store.unregister("new_topics")
    assert sql.rows(store, "ingest/topic_ids") == created
    first, last = (i for (i,) in sql.rows(store, "ingest/draw_statement_ids", {"rows": 2}))
    assert last == first + 1
    assert sql.rows(store, "ingest/draw_statement_ids", {"rows": 0}) == []
    incoming = pd.DataFrame(
        {"id": [first, last], "line": [2, 3], "stated_on": [pd.Timestamp("2025-01-01")] * 2, "capital": ["Paris"] * 2,
         "speaker": [None] * 2, "speaker_role": [None] * 2, "topic_id": [created[0][0]] * 2,
         "stance": ["deny"] * 2, "stance_origin": ["source"] * 2, "stance_confidence": [None] * 2,
         "quote": ["Synthetic", "Not new"], "quote_language": ["en"] * 2, "source_url": [None] * 2,
         "source_name": [None] * 2, "notes": [None] * 2, "extra": ['{"k": "v"}', None],
         "fingerprint": ["ab" * 32, "cd" * 32], "keep": [True, False]}
    )  # fmt: skip
    store.register("incoming", incoming)
    sql.execute(store, "ingest/insert_statements", {"batch_id": batch})
    assert sql.scalar(store, "ingest/batch_row_count", {"batch_id": batch}) == 1  # kept rows only
    found = sql.df(store, "ingest/existing_fingerprints")
    store.unregister("incoming")
    assert found.fingerprint.tolist() == ["ab" * 32] and found.file_name.tolist() == ["t.csv"]
    exported = sql.df(store, "export/statements")
    assert exported.id.tolist() == [first]  # the id the frame gave the row
    assert exported.topic.tolist() == ["Synthetic topic"] and exported.extra.tolist() == [
        '{"k": "v"}'
    ]
