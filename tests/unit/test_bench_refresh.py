"""bench/refresh.py at a tiny size: every kind of write is timed three ways, each in-place result
equals a rebuild (the bench raises otherwise), and what the shares chose follows db's shares
(no timings asserted). Names its write: "bench/backdate_sample_statements"."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import refresh, run
from stancewatch import db

ROWS = 2_000


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    store = run.prepare(ROWS, tmp_path_factory.mktemp("refresh"), need_csv=False)["store"]
    con = db.open_db(store, seed=False)
    try:
        return refresh.measure(con, repeats=1)
    finally:
        con.close()


def test_every_write_and_size_has_its_three_times(results: list[dict]) -> None:
    assert [(r["write"], r["share"] > 0) for r in results] == [
        (kind, True) for kind, shares in refresh.SIZES.items() for _ in shares
    ]
    for r in results:
        assert r["in_place_s"] > 0 and r["rebuild_s"] > 0 and r["chosen_s"] > 0
        assert r["quicker"] in ("in place", "rebuild")


def test_the_choice_follows_the_shares(results: list[dict]) -> None:
    for r in results:
        if r["write"] == "undo":
            expected = r["share"] <= db.IN_PLACE_SHARE
        elif r["write"] == "append":
            expected = r["share"] <= db.APPEND_SHARE
        else:  # a redo: judged on the rows it rewrites
            assert r["tail_rows"] is not None and r["tail_rows"] >= r["statements"]
            expected = r["share"] <= db.IN_PLACE_SHARE and r["tail_share"] <= db.REDO_SHARE
        assert (r["chose"] == "in place") is expected, r
    chose = {(r["write"], r["chose"]) for r in results}
    assert ("undo", "rebuild") in chose and ("undo", "in place") in chose  # 40% and 1%
    assert ("append", "in place") in chose  # 90%: appends stay in place


def test_the_report_line_says_both_times_and_the_choice(results: list[dict]) -> None:
    line = refresh._line(results[0])
    assert line.startswith("undo") and "in place" in line and "rebuild" in line
    assert "chose" in line and "quicker" in line


def test_main_writes_the_json(tmp_path: Path, results: list[dict]) -> None:
    out = tmp_path / "refresh.json"
    cache = Path(run.prepare(ROWS, tmp_path / "cache", need_csv=False)["store"]).parent
    refresh.main(["--rows", str(ROWS), "--out", str(cache), "--repeats", "1", "--json", str(out)])
    assert '"results"' in out.read_text() and '"REDO_SHARE": 0.5' in out.read_text()


def test_an_in_place_refresh_that_differs_from_a_rebuild_gives_no_figure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refresh that says it is done but leaves the table stale: the bench raises, not times."""
    store = run.prepare(ROWS, tmp_path, need_csv=False)["store"]
    con = db.open_db(store, seed=False)
    try:
        db.ensure_stance_links(con)
        monkeypatch.setattr(db, "_update_links_in_place", lambda cur: True)
        with pytest.raises(RuntimeError, match="differs from a rebuild"):
            refresh._after(con, "undo", 20, "in_place")
    finally:
        con.close()
