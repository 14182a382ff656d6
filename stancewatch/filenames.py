"""Download file names that carry the filters in short, safe form.

`stance-share_moscow-paris_2025-01-01_2026-02-28_week.png`: lowercase ASCII letters, digits and
dashes only, so no name from data can hold a path separator, a dot-dot or a quote. Cyrillic is
transliterated; anything left unreadable becomes a short hash, so two topics never share a name.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from stancewatch.params import Filters

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяєіїґ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "-",
            "y",
            "-",
            "e",
            "yu",
            "ya",
            "ye",
            "i",
            "yi",
            "g",
        ],
        strict=True,
    )
)
MAX_PART = 40
MAX_NAME = 150


def slug(text: str, limit: int = MAX_PART) -> str:
    """'Визит Бонна в Москву (февр. 2026)' -> 'vizit-bonna-v-moskvu-fevr-2026'."""
    lowered = text.casefold()
    latin = "".join(_CYRILLIC.get(ch, ch) for ch in lowered).replace("-", " ")
    ascii_only = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    if not cleaned:
        return "h" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    if len(cleaned) > limit:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]
        cleaned = cleaned[: limit - 7].rstrip("-") + "-" + digest
    return cleaned


def download_name(chart: str, f: Filters, ext: str, *, grain: str | None = None) -> str:
    """chart_capitals_topics_start_end_stances_grain.ext, each part only when it narrows."""
    parts = [slug(chart)]
    if f.capitals:
        parts.append("-".join(slug(c, 20) for c in sorted(f.capitals)))
    if f.topics:
        first = slug(f.topics[0])
        parts.append(first if len(f.topics) == 1 else f"{first}-and-{len(f.topics) - 1}-more")
    if f.start_on or f.end_on:
        parts.append(f"{f.start_on or 'start'}_{f.end_on or 'end'}")
    if f.stances:
        parts.append("-".join(slug(s) for s in f.stances))
    if f.speakers:
        parts.append(
            slug(f.speakers[0], 20) + (f"-and-{len(f.speakers) - 1}" if len(f.speakers) > 1 else "")
        )
    if f.text:
        parts.append("q-" + slug(f.text, 20))
    if grain:
        parts.append(slug(grain))
    stem = "_".join(parts)
    if len(stem) > MAX_NAME:
        stem = (
            stem[: MAX_NAME - 9].rstrip("-_") + "_" + hashlib.sha256(stem.encode()).hexdigest()[:8]
        )
    return f"{stem}.{slug(ext, 8)}"
