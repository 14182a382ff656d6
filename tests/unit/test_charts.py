"""Figure builders are pure: asserted on fig.data and fig.layout."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.io as pio
import pytest

from components import charts
from stancewatch.config import STANCE_COLOURS


def _counts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "capital": ["Kyiv", "Kyiv", "Moscow", "Moscow", "Moscow", "Paris"],
            "stance": ["confirm", "deny", "confirm", "deny", "no_comment", "no_comment"],
            "statements": [3, 1, 2, 5, 4, 1],
        }
    )


def test_stance_counts_bar_uses_design_colours_and_order() -> None:
    fig = charts.stance_counts_bar(_counts())
    assert [t.name for t in fig.data] == ["Confirm", "Deny", "No comment"]
    assert [t.marker.color for t in fig.data] == list(STANCE_COLOURS.values())
    assert fig.layout.barmode == "stack"
    # Capitals ordered by total statements, largest first.
    assert list(fig.layout.xaxis.categoryarray) == ["Moscow", "Kyiv", "Paris"]


def test_stance_counts_bar_values_match_input() -> None:
    fig = charts.stance_counts_bar(_counts())
    deny = next(t for t in fig.data if t.name == "Deny")
    assert dict(zip(deny.x, deny.y, strict=True)) == {"Kyiv": 1, "Moscow": 5}
    assert fig.layout.template.layout.colorway != ("#000001",)  # a real template, exportable


HOSTILE = 'Visit, "Bonne" <b>x</b> & co'


def test_labels_escape_markup_but_keep_quotes() -> None:
    latest = pd.DataFrame(
        {"capital": ["Paris"], "topic": [HOSTILE], "stance": ["deny"],
         "stated_on": [pd.Timestamp("2025-01-01")], "speaker": ["S"], "quote": ['Q "x" <i>']}
    )  # fmt: skip
    fig = charts.latest_matrix(latest, topic_order=[HOSTILE])
    tick = fig.layout.yaxis.ticktext[0]
    assert '"Bonne"' in tick and "&quot;" not in tick and "&lt;b&gt;" in tick
    hover = fig.data[1].hovertext[0]
    assert '"x"' in hover and "&lt;i&gt;" in hover and "<i>" in hover  # the template's own <i>
    assert "&lt;b&gt;x&lt;/b&gt;" in hover and "<b>x</b>" not in hover
    assert fig.data[1].customdata[0].tolist() == [HOSTILE]  # a click narrows to the raw title


def _share(periods: list[str], capital: str = "Paris") -> pd.DataFrame:
    return pd.DataFrame(
        {"period": pd.to_datetime(periods), "capital": capital, "stance": "confirm",
         "statements": 1, "share": 1.0}
    )  # fmt: skip


def test_a_single_period_bar_is_as_wide_as_its_period() -> None:
    for grain, days in (("day", 1), ("month", 30.4), ("year", 365.25)):
        fig = charts.stance_share_chart(_share(["2026-02-01"]), grain=grain)
        bars = [t for t in fig.data if t.type == "bar"]
        assert bars and all(abs(b.width - days * 0.8 * 86_400_000) < 1 for b in bars)
    assert fig.layout.xaxis.title.text == "Year"


@pytest.mark.parametrize("combined", [False, True])
def test_stance_share_hover_names_capital_period_and_counts(combined) -> None:
    share = pd.concat([_share(["2026-01-01", "2026-02-01"]), _share(["2026-01-01"], "<b>Kyiv")])
    share["statements"] = [3, 1_204, 1]
    share["share"] = [0.5, 1.0, 0.25]
    fig = charts.stance_share_chart(share, combined=combined)
    by_capital = {t.hovertemplate.split(",")[0]: t for t in fig.data}
    assert set(by_capital) == {"Paris", "&lt;b&gt;Kyiv"}  # escaped, one capital per trace
    paris = by_capital["Paris"]
    assert paris.hovertemplate == (
        "Paris, %{x|%b %Y}<br>Confirm: %{customdata[0]:,} of %{customdata[1]:,} "
        "(%{customdata[2]:.0%})<extra></extra>"
    )  # e.g. "3 of 6 (50%)": no "1 statements"; thousands separated; the month, not its day
    assert paris.customdata.dtype.kind == "f"  # numbers: copied whole, not value by value
    assert paris.customdata[:, [0, 2]].tolist() == [[3, 0.5], [1_204, 1.0]]
    if combined:  # Kyiv said nothing in February: no share there (a gap), a count of 0 of 0
        kyiv = by_capital["&lt;b&gt;Kyiv"]
        assert pd.isna(kyiv.y[1]) and kyiv.customdata[1].tolist() == [0, 0, 0]
    quarterly = charts.stance_share_chart(share, grain="quarter")
    assert "%{x|Q%q %Y}" in quarterly.data[0].hovertemplate  # 'Q1 2026' (checked in Chromium)


def test_combined_lines_fall_to_zero_where_a_capital_did_not_take_the_stance() -> None:
    share = pd.DataFrame(
        {"period": pd.to_datetime(["2026-01-01", "2026-01-01", "2026-02-01", "2026-03-01"]),
         "capital": "Paris", "stance": ["deny", "confirm", "confirm", "deny"],
         "statements": [2, 2, 5, 1], "share": [0.5, 0.5, 1.0, 1.0]}
    )  # fmt: skip
    for measure, expected in (("share", [0.5, 0.0, 1.0]), ("count", [2, 0, 1])):
        fig = charts.stance_share_chart(share, combined=True, measure=measure)
        deny = next(t for t in fig.data if t.name.startswith("Deny"))
        assert list(deny.y) == expected  # not a straight line from January to March
    assert fig.layout.legend.orientation == "v"  # beside the plot, not over the title


def test_a_few_periods_get_a_readable_axis() -> None:
    """One month used to be ticked every few days ('Feb 2026' eight times), and the silence
    chart labelled hours: the axis now spans six periods, one tick each."""
    for grain, dtick in (("month", "M1"), ("year", "M12"), ("day", 86_400_000)):
        share = _share(["2026-02-01"])
        rate = share.assign(silence_rate=0.5)
        for fig in (
            charts.stance_share_chart(share, grain=grain),
            charts.silence_rate_chart(rate, grain=grain),
        ):
            axis = fig.layout.xaxis
            lo, hi = (pd.Timestamp(v) for v in axis.range)
            assert axis.dtick == dtick
            assert (hi - lo).days >= 5 * charts.GRAIN_DAYS[grain]
    long = charts.stance_share_chart(_share([f"{y}-01-01" for y in range(2010, 2026)]))
    assert long.layout.xaxis.range is None and long.layout.xaxis.dtick is None


def test_silence_rate_breaks_where_a_capital_said_nothing() -> None:
    rate = pd.DataFrame(
        {"period": pd.to_datetime(["2026-01-01", "2026-01-01", "2026-02-01"]),
         "capital": ["Paris", "Kyiv", "Kyiv"], "statements": [1, 4, 2],
         "silence_rate": [0.0, 0.25, 0.5]}
    )  # fmt: skip
    fig = charts.silence_rate_chart(rate)
    paris = next(t for t in fig.data if t.name == "Paris")
    assert pd.isna(paris.y[1])  # no statement in February: a gap, not a line to March
    kyiv = next(t for t in fig.data if t.name == "Kyiv")
    assert kyiv.customdata.tolist() == [[1, 4], [1, 2]]  # no comment, of all: "25% (1 of 4)"
    assert "(%{customdata[0]:,} of %{customdata[1]:,})" in kyiv.hovertemplate


def test_small_counts_are_ticked_in_whole_numbers() -> None:
    kyiv = _counts().query("capital == 'Kyiv'")  # 4 statements: plotly would tick 0.5, 1.5
    fig = charts.stance_counts_bar(kyiv)
    assert fig.layout.yaxis.dtick == 1 and fig.layout.yaxis.tickformat == ",d"
    big = _counts().assign(statements=lambda f: f["statements"] * 100_000)
    fig = charts.stance_counts_bar(big)
    assert fig.layout.yaxis.dtick is None
    assert fig.data[0].texttemplate == "%{y:,}" and "%{y:,}" in fig.data[0].hovertemplate
    for combined in (False, True):  # the Trends counts too: stacked totals, or one line's
        counts = charts.stance_share_chart(
            _share(["2026-01-01"]), measure="count", combined=combined
        )
        assert counts.layout.yaxis.dtick == 1 and counts.layout.yaxis.tickformat == ",d"


def test_every_figure_uses_the_app_template_even_if_the_default_changes(monkeypatch) -> None:
    fig = charts.stance_share_chart(_share(["2026-02-01"]))
    assert fig.layout.template == charts.TEMPLATE
    monkeypatch.setattr(pio.templates, "default", "plotly_dark")
    fig = charts.stance_share_chart(_share(["2026-02-01"]))
    assert fig.layout.template == charts.TEMPLATE


def test_state_timeline_draws_one_bar_per_run_and_marks_changes() -> None:
    runs = pd.DataFrame(
        {"capital": ["Paris", "Paris"], "topic": ["T", "T"], "stance": ["no_comment", "confirm"],
         "start_on": pd.to_datetime(["2026-02-04", "2026-02-10"]),
         "end_on": pd.to_datetime(["2026-02-10", None]), "statements": [1, 1],
         "is_change": [False, True], "speaker": ["A", "B"], "quote": ["q1", "q2"],
         "source_name": ["s", "s"]}
    )  # fmt: skip
    fig = charts.state_timeline(runs, end_on=dt.date(2026, 2, 20))
    bars = {t.name: t for t in fig.data if t.type == "bar"}
    assert len(bars["No comment"].y) == 1 and len(bars["Confirm"].y) == 1
    assert bars["Confirm"].x[0] == 10 * 86_400_000  # runs to end_on while it holds
    fig = charts.state_timeline(runs, end_on=dt.date(2026, 2, 10))  # the new line's first day
    bars = {t.name: t for t in fig.data if t.type == "bar"}
    assert bars["Confirm"].x[0] >= 86_400_000  # still a visible segment, not a sliver
    marks = next(t for t in fig.data if t.name == "Change of line")
    assert len(marks.x) == 1
    assert fig.layout.xaxis.tickformat == "%-d %b %Y"


def test_swimlane_pads_a_short_span_and_keeps_one_dot_per_statement() -> None:
    tl = pd.DataFrame(
        {"statement_id": [1, 2], "capital": ["Paris", "Moscow"], "stance": ["deny", "confirm"],
         "stated_on": pd.to_datetime(["2026-02-10", "2026-02-10"]), "speaker": ["A", "B"],
         "quote": ["q", "q"], "source_name": ["s", "s"]}
    )  # fmt: skip
    fig = charts.swimlane(tl)
    dots = [t for t in fig.data if t.mode == "markers"]
    assert sum(len(t.x) for t in dots) == 2
    lo, hi = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert hi - lo >= pd.Timedelta(days=14)


def test_transitions_matrix_counts_before_by_after() -> None:
    tr = pd.DataFrame(
        {"capital": ["Kyiv", "Kyiv"], "previous_stance": ["deny", "deny"],
         "stance": ["deny", "confirm"], "transitions": [3, 1]}
    )  # fmt: skip
    fig = charts.transitions_matrix(tr)
    z = [list(row) for row in fig.data[0].z]
    assert z == [[0, 0, 0], [1, 3, 0], [0, 0, 0]]  # rows: before; columns: after
    two = charts.transitions_matrix(pd.concat([tr, tr.assign(capital="Paris")]))
    assert two.layout.yaxis.showticklabels and not two.layout.yaxis2.showticklabels


def test_hover_text_wraps_exactly_as_textwrap() -> None:
    import html
    import textwrap

    texts = [
        "", "short", "a " * 80, "x" * 100, "word " + "y" * 70 + " tail",
        "well-known self-evident claims " * 6, "em--dash and -b option " * 5,
        "  spaced\tout\nlines\u00a0and\u2003unicode  " * 8, "<b>bold</b> & co " * 12,
    ]  # fmt: skip
    for text in texts:
        flat = " ".join(text.split())
        flat = flat if len(flat) <= 320 else flat[:319] + "…"
        for width in (5, 20, 64):
            lines = textwrap.wrap(flat, width)
            expected = "<br>".join(html.escape(line, quote=False) for line in lines)
            assert charts.hover_text(text, width=width) == expected, (text, width)


def test_hover_texts_of_missing_values_are_empty() -> None:
    latest = pd.DataFrame(
        {"capital": ["Paris", "Kyiv"], "topic": ["T", "T"], "stance": ["deny", "deny"],
         "stated_on": pd.to_datetime(["2025-01-01", None]), "speaker": [None, "S"],
         "quote": ["q", None]}
    )  # fmt: skip
    fig = charts.latest_matrix(latest, topic_order=["T"])
    assert list(fig.data[1].hovertext) == [
        "<b>T</b><br>Paris: Deny on 1 Jan 2025<br><i>q</i>",  # no speaker: no "None: "
        "<b>T</b><br>Kyiv: Deny on <br>S: <i></i>",
    ]
    assert [row.tolist() for row in fig.data[1].customdata] == [["T"], ["T"]]
    assert fig.data[1].hovertemplate == "%{hovertext}<extra></extra>"


def test_state_timeline_and_swimlane_hovers_carry_each_point_escaped() -> None:
    runs = pd.DataFrame(
        {"capital": ["Paris", "Kyiv", "Paris"], "topic": ["T", "U", HOSTILE],
         "stance": ["deny", "deny", "confirm"],
         "start_on": pd.to_datetime(["2026-02-04", "2026-02-06", "2026-02-08"]),
         "end_on": pd.to_datetime(["2026-02-10", None, None]), "statements": [3, 1, 2],
         "is_change": [False, False, True], "speaker": ["A", None, "<S>"],
         "quote": ["q1", "q2", "Q & <i>"], "source_name": ["s", "t", None]}
    )  # fmt: skip
    fig = charts.state_timeline(runs, end_on=dt.date(2026, 2, 20))
    deny = next(t for t in fig.data if t.name == "Deny")
    assert list(deny.hovertext) == [
        "<b>T</b><br>Deny from 4 Feb 2026 (3 statements)<br>A: <i>q1</i><br>Source: s",
        "<b>U</b><br>Deny from 6 Feb 2026 (1 statement)<br><i>q2</i><br>Source: t",
    ]
    assert [row.tolist() for row in deny.customdata] == [["T"], ["U"]]
    assert list(deny.y) == ["T · Paris", "U · Kyiv"] and list(deny.x) == [
        6 * 86_400_000,
        14 * 86_400_000,
    ]
    confirm = next(t for t in fig.data if t.name == "Confirm")
    assert confirm.hovertext[0] == (
        '<b>Visit, "Bonne" &lt;b&gt;x&lt;/b&gt; &amp; co</b><br>Confirm from 8 Feb 2026 '
        "(2 statements)<br>&lt;S&gt;: <i>Q &amp; &lt;i&gt;</i>"  # no source: no empty line
    )
    assert confirm.customdata[0].tolist() == [HOSTILE]

    timeline = runs.rename(columns={"start_on": "stated_on"}).assign(statement_id=[1, 2, 3])
    fig = charts.swimlane(timeline)
    dots = {t.name: t for t in fig.data if t.mode == "markers"}
    assert list(dots["Deny"].hovertext) == [
        "Paris, 4 Feb 2026: Deny<br>A: <i>q1</i><br>Source: s",
        "Kyiv, 6 Feb 2026: Deny<br><i>q2</i><br>Source: t",
    ]
    assert dots["Confirm"].hovertext[0] == (
        "Paris, 8 Feb 2026: Confirm<br>&lt;S&gt;: <i>Q &amp; &lt;i&gt;</i>"
    )
    assert dots["Deny"].customdata is None
