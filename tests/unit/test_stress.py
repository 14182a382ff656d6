"""Short versions of the stress commands (stancewatch/stress.py), so CI exercises them.

The long runs are opt-in: `python -m stancewatch.stress crash --kills 20` and
`python -m stancewatch.stress writers --writers 8 --rows 5000` (figures in the README).
"""

from __future__ import annotations

from pathlib import Path

from stancewatch import sql, stress


def test_sigkill_at_random_moments_leaves_batches_whole(tmp_path: Path) -> None:
    figures = stress.crash(kills=3, rows=2_000, work=tmp_path, seed=8, log=lambda _: None)
    assert figures.violations == []
    assert figures.kills == 3 == figures.present + figures.absent


def test_eight_writers_and_readers_of_every_query(tmp_path: Path) -> None:
    figures = stress.writers(8, 300, 2, tmp_path)
    assert figures.violations == []
    assert figures.rows_found == figures.rows_expected == 2_400 and figures.duplicates == 0
    assert figures.reads >= figures.queries  # every read query ran at least once


def test_readers_cover_every_read_query() -> None:
    names = stress.reader_queries()
    assert "analytics/stance_changes" in names and "integrity/problems" in names
    assert not [n for n in names if n.startswith(("schema/0", "ingest/insert", "bench/"))]
    writes = {"curation/set_stance", "curation/revert_batch", "backup/clear_prefilled"}
    assert not writes & set(names)
    assert all(set(stress.default_params(n)) == set(sql.load(n).params) for n in names)


def test_a_partial_batch_is_caught(tmp_path: Path) -> None:
    """The check the stress runs rely on fails on a batch missing rows."""
    from stancewatch import db, integrity

    con = db.open_db(tmp_path / "x.duckdb", seed=True)
    try:
        con.execute("DELETE FROM statements WHERE id = 1")  # test-only damage
        assert integrity.problems(con) == [
            "committed batch whose live statements differ from rows_inserted "
            "(batch 1: expected 207, found 206)"
        ]
    finally:
        con.close()
