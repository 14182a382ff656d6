"""Bytes of an uploaded CSV -> text -> header and records, each record with its line number.

Python's csv module is used (not DuckDB's reader) because the contract promises a line number for
every rejected row, and only a record-by-record reader knows the physical line where a record that
spans several lines (a quote with newlines) begins.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass

import pandas as pd

ACCEPTED_ENCODINGS = "UTF-8 (with or without BOM) or UTF-16 (with BOM)"
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
# The csv module refuses fields above its limit with an unhelpful error; our own limits are lower
# and explained per column (see normalise.py), so let the reader accept anything that fits in memory.
csv.field_size_limit(2**31 - 1)


class FileProblem(ValueError):
    """The file as a whole cannot be read; the message says where and how to fix it."""


@dataclass(frozen=True)
class Record:
    line: int
    values: list[str]


@dataclass(frozen=True)
class ParsedFile:
    encoding: str
    delimiter: str
    header: list[str]
    header_line: int
    records: list[Record]
    bad_width: list[Record]  # records whose number of values differs from the header's

    def table(self) -> Table:
        """The same file column-wise, as ingest works on it."""
        values = pd.DataFrame(
            [r.values for r in self.records], columns=range(len(self.header)), dtype="str"
        )
        lines = pd.Series([r.line for r in self.records], dtype="int64")
        return Table(
            self.encoding, self.delimiter, self.header, self.header_line, lines, values,
            self.bad_width,
        )  # fmt: skip


@dataclass(frozen=True)
class Table:
    """A parsed file column-wise: `values` has one str column per header position (0, 1, ...),
    `lines` the physical line where each record starts; ragged records are set aside."""

    encoding: str
    delimiter: str
    header: list[str]
    header_line: int
    lines: pd.Series
    values: pd.DataFrame
    bad_width: list[Record]

    @property
    def rows_read(self) -> int:
        return len(self.lines) + len(self.bad_width)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def looks_utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _guess_legacy(data: bytes) -> str:
    """A hint for the error message only; we never import a legacy encoding silently."""
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return ""
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in text)
    if cyrillic > len(text) * 0.1:
        return " It looks like Windows-1251 (Cyrillic)."
    return " It may be Windows-1252 or Latin-1."


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise FileProblem naming the encodings accepted."""
    if not data.strip(b" \t\r\n\x00"):
        raise FileProblem(
            "The file is empty. Upload a CSV with a header row and at least one statement."
        )
    if data.startswith(codecs.BOM_UTF8):
        encoding, label = "utf-8-sig", "UTF-8 with BOM"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, label = "utf-16", "UTF-16"
    elif guessed := looks_utf16_without_bom(data):
        encoding, label = guessed, f"UTF-16 ({guessed[-2:].upper()}, no BOM)"
    else:
        encoding, label = "utf-8", "UTF-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex().upper()
        hint = _guess_legacy(data) if encoding == "utf-8" else ""
        raise FileProblem(
            f"The file is not valid {label}: byte 0x{bad} on line {_line_of(data, exc.start)} cannot "
            f"be read.{hint} Stancewatch reads {ACCEPTED_ENCODINGS}. In Excel choose "
            "'Save as: CSV UTF-8'; in LibreOffice choose character set 'Unicode (UTF-8)'."
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise FileProblem(
            f"Line {line} contains a NUL byte (\\0), which a text CSV never holds: the file may be "
            f"binary or damaged. Export it again as CSV in {ACCEPTED_ENCODINGS}."
        )
    return text, label


def _count_outside_quotes(line: str, char: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == char and not quoted:
            count += 1
    return count


def sniff_delimiter(header_line: str) -> str:
    """The delimiter that splits the header line into the most columns (comma on a tie)."""
    counts = {d: _count_outside_quotes(header_line, d) for d in DELIMITERS}
    best = max(counts.values())
    return next(d for d in DELIMITERS if counts[d] == best) if best else ","


def parse(data: bytes) -> ParsedFile:
    """Decode and split the file; blank lines are skipped; ragged records are set aside."""
    text, encoding = decode(data)
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    header_index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_index is None:
        raise FileProblem(
            "The file is empty. Upload a CSV with a header row and at least one statement."
        )
    delimiter = sniff_delimiter(lines[header_index])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    header_line = 0
    records: list[Record] = []
    bad_width: list[Record] = []
    start = 1
    try:
        for values in reader:
            line, start = start, reader.line_num + 1
            if not any(v.strip() for v in values):
                continue
            if header is None:
                header, header_line = values, line
                continue
            record = Record(line, values)
            (records if len(values) == len(header) else bad_width).append(record)
    except csv.Error as exc:
        if "end of data" in str(exc) or "EOF" in str(exc):
            raise FileProblem(
                f'A quoted value that starts on line {start} never ends: a closing double quote (") '
                'is missing. Inside a quoted value, write a double quote as two ("").'
            ) from None
        raise FileProblem(
            f"Line {reader.line_num} cannot be read as CSV ({exc}). Check the double quotes on "
            f"that line: a value with a {DELIMITERS[delimiter]} or a line break must be quoted, and "
            'a quote inside it doubled ("").'
        ) from None
    if header is None:  # every line held only empty values, e.g. `""`
        raise FileProblem(
            "The file has no header row: every line holds only empty values. The first line must "
            "name the columns (date, capital, topic, stance or quote); see the upload template."
        )
    return ParsedFile(encoding, delimiter, header, header_line, records, bad_width)
