"""`python -m stancewatch`, run as a user runs it: a subprocess, real files, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd

from stancewatch import config, db, handoff
from tests.conftest import SEED, good_row, make_csv


def cli(*args: str | Path, db_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stancewatch", "--db", str(db_path), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=config.ROOT,
        timeout=120,
    )


def test_ingest_seed_then_again_reports_duplicates(tmp_path: Path) -> None:
    scratch = tmp_path / "scratch.duckdb"
    first = cli("ingest", SEED, db_path=scratch)
    assert first.returncode == 0, first.stderr
    assert "207 statements inserted" in first.stdout
    second = cli("ingest", SEED, db_path=scratch)
    assert second.returncode == 0, second.stderr
    assert "nothing new to insert" in second.stdout and "rows duplicate: 207" in second.stdout


def test_rejected_file_exits_1_and_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(make_csv([good_row(), good_row(capital="Moskow", quote="other")]))
    result = cli("ingest", bad, db_path=tmp_path / "x.duckdb")
    assert result.returncode == 1
    assert "line 3, capital" in result.stdout and "did you mean Moscow?" in result.stdout
    con = duckdb.connect(str(tmp_path / "x.duckdb"))
    assert con.execute("SELECT count(*) FROM statements").fetchall() == [(0,)]
    con.close()


def test_skip_invalid_and_dry_run(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(make_csv([good_row(), good_row(date="2026-02-30", quote="other")]))
    target = tmp_path / "y.duckdb"
    dry = cli("ingest", path, "--dry-run", "--skip-invalid", db_path=target)
    assert dry.returncode == 0 and "dry run, nothing written; 1 new statement would" in dry.stdout
    written = cli("ingest", path, "--skip-invalid", "--json", db_path=target)
    assert written.returncode == 0 and '"rows_inserted": 1' in written.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert cli("ingest", tmp_path / "missing.csv", db_path=tmp_path / "z.duckdb").returncode == 2
    assert cli("frobnicate", db_path=tmp_path / "z.duckdb").returncode == 2


def test_export_csv_neutralises_formulas_and_parquet_keeps_text(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(make_csv([good_row(quote='=HYPERLINK("http://x","y")')]))
    target = tmp_path / "e.duckdb"
    assert cli("ingest", path, db_path=target).returncode == 0
    out_csv, out_pq = tmp_path / "all.csv", tmp_path / "all.parquet"
    assert cli("export", "--out", out_csv, db_path=target).returncode == 0
    assert cli("export", "--format", "parquet", "--out", out_pq, db_path=target).returncode == 0
    raw = out_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(out_csv, encoding="utf-8-sig")
    assert frame.loc[0, "quote"] == '\'=HYPERLINK("http://x","y")'
    assert frame.loc[0, "topic"] == "Synthetic test topic"
    assert pd.read_parquet(out_pq).loc[0, "quote"] == '=HYPERLINK("http://x","y")'


def test_stats_prints_counts_by_capital_and_stance(tmp_path: Path) -> None:
    target = tmp_path / "s.duckdb"
    assert cli("init", db_path=target).returncode == 0
    out = cli("stats", db_path=target).stdout
    assert out.splitlines()[0].split() == ["capital", "Confirm", "Deny", "No", "comment", "total"]
    assert "Moscow" in out and out.splitlines()[-1].split()[-1] == "207"


def test_ingest_while_another_process_holds_the_database(tmp_path: Path) -> None:
    """The dashboard's situation: this process owns the file; the CLI hands its batch over."""
    target = tmp_path / "held.duckdb"
    con = db.open_db(target, seed=False)
    server = handoff.serve(con, target)
    try:
        path = tmp_path / "cron.csv"
        path.write_bytes(make_csv([good_row()]))
        result = cli("ingest", path, db_path=target)
        assert result.returncode == 0, result.stderr
        assert "sent to the running dashboard" in result.stderr
        assert con.execute("SELECT count(*) FROM statements").fetchall() == [(1,)]
        stats = cli("stats", db_path=target)
        assert stats.returncode == 0 and stats.stdout.splitlines()[-1].split()[-1] == "1"
    finally:
        server.shutdown()
        server.server_close()
    # Nobody listening any more, but the file is still held: a clear message at once, exit 2.
    handoff.socket_path(target).unlink(missing_ok=True)
    result = cli("ingest", path, db_path=target)
    assert result.returncode == 2 and "is held by process" in result.stderr
    con.close()


