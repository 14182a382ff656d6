"""SQL payloads in every filter of every read query are bound, never spliced: taken literally."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from stancewatch import integrity, sql, stress
from stancewatch.ingest import ingest_bytes
from stancewatch.params import COMMON, Filters
from tests.conftest import good_row, make_csv

PAYLOADS = [
    "' OR 1=1 --",
    "'); DROP TABLE statements; --",
    "Paris' OR '1'='1",
    '" OR ""="',
    "x" * 10_000,
    "Ра\u0440is",  # Cyrillic homoglyphs
    "Paris\u202e--",  # right-to-left override
    "Pa\u200bris",  # zero-width space
    "＇ ＯＲ １＝１ －－",  # full-width quote and words
    "%",
    "_",
    "\\",
    "$text",
    "?",
    "\x00",
    "1; SELECT * FROM batches",
    "' UNION SELECT name, aliases FROM capitals --",
]
FILTERED = [n for n in stress.reader_queries() if set(COMMON) <= set(sql.load(n).params)]


def test_every_filtered_query_is_covered() -> None:
    assert len(FILTERED) >= 14 and "analytics/statements" in FILTERED


def literal_hits(con: duckdb.DuckDBPyConnection, payload: str) -> int:
    """Statements whose quote, speaker or topic hold the payload as typed (ignoring case)."""
    rows = sql.df(con, "export/statements")
    text = rows["quote"].fillna("") + "\x1f" + rows["speaker"].fillna("") + "\x1f" + rows["topic"]
    return int(text.str.casefold().str.contains(payload.casefold(), regex=False).sum())


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_every_filter_of_every_query(
    seeded: duckdb.DuckDBPyConnection, payload: str
) -> None:
    before = integrity.snapshot(seeded, data_only=True)
    as_list = Filters(capitals=[payload], topics=[payload], stances=[payload], speakers=[payload])
    as_text = Filters(text=payload)
    for name in FILTERED:
        base = stress.default_params(name)
        for filters, expected in ((as_list, 0), (as_text, literal_hits(seeded, payload))):
            frame = sql.df(seeded, name, {**base, **filters.params()})
            if name in ("analytics/kpis", "stats/totals"):
                assert int(frame["statements"].iloc[0]) == expected, name
            elif name == "stats/stance_counts":
                assert int(frame["statements"].sum()) == expected, name
            elif expected == 0 and name != "analytics/filter_options":
                assert frame.empty, (name, frame.head())
    assert integrity.snapshot(seeded, data_only=True) == before
    assert sql.scalar(seeded, "load/batch_count") == 1


@pytest.mark.parametrize("payload", PAYLOADS[:5] + PAYLOADS[9:12])
def test_a_stored_payload_is_found_by_exactly_itself(
    seeded: duckdb.DuckDBPyConnection, payload: str
) -> None:
    quote = f"Synthetic {payload} end"
    row = good_row(quote=quote, speaker=payload[:300], topic=f"T {payload[:250]}")
    assert ingest_bytes(seeded, make_csv([row]), file_name="p.csv", by="t").written
    hits = sql.df(seeded, "analytics/statements",
                  {**stress.default_params("analytics/statements"), **Filters(text=payload).params()})  # fmt: skip
    assert hits["quote"].tolist() == [quote]
    listed = Filters(
        speakers=[payload[:300]], start_on=dt.date(2025, 3, 1), end_on=dt.date(2025, 3, 1)
    )
    counts = sql.df(seeded, "stats/totals", listed.params())
    assert int(counts["statements"].iloc[0]) == 1


@pytest.mark.parametrize("name", ["grain", "sort"])
def test_choices_outside_the_allow_list_never_reach_duckdb(
    seeded: duckdb.DuckDBPyConnection, name: str
) -> None:
    query = "analytics/stance_share" if name == "grain" else "analytics/statements"
    for payload in PAYLOADS[:4]:
        with pytest.raises(ValueError, match=f"{name} must be one of"):
            sql.df(seeded, query, {**stress.default_params(query), name: payload})


def test_only_http_links_are_ever_made() -> None:
    from components.text import safe_url

    for url in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                "java\tscript:alert(1)", "data:text/html,<script>x</script>", "vbscript:x",
                "//evil.example/x", "/relative", "file:///etc/passwd", "http:/no-host", None, 3):  # fmt: skip
        assert safe_url(url) is None, url
    assert safe_url(" https://example.org/a?b=<c> ") == "https://example.org/a?b=<c>"
