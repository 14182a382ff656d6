"""Near-duplicate names: a new topic title or speaker that is probably one already stored.

Stance changes are only right when one claim has one title, so an upload's new titles are compared
with the stored ones, and flagged for the user to decide (use the existing one, or keep the new).
Exact matches ignoring case, accents and spacing are already the same topic (ingest folds them).
Close means: the same words once case, accents and punctuation are gone, in any order; or a fuzzy
match (difflib ratio >= 0.88) whose numbers and month names agree, since "(Jan 2025)" and
"(Feb 2025)" are two claims. Speakers: also one name's words all within the other's, ending with the
same surname ("Peskov" and "Dmitry Peskov").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from stancewatch import normalise

FUZZY = 0.88
_WORD = re.compile(r"\w+")
_MONTHS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december",
}  # fmt: skip


def _words(text: str) -> list[str]:
    return _WORD.findall(normalise.fold(text))


def _anchors(words: list[str]) -> set[str]:
    return {w for w in words if w.isdigit() or w in _MONTHS}


def _topic_close(a: list[str], b: list[str]) -> bool:
    if sorted(a) == sorted(b):
        return True
    if _anchors(a) != _anchors(b):
        return False
    return difflib.SequenceMatcher(None, " ".join(a), " ".join(b)).ratio() >= FUZZY


def _speaker_close(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return False
    if sorted(a) == sorted(b):
        return True
    short, long = sorted((a, b), key=len)
    if a[-1] == b[-1] and set(short) <= set(long):
        return True
    return difflib.SequenceMatcher(None, " ".join(a), " ".join(b)).ratio() >= FUZZY


def near(values: Iterable[str], existing: Iterable[str], *, kind: str) -> dict[str, str]:
    """Each value that is not stored (ignoring case and spacing) but is close to a stored one ->
    the closest stored one. `kind` is 'topic' or 'speaker'."""
    close = _speaker_close if kind == "speaker" else _topic_close
    stored = {normalise.fold(e): e for e in existing}
    stored_words = [(e, _words(e)) for e in stored.values()]
    found: dict[str, str] = {}
    for value in dict.fromkeys(values):
        if not value or normalise.fold(value) in stored:
            continue
        words = _words(value)
        candidates = [e for e, w in stored_words if close(words, w)]
        if candidates:
            found[value] = max(
                candidates,
                key=lambda e: difflib.SequenceMatcher(
                    None, normalise.fold(value), normalise.fold(e)
                ).ratio(),
            )
    return found