def test_query_command_formats_and_params(tmp_path: Path) -> None:
    target = tmp_path / "q.duckdb"
    assert cli("init", db_path=target).returncode == 0
    table = cli("query", "stance_changes", "--param", "capitals=Paris,Moscow", db_path=target)
    assert table.returncode == 0, table.stderr
    assert "Bonne visit to Moscow" in table.stdout and "Kyiv" not in table.stdout.split("\n")[1]
    as_json = cli(
        "query", "analytics/latest_stance", "--format", "json",
        "--param", "topics=Bonne visit to Moscow (Feb 2026)", db_path=target,
    )  # fmt: skip
    rows = json.loads(as_json.stdout)
    assert {r["capital"]: r["stance"] for r in rows} == {"Paris": "confirm", "Moscow": "confirm"}
    assert rows[0]["stated_on"] == "2026-02-10"
    as_csv = cli(
        "query", "stance_share", "--format", "csv", "--param", "grain=year",
        "--param", "start_on=2025-01-01", db_path=target,
    )  # fmt: skip
    frame = pd.read_csv(io.StringIO(as_csv.stdout))
    assert set(frame.period) == {"2025-01-01", "2026-01-01"}
    assert frame.groupby(["period", "capital"]).share.sum().round(6).eq(1).all()


def test_query_command_refuses_bad_params(tmp_path: Path) -> None:
    target = tmp_path / "q.duckdb"
    assert cli("init", db_path=target).returncode == 0
    bad_grain = cli("query", "stance_share", "--param", "grain=fortnight", db_path=target)
    assert bad_grain.returncode == 2 and "grain must be one of" in bad_grain.stderr
    unknown = cli("query", "kpis", "--param", "colour=red", db_path=target)
    assert unknown.returncode == 2 and "has no parameter colour" in unknown.stderr
    assert "start_on (DATE)" in unknown.stderr
    bad_date = cli("query", "kpis", "--param", "start_on=16/05/2025", db_path=target)
    assert bad_date.returncode == 2 and "not a valid DATE" in bad_date.stderr
    no_such = cli("query", "nope", db_path=target)
    assert no_such.returncode == 2 and "no query named 'nope'" in no_such.stderr
    assert cli("query", "kpis", "--param", "oops", db_path=target).returncode == 2


def test_query_command_runs_only_read_queries(tmp_path: Path) -> None:
    target = tmp_path / "r.duckdb"
    assert cli("init", db_path=target).returncode == 0
    write = cli(
        "query", "schema/record_version", "--param", "version=999", "--param", "name=x",
        db_path=target,
    )  # fmt: skip
    assert write.returncode == 2 and "changes data" in write.stderr
    con = duckdb.connect(str(target))
    assert con.execute("SELECT max(version) FROM schema_version").fetchall()[0][0] < 999
    con.close()
    # The short name prefers the analytics query the issue names.
    assert cli("query", "statements", "--param", "limit=3", db_path=target).returncode == 0


def test_a_mistyped_database_path_is_refused(tmp_path: Path) -> None:
    typo = tmp_path / "typo" / "nope.duckdb"
    for command in (["stats"], ["query", "kpis"], ["export"]):
        result = cli(*command, db_path=typo)
        assert result.returncode == 2 and "there is no database at" in result.stderr
    assert not typo.exists()


def test_a_file_too_large_for_memory_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as out:
        out.truncate(10**12)  # sparse: 1 TB by its size, nothing on disk; reading it would hang
    result = cli("ingest", huge, db_path=tmp_path / "x.duckdb")
    assert result.returncode == 1
    assert "nothing was written" in result.stderr and "Split it into at least" in result.stderr
    assert not (tmp_path / "x.duckdb").exists()
