"""The curation pages through AppTest on their own seeded database: upload, undo, review, topic
edits and the editor password, each checked in the database afterwards."""

from __future__ import annotations

import json

import duckdb
import pytest

from stancewatch import editor_access
from tests.app.conftest import open_app
from tests.conftest import count_rows, good_row, make_csv

UPLOAD, BATCHES, REVIEW, TOPICS = (
    "views/upload.py", "views/batches.py", "views/review.py", "views/topic_editor.py",
)  # fmt: skip


@pytest.fixture
def db(app_store: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    return app_store


def count(con: duckdb.DuckDBPyConnection) -> int:
    return count_rows(con)


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def upload(at, data: bytes, name: str = "new.csv"):
    return at.file_uploader(key="upload_file").set_value((name, data, "text/csv")).run()


def table(at, column: str):
    """The first dataframe on the page with this column (st.dataframe has no test key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def button(at, label: str):
    return next(b for b in at.button if b.label.startswith(label))


def new_rows() -> bytes:
    return make_csv([good_row(quote="Synthetic AppTest one."),
                     good_row(capital="Kyiv", quote="Synthetic AppTest two.")])  # fmt: skip


def test_upload_preview_then_commit(db: duckdb.DuckDBPyConnection) -> None:
    at = upload(open_app(UPLOAD), new_rows())
    assert (metric(at, "Rows read"), metric(at, "New"), metric(at, "Rejected")) == ("2", "2", "0")
    assert count(db) == 207  # the preview wrote nothing
    read = [c.value.replace("\\", "") for c in at.caption if c.value.startswith("Read as")]
    assert read == ["Read as UTF-8, comma-separated."]  # as the CLI says it (markdown escaped)
    button(at, "Commit 2 statements").click().run()
    assert not at.exception
    assert count(db) == 209
    assert any("batch 2 written, 2 statements inserted" in s.value for s in at.success)
    toast = next(t for t in at.toast if "2 statements arrived" in t.value)
    assert toast.icon == ":material/fiber_new:"  # not an emoji: a font may lack it
    # The Overview of the batch: its filters set in this session (a link's were ignored).
    button(at, "Overview of this batch").click().run()
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert sorted(at.multiselect(key="capital").value) == ["Kyiv", "Paris"]
    assert metric(at, "Statements") == "2"
    # the same file again: all duplicates, nothing to commit
    at = upload(open_app(UPLOAD), new_rows(), name="again.csv")
    assert (metric(at, "New"), metric(at, "Duplicates")) == ("0", "2")
    assert not [b for b in at.button if b.label.startswith("Commit")]


def test_invalid_rows_are_listed_and_nothing_is_written(db: duckdb.DuckDBPyConnection) -> None:
    rows = [
        good_row(),
        good_row(date="2025-02-30", quote="Bad day."),
        good_row(capital="Atlantis", quote="Bad capital."),
    ]
    at = upload(open_app(UPLOAD), make_csv(rows))
    assert metric(at, "Rejected") == "2"
    problems = table(at, "Reason and fix")
    assert problems[["Line", "Column"]].values.tolist() == [[3, "date"], [4, "capital"]]
    assert button(at, "Commit").disabled  # all or nothing is the default
    at.radio(key="upload_mode").set_value("valid").run()
    assert not button(at, "Commit 1 statement").disabled
    assert count(db) == 207
    button(at, "Commit 1 statement").click().run()
    assert count(db) == 208


def test_a_near_duplicate_title_maps_to_the_stored_topic(db: duckdb.DuckDBPyConnection) -> None:
    rows = [good_row(topic="bonne visit to moscow - feb 2026", capital="Moscow", date="2026-02-11")]
    at = upload(open_app(UPLOAD), make_csv(rows))
    flagged = [r for r in at.radio if "looks like the stored" in r.label]
    assert len(flagged) == 1 and "Bonne visit to Moscow (Feb 2026)" in flagged[0].label
    assert flagged[0].value == "new"  # kept as typed unless the editor says otherwise
    flagged[0].set_value("existing").run()
    button(at, "Commit 1 statement").click().run()
    said = " ".join(s.value for s in at.success)
    assert "Stored names used instead of: “bonne visit to moscow - feb 2026” → “Bonne visit" in said
    on_bonne = (
        db.cursor()
        .execute(
            "SELECT count(*) FROM statements WHERE topic_id = "
            "(SELECT id FROM topics WHERE title = 'Bonne visit to Moscow (Feb 2026)')"
        )
        .fetchall()[0][0]
    )
    assert on_bonne == 5
    assert db.cursor().execute(
        "SELECT count(*) FROM topics WHERE title ILIKE 'bonne visit to moscow - %'"
    ).fetchall() == [(0,)]


def test_a_near_duplicate_name_is_kept_as_typed_by_default(
    db: duckdb.DuckDBPyConnection,
) -> None:
    """A different claim that merely looks like a stored one is never filed under it unasked."""
    title = "Russian drone incursion into Romanian airspace (Sept 2025)"  # not the Polish one
    rows = [good_row(topic=title, capital="Moscow", date="2025-09-14")]
    at = upload(open_app(UPLOAD), make_csv(rows))
    assert any("looks like the stored" in r.label for r in at.radio)
    button(at, "Commit 1 statement").click().run()
    assert db.cursor().execute(
        "SELECT count(*) FROM topics WHERE title = $t", {"t": title}
    ).fetchall() == [(1,)]
    assert not any("Stored names used" in s.value for s in at.success)
    # Another file: the last commit's banner goes, the new file gets its own preview.
    at = upload(at, new_rows(), "other.csv")
    assert not at.success and metric(at, "New") == "2"


def test_undo_from_the_batches_page(db: duckdb.DuckDBPyConnection) -> None:
    at = upload(open_app(UPLOAD), new_rows())
    button(at, "Commit").click().run()
    at = open_app(BATCHES)
    assert table(at, "Status")["Status"].tolist() == ["committed", "committed"]
    shown = json.loads(next(d for d in at.dataframe if "Status" in d.value.columns).proto.columns)
    for count_column in ("Read", "Inserted", "Duplicate", "Rejected", "Live now"):  # 10,000,000
        assert shown[count_column]["type_config"]["format"] == "localized"
    assert button(at, "Undo batch").disabled  # until confirmed
    at.checkbox(key=f"undo_confirm_{at.selectbox(key='undo_batch').value}").check().run()
    button(at, "Undo batch").click().run()
    assert count(db) == 207
    assert any("Batch 2 undone: 2 statements" in s.value for s in at.success)
    assert table(at, "Status")["Status"].tolist() == ["reverted", "committed"]
    assert db.cursor().execute("SELECT count(*) FROM statements_archive").fetchall() == [(2,)]
    # The next batch asks for its own confirmation, unticked, as its button says.
    box = at.checkbox(key=f"undo_confirm_{at.selectbox(key='undo_batch').value}")
    assert not box.value and button(at, "Undo batch").disabled


def test_review_accept_and_change(db: duckdb.DuckDBPyConnection) -> None:
    rows = [good_row(stance="", quote="We neither confirm nor deny these reports."),
            good_row(stance="", capital="Moscow", quote="This is a lie, we categorically deny it.")]  # fmt: skip
    at = upload(open_app(UPLOAD), make_csv(rows))
    button(at, "Commit").click().run()
    ids = [
        r[0]
        for r in db.cursor()
        .execute("SELECT id FROM statements WHERE stance_origin = 'classifier' ORDER BY id")
        .fetchall()
    ]
    assert len(ids) == 2
    at = open_app(REVIEW)
    assert any(
        "<mark" in h.proto.body and "neither confirm nor deny" in h.proto.body
        for h in at.get("html")
    )
    button(at, "Accept suggestion").click().run()  # the least certain first
    first = (
        db.cursor()
        .execute("SELECT id, stance FROM statements WHERE stance_origin = 'review'")
        .fetchall()
    )
    assert len(first) == 1
    other = next(i for i in ids if i != first[0][0])
    at.radio(key=f"stance_{other}").set_value("confirm")
    at.text_input(key=f"reason_{other}").input("the source says otherwise")
    at.button(key=f"save_{other}").click().run()
    revisions = (
        db.cursor()
        .execute(
            "SELECT statement_id, old_stance, new_stance, reason FROM stance_revisions ORDER BY id"
        )
        .fetchall()
    )
    assert revisions[0][0] == first[0][0] and revisions[0][1] == revisions[0][2] == first[0][1]
    assert revisions[1][0] == other and revisions[1][2:] == ("confirm", "the source says otherwise")
    assert any("Nothing to review" in i.value for i in open_app(REVIEW).info)
    at = open_app("views/statements.py")
    at.number_input(key="history_id").set_value(other).run()
    assert table(at, "Why")["Why"].tolist() == ["the source says otherwise"]


def test_merge_and_its_reversal(db: duckdb.DuckDBPyConnection) -> None:
    at = open_app(TOPICS)
    source = at.selectbox(key="merge_from").options[0]
    target = at.selectbox(key="merge_into").options[1]
    at.selectbox(key="merge_from").select_index(0)
    at.selectbox(key="merge_into").select_index(1)
    button(at, "Merge").click().run()
    assert not at.exception
    titles = [
        r[0]
        for r in db.cursor()
        .execute("SELECT DISTINCT t.title FROM statements s JOIN topics t ON t.id = s.topic_id")
        .fetchall()
    ]
    assert source.rsplit(" · ", 1)[0] not in titles and target.rsplit(" · ", 1)[0] in titles
    edits = table(at, "Kind")
    assert edits["Kind"].tolist() == ["merge"] and edits["Status"].tolist() == ["in force"]
    button(at, "Reverse").click().run()
    assert table(at, "Kind")["Status"].tolist() == ["reversed"]  # said, not off-screen
    titles = [
        r[0]
        for r in db.cursor()
        .execute("SELECT DISTINCT t.title FROM statements s JOIN topics t ON t.id = s.topic_id")
        .fetchall()
    ]
    assert source.rsplit(" · ", 1)[0] in titles
    assert db.cursor().execute("SELECT reversed_by FROM topic_edits").fetchall() == [("editor",)]


def test_writes_need_the_password_when_one_is_set(
    db: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(editor_access.ENV_VAR, "correct horse")
    at = upload(open_app(UPLOAD), new_rows())
    assert metric(at, "New") == "2"  # reading and previewing need no password
    assert button(at, "Commit").disabled
    at.text_input(key="editor_password").input("wrong")
    button(at, "Unlock editing").click().run()
    assert any("Wrong password" in e.value for e in at.error)
    assert button(at, "Commit").disabled and count(db) == 207
    at.text_input(key="editor_password").input("correct horse")
    button(at, "Unlock editing").click().run()
    assert not button(at, "Commit").disabled
    button(at, "Commit").click().run()
    assert count(db) == 209


def test_a_file_over_the_limit_is_refused(
    db: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STANCEWATCH_MAX_UPLOAD_MB", "1")
    big = make_csv([good_row(quote="x" * 1000 + str(i)) for i in range(1100)])
    at = upload(open_app(UPLOAD), big)
    assert any(
        "the upload limit is 1 MB" in e.value and "STANCEWATCH_MAX_UPLOAD_MB" in e.value
        for e in at.error
    )
    assert not at.metric and count(db) == 207
