"""contract: the schema's URL check, written without \\s so that pandas can run it in Arrow, accepts
and refuses exactly what Python's re with \\s does."""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pandera
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stancewatch import contract

PYTHON_URL = re.compile(r"^https?://[^\s]+$")
SPACES = [chr(c) for c in range(0x110000) if re.match(r"\s", chr(c))]
URLS = [
    "https://example.org/synthetic",
    "http://x",
    "https://",
    "ftp://example.org",
    " https://example.org",
    "https://exa mple.org",
    "https://example.org/\u00a0x",
    "https://example.org/\u2028",
    "https://example.org/\x1c",
    "https://example.org/\u200b",  # zero-width space is not whitespace to Python
    "https://example.org/Ёлка",
    "https://example.org\n",  # Python's $ also matches before a final newline
    "https://example.org\nx",
    "HTTPS://example.org",
]


def test_space_chars_are_pythons_whitespace() -> None:
    assert list(contract.SPACE_CHARS) == SPACES


def _schema_accepts(values: list[str]) -> list[bool]:
    frame = pd.DataFrame({"source_url": pd.Series(values, dtype="str")})
    schema = pandera.DataFrameSchema(
        {"source_url": contract.statement_schema([]).columns["source_url"]}
    )
    try:
        schema.validate(frame, lazy=True)
        return [True] * len(values)
    except pandera.errors.SchemaErrors as exc:
        bad = set(exc.failure_cases["index"].dropna().astype(int))
    return [i not in bad for i in range(len(values))]


@pytest.mark.parametrize("with_newline", [False, True])
def test_url_check_equals_pythons_pattern(with_newline: bool) -> None:
    # A column holding a newline goes through Python's re (pandas' own fallback for `$`), one
    # without through Arrow's RE2: both must agree with the \s pattern.
    urls = [u for u in URLS if with_newline or "\n" not in u] + [f"https://a{s}b" for s in SPACES]
    expected = [PYTHON_URL.match(u) is not None for u in urls]
    assert _schema_accepts(urls) == expected
    assert re.compile(contract.URL_PATTERN).match("https://a b") is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=8), max_size=8)
)
def test_url_check_equals_pythons_pattern_on_any_text(tails: list[str]) -> None:
    urls = [f"https://{t}" for t in tails] + tails
    assert _schema_accepts(urls) == [PYTHON_URL.match(u) is not None for u in urls]
