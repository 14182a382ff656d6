"""Each analytics query on a small hand-built fixture whose expected rows were worked out by hand.

The fixture (synthetic, arrival order = line order):
  line  date        capital  topic  stance      note
  2     2025-01-01  Paris    A      no_comment
  3     2025-01-05  Paris    A      confirm     change after 4 days
  4     2025-01-05  Moscow   A      deny
  5     2025-01-05  Moscow   A      no_comment  same day, other stance: a change (0 days), mixed day
  6     2025-02-10  Moscow   A      confirm     change after 36 days
  7     2025-03-01  Kyiv     A      deny        a capital with a single statement
  8     2025-01-10  Paris    B      deny        quote with accents (démentons)
  9     2025-02-20  Paris    B      deny        Cyrillic quote with ё; no change
  10    2025-02-20  Moscow   B      confirm
  11    2025-03-15  Paris    B      confirm     change after 23 days
  12    2025-03-10  Kyiv     C      deny        title with a comma, quotes and Cyrillic
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from stancewatch import sql
from stancewatch.ingest import ingest_bytes
from stancewatch.params import Filters
from tests.conftest import make_csv

A = "Synthetic claim A"
B = "Synthetic claim B"
C = 'Synthetic claim C, with "quotes" and «Кириллица»'
D = dt.date
FIXTURE = [
    ["2025-01-01", "Paris", A, "no_comment", "Speaker P", "Synthetic a1", ""],
    ["2025-01-05", "Paris", A, "confirm", "Speaker P", "Synthetic a2", ""],
    ["2025-01-05", "Moscow", A, "deny", "Speaker M", "Synthetic a3", ""],
    ["2025-01-05", "Moscow", A, "no_comment", "Speaker M", "Synthetic a4", ""],
    ["2025-02-10", "Moscow", A, "confirm", "Speaker M", "Synthetic a5", ""],
    ["2025-03-01", "Kyiv", A, "deny", "Speaker K", "Synthetic a6", ""],
    ["2025-01-10", "Paris", B, "deny", "Speaker P", "Synthetic: nous démentons", ""],
    ["2025-02-20", "Paris", B, "deny", "Speaker P", "Synthetic: ещё раз, это фейк", ""],
    ["2025-02-20", "Moscow", B, "confirm", "Speaker M", "Synthetic b3", ""],
    ["2025-03-15", "Paris", B, "confirm", "Speaker P", "Synthetic b4", ""],
    ["2025-03-10", "Kyiv", C, "deny", "Speaker K", "Synthetic c1", ""],
]


@pytest.fixture
def fx(store: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    report = ingest_bytes(store, make_csv(FIXTURE), file_name="fixture.csv", by="test")
    assert report.rows_inserted == len(FIXTURE), report.summary()
    return store


def run(con: duckdb.DuckDBPyConnection, name: str, filters: Filters | None = None, **extra):
    if name in ("stance_changes", "topic_timeline", "stance_runs"):
        extra.setdefault("limit", None)
    return sql.df(con, f"analytics/{name}", {**(filters or Filters()).params(), **extra})


def dates(series) -> list[dt.date]:
    return [v.date() for v in series]


# ---- stance_changes -------------------------------------------------------------------------


def records(frame: pd.DataFrame) -> list[tuple]:
    """Rows as tuples, any missing value as None (a column of one missing value has no str type)."""
    return [tuple(None if pd.isna(v) else v for v in row) for row in frame.itertuples(index=False)]


def test_stance_changes_all(fx: duckdb.DuckDBPyConnection) -> None:
    got = run(fx, "stance_changes")
    rows = list(
        zip(got.capital, got.topic, got.previous_stance, got.stance, got.days_between, strict=True)
    )
    assert rows == [
        ("Paris", B, "deny", "confirm", 23),
        ("Moscow", A, "no_comment", "confirm", 36),
        ("Moscow", A, "deny", "no_comment", 0),
        ("Paris", A, "no_comment", "confirm", 4),
    ]
    paris_a = got[(got.capital == "Paris") & (got.topic == A)].iloc[0]
    assert paris_a.previous_quote == "Synthetic a1" and paris_a.quote == "Synthetic a2"
    assert paris_a.previous_speaker == "Speaker P"


def test_date_filter_between_a_statement_and_its_change_keeps_the_change(fx) -> None:
    got = run(fx, "stance_changes", Filters(start_on=D(2025, 1, 3), capitals=["Paris"]))
    first = got[got.topic == A].iloc[0]
    assert first.previous_on.date() == D(2025, 1, 1)  # looked up outside the window
    assert len(got) == 2
    assert run(fx, "stance_changes", Filters(end_on=D(2025, 1, 4))).empty  # nothing invented


def test_stance_changes_limit_keeps_the_newest(fx) -> None:
    got = run(fx, "stance_changes", limit=2)
    assert got.stated_on.tolist() == [pd.Timestamp("2025-03-15"), pd.Timestamp("2025-02-10")]


def test_date_filter_hides_changes_outside_the_window(fx) -> None:
    got = run(fx, "stance_changes", Filters(start_on=D(2025, 1, 6)))
    assert sorted(zip(got.capital, got.topic, strict=True)) == [("Moscow", A), ("Paris", B)]


# ---- latest_stance and divergence -----------------------------------------------------------


def test_latest_stance_all(fx) -> None:
    got = run(fx, "latest_stance").set_index(["capital", "topic"])
    assert got.loc[("Paris", A), "stance"] == "confirm"
    assert got.loc[("Moscow", A), "stance"] == "confirm"
    assert got.loc[("Moscow", A), "statements"] == 3
    assert got.loc[("Kyiv", A), ["stance", "statements"]].tolist() == ["deny", 1]
    assert got.loc[("Paris", B), "stated_on"].date() == D(2025, 3, 15)
    assert not got["is_mixed"].any()
    assert len(got) == 6


def test_latest_stance_mixed_last_day_takes_the_later_arrival(fx) -> None:
    got = run(fx, "latest_stance", Filters(end_on=D(2025, 1, 31))).set_index(["capital", "topic"])
    moscow = got.loc[("Moscow", A)]
    assert moscow.stance == "no_comment" and bool(moscow.is_mixed)
    assert list(moscow.last_day_stances) == ["deny", "no_comment"]
    assert got.loc[("Paris", B), "stance"] == "deny"


def test_divergence(fx) -> None:
    got = run(fx, "divergence")
    assert got.topic.tolist() == [A]  # B: Paris and Moscow both confirm now; C: one capital
    row = got.iloc[0]
    assert list(row.confirm) == ["Moscow", "Paris"] and list(row.deny) == ["Kyiv"]
    assert list(row.no_comment) == []
    assert [s["capital"] for s in row.latest] == ["Kyiv", "Moscow", "Paris"]
    early = run(fx, "divergence", Filters(end_on=D(2025, 1, 31)))
    assert early.topic.tolist() == [A]
    assert list(early.iloc[0].no_comment) == ["Moscow"] and list(early.iloc[0].confirm) == ["Paris"]


# ---- transitions and time_to_confirm --------------------------------------------------------


def test_transitions(fx) -> None:
    got = run(fx, "transitions")
    rows = list(
        zip(
            got.capital,
            got.previous_stance,
            got.stance,
            got.transitions,
            got.is_change,
            strict=True,
        )
    )
    assert rows == [
        ("Moscow", "deny", "no_comment", 1, True),
        ("Moscow", "no_comment", "confirm", 1, True),
        ("Paris", "deny", "confirm", 1, True),
        ("Paris", "deny", "deny", 1, False),
        ("Paris", "no_comment", "confirm", 1, True),
    ]


def test_time_to_confirm(fx) -> None:
    got = run(fx, "time_to_confirm")
    rows = list(
        zip(
            got.capital,
            got.topic,
            got.days_to_confirm,
            [None if pd.isna(s) else s for s in got.stance_before_confirm],
            got.statements_before_confirm,
            strict=True,
        )
    )
    assert rows == [
        ("Paris", B, 64, "deny", 2),
        ("Moscow", A, 36, "no_comment", 2),
        ("Paris", A, 4, "no_comment", 1),
        ("Moscow", B, 0, None, 0),
    ]
    assert dates(got.first_on) == [D(2025, 1, 10), D(2025, 1, 5), D(2025, 1, 1), D(2025, 2, 20)]


@pytest.mark.parametrize(
    "narrow", [{"topics": [A]}, {"capitals": ["Paris"]}, {"topics": [B], "capitals": ["Moscow"]}]
)
def test_time_to_confirm_narrowed_keeps_full_histories(fx, narrow: dict) -> None:
    """A capital or topic filter only selects rows: each is the one the whole history gives."""
    whole = run(fx, "time_to_confirm")
    keep = whole.topic.isin(narrow.get("topics", whole.topic)) & whole.capital.isin(
        narrow.get("capitals", whole.capital)
    )
    got = run(fx, "time_to_confirm", Filters(**narrow))
    assert len(got) > 0
    assert records(got) == records(whole[keep])


# ---- trends ---------------------------------------------------------------------------------


def test_stance_share_by_month(fx) -> None:
    got = run(fx, "stance_share", grain="month")
    rows = {
        (p.date(), c, s): (n, round(share, 4))
        for p, c, s, n, share in zip(
            got.period, got.capital, got.stance, got.statements, got.share, strict=True
        )
    }
    third = round(1 / 3, 4)
    assert rows == {
        (D(2025, 1, 1), "Moscow", "deny"): (1, 0.5),
        (D(2025, 1, 1), "Moscow", "no_comment"): (1, 0.5),
        (D(2025, 1, 1), "Paris", "confirm"): (1, third),
        (D(2025, 1, 1), "Paris", "deny"): (1, third),
        (D(2025, 1, 1), "Paris", "no_comment"): (1, third),
        (D(2025, 2, 1), "Moscow", "confirm"): (2, 1.0),
        (D(2025, 2, 1), "Paris", "deny"): (1, 1.0),
        (D(2025, 3, 1), "Kyiv", "deny"): (2, 1.0),
        (D(2025, 3, 1), "Paris", "confirm"): (1, 1.0),
    }
    assert got.share.notna().all()


def test_stance_share_by_year_and_week(fx) -> None:
    year = run(fx, "stance_share", Filters(capitals=["Paris"]), grain="year")
    assert dict(zip(year.stance, year.share, strict=True)) == {
        "confirm": 0.4,
        "deny": 0.4,
        "no_comment": 0.2,
    }
    week = run(fx, "stance_share", Filters(capitals=["Kyiv"]), grain="week")
    assert dates(week.period) == [D(2025, 2, 24), D(2025, 3, 10)]  # weeks start on Monday


def test_silence_rate(fx) -> None:
    got = run(fx, "silence_rate", grain="month")
    rows = {
        (p.date(), c): (n, nc, round(r, 4))
        for p, c, n, nc, r in zip(
            got.period, got.capital, got.statements, got.no_comment, got.silence_rate, strict=True
        )
    }
    assert rows == {
        (D(2025, 1, 1), "Moscow"): (2, 1, 0.5),
        (D(2025, 1, 1), "Paris"): (3, 1, round(1 / 3, 4)),
        (D(2025, 2, 1), "Moscow"): (2, 0, 0.0),
        (D(2025, 2, 1), "Paris"): (1, 0, 0.0),
        (D(2025, 3, 1), "Kyiv"): (2, 0, 0.0),
        (D(2025, 3, 1), "Paris"): (1, 0, 0.0),
    }


def test_grain_outside_the_allow_list_is_refused(fx) -> None:
    with pytest.raises(ValueError, match="grain must be one of"):
        run(fx, "stance_share", grain="month'); DROP TABLE statements; --")


# ---- timeline, statements table, kpis, filter options ---------------------------------------


def test_topic_timeline(fx) -> None:
    got = run(fx, "topic_timeline", Filters(topics=[B]))
    assert got.quote.tolist() == [
        "Synthetic: nous démentons",
        "Synthetic: ещё раз, это фейк",
        "Synthetic b3",
        "Synthetic b4",
    ]
    assert got.is_change.tolist() == [False, False, False, True]
    assert got.source_url.isna().all() and (got.batch_id == 1).all()
    # next_on: the same capital's next statement on the topic, from its full history.
    assert [None if pd.isna(d) else d.date() for d in got.next_on] == [
        D(2025, 2, 20),
        D(2025, 3, 15),
        None,
        None,
    ]


PAGE = {"sort": "stated_on", "descending": True, "limit": 50, "offset": 0}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DEMENTONS", ["Synthetic: nous démentons"]),  # accents ignored
        ("ЕЩЕ", ["Synthetic: ещё раз, это фейк"]),  # Cyrillic, case and ё ignored
        ("фейк", ["Synthetic: ещё раз, это фейк"]),
        ("кириллица", ["Synthetic c1"]),  # matches the topic title
        ("speaker k", ["Synthetic c1", "Synthetic a6"]),  # matches the speaker
        ("%", []),  # a literal, not a wildcard
        ("nothing like this", []),
    ],
)
def test_statements_text_search(fx, text: str, expected: list[str]) -> None:
    got = run(fx, "statements", Filters(text=text), **PAGE)
    assert got.quote.tolist() == expected


def test_statements_sorting_and_paging(fx) -> None:
    newest = run(fx, "statements", **PAGE)
    assert newest.quote.iloc[0] == "Synthetic b4" and newest.total_rows.iloc[0] == 11
    by_capital = run(fx, "statements", **{**PAGE, "sort": "capital", "descending": False})
    assert by_capital.capital.tolist()[:2] == ["Kyiv", "Kyiv"]
    page = run(fx, "statements", **{**PAGE, "limit": 4, "offset": 8})
    assert len(page) == 3 and (page.total_rows == 11).all()
    assert run(fx, "statements", **{**PAGE, "offset": 11}).empty
    with pytest.raises(ValueError, match="sort must be one of"):
        run(fx, "statements", **{**PAGE, "sort": "quote; DROP TABLE statements"})


def test_kpis_window_and_previous_window(fx) -> None:
    got = run(fx, "kpis", Filters(start_on=D(2025, 2, 1), end_on=D(2025, 3, 31))).iloc[0]
    assert got.previous_start.date() == D(2024, 12, 4) and got.previous_end.date() == D(2025, 1, 31)
    assert (got.statements, got.topics, got.changes) == (6, 3, 2)
    assert (got.previous_statements, got.previous_topics, got.previous_changes) == (5, 2, 2)


def test_kpis_open_window_uses_the_data_bounds(fx) -> None:
    got = run(fx, "kpis").iloc[0]
    assert got.window_start.date() == D(2025, 1, 1) and got.window_end.date() == D(2025, 3, 15)
    assert (got.statements, got.topics, got.changes) == (11, 3, 4)
    assert got.previous_statements == 0


def test_filter_options(fx) -> None:
    got = sql.df(fx, "analytics/filter_options", {"list_limit": 500}).iloc[0]
    assert list(got.capitals) == ["Kyiv", "Moscow", "Paris"]
    assert list(got.topics) == [B, C, A]  # most recent activity first
    assert got.topic_count == 3
    assert list(got.speakers) == ["Speaker K", "Speaker M", "Speaker P"]
    assert got.first_on.date() == D(2025, 1, 1) and got.last_on.date() == D(2025, 3, 15)


def test_filter_options_lists_the_most_recent_topics_and_counts_all(fx) -> None:
    got = sql.df(fx, "analytics/filter_options", {"list_limit": 2}).iloc[0]
    assert list(got.topics) == [B, C] and got.topic_count == 3
    # the two most recently active speakers (P on 15 Mar, K on 10 Mar), by name
    assert list(got.speakers) == ["Speaker K", "Speaker P"] and got.speaker_count == 3


def test_speaker_options_search_keep_the_chosen_and_cut(fx) -> None:
    def options(find=None, chosen=(), limit=500):
        got = sql.df(
            fx, "analytics/speaker_options", {"find": find, "chosen": list(chosen), "limit": limit}
        )
        return list(got.itertuples(index=False, name=None))

    assert options() == [("Speaker K", False), ("Speaker M", False), ("Speaker P", False)]
    assert options("SPEAKER m") == [("Speaker M", False)]
    assert options("spéaker k") == [("Speaker K", False)]  # accents ignored
    assert options("%") == []  # literal
    assert options(limit=1) == [("Speaker P", False)]  # the most recently active
    assert options(chosen=["Speaker M", "Nobody"], limit=1) == [
        ("Speaker M", True),
        ("Speaker P", False),
    ]


def topic_options(con, text=None, chosen=(), limit=500) -> list[tuple[str, bool]]:
    got = sql.df(
        con, "analytics/topic_options", {"find": text, "chosen": list(chosen), "limit": limit}
    )
    return list(got.itertuples(index=False, name=None))


def test_topic_options_match_words_ignoring_case_and_accents(fx) -> None:
    assert topic_options(fx) == [(B, False), (C, False), (A, False)]
    assert topic_options(fx, "CLAIM a") == [(A, False)]
    assert topic_options(fx, "кириллица") == [(C, False)]
    assert topic_options(fx, '"quotes"') == [(C, False)]  # literal: no wildcard, no injection
    assert topic_options(fx, "%") == [] and topic_options(fx, "nothing like it") == []


def test_topic_options_keep_the_chosen_first_and_beyond_the_limit(fx) -> None:
    assert topic_options(fx, limit=1) == [(B, False)]
    assert topic_options(fx, chosen=[A], limit=1) == [(A, True), (B, False)]
    assert topic_options(fx, "claim b", chosen=[A, C], limit=1) == [
        (C, True),
        (A, True),
        (B, False),
    ]
    # a title no statement is about is not a choice, chosen or not
    fx.execute("INSERT INTO topics (title) VALUES ('Synthetic claim D, no statements')")
    assert topic_options(fx, "claim d", chosen=["Synthetic claim D, no statements", "Nope"]) == []


# ---- every query: an empty result, and values taken literally -------------------------------

COMMON_QUERIES = [
    n.split("/", 1)[1]
    for n in sql.all_names()
    if n.startswith("analytics/") and "capitals" in sql.load(n).params
]
EXTRA = {"grain": "month", "by_changes": True, **PAGE}  # PAGE has limit too


@pytest.mark.parametrize("name", COMMON_QUERIES)
def test_empty_result(fx, name: str) -> None:
    extra = {k: v for k, v in EXTRA.items() if k in sql.load(f"analytics/{name}").params}
    got = run(fx, name, Filters(capitals=["Atlantis"]), **extra)
    if name == "kpis":
        counts = ["statements", "topics", "changes"]
        counts += [f"previous_{c}" for c in counts]
        assert got[counts].iloc[0].tolist() == [0] * 6
    else:
        assert got.empty


@pytest.mark.parametrize("name", COMMON_QUERIES)
def test_values_are_bound_literally(fx, name: str) -> None:
    extra = {k: v for k, v in EXTRA.items() if k in sql.load(f"analytics/{name}").params}
    hostile = Filters(capitals=["x' OR 1=1 --"], text="'); DROP TABLE statements; --")
    got = run(fx, name, hostile, **extra)
    assert got.empty or int(got.statements.iloc[0]) == 0
    # A title holding a comma, quotes and Cyrillic is one list item, matched exactly.
    only_c = run(fx, name, Filters(topics=[C]), **extra)
    if name in ("topic_timeline", "statements", "latest_stance"):
        assert only_c.quote.tolist() == ["Synthetic c1"]
    assert fx.execute("SELECT count(*) FROM statements").fetchall() == [(11,)]


def test_topic_activity(fx) -> None:
    recent = run(fx, "topic_activity", by_changes=False, limit=None)
    assert recent.topic.tolist() == [B, C, A]
    assert recent.set_index("topic").loc[A, ["statements", "capitals", "changes"]].tolist() == [
        6,
        3,
        3,
    ]
    most_changed = run(fx, "topic_activity", by_changes=True, limit=1)
    assert most_changed.topic.tolist() == [A]
    window = run(fx, "topic_activity", Filters(start_on=D(2025, 3, 1)), by_changes=True, limit=None)
    assert dict(zip(window.topic, window.changes, strict=True)) == {B: 1, C: 0, A: 0}


def test_data_version_changes_with_every_batch(fx) -> None:
    before = sql.rows(fx, "live/data_version")[0]
    report = ingest_bytes(
        fx, make_csv([["2025-04-01", "Kyiv", A, "confirm", "Speaker K", "Synthetic a7", ""]]),
        file_name="more.csv", by="test",
    )  # fmt: skip
    after = sql.rows(fx, "live/data_version")[0]
    assert report.rows_inserted == 1
    assert after[:3] == (before[0] + 1, before[1] + 1, 0) and after[3] >= before[3]


def test_stance_runs(fx) -> None:
    got = run(fx, "stance_runs", Filters(topics=[A]))
    rows = [
        (c, s, a.date(), None if pd.isna(e) else e.date(), n, bool(ch))
        for c, s, a, e, n, ch in zip(
            got.capital, got.stance, got.start_on, got.end_on, got.statements, got.is_change,
            strict=True,
        )
    ]  # fmt: skip
    assert rows == [
        ("Kyiv", "deny", D(2025, 3, 1), None, 1, False),
        ("Moscow", "deny", D(2025, 1, 5), D(2025, 1, 5), 1, False),
        ("Moscow", "no_comment", D(2025, 1, 5), D(2025, 2, 10), 1, True),
        ("Moscow", "confirm", D(2025, 2, 10), None, 1, True),
        ("Paris", "no_comment", D(2025, 1, 1), D(2025, 1, 5), 1, False),
        ("Paris", "confirm", D(2025, 1, 5), None, 1, True),
    ]
    b = run(fx, "stance_runs", Filters(topics=[B], capitals=["Paris"]))
    assert b.statements.tolist() == [2, 1] and b.quote.tolist()[0] == "Synthetic: nous démentons"
    window = run(fx, "stance_runs", Filters(topics=[A], start_on=D(2025, 2, 1)))
    assert len(window) == 4  # runs that ended before February are gone
    newest = run(fx, "stance_runs", Filters(topics=[A]), limit=2)
    assert sorted(newest.start_on.dt.date) == [D(2025, 2, 10), D(2025, 3, 1)]


def test_topic_timeline_limit_keeps_the_newest(fx) -> None:
    got = run(fx, "topic_timeline", Filters(topics=[A]), limit=2)
    assert got.quote.tolist() == ["Synthetic a5", "Synthetic a6"]


def test_a_stance_filter_never_picks_an_older_statement_as_latest(fx) -> None:
    """Moscow's latest on A is confirm: asking for deny must not bring back its January denial."""
    got = run(fx, "latest_stance", Filters(topics=[A], stances=["deny"]))
    assert sorted(zip(got.capital, got.stance, strict=True)) == [("Kyiv", "deny")]
    both = run(fx, "divergence", Filters(stances=["deny"]))
    assert both.topic.tolist() == [A]
    assert run(fx, "divergence", Filters(stances=["no_comment"])).empty


def test_history_queries_follow_text_and_speaker_filters(fx) -> None:
    """filtered_links: a text search goes through the statements' words, a speaker filter not."""
    by_text = run(fx, "stance_changes", Filters(text="SYNTHETIC A5"))
    assert by_text.quote.tolist() == ["Synthetic a5"]
    by_speaker = run(fx, "transitions", Filters(speakers=["Speaker M"]))
    assert by_speaker.transitions.sum() == 2 and set(by_speaker.capital) == {"Moscow"}
    kpis = run(fx, "kpis", Filters(text="démentons")).iloc[0]
    assert (kpis.statements, kpis.changes) == (1, 0)
