"""The Topics and Speakers filters when the store has more than the sidebar lists (the seed's 58
topics and its speakers against lists cut to 3): the most recently active are listed, a Find box
searches the rest, and a link or a chart click can still name any topic or speaker."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from components import filters
from tests.app.conftest import open_app
from tests.app.test_views import click

NEWEST = "Bonne visit to Moscow (Feb 2026)"  # the seed's most recently active topic
OLD = "Ukrainian missiles sank the cruiser Moskva (Apr 2022)"  # far from the newest three


@pytest.fixture
def short_list(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(filters, "LIST_CHOICES", 3)
    yield


def test_a_short_store_lists_every_topic_and_no_search() -> None:
    at = open_app()
    assert len(at.multiselect(key="topic").options) == 58
    assert not [w for w in at.text_input if w.key == filters.FIND["topic"]]


def test_the_list_holds_the_newest_topics_and_says_how_to_find_the_rest(short_list) -> None:
    at = open_app()
    topics = at.multiselect(key="topic")
    assert topics.options[0] == NEWEST and len(topics.options) == 3
    assert "3 most recently active of 58 topics" in topics.help
    assert at.text_input(key=filters.FIND["topic"]).placeholder == "Search all 58 topics"


def test_find_topics_lists_matches_and_keeps_the_selection(short_list) -> None:
    at = open_app()
    at.text_input(key=filters.FIND["topic"]).input("MOSKVA").run()
    assert at.multiselect(key="topic").options == [OLD]
    at.multiselect(key="topic").select(OLD).run()
    assert at.multiselect(key="topic").value == [OLD]
    at.text_input(key=filters.FIND["topic"]).input("").run()  # back to the newest, selection kept
    topics = at.multiselect(key="topic")
    assert topics.value == [OLD] and topics.options == [OLD, *topics.options[1:4]]
    assert NEWEST in topics.options
    assert not at.exception


def test_a_link_names_a_topic_outside_the_list(short_list) -> None:
    at = open_app(params={"topic": [OLD, "Atlantis"]})
    assert at.multiselect(key="topic").value == [OLD]
    note = " ".join(w.value for w in at.warning)
    assert "Atlantis" in note and "Moskva" not in note


def test_a_click_narrows_to_a_topic_outside_the_list(short_list) -> None:
    at = open_app()
    click(at, "latest_matrix", OLD)
    assert at.multiselect(key="topic").value == [OLD]


def test_reset_clears_the_search(short_list) -> None:
    at = open_app()
    at.text_input(key=filters.FIND["topic"]).input("moskva").run()
    at.button(key="reset_filters").click().run()
    assert at.text_input(key=filters.FIND["topic"]).value == ""
    assert len(at.multiselect(key="topic").options) == 3


@pytest.fixture
def short_focus(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(filters, "LIST_CHOICES", 3)
    yield


def test_the_topics_view_lists_the_newest_and_keeps_a_linked_topic(short_focus) -> None:
    at = open_app("views/topics.py")
    picker = at.selectbox(key="focus")
    assert picker.options[0] == NEWEST and len(picker.options) == 3
    assert "3 most recently active of the 58 topics" in picker.help
    at = open_app("views/topics.py", params={"focus": OLD})
    picker = at.selectbox(key="focus")
    assert picker.value == OLD and picker.options == [*picker.options[:3], OLD]
    swimlane = next(c for c in at.get("plotly_chart") if "swimlane" in c.proto.id)
    assert "Moskva" in swimlane.proto.spec and "Bonne" not in swimlane.proto.spec


def test_the_topics_view_does_not_add_a_topic_the_filter_leaves_out(short_focus) -> None:
    at = open_app("views/topics.py", params={"focus": OLD, "topic": NEWEST})
    assert at.selectbox(key="focus").options == [NEWEST]


def test_speakers_are_cut_and_searched_the_same_way(short_list) -> None:
    at = open_app()
    speakers = at.multiselect(key="speaker")
    assert len(speakers.options) == 3 and "most recently active of" in speakers.help
    assert at.text_input(key=filters.FIND["speaker"]).placeholder.startswith("Search all")
    at.text_input(key=filters.FIND["speaker"]).input("ZAKHAROVA").run()
    assert at.multiselect(key="speaker").options == ["Maria Zakharova"]


def test_a_link_names_a_speaker_outside_the_list(short_list) -> None:
    listed = open_app().multiselect(key="speaker").options
    assert "Maria Zakharova" not in listed  # she last spoke before the three listed
    at = open_app(params={"speaker": ["Maria Zakharova", "Nobody Atall"]})
    assert at.multiselect(key="speaker").value == ["Maria Zakharova"]
    note = " ".join(w.value for w in at.warning)
    assert "Nobody Atall" in note and "Zakharova" not in note
