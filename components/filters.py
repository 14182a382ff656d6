"""The global sidebar filters, kept in the URL so a copied link restores the same view.

Widgets are bound to query parameters (Streamlit's `bind="query-params"`) and rendered from
app.py, the entrypoint, so their parameters survive a page switch. Lists repeat the parameter
(`?capital=Paris&capital=Moscow`), so commas, quotes, accents and Cyrillic round-trip intact.
Streamlit silently drops values that are not options; we say so in the sidebar first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from components import choices as view_choices
from components.database import query
from components.text import escape_markdown
from stancewatch.config import STANCE_LABELS, STANCES
from stancewatch.contract import EARLIEST_DATE, latest_date
from stancewatch.params import Filters

# Widget key = URL parameter name.
START, END, CAPITALS, TOPICS, STANCE, SPEAKERS, TEXT = (
    "from", "to", "capital", "topic", "stance", "speaker", "q",
)  # fmt: skip
LIST_KEYS = (CAPITALS, TOPICS, STANCE, SPEAKERS)
ALL_KEYS = (START, END, *LIST_KEYS, TEXT)
MAX_TEXT = 200
PENDING_TOPIC = "_narrow_to_topic"
# The sidebar lists this many topics and speakers (the most recently active), and so do the
# Topics view's and Edit topics' pickers. Streamlit sends
# every option to the browser on every run: 20,000 titles cost about 25 ms per run at 1M
# statements, and nobody scrolls them. A Find box searches the rest in SQL.
LIST_CHOICES = 500
FIND = {TOPICS: "topic_find", SPEAKERS: "speaker_find"}
SEARCH = {TOPICS: "analytics/topic_options", SPEAKERS: "analytics/speaker_options"}
NOUN = {TOPICS: ("topic", "title"), SPEAKERS: ("speaker", "name")}


@dataclass(frozen=True)
class Options:
    capitals: list[str]
    topics: list[str]  # the LIST_CHOICES most recently active
    speakers: list[str]  # the LIST_CHOICES most recently active, by name
    first_on: dt.date | None
    last_on: dt.date | None
    topic_count: int = 0  # topics with statements; more than len(topics) when the list is cut
    speaker_count: int = 0

    def listed(self, key: str) -> list[str]:
        return self.topics if key == TOPICS else self.speakers

    def count(self, key: str) -> int:
        return self.topic_count if key == TOPICS else self.speaker_count

    def cut(self, key: str) -> bool:
        """True when the store has more topics (or speakers) than the sidebar lists."""
        return self.count(key) > len(self.listed(key))


def load_options() -> Options:
    """The sidebar's options for this run's data version (cached: views read the bounds too)."""
    return options_from(query("analytics/filter_options", {"list_limit": LIST_CHOICES}))


def options_from(frame: pd.DataFrame) -> Options:
    """The one row of analytics/filter_options as Options (an empty store gives empty lists)."""
    row = frame.iloc[0]

    def listed(value: object) -> list[str]:
        return [str(v) for v in value] if isinstance(value, (list, np.ndarray)) else []

    def day(value: object) -> dt.date | None:
        return None if value is None or pd.isna(value) else pd.Timestamp(value).date()

    return Options(
        capitals=listed(row["capitals"]),
        topics=listed(row["topics"]),
        speakers=listed(row["speakers"]),
        first_on=day(row["first_on"]),
        last_on=day(row["last_on"]),
        topic_count=int(row["topic_count"]),
        speaker_count=int(row["speaker_count"]),
    )


def choices(
    options: Options, key: str, wanted: list[str], find: str | None
) -> tuple[list[str], set[str]]:
    """(the Topics or Speakers filter's options, which of `wanted` are known values).

    All values when they fit in the list; otherwise the wanted ones that exist (from the URL, a
    click or the current selection), then the most recently active that contain `find`.
    """
    listed = options.listed(key)
    if not options.cut(key):
        return listed, set(wanted) & set(listed)
    if not wanted and not find:
        return listed, set()
    rows = query(SEARCH[key], {"find": find, "chosen": wanted, "limit": LIST_CHOICES})
    values = rows.iloc[:, 0]
    return values.tolist(), set(values[rows["chosen"]])


def _url_values(*keys: str) -> list[str]:
    """The values a link gives these parameters, on a session's first run (before binding)."""
    if st.session_state.get("_url_checked"):
        return []
    return [v for key in keys for v in st.query_params.get_all(key) if v]


def _dropped_from_url(options: Options, known: dict[str, set[str]]) -> list[str]:
    """Values in the URL that are not options (only on a session's first run, before binding)."""
    if st.session_state.get("_url_checked"):
        return []
    st.session_state["_url_checked"] = True
    allowed = {
        CAPITALS: set(options.capitals),
        TOPICS: known[TOPICS],
        STANCE: {STANCE_LABELS[s] for s in STANCES},  # the URL carries the labels shown
        SPEAKERS: known[SPEAKERS],
    }
    allowed |= view_choices.VIEW_PARAMS | {"focus": known[TOPICS]}
    dropped = []
    for key, known in allowed.items():
        for value in st.query_params.get_all(key):
            if value and value not in known:
                dropped.append(f"{key} “{value[:80]}”")
    page = st.query_params.get("page")
    if page and not (page.isdigit() and int(page) >= 1):
        dropped.append(f"page “{page[:80]}”")
    for key in (START, END):
        value = st.query_params.get(key)
        if not value:
            continue
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            dropped.append(f"{key} “{value[:80]}” (not a date; use YYYY-MM-DD)")
            continue
        if not EARLIEST_DATE <= day <= latest_date():
            dropped.append(f"{key} “{value}” (outside {EARLIEST_DATE} – {latest_date()})")
    return dropped


def sidebar(options: Options) -> None:
    """Render the filter widgets in the sidebar (call once per run, from app.py)."""
    pending = st.session_state.pop(PENDING_TOPIC, None)
    wanted = {
        TOPICS: [*(st.session_state.get(TOPICS) or []), *_url_values(TOPICS, "focus"),
                 *([pending] if pending else [])],
        SPEAKERS: [*(st.session_state.get(SPEAKERS) or []), *_url_values(SPEAKERS)],
    }  # fmt: skip
    finds = {key: (st.session_state.get(FIND[key]) or "").strip() or None for key in FIND}
    listed, known = {}, {}
    for key in FIND:
        listed[key], known[key] = choices(
            options, key, list(dict.fromkeys(wanted[key])), finds[key]
        )
    dropped = _dropped_from_url(options, known)
    if pending in known[TOPICS]:  # a chart click in the previous run
        st.session_state[TOPICS] = [pending]
    with st.sidebar:
        st.markdown("**Filters**")
        if dropped:
            st.session_state["_dropped"] = dropped
        if st.session_state.get("_dropped"):
            st.warning(
                "Ignored from the link (not a value these filters or views know): "
                + escape_markdown("; ".join(st.session_state["_dropped"])),
                icon=":material/link_off:",
            )
        bounds = ""
        if options.first_on and options.last_on:
            bounds = f"Statements run from {options.first_on} to {options.last_on}."
        picked = [
            st.date_input(
                label, value=None, key=key, bind="query-params", format="YYYY-MM-DD",
                min_value=EARLIEST_DATE, max_value=latest_date(), help=bounds,
            )
            for label, key in (("From", START), ("To", END))
        ]  # fmt: skip
        if picked[0] and picked[1] and picked[0] > picked[1]:
            st.caption(
                f":material/swap_vert: From is after To: showing {picked[1]} to {picked[0]}."
            )
        st.multiselect(
            "Capitals",
            options.capitals,
            key=CAPITALS,
            bind="query-params",
            placeholder="All capitals",
        )
        _long_list("Topics", TOPICS, listed[TOPICS], options, finds[TOPICS],
                   help="Most recently active first.")  # fmt: skip
        st.multiselect(
            "Stances", list(STANCES), key=STANCE, bind="query-params",
            format_func=STANCE_LABELS.__getitem__, placeholder="All stances",
        )  # fmt: skip
        _long_list("Speakers", SPEAKERS, listed[SPEAKERS], options, finds[SPEAKERS])
        st.text_input(
            "Text", key=TEXT, bind="query-params", max_chars=MAX_TEXT,
            placeholder="Words in quote, speaker or topic",
            help="Ignores case and accents; matched literally.",
        )  # fmt: skip
        st.button(
            "Reset filters", on_click=reset, icon=":material/filter_alt_off:", key="reset_filters"
        )


def _long_list(
    label: str, key: str, values: list[str], options: Options, find: str | None, help: str = ""
) -> None:
    """A URL-bound multiselect over `values`; when the store has more than the sidebar lists, a
    Find box above it searches them all (its matches become the values on the next run)."""
    noun, field = NOUN[key]
    if options.cut(key):
        st.text_input(
            f"Find {noun}s", key=FIND[key], max_chars=MAX_TEXT,
            placeholder=f"Search all {options.count(key):,} {noun}s",
            help=f"Lists the {noun}s whose {field} contains these words (ignoring case and "
            f"accents), for the {label} filter below to choose from.",
        )  # fmt: skip
        help += (
            f" Lists the {noun}s matching “{escape_markdown(find)}”: clear Find {noun}s for "
            "the most recently active."
            if find
            else f" Lists the {len(options.listed(key)):,} most recently active of "
            f"{options.count(key):,} {noun}s: type in Find {noun}s for the others."
        )
    # Typing filters by substring, as Find does: Streamlit's default fuzzy match took "Bonne" to
    # four unrelated titles, and its "Select 5 matches" entry, first in the list, took all of
    # them on Enter.
    st.multiselect(
        label, values, key=key, bind="query-params", placeholder=f"All {noun}s",
        help=help.strip() or None, filter_mode="contains", select_all=False,
    )  # fmt: skip


def current() -> Filters:
    """The filters as the widgets hold them this run (an inverted range is put right)."""
    state = st.session_state
    start, end = state.get(START), state.get(END)
    if start and end and start > end:
        start, end = end, start
    text = (state.get(TEXT) or "").strip() or None
    return Filters(
        start_on=start,
        end_on=end,
        capitals=list(state.get(CAPITALS) or []),
        topics=list(state.get(TOPICS) or []),
        stances=list(state.get(STANCE) or []),
        speakers=list(state.get(SPEAKERS) or []),
        text=text,
    )


SWITCH_TO = "_switch_to"  # a page to open on the next run, set by a callback


def show_on_overview(link: dict[str, object]) -> None:
    """Callback: the filters as `link` gives them (from, to, capital, topic; the rest reset),
    then the Overview. Widgets' state can only be set before they are drawn, hence a callback."""
    reset()
    for key in (START, END):
        if link.get(key):
            st.session_state[key] = dt.date.fromisoformat(str(link[key]))
    st.session_state[CAPITALS] = list(link.get(CAPITALS) or [])
    st.session_state[TOPICS] = list(link.get(TOPICS) or [])
    st.session_state[SWITCH_TO] = "views/overview.py"


def reset() -> None:
    """Callback: every filter back to "all" (and the URL with it)."""
    for key in (START, END):
        st.session_state[key] = None
    for key in LIST_KEYS:
        st.session_state[key] = []
    st.session_state[TEXT] = ""
    for key in FIND.values():
        st.session_state[key] = ""
    st.session_state["_dropped"] = []
