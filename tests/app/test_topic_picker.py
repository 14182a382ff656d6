"""Edit topics on a store with more topics than a picker lists (the seed's 58 topics against
pickers cut to 3): each picker gets a Find box, and a merge can join two topics found apart."""

from __future__ import annotations

import re

import duckdb
import pytest

from components import filters
from tests.app.conftest import open_app
from tests.app.test_upload import TOPICS, button

MOSKVA = "Ukrainian missiles sank the cruiser Moskva (Apr 2022)"
BONNE = "Bonne visit to Moscow (Feb 2026)"


def titles(at, key: str) -> list[str]:
    return [o.rsplit(" · ", 1)[0] for o in at.selectbox(key=key).options]


def test_a_short_store_lists_every_topic_without_find_boxes(app_store) -> None:
    at = open_app(TOPICS)
    options = at.selectbox(key="rename_topic").options
    assert len(options) == 58
    held = [o.rsplit(" · ", 1)[1] for o in options]  # "1 statement", "12 statements", "1,457,060 …"
    assert all(re.fullmatch(r"1 statement|[\d,]+ statements", h) for h in held)
    assert "1 statement" in held
    assert not [w for w in at.text_input if w.key and w.key.endswith("_find")]


@pytest.fixture
def short(app_store, monkeypatch: pytest.MonkeyPatch) -> duckdb.DuckDBPyConnection:
    monkeypatch.setattr(filters, "LIST_CHOICES", 3)
    return app_store


def test_pickers_list_the_first_titles_and_say_how_to_find_the_rest(short) -> None:
    at = open_app(TOPICS)
    assert len(at.selectbox(key="rename_topic").options) == 3
    assert at.text_input(key="rename_find").placeholder == "Search all 58 topics"
    notes = [c.value for c in at.caption]
    assert any("first 3 of 58 topics by title" in n for n in notes)


def test_a_merge_joins_two_topics_found_by_separate_searches(short) -> None:
    at = open_app(TOPICS)
    at.text_input(key="merge_from_find").input("MOSKVA").run()
    at.text_input(key="merge_into_find").input("bonne").run()
    assert titles(at, "merge_from") == [MOSKVA] and titles(at, "merge_into") == [BONNE]
    assert titles(at, "rename_topic") != [MOSKVA]  # each picker has its own search
    button(at, "Merge").click().run()
    assert not at.exception
    held = dict(
        short.cursor()
        .execute(
            "SELECT t.title, count(*) FROM statements s JOIN topics t ON t.id = s.topic_id "
            "WHERE t.title IN (?, ?) GROUP BY 1",
            [MOSKVA, BONNE],
        )
        .fetchall()
    )
    assert MOSKVA not in held and held[BONNE] > 0


def test_a_search_that_matches_nothing_says_so(short) -> None:
    at = open_app(TOPICS)
    at.text_input(key="rename_find").input("no such claim").run()
    assert at.selectbox(key="rename_topic").options == []
    assert any("No topic title contains" in c.value for c in at.caption)
