"""The column-wise fold and fingerprints give exactly what the one-value versions give."""

from __future__ import annotations

import hashlib

import duckdb
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stancewatch import ingest, normalise, sql

TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40) | st.sampled_from(
    [
        "Élysée",
        "  Kremlin-  ",
        "Ёлка Київ",
        "ǅ ß ﬁ",
        "a\u0301\u0308b",
        "x.y/z’w",
        "\U0001dfcd",
        "\u2003a\u0085b",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=20))
def test_fold_series_equals_fold(values: list[str]) -> None:
    column = pd.Series(values, dtype="str")
    assert normalise.fold_series(column).tolist() == [normalise.fold(v) for v in values]


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT | st.none(), min_size=1, max_size=20))
def test_fold_series_keeps_missing_values_missing(values: list[str | None]) -> None:
    """by_distinct hands the fold its missing value as one more distinct value, in a column
    pandas made of two pieces."""
    column = pd.Series(values, dtype="str")
    assert normalise.fold_series(column).fillna("<NA>").tolist() == [
        "<NA>" if v is None else normalise.fold(v) for v in values
    ]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(TEXT, TEXT, TEXT, st.sampled_from(["confirm", "deny"])), min_size=1, max_size=10
    )
)
def test_fingerprints_equal_the_one_row_function(rows) -> None:
    frame = pd.DataFrame(
        {
            "stated_on": pd.to_datetime(["2025-03-01"] * len(rows)),
            "capital": "Paris",
            "topic": [t or "t" for t, _, _, _ in rows],
            "speaker": pd.Series([s or None for _, s, _, _ in rows], dtype="str"),
            "quote": pd.Series([q or None for _, _, q, _ in rows], dtype="str"),
            "stance": [st_ for _, _, _, st_ in rows],
        }
    )
    expected = [
        ingest.fingerprint("2025-03-01", "Paris", t or "t", s or "", q or "", st_)
        for t, s, q, st_ in rows
    ]
    with duckdb.connect() as con:
        assert ingest._fingerprints(con, frame).tolist() == expected


def test_fingerprints_query_hashes_each_key_in_order() -> None:
    n = 3_000
    parts = {"day": ["2025-03-01"] * n, "capital": ["Paris"] * n,
             "topic": [f"topic {i}" for i in range(n)], "speaker": [""] * n,
             "words": [f"words {i} Ёлка" for i in range(n)]}  # fmt: skip
    keys = ["\x1f".join(row) for row in zip(*parts.values(), strict=True)]
    with duckdb.connect() as con:
        con.register("fingerprint_parts", pa.table(parts))
        hashed = sql.arrow(con, "ingest/fingerprints").column("fingerprint").to_pylist()
    assert keys[0] == "2025-03-01\x1fParis\x1ftopic 0\x1f\x1fwords 0 Ёлка"
    assert hashed == [hashlib.sha256(k.encode("utf-8")).hexdigest() for k in keys]


def test_fingerprints_query_gives_no_key_when_a_part_is_missing() -> None:
    """A missing part is not left out of the key (the row would be keyed like one without it):
    the fingerprint is missing, and statements' NOT NULL refuses the row."""
    parts = {"day": ["2025-03-01"] * 2, "capital": ["Paris"] * 2, "topic": ["t"] * 2,
             "speaker": [None, ""], "words": ["w"] * 2}  # fmt: skip
    with duckdb.connect() as con:
        con.register("fingerprint_parts", pa.table(parts))
        hashed = sql.arrow(con, "ingest/fingerprints").column("fingerprint").to_pylist()
    assert hashed[0] is None and hashed[1] is not None


SEPARATORS = [" ", "\t", "\u00a0", "\u3000", "\x1c", "_", "-", ".", "/", "'", "’"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from([*SEPARATORS, "a", "É", "!"]), max_size=8), max_size=20))
def test_fold_series_collapses_separator_runs_as_fold_does(pieces: list[list[str]]) -> None:
    """A lone space is left as it is, any other run of separators becomes one space."""
    values = ["".join(p) for p in pieces] + ["a b", "a  b", "a - b", "a-b", " a ", "a\t b", "a' b"]
    column = pd.Series(values, dtype="str")
    assert normalise.fold_series(column).tolist() == [normalise.fold(v) for v in values]


@pytest.mark.parametrize(
    "values",
    [["Paris", "Kyiv", "Paris"], ["Paris", None, "Kyiv"], ["Paris", " Kyiv"], [None, None], []],
)
def test_by_distinct_gives_the_column_itself_only_when_every_value_is_normal(
    values: list[str | None],
) -> None:
    column = pd.Series(values, dtype="str", index=range(10, 10 + len(values)), name="capital")
    done = normalise.by_distinct(column, normalise.short_text)
    expected = normalise.short_text(column)
    assert done.index.tolist() == column.index.tolist() and done.dtype == expected.dtype
    assert done.fillna("<NA>").tolist() == expected.fillna("<NA>").tolist()
