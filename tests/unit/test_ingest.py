"""ingest_bytes end to end on a real DuckDB: the seed, normalisation, refusals, duplicates, modes.

Every file here is synthetic (topics and quotes say so), except the real seed file of data/.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import duckdb
import numpy as np
import pytest

from stancewatch.batches import undo_batch
from stancewatch.ingest import IngestReport, _drawn_ids, ingest_bytes
from tests.conftest import HEADER, SEED, count_rows, good_row, make_csv, snapshot

SEED_ROWS = 207
SEED_TOPICS = 58


def ingest(con: duckdb.DuckDBPyConnection, data: bytes, **options: Any) -> IngestReport:
    return ingest_bytes(con, data, file_name="synthetic.csv", by="pytest", **options)


def stored(con: duckdb.DuckDBPyConnection, column: str) -> list[Any]:
    """One column of the stored statements ('s.quote', or 't.title' for the topic), arrival order."""
    cur = con.cursor()
    rows = cur.execute(
        "SELECT s.*, t.title FROM statements AS s JOIN topics AS t ON t.id = s.topic_id ORDER BY s.id"
    ).fetchall()
    names = [d[0] for d in cur.description]
    index = names.index(column.split(".", 1)[1])
    return [row[index] for row in rows]


def count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return count_rows(con, table)


@pytest.fixture
def stocked(store: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A store that already holds one synthetic batch, so "unchanged" is not trivially true."""
    report = ingest(store, make_csv([good_row(topic="Synthetic stocked topic")]))
    assert report.status == "written"
    yield store


# ---- the real seed ----------------------------------------------------------------------------


def test_seed_file_loads_as_one_batch(store: duckdb.DuckDBPyConnection) -> None:
    report = ingest(store, SEED.read_bytes())
    assert report.status == "written"
    assert (
        report.rows_read,
        report.rows_inserted,
        report.rows_duplicate,
        report.rows_rejected,
    ) == (
        SEED_ROWS,
        SEED_ROWS,
        0,
        0,
    )
    assert report.problems == []
    assert count(store, "statements") == SEED_ROWS
    assert count(store, "topics") == SEED_TOPICS
    assert len(report.new_topics) == SEED_TOPICS
    batches = store.execute(
        'SELECT id, file_name, "by", rows_read, rows_inserted, rows_duplicate, rows_rejected, '
        "status FROM batches"
    ).fetchall()
    assert batches == [
        (report.batch_id, "synthetic.csv", "pytest", SEED_ROWS, SEED_ROWS, 0, 0, "committed")
    ]


def test_seed_unknown_id_column_is_kept_in_extra(store: duckdb.DuckDBPyConnection) -> None:
    ingest(store, SEED.read_bytes())
    first = stored(store, "s.extra")[0]
    assert json.loads(first) == {"id": "s001"}


def test_seeded_fixture_holds_the_seed(seeded: duckdb.DuckDBPyConnection) -> None:
    assert count(seeded, "statements") == SEED_ROWS
    assert count(seeded, "topics") == SEED_TOPICS
    assert count(seeded, "batches") == 1


def test_seed_twice_inserts_nothing(seeded: duckdb.DuckDBPyConnection) -> None:
    before = snapshot(seeded)
    report = ingest(seeded, SEED.read_bytes())
    assert report.rows_inserted == 0
    assert report.rows_duplicate == SEED_ROWS
    assert report.status == "nothing_new"
    assert report.batch_id is None
    assert all(d.of.startswith("already stored as statement") for d in report.duplicates)
    assert snapshot(seeded) == before


# ---- normalisation ----------------------------------------------------------------------------


def test_capital_aliases_become_canonical(store: duckdb.DuckDBPyConnection) -> None:
    aliases = {
        "Russia": "Moscow",
        "RUS": "Moscow",
        "Kremlin": "Moscow",
        "  kremlin  ": "Moscow",
        "Kiev": "Kyiv",
        "UA": "Kyiv",
        "France": "Paris",
        "Élysée": "Paris",
    }
    rows = [
        good_row(capital=alias, quote=f"Synthetic quote {i}") for i, alias in enumerate(aliases)
    ]
    report = ingest(store, make_csv(rows))
    assert report.status == "written", report.problems
    assert stored(store, "s.capital") == list(aliases.values())


