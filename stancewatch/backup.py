"""`python -m stancewatch backup OUT_DIR` and `restore BACKUP_DIR`: every table as Parquet.

Backup reads every table in ONE transaction (a consistent snapshot even while the dashboard takes
uploads), writes `<table>.parquet` per table, then `manifest.json` last: the manifest is what makes
a folder a backup, so a backup cut short has none and is never restored. The manifest lists, per
table, its rows, an order-independent checksum of its contents (sum of row hashes) and the file's
SHA-256, plus the schema version and where each id sequence stood.

Restore builds a NEW database file: the schema from this code's migrations, then the backup's rows
table by table (parents before the tables whose foreign keys point at them), then the id sequences
moved past the restored ids. It checks every file's SHA-256 before and every table's rows and
checksum after, in one transaction, and writes to `<db>.restoring` first, renamed into place only
when all matched: a failed or interrupted restore leaves no half database. It refuses to overwrite
an existing database, and a backup made by a different schema version (restore it with that
version of Stancewatch, then upgrade by opening it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from stancewatch import db, integrity, sql

MANIFEST = "manifest.json"
FORMAT = "stancewatch-backup"
FORMAT_VERSION = 1


class BackupProblem(RuntimeError):
    """The backup or restore cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class Outcome:
    tables: int
    rows: int
    path: Path


def ordered_tables(cur: duckdb.DuckDBPyConnection) -> list[str]:
    """Table names, each after the tables it references (then by name)."""
    parents = {name: set(refs) for name, refs in sql.rows(cur, "backup/tables")}
    ordered: list[str] = []
    while parents:
        ready = sorted(n for n, refs in parents.items() if not refs - set(ordered))
        if not ready:
            raise BackupProblem(f"foreign keys form a cycle among {sorted(parents)}")
        ordered += ready
        for name in ready:
            del parents[name]
    return ordered


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _schema_version(cur: duckdb.DuckDBPyConnection) -> int:
    return int(sql.scalar(cur, "schema/current_version"))


def backup(con: duckdb.DuckDBPyConnection, out_dir: Path) -> Outcome:
    """Write every table to out_dir/<table>.parquet and the manifest; out_dir must be empty."""
    out_dir = out_dir.resolve()
    if out_dir.exists() and any(out_dir.iterdir()):
        raise BackupProblem(f"{out_dir} is not empty; choose a new folder for the backup")
    out_dir.mkdir(parents=True, exist_ok=True)
    cur = con.cursor()
    tables: list[dict[str, Any]] = []
    try:
        cur.begin()  # one snapshot for every table and its checksum
        try:
            for name in ordered_tables(cur):
                path = out_dir / f"{name}.parquet"
                sql.relation(cur, "backup/table_rows", {"table_name": name}).write_parquet(
                    str(path)
                )
                rows, checksum = sql.rows(cur, "backup/table_checksum", {"table_name": name})[0]
                tables.append({"name": name, "file": path.name, "rows": int(rows),
                               "checksum": checksum, "sha256": _sha256(path)})  # fmt: skip
            sequences = {name: last for name, last in sql.rows(cur, "backup/sequences")}
            version = _schema_version(cur)
        finally:
            cur.rollback()  # read only: nothing to keep
    finally:
        cur.close()
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "schema_version": version,
        "duckdb_version": duckdb.__version__,
        "tables": tables,
        "sequences": sequences,
    }
    partial = out_dir / (MANIFEST + ".partial")
    partial.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    partial.replace(out_dir / MANIFEST)  # last: a folder without it is no backup
    return Outcome(len(tables), sum(t["rows"] for t in tables), out_dir)


def read_manifest(backup_dir: Path) -> dict[str, Any]:
    path = backup_dir / MANIFEST
    if not path.is_file():
        raise BackupProblem(
            f"{backup_dir} has no {MANIFEST}: it is not a finished Stancewatch backup"
        )
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupProblem(
            f"{path} is not a Stancewatch backup manifest (format {FORMAT_VERSION})"
        )
    for table in manifest["tables"]:
        file = backup_dir / table["file"]
        if Path(table["file"]).name != table["file"] or not file.is_file():
            raise BackupProblem(f"the backup lacks {table['file']} listed in its manifest")
        if _sha256(file) != table["sha256"]:
            raise BackupProblem(f"{file} differs from the file the backup wrote (SHA-256 mismatch)")
    return manifest


def restore(backup_dir: Path, target: Path) -> Outcome:
    """Rebuild the database at `target` (which must not exist) from a backup folder."""
    manifest = read_manifest(backup_dir)
    if target.exists():
        raise BackupProblem(
            f"{target} already exists; restore into a new file (--db NEW.duckdb), or move it away"
        )
    building = target.with_name(target.name + ".restoring")
    for leftover in (building, building.with_name(building.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con = db.open_db(building, seed=False)
    try:
        _load(con, backup_dir, manifest)
        con.execute("CHECKPOINT")
    except BaseException:
        con.close()
        building.unlink(missing_ok=True)
        building.with_name(building.name + ".wal").unlink(missing_ok=True)
        raise
    con.close()
    building.replace(target)
    return Outcome(
        len(manifest["tables"]), sum(t["rows"] for t in manifest["tables"]), target.resolve()
    )


def _load(con: duckdb.DuckDBPyConnection, backup_dir: Path, manifest: dict[str, Any]) -> None:
    cur = con.cursor()
    try:
        ours = _schema_version(cur)
        if manifest["schema_version"] != ours:
            raise BackupProblem(
                f"the backup has schema version {manifest['schema_version']}, this Stancewatch "
                f"{ours}: restore it with the version that made it, then open it with this one"
            )
        tables = {t["name"]: t for t in manifest["tables"]}
        # A backup made before a derived cache existed lacks it: the cache stays empty here and
        # its version key, absent from the backup's settings, makes the first read rebuild it.
        order = [n for n in ordered_tables(cur) if n in tables or n not in integrity.DERIVED]
        if set(order) != set(tables):
            raise BackupProblem(
                f"the backup's tables {sorted(tables)} differ from the schema's {sorted(order)}"
            )
        cur.begin()
        try:
            sql.execute(cur, "backup/clear_prefilled")
            skipped = set()
            for name in order:
                rows = cur.read_parquet(str(backup_dir / tables[name]["file"]))
                if name in integrity.DERIVED and rows.columns != cur.table(name).columns:
                    # A cache of an older shape: left empty; its version key names the old
                    # shape, so the first read rebuilds it from the restored statements.
                    skipped.add(name)
                    continue
                rows.insert_into(name)
            for name, last in manifest["sequences"].items():
                if last is not None:
                    sql.scalar(cur, "backup/advance_sequence",
                               {"sequence_name": name, "steps": int(last)})  # fmt: skip
            cur.commit()
        except BaseException:
            cur.rollback()
            raise
        found = {
            n: v for n, v in integrity.snapshot(cur).items() if n in tables and n not in skipped
        }
        expected = {n: (t["rows"], t["checksum"]) for n, t in tables.items() if n not in skipped}
        if found != expected:
            wrong = sorted(n for n in expected if found.get(n) != expected[n])
            raise BackupProblem(f"restored tables differ from the backup: {', '.join(wrong)}")
    finally:
        cur.close()
