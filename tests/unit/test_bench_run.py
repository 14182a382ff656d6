"""bench/run.py at a tiny size: every figure is there and the three engines agree (no timings asserted).

Names the queries the harness adds: "bench/floor", "bench/topic_at_rank", "bench/change_counts",
"bench/peer_rows", "bench/sqlite_schema", "bench/sqlite_indexes", "bench/sqlite_stance_share",
"bench/sqlite_change_counts", "bench/read_csv_baseline", "bench/floor_topics",
"bench/floor_statements", "bench/remove_sample_statements", "bench/floor_unconstrained",
"bench/append_sample_statements", "bench/archive_sample_statements", "bench/statements_no_keys",
"bench/floor_no_keys", "bench/floor_rows", "bench/design_key_index".
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import duckdb
import pytest

from bench import peers, run, tables, timing
from stancewatch import db, sql

ROWS = 2_000


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("bench")
    return run.run(ROWS, out=out, skip=("memory", "views"), repeats=1)


def test_every_section_has_its_figures(result: dict) -> None:
    assert result["rows"] == ROWS and result["machine"]["nproc"] >= 1
    ingest = result["ingest"]
    assert ingest["rows_inserted"] == ROWS
    assert ingest["ingest_rows_per_s"] > 0 and ingest["ratio"] > 0
    assert ingest["floor_s"] > 0 and ingest["floor_ratio"] > 0  # _floor checks its row count
    assert ingest["no_keys_s"] > 0 and ingest["no_keys_ratio"] > 0
    assert ingest["design_key_s"] > 0 and ingest["design_key_ratio"] > 0
    assert ingest["unconstrained_s"] > 0 and ingest["unconstrained_ratio"] > 0
    steps = {s["step"]: s["s"] for s in ingest["steps"]}
    names = list(steps)
    assert names[0] == "Reading the file" and names[-1] == "Committing"
    assert {"Checking rows", "Computing duplicate keys", "Writing statements"} <= set(steps)
    assert 0.5 * ingest["ingest_s"] < sum(steps.values()) <= ingest["ingest_s"]  # the median run
    queries = result["queries"]
    assert queries["floor"]["result"][0] == ROWS
    measured = {q["query"] for q in queries["queries"]}
    assert measured == set(run.bench_names())
    assert {"analytics/stance_share", "analytics/stance_changes", "stats/totals"} <= measured
    for q in queries["queries"]:
        for variant in ("default", "narrow"):
            assert q[variant]["median_s"] > 0 and q[variant]["ratio_to_floor"] > 0
    assert queries["narrow_filter"]["capitals"] == ["Paris"]
    texts = {q["query"]: q["text"] for q in queries["queries"] if "text" in q}
    assert {"analytics/stance_share", "analytics/statements", "stats/totals"} <= set(texts)
    assert "analytics/filter_options" not in texts  # no $text: not timed with it
    assert texts["stats/totals"]["median_s"] > 0 and queries["statement_words_build_s"] > 0
    assert queries["text_hits_build_s"] > 0
    for task in ("share", "changes"):
        for engine in ("duckdb", "sqlite", "pandas"):
            assert result["peers"][task][engine]["median_s"] > 0
        assert result["peers"][task]["sqlite_over_ours"] > 0
    for task in ("share", "changes"):
        for key in ("duckdb_refresh", "duckdb_refresh_append"):
            refresh = result["peers"][task][key]
            assert refresh["median_s"] > 0 and refresh["statements"] == peers.SMALL_WRITE
        assert result["peers"][task]["sqlite_over_small_write"] > 0
    assert result["peers"]["changes"]["duckdb_refresh_append"]["in_place"]
    # stance_daily takes an undo's statements away and adds arrivals where it stands.
    assert result["peers"]["share"]["duckdb_refresh"]["in_place"]
    assert result["peers"]["share"]["duckdb_refresh_append"]["in_place"]


def test_the_three_engines_agree(result: dict) -> None:
    check = result["peers"]["check"]
    assert check["equal"], check["problems"]
    assert check["share_rows"] > 0
    assert set(check["changes_per_capital"]) == {"Paris", "Moscow", "Kyiv"}


def test_queries_get_the_views_choices(result: dict) -> None:
    rows = {q["query"]: q["default"]["rows"] for q in result["queries"]["queries"]}
    assert rows["analytics/statements"] == 50  # one page
    assert rows["analytics/topic_activity"] == 6  # the Stance changes view's limit


def test_report_prints_targets_and_json_round_trips(result: dict) -> None:
    text = run.report(result)
    for heading in ("== ingest", "== queries", "== peers", "cores"):
        assert heading in text
    assert "all three agree" in text
    assert ">= 20x" in text and "target >= 0.5x" in text
    assert "step of ours" in text and "Computing duplicate keys" in text
    assert json.loads(json.dumps(result, default=str))["rows"] == ROWS


def test_check_equal_notices_a_wrong_answer(result: dict, tmp_path: Path) -> None:
    store = Path(result["files"]["store"])
    con = db.open_db(store, seed=False)
    try:
        ours = peers.duckdb_changes(con)
        wrong = ours.assign(changes=ours["changes"] + 1)
        share = peers.duckdb_share(con)
        lite = sqlite3.connect(result["files"]["sqlite"])
        try:
            assert sql.load("bench/sqlite_indexes").params == {}
            lite_share = peers.sqlite_share(lite)
        finally:
            lite.close()
    finally:
        con.close()
    check = peers.check_equal({"duckdb": share, "sqlite": lite_share}, {"a": ours, "b": wrong})
    assert not check["equal"] and any("changes" in p for p in check["problems"])
    skewed = lite_share.assign(statements=lite_share["statements"] * 2)
    assert not peers.check_equal({"duckdb": share, "sqlite": skewed}, {"a": ours})["equal"]


def test_views_and_memory_can_be_skipped_but_not_misspelt() -> None:
    with pytest.raises(SystemExit):
        run.main(["--rows", "10", "--skip", "viewz"])


def test_split_csv_keeps_every_line_once_with_the_header(tmp_path: Path) -> None:
    csv = tmp_path / "big.csv"
    lines = [f"2025-01-{1 + i % 28:02d},Paris,t{i},confirm\n" for i in range(1_001)]
    csv.write_text("date,capital,topic,stance\n" + "".join(lines), encoding="utf-8")
    parts = run.split_csv(csv, 3, tmp_path)
    texts = [p.read_text(encoding="utf-8").splitlines(keepends=True) for p in parts]
    assert all(t[0] == "date,capital,topic,stance\n" for t in texts)
    assert [line for t in texts for line in t[1:]] == lines
    assert min(len(t) for t in texts) > 300  # roughly even
    assert run._parts_needed(csv, 1_001, None) == 1
    assert run._parts_needed(csv, 1_001, 400 * 200) == 3  # 400 rows a batch under that limit


def test_the_floor_without_keys_stores_the_floors_rows(result: dict, tmp_path: Path) -> None:
    """The two floors differ only in the table's keys and checks: the same rows, ids in order."""
    csv = Path(result["files"]["csv"])
    con = db.open_db(tmp_path / "floors.duckdb", seed=False)
    try:
        run.floor_table(con, "none")  # as run._floor makes it
        run.register_floor_rows(con, csv)
        sql.execute(con, "bench/floor_topics")
        assert con.execute("SELECT count(*) FROM duckdb_constraints() WHERE table_name = "
                           "'statements_no_keys'").fetchone() == (0,)  # fmt: skip
        batch = sql.scalar(
            con,
            "ingest/insert_batch",
            {"file_name": csv.name, "file_sha256": "-", "started_at": "2026-01-01 00:00:00+00",
             "by": "test", "rows_read": 0, "rows_inserted": 0, "rows_duplicate": 0,
             "rows_rejected": 0},
        )  # fmt: skip
        sql.execute(con, "bench/floor_statements", {"batch_id": batch})
        stored = sql.scalar(con, "bench/floor_no_keys", {"batch_id": batch})
        assert stored == ROWS
        keyed = con.execute("SELECT * EXCLUDE (recorded_at) FROM statements ORDER BY id").df()
        bare = con.execute(
            "SELECT * EXCLUDE (recorded_at) FROM statements_no_keys ORDER BY id"
        ).df()
        assert keyed.equals(bare)  # the same rows, the same ids
        ids = con.execute("SELECT min(id), max(id), count(DISTINCT id) FROM statements_no_keys")
        assert ids.fetchone() == (1, ROWS, ROWS)  # the ids drawn, one a row
        in_file_order = con.execute(
            "SELECT source_url FROM statements_no_keys ORDER BY id"
        ).fetchall()
        assert [u for (u,) in in_file_order] == [
            u
            for (u,) in con.execute(
                "SELECT source_url FROM read_csv(?, header = true, all_varchar = true)", [str(csv)]
            ).fetchall()
        ]
    finally:
        con.close()


