"""AppTest helpers: run the real app.py against a real DuckDB file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from components import database
from stancewatch import editor_access
from stancewatch.config import ROOT

PAGES = [
    "views/overview.py",
    "views/trends.py",
    "views/changes.py",
    "views/topics.py",
    "views/statements.py",
]


def open_app(page: str = "views/overview.py", params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "views/overview.py":
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.fixture
def app_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The app on its own seeded file, no editor password: writes never reach the shared store."""
    monkeypatch.setenv("STANCEWATCH_DB", str(tmp_path / "own.duckdb"))
    monkeypatch.delenv(editor_access.ENV_VAR, raising=False)
    database.connection.clear()
    yield database.connection()
    database.connection.clear()


@pytest.fixture
def empty_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The app on a new database with the seed switched off; the shared one comes back after."""
    monkeypatch.setenv("STANCEWATCH_DB", str(tmp_path / "empty.duckdb"))
    monkeypatch.setenv("STANCEWATCH_NO_SEED", "1")
    database.connection.clear()
    yield
    database.connection.clear()
