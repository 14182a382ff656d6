"""csvfast: DuckDB's reader gives exactly what the csv-module path gives, or steps aside (None).

Both readers run on the same bytes; where the fast one accepts a file, header, line numbers and
every value must equal csvfile.parse's. Files it must refuse (a line break inside a quoted value,
blank lines, a lone CR, ragged rows, bad bytes, UTF-16) are refused, so the csv path reports them.
Synthetic content only.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stancewatch import capacity, csvfast, db, ingest, sql
from stancewatch.csvfile import FileProblem, parse

HOSTILE = Path(__file__).parents[1] / "fixtures" / "hostile"
SEED = Path(__file__).parents[2] / "data" / "statements_seed.csv"

VALUE = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00\r\n"), max_size=12
) | st.sampled_from(["", " ", "\u00a0", "\x1c", 'a "quoted" one', "x,y;z\tw", "=1+2", "Ёлка"])


def _csv_bytes(header: list[str], rows: list[list[str]], delimiter: str, bom: bool) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n" if bom else "\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = out.getvalue().encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data


def _same(data: bytes) -> bool:
    """Whether the fast reader accepted `data`; when it did, assert it equals the csv path."""
    fast = csvfast.read(data)
    if fast is None:
        return False
    slow = parse(data).table()
    assert (fast.encoding, fast.delimiter, fast.header, fast.header_line) == (
        slow.encoding,
        slow.delimiter,
        slow.header,
        slow.header_line,
    )
    assert fast.lines.tolist() == slow.lines.tolist()
    assert fast.values.astype(object).values.tolist() == slow.values.astype(object).values.tolist()
    assert slow.bad_width == []
    return True


@settings(max_examples=60, deadline=None)
@given(
    width=st.integers(1, 5),
    data=st.data(),
    delimiter=st.sampled_from([",", ";", "\t"]),
    bom=st.booleans(),
)
def test_fast_reader_equals_the_csv_module(width, data, delimiter, bom) -> None:
    header = [f"col{i}" for i in range(width)]
    rows = data.draw(st.lists(st.lists(VALUE, min_size=width, max_size=width), max_size=8))
    _same(_csv_bytes(header, rows, delimiter, bom))


def test_fast_reader_takes_the_seed_and_skips_blank_records() -> None:
    seed = SEED.read_bytes()
    assert _same(seed)
    lines = seed.splitlines(keepends=True)
    commas = b"," * lines[0].count(b",")
    blanks = (
        lines[0] + lines[1] + commas + b"\r\n" + b"  \t" + commas + b"\r\n" + b"".join(lines[2:])
    )
    assert _same(blanks)
    assert len(csvfast.read(blanks).lines) == len(lines) - 1


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("line break inside a quote", b'date,quote\n2025-01-01,"one\ntwo"\n'),
        ("blank line", b"date,quote\n\n2025-01-01,x\n"),
        ("blank line before the header", b"\ndate,quote\n2025-01-01,x\n"),
        ("lone CR", b"date,quote\r2025-01-01,x\r"),
        ("ragged row", b"date,quote\n2025-01-01,x,y\n"),
        ("short row", b"date,quote\n2025-01-01\n"),
        ("bad byte", b"date,quote\n2025-01-01,caf\xe9\n"),
        ("UTF-16", codecs.BOM_UTF16_LE + "date,quote\n2025-01-01,x\n".encode("utf-16-le")),
        ("NUL", b"date,quote\n2025-01-01,x\x00\n"),
        ("header only", b"date,quote\n"),
        ("unclosed quote", b'date,quote\n2025-01-01,"x\n'),
    ],
)
def test_fast_reader_steps_aside(name: str, data: bytes) -> None:
    assert csvfast.read(data) is None, name


@pytest.mark.parametrize("path", sorted(HOSTILE.glob("*.csv*")), ids=lambda p: p.name)
def test_hostile_files_read_alike(path: Path) -> None:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    try:
        parse(data)
    except FileProblem:
        assert csvfast.read(data) is None  # the csv path explains what is wrong
        return
    _same(data)


def _ingested(tmp_path: Path, name: str, data: bytes, **options) -> tuple[dict, list]:
    con = db.open_db(tmp_path / f"{name}.duckdb", seed=False)
    try:
        report = ingest.ingest_bytes(con, data, file_name="f.csv", by="test", **options).to_dict()
        rows = con.sql(
            "SELECT * EXCLUDE (id, batch_id, recorded_at) FROM statements ORDER BY id"
        ).fetchall()  # test-only read of the result
    finally:
        con.close()
    return report, rows


@pytest.mark.parametrize("skip_invalid", [False, True])
def test_ingest_gives_the_same_report_and_rows_by_either_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, skip_invalid: bool
) -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    body = lines[1:]
    ident, day, _capital, rest = body[3].split(",", 3)
    body[3] = f"{ident},{day},Moskow,{rest}"
    first, _date, rest = body[8].split(",", 2)
    body[8] = f"{first},2025-13-45,{rest}"
    dupes = [line.replace(" ", "  ") for line in body[10:15]]  # spacing differs: still dupes
    data = (lines[0].rstrip("\r\n") + ",mood\r\n").encode() + "".join(
        line.rstrip("\r\n") + (",calm\r\n" if i % 2 else ",\r\n")
        for i, line in enumerate(body + dupes)
    ).encode()
    assert csvfast.read(data) is not None
    fast = _ingested(tmp_path, "fast", data, skip_invalid=skip_invalid)
    monkeypatch.setattr(csvfast, "read", lambda _data: None)  # force the csv-module path
    slow = _ingested(tmp_path, "slow", data, skip_invalid=skip_invalid)
    assert fast == slow
    assert fast[0]["rows_rejected"] == 2 and fast[0]["rows_duplicate"] == 5


def test_read_records_query_keeps_file_order_and_tells_empty_fields_from_missing_ones(
    tmp_path: Path,
) -> None:
    path = tmp_path / "f.csv"
    rows = [f"{i},value {i}" for i in range(5_000)] + ['5000,""', "5001,", "5002", "5003,x,"]
    path.write_text("a,b\n" + "\n".join(rows) + "\n", encoding="utf-8")
    columns = {"c0": "VARCHAR", "c1": "VARCHAR", "c2": "VARCHAR"}  # one more than the header's
    with duckdb.connect() as con:
        table = sql.arrow(
            con, "ingest/read_records", {"path": str(path), "delim": ",", "columns": columns}
        )
    assert table.column("c0").to_pylist() == [str(i) for i in range(5_004)]
    assert table.column("c1").to_pylist()[-4:] == ["", "", None, "x"]
    assert table.column("c2").to_pylist()[-5:] == [None, None, None, None, ""]


@pytest.mark.parametrize(
    "data",
    [b"col0\n0,\n", b"a,b\n1,2,\n3,4\n", b"a;b\n1;2;\n", b"a,b\n1,2\n3\n", b"a,b\n1,2\n3,\n"],
)
def test_a_row_with_a_field_too_many_or_too_few_is_left_to_the_csv_path(data: bytes) -> None:
    """DuckDB drops one trailing empty field; the csv path reports the row as ragged."""
    slow = parse(data).table()
    if slow.bad_width:
        assert csvfast.read(data) is None
    else:
        assert _same(data)


def test_a_file_too_large_for_memory_is_refused_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    message = capacity.too_large(3_350_000_000, 20_000_000_000)
    assert "3.4 GB" in message and "at least 2 files" in message and "header row" in message
    assert capacity.too_large(335_000_000, 20_000_000_000) is None
    assert capacity.too_large(10**12, None) is None  # unknown memory: no guess, no refusal
    monkeypatch.setattr(capacity, "available_memory", lambda: 1_000)  # next to no memory free
    con = db.open_db(tmp_path / "big.duckdb", seed=False)
    try:
        report = ingest.ingest_bytes(con, SEED.read_bytes(), file_name="seed.csv", by="t")
    finally:
        con.close()
    assert report.status == "file_error" and "Split it into at least" in report.file_error


def test_a_batch_too_large_for_duckdbs_memory_is_refused_before_the_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DuckDB builds the batch's fingerprint index in its own memory at commit; beyond what was
    measured to commit (5M new rows at 1 GB) a file is refused up front with what to do."""
    assert capacity.parse_size("953.6 MiB") == int(953.6 * 2**20)
    assert capacity.parse_size("2.3 GiB") == int(2.3 * 2**30)
    assert capacity.parse_size("unlimited") is None
    message = capacity.too_many_rows(12_000_000, capacity.parse_size("953.6 MiB"))
    assert "12,000,000 rows" in message and "at least 3 files" in message
    assert "STANCEWATCH_MEMORY_LIMIT" in message
    assert capacity.too_many_rows(4_900_000, capacity.parse_size("953.6 MiB")) is None
    monkeypatch.setattr(capacity, "DUCKDB_BYTES_PER_ROW", 10**9)  # one row per GB: seed too big
    con = db.open_db(tmp_path / "rows.duckdb", seed=False)
    try:
        report = ingest.ingest_bytes(con, SEED.read_bytes(), file_name="seed.csv", by="t")
        assert sql.scalar(con, "ingest/memory_limit")  # the query the check reads
    finally:
        con.close()
    assert report.status == "file_error" and "207 rows" in report.file_error


