"""A text search's hits are found once and shared by every query with that text (text_searches,
text_hits): the same statements as folding every row per query, kept up to date after
writes by scanning only what arrived, and bounded ("derived/text_search",
"derived/insert_text_hits", "derived/set_text_search", "derived/evict_text_searches",
"derived/drop_unsearched_hits")."""

from __future__ import annotations

import threading

import duckdb
import pytest

from stancewatch import batches, db, ingest, sql
from stancewatch.params import Filters
from tests.conftest import good_row, make_csv, matches_folding_every_row


def _total(con: duckdb.DuckDBPyConnection, text: str) -> int:
    return int(sql.df(con, "stats/totals", {**Filters().params(), "text": text}).iat[0, 0])


def _searches(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Folded text -> hits, as text_searches records them."""
    return dict(con.execute("SELECT text, hits FROM text_searches").fetchall())  # test-only read


def _hit_texts(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT DISTINCT text FROM text_hits").fetchall()}


def _add(con: duckdb.DuckDBPyConnection, quote: str) -> int:
    row = good_row(quote=quote, speaker="Synthetic Speaker")
    report = ingest.ingest_bytes(con, make_csv([row]), file_name="t.csv", by="t")
    assert report.batch_id is not None, report.summary()
    return report.batch_id


@pytest.mark.parametrize("text", ["KREMLIN", "Élysée", "москва", "peskov", "the", "zzz nothing"])
def test_the_hits_find_what_folding_every_row_found(
    seeded: duckdb.DuckDBPyConnection, text: str
) -> None:
    assert _total(seeded, text) == _total(seeded, text)  # the second reads the stored hits
    assert _total(seeded, text) == matches_folding_every_row(seeded, text)


def test_one_search_per_folded_text_shared_by_every_query(
    seeded: duckdb.DuckDBPyConnection,
) -> None:
    assert _searches(seeded) == {}  # no text, no search
    _total(seeded, None)  # type: ignore[arg-type]
    assert _searches(seeded) == {}
    found = _total(seeded, "Kremlin")
    params = {**Filters().params(), "text": "KREMLIN"}
    sql.df(seeded, "analytics/kpis", params)
    sql.df(seeded, "analytics/stance_changes", {**params, "limit": 10})
    searches = _searches(seeded)
    assert list(searches) == ["kremlin"] and 0 < searches["kremlin"] <= found
    assert seeded.execute("SELECT count(*) FROM text_hits").fetchone()[0] == searches["kremlin"]


def test_a_write_adds_what_arrived_and_an_undo_takes_it_away(
    seeded: duckdb.DuckDBPyConnection,
) -> None:
    before = _total(seeded, "kremlin")
    hits = _searches(seeded)["kremlin"]
    assert hits > 0
    batch_id = _add(seeded, "Synthetic words: the Kremlin answers")
    assert _total(seeded, "KREMLIN") == before + 1  # found although the search was stored
    assert _searches(seeded)["kremlin"] == hits + 1  # only what arrived was scanned and added
    batches.undo_batch(seeded, batch_id, by="t")
    assert _total(seeded, "Kremlin") == before


def test_older_searches_are_forgotten_past_the_kept_number(
    seeded: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "TEXT_SEARCHES_KEPT", 2)
    counts = {text: _total(seeded, text) for text in ["kremlin", "peskov", "missile"]}
    assert set(_searches(seeded)) == _hit_texts(seeded) == {"peskov", "missile"}
    assert _total(seeded, "kremlin") == counts["kremlin"]  # searched again, from the words
    assert set(_searches(seeded)) == {"missile", "kremlin"}


def test_hits_past_twice_the_statements_forget_the_older_searches(
    seeded: duckdb.DuckDBPyConnection,
) -> None:
    for text in ["kremlin", "e", "a", "o"]:  # the last three in most of the 207 quotes
        _total(seeded, text)
    searches = _searches(seeded)
    assert min(searches["a"], searches["o"]) > 150 and searches["a"] + searches["o"] <= 2 * 207
    assert set(searches) == _hit_texts(seeded) == {"a", "o"}  # "e" would pass twice the 207


def test_the_latest_search_is_kept_however_many_its_hits(
    seeded: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "TEXT_SEARCHES_KEPT", 0)
    assert _total(seeded, "e") == matches_folding_every_row(seeded, "e")
    assert set(_searches(seeded)) == _hit_texts(seeded) == {"e"}


def test_new_words_drop_the_hits_found_in_the_old_ones(seeded: duckdb.DuckDBPyConnection) -> None:
    _total(seeded, "kremlin")
    sql.execute(seeded, "derived/set_statement_words_version", {"version": "old|words-v0"})
    _total(seeded, "peskov")  # statement_words rebuilt whole, its searches with it
    assert set(_searches(seeded)) == _hit_texts(seeded) == {"peskov"}


@pytest.mark.parametrize(
    "text", ["kremlin", "Peskov", "prisoner exchange", "Istanbul", "ceasefire"]
)
def test_history_queries_find_the_statements_the_statements_view_finds(
    seeded: duckdb.DuckDBPyConnection, text: str
) -> None:
    """filtered_links matches a text by ids and topic ids, filtered_statements by joining: the
    stance changes found with a text are the changes whose statement the Statements view finds
    with it (its words, its speaker or its topic's title)."""
    every = {**Filters().params(), "limit": None}
    page = {"sort": "stated_on", "descending": True, "limit": 10_000, "offset": 0}
    found = sql.df(seeded, "analytics/statements", {**Filters(text=text).params(), **page})
    changes = sql.df(seeded, "analytics/stance_changes", every)
    with_text = sql.df(seeded, "analytics/stance_changes", {**every, "text": text})
    expected = changes[changes["statement_id"].isin(found["statement_id"])]["statement_id"].tolist()
    assert with_text["statement_id"].tolist() == expected
    assert len(found) > 0


def test_a_search_forgotten_between_its_check_and_its_query_is_scanned_not_missed(
    seeded: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another session's searches may evict this one's hits after sql.py checked them and before
    the query reads them: the query then scans the words (text_hit_ids), never returns less."""
    monkeypatch.setattr(db, "TEXT_SEARCHES_KEPT", 1)
    params = {**Filters().params(), "text": "peskov"}
    db.ensure_text_hits(seeded, "peskov")  # the check sql.py makes before the query
    _total(seeded, "kremlin")  # another session's search, which evicts "peskov"
    assert set(_searches(seeded)) == {"kremlin"}
    query = sql.load("stats/totals").text  # the query as sql.df runs it after its check
    assert (
        seeded.execute(query, params).fetchone()[0]
        == matches_folding_every_row(seeded, "peskov")
        > 0
    )


def test_two_uploads_commit_in_id_order_so_both_are_found(
    seeded: duckdb.DuckDBPyConnection,
) -> None:
    """An upload waits for the one being written (ingest._WRITE_LOCK): were the second to commit
    first, a search between the two would take in its higher ids, and the words of the first,
    committed next with lower ids, would never be added."""
    _add(seeded, "Synthetic setup words")  # the topic exists: neither upload creates it
    cursors = [seeded.cursor(), seeded.cursor()]
    at_commit, go_on = threading.Event(), threading.Event()

    def pause(step: str, _fraction: float) -> None:
        if step == "Committing":
            at_commit.set()
            go_on.wait(10)

    def upload(cur: duckdb.DuckDBPyConnection, quote: str, progress=None) -> None:
        row = good_row(quote=quote, speaker="Synthetic Speaker")
        ingest.ingest_bytes(cur, make_csv([row]), file_name=f"{quote}.csv", by="t",
                            progress=progress)  # fmt: skip

    first = threading.Thread(target=upload, args=(cursors[0], "Synthetic alpha words", pause))
    first.start()
    assert at_commit.wait(10)  # the first upload's rows are inserted, not yet committed
    second = threading.Thread(target=upload, args=(cursors[1], "Synthetic beta words"))
    second.start()
    second.join(timeout=1.5)  # it waits for the first to commit
    _total(seeded, "beta")  # a search now takes in every id committed so far
    go_on.set()
    first.join(10)
    second.join(10)
    assert _total(seeded, "alpha") == _total(seeded, "beta") == 1