def test_stance_synonyms_become_canonical(store: duckdb.DuckDBPyConnection) -> None:
    synonyms = {
        "Denied": "deny",
        "CONFIRMED": "confirm",
        "neither confirm nor deny": "no_comment",
        "No comment": "no_comment",
        "no-comment": "no_comment",
    }
    rows = [
        good_row(stance=stance, quote=f"Synthetic quote {i}") for i, stance in enumerate(synonyms)
    ]
    report = ingest(store, make_csv(rows))
    assert report.status == "written", report.problems
    assert stored(store, "s.stance") == list(synonyms.values())
    assert set(stored(store, "s.stance_origin")) == {"source"}


def test_header_names_are_case_and_space_insensitive(store: duckdb.DuckDBPyConnection) -> None:
    header = ["Date", " Capital ", "TOPIC", "Stance", "Speaker Role", "Quote", "SOURCE_URL"]
    row = good_row(speaker="Synthetic spokesperson role", source_url="https://example.org/s1")
    report = ingest(store, make_csv([row], header=header))
    assert report.status == "written", report.file_error or report.problems
    assert stored(store, "s.speaker_role") == ["Synthetic spokesperson role"]
    assert stored(store, "s.speaker") == [None]
    assert stored(store, "s.source_url") == ["https://example.org/s1"]
    assert stored(store, "s.stated_on") == [dt.date(2025, 3, 1)]
    assert stored(store, "s.extra") == [None]


def test_speaker_and_topic_whitespace_is_trimmed_and_collapsed(
    store: duckdb.DuckDBPyConnection,
) -> None:
    row = good_row(speaker="  Synthetic \t Speaker   Name ", topic=" Synthetic   spaced\ttopic  ")
    report = ingest(store, make_csv([row]))
    assert report.status == "written", report.problems
    assert stored(store, "s.speaker") == ["Synthetic Speaker Name"]
    assert stored(store, "t.title") == ["Synthetic spaced topic"]


def test_quote_language_names_become_codes(store: duckdb.DuckDBPyConnection) -> None:
    names = {"English": "en", "French": "fr", "Russian": "ru", "Ukrainian": "uk", "ua": "uk"}
    rows = [[*good_row(quote=f"Synthetic quote {i}"), name] for i, name in enumerate(names)]
    report = ingest(store, make_csv(rows, header=[*HEADER, "quote_language"]))
    assert report.status == "written", report.problems
    assert stored(store, "s.quote_language") == list(names.values())


@pytest.mark.parametrize(("delimiter", "label"), [(";", "semicolon"), ("\t", "tab")])
def test_semicolon_and_tab_files(
    store: duckdb.DuckDBPyConnection, delimiter: str, label: str
) -> None:
    rows = [
        good_row(quote="Synthetic quote, with a comma"),
        good_row(quote="Synthetic quote two", capital="Kyiv"),
    ]
    report = ingest(store, make_csv(rows, delimiter=delimiter))
    assert report.status == "written", report.problems
    assert report.delimiter == label
    assert stored(store, "s.quote") == ["Synthetic quote, with a comma", "Synthetic quote two"]
    assert stored(store, "s.capital") == ["Paris", "Kyiv"]


