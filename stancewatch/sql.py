"""Named queries: every SQL statement lives in queries/<name>.sql and is run by its name.

Each file starts with a header (`-- purpose:`, `-- params:`, `-- returns:`). The declared params are
checked against what the caller binds, so a typo fails loudly instead of silently matching nothing.
Values are always bound (DuckDB `$name` parameters), never formatted into the SQL text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from stancewatch.config import QUERIES_DIR
from stancewatch.params import check_choices

_PARAM_DECL = re.compile(r"\$(\w+)\s+([A-Z][A-Z0-9_\[\]]*)")


@dataclass(frozen=True)
class NamedQuery:
    """One .sql file: its name (path under queries/ without .sql), header and text."""

    name: str
    purpose: str
    params: dict[str, str]
    returns: str
    text: str
    requires: tuple[str, ...] = ()


# Derived tables a query may read (`-- requires: stance_links`), each with the function that
# brings it up to date with the data first, given the query's parameters (text_hits refreshes the
# hits of the call's text). db.py registers them; sql.py only calls them.
REFRESHERS: dict[str, Callable[[duckdb.DuckDBPyConnection, dict[str, Any]], None]] = {}
# A derived table some calls of a query do not read (text_hits: only with a text filter) names
# the test of its parameters that says whether this call does; the others skip its refresh.
READ_WHEN: dict[str, Callable[[dict[str, Any]], bool]] = {}


def _header_value(lines: list[str], key: str, name: str) -> str:
    prefix = f"-- {key}:"
    for line in lines:
        if line.startswith(prefix):
            return line[len(prefix) :].strip()
    raise ValueError(f"queries/{name}.sql has no '{prefix}' header line")


@functools.cache
def load(name: str) -> NamedQuery:
    """Read and parse queries/<name>.sql once per process."""
    path = (QUERIES_DIR / f"{name}.sql").resolve()
    if QUERIES_DIR.resolve() not in path.parents:
        raise ValueError(f"query name {name!r} leaves the queries folder")
    text = path.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("--")]
    params_decl = _header_value(header, "params", name)
    params = {} if params_decl == "none" else dict(_PARAM_DECL.findall(params_decl))
    requires = next(
        (line[len("-- requires:") :] for line in header if line.startswith("-- requires:")), ""
    )
    return NamedQuery(
        name=name,
        purpose=_header_value(header, "purpose", name),
        params=params,
        returns=_header_value(header, "returns", name),
        text=text,
        requires=tuple(r.strip() for r in requires.split(",") if r.strip()),
    )


def _checked_params(query: NamedQuery, params: dict[str, Any] | None) -> dict[str, Any] | None:
    given = set(params or {})
    declared = set(query.params)
    if given != declared:
        missing, unknown = sorted(declared - given), sorted(given - declared)
        raise TypeError(
            f"query {query.name}: declared params {sorted(declared)}, given {sorted(given)}"
            + (f"; missing {missing}" if missing else "")
            + (f"; unknown {unknown}" if unknown else "")
        )
    check_choices(params or {})
    return params or None


def _prepare(
    con: duckdb.DuckDBPyConnection, query: NamedQuery, params: dict[str, Any] | None
) -> None:
    for table in query.requires:
        if table not in READ_WHEN or READ_WHEN[table](params or {}):
            REFRESHERS[table](con, params or {})


def execute(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None
) -> None:
    """Run a query for its effect (DDL, INSERT, UPDATE); nothing is left open on the connection."""
    query = load(name)
    params = _checked_params(query, params)
    _prepare(con, query, params)
    con.execute(query.text, params)
    # A SELECT-shaped tail would leave a streaming result open (DuckDB 2.x): drain it.
    con.fetchall()


def df(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None
) -> pd.DataFrame:
    """Run a query and return its rows as a pandas DataFrame (drains the result)."""
    query = load(name)
    params = _checked_params(query, params)
    _prepare(con, query, params)
    return con.execute(query.text, params).df()


def arrow(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None
) -> pa.Table:
    """Run a query and return its rows as an Arrow table: for large text results, many times
    faster than .df() (and `.to_pandas()` of it gives pandas' Arrow-backed str columns)."""
    query = load(name)
    params = _checked_params(query, params)
    _prepare(con, query, params)
    return con.sql(query.text, params=params).to_arrow_table()


def rows(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None
) -> list[tuple[Any, ...]]:
    """Run a query and return its rows as tuples (drains the result)."""
    query = load(name)
    params = _checked_params(query, params)
    _prepare(con, query, params)
    return con.execute(query.text, params).fetchall()


def scalar(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> Any:
    """Run a query that returns one value."""
    result = rows(con, name, params)
    return result[0][0] if result else None


def relation(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None
) -> duckdb.DuckDBPyRelation:
    """A lazy relation of a query, for streaming writes (write_parquet) without pandas."""
    query = load(name)
    params = _checked_params(query, params)
    _prepare(con, query, params)
    return con.sql(query.text, params=params)


def resolve(name: str) -> str:
    """A query's full name from its full or short name ('stance_share' -> 'analytics/stance_share')."""
    names = all_names()
    if name in names:
        return name
    matches = [n for n in names if n.rsplit("/", 1)[-1] == name]
    if len(matches) > 1 and f"analytics/{name}" in matches:
        return f"analytics/{name}"
    if len(matches) == 1:
        return matches[0]
    hint = f"; it could be {', '.join(matches)}" if matches else ""
    raise KeyError(f"no query named {name!r}{hint}. Known: {', '.join(names)}")


def all_names() -> list[str]:
    """Every named query, for tests that check headers and parameters."""
    return sorted(
        p.relative_to(QUERIES_DIR).with_suffix("").as_posix() for p in QUERIES_DIR.rglob("*.sql")
    )
