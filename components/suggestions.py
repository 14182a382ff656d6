"""Classifier suggestions on screen: the quote with the words that decided it highlighted.

Quotes come from uploads: every piece of text is HTML-escaped; only our own <mark> tags are markup.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.text import escape_html
from stancewatch.classify import classify
from stancewatch.config import STANCE_COLOURS, STANCE_LABELS


def cue_spans(quote: str, *, language: str | None, topic: str | None, capital: str | None) -> list:
    """The (start, end, stance) of every cue that counted towards the classifier's suggestion."""
    result = classify(quote, language=language, topic=topic, capital=capital)
    return sorted((c.start, c.end, c.stance) for c in result.cues if c.effect == "counts")


def highlight_html(quote: str, spans: list) -> str:
    """The quote, escaped, with each span wrapped in <mark> coloured by the stance it counts for."""
    out, pos = [], 0
    for start, end, stance in spans:
        if start < pos:
            continue
        colour = STANCE_COLOURS.get(stance or "", "#cccccc")
        out.append(escape_html(quote[pos:start]))
        out.append(
            f'<mark style="background:{colour}33;border-bottom:2px solid {colour};padding:0 2px" '
            f'title="counts for {escape_html(STANCE_LABELS.get(stance or "", "?"))}">'
            f"{escape_html(quote[start:end])}</mark>"
        )
        pos = end
    out.append(escape_html(quote[pos:]))
    return "".join(out)


def quote_with_cues(quote: str, *, language: str | None, topic: str, capital: str) -> str:
    spans = cue_spans(quote, language=language, topic=topic, capital=capital)
    return highlight_html(quote, spans)


def stance_label(stance: object, confidence: object) -> str:
    if not isinstance(stance, str):
        return "no suggestion (the classifier was not sure)"
    sure = "" if pd.isna(confidence) else f" ({float(confidence):.0%} sure)"
    return f"{STANCE_LABELS[stance]}{sure}"


def suggestion_table(suggestions: list, limit: int = 50) -> None:
    """The preview's suggested stances, quote with the deciding words marked, first `limit` rows."""
    rows = []
    for s in suggestions[:limit]:
        quote = quote_with_cues(s.quote, language=s.language, topic=s.topic, capital=s.capital)
        rows.append(
            f"<tr><td>{s.line}</td><td>{escape_html(stance_label(s.stance, s.confidence))}</td>"
            f"<td>{quote}</td></tr>"
        )
    st.html(
        '<table style="width:100%;border-collapse:collapse;font-size:0.9rem">'
        "<tr><th align=left>Line</th><th align=left>Suggested stance</th>"
        "<th align=left>Quote (deciding words marked)</th></tr>" + "".join(rows) + "</table>"
    )
    if len(suggestions) > limit:
        st.caption(f"The first {limit} of {len(suggestions)} suggestions.")
