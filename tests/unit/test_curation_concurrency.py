"""Several writers at once through the shared ingest path, and failures in the middle of a commit."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import duckdb
import pytest

from stancewatch import db
from stancewatch.ingest import ingest_bytes
from tests.conftest import ROOT, good_row, make_csv, snapshot

WRITERS, ROWS = 6, 40


def batch(writer: int) -> bytes:
    # Every writer also creates the same new topic: the writers race for it.
    return make_csv(
        [good_row(quote=f"Synthetic writer {writer} row {i}.", topic="Shared new topic" if i % 2
                  else f"Topic of writer {writer}") for i in range(ROWS)]
    )  # fmt: skip


def test_concurrent_commits_all_land_once(store: duckdb.DuckDBPyConnection) -> None:
    barrier = threading.Barrier(WRITERS)
    reports, errors = {}, []

    def write(n: int) -> None:
        try:
            barrier.wait()
            reports[n] = ingest_bytes(store, batch(n), file_name=f"w{n}.csv", by=f"writer{n}")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert sorted(r.rows_inserted for r in reports.values()) == [ROWS] * WRITERS
    rows = store.execute(
        "SELECT quote, count(*) FROM statements GROUP BY quote HAVING count(*) > 1"
    ).fetchall()
    assert rows == []
    assert store.execute("SELECT count(*) FROM statements").fetchall() == [(WRITERS * ROWS,)]
    per_batch = dict(
        store.execute("SELECT batch_id, count(*) FROM statements GROUP BY 1").fetchall()
    )
    assert sorted(per_batch.values()) == [ROWS] * WRITERS
    assert store.execute(
        "SELECT count(*) FROM topics WHERE title = 'Shared new topic'"
    ).fetchall() == [(1,)]


def test_an_exception_mid_commit_leaves_nothing(seeded: duckdb.DuckDBPyConnection) -> None:
    before = snapshot(seeded)

    def fail(step: str, _fraction: float) -> None:
        if step == "Committing":  # inside the transaction, after the rows were inserted
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        ingest_bytes(seeded, batch(1), file_name="x.csv", by="t", progress=fail)
    assert snapshot(seeded) == before


def test_a_killed_process_mid_commit_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "killed.duckdb"
    db.open_db(path, seed=True).close()
    csv_path = tmp_path / "batch.csv"
    csv_path.write_bytes(batch(2))
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from stancewatch import db
        from stancewatch.ingest import ingest_bytes
        def die(step, fraction):
            if step == "Committing":
                os.kill(os.getpid(), signal.SIGKILL)
        con = db.open_db(Path({str(path)!r}), seed=False)
        ingest_bytes(con, Path({str(csv_path)!r}).read_bytes(), file_name="b.csv", by="t", progress=die)
    """)
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=120
    )
    assert proc.returncode == -9, proc.stderr
    con = db.open_db(path, seed=False)
    try:
        assert con.execute("SELECT count(*) FROM statements").fetchall() == [(207,)]
        assert con.execute("SELECT count(*) FROM batches").fetchall() == [(1,)]
        assert con.execute(
            "SELECT count(*) FROM topics WHERE title LIKE 'Topic of writer%'"
        ).fetchall() == [(0,)]
    finally:
        con.close()
