"""A chart as files: PNG and SVG (kaleido + a Chrome), offline HTML, CSV and Parquet, and a zip.

No Streamlit here. Static images go through one kaleido browser started once per process
(0.2 s per image once warm, instead of 2-3 s for a fresh Chrome each time). The title and
subtitle written into each file say what it shows, for which filters, from how many statements,
as of when; HTML-escaped, since topic names come from uploads.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import io
import json
import os
import threading
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import pyarrow.parquet as pq

from stancewatch import describe
from stancewatch.export import to_csv_bytes
from stancewatch.params import Filters

SLIDE_WIDTH, MIN_HEIGHT = 1600, 600
SCALES = (1, 2, 3)
_server_lock = threading.Lock()
_server_started = False


@dataclass
class ChartExport:
    """Everything a download needs: the figure as displayed, the rows behind it, and its words."""

    name: str  # short id, e.g. "stance-share"
    title: str
    figure: go.Figure
    data: pd.DataFrame
    filters: Filters
    statements: int
    as_of: pd.Timestamp | None = None
    grain: str | None = None
    notes: list[str] = field(default_factory=list)
    noun: str = "statement"
    width: int | None = None  # image width in pixels, when the chart is narrower than a slide

    def subtitle(self) -> str:
        grain = f" · by {self.grain}" if self.grain else ""
        return (
            f"{describe.filters(self.filters, full=True)}{grain} · {describe.count(self.statements, self.noun)}, "
            f"data as of {describe.as_of(self.as_of)}"
        )

    def file_name(self, ext: str) -> str:
        from stancewatch.filenames import download_name

        return download_name(self.name, self.filters, ext, grain=self.grain)


# ---- Chrome ---------------------------------------------------------------------------------


def chrome_path() -> str | None:
    """The Chrome kaleido will use ($BROWSER_PATH first, as kaleido does), or None."""
    override = os.environ.get("BROWSER_PATH")
    if override:
        return override if Path(override).exists() else None
    from choreographer.browsers.chromium import Chromium

    found = Chromium.find_browser(skip_local=False)
    return found if found and Path(found).exists() else None


NO_CHROME = (
    "PNG and SVG need a Chrome or Chromium on the server and none was found. Install one "
    "(Debian/Ubuntu: `apt-get install chromium`) or point BROWSER_PATH at it; HTML, CSV and "
    "Parquet work without it."
)


def _ensure_server() -> None:
    global _server_started
    with _server_lock:
        if not _server_started:
            import kaleido

            kaleido.start_sync_server(silence_warnings=True)
            _server_started = True


# ---- figures --------------------------------------------------------------------------------


def titled(export: ChartExport) -> go.Figure:
    """A copy of the displayed figure with the title and subtitle that make it citable, and its
    category labels whole."""
    fig = copy.deepcopy(export.figure)
    top = fig.layout.margin.t if fig.layout.margin.t is not None else 40
    fig.update_layout(
        title={
            # Plotly shows a quote escaped as &quot; literally; <, > and & are what matter.
            "text": html.escape(export.title, quote=False),
            "subtitle": {"text": html.escape(export.subtitle(), quote=False)},
            "x": 0.01,
            "xanchor": "left",
        },
        margin={"t": top + 70},
    )
    axis = fig.layout.yaxis
    if axis.tickvals is not None and axis.ticktext is not None:
        # On screen long titles are cut to fit beside the chart; a file says them in full.
        fig.update_yaxes(ticktext=[html.escape(str(v), quote=False) for v in axis.tickvals])
    return fig


def image_bytes(export: ChartExport, fmt: str, scale: int = 1) -> bytes:
    """PNG or SVG at slide width (or the export's own); raises RuntimeError(NO_CHROME) without
    a Chrome."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"image format must be png or svg, not {fmt!r}")
    if chrome_path() is None:
        raise RuntimeError(NO_CHROME)
    _ensure_server()
    fig = titled(export)
    height = max(int(fig.layout.height or MIN_HEIGHT), MIN_HEIGHT)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        return fig.to_image(
            format=fmt, width=export.width or SLIDE_WIDTH, height=height, scale=scale
        )


def html_bytes(export: ChartExport) -> bytes:
    """A self-contained page (plotly.js embedded) that opens offline."""
    fig = titled(export)
    page = fig.to_html(
        include_plotlyjs=True,
        full_html=True,
        config={"toImageButtonOptions": camera_options(export)},
    )
    head = f'<head><meta charset="utf-8"><title>{html.escape(export.title)}</title>'
    return page.replace("<head>", head, 1).encode("utf-8")


def camera_options(export: ChartExport) -> dict[str, object]:
    """The plotly toolbar's own camera button: same file name, high resolution."""
    return {"filename": export.file_name("png")[:-4], "format": "png", "scale": 3}


def csv_bytes(export: ChartExport) -> bytes:
    """The rows behind the chart: plain header, UTF-8 with BOM, formulas neutralised."""
    return to_csv_bytes(export.data)


def parquet_bytes(export: ChartExport) -> bytes:
    """The rows behind the chart, with the description in the file's metadata."""
    table = pa.Table.from_pandas(export.data, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta[b"stancewatch"] = json.dumps(
        {"title": export.title, "description": export.subtitle()}, ensure_ascii=False
    ).encode("utf-8")
    buf = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(meta), buf)
    return buf.getvalue()


FORMATS = {
    "png": ("image/png", lambda e, scale=1: image_bytes(e, "png", scale)),
    "svg": ("image/svg+xml", lambda e, scale=1: image_bytes(e, "svg")),
    "html": ("text/html", lambda e, scale=1: html_bytes(e)),
    "csv": ("text/csv", lambda e, scale=1: csv_bytes(e)),
    "parquet": ("application/vnd.apache.parquet", lambda e, scale=1: parquet_bytes(e)),
}


def readme_text(view: str, exports: list[ChartExport], files: list[str], skipped: list[str]) -> str:
    """README.txt of a view's zip: what each file is, for which filters, as of when."""
    first = exports[0]
    f = first.filters
    lines = [
        f"Stancewatch: {view}",
        f"Exported {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; data as of {describe.as_of(first.as_of)}.",
        "",
        "Filters:",
        f"  dates:     {f.start_on or 'from the first statement'} to {f.end_on or 'the last'}",
        f"  capitals:  {', '.join(f.capitals) or 'all'}",
        f"  topics:    {'; '.join(f.topics) or 'all'}",
        f"  stances:   {', '.join(f.stances) or 'all'}",
        f"  speakers:  {'; '.join(f.speakers) or 'all'}",
        f"  text:      {f.text or '(none)'}",
        "",
        "Charts:",
    ]
    for e in exports:
        lines += [f"  {e.title}: {e.subtitle()}", f"    rows behind it: {len(e.data)}"]
        lines += [f"    note: {n}" for n in e.notes]
    lines += ["", "Files:"] + [f"  {name}" for name in files]
    if skipped:
        lines += ["", "Not included:"] + [f"  {s}" for s in skipped]
    lines += [
        "",
        "CSV files are UTF-8 with BOM; a cell that would start a spreadsheet formula",
        "(=, +, -, @, tab, carriage return) is prefixed with an apostrophe.",
    ]
    return "\n".join(lines) + "\n"


def view_zip(view: str, exports: list[ChartExport]) -> bytes:
    """Every chart of a view in every format, plus README.txt."""
    buf = io.BytesIO()
    files: list[str] = []
    skipped: list[str] = []
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for export in exports:
            for ext, (_, make) in FORMATS.items():
                name = export.file_name(ext)
                try:
                    zf.writestr(name, make(export))
                except RuntimeError as exc:  # no Chrome: the rest still ships
                    skipped.append(f"{name}: {exc}")
                    continue
                files.append(name)
        zf.writestr("README.txt", readme_text(view, exports, files, skipped))
    return buf.getvalue()