def test_the_design_floor_keeps_only_the_unique_fingerprint_key(
    result: dict, tmp_path: Path
) -> None:
    """The "design" floor's table has one unique index, on the fingerprint's key, and it holds:
    storing the floor's rows twice is refused on that key, and nothing else is checked (a
    statement with an unknown capital goes in)."""
    csv = Path(result["files"]["csv"])
    con = db.open_db(tmp_path / "design.duckdb", seed=False)
    try:
        run.floor_table(con, "design")  # as run._floor makes it
        indexes = con.execute(
            "SELECT index_name, is_unique, expressions FROM duckdb_indexes() "
            "WHERE table_name = 'statements_no_keys'"
        ).fetchall()
        assert indexes == [("statements_no_keys_fingerprint_key", True, "[fingerprint_key]")]
        assert con.execute("SELECT count(*) FROM duckdb_constraints() WHERE table_name = "
                           "'statements_no_keys'").fetchall() == [(0,)]  # fmt: skip
        run.register_floor_rows(con, csv)
        sql.execute(con, "bench/floor_topics")
        assert sql.scalar(con, "bench/floor_no_keys", {"batch_id": 1}) == ROWS
        con.execute(
            "UPDATE statements_no_keys SET capital = 'Atlantis', topic_id = -1 WHERE id = 1"
        ).fetchall()  # no foreign key, no check
        with pytest.raises(duckdb.ConstraintException, match="fingerprint_key"):
            sql.scalar(con, "bench/floor_no_keys", {"batch_id": 1})
        assert con.execute("SELECT count(*) FROM statements_no_keys").fetchall() == [(ROWS,)]
    finally:
        con.close()


