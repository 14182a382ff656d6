"""`python -m stancewatch`: ingest, batches, undo, export, stats, init, backup, restore, classify
and evaluate.

Exit codes: 0 done (or nothing new), 1 input rejected, 2 usage error or database unavailable.
When the dashboard holds the database, the request goes to it through handoff.py.
"""

from __future__ import annotations

import argparse
import base64
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from stancewatch import backup, capacity, classify_cli, config, db, handoff

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m stancewatch", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--db",
        help="database file (default: $STANCEWATCH_DB or data/stancewatch.duckdb)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest", help="validate a CSV of statements and write it as one batch")
    p.add_argument("file", type=Path)
    p.add_argument(
        "--skip-invalid",
        action="store_true",
        help="write the valid rows, report the rest",
    )
    p.add_argument("--dry-run", action="store_true", help="report what would happen, write nothing")
    p.add_argument(
        "--pending-review",
        action="store_true",
        help="store rows whose stance the classifier cannot suggest with no stance, for review",
    )
    p.add_argument("--by", default=None, help="who is loading the batch (default: your user name)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p = sub.add_parser("export", help="write every statement, with its topic title")
    p.add_argument("--format", choices=("csv", "parquet"), default="csv")
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output file (default: statements.<format>)",
    )
    sub.add_parser("stats", help="counts of statements by capital and stance")
    p = sub.add_parser("query", help="run a named query from queries/ (e.g. stance_changes)")
    p.add_argument("name", help="the query's name, e.g. stance_share or analytics/stance_share")
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a parameter; lists are comma-separated (capitals=Paris,Moscow); dates YYYY-MM-DD",
    )
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sub.add_parser("init", help="create or migrate the database and load the seed if it is new")
    p = sub.add_parser(
        "batches", help="list the batches (uploads), newest first, with their status"
    )
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    p = sub.add_parser("undo", help="undo a batch: its statements leave the dashboard, archived")
    p.add_argument("batch_id", type=int)
    p.add_argument("--by", default=None, help="who undoes it (default: your user name)")
    p = sub.add_parser(
        "backup", help="write every table to Parquet with a manifest, in a new folder"
    )
    p.add_argument("out_dir", type=Path)
    p = sub.add_parser(
        "restore", help="rebuild the database (a new file: --db or $STANCEWATCH_DB) from a backup"
    )
    p.add_argument("backup_dir", type=Path)
    classify_cli.add_commands(sub)
    return parser


def _print_report(report: dict[str, Any]) -> None:
    print(report["summary"])
    if report.get("encoding"):
        print(f"  read as {report['encoding']}, {report['delimiter']}-separated")
    for key in (
        "rows_read",
        "rows_new",
        "rows_inserted",
        "rows_duplicate",
        "rows_rejected",
        "rows_suggested",
        "rows_pending",
    ):
        print(f"  {key.replace('_', ' ')}: {report[key]}")
    if report.get("batch_id") is not None:
        print(f"  batch: {report['batch_id']}")
    if report["problems"]:
        print("Rejected rows (line, column: reason):")
        for p in report["problems"]:
            print(f"  line {p['line']}, {p['column']}: {p['reason']}")
    if report["duplicates"]:
        print(f"Duplicates skipped ({len(report['duplicates'])}):")
        for d in report["duplicates"][:20]:
            print(f"  line {d['line']}: same as {d['of']}")
        if len(report["duplicates"]) > 20:
            print(f"  ... and {len(report['duplicates']) - 20} more (use --json for all)")


