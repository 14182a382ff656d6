"""csvfile: bytes -> text (encodings), delimiter sniffing, records with their physical line numbers."""

from __future__ import annotations

import codecs

import pytest

from stancewatch.csvfile import FileProblem, decode, parse, sniff_delimiter

# Synthetic content only: ASCII, accented and Cyrillic text to prove nothing is mangled.
ASCII_TEXT = "date,capital,topic\n2025-03-01,Paris,Synthetic test topic\n"
RICH_TEXT = "date,capital,topic\n2025-03-01,Élysée,Synthetic topic — тест (synthetic)\n"


# ---- decode: accepted encodings -------------------------------------------------------------


def test_decode_plain_utf8() -> None:
    """UTF-8 without BOM is read as-is and labelled UTF-8."""
    text, label = decode(RICH_TEXT.encode("utf-8"))
    assert text == RICH_TEXT
    assert label == "UTF-8"


def test_decode_utf8_with_bom_drops_the_bom() -> None:
    """The BOM is not part of the text (else the first header would be '\\ufeffdate')."""
    text, label = decode(codecs.BOM_UTF8 + RICH_TEXT.encode("utf-8"))
    assert text == RICH_TEXT
    assert label == "UTF-8 with BOM"


def test_parse_utf8_with_bom_gives_a_clean_first_header() -> None:
    parsed = parse(codecs.BOM_UTF8 + ASCII_TEXT.encode("utf-8"))
    assert parsed.header == ["date", "capital", "topic"]


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
    ids=["LE", "BE"],
)
def test_decode_utf16_with_bom(bom: bytes, codec: str) -> None:
    """UTF-16 with a BOM, either byte order, including non-ASCII text."""
    text, label = decode(bom + RICH_TEXT.encode(codec))
    assert text == RICH_TEXT
    assert label == "UTF-16"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_without_bom_ascii_content(codec: str) -> None:
    """ASCII text in UTF-16 without a BOM is recognised by its pattern of zero bytes."""
    text, label = decode(ASCII_TEXT.encode(codec))
    assert text == ASCII_TEXT
    assert "UTF-16" in label
    assert codec[-2:].upper() in label


def test_parse_utf16_file_gives_header_and_records() -> None:
    parsed = parse(codecs.BOM_UTF16_LE + ASCII_TEXT.encode("utf-16-le"))
    assert parsed.header == ["date", "capital", "topic"]
    assert [r.values for r in parsed.records] == [["2025-03-01", "Paris", "Synthetic test topic"]]


# ---- decode: refused files ------------------------------------------------------------------


def test_cp1251_file_is_refused_with_line_and_hint() -> None:
    """A Windows-1251 file: the message names the accepted encodings, the line, and the guess."""
    text = "date,capital,topic\n2025-03-01,Paris,Synthetic\n2025-03-02,Москва,Синтетическая тема\n"
    with pytest.raises(FileProblem) as info:
        decode(text.encode("cp1251"))
    message = str(info.value)
    assert "UTF-8" in message
    assert "UTF-16" in message
    assert "line 3" in message
    assert "Windows-1251" in message


@pytest.mark.parametrize(
    "data",
    [b"", b"   ", b" \r\n\t\n\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n\n"],
    ids=["empty", "spaces", "whitespace-lines", "bom-only", "bom-and-blank-lines"],
)
def test_empty_or_blank_file_is_refused(data: bytes) -> None:
    with pytest.raises(FileProblem, match="empty"):
        parse(data)


def test_nul_byte_is_refused_with_its_line() -> None:
    data = b"date,capital,topic\n2025-03-01,Paris,Synthetic\n2025-03-02,Paris,Synth\x00etic\n"
    with pytest.raises(FileProblem) as info:
        decode(data)
    assert "NUL" in str(info.value)
    assert "Line 3" in str(info.value)