def test_tables_show_each_figure_of_the_json_under_its_size(result: dict) -> None:
    """bench/tables.py writes the README's tables from the JSON: the figures are the run's."""
    saved = json.loads(json.dumps(result, default=str))
    ingest_only = {"rows": ROWS, "ingest": saved.pop("ingest")}
    sizes = tables.merge([saved, ingest_only])  # a size's runs fill each other's sections
    assert list(sizes) == [ROWS]
    summary = tables.summary(sizes).splitlines()
    assert summary[0] == "| figure | target | 2k |"
    ingest = next(line for line in summary if line.startswith("| validated ingest"))
    assert f"({tables.down(result['ingest']['ratio'], 3)})" in ingest
    share = result["peers"]["share"]
    served = next(line for line in summary if line.startswith("| stance share as served"))
    assert (
        f"{tables.down(share['sqlite_over_ours'])}, {tables.down(share['pandas_over_ours'])}"
        in served
    )
    views = next(line for line in summary if line.startswith("| dashboard views"))
    assert views.endswith("|  |")  # skipped in this run: an empty cell, not an error


def _run(rows: int, k: float) -> dict:
    """A bench/run.py JSON with round numbers: every figure of size `rows` is k times a base."""
    peers = {
        task: {
            **{f"{engine}_over_{key}": 10.0 * k for engine in ("sqlite", "pandas")
               for key in ("ours", "scratch", "first_read", "small_write", "small_append", "named")},
            **{t: {"median_s": 0.001 * k} for t in ("duckdb", "duckdb_scratch", "duckdb_first_read",
               "duckdb_small_write", "duckdb_small_append", "duckdb_named")},
        }
        for task in ("share", "changes")
    }  # fmt: skip
    peers["share"]["pandas_over_scratch"] = 4.98  # a miss that rounding would hide
    return {
        "rows": rows,
        "targets": {"view_ratio": 1.5, "view_seconds": 0.5},
        "ingest": {"ingest_rows_per_s": 1000.0 * k, "ratio": 0.1 * k, "ingest_s": 2.0 * k,
                   "floor_ratio": 0.2, "design_key_ratio": 0.25, "no_keys_ratio": 0.3, "unconstrained_ratio": 0.7,
                   "steps": [{"step": "Reading the file", "s": 0.5 * k, "x_read_csv": 0.9}]},
        "views": [{"view": "views/a.py", "median_s": 0.1 * k, "ratio": 1.503},
                  {"view": "views/b.py", "median_s": 0.2 * k, "ratio": 1.2}],
        "peers": peers,
        "memory": {"views": [{"server_peak_mib": 100.0 * k}, {"server_peak_mib": 50.0}]},
    }  # fmt: skip


