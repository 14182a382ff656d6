"""Raw CSV text -> normalised values, and the words that explain a value we could not accept.

Normalisers work on whole columns (pandas Series) and turn anything they cannot read into a missing
value; the pandera schema then reports it, and `explain` says why and how to fix it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from stancewatch.contract import EARLIEST_DATE, MAX_LENGTH, latest_date

_SPACES = re.compile(r"\s+")
# Whitespace plus the invisible characters spreadsheets and web copies leave at the ends of values.
_EDGE_CHARS = " \t\r\n\u00a0\u200b\u200c\u200d\u2060\ufeff"


_FOLD_SEPARATORS = r"[\s_\-./'’]+"
_FOLD_EDGES = ' !?,;:()"'


def code_ranges(test: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Runs of consecutive code points for which `test` holds."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x110000):
        if test(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return ranges


def re2_class(ranges: list[tuple[int, int]]) -> str:
    r"""A character class in RE2 syntax (Arrow's regex engine): \x{HHHH} for every bound."""
    return "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)


_COMBINING_RANGES = code_ranges(lambda ch: unicodedata.combining(ch) != 0)
_COMBINING = re.compile(
    "["
    + "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in _COMBINING_RANGES
    )
    + "]"
)
# The same two patterns for Arrow: RE2's \s is ASCII-only, Python's is Unicode, so the
# separators' whitespace is spelled out from what Python's \s matches.
_ARROW_COMBINING = f"[{re2_class(_COMBINING_RANGES)}]"
_WHITESPACE = re.compile(r"\s")
_SEPARATOR_CHARS = "_\\-./'’"
# A run of separators becomes one space. A lone space already is one, and replacing it with
# itself cost Arrow a call per word: only runs of two or more, or one other separator, match
# (the same result as `[...]+` -> " "; 1M distinct quotes: 2.3 -> 1.5 s).
_ARROW_SEPARATORS = (
    "["
    + re2_class(code_ranges(lambda ch: _WHITESPACE.match(ch) is not None))
    + _SEPARATOR_CHARS
    + "]{2,}|["
    + re2_class(code_ranges(lambda ch: ch != " " and _WHITESPACE.match(ch) is not None))
    + _SEPARATOR_CHARS
    + "]"
)


def fold(value: str) -> str:
    """Case-, accent-, space- and punctuation-insensitive key: 'Élysée ' -> 'elysee'."""
    value = _COMBINING.sub("", unicodedata.normalize("NFKD", value.casefold()))
    value = re.sub(_FOLD_SEPARATORS, " ", value)
    return value.strip(_FOLD_EDGES)


