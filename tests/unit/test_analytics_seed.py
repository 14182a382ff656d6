"""The analytics queries on the real seed: the stance changes it documents are found.

The expected counts were checked against data/statements_seed.csv in two ways: an independent
computation below (plain csv module, no SQL), and by reading the rows of several topics by hand
(e.g. "Bonne visit to Moscow (Feb 2026)": lines 10-13; "Russian drone incursion into Polish
airspace (Sept 2025)": lines 111-115, three Moscow statements on one day: deny, no_comment, deny).
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from collections import Counter, defaultdict

import duckdb

from stancewatch import sql
from stancewatch.params import Filters
from tests.conftest import SEED

BONNE = "Bonne visit to Moscow (Feb 2026)"
SEED_CHANGES = {"Kyiv": 5, "Moscow": 16, "Paris": 3}


def changes_from_csv() -> Counter[str]:
    """Stance changes straight from the CSV: per capital and topic, by date then file order."""
    by_key: dict[tuple[str, str], list[tuple[str, int, str]]] = defaultdict(list)
    with SEED.open(encoding="utf-8") as f:
        for line, row in enumerate(csv.DictReader(f)):
            by_key[(row["capital"], row["topic"])].append((row["date"], line, row["stance"]))
    counts: Counter[str] = Counter()
    for (capital, _), rows in by_key.items():
        rows.sort()
        counts[capital] += sum(a[2] != b[2] for a, b in itertools.pairwise(rows))
    return counts


def changes(con: duckdb.DuckDBPyConnection, **filters: object):
    return sql.df(con, "analytics/stance_changes", {**Filters(**filters).params(), "limit": None})


def test_seed_change_count_per_capital(seeded: duckdb.DuckDBPyConnection) -> None:
    got = changes(seeded)
    assert dict(Counter(got.capital)) == SEED_CHANGES
    assert dict(changes_from_csv()) == SEED_CHANGES
    assert len(got) == 24


def test_bonne_visit_paris_and_moscow_move_to_confirm(seeded: duckdb.DuckDBPyConnection) -> None:
    got = changes(seeded, topics=[BONNE]).set_index("capital")
    paris, moscow = got.loc["Paris"], got.loc["Moscow"]
    assert (paris.previous_stance, paris.stance) == ("no_comment", "confirm")
    assert paris.previous_on.date() == dt.date(2026, 2, 4)
    assert paris.stated_on.date() == dt.date(2026, 2, 10)
    assert (moscow.previous_stance, moscow.stance) == ("no_comment", "confirm")
    assert moscow.stated_on.date() == dt.date(2026, 2, 10) and moscow.speaker == "Dmitry Peskov"
    assert "можем подтвердить" in moscow.quote


def test_a_window_on_the_change_day_still_finds_its_predecessor(seeded) -> None:
    got = changes(seeded, topics=[BONNE], start_on=dt.date(2026, 2, 10))
    assert sorted(got.capital) == ["Moscow", "Paris"]
    assert sorted(d.date() for d in got.previous_on) == [dt.date(2026, 2, 4), dt.date(2026, 2, 5)]


def test_seed_latest_stance_and_kpis_agree(seeded: duckdb.DuckDBPyConnection) -> None:
    latest = sql.df(seeded, "analytics/latest_stance", Filters().params())
    assert latest.statements.sum() == 207
    kpis = sql.df(seeded, "analytics/kpis", Filters().params()).iloc[0]
    assert (kpis.statements, kpis.topics, kpis.changes) == (207, 58, 24)
    transitions = sql.df(seeded, "analytics/transitions", Filters().params())
    assert transitions[transitions.is_change].transitions.sum() == 24