def test_tables_cut_toward_the_miss_and_scale_from_the_runs_shown() -> None:
    sizes = tables.merge([_run(1_000_000, 1.0), _run(10_000_000, 3.0)])
    lines = {row.split(" | ")[0].lstrip("| "): row for row in tables.summary(sizes).splitlines()}
    assert lines["validated ingest, rows/s (x read_csv)"].endswith(
        "| 1,000 rows/s (0.100x) | 3,000 rows/s (0.300x) |"
    )
    assert lines["dashboard views, median server-side run"].endswith(
        "| 100–200 ms (2 of 2 met) | 300–600 ms (1 of 2 met) |"
    )
    # 1.503 is above 1.5: shown raised (1.51x) and counted as missed.
    assert lines["view run / sum of its queries"].endswith(
        "| 1.20x–1.51x (1 of 2 met) | 1.20x–1.51x (1 of 2 met) |"
    )
    assert lines["stance share from scratch (the statements alone)"].endswith(
        "| 10.0x, 4.9x (1.0 ms) | 30.0x, 4.9x (3.0 ms) |"
    )
    assert "stance share change log" not in "\n".join(lines)  # the change log is stance changes'
    assert lines[
        "stance changes change log (`analytics/stance_changes`: every change with its quotes)"
    ]
    assert lines["server peak RSS over every view"].endswith("| 100 MiB | 300 MiB |")
    assert lines["time over a tenth of the rows"].endswith("|  | views 3.0x–3.0x; ingest 3.0x |")
    assert (
        tables.views(sizes).splitlines()[2]
        == "| `views/a.py` | 100.0 ms, 1.51x | 300.0 ms, 1.51x |"
    )
    assert (
        tables.steps(sizes).splitlines()[2]
        == "| Reading the file | 500.0 ms (0.90x) | 1.50 s (0.90x) |"
    )
    assert tables.size_label(100_000) == "100k" and tables.size_label(2_500) == "2,500"


def test_tables_fail_on_a_figure_missing_from_a_section_the_run_has() -> None:
    broken = _run(1_000_000, 1.0)
    del broken["ingest"]["no_keys_ratio"]  # a renamed key must not pass as a skipped section
    with pytest.raises(KeyError):
        tables.summary(tables.merge([broken]))


def test_steps_sum_each_named_step_over_batches() -> None:
    steps = timing.Steps()
    for rows in ("1,000", "20"):  # two batches
        steps(f"Checking {rows} rows", 0.2)
        steps(f"Writing {rows} statements", 0.8)
        steps.stop()
    steps.stop()  # a second stop adds nothing
    assert list(steps.seconds) == ["Checking rows", "Writing statements"]
    assert all(s >= 0 for s in steps.seconds.values())


def test_the_benchs_undo_is_one_the_log_explains(result: dict) -> None:
    """The bench times stance_links after 50 statements undone as an undo leaves them (archived,
    then deleted): the refresh finds them from the archive, not by comparing the histories."""
    con = db.open_db(Path(result["files"]["store"]), seed=False)
    try:
        db.ensure_stance_links(con)
        con.begin()
        for write in peers.WRITES["remove"]:
            sql.execute(con, write, {"n": peers.SMALL_WRITE})
        state = db.links_state(con)
        assert state.kept == state.linked - peers.SMALL_WRITE
        assert db._known_link_changes(con, state) is not None
        con.rollback()
    finally:
        con.close()
