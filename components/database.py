"""The dashboard's one DuckDB connection per process, and named queries on a cursor of it."""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from stancewatch import config, db, handoff, sql


@st.cache_resource(show_spinner="Opening the statement store…")
def connection() -> duckdb.DuckDBPyConnection:
    """Open, migrate and seed once per process; listen for CLI batches (handoff.py)."""
    path = config.db_path()
    con = db.open_db(path)
    handoff.serve(con, path)
    return con


def query(name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run a named query on its own cursor (cursors make the shared connection thread-safe)."""
    try:
        con = connection()
    except db.DatabaseLocked as exc:
        st.error(f"{exc} Reload this page in a moment.", icon=":material/lock:")
        st.stop()
    cur = con.cursor()
    try:
        return sql.df(cur, name, params)
    finally:
        cur.close()