def test_utf16_file_with_bom_is_ingested(store: duckdb.DuckDBPyConnection) -> None:
    text = make_csv([good_row(quote="Synthetic quote — «тест»")]).decode("utf-8")
    report = ingest(store, codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert report.status == "written", report.file_error
    assert report.encoding == "UTF-16"
    assert stored(store, "s.quote") == ["Synthetic quote — «тест»"]


def test_unknown_columns_are_kept_as_json_in_extra(store: duckdb.DuckDBPyConnection) -> None:
    header = [*HEADER, "Synthetic Tag", "Reviewer Note"]
    rows = [
        [*good_row(quote="Synthetic quote 1"), "synthetic tag value", "note, with comma"],
        [*good_row(quote="Synthetic quote 2"), "", "only the note"],
        [*good_row(quote="Synthetic quote 3"), "", ""],
    ]
    report = ingest(store, make_csv(rows, header=header))
    assert report.status == "written", report.problems
    extras = [json.loads(e) if e is not None else None for e in stored(store, "s.extra")]
    assert extras == [
        {"Synthetic Tag": "synthetic tag value", "Reviewer Note": "note, with comma"},
        {"Reviewer Note": "only the note"},
        None,
    ]


def test_unknown_columns_with_the_same_name_keep_every_value(
    store: duckdb.DuckDBPyConnection,
) -> None:
    """Nothing a user uploads is dropped: two 'tag' columns must both survive in extra."""
    header = [*HEADER, "tag", "tag"]
    rows = [[*good_row(), "synthetic first tag", "synthetic second tag"]]
    report = ingest(store, make_csv(rows, header=header))
    assert report.status == "written", report.file_error or report.problems
    extra = stored(store, "s.extra")[0]
    assert "synthetic first tag" in extra
    assert "synthetic second tag" in extra


# ---- topics -----------------------------------------------------------------------------------


def test_topic_spellings_in_one_file_share_one_topic(store: duckdb.DuckDBPyConnection) -> None:
    rows = [
        good_row(topic="Synthetic Topic Alpha", quote="Synthetic quote 1"),
        good_row(topic="  synthetic   TOPIC alpha ", quote="Synthetic quote 2"),
    ]
    report = ingest(store, make_csv(rows))
    assert report.status == "written", report.problems
    assert report.new_topics == ["Synthetic Topic Alpha"]
    assert count(store, "topics") == 1
    assert stored(store, "t.title") == ["Synthetic Topic Alpha", "Synthetic Topic Alpha"]


def test_second_batch_on_an_existing_topic_is_written(store: duckdb.DuckDBPyConnection) -> None:
    """A batch whose topics all exist already must reuse them, not fail."""
    assert ingest(store, make_csv([good_row(quote="Synthetic quote 1")])).status == "written"
    report = ingest(store, make_csv([good_row(quote="Synthetic quote 2")]))
    assert report.status == "written"
    assert report.new_topics == []
    assert count(store, "topics") == 1
    assert count(store, "statements") == 2


def test_existing_topic_matched_case_and_space_insensitively(
    seeded: duckdb.DuckDBPyConnection,
) -> None:
    topic_id, title = seeded.execute("SELECT id, title FROM topics ORDER BY id LIMIT 1").fetchone()
    spelling = "  " + title.upper().replace(" ", "   ") + " "
    report = ingest(seeded, make_csv([good_row(topic=spelling, quote="Synthetic quote")]))
    assert report.status == "written"
    assert report.new_topics == []
    assert count(seeded, "topics") == SEED_TOPICS
    last = seeded.execute("SELECT topic_id FROM statements ORDER BY id DESC LIMIT 1").fetchone()
    assert last == (topic_id,)


# ---- refused input: clear message, database unchanged -------------------------------------------

FUTURE = (dt.date.today() + dt.timedelta(days=30)).isoformat()
GOOD = good_row(quote="Synthetic valid quote on line 2")
MISSING_TOPIC_HEADER = ["date", "capital", "stance", "quote"]

ROW_CASES = {
    # id: (bad row on line 3, column, raw value, words the reason must contain)
    "ambiguous-date": (
        good_row(date="04/05/2025"),
        "date",
        "04/05/2025",
        ["day/month or month/day", "ISO 8601", "2025-05-04", "2025-04-05"],
    ),
    "word-date": (good_row(date="yesterday"), "date", "yesterday", ["YYYY-MM-DD"]),
    "impossible-date": (
        good_row(date="2026-02-30"),
        "date",
        "2026-02-30",
        ["not a real day"],
    ),
    "month-13": (good_row(date="2025-13-01"), "date", "2025-13-01", ["month 13"]),
    "future-date": (good_row(date=FUTURE), "date", FUTURE, ["in the future"]),
    "unknown-capital": (
        good_row(capital="Moskow"),
        "capital",
        "Moskow",
        ["did you mean Moscow"],
    ),
    "unknown-stance": (
        good_row(stance="maybe"),
        "stance",
        "maybe",
        ["'maybe'", "confirm, deny or no_comment"],
    ),
    "empty-stance-with-quote": (
        good_row(stance=""),
        "stance",
        "",
        ["stance is empty", "classifier is not sure", "pending review"],
    ),
    "javascript-url": (
        good_row(source_url="javascript:alert(1)"),
        "source_url",
        "javascript:alert(1)",
        ["http://", "https://"],
    ),
    "empty-topic": (good_row(topic="   "), "topic", "   ", ["topic is empty"]),
    "ragged-row": (
        good_row()[:4],
        "(whole row)",
        "2025-03-01,Paris,Synthetic test topic,confirm",
        ["4 values", "header has 7 columns"],
    ),
}


@pytest.mark.parametrize(
    ("bad_row", "column", "value", "words"), ROW_CASES.values(), ids=ROW_CASES.keys()
)
def test_bad_row_rejects_the_whole_file(
    stocked: duckdb.DuckDBPyConnection,
    bad_row: list[str],
    column: str,
    value: str,
    words: list[str],
) -> None:
    """One bad row after a valid one: nothing is written, the problem names line 3 and the column."""
    before = snapshot(stocked)
    report = ingest(stocked, make_csv([GOOD, bad_row]))
    assert report.status == "rejected"
    assert report.batch_id is None
    assert report.rows_read == 2
    assert report.rows_rejected == 1
    assert [(p.line, p.column, p.value) for p in report.problems] == [(3, column, value)]
    for word in words:
        assert word in report.problems[0].reason
    assert snapshot(stocked) == before


FILE_CASES = {
    # id: (file bytes, words the file error must contain)
    "missing-column": (
        make_csv([["2025-03-01", "Paris", "confirm", "Synthetic quote"]], MISSING_TOPIC_HEADER),
        ["required column(s) topic", "Columns found", "'date', 'capital', 'stance', 'quote'"],
    ),
    "empty-file": (b"", ["empty"]),
    "header-only": (make_csv([]), ["header row but no statements"]),
    "cp1251": (
        "date,capital,topic,stance\n2025-03-01,Москва,Синтетическая тема,подтвердил\n".encode(
            "cp1251"
        ),
        ["UTF-8", "UTF-16", "line 2", "Windows-1251"],
    ),
    "nul-byte": (make_csv([GOOD]) + b"2025-03-02,Paris,Syn\x00thetic,confirm,,,\n", ["NUL"]),
    "unbalanced-quote": (
        make_csv([GOOD]) + b'2025-03-02,Paris,Synthetic,confirm,x,"never closed,\n',
        ["line 3", "never ends"],
    ),
}


@pytest.mark.parametrize(("data", "words"), FILE_CASES.values(), ids=FILE_CASES.keys())
def test_unreadable_file_is_refused(
    stocked: duckdb.DuckDBPyConnection, data: bytes, words: list[str]
) -> None:
    before = snapshot(stocked)
    report = ingest(stocked, data)
    assert report.status == "file_error"
    assert report.batch_id is None
    assert report.file_error is not None
    for word in words:
        assert word in report.file_error
    assert "nothing was written" in report.summary()
    assert snapshot(stocked) == before


def test_problem_lines_count_header_and_multiline_records(
    store: duckdb.DuckDBPyConnection,
) -> None:
    """Header = line 1; a quote over lines 2-4; a blank line 5; bad rows on lines 6 and 7."""
    data = make_csv(
        [
            good_row(quote="Synthetic line one\nline two\nline three"),
            good_row(capital="Moskow", quote="Synthetic quote A"),
            good_row(stance="maybe", quote="Synthetic quote B"),
        ]
    )
    blank_after_first = data.replace(b"/synthetic\n", b"/synthetic\n\n", 1)
    assert blank_after_first != data
    report = ingest(store, blank_after_first)
    assert [(p.line, p.column) for p in report.problems] == [(6, "capital"), (7, "stance")]
    assert report.rows_rejected == 2
    assert count(store, "statements") == 0


def test_every_problem_of_a_row_is_reported(store: duckdb.DuckDBPyConnection) -> None:
    report = ingest(store, make_csv([good_row(date="yesterday", capital="Moskow", stance="")]))
    assert [(p.line, p.column) for p in report.problems] == [
        (2, "capital"),
        (2, "date"),
        (2, "stance"),
    ]
    assert report.rows_rejected == 1


# ---- day/month order ----------------------------------------------------------------------------


def test_day_first_when_a_date_can_only_be_day_first(store: duckdb.DuckDBPyConnection) -> None:
    rows = [
        good_row(date="25/04/2025", quote="Synthetic quote 1"),
        good_row(date="04/05/2025", quote="Synthetic quote 2"),
        good_row(date="2025-01-02", quote="Synthetic quote 3"),
    ]
    report = ingest(store, make_csv(rows))
    assert report.status == "written", report.problems
    assert stored(store, "s.stated_on") == [
        dt.date(2025, 4, 25),
        dt.date(2025, 5, 4),
        dt.date(2025, 1, 2),
    ]


def test_single_day_first_date_is_read_day_first(store: duckdb.DuckDBPyConnection) -> None:
    """16/05/2025 can only be day/month (there is no month 16), so it is not a guess."""
    report = ingest(store, make_csv([good_row(date="16/05/2025")]))
    assert report.status == "written", report.problems
    assert stored(store, "s.stated_on") == [dt.date(2025, 5, 16)]


def test_only_ambiguous_slashed_dates_are_rejected(stocked: duckdb.DuckDBPyConnection) -> None:
    before = snapshot(stocked)
    rows = [
        good_row(date="04/05/2025", quote="Synthetic quote 1"),
        good_row(date="2025-01-02", quote="Synthetic quote 2"),
        good_row(date="11/12/2025", quote="Synthetic quote 3"),
    ]
    report = ingest(stocked, make_csv(rows))
    assert report.status == "rejected"
    assert [(p.line, p.column) for p in report.problems] == [(2, "date"), (4, "date")]
    assert all("ISO 8601" in p.reason for p in report.problems)
    assert snapshot(stocked) == before


def test_contradictory_day_month_order_is_rejected(stocked: duckdb.DuckDBPyConnection) -> None:
    before = snapshot(stocked)
    rows = [
        good_row(date="25/04/2025", quote="Synthetic quote 1"),
        good_row(date="04/25/2025", quote="Synthetic quote 2"),
    ]
    report = ingest(stocked, make_csv(rows))
    assert report.status == "rejected"
    assert [(p.line, p.column) for p in report.problems] == [(2, "date"), (3, "date")]
    assert snapshot(stocked) == before


def test_contradictory_order_message_suggests_only_real_dates(
    store: duckdb.DuckDBPyConnection,
) -> None:
    """25/04/2025 read month-first is month 25: the message must not offer '2025-25-04'."""
    rows = [
        good_row(date="25/04/2025", quote="Synthetic quote 1"),
        good_row(date="04/25/2025", quote="Synthetic quote 2"),
    ]
    report = ingest(store, make_csv(rows))
    reasons = " ".join(p.reason for p in report.problems)
    assert "2025-04-25" in reasons
    assert "2025-25-04" not in reasons


# ---- values stored verbatim ---------------------------------------------------------------------


def test_multiline_quote_with_commas_is_stored_verbatim(store: duckdb.DuckDBPyConnection) -> None:
    quote = 'Synthetic first line, with a comma\nsecond line; "quoted"\n\tthird, indented'
    report = ingest(store, make_csv([good_row(quote=quote)]))
    assert report.status == "written", report.problems
    assert stored(store, "s.quote") == [quote]


def test_formula_and_markup_quotes_are_stored_verbatim(store: duckdb.DuckDBPyConnection) -> None:
    quotes = ['=HYPERLINK("http://x","y")', "<script>alert(1)</script>"]
    report = ingest(store, make_csv([good_row(quote=q) for q in quotes]))
    assert report.status == "written", report.problems
    assert stored(store, "s.quote") == quotes


# ---- duplicates -----------------------------------------------------------------------------------


def test_duplicate_rows_in_one_file_keep_the_first(store: duckdb.DuckDBPyConnection) -> None:
    rows = [
        good_row(quote="Synthetic quote A"),
        good_row(quote="Synthetic quote B"),
        good_row(quote="Synthetic quote A"),
    ]
    report = ingest(store, make_csv(rows))
    assert report.status == "written"
    assert (report.rows_inserted, report.rows_duplicate) == (2, 1)
    assert [(d.line, d.of) for d in report.duplicates] == [(4, "line 2 of this file")]
    assert stored(store, "s.quote") == ["Synthetic quote A", "Synthetic quote B"]
    batch = store.execute("SELECT rows_read, rows_inserted, rows_duplicate FROM batches").fetchall()
    assert batch == [(3, 2, 1)]


def test_same_file_twice_inserts_nothing_the_second_time(
    store: duckdb.DuckDBPyConnection,
) -> None:
    data = make_csv([good_row(quote="Synthetic quote A"), good_row(quote="Synthetic quote B")])
    first = ingest(store, data)
    assert first.rows_inserted == 2
    before = snapshot(store)
    second = ingest(store, data)
    assert second.status == "nothing_new"
    assert (second.rows_inserted, second.rows_duplicate) == (0, 2)
    assert [d.line for d in second.duplicates] == [2, 3]
    assert all(f"batch {first.batch_id}" in d.of for d in second.duplicates)
    assert snapshot(store) == before


# ---- modes: skip_invalid and dry_run ---------------------------------------------------------------


def test_skip_invalid_writes_valid_rows_and_reports_the_rest(
    store: duckdb.DuckDBPyConnection,
) -> None:
    rows = [
        good_row(quote="Synthetic quote A"),
        good_row(capital="Moskow", quote="Synthetic quote B"),
        good_row(quote="Synthetic quote C"),
        good_row()[:2],
    ]
    report = ingest(store, make_csv(rows), skip_invalid=True)
    assert report.status == "written"
    assert (report.rows_read, report.rows_inserted, report.rows_rejected) == (4, 2, 2)
    assert [(p.line, p.column) for p in report.problems] == [(3, "capital"), (5, "(whole row)")]
    assert stored(store, "s.quote") == ["Synthetic quote A", "Synthetic quote C"]
    batch = store.execute(
        "SELECT rows_read, rows_inserted, rows_duplicate, rows_rejected FROM batches"
    ).fetchall()
    assert batch == [(4, 2, 0, 2)]


def test_dry_run_writes_nothing_but_counts_new_rows(stocked: duckdb.DuckDBPyConnection) -> None:
    before = snapshot(stocked)
    rows = [
        good_row(topic="Synthetic stocked topic"),  # already stored by the fixture
        good_row(quote="Synthetic quote A"),
        good_row(quote="Synthetic quote B"),
        good_row(quote="Synthetic quote A"),  # duplicate of line 3
    ]
    report = ingest(stocked, make_csv(rows), dry_run=True)
    assert report.status == "dry_run"
    assert report.rows_new == 2
    assert report.rows_duplicate == 2
    assert report.rows_inserted == 0
    assert report.batch_id is None
    assert snapshot(stocked) == before


def test_dry_run_with_an_invalid_row_is_rejected(stocked: duckdb.DuckDBPyConnection) -> None:
    before = snapshot(stocked)
    rows = [good_row(quote="Synthetic quote A"), good_row(stance="maybe")]
    report = ingest(stocked, make_csv(rows), dry_run=True)
    assert report.status == "rejected"
    assert snapshot(stocked) == before


def test_only_new_rows_are_written_and_counted_when_stored_rows_and_repeats_mix(
    store: duckdb.DuckDBPyConnection,
) -> None:
    """The insert takes the file's rows with a mask of the new ones: a stored row, a repeat within
    the file and their topics, suggestions and pending rows stay out of the batch and its counts."""
    sure = "We can confirm that the synthetic envoys met."
    unsure = "Synthetic quote about the weather."
    first = ingest(store, make_csv([good_row(quote="Synthetic quote A")]))
    rows = [
        good_row(quote="Synthetic quote A"),  # line 2: stored
        good_row(quote="Synthetic quote B", topic="Synthetic second topic"),  # 3: new
        good_row(stance="", quote=sure),  # 4: new, suggested
        good_row(quote="Synthetic  quote b", topic="synthetic SECOND topic"),  # 5: repeat of 3
        good_row(stance="", quote=sure),  # 6: repeat of 4
        good_row(stance="", quote=unsure),  # 7: new, pending
        good_row(stance="", quote=unsure),  # 8: repeat of 7
        good_row(quote="Synthetic quote A", topic="Synthetic only-in-a-repeat topic"),  # 9: new
    ]
    report = ingest(store, make_csv(rows), pending_review=True)
    assert report.status == "written", report.problems
    assert (report.rows_new, report.rows_inserted, report.rows_duplicate) == (4, 4, 4)
    assert (report.rows_suggested, report.rows_pending) == (1, 1)
    assert [(d.line, d.of) for d in report.duplicates] == [
        (2, f"already stored as statement 1 (batch {first.batch_id}, synthetic.csv)"),
        (5, "line 3 of this file"),
        (6, "line 4 of this file"),
        (8, "line 7 of this file"),
    ]
    assert report.new_topics == ["Synthetic only-in-a-repeat topic", "Synthetic second topic"]
    assert stored(store, "s.quote") == [
        "Synthetic quote A", "Synthetic quote B", sure, unsure, "Synthetic quote A"
    ]  # fmt: skip
    assert stored(store, "s.id") == [1, 2, 3, 4, 5]  # in line order
    batch = store.execute(
        "SELECT rows_read, rows_inserted, rows_duplicate FROM batches WHERE id = ?",
        [report.batch_id],
    ).fetchall()
    assert batch == [(8, 4, 4)]


def test_ids_are_drawn_per_batch_and_never_reused(store: duckdb.DuckDBPyConnection) -> None:
    """A batch's ids are drawn in one go: consecutive, and after the ids of every batch before it,
    even one that was undone (its rows keep their ids in the archive)."""
    quotes = [f"Synthetic quote {i}" for i in range(8)]
    ingest(store, make_csv([good_row(quote=q) for q in quotes[:3]]))
    undone = ingest(store, make_csv([good_row(quote=q) for q in quotes[3:6]]))
    undo_batch(store, undone.batch_id, by="pytest")
    ingest(store, make_csv([good_row(quote=q) for q in quotes[6:]]))
    assert stored(store, "s.id") == [1, 2, 3, 7, 8]
    assert stored(store, "s.quote") == quotes[:3] + quotes[6:]


def test_drawn_ids_follow_the_lines_not_the_frame(store: duckdb.DuckDBPyConnection) -> None:
    cur = store.cursor()
    cur.begin()
    ids = _drawn_ids(cur, np.array([5, 2, 9, 3, 4]), np.array([True, True, False, True, False]))
    cur.rollback()
    assert ids.tolist() == [3, 1, 0, 2, 0]


def test_near_duplicates_need_stored_names_to_be_near(store: duckdb.DuckDBPyConnection) -> None:
    rows = [good_row(topic="Synthetic visit to Paris (Jan 2025)", speaker="Synthetic Speaker")]
    first = ingest(store, make_csv(rows))
    assert first.status == "written" and first.near_duplicates == []  # nothing stored before
    close = [good_row(topic="Synthetic visit to Paris Jan 2025 !", speaker="Synthetic Speakr")]
    second = ingest(store, make_csv(close), dry_run=True)
    assert [(n.kind, n.value, n.existing, n.lines) for n in second.near_duplicates] == [
        (
            "topic",
            "Synthetic visit to Paris Jan 2025 !",
            "Synthetic visit to Paris (Jan 2025)",
            [2],
        ),
        ("speaker", "Synthetic Speakr", "Synthetic Speaker", [2]),
    ]


def test_batch_row_holds_the_files_sha256_hashed_on_a_thread(
    store: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib
    import threading

    from stancewatch import ingest as ingest_module

    data = make_csv([good_row(quote="Synthetic quote A"), good_row(quote="Synthetic quote B")])
    hashed_on: list[str] = []
    real_sha256 = hashlib.sha256

    def sha256(value: bytes):
        hashed_on.append(threading.current_thread().name)
        return real_sha256(value)

    monkeypatch.setattr(ingest_module.hashlib, "sha256", sha256)
    dry = ingest(store, data, dry_run=True)
    assert dry.status == "dry_run" and hashed_on == []  # a dry run writes no batch row
    report = ingest(store, data)
    assert report.status == "written" and hashed_on == ["ingest-sha256"]
    stored_hash = store.execute(
        "SELECT file_sha256 FROM batches WHERE id = ?", [report.batch_id]
    ).fetchall()
    assert stored_hash == [(real_sha256(data).hexdigest(),)]
    failing = ingest_module._sha256_started(None)  # the thread fails: hashed again, and fails here
    with pytest.raises(TypeError):
        failing()
