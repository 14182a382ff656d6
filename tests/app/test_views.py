"""Every view through AppTest: renders on the seed and on an empty store; filters change it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tests.app.conftest import PAGES, open_app
from tests.conftest import chart_traces


def chart(at, key: str) -> dict:
    for element in at.get("plotly_chart"):
        if element.proto.id and key in element.proto.id:
            return chart_traces(element.proto.spec)
    raise AssertionError(f"no chart {key}")


def click(at, chart_key: str, topic: str) -> None:
    """A plotly point selection as the browser sends it (AppTest has no click API)."""
    point = {"customdata": [topic]}
    at.session_state[chart_key] = {
        "selection": {"points": [point], "point_indices": [0], "box": [], "lasso": []}
    }
    at.run()


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("page", PAGES)
def test_every_view_renders_on_the_seed(page: str) -> None:
    at = open_app(page)
    assert at.title[0].value in {"Overview", "Trends", "Stance changes", "Topics", "Statements"}
    assert not at.exception


@pytest.mark.parametrize("page", PAGES)
def test_every_view_renders_on_an_empty_store(empty_store: None, page: str) -> None:
    at = open_app(page)
    assert any("No statements match" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_overview_kpis_and_matrix_on_the_seed() -> None:
    at = open_app()
    assert metric(at, "Statements") == "207"
    assert metric(at, "Stance changes") == "24"
    matrix = chart(at, "latest_matrix")
    assert list(matrix) == ["Confirm", "Deny", "No comment"]
    assert "Bonne visit to Moscow (Feb 2026)" in matrix["Confirm"]["y"]


@pytest.mark.parametrize(
    ("key", "value", "statements"),
    [
        ("capital", ["Paris"], "44"),
        ("stance", ["no_comment"], "40"),
        ("topic", ["Bonne visit to Moscow (Feb 2026)"], "4"),
        ("speaker", ["Dmitry Peskov"], None),
        ("q", "Kremlin", None),
    ],
)
def test_each_filter_changes_the_overview(key: str, value, statements: str | None) -> None:
    at = open_app()
    widget = at.text_input(key=key) if key == "q" else at.multiselect(key=key)
    widget.set_value(value).run()
    assert not at.exception
    got = metric(at, "Statements")
    assert got != "207"
    if statements:
        assert got == statements


def test_date_filters_change_the_counts() -> None:
    at = open_app()
    at.date_input(key="from").set_value(dt.date(2026, 1, 1)).run()
    assert metric(at, "Statements") == "11"
    at.date_input(key="to").set_value(dt.date(2026, 2, 4)).run()
    assert metric(at, "Statements") == "6"


def test_query_params_restore_the_filters() -> None:
    at = open_app(params={"capital": ["Moscow", "Paris"], "from": "2025-06-01"})
    assert at.multiselect(key="capital").value == ["Moscow", "Paris"]
    assert at.date_input(key="from").value == dt.date(2025, 6, 1)
    assert metric(at, "Statements") == "43"
    assert at.caption[0].value.startswith("Moscow, Paris")


def test_unknown_url_values_are_dropped_with_a_note() -> None:
    at = open_app(params={"capital": ["Atlantis", "Paris"], "from": "yesterday"})
    assert at.multiselect(key="capital").value == ["Paris"]
    note = " ".join(w.value for w in at.warning)
    assert "Atlantis" in note and "yesterday" in note


def test_a_click_on_the_matrix_narrows_the_topic() -> None:
    at = open_app()
    topic = "Bonne visit to Moscow (Feb 2026)"
    click(at, "latest_matrix", topic)
    assert not at.exception
    assert at.multiselect(key="topic").value == [topic]
    assert metric(at, "Statements") == "4"


def test_trends_grain_and_measure_change_the_chart() -> None:
    at = open_app("views/trends.py")
    monthly = chart(at, "stance_share_chart")
    at.segmented_control(key="grain").set_value("year").run()
    yearly = chart(at, "stance_share_chart")
    assert len(yearly["Confirm"]["x"]) < len(monthly["Confirm"]["x"])
    assert max(yearly["Confirm"]["y"]) <= 1.0
    at.segmented_control(key="measure").set_value("count").run()
    counts = chart(at, "stance_share_chart")
    assert sum(sum(t["y"]) for t in counts.values()) == 207


def test_days_over_more_than_two_years_are_shown_as_weeks() -> None:
    at = open_app("views/trends.py")
    at.segmented_control(key="grain").set_value("day").run()
    assert any("showing weeks" in i.value for i in at.info)
    weekly = chart(at, "stance_share_chart")
    mondays = [pd.Timestamp(x).day_of_week == 0 for x in weekly["Confirm"]["x"]]
    assert all(mondays)  # weeks start on Mondays
    at.date_input(key="from").set_value(dt.date(2025, 6, 1)).run()
    assert not any("showing weeks" in i.value for i in at.info)
    daily = chart(at, "stance_share_chart")
    assert not all(pd.Timestamp(x).day_of_week == 0 for x in daily["Confirm"]["x"])


def test_topic_and_speaker_lists_filter_by_substring_and_never_select_all() -> None:
    """Streamlit's fuzzy default took "Bonne" to unrelated titles, and Enter on its first entry,
    "Select 5 matches", chose them all."""
    from streamlit.proto.SelectWidgetFilterMode_pb2 import FILTER_MODE_CONTAINS

    at = open_app()
    for key in ("topic", "speaker"):
        proto = at.multiselect(key=key).proto
        assert proto.filter_mode == FILTER_MODE_CONTAINS and proto.select_all == 0


def test_reversed_dates_and_a_missing_page_are_said() -> None:
    at = open_app(params={"from": "2025-06-01", "to": "2025-01-01"})
    notes = [c.value for c in at.caption]
    assert any("From is after To: showing 2025-01-01 to 2025-06-01" in n for n in notes)
    assert (
        metric(at, "Statements")
        == open_app(params={"from": "2025-01-01", "to": "2025-06-01"}).metric[0].value
    )
    at = open_app("views/statements.py", params={"page": "9999"})
    assert any("asked for page 9,999: there are 5" in c.value for c in at.caption)
    assert at.number_input(key="page").value == 1


def test_notes_say_when_a_quote_is_a_paraphrase() -> None:
    """The seed marks reporters' paraphrases in `notes`; cards and tables show them by the quote."""
    at = open_app()
    feed = " ".join(h.proto.body for h in at.get("html"))
    assert "Note: paraphrase" in feed
    at = open_app("views/statements.py")
    table = at.dataframe[0].value
    assert list(table.columns)[:1] == ["#"] and "Notes" in table.columns
    assert table["Notes"].str.startswith("paraphrase").any()