# ---- delimiter sniffing ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("date,capital,topic,stance", ","),
        ("date;capital;topic;stance", ";"),
        ("date\tcapital\ttopic\tstance", "\t"),
        ('"date, day";capital;"topic, claim";stance', ";"),
        ('"date, day"\tcapital\t"topic, claim, synthetic"\tstance', "\t"),
        ('"a;b;c;d",capital,topic', ","),
        ("date", ","),
    ],
    ids=[
        "comma",
        "semicolon",
        "tab",
        "semicolon-quoted-commas",
        "tab-quoted-commas",
        "comma-quoted-semicolons",
        "single-column",
    ],
)
def test_sniff_delimiter(header: str, expected: str) -> None:
    """Delimiters inside quotes do not count; a single column falls back to comma."""
    assert sniff_delimiter(header) == expected


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_parse_uses_the_sniffed_delimiter(delimiter: str) -> None:
    text = delimiter.join(["date", "capital", "topic"]) + "\n"
    text += delimiter.join(["2025-03-01", "Paris", '"Synthetic, topic; with\tall"']) + "\n"
    parsed = parse(text.encode("utf-8"))
    assert parsed.delimiter == delimiter
    assert parsed.records[0].values == ["2025-03-01", "Paris", "Synthetic, topic; with\tall"]


# ---- records and line numbers ---------------------------------------------------------------


def test_quoted_field_spanning_lines_keeps_next_line_number() -> None:
    """A record over lines 2-4: the next record starts on line 5."""
    data = (
        b"date,capital,quote\n"
        b'2025-03-01,Paris,"Synthetic line one\nline two, with comma\nline three"\n'
        b"2025-03-02,Kyiv,Synthetic single line\n"
    )
    parsed = parse(data)
    assert [r.line for r in parsed.records] == [2, 5]
    assert parsed.records[0].values[2] == "Synthetic line one\nline two, with comma\nline three"


def test_crlf_line_endings_count_lines_correctly() -> None:
    data = (
        b'date,capital,quote\r\n2025-03-01,Paris,"Synthetic\r\nquote"\r\n\r\n2025-03-02,Kyiv,x\r\n'
    )
    parsed = parse(data)
    assert [r.line for r in parsed.records] == [2, 5]


def test_unbalanced_quote_names_the_line_where_it_starts() -> None:
    """The unclosed quote starts on line 5 (after a record spanning lines 2-3 and one on line 4)."""
    data = (
        b"date,capital,quote\n"
        b'2025-03-01,Paris,"Synthetic\ntwo lines"\n'
        b"2025-03-02,Paris,fine\n"
        b'2025-03-03,Kyiv,"never closed\n'
        b"2025-03-04,Kyiv,more\n"
    )
    with pytest.raises(FileProblem) as info:
        parse(data)
    assert "line 5" in str(info.value)
    assert "never ends" in str(info.value)


def test_blank_lines_are_skipped_and_lines_stay_physical() -> None:
    data = b"\n\ndate,capital,topic\n\n2025-03-01,Paris,A\n   \n,,\n2025-03-02,Kyiv,B\n\n"
    parsed = parse(data)
    assert parsed.header_line == 3
    assert [(r.line, r.values[2]) for r in parsed.records] == [(5, "A"), (8, "B")]
    assert parsed.bad_width == []


def test_ragged_rows_go_to_bad_width_with_their_line() -> None:
    data = (
        b"date,capital,topic\n"
        b"2025-03-01,Paris,A\n"
        b"2025-03-02,Paris\n"
        b"2025-03-03,Kyiv,C\n"
        b"2025-03-04,Kyiv,D,extra value\n"
    )
    parsed = parse(data)
    assert [r.line for r in parsed.records] == [2, 4]
    assert [(r.line, r.values) for r in parsed.bad_width] == [
        (3, ["2025-03-02", "Paris"]),
        (5, ["2025-03-04", "Kyiv", "D", "extra value"]),
    ]
