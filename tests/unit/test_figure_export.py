"""Chart files: signatures, sizes, titles, round-trips, formula safety, file names."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from xml.etree import ElementTree

import duckdb
import pandas as pd
import pytest

from components import charts
from stancewatch import figure_export, sql
from stancewatch.figure_export import ChartExport
from stancewatch.filenames import download_name, slug
from stancewatch.params import Filters

FILTERS = Filters(
    capitals=["Moscow", "Paris"], start_on=dt.date(2025, 1, 1), end_on=dt.date(2026, 2, 28)
)


@pytest.fixture
def share_export(seeded: duckdb.DuckDBPyConnection) -> ChartExport:
    data = sql.df(seeded, "analytics/stance_share", {**FILTERS.params(), "grain": "week"})
    fig = charts.stance_share_chart(data)
    return ChartExport(
        name="stance-share", title="Stance share by week", figure=fig, data=data,
        filters=FILTERS, statements=int(data.statements.sum()),
        as_of=pd.Timestamp("2026-11-28 07:00", tz="UTC"), grain="week",
    )  # fmt: skip


def test_png_has_the_signature_and_the_asked_size(share_export: ChartExport) -> None:
    png = figure_export.image_bytes(share_export, "png", scale=2)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    expected_height = max(int(share_export.figure.layout.height), figure_export.MIN_HEIGHT)
    assert (width, height) == (2 * figure_export.SLIDE_WIDTH, 2 * expected_height)


def test_a_file_names_long_topics_in_full(share_export: ChartExport) -> None:
    from components import charts

    long = "A claim whose title runs well past the forty-eight characters <shown> on screen"
    latest = pd.DataFrame(
        {"capital": ["Paris"], "topic": [long], "stance": ["deny"],
         "stated_on": [pd.Timestamp("2025-01-01")], "speaker": ["S"], "quote": ["q"]}
    )  # fmt: skip
    fig = charts.latest_matrix(latest, topic_order=[long])
    assert fig.layout.yaxis.ticktext[0].endswith("…")
    share_export.figure = fig
    labels = figure_export.titled(share_export).layout.yaxis.ticktext
    assert labels == (long.replace("<", "&lt;").replace(">", "&gt;"),)
    assert fig.layout.yaxis.ticktext[0].endswith("…")  # the figure on screen is unchanged


def test_an_export_may_be_narrower_than_a_slide(share_export: ChartExport) -> None:
    share_export.width = 1050
    png = figure_export.image_bytes(share_export, "png")
    assert struct.unpack(">II", png[16:24])[0] == 1050


def test_svg_parses_and_carries_title_subtitle_and_stance_colours(share_export) -> None:
    svg = figure_export.image_bytes(share_export, "svg").decode("utf-8")
    ElementTree.fromstring(svg)
    assert "Stance share by week" in svg
    assert "Moscow, Paris · 1 Jan 2025 – 28 Feb 2026 · by week" in svg
    assert "data as of 28 Nov 2026 07:00 UTC" in svg
    assert "rgb(0, 158, 115)" in svg  # #009E73: exports keep the stance colours, not black
    assert "rgb(0, 0, 1)" not in svg


def test_html_is_offline_and_holds_the_data(share_export: ChartExport) -> None:
    page = figure_export.html_bytes(share_export).decode("utf-8")
    assert "<title>Stance share by week</title>" in page
    assert not [src for src in page.split("<script")[1:] if 'src="http' in src.split(">")[0]]
    assert "Moscow, Paris" in page and '"No comment"' in page


def test_csv_and_parquet_round_trip_to_the_query_result(share_export: ChartExport) -> None:
    back = pd.read_csv(io.BytesIO(figure_export.csv_bytes(share_export)), encoding="utf-8-sig")
    expected = share_export.data
    assert list(back.columns) == list(expected.columns)
    assert len(back) == len(expected)
    assert back.period.tolist() == expected.period.dt.strftime("%Y-%m-%d").tolist()
    assert back[["capital", "stance", "statements"]].equals(
        expected[["capital", "stance", "statements"]].astype({"statements": "int64"})
    )
    assert back.share.round(12).tolist() == expected.share.round(12).tolist()
    parquet = pd.read_parquet(io.BytesIO(figure_export.parquet_bytes(share_export)))
    pd.testing.assert_frame_equal(parquet, expected, check_dtype=False)


def test_csv_neutralises_formula_cells() -> None:
    data = pd.DataFrame(
        {"quote": ['=HYPERLINK("http://x","y")', "+SUM(1,1)", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", "plain"],
         "n": [1, 2, 3, 4, 5, 6, 7]}
    )  # fmt: skip
    export = ChartExport("t", "t", charts.go.Figure(), data, Filters(), 7)
    back = pd.read_csv(
        io.BytesIO(figure_export.csv_bytes(export)), encoding="utf-8-sig", keep_default_na=False
    )
    assert all(v.startswith("'") for v in back.quote[:6])
    assert back.quote[6] == "plain" and back.n.tolist() == list(range(1, 8))


def test_hostile_text_is_escaped_in_titles_and_html() -> None:
    hostile = '</script><script>window.pwned=1</script><img src=x onerror="alert(1)">'
    data = pd.DataFrame({"capital": ["Paris"], "stance": ["deny"], "statements": [1]})
    fig = charts.stance_counts_bar(data)
    export = ChartExport("t", hostile, fig, data, Filters(topics=[hostile]), 1)
    page = figure_export.html_bytes(export).decode("utf-8")
    assert "<script>window.pwned" not in page and "<img src=x" not in page


@pytest.mark.parametrize(
    "topic",
    [
        "a/b\\c",
        "../../etc/passwd",
        "quote \"double\" 'single'",
        "Визит Бонна в Москву",
        "x" * 300,
        "...",
        "中文题目",
    ],
)
def test_file_names_from_hostile_topics_are_safe(topic: str) -> None:
    name = download_name("stance-share", Filters(topics=[topic]), "png")
    stem = name[: -len(".png")]
    assert name.endswith(".png") and len(name) <= 160
    assert all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in stem), name
    assert ".." not in name and "/" not in name and "\\" not in name


def test_file_names_carry_the_filters() -> None:
    assert download_name("stance-share", FILTERS, "png", grain="week") == (
        "stance-share_moscow-paris_2025-01-01_2026-02-28_week.png"
    )
    assert slug("Визит Бонна в Москву (февр. 2026)") == "vizit-bonna-v-moskvu-fevr-2026"
    assert slug("中文") != slug("日本")  # unreadable scripts hash apart


def test_view_zip_has_every_format_and_a_readme(share_export: ChartExport) -> None:
    blob = figure_export.view_zip("Trends", [share_export])
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        names = zf.namelist()
        readme = zf.read("README.txt").decode("utf-8")
    stem = "stance-share_moscow-paris_2025-01-01_2026-02-28_week"
    assert sorted(names) == sorted(
        [f"{stem}.{e}" for e in ("png", "svg", "html", "csv", "parquet")] + ["README.txt"]
    )
    assert "capitals:  Moscow, Paris" in readme and "Stance share by week" in readme


def test_without_a_chrome_images_refuse_clearly_and_the_rest_works(
    share_export: ChartExport, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chrome")
    assert figure_export.chrome_path() is None
    with pytest.raises(RuntimeError, match="apt-get install chromium"):
        figure_export.image_bytes(share_export, "png")
    blob = figure_export.view_zip("Trends", [share_export])
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        names = zf.namelist()
        readme = zf.read("README.txt").decode("utf-8")
    assert not [n for n in names if n.endswith((".png", ".svg"))]
    assert [n for n in names if n.endswith(".html")] and "Not included" in readme