def test_changes_view_follows_the_topic_filter() -> None:
    topic = "Bonne visit to Moscow (Feb 2026)"
    at = open_app("views/changes.py", params={"topic": topic})
    bands = chart(at, "state_timeline")
    assert sorted({y for t in bands.values() for y in t.get("y", [])}) == ["Moscow", "Paris"]
    assert len(bands["Confirm"]["y"]) == 2 and len(bands["No comment"]["y"]) == 2
    assert len(at.dataframe[0].value) == 2  # the change log: Paris and Moscow to confirm


def test_topics_view_shows_one_topic() -> None:
    topic = "Bonne visit to Moscow (Feb 2026)"
    at = open_app("views/topics.py", params={"focus": topic})
    assert at.selectbox(key="focus").value == topic
    lanes = chart(at, "swimlane")
    assert sum(len(t["x"]) for name, t in lanes.items() if name in ("Confirm", "No comment")) == 4
    assert {m.label: m.value for m in at.metric} == {"Moscow": "Confirm", "Paris": "Confirm"}
    said = [m.value for m in at.markdown if "confirmed on" in m.value]
    assert "- **Paris** confirmed on 10 Feb 2026, 6 days after its first statement (4 Feb 2026);" \
        " before that: No comment." in said  # fmt: skip
    at = open_app(
        "views/topics.py", params={"focus": "North Korean troops fighting for Russia (2024-2025)"}
    )
    said = [m.value for m in at.markdown if "confirmed on" in m.value]
    assert "- **Kyiv** confirmed on 16 Oct 2024, in its first statement on it." in said


def test_statements_view_pages_and_counts() -> None:
    at = open_app("views/statements.py")
    first = at.dataframe[0].value
    assert len(first) == 50
    at.number_input(key="page").set_value(5).run()
    assert len(at.dataframe[0].value) == 207 - 4 * 50
    at.multiselect(key="capital").set_value(["Paris"]).run()
    assert "of 44 statements" in " ".join(c.value for c in at.caption)


CHARTS = ("stance_share_chart", "silence_rate_chart")


def _download_buttons(at, *menus: str) -> dict[str, object]:
    """The download buttons once the named charts' menus are open (opened as a click does: the
    popover's state turns true and the page reruns)."""
    for chart_key in menus:
        at.session_state[f"{chart_key}_downloads"] = True
    if menus:
        at.run()
        assert not at.exception, [e.message for e in at.exception]
    return {b.key: b for b in at.get("download_button")}


