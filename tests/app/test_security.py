"""Hostile URLs and protected writes through the real app (AppTest on a real DuckDB file).

Every filter and URL parameter takes SQL payloads, very long strings and Unicode tricks
literally (the page runs, the database is unchanged, dropped values are named); with an editor
password set, no curation view writes without it, even when a client forges a click on a
disabled button; failed sign-ins are slowed per server, not per session.
"""

from __future__ import annotations

import time

import duckdb
import pytest

from stancewatch import editor_access, integrity
from tests.app.conftest import PAGES, open_app
from tests.app.test_upload import BATCHES, REVIEW, TOPICS, UPLOAD, button, new_rows, upload
from tests.unit.test_injection import PAYLOADS

URL_KEYS = ("capital", "topic", "stance", "speaker", "q", "from", "to",
            "sort", "order", "size", "page", "focus")  # fmt: skip


@pytest.fixture
def db(app_store: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    return app_store


@pytest.mark.parametrize("page", [*PAGES, UPLOAD, BATCHES, REVIEW, TOPICS])
def test_sql_payloads_in_every_url_parameter_are_literal(
    db: duckdb.DuckDBPyConnection, page: str
) -> None:
    before = integrity.snapshot(db, data_only=True)
    for payload in PAYLOADS[:4]:
        at = open_app(page, {key: payload for key in URL_KEYS})  # asserts no exception
        assert integrity.snapshot(db, data_only=True) == before
        if page in PAGES:
            # The text filter is kept and matched literally (nothing contains it); list values
            # that are not in the data are dropped, and the sidebar says so.
            assert any("No statements match" in i.value for i in at.info), page
            warned = " ".join(w.value for w in at.sidebar.warning)
            assert "Ignored from the link" in warned and "capital" in warned


def forge_click(widget) -> None:
    """What a hostile client can do: send a click for a button the page shows disabled."""
    widget._value = True  # AppTest refuses .click() on a disabled widget; a raw client does not


def test_no_write_without_the_password_through_any_view(
    db: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(editor_access.ENV_VAR, "correct horse")
    before = integrity.snapshot(db, data_only=True)
    at = upload(open_app(UPLOAD), new_rows())
    commit = button(at, "Commit")
    assert commit.disabled
    forge_click(commit)
    at.run()
    at = open_app(BATCHES)
    at.checkbox(key=f"undo_confirm_{at.selectbox(key='undo_batch').value}").check().run()
    undo = button(at, "Undo batch")
    assert undo.disabled
    forge_click(undo)
    at.run()
    at = open_app(TOPICS)
    for label in ("Rename", "Merge"):
        forge_click(button(at, label))
        at.run()
    assert not at.exception
    assert integrity.snapshot(db, data_only=True) == before
    # The forged click is a real click when the button is enabled: the test can fail.
    monkeypatch.delenv(editor_access.ENV_VAR)
    at = open_app(BATCHES)
    at.checkbox(key=f"undo_confirm_{at.selectbox(key='undo_batch').value}").check().run()
    forge_click(button(at, "Undo batch"))
    at.run()
    assert integrity.snapshot(db, data_only=True) != before


def test_failed_sign_ins_are_slowed_across_sessions(
    db: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(editor_access.ENV_VAR, "correct horse")
    editor_access.THROTTLE.failures = 0
    try:
        took = []
        for _ in range(5):  # every try from a new session, as a script would
            at = open_app(BATCHES)
            at.text_input(key="editor_password").input("guess")
            started = time.monotonic()
            button(at, "Unlock editing").click().run()
            took.append(time.monotonic() - started)
            assert any("Wrong password" in e.value for e in at.error)
        # Failures 3 and 4 wait 1 s and 2 s although each session tried only once.
        assert took[3] >= 1.0 and took[4] >= 2.0, took
    finally:
        editor_access.THROTTLE.failures = 0
