"""The text filter reads statement_words, each statement's quote and speaker folded once, and
finds exactly what folding every row at query time found; the table is built only for a query
with a text filter, then brought up to date with what arrived ("derived/rebuild_statement_words",
"derived/insert_new_statement_words", "derived/statement_words_version",
"derived/set_statement_words_version")."""

from __future__ import annotations

import duckdb
import pytest

from stancewatch import batches, db, ingest, sql
from stancewatch.params import Filters
from tests.conftest import good_row, make_csv, matches_folding_every_row

# Case, accents (Latin and Cyrillic), a speaker's name, a topic title's words, nothing at all.
TEXTS = ["KREMLIN", "elysee", "Élysée", "москва", "Київ", "peskov", "zakharova", "missile",
         "the", "no such words anywhere"]  # fmt: skip


def _total(con: duckdb.DuckDBPyConnection, text: str | None) -> int:
    return int(sql.df(con, "stats/totals", {**Filters().params(), "text": text}).iat[0, 0])


def _words(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM statement_words").fetchone()[0]  # test-only read


@pytest.mark.parametrize("text", TEXTS)
def test_the_folded_words_find_what_folding_every_row_found(
    seeded: duckdb.DuckDBPyConnection, text: str
) -> None:
    assert _total(seeded, text) == matches_folding_every_row(seeded, text)


def test_some_searches_find_something_and_others_nothing(seeded: duckdb.DuckDBPyConnection) -> None:
    found = {text: _total(seeded, text) for text in TEXTS}
    assert found["KREMLIN"] > 0 and found["Élysée"] == found["elysee"]
    assert found["no such words anywhere"] == 0


def test_built_only_for_a_text_search_then_kept_up_to_date(
    seeded: duckdb.DuckDBPyConnection,
) -> None:
    assert _total(seeded, None) == _total(seeded, "") == 207
    assert _words(seeded) == 0  # no text, no folding
    assert sql.scalar(seeded, "derived/statement_words_version") == ""
    _total(seeded, "kremlin")
    assert _words(seeded) == 207
    assert sql.scalar(seeded, "derived/statement_words_version").startswith(db.data_version(seeded))
    row = good_row(quote="Synthetic words: Quai d'Orsay répond", speaker="Synthetic Speaker")
    report = ingest.ingest_bytes(seeded, make_csv([row]), file_name="t.csv", by="t")
    assert report.batch_id is not None, report.summary()
    assert _total(seeded, "QUAI D'ORSAY REPOND") == 1  # the new statement, folded on arrival
    assert _words(seeded) == 208  # only it was added
    batches.undo_batch(seeded, report.batch_id, by="t")
    assert _total(seeded, "quai d'orsay repond") == 0  # its words stay, matching no statement


def test_a_new_shape_rebuilds_the_words_whole(seeded: duckdb.DuckDBPyConnection) -> None:
    _total(seeded, "kremlin")
    sql.execute(seeded, "derived/set_statement_words_version", {"version": "old|words-v0"})
    seeded.execute("DELETE FROM statement_words")  # test-only: as if the cache were of old rows
    assert _total(seeded, "kremlin") == matches_folding_every_row(seeded, "kremlin") > 0
    assert _words(seeded) == 207