def _run_local(path: Path, args: argparse.Namespace, request: dict[str, Any]) -> dict[str, Any]:
    con = db.open_db(path, seed=args.command == "init")
    try:
        if args.command == "init":
            return {"ok": True}
        return handoff.handle(con, request)
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command in classify_cli.COMMANDS:
        return classify_cli.run(args)
    path = config.db_path(args.db)
    if args.command == "restore":
        return _restore(args.backup_dir, path)
    request: dict[str, Any] = {"op": args.command}
    if args.command == "ingest":
        if not args.file.is_file():
            print(f"error: {args.file} is not a file", file=sys.stderr)
            return EXIT_USAGE
        # Before reading it: the request below holds the file twice more (bytes and base64).
        if refusal := capacity.too_large(args.file.stat().st_size, capacity.available_memory()):
            print(f"error: {args.file.name}: nothing was written. {refusal}", file=sys.stderr)
            return EXIT_REJECTED
        request |= {
            "data": base64.b64encode(args.file.read_bytes()).decode("ascii"),
            "file_name": args.file.name,
            "by": args.by or getpass.getuser(),
            "skip_invalid": args.skip_invalid,
            "dry_run": args.dry_run,
            "pending_review": args.pending_review,
        }
    elif args.command == "undo":
        request |= {"batch_id": args.batch_id, "by": args.by or getpass.getuser()}
    elif args.command == "export":
        out = args.out or Path(f"statements.{args.format}")
        request |= {"out": str(out.resolve()), "format": args.format}
    elif args.command == "backup":
        request |= {"out": str(args.out_dir.resolve())}
    elif args.command == "query":
        raw: dict[str, str] = {}
        for item in args.param:
            key, sep, value = item.partition("=")
            if not sep or not key.strip():
                print(f"error: --param {item!r} is not KEY=VALUE", file=sys.stderr)
                return EXIT_USAGE
            raw[key.strip()] = value
        request |= {"name": args.name, "params": raw, "format": args.format}
    if args.command not in ("init", "ingest") and not path.exists():
        print(
            f"error: there is no database at {path}; check --db (or STANCEWATCH_DB), or create "
            "it with `python -m stancewatch init`",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        response = _run_local(path, args, request)
    except db.DatabaseLocked as locked:
        try:
            response = handoff.send(path, {"op": "stats"} if args.command == "init" else request)
            if args.command == "init":
                print("A running dashboard holds the database and answers; nothing to do.")
                return EXIT_OK
        except handoff.HandoffUnavailable:
            print(f"error: {locked}", file=sys.stderr)
            return EXIT_USAGE
        print(
            f"(sent to the running dashboard, PID {locked.pid}, which holds {path})",
            file=sys.stderr,
        )
    if not response.get("ok"):
        print(f"error: {response.get('error')}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "ingest":
        report = response["report"]
        if args.json:
            print(json.dumps(report, ensure_ascii=False, indent=2, default=str))
        else:
            _print_report(report)
        return EXIT_REJECTED if report["status"] in ("file_error", "rejected") else EXIT_OK
    if args.command == "undo":
        print(response["message"])
        return EXIT_OK if response["status"] != "not_found" else EXIT_USAGE
    if args.command == "batches":
        if args.json:
            print(json.dumps(response["rows"], ensure_ascii=False, indent=2))
        else:
            _print_batches(response["rows"])
    elif args.command == "export":
        print(f"{response['rows']} statements written to {request['out']}")
    elif args.command == "stats":
        _print_stats(response["rows"])
    elif args.command == "backup":
        print(f"{response['tables']} tables, {response['rows']} rows written to {request['out']}")
    elif args.command == "query":
        print(response["output"])
    elif args.command == "init":
        print(f"database ready: {path}")
    return EXIT_OK


def _restore(backup_dir: Path, path: Path) -> int:
    try:
        outcome = backup.restore(backup_dir, path)
    except backup.BackupProblem as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"restored {outcome.tables} tables, {outcome.rows} rows into {outcome.path}; every "
          "table's rows and checksum match the backup")  # fmt: skip
    return EXIT_OK


def _print_batches(rows: list[dict[str, Any]]) -> None:
    print(f"{'batch':>5}  {'status':<9}  {'when (UTC)':<16}  {'by':<12}  "
          f"{'read':>6} {'added':>6} {'dupl':>6} {'rej':>5}  file")  # fmt: skip
    for r in rows:
        when = str(r["started_at"])[:16].replace("T", " ")
        print(
            f"{r['id']:>5}  {r['status']:<9}  {when:<16}  {str(r['by'])[:12]:<12}  "
            f"{r['rows_read']:>6} {r['rows_inserted']:>6} {r['rows_duplicate']:>6} "
            f"{r['rows_rejected']:>5}  {r['file_name']}"
        )
    if not rows:
        print("no batches yet")


def _print_stats(rows: list[list[Any]]) -> None:
    by_capital: dict[str, dict[str, int]] = {}
    for capital, stance, n in rows:
        by_capital.setdefault(capital, {})[stance] = n
    stances = config.STANCES
    print(
        f"{'capital':<10}"
        + "".join(f"{config.STANCE_LABELS[s]:>12}" for s in stances)
        + f"{'total':>8}"
    )
    for capital, counts in sorted(by_capital.items()):
        cells = "".join(f"{counts.get(s, 0):>12}" for s in stances)
        print(f"{capital:<10}{cells}{sum(counts.values()):>8}")
    total = sum(n for _, _, n in rows)
    print(
        f"{'all':<10}"
        + "".join(f"{sum(n for _, s, n in rows if s == st):>12}" for st in stances)
        + f"{total:>8}"
    )
