"""The dashboard's one DuckDB connection per process, and cached named queries on cursors of it.

Query results are cached by (query, parameters, data version): a new batch changes the version,
so every open page gets fresh numbers at its next check, while reruns that change nothing (a
widget click on another chart) reuse what was computed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import streamlit as st

from stancewatch import config, db, handoff, sql


@st.cache_resource(show_spinner="Opening the statement store…")
def connection() -> duckdb.DuckDBPyConnection:
    """Open, migrate and seed once per process; listen for CLI batches (handoff.py)."""
    path = config.db_path()
    con = db.open_db(path, seed=config.seed_on_start())
    handoff.serve(con, path)
    return con


def _run(name: str, params: dict[str, Any] | None, *, rows: bool = False) -> Any:
    """The query's rows as a DataFrame, or as tuples (`rows`: a DataFrame of one row cost 1.4 ms
    more at 1M, paid by every page run and every poll for the data version)."""
    try:
        con = connection()
    except db.DatabaseLocked as exc:
        owner = f"process {exc.pid}" if exc.pid else "another process"
        st.error(
            f"The statement store is busy: {owner} (for example a command-line ingest) holds "
            "the database file. Reload this page when it has finished.",
            icon=":material/lock:",
        )
        st.stop()
    cur = con.cursor()
    try:
        return (sql.rows if rows else sql.df)(cur, name, params)
    finally:
        cur.close()


@dataclass(frozen=True)
class DataVersion:
    """Equal versions = same data. The last two catch writes that keep the count: an undo and an
    upload of as many statements, a topic merge (a logged curation action)."""

    batch_id: int
    statements: int
    revision_id: int
    as_of: pd.Timestamp | None
    max_statement_id: int = 0
    action_id: int = 0


def data_version() -> DataVersion:
    """Uncached and cheap: what open pages poll to know whether anything was written."""
    batch_id, statements, revision_id, as_of, max_id, action_id = _run(
        "live/data_version", None, rows=True
    )[0]
    return DataVersion(
        int(batch_id), int(statements), int(revision_id),
        None if as_of is None else pd.Timestamp(as_of), int(max_id), int(action_id),
    )  # fmt: skip


def cache_key(name: str, params: dict[str, Any] | None, version: DataVersion) -> str:
    """What identifies a query's result, as one string: st.cache_data hashes it in 15 µs, where
    the name, the parameters and the version took 140 µs (it hashes a dict or a dataclass value
    by value), paid by every query of every run."""
    return json.dumps([name, params, dataclasses.astuple(version)], sort_keys=True, default=_plain)


def _plain(value: object) -> object:
    """JSON for the parameter types that are not JSON already; anything else is refused, never
    reduced to a string that two different values could share."""
    if isinstance(value, dt.date):  # datetimes and pandas Timestamps too
        return {"__date__": value.isoformat()}
    if isinstance(value, (np.generic, np.ndarray)):
        return value.tolist()
    raise TypeError(f"a query parameter cannot be a {type(value).__name__}: {value!r}")


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(key: str, _name: str, _params: dict[str, Any] | None) -> pd.DataFrame:
    """Cached by `key` alone (cache_key): arguments named with a leading _ are not hashed."""
    return _run(_name, _params)


# What a page says where a query's result will appear, when the query takes more than half a
# second (st.spinner's own delay: quick ones show nothing). The slow cases are the derived tables
# brought up to date first: the first text search of a store folds every statement's words
# (about 17 s at 10M statements), the first view after a large upload rebuilds stance histories.
WAITING = "Reading the statements…"
WAITING_TEXT = (
    "Searching the statements' words… The first search of a large store reads every statement "
    "once (about 17 s for 10 million); later searches take a second or less."
)


def waiting(params: dict[str, Any] | None) -> str:
    """The spinner's words for a query with these parameters."""
    return WAITING_TEXT if (params or {}).get("text") else WAITING


def query(name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """A named query's rows for the data version this page run is showing."""
    version = st.session_state.get("data_version") or data_version()
    with st.spinner(waiting(params), show_time=True):
        return _cached(cache_key(name, params, version), name, params)
