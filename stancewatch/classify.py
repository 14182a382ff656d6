"""Suggest a stance (confirm, deny, no_comment) for a quote, show the words that decided it, or abstain.

Rules, not a model: every cue is a pattern in an analyst-editable file (`stancewatch/cues/`), so a
suggestion can always be explained by the spans it lists. How a quote is read:

1. Language: the one given, else detected (classify_language).
2. Spans that report someone else's claim ("the Kremlin's claim that ...") are set aside: cues in
   them are listed but do not count.
3. Cues are matched highest priority first and a span is used once, so "neither confirm nor deny"
   takes its words before "deny" can ("deny" alone never sees them).
4. A negator just before a cue ("did not confirm", "не подтвердил") cancels it, or turns it into
   the cue's `when_negated` stance.
5. Blame ('accuse' cues: "terrorist act", "provocation", "crimes") depends on who speaks: it confirms
   a claim the speaker makes against the party the topic names, and denies it when that party is the
   speaker (a counter-accusation). Naming the party of the topic, or another party when the speaker's
   own side is accused, adds weaker evidence the same way. Without topic and capital such cues are
   listed but do not count.
6. Evidence per stance is summed; confidence = best / (best + runner-up + PRIOR). Below `threshold`
   (DEFAULT_THRESHOLD unless given) the classifier abstains: stance None, for a person to decide.
   With PRIOR 1, one strong cue (weight 3) gives 0.75, one weak cue (weight 1) 0.5, and two
   conflicting cues of equal weight at most 0.5: a single weak or contested signal never answers.
"""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from stancewatch.classify_cues import Cue, language_cues, parties
from stancewatch.classify_language import LANGUAGES, detect_language

STANCES = ("confirm", "deny", "no_comment")
DEFAULT_THRESHOLD = 0.6
PRIOR = 1.0
PARTY_WEIGHT = 1.0

# One character for one character, so match offsets stay offsets into the caller's text.
_SAME_LENGTH = str.maketrans(
    {"’": "'", "ʼ": "'", "‘": "'", "ё": "е", "Ё": "Е", "«": '"', "»": '"', "“": '"', "”": '"'}
)
_CLAUSE_END = re.compile(r"[.!?;:\n]")


@dataclass(frozen=True)
class CueMatch:
    """One span that was read: its words, where they are, what they count for and why."""

    text: str
    start: int
    end: int
    cue: str
    stance: str | None
    weight: float
    effect: str  # 'counts', 'negated', 'reported speech', 'needs topic and capital'


@dataclass(frozen=True)
class Suggestion:
    stance: str | None
    confidence: float
    cues: list[CueMatch] = field(default_factory=list)
    language: str = "en"
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _lower(text: str) -> str:
    """Lower case with the same length (a few characters lower to two; those stay as they are)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _negated(text: str, start: int, cue: Cue, negator: re.Pattern[str] | None, window: int) -> bool:
    if not (cue.negatable and negator):
        return False
    before = text[max(0, start - window) : start]
    ends = list(_CLAUSE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    return negator.search(before) is not None


@functools.lru_cache(maxsize=4096)
def topic_party(topic: str | None) -> str | None:
    """The capital whose side the claim names first ("Russian strike on ..." -> Moscow).

    Places after a preposition ("visit to Moscow") are not the actor, and a pair of sides joined
    as equals ("France-Russia contacts") names nobody in particular.
    """
    if not topic:
        return None
    p = parties()
    text = _lower(topic.translate(_SAME_LENGTH))
    found: list[tuple[int, int, str]] = []
    for capital, regex in p.mentions.items():
        for m in regex.finditer(text):
            before = text[max(0, m.start() - 10) : m.start()]
            if p.topic_skip_before and p.topic_skip_before.search(before):
                continue
            found.append((m.start(), m.end(), capital))
    if not found:
        return None
    found.sort()
    first = found[0]
    for start, _end, capital in found[1:]:
        between = text[first[1] : start]
        if capital != first[2] and p.bilateral_joiner and p.bilateral_joiner.fullmatch(between):
            return None
    return first[2]


def _party_evidence(
    text: str, prepared: str, reported: list[tuple[int, int]], actor: str, capital: str
) -> list[CueMatch]:
    """Naming the accused side (by an accuser) or another side (by the accused) as weak evidence."""
    out = []
    for party, regex in parties().mentions.items():
        if party == capital and party != actor:
            continue
        m = next((m for m in regex.finditer(prepared) if not _overlaps(*m.span(), reported)), None)
        if m is None:
            continue
        if capital != actor and party == actor:
            stance, why = "confirm", f"names {actor}, the side the claim accuses"
        elif capital == actor and party != actor:
            stance, why = "deny", f"the accused side points at {party}"
        else:
            continue
        out.append(
            CueMatch(
                text[m.start() : m.end()], m.start(), m.end(), why, stance, PARTY_WEIGHT, "counts"
            )
        )
    return out


def classify(
    text: str,
    language: str | None = None,
    topic: str | None = None,
    capital: str | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> Suggestion:
    """Suggest the stance `text` takes on `topic` when said for `capital`; None when unsure."""
    text = text or ""
    lang = (language or "").strip().lower()[:2]
    if lang not in LANGUAGES:
        lang = detect_language(text)
    if not text.strip():
        return Suggestion(None, 0.0, [], lang, "abstained: the quote is empty")
    cues = language_cues(lang)
    prepared = _lower(text.translate(_SAME_LENGTH))
    reported = [m.span() for r in cues.reported for m in r.finditer(prepared)]

    candidates = [
        (cue, m) for cue in cues.cues for m in cue.regex.finditer(prepared) if m.end() > m.start()
    ]
    candidates.sort(key=lambda cm: (-cm[0].priority, -(cm[1].end() - cm[1].start()), cm[1].start()))
    actor = topic_party(topic) if capital else None
    taken: list[tuple[int, int]] = []
    matches: list[CueMatch] = []
    for cue, m in candidates:
        start, end = m.span()
        if _overlaps(start, end, taken):
            continue
        taken.append((start, end))
        stance: str | None = cue.stance
        effect = "counts"
        if _overlaps(start, end, reported):
            effect = "reported speech"
        elif _negated(prepared, start, cue, cues.negator, cues.negation_window):
            stance, effect = cue.when_negated, "negated"
        if stance == "accuse":
            if actor is None:
                effect = "needs topic and capital" if effect == "counts" else effect
                stance = None
            else:
                stance = "deny" if capital == actor else "confirm"
        matches.append(CueMatch(text[start:end], start, end, cue.name, stance, cue.weight, effect))
    if actor is not None and capital is not None:
        matches += _party_evidence(text, prepared, reported, actor, capital)
    matches.sort(key=lambda c: c.start)
    return _decide(matches, lang, threshold)


def _decide(matches: list[CueMatch], lang: str, threshold: float) -> Suggestion:
    scores = dict.fromkeys(STANCES, 0.0)
    for c in matches:
        if c.stance in scores and c.effect in ("counts", "negated"):
            scores[c.stance] += c.weight
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top == 0:
        return Suggestion(None, 0.0, matches, lang, "abstained: no cue for any stance")
    confidence = round(top / (top + second + PRIOR), 3)
    words = ", ".join(
        f"'{c.text}'" for c in matches if c.stance == best and c.effect != "reported speech"
    )
    if confidence < threshold:
        return Suggestion(
            None,
            confidence,
            matches,
            lang,
            f"abstained: leaning {best} on {words} but confidence {confidence:.2f} is below "
            f"{threshold:.2f}; a person should decide",
        )
    return Suggestion(best, confidence, matches, lang, f"{best} on {words}")