def test_fast_reader_gives_the_same_without_an_in_memory_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where there is no memfd (not Linux), DuckDB reads a temporary file instead, removed after."""
    data = codecs.BOM_UTF8 + SEED.read_bytes()
    in_memory = csvfast.read(data)
    assert in_memory is not None and in_memory.encoding == "UTF-8 with BOM"
    made: list[str] = []
    real_mkstemp = csvfast.tempfile.mkstemp

    def mkstemp(**kwargs):
        fd, path = real_mkstemp(**kwargs)
        made.append(path)
        return fd, path

    monkeypatch.delattr(csvfast.os, "memfd_create")
    monkeypatch.setattr(csvfast.tempfile, "mkstemp", mkstemp)
    on_disk = csvfast.read(data)
    assert len(made) == 1 and not Path(made[0]).exists()
    assert on_disk is not None and on_disk.header == in_memory.header
    assert on_disk.lines.tolist() == in_memory.lines.tolist()
    assert on_disk.values.equals(in_memory.values)


def test_in_memory_file_holds_every_byte_after_the_bom_even_in_short_writes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = codecs.BOM_UTF8 + bytes(range(256)) * 50
    real_write = csvfast.os.write
    monkeypatch.setattr(csvfast.os, "write", lambda fd, view: real_write(fd, view[:1000]))
    with csvfast._as_file(data, len(codecs.BOM_UTF8)) as path:
        assert Path(path).read_bytes() == data[len(codecs.BOM_UTF8) :]


@pytest.mark.parametrize(
    "data",
    [
        b"quote\nx\n\ny\n",
        b"quote\r\nx\r\n\r\ny\r\n",
        b"date,quote\n2025-01-01,x\n\n",  # a blank last line
        b"date,quote\n2025-01-01,x\n\n\n2025-01-02,y\n",
    ],
)
def test_blank_lines_are_left_to_the_csv_path(data: bytes) -> None:
    """DuckDB skips a blank line, so it gives fewer records than the file has lines: the csv
    path, which knows every record's line, reads the file."""
    assert csvfast.read(data) is None
    assert parse(data).table().lines.tolist()[-1] == data.rstrip().count(b"\n") + 1
