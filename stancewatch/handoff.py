"""Let the CLI write while the dashboard holds the database.

DuckDB lets one process open a database file. The dashboard keeps it open, so a cron job running
`python -m stancewatch ingest` would fail. Instead, the dashboard process listens on a Unix socket
next to the database (mode 0600: only the same user), and the CLI, finding the file locked, sends
its request there. The dashboard runs the very same ingest/export/stats code on its own connection,
so there is still exactly one writer, and its pages see the new rows at once.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import socketserver
import struct
import tempfile
import threading
from pathlib import Path
from typing import Any

import duckdb

from stancewatch import backup, batches, export, ingest, query_cli, sql
from stancewatch.params import Filters

_LENGTH = struct.Struct(">Q")
MAX_REQUEST = 1 << 31


class HandoffUnavailable(RuntimeError):
    """Nobody is listening for this database."""


def socket_path(db_path: Path) -> Path:
    """Beside the database when the path is short enough for a socket, else in the temp folder."""
    resolved = db_path.resolve()
    beside = resolved.with_name(resolved.name + ".sock")
    if len(os.fsencode(beside)) < 100:
        return beside
    digest = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"stancewatch-{digest}.sock"


def _send_message(sock: socket.socket, payload: dict[str, Any]) -> None:
    body = json.dumps(payload, default=str).encode("utf-8")
    sock.sendall(_LENGTH.pack(len(body)) + body)


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    chunks, remaining = [], size
    while remaining:
        chunk = sock.recv(min(remaining, 1 << 20))
        if not chunk:
            raise ConnectionError("the other side closed the connection mid-message")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _recv_message(sock: socket.socket) -> dict[str, Any]:
    (size,) = _LENGTH.unpack(_recv_exact(sock, _LENGTH.size))
    if size > MAX_REQUEST:
        raise ValueError(f"message of {size} bytes is too large")
    return json.loads(_recv_exact(sock, size))


def handle(con: duckdb.DuckDBPyConnection, request: dict[str, Any]) -> dict[str, Any]:
    """Run one CLI request on the dashboard's connection."""
    op = request.get("op")
    if op == "ingest":
        report = ingest.ingest_bytes(
            con,
            base64.b64decode(request["data"]),
            file_name=str(request["file_name"]),
            by=str(request["by"]),
            skip_invalid=bool(request.get("skip_invalid")),
            dry_run=bool(request.get("dry_run")),
            pending_review=bool(request.get("pending_review")),
        )
        return {"ok": True, "report": report.to_dict()}
    if op == "export":
        rows = export.export_statements(con, Path(request["out"]), str(request["format"]))
        return {"ok": True, "rows": rows}
    if op == "backup":
        try:
            outcome = backup.backup(con, Path(request["out"]))
        except backup.BackupProblem as exc:
            return {"ok": False, "error": str(exc)}
        return {"ok": True, "tables": outcome.tables, "rows": outcome.rows}
    if op == "stats":
        cur = con.cursor()
        try:
            return {
                "ok": True,
                "rows": sql.rows(cur, "stats/stance_counts", Filters().params()),
            }
        finally:
            cur.close()
    if op == "query":
        try:
            output = query_cli.run(
                con, str(request["name"]), dict(request["params"]), request["format"]
            )
        except (KeyError, ValueError, TypeError) as exc:
            return {"ok": False, "error": str(exc.args[0]) if exc.args else str(exc)}
        return {"ok": True, "output": output}
    if op == "batches":
        frame = batches.list_batches(con)
        return {"ok": True, "rows": json.loads(frame.to_json(orient="records", date_format="iso"))}
    if op == "undo":
        result = batches.undo_batch(con, int(request["batch_id"]), by=str(request["by"]))
        return {"ok": True, "status": result.status, "statements": result.statements,
                "message": result.message}  # fmt: skip
    return {"ok": False, "error": f"unknown operation {op!r}"}


def serve(con: duckdb.DuckDBPyConnection, db_path: Path) -> socketserver.BaseServer:
    """Start listening in a daemon thread; we hold the database lock, so any old socket is stale."""
    path = socket_path(db_path)
    path.unlink(missing_ok=True)

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            try:
                request = _recv_message(self.request)
                response = handle(con, request)
            except Exception as exc:  # noqa: BLE001 - the CLI gets the error; the dashboard stays up
                response = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
            _send_message(self.request, response)

    server = socketserver.ThreadingUnixStreamServer(str(path), Handler)
    path.chmod(0o600)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="stancewatch-handoff", daemon=True).start()
    return server


def send(db_path: Path, request: dict[str, Any], timeout: float = 600.0) -> dict[str, Any]:
    """Send a request to the process holding `db_path`; HandoffUnavailable if none listens."""
    path = socket_path(db_path)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        try:
            sock.connect(str(path))
        except (FileNotFoundError, ConnectionRefusedError) as exc:
            raise HandoffUnavailable(str(exc)) from None
        _send_message(sock, request)
        return _recv_message(sock)
    finally:
        sock.close()
