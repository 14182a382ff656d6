"""Tables and feeds of statements. Quotes come from uploads: HTML is escaped, links are http(s)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.text import escape_html, safe_url
from stancewatch import describe
from stancewatch.config import STANCE_COLOURS, STANCE_LABELS


def _badge(stance: str) -> str:
    colour = STANCE_COLOURS.get(stance, "#666666")
    label = escape_html(STANCE_LABELS.get(stance, stance))
    return (
        f'<span style="background:{colour};color:#fff;border-radius:4px;padding:1px 7px;'
        f'font-size:0.8rem;font-weight:600">{label}</span>'
    )


def _source(url: object, name: object) -> str:
    href = safe_url(url)
    label = escape_html(name) if isinstance(name, str) and name else "source"
    if not href:
        return label if isinstance(name, str) and name else ""
    return f'<a href="{escape_html(href)}" target="_blank" rel="noopener noreferrer">{label}</a>'


def _quote(text: object, limit: int = 280) -> str:
    if not isinstance(text, str) or not text:
        return ""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"“{escape_html(short)}”"


def _note(text: object, limit: int = 300) -> str:
    """The statement's notes under its quote: they say when a quote is a paraphrase, a
    translation or dated approximately, which a reader must know before quoting it on."""
    if not isinstance(text, str) or not text.strip():
        return ""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return f'<div style="font-size:0.8rem;opacity:0.75;margin-top:2px">Note: {escape_html(short)}</div>'


def _card(stance: str, *lines: str) -> str:
    """One statement as a block with its stance's colour down the left edge; lines are HTML."""
    return (
        f'<div style="border-left:4px solid {STANCE_COLOURS.get(stance, "#666")};'
        f'padding:6px 12px;margin:0 0 12px 0">{"".join(lines)}</div>'
    )


def _text(value: object) -> str:
    return escape_html(value) if isinstance(value, str) else ""


def change_feed(changes: pd.DataFrame) -> None:
    """The latest stance changes, newest first: date, capital, topic, before -> after, quote."""
    st.html(
        "".join(
            _card(
                row.stance,
                f"<div><b>{escape_html(describe.day(row.stated_on))} · {_text(row.capital)}</b> · "
                f"{_text(row.topic)}</div>",
                f'<div style="margin:4px 0">{_badge(row.previous_stance)} → {_badge(row.stance)}'
                f' <span style="opacity:0.7">after {describe.count(int(row.days_between), "day")}</span></div>',
                f'<div style="font-size:0.9rem">{_text(row.speaker)}: {_quote(row.quote)} '
                f"{_source(row.source_url, row.source_name)}</div>",
                _note(row.notes),
            )
            for row in changes.itertuples(index=False)
        )
    )


def change_log(changes: pd.DataFrame, key: str) -> None:
    """Every change with the quotes before and after, as a sortable table with source links."""
    view = pd.DataFrame(
        {
            "Date": changes["stated_on"],
            "Capital": changes["capital"],
            "Before": changes["previous_stance"].map(STANCE_LABELS),
            "After": changes["stance"].map(STANCE_LABELS),
            "Quote before": changes["previous_quote"],
            "Quote after": changes["quote"],
            "Notes": changes["notes"],
            "Topic": changes["topic"],
            "Days": changes["days_between"],
            "Speaker": changes["speaker"],
            "Source": changes["source_url"].map(safe_url),
        }
    )
    st.dataframe(
        view,
        key=key,
        hide_index=True,
        placeholder="",
        column_config={
            "Date": st.column_config.DateColumn(format="D MMM YYYY"),
            "Capital": st.column_config.TextColumn(width="small"),
            "Quote before": st.column_config.TextColumn(width="large"),
            "Quote after": st.column_config.TextColumn(width="large"),
            "Notes": st.column_config.TextColumn(width="medium"),
            "Topic": st.column_config.TextColumn(width="medium"),
            "Source": st.column_config.LinkColumn(display_text="open", width="small"),
        },
    )


def _stance_words(rows: pd.DataFrame) -> pd.Series:
    """The stance's label, and "(suggested)" after one the classifier set that nobody reviewed."""
    words = rows["stance"].map(STANCE_LABELS)
    if "stance_origin" not in rows:
        return words
    return words.where(rows["stance_origin"] != "classifier", words + " (suggested)")


def statements_table(rows: pd.DataFrame, key: str) -> None:
    """A page of statements with a link to each source; the quote gets the room. The id (#, which
    the stance history asks for) and the source come first after the quote, where a screen of
    1,400 pixels still shows them; notes and topic follow."""
    view = pd.DataFrame(
        {
            "#": rows["statement_id"],
            "Date": rows["stated_on"],
            "Capital": rows["capital"],
            "Stance": _stance_words(rows),
            "Speaker": rows["speaker"],
            "Quote": rows["quote"],
            "Source": rows["source_url"].map(safe_url),
            "Outlet": rows["source_name"],
            "Notes": rows["notes"],
            "Topic": rows["topic"],
        }
    )
    st.dataframe(
        view,
        key=key,
        hide_index=True,
        placeholder="",
        height=min(38 + 35 * len(view), 720),
        column_config={
            "#": st.column_config.NumberColumn(help="Statement id", format="%d", width="small"),
            "Date": st.column_config.DateColumn(format="D MMM YYYY"),
            "Capital": st.column_config.TextColumn(width="small"),
            "Quote": st.column_config.TextColumn(width="large"),
            "Source": st.column_config.LinkColumn(display_text="open", width="small"),
            "Notes": st.column_config.TextColumn(width="medium"),
            "Topic": st.column_config.TextColumn(width="medium"),
        },
    )


def statement_cards(rows: pd.DataFrame) -> None:
    """Statements with their whole quotes, for reading one topic through."""
    st.html(
        "".join(
            _card(
                row.stance,
                f"<div><b>{escape_html(describe.day(row.stated_on))} · {_text(row.capital)}</b> "
                f"{_badge(row.stance)} {_text(row.speaker)}"
                f'<span style="opacity:0.7">{", " + _text(row.speaker_role) if _text(row.speaker_role) else ""}</span></div>',
                f'<div style="margin-top:4px">{_quote(row.quote, limit=5000)} '
                f"{_source(row.source_url, row.source_name)}</div>",
                _note(row.notes),
            )
            for row in rows.itertuples(index=False)
        )
    )
