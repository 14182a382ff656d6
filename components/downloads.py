"""Download menus: each chart as PNG, SVG, HTML, CSV and Parquet, and a whole view as a zip.

Files are made when clicked (deferred `data=` callables), never on a rerun, from the very figure
and rows on screen (stancewatch/figure_export.py does the work and owns the words).
"""

from __future__ import annotations

import streamlit as st

from stancewatch import figure_export
from stancewatch.figure_export import ChartExport

_REGISTRY = "_view_exports"
LABELS = {"png": "PNG image", "svg": "SVG image", "html": "Interactive HTML", "csv": "Data (CSV)", "parquet": "Data (Parquet)"}  # fmt: skip


def start_view() -> None:
    """Forget the previous run's charts (called from each view's header)."""
    st.session_state[_REGISTRY] = []


def menu(export: ChartExport, key: str) -> None:
    """A popover with one deferred download per format; images need a Chrome on the server.

    Its contents are drawn only while it is open (`on_change="rerun"`: opening it reruns the
    page, whose queries are cached): a closed menu is one button, not eight elements on every run
    of every chart (Trends' two menus cost 2.5 ms a run at 1M, a tenth of its queries' time).
    """
    st.session_state.setdefault(_REGISTRY, []).append(export)
    popover = st.popover(
        "Download", icon=":material/download:", key=f"{key}_downloads", on_change="rerun"
    )
    if not popover.open:
        return
    chrome = figure_export.chrome_path() is not None
    # A closed menu's control is not drawn, so Streamlit forgets its value: the choice is kept
    # apart and given back when the menu opens again.
    kept = f"_{key}_scale_kept"
    if f"{key}_scale" not in st.session_state:
        st.session_state[f"{key}_scale"] = st.session_state.get(kept, 2)
    with popover:
        st.caption(export.subtitle())
        scale = st.segmented_control(
            "PNG resolution", figure_export.SCALES, key=f"{key}_scale",
            format_func=lambda s: f"{s}×", required=True, disabled=not chrome,
        ) or 2  # fmt: skip
        st.session_state[kept] = scale
        for ext, (mime, make) in figure_export.FORMATS.items():
            image = ext in ("png", "svg")
            st.download_button(
                LABELS[ext],
                data=(lambda make=make, scale=scale: make(export, scale)),
                file_name=export.file_name(ext),
                mime=mime,
                key=f"{key}_dl_{ext}",
                on_click="ignore",
                disabled=image and not chrome,
                help=figure_export.NO_CHROME if image and not chrome else None,
                icon=":material/image:" if image else ":material/description:",
                width="stretch",
            )
        if not chrome:
            st.warning(figure_export.NO_CHROME, icon=":material/warning:")


def view_zip(view: str) -> None:
    """One button for every chart of this view in every format, with a README.txt."""
    exports: list[ChartExport] = list(st.session_state.get(_REGISTRY, []))
    if not exports:
        return
    first = exports[0]
    name = first.file_name("zip").replace(first.name, view.lower().replace(" ", "-"), 1)
    st.download_button(
        "Download this view (zip: every chart in every format)",
        data=lambda: figure_export.view_zip(view, exports),
        file_name=name,
        mime="application/zip",
        key="view_zip",
        on_click="ignore",
        icon=":material/folder_zip:",
    )