def by_distinct(values: pd.Series, normaliser: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """`normaliser(values)`, computed once per distinct value: a column of a million rows holds a
    few thousand dates, capitals or titles, and each is normalised once, not once per row."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    distinct = pd.Series(uniques, dtype=values.dtype)
    if (codes < 0).any():  # missing values: normalised too, as the last distinct value
        distinct = pd.concat([distinct, pd.Series([None], dtype=values.dtype)], ignore_index=True)
        codes = np.where(codes < 0, len(distinct) - 1, codes)
    done = normaliser(distinct).reset_index(drop=True)
    if done.dtype == values.dtype and done.equals(distinct):
        # Every value is already normal (names, titles and codes of a clean file): the column as
        # it is, instead of writing out a million values equal to it.
        return values.rename(done.name)
    return done.take(codes).set_axis(values.index)


def fold_series(values: pd.Series) -> pd.Series:
    """`fold` for a whole column (the same result, value for value; missing stays missing).

    casefold and NFKD stay in Python (Arrow's Unicode tables are newer than Python's, and the
    keys must match `fold` exactly); the two regex passes and the trim, where the time went,
    run in Arrow's C++ kernels with character classes spelled out from Python's own tables.
    Each distinct value is folded once.
    """
    return by_distinct(values.astype("str"), _fold_distinct)


def _fold_distinct(values: pd.Series) -> pd.Series:
    # An ASCII value only needs lowering: casefold is lower there, NFKD changes nothing and it has
    # no combining mark. The others go through Python one by one (pandas' own .str.normalize
    # would use Arrow's tables), and only they through the combining marks' regex.
    arr = pa.array(values, type=pa.large_string())
    if isinstance(arr, pa.ChunkedArray):  # a column pandas concatenated (by_distinct's missing)
        arr = arr.combine_chunks()
    other = pc.invert(pc.fill_null(pc.string_is_ascii(arr), True))  # missing stays missing
    decomposed = pa.array(
        [unicodedata.normalize("NFKD", v.casefold()) for v in arr.filter(other).to_pylist()],
        type=pa.large_string(),
    )
    decomposed = pc.replace_substring_regex(decomposed, pattern=_ARROW_COMBINING, replacement="")
    arr = pc.replace_with_mask(pc.ascii_lower(arr), other, decomposed)
    arr = pc.replace_substring_regex(arr, pattern=_ARROW_SEPARATORS, replacement=" ")
    arr = pc.utf8_trim(arr, characters=_FOLD_EDGES)
    return pd.Series(arr, index=values.index, dtype="str")  # the Arrow array as it is


STANCE_SYNONYMS: dict[str, str] = {
    fold(k): v
    for v, keys in {
        "confirm": [
            "confirm",
            "confirmed",
            "confirms",
            "confirming",
            "confirmation",
            "affirm",
            "affirmed",
            "acknowledged",
            "yes",
            "confirme",
            "confirmé",
            "подтвердил",
            "подтверждение",
            "підтвердив",
            "підтвердження",
        ],
        "deny": [
            "deny",
            "denied",
            "denies",
            "denying",
            "denial",
            "rejected",
            "reject",
            "refuted",
            "refute",
            "rebutted",
            "dismissed",
            "no",
            "dement",
            "démenti",
            "démenti",
            "опроверг",
            "опровержение",
            "отрицание",
            "спростував",
            "спростування",
            "заперечення",
        ],
        "no_comment": [
            "no_comment",
            "no comment",
            "nocomment",
            "no comments",
            "declined",
            "declined to comment",
            "declines to comment",
            "refused to comment",
            "would not comment",
            "neither confirm nor deny",
            "neither confirmed nor denied",
            "neither confirms nor denies",
            "ncnd",
            "sans commentaire",
            "pas de commentaire",
            "ni confirmer ni démentir",
            "без комментариев",
            "без коментарів",
        ],
    }.items()
    for k in keys
}

LANGUAGE_NAMES: dict[str, str] = {
    fold(k): v
    for k, v in {
        "english": "en",
        "anglais": "en",
        "french": "fr",
        "français": "fr",
        "francais": "fr",
        "russian": "ru",
        "russe": "ru",
        "русский": "ru",
        "ukrainian": "uk",
        "ukrainien": "uk",
        "українська": "uk",
        "украинский": "uk",
        "ua": "uk",
    }.items()
}


def text(raw: pd.Series) -> pd.Series:
    """Trim the ends (quotes keep their inner line breaks); empty becomes missing."""
    out = raw.astype("str").str.strip(_EDGE_CHARS)
    return out.where(out != "", None)


def short_text(raw: pd.Series) -> pd.Series:
    """Trim and collapse inner whitespace: names, titles, roles."""
    out = text(raw)
    return out.str.replace(_SPACES, " ", regex=True)


_ISO = r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ][0-9:.,+\-Z]*)?$"
_DMY = r"^(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./](?P<y>\d{4})$"


def day_month_order(raw: pd.Series) -> str | None:
    """'dmy' or 'mdy' when the file's slashed/dotted dates tell the order apart, 'mixed' when they
    contradict each other, else None.

    The order is decided for the whole file from the values that can only be read one way
    (25/04/2025 is day first). If none can, or the file contradicts itself, nothing is guessed.
    """
    parts = text(raw).dropna().str.extract(_DMY).dropna().astype(int)
    day_first = bool((parts["a"] > 12).any())
    month_first = bool((parts["b"] > 12).any())
    if day_first and month_first:
        return "mixed"
    if day_first != month_first:
        return "dmy" if day_first else "mdy"
    return None


def dates(raw: pd.Series, order: str | None) -> pd.Series:
    """ISO 8601 dates (a time part is dropped); DD/MM/YYYY only when `order` is known."""
    clean = text(raw).fillna("")
    iso = clean.str.extract(_ISO)
    joined = iso["y"] + "-" + iso["m"] + "-" + iso["d"]
    if order in ("dmy", "mdy"):
        dmy = clean.str.extract(_DMY)
        day, month = (dmy["a"], dmy["b"]) if order == "dmy" else (dmy["b"], dmy["a"])
        other = dmy["y"] + "-" + month.str.zfill(2) + "-" + day.str.zfill(2)
        joined = joined.fillna(other)
    return pd.to_datetime(joined, format="%Y-%m-%d", errors="coerce")


def lookup(raw: pd.Series, table: Mapping[str, str]) -> pd.Series:
    """Map folded values through a synonym table; unknown values become missing."""
    clean = text(raw)
    folded = fold_series(clean).where(clean.notna(), None)
    return folded.map(table, na_action="ignore")


def languages(raw: pd.Series) -> pd.Series:
    """ISO 639 codes in lower case; language names and the common 'UA' become codes."""
    clean = text(raw)

    def one(value: object) -> str | None:
        if not isinstance(value, str):
            return None
        return LANGUAGE_NAMES.get(fold(value), value.lower())

    return clean.map(one)


def capital_table(capitals: Mapping[str, list[str]]) -> dict[str, str]:
    """Folded name or alias -> canonical capital name."""
    table: dict[str, str] = {}
    for name, aliases in capitals.items():
        for key in (name, *aliases):
            table[fold(key)] = name
    return table


# ---- explanations ---------------------------------------------------------------------------


def _preview(value: str, limit: int = 60) -> str:
    one_line = _SPACES.sub(" ", value)
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


def _too_long(column: str, value: str) -> str | None:
    limit = MAX_LENGTH.get(column)
    if limit and len(value) > limit:
        return (
            f"{column} has {len(value):,} characters, more than the {limit:,} allowed; check that "
            "the columns are not shifted, or shorten it"
        )
    return None


def explain_date(value: str, order: str | None) -> str:
    clean = value.strip(_EDGE_CHARS)
    if not clean:
        return "date is empty; every statement needs the day it was made, as YYYY-MM-DD"
    iso = re.match(_ISO, clean)
    if iso:
        y, m, d = int(iso["y"]), int(iso["m"]), int(iso["d"])
        stamp = pd.to_datetime(
            f"{iso['y']}-{iso['m']}-{iso['d']}", format="%Y-%m-%d", errors="coerce"
        )
        if pd.isna(stamp):
            if not 1 <= m <= 12:
                return f"date '{clean}' has month {m}; months go from 01 to 12 (format YYYY-MM-DD)"
            return f"date '{clean}' is not a real day: {y}-{m:02d} has no day {d}"
        if stamp.date() < EARLIEST_DATE:
            return f"date '{clean}' is before {EARLIEST_DATE}; check the year"
        if stamp.date() > latest_date():
            return f"date '{clean}' is in the future; check the year"
    dmy = re.match(_DMY, clean)
    if dmy:
        a, b, y = dmy["a"].zfill(2), dmy["b"].zfill(2), dmy["y"]
        if order == "mixed":
            readings = [
                f"{y}-{m}-{d}"
                for d, m in ((a, b), (b, a))
                if not pd.isna(pd.to_datetime(f"{y}-{m}-{d}", format="%Y-%m-%d", errors="coerce"))
            ]
            return (
                f"date '{clean}': this file writes dates both day first (like 25/04) and month "
                "first (like 04/25), so no order can be trusted; write every date as YYYY-MM-DD"
                + (f" (this one: {' or '.join(dict.fromkeys(readings))})" if readings else "")
            )
        if order is None:
            return (
                f"date '{clean}' could be day/month or month/day and nothing in the file tells "
                f"which; write it as ISO 8601: {y}-{b}-{a} (if day first) or {y}-{a}-{b} (if month first)"
            )
        return f"date '{clean}' is not a real day (read as {'day/month' if order == 'dmy' else 'month/day'}/year)"
    if re.match(r"^\d{5,}-\d{1,2}-\d{1,2}$", clean):
        return f"date '{_preview(clean)}' has a year with more than four digits; check the year"
    return (
        f"date '{_preview(clean)}' is not a date in the form YYYY-MM-DD (ISO 8601), e.g. 2025-05-16"
    )


def explain_capital(value: str, capitals: Mapping[str, list[str]]) -> str:
    clean = value.strip(_EDGE_CHARS)
    if not clean:
        return f"capital is empty; write one of {', '.join(sorted(capitals))}"
    if too_long := _too_long("capital", clean):
        return too_long
    table = capital_table(capitals)
    close = difflib.get_close_matches(fold(clean), list(table), n=1, cutoff=0.6)
    hint = f"; did you mean {table[close[0]]}?" if close else "."
    known = ", ".join(sorted(capitals))
    return (
        f"capital '{_preview(clean)}' is not known{hint} Known capitals: {known} "
        "(aliases such as Russia, Kremlin or Kiev also work)"
    )


def explain_stance(value: str) -> str:
    clean = value.strip(_EDGE_CHARS)
    if not clean:
        return (
            "stance is empty and there is no quote for the stance classifier to suggest one from; "
            "write confirm, deny or no_comment, or add the quote"
        )
    close = difflib.get_close_matches(fold(clean), list(STANCE_SYNONYMS), n=1, cutoff=0.7)
    hint = f"; did you mean {STANCE_SYNONYMS[close[0]]}?" if close else "."
    return (
        f"stance '{_preview(clean)}' is not known{hint} Use confirm, deny or no_comment "
        "(synonyms such as denied or 'neither confirm nor deny' also work)"
    )


def explain(
    column: str, value: str, *, order: str | None, capitals: Mapping[str, list[str]]
) -> str:
    """Why the raw `value` of `column` was refused, in words a person can act on."""
    if column == "date":
        return explain_date(value, order)
    if column == "capital":
        return explain_capital(value, capitals)
    if column == "stance":
        return explain_stance(value)
    clean = value.strip(_EDGE_CHARS)
    if column == "topic" and not clean:
        return "topic is empty; every statement needs the claim it is about (one stable title per claim)"
    if too_long := _too_long(column, clean):
        return too_long
    if column == "source_url":
        return (
            f"source_url '{_preview(clean)}' is not a web address; it must start with http:// or "
            "https:// and contain no spaces"
        )
    if column == "quote_language":
        return (
            f"quote_language '{_preview(clean)}' is not a language code; use a two-letter ISO 639-1 "
            "code such as en, fr, ru or uk"
        )
    return f"{column} '{_preview(clean)}' is not accepted"
