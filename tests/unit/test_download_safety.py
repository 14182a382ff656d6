"""Downloads: no CSV cell can start a formula; no file name from data escapes the download name."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

import pandas as pd
import plotly.graph_objects as go
from hypothesis import given, settings
from hypothesis import strategies as st

from components.upload import label
from stancewatch.export import to_csv_bytes
from stancewatch.figure_export import ChartExport, view_zip
from stancewatch.filenames import download_name
from stancewatch.params import Filters

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TRICKY = st.text(
    alphabet=st.sampled_from(list("=+-@\t\r\n\"',;|!A1 ()ё/\\.:<>%\x00\ufeff")), max_size=12
)
CELLS = st.one_of(TRICKY, st.text(max_size=12), st.none())


def cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@settings(max_examples=100, deadline=None)
@given(values=st.lists(st.tuples(CELLS, CELLS), min_size=1, max_size=8))
def test_no_csv_cell_starts_a_formula(values: list[tuple[str | None, str | None]]) -> None:
    frame = pd.DataFrame(values, columns=["quote", "speaker"])
    frame["count"] = range(-len(frame), 0)  # numbers stay numbers, even negative ones
    frame["category"] = pd.Categorical([v[0] or "" for v in values])
    parsed = cells(to_csv_bytes(frame))
    assert parsed[0] == ["quote", "speaker", "count", "category"]
    for row, (quote, speaker) in zip(parsed[1:], values, strict=True):
        for cell, original in zip(row, (quote, speaker, None, quote or ""), strict=True):
            if cell.startswith(FORMULA_START):
                assert original is None and cell.startswith("-")  # the number column
            elif original:
                assert cell in (original, "'" + original)


@settings(max_examples=100, deadline=None)
@given(
    text=st.text(max_size=200),
    names=st.lists(st.text(max_size=120), max_size=3),
    grain=st.one_of(st.none(), st.text(max_size=20)),
)
def test_download_names_from_data_stay_plain(
    text: str, names: list[str], grain: str | None
) -> None:
    f = Filters(start_on=dt.date(2025, 1, 1), capitals=names, topics=names, speakers=names,
                stances=names, text=text or None)  # fmt: skip
    for ext in ("png", "csv", "zip", "../../etc/passwd", text[:10]):
        name = download_name(text or "chart", f, ext, grain=grain)
        assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*(\.[a-z0-9-]+)?", name), name
        assert ".." not in name and len(name) <= 170


def test_zip_entries_and_upload_labels_hold_no_path() -> None:
    evil = "../../../etc/passwd\\..\\x"
    export = ChartExport(name="stance-share", title=evil, figure=go.Figure(),
                         data=pd.DataFrame({"quote": ["=cmd|' /C calc'!A0"]}),
                         filters=Filters(topics=[evil], speakers=["=1+1"]), statements=1)  # fmt: skip
    with zipfile.ZipFile(io.BytesIO(view_zip(evil, [export]))) as zf:
        names = zf.namelist()
        csv_name = next(n for n in names if n.endswith(".csv"))
        assert cells(zf.read(csv_name))[1] == ["'=cmd|' /C calc'!A0"]
    assert all("/" not in n and "\\" not in n and not n.startswith(".") for n in names), names
    for hostile in (evil, "C:\\Users\\x\\..\\statements.csv", "/etc/passwd", "..", "", "a" * 500):
        shown = label(hostile)
        assert "/" not in shown and "\\" not in shown and 0 < len(shown) <= 200


def test_list_cells_are_joined_and_still_neutralised() -> None:
    """A day's several stances (latest_stance's last_day_stances) read 'confirm; deny' in a CSV,
    not Python's "['confirm', 'deny']"; a joined value is checked for formulas like any other."""
    import numpy as np

    frame = pd.DataFrame(
        {
            "stances": [["confirm", "deny"], np.array(["no_comment"]), None, ["=1+1"]],
            "n": [1, 2, 3, 4],
        }
    )
    rows = cells(to_csv_bytes(frame))
    assert [r[0] for r in rows[1:]] == ["confirm; deny", "no_comment", "", "'=1+1"]
