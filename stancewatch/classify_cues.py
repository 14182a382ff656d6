"""The classifier's knowledge, read from the analyst-editable files in `stancewatch/cues/`.

One TOML file per language (en.toml, fr.toml, ru.toml, uk.toml) holds the cue patterns, the
negators and the reported-speech patterns; parties.toml holds how each capital's side is named.
Code here only reads, checks and compiles them, so a wrong pattern fails loudly at load time with
the file and cue that hold it. The format is documented in `stancewatch/cues/README.md`.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

CUES_DIR = Path(__file__).resolve().parent / "cues"

# What a cue says about the speaker's stance. 'accuse' means the words blame someone; whether that
# confirms or denies the claim depends on who speaks and whom the claim names (see classify.py).
CUE_STANCES = ("confirm", "deny", "no_comment", "accuse")
# Patterns are matched against lower-cased text (classify.py), which is much faster than IGNORECASE;
# so they must be written in lower case, which _compile checks.
_ESCAPE = re.compile(r"\\.")


class CueFileError(ValueError):
    """A cue file that cannot be used, with the file and the entry at fault."""


@dataclass(frozen=True)
class Cue:
    name: str
    stance: str
    weight: float
    regex: re.Pattern[str]
    priority: int
    negatable: bool
    when_negated: str | None
    note: str


@dataclass(frozen=True)
class LanguageCues:
    code: str
    cues: tuple[Cue, ...]
    negator: re.Pattern[str] | None
    negation_window: int
    reported: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Parties:
    """How each capital's side is named (any language), and how a topic's actor is found."""

    mentions: dict[str, re.Pattern[str]]
    topic_skip_before: re.Pattern[str] | None
    bilateral_joiner: re.Pattern[str] | None


def _compile(pattern: object, where: str) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern.strip():
        raise CueFileError(f"{where}: pattern must be a non-empty string")
    if _ESCAPE.sub("", pattern) != _ESCAPE.sub("", pattern).lower():
        raise CueFileError(
            f"{where}: write pattern {pattern!r} in lower case (text is lower-cased)"
        )
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise CueFileError(f"{where}: pattern {pattern!r} is not a valid regex: {exc}") from None


def _read(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise CueFileError(f"{path.name}: {exc}") from None


def _cue(entry: dict[str, object], where: str) -> Cue:
    stance = entry.get("stance")
    if stance not in CUE_STANCES:
        raise CueFileError(
            f"{where}: stance must be one of {', '.join(CUE_STANCES)}, not {stance!r}"
        )
    weight = entry.get("weight", 1.0)
    if not isinstance(weight, int | float) or weight <= 0:
        raise CueFileError(f"{where}: weight must be a positive number")
    when_negated = entry.get("when_negated")
    if when_negated is not None and when_negated not in CUE_STANCES:
        raise CueFileError(f"{where}: when_negated must be one of {', '.join(CUE_STANCES)}")
    return Cue(
        name=str(entry.get("name") or entry["pattern"]),
        stance=str(stance),
        weight=float(weight),
        regex=_compile(entry.get("pattern"), where),
        priority=int(entry.get("priority", 0)),
        negatable=bool(entry.get("negatable", stance != "no_comment")),
        when_negated=str(when_negated) if when_negated else None,
        note=str(entry.get("note", "")),
    )


@functools.cache
def language_cues(code: str) -> LanguageCues:
    """The compiled cues of one language (cached: the files are read once per process)."""
    path = CUES_DIR / f"{code}.toml"
    if not path.is_file():
        raise CueFileError(f"no cue file for language {code!r} ({path})")
    data = _read(path)
    entries = data.get("cue", [])
    if not isinstance(entries, list) or not entries:
        raise CueFileError(f"{path.name}: no [[cue]] entries")
    cues = tuple(
        _cue(entry, f"{path.name}, cue {i + 1} ({entry.get('name', '?')})")
        for i, entry in enumerate(entries)
    )
    negators = data.get("negators")
    reported = data.get("reported", [])
    return LanguageCues(
        code=code,
        cues=cues,
        negator=_compile(negators, f"{path.name}, negators") if negators else None,
        negation_window=int(data.get("negation_window", 24)),
        reported=tuple(
            _compile(p, f"{path.name}, reported {i + 1}") for i, p in enumerate(reported)
        ),
    )


@functools.cache
def parties() -> Parties:
    """The capitals' names and adjectives in every language, from parties.toml."""
    path = CUES_DIR / "parties.toml"
    data = _read(path)
    table = data.get("party", {})
    if not isinstance(table, dict) or not table:
        raise CueFileError(f"{path.name}: no [party.<capital>] tables")
    mentions = {
        capital: _compile(
            "|".join(f"(?:{p})" for p in entry["patterns"]), f"{path.name}, {capital}"
        )
        for capital, entry in table.items()
    }

    def optional(key: str) -> re.Pattern[str] | None:
        value = data.get(key)
        return _compile(value, f"{path.name}, {key}") if value else None

    return Parties(
        mentions=mentions,
        topic_skip_before=optional("topic_skip_before"),
        bilateral_joiner=optional("bilateral_joiner"),
    )
