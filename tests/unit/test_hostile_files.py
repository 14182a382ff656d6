"""Hostile files: a committed corpus (tests/fixtures/hostile/) and hypothesis-made files.

For each: no uncaught exception; either a clean report naming the problem (a file-level message of
reasonable length, or rejected rows each with line, column and reason) or a clean import; on
refusal the database is exactly as before (row count and checksum of every table).
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import sys

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stancewatch import integrity, sql
from stancewatch.ingest import IngestReport, ingest_bytes
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "hostile"
sys.path.insert(0, str(CORPUS))
from make_corpus import EXPECTED, files  # noqa: E402

MAX_MESSAGE = 2_000  # a file-level refusal a person can read


def read(name: str) -> bytes:
    data = (CORPUS / name).read_bytes()
    return gzip.decompress(data) if name.endswith(".gz") else data


def check_report(report: IngestReport, before: dict, con: duckdb.DuckDBPyConnection) -> None:
    """The invariants every outcome must keep."""
    assert report.status in ("file_error", "rejected", "written", "nothing_new")
    if report.file_error:
        assert 0 < len(report.file_error) <= MAX_MESSAGE, report.file_error[:300]
    for p in report.problems:
        assert p.line >= 1 and p.column and p.reason and len(p.value) <= 200
    if report.written:
        assert integrity.problems(con) == []
    else:
        assert integrity.snapshot(con) == before


def test_the_corpus_is_what_make_corpus_writes() -> None:
    made = {n: d for n, d in files().items()}
    for name in EXPECTED:
        assert read(name) == made[name.removesuffix(".gz")], f"{name}: run make_corpus.py"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file(seeded: duckdb.DuckDBPyConnection, name: str) -> None:
    status, words = EXPECTED[name]
    before = integrity.snapshot(seeded)
    report = ingest_bytes(seeded, read(name), file_name=name, by="hostile")
    assert report.status == status, (report.file_error, report.problems[:3])
    check_report(report, before, seeded)
    said = (report.file_error or "") + " ".join(f"{p.column} {p.reason}" for p in report.problems)
    assert words in said
    if status == "rejected":
        # All or nothing: one bad row and nothing is written, named with its line.
        assert report.problems and report.batch_id is None
    if status == "written":
        stored = sql.df(seeded, "export/statements")
        new = stored[stored["batch_id"] == report.batch_id]
        assert len(new) == report.rows_inserted == report.rows_read


def test_text_is_stored_verbatim(seeded: duckdb.DuckDBPyConnection) -> None:
    """Formulas, HTML, script and Markdown are data: stored as typed, escaped only on output."""
    from make_corpus import FORMULAS, HTML

    for name in ("formula_payloads.csv", "html_script_markdown.csv"):
        assert ingest_bytes(seeded, read(name), file_name=name, by="t").written
    quotes = set(sql.df(seeded, "export/statements")["quote"].dropna())
    assert {f.strip() for f in FORMULAS} <= quotes
    assert {f"Quote {h}" for h in HTML} <= quotes


SAFE = st.text(
    alphabet=st.sampled_from(list("aZ09 ,;\t\"'\n\r=+-@<>/\\|[]()*_`#!:ёЖß\u202e\ufeff\x00é")),
    max_size=40,
)
TEXT = st.one_of(
    SAFE, st.text(max_size=30), st.sampled_from(["", "=cmd|' /C calc'!A0", "<script>x</script>"])
)
COLUMNS = ["date", "capital", "topic", "stance", "speaker", "quote", "source_url", "notes", "extra"]


@st.composite
def csv_files(draw) -> bytes:
    header = draw(st.lists(st.sampled_from([*COLUMNS, "Date", "x", ""]), min_size=1, max_size=9))
    rows = draw(
        st.lists(
            st.lists(
                st.one_of(
                    TEXT,
                    st.sampled_from(
                        [
                            "2025-03-01",
                            "0000-00-00",
                            "2026-02-30",
                            "99999-01-01",
                            "Paris",
                            "Kremlin",
                            "deny",
                            "confirm",
                            "no comment",
                            "https://example.org/x",
                            "javascript:alert(1)",
                        ]
                    ),
                ),
                min_size=len(header) - 1,
                max_size=len(header) + 1,
            ),
            max_size=6,
        )
    )
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=draw(st.sampled_from([",", ";", "\t"])))
    writer.writerow(header)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1"]))
    return buf.getvalue().encode(encoding, errors="replace")


RUNS = settings(max_examples=int(os.environ.get("STANCEWATCH_HYPOTHESIS_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip


@RUNS
@given(data=st.binary(max_size=2_000))
def test_random_bytes_never_crash_and_never_write_garbage(
    seeded: duckdb.DuckDBPyConnection, data: bytes
) -> None:
    before = integrity.snapshot(seeded)
    check_report(ingest_bytes(seeded, data, file_name="random.bin", by="h"), before, seeded)


@RUNS
@given(data=csv_files(), skip_invalid=st.booleans())
def test_generated_csv_never_crashes_and_keeps_the_store_sound(
    seeded: duckdb.DuckDBPyConnection, data: bytes, skip_invalid: bool
) -> None:
    before = integrity.snapshot(seeded)
    report = ingest_bytes(seeded, data, file_name="gen.csv", by="h", skip_invalid=skip_invalid)
    check_report(report, before, seeded)
    if report.written:
        assert (
            report.rows_inserted + report.rows_duplicate + report.rows_rejected == report.rows_read
        )
