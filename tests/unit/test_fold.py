"""The column-wise fold and fingerprints give exactly what the one-value versions give."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from stancewatch import ingest, normalise

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
    assert ingest._fingerprints(frame).tolist() == expected
    assert dt.date(2025, 3, 1)  # the date column is formatted as the one-row function expects
