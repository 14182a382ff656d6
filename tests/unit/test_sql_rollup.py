"""The daily rollup stance_daily: stance share and silence rate read it, and give under every filter
exactly what the statements give (bench/stance_share_from_scratch is the from-scratch query).

Names the queries: "derived/rebuild_stance_daily", "derived/daily_version",
"derived/set_daily_version", "bench/stance_share_from_scratch".
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from stancewatch import backup, db, integrity, sql
from stancewatch.ingest import ingest_bytes
from stancewatch.params import GRAINS, Filters
from tests.conftest import good_row, make_csv


def share(con: duckdb.DuckDBPyConnection, filters: Filters, grain: str) -> pd.DataFrame:
    return sql.df(con, "analytics/stance_share", {**filters.params(), "grain": grain})


def from_scratch(con: duckdb.DuckDBPyConnection, filters: Filters, grain: str) -> pd.DataFrame:
    return sql.df(con, "bench/stance_share_from_scratch", {**filters.params(), "grain": grain})


def silence_from_share(frame: pd.DataFrame) -> pd.DataFrame:
    """The silence rate as the share table implies it: no_comment over all, per period and capital."""
    no_comment = frame["statements"].where(frame["stance"] == "no_comment", 0)
    out = (
        frame.assign(no_comment=no_comment)
        .groupby(["period", "capital"], sort=True)[["statements", "no_comment"]]
        .sum()
        .reset_index()
    )
    out["silence_rate"] = out["no_comment"] / out["statements"]
    return out


def filter_cases(con: duckdb.DuckDBPyConnection) -> list[Filters]:
    topic, other = (
        r[0] for r in con.execute("SELECT title FROM topics ORDER BY id LIMIT 2").fetchall()
    )
    speaker = con.execute(
        "SELECT speaker FROM statements WHERE speaker IS NOT NULL ORDER BY id LIMIT 1"
    ).fetchall()[0][0]
    return [
        Filters(),
        Filters(start_on=dt.date(2025, 6, 1)),
        Filters(end_on=dt.date(2025, 12, 31)),
        Filters(start_on=dt.date(2025, 1, 1), end_on=dt.date(2025, 12, 31)),
        Filters(capitals=["Paris"]),
        Filters(capitals=["Moscow", "Kyiv"], stances=["deny", "no_comment"]),
        Filters(stances=["confirm"]),
        Filters(topics=[topic]),
        Filters(topics=[topic, other], capitals=["Moscow"]),
        Filters(speakers=[speaker]),
        Filters(text="kremlin"),
        Filters(text="KREMLIN", end_on=dt.date(2025, 12, 31), stances=["deny", "no_comment"]),
        Filters(capitals=["Nowhere"]),
    ]


def test_share_and_silence_equal_the_statements_under_every_filter(seeded) -> None:
    cases = filter_cases(seeded)
    for filters in cases:
        for grain in GRAINS:
            got, want = share(seeded, filters, grain), from_scratch(seeded, filters, grain)
            pd.testing.assert_frame_equal(got, want, check_exact=True, obj=f"{filters} {grain}")
            silence = sql.df(seeded, "analytics/silence_rate", {**filters.params(), "grain": grain})
            pd.testing.assert_frame_equal(
                silence, silence_from_share(want), check_exact=True, check_dtype=False,
                obj=f"silence {filters} {grain}",
            )  # fmt: skip
    assert len(share(seeded, Filters(), "month")) > 20 and share(seeded, cases[-1], "month").empty


def test_default_filters_read_the_rollup_and_a_topic_filter_the_statements(seeded) -> None:
    """Damage the rollup (test only): the answers that read it change, the others do not."""
    share(seeded, Filters(), "month")  # built
    seeded.execute("UPDATE stance_daily SET statements = statements + 100")
    speaker = seeded.execute("SELECT max(speaker) FROM statements").fetchall()[0][0]
    for filters, reads_rollup in (
        (Filters(), True),
        (Filters(capitals=["Paris"], stances=["deny"], start_on=dt.date(2025, 1, 1)), True),
        (Filters(speakers=[speaker]), False),
        (Filters(text="a"), False),
    ):
        same = share(seeded, filters, "year").equals(from_scratch(seeded, filters, "year"))
        assert same != reads_rollup, filters


def test_the_rollup_follows_the_data_version(store) -> None:
    assert sql.scalar(store, "derived/daily_version") == ""
    assert share(store, Filters(), "year").empty  # a new database answers from the empty shell
    ingest_bytes(store, make_csv([good_row(stance="deny")]), file_name="a.csv", by="test")
    assert share(store, Filters(), "year")["statements"].tolist() == [1]
    version = sql.scalar(store, "derived/daily_version")
    assert version == f"{db.data_version(store)}|{db.DAILY_SHAPE}"
    # The rollup alone: stance_links is not rebuilt for a count.
    assert sql.scalar(store, "derived/links_version") == ""
    before = integrity.snapshot(store, data_only=True)
    ingest_bytes(store, make_csv([good_row(date="2025-03-02", quote="later", stance="confirm")]),
                 file_name="b.csv", by="test")  # fmt: skip
    assert sql.scalar(store, "derived/daily_version") == version  # stale until read
    got = share(store, Filters(), "year")
    assert got[["stance", "statements"]].values.tolist() == [["confirm", 1], ["deny", 1]]
    assert sql.scalar(store, "derived/daily_version") != version
    assert integrity.snapshot(store, data_only=True) != before  # the data moved, not just caches
    sql.execute(store, "derived/rebuild_stance_daily")
    sql.execute(store, "derived/set_daily_version", {"version": "manual"})
    assert sql.scalar(store, "derived/daily_version") == "manual"
    assert store.execute("SELECT sum(statements) FROM stance_daily").fetchall() == [(2,)]


def test_a_backup_from_before_the_rollup_restores_and_rebuilds_it(tmp_path: Path) -> None:
    con = db.open_db(tmp_path / "live.duckdb", seed=True)
    want = from_scratch(con, Filters(), "quarter")
    out = tmp_path / "backup"
    backup.backup(con, out)
    con.close()
    # What an older Stancewatch wrote: no stance_daily table in the manifest or the folder.
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["tables"] = [t for t in manifest["tables"] if t["name"] != "stance_daily"]
    (out / "manifest.json").write_text(json.dumps(manifest))
    (out / "stance_daily.parquet").unlink()
    backup.restore(out, tmp_path / "restored.duckdb")
    restored = db.open_db(tmp_path / "restored.duckdb", seed=False)
    try:
        pd.testing.assert_frame_equal(share(restored, Filters(), "quarter"), want)
    finally:
        restored.close()


@pytest.mark.parametrize("grain", ["day", "month"])
def test_the_rollup_counts_every_statement_once(seeded, grain: str) -> None:
    got = share(seeded, Filters(), grain)
    total = seeded.execute("SELECT count(*) FROM statements WHERE stance IS NOT NULL").fetchall()
    assert int(got["statements"].sum()) == total[0][0] == 207


def _daily(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return sorted(con.execute("SELECT * FROM stance_daily").fetchall())  # test-only read


def _daily_rebuilt(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    cur = con.cursor()
    cur.begin()
    try:
        sql.execute(cur, "derived/rebuild_stance_daily")
        return _daily(cur)
    finally:
        cur.rollback()
        cur.close()


def test_arrivals_undos_and_reviews_are_applied_in_place_and_any_other_write_rebuilds(
    seeded, monkeypatch
) -> None:
    """stance_daily after every kind of write equals a rebuild; arrivals, undos, reviews and
    topic merges bring it up to date where it stands, a write they do not explain rebuilds it.
    Names "derived/daily_built", "derived/set_daily_built", "derived/daily_signature",
    "derived/top_up_stance_daily", "derived/daily_changes_signature" and
    "derived/adjust_stance_daily"."""
    from stancewatch import batches, review, topic_edits

    took: list[bool] = []
    update = db._update_daily_in_place
    monkeypatch.setattr(
        db, "_update_daily_in_place", lambda cur: took.append(update(cur)) or took[-1]
    )

    def check(in_place: bool | None) -> None:
        took.clear()
        db.ensure_stance_daily(seeded)
        assert took == ([] if in_place is None else [in_place])
        assert _daily(seeded) == _daily_rebuilt(seeded)

    check(None)  # the seed's first count: never built, so built whole without asking
    assert sql.scalar(seeded, "derived/daily_built").count("|") == 4
    check(None)  # nothing written: nothing to do

    def batch(*rows: list[str], **kw: object) -> int:
        report = ingest_bytes(seeded, make_csv(list(rows)), file_name="t.csv", by="t", **kw)
        assert report.batch_id is not None, report.summary()
        return report.batch_id

    def counted_stance() -> tuple[int, str]:
        return seeded.execute(
            "SELECT id, stance FROM statements WHERE stance IS NOT NULL ORDER BY id LIMIT 1"
        ).fetchone()  # test-only read

    def other(stance: str) -> str:
        return "deny" if stance != "deny" else "confirm"

    # Arrivals: a day, capital and stance already counted, and a new one.
    counted = seeded.execute(
        "SELECT stated_on, capital, stance FROM stance_daily ORDER BY statements DESC LIMIT 1"
    ).fetchone()  # test-only read
    first = batch(
        good_row(date=str(counted[0]), capital=counted[1], stance=counted[2], quote="Synth 1"),
        good_row(date="2026-01-02", capital="Kyiv", stance="no_comment", quote="Synth 2"),
    )
    check(True)
    # A statement left for review (no stance) arrives: nothing to count, still in place.
    batch(good_row(stance="", quote="Synth undecided 3"), pending_review=True)
    check(True)
    # A person decides it: it joins the count.
    pending = seeded.execute("SELECT id FROM statements WHERE stance IS NULL").fetchone()[0]
    review.set_stance(seeded, pending, "deny", by="t", seen=None)
    check(True)
    # A person changes a stance already counted: one taken away, one added.
    sid, stance = counted_stance()
    review.set_stance(seeded, sid, other(stance), by="t", seen=stance)
    check(True)
    # A topic merge moves statements between topics, which the counts do not hold.
    ids = dict(seeded.execute("SELECT title, id FROM topics").fetchall())  # test-only read
    titles = sorted(ids)
    topic_edits.merge(seeded, ids[titles[0]], ids[titles[1]], by="t")
    check(True)
    # An undo takes counted statements out; the day it alone had (2 January, Kyiv) goes.
    batches.undo_batch(seeded, first, by="t")
    check(True)
    # Several writes before one read: arrivals, one of them reviewed twice, then undone, and
    # an older statement reviewed back.
    later = batch(
        good_row(date="2026-02-03", capital="Paris", stance="confirm", quote="Synth 4"),
        good_row(date="2026-02-04", capital="Moscow", stance="deny", quote="Synth 5"),
    )
    check(True)
    new = seeded.execute(
        "SELECT id FROM statements WHERE batch_id = ? ORDER BY id LIMIT 1", [later]
    ).fetchone()[0]  # test-only read
    review.set_stance(seeded, new, "no_comment", by="t", seen="confirm")
    review.set_stance(seeded, new, "deny", by="t", seen="no_comment")
    batches.undo_batch(seeded, later, by="t")
    review.set_stance(seeded, sid, stance, by="t", seen=other(stance))
    batch(good_row(date="2026-03-05", capital="Kyiv", stance="deny", quote="Synth 6"))
    check(True)
    # Writes that no undo or review explains: rebuilt, then in place again.
    seeded.execute("DELETE FROM statements WHERE id = ?", [sid])  # test-only write
    check(False)
    # An archive row that does not say what was counted (another stance): its count agrees,
    # its hash does not.
    gone, stance = counted_stance()
    seeded.execute(
        "INSERT INTO statements_archive (id, stated_on, capital, topic_id, stance, batch_id) "
        "SELECT id, stated_on, capital, topic_id, ?, batch_id FROM statements WHERE id = ?",
        [other(stance), gone],
    )  # test-only write
    seeded.execute("DELETE FROM statements WHERE id = ?", [gone])  # test-only write
    check(False)
    batch(good_row(date="2026-04-06", capital="Paris", stance="confirm", quote="Synth 7"))
    check(True)