def test_every_chart_has_its_download_menu() -> None:
    at = open_app("views/trends.py", params={"capital": ["Paris"]})
    buttons = _download_buttons(at, *CHARTS)
    for chart_key in CHARTS:
        for ext in ("png", "svg", "html", "csv", "parquet"):
            assert f"{chart_key}_dl_{ext}" in buttons
    assert "view_zip" in buttons
    assert not buttons["stance_share_chart_dl_png"].proto.disabled
    subtitles = [c.value for c in at.caption if c.value.startswith("Paris · all dates")]
    assert len(subtitles) == 2, [c.value for c in at.caption]  # one per open menu


def test_a_closed_download_menu_draws_only_its_button() -> None:
    """Its eight elements are drawn when it opens, not on every run; the view's zip is always
    there. Closing it takes them away again."""
    at = open_app("views/trends.py")
    assert set(_download_buttons(at)) == {"view_zip"}
    assert not at.get("segmented_control") or all(
        not s.key.endswith("_scale") for s in at.get("segmented_control")
    )
    opened = _download_buttons(at, "silence_rate_chart")
    assert {k for k in opened if k != "view_zip"} == {
        f"silence_rate_chart_dl_{ext}" for ext in ("png", "svg", "html", "csv", "parquet")
    }
    at.session_state["silence_rate_chart_downloads"] = False
    assert set(_download_buttons(at.run())) == {"view_zip"}


def test_a_menu_opened_again_keeps_its_png_resolution() -> None:
    at = open_app("views/trends.py")
    _download_buttons(at, "silence_rate_chart")
    assert at.segmented_control(key="silence_rate_chart_scale").value == 2
    at.segmented_control(key="silence_rate_chart_scale").set_value(3).run()
    at.session_state["silence_rate_chart_downloads"] = False
    at.run()
    _download_buttons(at, "silence_rate_chart")
    assert at.segmented_control(key="silence_rate_chart_scale").value == 3


def test_without_a_chrome_image_downloads_say_so(monkeypatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chrome")
    at = open_app("views/trends.py")
    buttons = _download_buttons(at, "stance_share_chart")
    assert buttons["stance_share_chart_dl_png"].proto.disabled
    assert buttons["stance_share_chart_dl_svg"].proto.disabled
    assert not buttons["stance_share_chart_dl_csv"].proto.disabled
    assert "apt-get install chromium" in buttons["stance_share_chart_dl_png"].proto.help
    assert any("apt-get install chromium" in w.value for w in at.warning)


def test_old_dates_and_unknown_view_values_in_a_link_get_a_note() -> None:
    at = open_app(
        "views/trends.py", params={"from": "1899-12-31", "grain": "fortnight", "to": "2015-06-01"}
    )
    note = " ".join(w.value for w in at.warning).replace("\\", "")  # Markdown escapes
    assert "1899-12-31" in note and "fortnight" in note
    assert at.date_input(key="to").value == dt.date(2015, 6, 1)  # old dates are valid filters


@pytest.mark.parametrize(
    ("page", "chart_key"),
    [
        ("views/trends.py", "stance_share_chart"),
        ("views/changes.py", "state_timeline"),
        ("views/topics.py", "swimlane"),
    ],
)
def test_a_capital_filter_changes_every_chart_view(page: str, chart_key: str) -> None:
    at = open_app(page, params={"topic": "Bonne visit to Moscow (Feb 2026)"})
    before = chart(at, chart_key)
    at.multiselect(key="capital").set_value(["Paris"]).run()
    after = chart(at, chart_key)
    assert not at.exception
    assert before != after
    ys = {str(y) for t in after.values() for y in t.get("y", [])}
    assert "Moscow" not in ys


def test_statements_view_follows_the_stance_filter() -> None:
    at = open_app("views/statements.py")
    at.multiselect(key="stance").set_value(["deny"]).run()
    table = at.dataframe[0].value
    assert set(table["Stance"]) == {"Deny"} and len(table) == 50
    assert "of 69 statements" in " ".join(c.value for c in at.caption)


def test_a_click_on_the_timeline_narrows_the_topic() -> None:
    at = open_app("views/changes.py")
    topic = "Russian drone incursion into Polish airspace (Sept 2025)"
    click(at, "state_timeline", topic)
    assert at.multiselect(key="topic").value == [topic]


def test_a_slow_query_says_what_it_waits_for() -> None:
    """st.spinner shows these only past half a second: the first text search of a large store
    (every statement's words read once) is the long wait worth explaining."""
    from components import database

    assert database.waiting({"text": "kremlin"}) == database.WAITING_TEXT
    assert "first search" in database.WAITING_TEXT
    assert database.waiting({"text": ""}) == database.waiting(None) == database.WAITING
