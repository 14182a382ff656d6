"""Named queries: every file has its header, declares exactly the parameters it uses, and runs."""

from __future__ import annotations

import re

import duckdb
import pytest

from stancewatch import sql
from stancewatch.filters import Filters

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
