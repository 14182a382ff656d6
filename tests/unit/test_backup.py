"""backup / restore: every table to Parquet with a manifest, and back to an identical database."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from stancewatch import backup, batches, config, db, handoff, integrity, review, sql, topic_edits
from stancewatch.ingest import ingest_bytes
from tests.conftest import good_row, make_csv


def cli(*args: str | Path, db_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stancewatch", "--db", str(db_path), *map(str, args)],
        capture_output=True, text=True, cwd=config.ROOT, timeout=120,
    )  # fmt: skip


def busy_store(path: Path):
    """The seed plus every kind of write, so every table holds rows (and odd text round-trips)."""
    con = db.open_db(path, seed=True)
    hostile = make_csv(
        [good_row(quote="=cmd|' /C calc'!A0 <script>x</script> ё ß 🇺🇦", topic="Backup, \"quoted\""),
         good_row(quote="Synthetic backup row two.", capital="Kyiv")]
    )  # fmt: skip
    kept = ingest_bytes(con, hostile, file_name="keep.csv", by="test")
    undone = ingest_bytes(con, make_csv([good_row(quote="Synthetic undone.")]), file_name="u.csv",
                          by="test")  # fmt: skip
    batches.undo_batch(con, undone.batch_id, by="test")
    sid = con.execute("SELECT min(id) FROM statements").fetchall()[0][0]
    stance = con.execute("SELECT stance FROM statements WHERE id = ?", [sid]).fetchall()[0][0]
    review.set_stance(con, sid, "deny" if stance != "deny" else "confirm", by="t", seen=stance)
    ids = [r[0] for r in con.execute("SELECT id FROM topics ORDER BY id LIMIT 2").fetchall()]
    topic_edits.merge(con, ids[0], ids[1], by="test", reason="backup test")
    assert kept.written
    db.ensure_stance_links(con)
    db.ensure_stance_daily(con)
    db.ensure_text_hits(con, "synthetic")  # as a text search would: its words and hits
    return con


def test_backup_then_restore_is_identical(tmp_path: Path) -> None:
    con = busy_store(tmp_path / "live.duckdb")
    before = integrity.snapshot(con)
    assert all(rows > 0 for name, (rows, _) in before.items() if name != "settings"), before
    con.close()
    out = tmp_path / "backup"
    made = cli("backup", out, db_path=tmp_path / "live.duckdb")
    assert made.returncode == 0, made.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert {t["name"] for t in manifest["tables"]} == set(before)
    assert {t["name"]: (t["rows"], t["checksum"]) for t in manifest["tables"]} == before
    assert all((out / f"{name}.parquet").is_file() for name in before)

    target = tmp_path / "restored.duckdb"
    done = cli("restore", out, db_path=target)
    assert done.returncode == 0, done.stderr
    restored = db.open_db(target, seed=True)  # seed=True: a restored store is never re-seeded
    try:
        assert integrity.snapshot(restored) == before
        assert integrity.problems(restored) == []
        # New ids continue after the restored ones: a new batch lands, nothing collides.
        top = restored.execute(
            "SELECT max(id) FROM (SELECT id FROM statements UNION ALL SELECT id FROM statements_archive)"
        ).fetchall()[0][0]
        report = ingest_bytes(restored, make_csv([good_row(quote="After restore.")]),
                              file_name="after.csv", by="t")  # fmt: skip
        assert report.written
        assert restored.execute(
            "SELECT min(id) FROM statements WHERE batch_id = ?", [report.batch_id]
        ).fetchall() == [(top + 1,)]
    finally:
        restored.close()


def test_restore_refuses_damage_and_never_overwrites(tmp_path: Path) -> None:
    con = db.open_db(tmp_path / "live.duckdb", seed=True)
    out = tmp_path / "backup"
    backup.backup(con, out)
    with pytest.raises(backup.BackupProblem, match="not empty"):
        backup.backup(con, out)
    con.close()
    existing = tmp_path / "live.duckdb"
    refused = cli("restore", out, db_path=existing)
    assert refused.returncode == 2 and "already exists" in refused.stderr
    data = (out / "statements.parquet").read_bytes()
    (out / "statements.parquet").write_bytes(data[:-100])
    with pytest.raises(backup.BackupProblem, match="SHA-256"):
        backup.restore(out, tmp_path / "new.duckdb")
    assert not (tmp_path / "new.duckdb").exists()
    (out / "manifest.json").unlink()
    with pytest.raises(backup.BackupProblem, match=r"no manifest\.json"):
        backup.restore(out, tmp_path / "new.duckdb")


def test_a_checksum_mismatch_leaves_no_database(tmp_path: Path) -> None:
    con = db.open_db(tmp_path / "live.duckdb", seed=True)
    out = tmp_path / "backup"
    backup.backup(con, out)
    con.close()
    manifest = json.loads((out / "manifest.json").read_text())
    for table in manifest["tables"]:
        if table["name"] == "statements":
            table["checksum"] = "1"
    (out / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(backup.BackupProblem, match="differ from the backup: statements"):
        backup.restore(out, tmp_path / "new.duckdb")
    assert not list(tmp_path.glob("new.duckdb*"))


def test_backup_while_the_dashboard_holds_the_database(tmp_path: Path) -> None:
    target = tmp_path / "held.duckdb"
    con = db.open_db(target, seed=True)
    server = handoff.serve(con, target)
    try:
        made = cli("backup", tmp_path / "b", db_path=target)
        assert made.returncode == 0 and "sent to the running dashboard" in made.stderr, made.stderr
        assert " tables, " in made.stdout
    finally:
        server.shutdown()
        server.server_close()
    before = integrity.snapshot(con)
    con.close()
    backup.restore(tmp_path / "b", tmp_path / "copy.duckdb")
    copy = db.open_db(tmp_path / "copy.duckdb", seed=False)
    try:
        assert integrity.snapshot(copy) == before
        assert sql.scalar(copy, "load/batch_count") == 1
    finally:
        copy.close()


def test_backup_queries_by_hand(seeded, store) -> None:
    """The named queries backup, restore and the integrity check are made of, one by one."""
    tables = dict(sql.rows(seeded, "backup/tables"))
    assert tables["statements"] == ["batches", "capitals", "topics"] or sorted(
        tables["statements"]
    ) == ["batches", "capitals", "topics"]
    assert backup.ordered_tables(seeded).index("statements") > backup.ordered_tables(seeded).index(
        "topics"
    )
    assert len(sql.df(seeded, "backup/table_rows", {"table_name": "statements"})) == 207
    assert sql.rows(seeded, "backup/table_checksum", {"table_name": "capitals"})[0][0] == 3
    sequences = dict(sql.rows(seeded, "backup/sequences"))
    assert sequences["statement_id_seq"] == 207 and sequences["curation_log_id_seq"] is None
    assert (
        sql.scalar(seeded, "backup/advance_sequence", {"sequence_name": "topic_id_seq", "steps": 2})
        == sequences["topic_id_seq"] + 2
    )
    assert sql.rows(seeded, "integrity/problems") == []
    seeded.execute("UPDATE batches SET rows_inserted = 5")  # test-only damage
    assert [p[0] for p in sql.rows(seeded, "integrity/problems")] == [
        "committed batch whose live statements differ from rows_inserted"
    ]
    sql.execute(store, "backup/clear_prefilled")  # what restore does first, on a new store
    assert sql.rows(store, "backup/table_checksum", {"table_name": "capitals"})[0][0] == 0
