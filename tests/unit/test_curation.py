"""Curation core on real DuckDB files: undo into the archive, review with revisions, topic edits,
near-duplicate names, the editor password rules, the template and the CLI's batches/undo."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest

from stancewatch import (
    batches,
    cli,
    editor_access,
    review,
    similar,
    sql,
    template,
    topic_edits,
)
from stancewatch.ingest import ingest_bytes
from stancewatch.transaction import Conflict
from tests.conftest import count_rows, good_row, make_csv, snapshot


def count(con: duckdb.DuckDBPyConnection, table: str = "statements") -> int:
    return count_rows(con, table)


def version(con: duckdb.DuckDBPyConnection) -> tuple:
    return tuple(sql.rows(con, "live/data_version")[0][:3])


def test_undo_archives_the_batch_and_twice_is_harmless(seeded: duckdb.DuckDBPyConnection) -> None:
    report = ingest_bytes(
        seeded, make_csv([good_row(), good_row(capital="Kyiv")]), file_name="a.csv", by="t"
    )
    before = version(seeded)
    stored = seeded.execute(
        "SELECT * EXCLUDE (fingerprint_key) FROM statements WHERE batch_id = ? ORDER BY id",
        [report.batch_id],
    ).fetchall()
    result = batches.undo_batch(seeded, report.batch_id, by="tester")
    assert (result.status, result.statements) == ("undone", 2)
    assert count(seeded) == 207 and count(seeded, "statements_archive") == 2
    # Every column as it was stored, and when it was archived.
    archived = seeded.execute(
        "SELECT * EXCLUDE (archived_at), archived_at > recorded_at FROM statements_archive "
        "ORDER BY id"
    ).fetchall()
    assert [row[:-1] for row in archived] == stored and all(row[-1] for row in archived)
    assert sql.scalar(seeded, "curation/batch_status", {"batch_id": report.batch_id}) == "reverted"
    assert sql.scalar(seeded, "curation/archived_count", {"batch_id": report.batch_id}) == 2
    listed = batches.list_batches(seeded).set_index("id").loc[report.batch_id]
    assert listed["reverted_by"] == "tester" and listed["statements_live"] == 0
    assert version(seeded) != before  # open pages refresh
    unchanged = snapshot(seeded)
    assert batches.undo_batch(seeded, report.batch_id, by="tester").status == "already_reverted"
    assert snapshot(seeded) == unchanged
    assert batches.undo_batch(seeded, 999, by="tester").status == "not_found"
    # the same rows can come back: they are no longer duplicates of live statements
    again = ingest_bytes(seeded, make_csv([good_row()]), file_name="a.csv", by="t")
    assert again.rows_inserted == 1


def test_undo_queries_by_hand(seeded: duckdb.DuckDBPyConnection) -> None:
    seeded.begin()
    sql.execute(seeded, "curation/revert_batch", {"batch_id": 1})
    sql.execute(seeded, "curation/archive_batch", {"batch_id": 1})
    assert len(sql.rows(seeded, "curation/delete_batch_statements", {"batch_id": 1})) == 207
    log = sql.scalar(seeded, "curation/log_action", {"by": "t", "action": "undo_batch",
                     "batch_id": 1, "edit_id": None, "detail": None})  # fmt: skip
    seeded.rollback()
    assert log == 1 and count(seeded) == 207


def suggested_store(store: duckdb.DuckDBPyConnection) -> int:
    rows = [good_row(stance="", quote="We neither confirm nor deny these reports.")]
    report = ingest_bytes(store, make_csv(rows), file_name="s.csv", by="t")
    assert report.rows_suggested == 1
    return int(store.execute("SELECT id FROM statements").fetchall()[0][0])


def test_review_accept_and_change_leave_revisions(store: duckdb.DuckDBPyConnection) -> None:
    sid = suggested_store(store)
    queue = review.queue(store)
    assert queue["statement_id"].tolist() == [sid] and queue["stance"].tolist() == ["no_comment"]
    before = version(store)
    review.set_stance(store, sid, "no_comment", by="ann", seen="no_comment")
    assert review.queue(store).empty and version(store) != before
    review.set_stance(store, sid, "deny", by="bob", seen="no_comment", reason="read the source")
    hist = review.history(store, sid)
    assert hist[["old_stance", "new_stance", "by"]].values.tolist() == [
        ["no_comment", "no_comment", "ann"],
        ["deny", "deny", "bob"][:0] or ["no_comment", "deny", "bob"],
    ]
    assert hist["reason"].tolist()[1] == "read the source"
    stored = sql.df(store, "curation/statement", {"statement_id": sid}).iloc[0]
    assert (stored["stance"], stored["stance_origin"]) == ("deny", "review")
    assert sql.df(store, "curation/statement_history", {"statement_id": sid}).shape[0] == 2


def test_review_refuses_a_stale_view(store: duckdb.DuckDBPyConnection) -> None:
    sid = suggested_store(store)
    review.set_stance(store, sid, "deny", by="ann", seen="no_comment")
    before = snapshot(store)
    with pytest.raises(Conflict, match="changed or removed"):
        review.set_stance(store, sid, "confirm", by="bob", seen="no_comment")
    with pytest.raises(ValueError, match="stance must be"):
        review.set_stance(store, sid, "maybe", by="bob", seen="deny")
    assert snapshot(store) == before


def topic_id(con: duckdb.DuckDBPyConnection, title: str) -> int:
    frame = sql.df(con, "curation/topics")
    return int(frame.loc[frame["title"] == title, "topic_id"].iloc[0])


def topic_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return dict(topic_edits.topics(con)[["title", "statements"]].values.tolist())


def test_topic_choices_search_limit_and_count(seeded: duckdb.DuckDBPyConnection) -> None:
    """Topics holding statements, by title, searched and cut in SQL."""
    # the query is "curation/topic_choices"
    every = topic_edits.topics(seeded)
    assert len(every) == 58 and (every["matching"] == 58).all()
    assert every["title"].tolist() == sorted(every["title"].tolist())
    first = topic_edits.topics(seeded, limit=3)
    assert first["title"].tolist() == every["title"].tolist()[:3]
    assert (first["matching"] == 58).all()  # how many matched, not how many are listed
    found = topic_edits.topics(seeded, find="CRUISER moskva")
    assert found["title"].tolist() == ["Ukrainian missiles sank the cruiser Moskva (Apr 2022)"]
    accents = topic_edits.topics(seeded, find="EXCHÂNGE agreed")  # case and accents ignored
    assert accents["title"].tolist() == [every["title"].iat[0]]  # 1000-for-1000 prisoner exchange
    assert topic_edits.topics(seeded, find="%").empty  # literal: no wildcards
    moskva = topic_id(seeded, found["title"].iat[0])
    topic_edits.merge(seeded, moskva, topic_id(seeded, "Bonne visit to Moscow (Feb 2026)"), by="t")
    assert topic_edits.topics(seeded, find="cruiser moskva").empty  # holds nothing now


def test_rename_merge_and_reverse(seeded: duckdb.DuckDBPyConnection) -> None:
    bonne = "Bonne visit to Moscow (Feb 2026)"
    start = topic_counts(seeded)
    edit = topic_edits.rename(
        seeded, topic_id(seeded, bonne), "Bonne's visit to Moscow, Feb 2026", by="t"
    )
    renamed = topic_counts(seeded)
    assert bonne not in renamed and renamed["Bonne's visit to Moscow, Feb 2026"] == start[bonne]
    # an upload with the old title follows the rename
    ingest_bytes(
        seeded, make_csv([good_row(topic=bonne, date="2026-02-11")]), file_name="x.csv", by="t"
    )
    assert topic_counts(seeded)["Bonne's visit to Moscow, Feb 2026"] == start[bonne] + 1
    other = next(t for t in start if t != bonne)
    merge = topic_edits.merge(seeded, topic_id(seeded, "Bonne's visit to Moscow, Feb 2026"),
                              topic_id(seeded, other), by="t")  # fmt: skip
    merged = topic_counts(seeded)
    assert "Bonne's visit to Moscow, Feb 2026" not in merged
    assert merged[other] == start[other] + start[bonne] + 1
    with pytest.raises(ValueError, match="reverse it first"):
        topic_edits.reverse(seeded, edit, by="t")
    assert topic_edits.reverse(seeded, merge, by="t") == start[bonne] + 1
    assert topic_edits.reverse(seeded, edit, by="t") == start[bonne]
    after = topic_counts(seeded)
    assert after[bonne] == start[bonne] and after[other] == start[other]
    assert (
        after["Bonne's visit to Moscow, Feb 2026"] == 1
    )  # the upload that came under the new title
    with pytest.raises(ValueError, match="already reversed"):
        topic_edits.reverse(seeded, edit, by="t")
    log = topic_edits.edits(seeded)
    assert log["reversed_at"].notna().all() and set(log["kind"]) == {"rename", "merge"}
    with pytest.raises(ValueError, match="merge into it"):
        topic_edits.rename(seeded, topic_id(seeded, bonne), other.upper(), by="t")


def test_topic_edit_queries_by_hand(seeded: duckdb.DuckDBPyConnection) -> None:
    new = sql.scalar(seeded, "curation/insert_topic", {"title": "Synthetic target"})
    moved = sql.rows(seeded, "curation/move_topic", {"from_topic_id": 1, "into_topic_id": new})
    ids = [r[0] for r in moved]
    edit = sql.scalar(seeded, "curation/insert_topic_edit", {"kind": "merge", "from_topic_id": 1,
        "from_title": "a", "into_topic_id": new, "into_title": "b", "statement_ids": ids,
        "by": "t", "reason": None})  # fmt: skip
    assert (new, "Synthetic target") in sql.rows(seeded, "ingest/topic_ids")
    resolved = {title: tid for tid, title in sql.rows(seeded, "ingest/topic_ids")}
    old_title = seeded.execute("SELECT title FROM topics WHERE id = 1").fetchall()[0][0]
    assert resolved[old_title] == new  # the old title now lands in the merged topic
    back = sql.rows(seeded, "curation/move_back", {"statement_ids": ids, "from_topic_id": 1,
                                                   "into_topic_id": new})  # fmt: skip
    assert len(back) == len(ids) > 0
    assert sql.rows(seeded, "curation/reverse_topic_edit", {"edit_id": edit, "by": "t"}) == [
        (edit,)
    ]
    assert sql.df(seeded, "curation/topic_edits")["reversed_by"].tolist() == ["t"]


def test_near_duplicate_names() -> None:
    stored = ["Bonne visit to Moscow (Feb 2026)", "Russian strike on Kyiv (Jan 2025)"]
    found = similar.near(
        ["bonne visit to moscow - feb 2026", "Visit to Moscow, Bonne (Feb 2026)",
         "Russian strike on Kyiv (Feb 2025)", "Bonne visit to Moscow (Feb 2026)", "Bone visit to Moscow (Feb 2026)"],
        stored, kind="topic",
    )  # fmt: skip
    assert found == {
        "bonne visit to moscow - feb 2026": stored[0],
        "Visit to Moscow, Bonne (Feb 2026)": stored[0],
        "Bone visit to Moscow (Feb 2026)": stored[0],
    }
    speakers = similar.near(["Peskov", "Maria Zakharova", "Peskov Dmitry", "Ivanov"],
                            ["Dmitry Peskov", "Maria Zakharova"], kind="speaker")  # fmt: skip
    assert speakers == {"Peskov": "Dmitry Peskov", "Peskov Dmitry": "Dmitry Peskov"}


def test_ingest_flags_near_duplicates_and_maps_the_choice(
    seeded: duckdb.DuckDBPyConnection,
) -> None:
    rows = [good_row(topic="bonne visit to moscow - feb 2026", speaker="Peskov", capital="Moscow")]
    dry = ingest_bytes(seeded, make_csv(rows), file_name="n.csv", by="t", dry_run=True)
    kinds = {(n.kind, n.value, n.existing, tuple(n.lines)) for n in dry.near_duplicates}
    assert kinds == {("topic", "bonne visit to moscow - feb 2026", "Bonne visit to Moscow (Feb 2026)", (2,)),
                     ("speaker", "Peskov", "Dmitry Peskov", (2,))}  # fmt: skip
    done = ingest_bytes(seeded, make_csv(rows), file_name="n.csv", by="t",
                        topic_map={"bonne visit to moscow - feb 2026": "Bonne visit to Moscow (Feb 2026)"},
                        speaker_map={"Peskov": "Dmitry Peskov"})  # fmt: skip
    assert done.new_topics == [] and done.near_duplicates == []
    row = seeded.execute("SELECT t.title, s.speaker FROM statements s JOIN topics t ON t.id = s.topic_id "
                         "WHERE s.batch_id = ?", [done.batch_id]).fetchall()  # fmt: skip
    assert row == [("Bonne visit to Moscow (Feb 2026)", "Dmitry Peskov")]
    assert sql.rows(seeded, "curation/speakers")  # the speakers query feeds the check
    assert sql.df(seeded, "curation/batch_scope", {"batch_id": done.batch_id})["statements"][0] == 1


def test_write_policy_and_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(editor_access.ENV_VAR, raising=False)
    assert editor_access.configured_password({}) is None
    assert editor_access.configured_password({"editor_password": "s3"}) == "s3"
    monkeypatch.setenv(editor_access.ENV_VAR, "env")
    assert editor_access.configured_password({"editor_password": "s3"}) == "env"
    assert editor_access.policy("127.0.0.1", None).enabled
    assert (
        editor_access.policy("::1", None).enabled
        and editor_access.policy("localhost", None).enabled
    )
    for public in ("0.0.0.0", "", None, "10.1.2.3", "example.org"):
        rule = editor_access.policy(public, None)
        assert not rule.enabled and editor_access.ENV_VAR in rule.message
    assert editor_access.policy("0.0.0.0", "pw") == editor_access.WritePolicy(
        True, True, editor_access.policy("0.0.0.0", "pw").message
    )
    assert editor_access.password_matches("pw", "pw") and not editor_access.password_matches(
        "pW", "pw"
    )
    assert [editor_access.delay_after(n) for n in (0, 2, 3, 4, 5, 20)] == [0, 0, 1, 2, 4, 30]


def test_template_has_every_contract_column_and_loads(store: duckdb.DuckDBPyConnection) -> None:
    data = template.template_csv()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert len(rows) == 2 and rows[0]["capital"] == "Kyiv"
    report = ingest_bytes(store, data, file_name="template.csv", by="t")
    assert report.rows_inserted == 2


def test_cli_batches_and_undo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.duckdb")
    assert cli.main(["--db", db, "init"]) == 0
    csv_path = tmp_path / "one.csv"
    csv_path.write_bytes(make_csv([good_row()]))
    assert cli.main(["--db", db, "ingest", str(csv_path)]) == 0
    capsys.readouterr()
    assert cli.main(["--db", db, "batches", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(b["id"], b["status"], b["rows_inserted"]) for b in listed] == [
        (2, "committed", 1),
        (1, "committed", 207),
    ]
    assert cli.main(["--db", db, "undo", "2", "--by", "cli-test"]) == 0
    assert "1 statements left" in capsys.readouterr().out
    assert cli.main(["--db", db, "undo", "2"]) == 0
    assert "already undone" in capsys.readouterr().out
    assert cli.main(["--db", db, "undo", "7"]) == 2
    assert cli.main(["--db", db, "batches"]) == 0
    out = capsys.readouterr().out
    assert "reverted" in out and "one.csv" in out


def test_review_and_batch_queries_by_hand(store: duckdb.DuckDBPyConnection) -> None:
    sid = suggested_store(store)
    queue = sql.df(store, "curation/review_queue", {"limit": 5})
    assert queue["statement_id"].tolist() == [sid] and queue["waiting"].tolist() == [1]
    stale = {"statement_id": sid, "old_stance": "confirm", "new_stance": "deny"}
    assert sql.rows(store, "curation/set_stance", stale) == []  # not the stance stored: no change
    done = sql.rows(store, "curation/set_stance", {**stale, "old_stance": "no_comment"})
    assert done == [(sid,)]
    rev = sql.scalar(store, "curation/insert_revision", {"statement_id": sid, "old_stance": "no_comment",
                     "new_stance": "deny", "by": "t", "reason": None})  # fmt: skip
    assert rev == 1 and sql.df(store, "curation/review_queue", {"limit": 5}).empty
    listed = sql.df(store, "curation/batches")
    assert listed[["id", "status", "statements_live"]].values.tolist() == [[1, "committed", 1]]
