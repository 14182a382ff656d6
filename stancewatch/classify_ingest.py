"""Stances for uploaded rows that have a quote but no stance: the classifier's suggestion or a reason.

Only an empty stance is suggested: a stance the file gives but we cannot read ("maybe") is the
user's mistake to fix, never something to guess over. A suggestion is marked stance_origin
'classifier' with its confidence; an abstention is a refusal with the classifier's reason, or, when
the caller chose pending review, a row stored with no stance until a person sets it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from stancewatch.classify import classify


@dataclass
class SuggestedStances:
    stance: pd.Series
    origin: pd.Series
    confidence: pd.Series
    reasons: dict[int, str | None]  # row index -> why the stance is missing (None: awaits review)


def _value(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def suggest_missing(
    raw: pd.DataFrame, norm: pd.DataFrame, *, pending_review: bool = False
) -> SuggestedStances:
    """Suggest a stance for every row whose raw stance is empty and whose quote is not."""
    stance = norm["stance"].copy()
    origin = pd.Series("source", index=norm.index, dtype="str")
    confidence = pd.Series(float("nan"), index=norm.index, dtype="float64")
    reasons: dict[int, str | None] = {}
    empty = raw["stance"].fillna("").str.strip() == ""
    todo = norm.loc[empty & norm["quote"].notna(), ["quote", "quote_language", "topic", "capital"]]
    for index, quote, language, topic, capital in todo.itertuples(name=None):
        suggestion = classify(
            quote, language=_value(language), topic=_value(topic), capital=_value(capital)
        )
        origin[index] = "classifier"
        confidence[index] = suggestion.confidence
        if suggestion.stance is not None:
            stance[index] = suggestion.stance
        elif pending_review:
            reasons[index] = None
        else:
            reasons[index] = (
                "stance is empty and the stance classifier is not sure enough to suggest one from "
                f"the quote ({suggestion.reason}); write confirm, deny or no_comment, or import with "
                "pending review (--pending-review, or the upload option) so a person decides"
            )
    return SuggestedStances(stance, origin, confidence, reasons)
