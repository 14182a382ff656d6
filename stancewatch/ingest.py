"""CSV bytes -> validated, deduplicated statements written as one batch, and a report of it all.

Steps: decode and split (csvfile) -> fold the header -> normalise values (normalise) -> validate every
row at once (the pandera schema of contract) -> fingerprint and drop duplicates (inside the file and
against the store) -> write the batch row, new topics and statements in ONE transaction.

All or nothing by default: one invalid row and nothing is written. `skip_invalid=True` writes the
valid rows and reports the others. Unknown columns are kept, per row, as JSON in `extra`.

The Upload view and the CLI call the same `ingest_bytes`: the view's preview is a dry run, its
commit a real run. The view may pass `topic_map` / `speaker_map` (a new name -> the stored name the
user chose for it, see similar.py) and a `progress` callback; both are optional.

A row with a quote but an empty stance gets the classifier's suggestion (stance_origin
'classifier'); when the classifier abstains the row is refused with its reason, unless the caller
chose `pending_review=True`: then it is stored with stance NULL, for a person to decide.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pandera.pandas as pandera
import pyarrow as pa

from stancewatch import (
    capacity,
    classify_ingest,
    contract,
    csvfast,
    describe,
    normalise,
    similar,
    sql,
)
from stancewatch.csvfile import DELIMITERS, FileProblem, Table, parse

_SCHEMA_TO_CSV = {"stated_on": "date"}
_WRITE_ATTEMPTS = 3
# One batch is written at a time in this process (uploads from several sessions, and the CLI's
# through handoff.py): a batch's ids are drawn in its transaction, just before its rows are
# inserted (all at once: `_drawn_ids`), so two batches committing out of order would leave ids
# below ones already committed, and the derived tables that take in only ids above the last they
# saw (statement_words, and so text_hits) would miss them for good.
_WRITE_LOCK = threading.Lock()
_HEADERS_SHOWN = 20  # a file-level message lists at most this many of the file's columns


@dataclass(frozen=True)
class Problem:
    """One reason one row was refused: where (line, column), what (value) and why."""

    line: int
    column: str
    value: str
    reason: str


@dataclass(frozen=True)
class Duplicate:
    line: int
    of: str


@dataclass(frozen=True)
class NearDuplicate:
    """A new topic title or speaker in the file that is close to a stored one."""

    kind: str  # 'topic' | 'speaker'
    value: str
    existing: str
    lines: list[int]


@dataclass(frozen=True)
class Suggested:
    """A row whose stance is the classifier's suggestion (or none yet), for the preview to show."""

    line: int
    stance: str | None
    confidence: float
    quote: str
    language: str | None
    topic: str
    capital: str


Progress = Callable[[str, float], None]


def _quiet(_step: str, _fraction: float) -> None:
    pass


@dataclass
class IngestReport:
    file_name: str
    by: str
    dry_run: bool = False
    skip_invalid: bool = False
    pending_review: bool = False
    encoding: str | None = None
    delimiter: str | None = None
    rows_read: int = 0
    rows_new: int = 0
    rows_inserted: int = 0
    rows_duplicate: int = 0
    rows_rejected: int = 0
    rows_suggested: int = 0
    rows_pending: int = 0
    file_error: str | None = None
    problems: list[Problem] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    new_topics: list[str] = field(default_factory=list)
    near_duplicates: list[NearDuplicate] = field(default_factory=list)
    suggestions: list[Suggested] = field(default_factory=list)
    batch_id: int | None = None

    @property
    def written(self) -> bool:
        return self.batch_id is not None

    @property
    def status(self) -> str:
        """file_error | rejected | dry_run | written | nothing_new."""
        if self.file_error:
            return "file_error"
        if self.rows_rejected and not self.skip_invalid:
            return "rejected"
        if self.dry_run:
            return "dry_run"
        return "written" if self.written else "nothing_new"

    def summary(self) -> str:
        """One paragraph a person reads first."""
        if self.file_error:
            return f"{self.file_name}: nothing was written. {self.file_error}"
        counts = (
            f"{self.rows_read} rows read, {self.rows_duplicate} duplicate, "
            f"{self.rows_rejected} rejected"
        )
        status = self.status
        if status == "rejected":
            return (
                f"{self.file_name}: nothing was written ({counts}). Fix the rejected rows listed "
                "below and upload again, or choose to import the valid rows and skip the rest."
            )
        if status == "dry_run":
            return (
                f"{self.file_name}: dry run, nothing written; {describe.count(self.rows_new, 'new statement')} "
                f"would be inserted ({counts})."
            )
        if status == "written":
            return (
                f"{self.file_name}: batch {self.batch_id} written, "
                f"{describe.count(self.rows_inserted)} inserted ({counts}).{self._suggested_note()}"
            )
        return f"{self.file_name}: nothing new to insert ({counts})."

    def _suggested_note(self) -> str:
        if not (self.rows_suggested or self.rows_pending):
            return ""
        return (
            f" The classifier suggested the stance of {self.rows_suggested} rows (marked as "
            f"suggestions); {self.rows_pending} await review with no stance."
        )

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "status": self.status, "summary": self.summary()}


# ---- header ---------------------------------------------------------------------------------


def _shown(name: str, limit: int = 60) -> str:
    """A header name as quoted in a message: a hostile file's names must not flood the report."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _map_header(header: list[str]) -> tuple[dict[str, int], dict[int, str]]:
    """Known column -> position, and position -> name for unknown columns kept in `extra`."""
    known: dict[str, int] = {}
    extra: dict[int, str] = {}
    for pos, name in enumerate(header):
        folded = contract.fold_header(name)
        if folded in contract.KNOWN:
            if folded in known:
                raise FileProblem(
                    f"Columns {known[folded] + 1} ('{_shown(header[known[folded]])}') and "
                    f"{pos + 1} ('{_shown(name)}') both mean '{folded}'. Rename or remove one of them."
                )
            known[folded] = pos
        else:
            # Two unknown columns with one name both survive: the second gets its position.
            label = name.strip() or f"column_{pos + 1}"
            if label in extra.values():
                label = f"{label} (column {pos + 1})"
            extra[pos] = label
    missing = [c for c in contract.REQUIRED if c not in known]
    if "stance" not in known and "quote" not in known:
        missing.append("stance (or quote)")
    if missing:
        hints = []
        for column in missing:
            close = difflib.get_close_matches(
                column.split()[0],
                [contract.fold_header(h) for h in header],
                n=1,
                cutoff=0.7,
            )
            if close:
                hints.append(f"'{close[0]}' looks like '{column.split()[0]}'")
        found = ", ".join(f"'{_shown(h)}'" for h in header[:_HEADERS_SHOWN]) or "none"
        if len(header) > _HEADERS_SHOWN:
            found += f" and {len(header) - _HEADERS_SHOWN:,} more"
        hint = f" ({'; '.join(hints)})" if hints else ""
        raise FileProblem(
            f"The header row lacks the required column(s) {', '.join(missing)}{hint}. Columns found: "
            f"{found}. Required: date, capital, topic, and stance or quote; see the upload template."
        )
    return known, extra


def _extra_json(table: Table, extra_cols: dict[int, str]) -> pd.Series:
    """Per row, the unknown columns' non-blank values as JSON (None when all are blank)."""
    out = pd.Series(None, index=table.values.index, dtype="str")
    if not extra_cols:
        return out
    filled = pd.concat([~csvfast.blank(table.values[pos]) for pos in extra_cols], axis=1).any(
        axis=1
    )
    rows = table.values.loc[filled, list(extra_cols)]
    out[filled] = [
        json.dumps(
            {name: value for name, value in zip(extra_cols.values(), values, strict=True)
             if value.strip()},
            ensure_ascii=False,
        )
        for values in rows.itertuples(index=False, name=None)
    ]  # fmt: skip
    return out


# ---- normalise and validate -----------------------------------------------------------------


def _normalised(raw: pd.DataFrame, captable: dict[str, str], order: str | None) -> pd.DataFrame:
    """Each column normalised once per distinct value (see normalise.by_distinct); the long free
    texts (quote, source, notes) are nearly all distinct and are trimmed column-wise."""

    def distinct(column: str, normaliser: Callable[[pd.Series], pd.Series]) -> pd.Series:
        return normalise.by_distinct(raw[column], normaliser).astype("str")

    return pd.DataFrame(
        {
            "line": raw["line"],
            "stated_on": normalise.by_distinct(raw["date"], lambda v: normalise.dates(v, order)),
            "capital": distinct("capital", lambda v: normalise.lookup(v, captable)),
            "topic": distinct("topic", normalise.short_text),
            "stance": distinct("stance", lambda v: normalise.lookup(v, normalise.STANCE_SYNONYMS)),
            "speaker": distinct("speaker", normalise.short_text),
            "speaker_role": distinct("speaker_role", normalise.short_text),
            "quote": normalise.text(raw["quote"]),
            "quote_language": distinct("quote_language", normalise.languages),
            "source_url": normalise.text(raw["source_url"]),
            "source_name": distinct("source_name", normalise.short_text),
            "notes": normalise.text(raw["notes"]),
            "extra": raw["extra"].astype("str"),
        },
        index=raw.index,
    )


def _problems(
    norm: pd.DataFrame,
    raw: pd.DataFrame,
    capitals: dict[str, list[str]],
    order: str | None,
    stance_reasons: dict[int, str | None],
) -> list[Problem]:
    """Schema failures explained; `stance_reasons` replaces the reason for an empty stance (the
    classifier's abstention), and None there means the row awaits review and is not a problem."""
    schema = contract.statement_schema(capitals)
    try:
        schema.validate(norm, lazy=True)
        return []
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    cases = cases[cases["index"].notna()]
    seen: set[tuple[int, str]] = set()
    problems = []
    for index, column in zip(cases["index"].astype(int), cases["column"], strict=True):
        csv_column = _SCHEMA_TO_CSV.get(column, column)
        if (index, csv_column) in seen:
            continue
        seen.add((index, csv_column))
        value = "" if pd.isna(raw.at[index, csv_column]) else str(raw.at[index, csv_column])
        if csv_column == "stance" and index in stance_reasons:
            if stance_reasons[index] is None:
                continue
            reason = str(stance_reasons[index])
        else:
            reason = normalise.explain(csv_column, value, order=order, capitals=capitals)
        problems.append(Problem(int(raw.at[index, "line"]), csv_column, value[:200], reason))
    return problems


def _ragged(parsed: Table) -> list[Problem]:
    width = len(parsed.header)
    sep = DELIMITERS[parsed.delimiter]
    return [
        Problem(
            r.line,
            "(whole row)",
            parsed.delimiter.join(r.values)[:200],
            f"the row has {len(r.values)} values but the header has {width} columns; a value that "
            f"contains a {sep} must be in double quotes, and no column may be left out",
        )
        for r in parsed.bad_width
    ]


# ---- fingerprints and duplicates ------------------------------------------------------------


def fingerprint(
    stated_on: str, capital: str, topic: str, speaker: str, quote: str, stance: str
) -> str:
    """Same day, capital, claim, speaker and words = same statement (stance only when no quote)."""
    words = normalise.fold(quote) if quote else f"stance:{stance}"
    key = "\x1f".join([stated_on, capital, normalise.fold(topic), normalise.fold(speaker), words])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _fingerprints(cur: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> pd.Series:
    """`fingerprint` for every row: the same keys, folded column-wise and hashed by DuckDB."""
    empty = pd.Series("", index=frame.index, dtype="str")
    quote = frame["quote"].fillna("")
    words = normalise.fold_series(quote).where(
        quote != "", "stance:" + frame["stance"].astype("str")
    )
    day = normalise.by_distinct(frame["stated_on"], lambda d: d.dt.strftime("%Y-%m-%d"))
    parts = {
        "day": day,
        "capital": frame["capital"],
        "topic": normalise.fold_series(frame["topic"]),
        "speaker": normalise.fold_series(frame["speaker"].fillna(empty)),
        "words": words,
    }
    cur.register(
        "fingerprint_parts",
        pa.table(
            {name: pa.array(p.astype("str"), type=pa.large_string()) for name, p in parts.items()}
        ),
    )
    try:
        hashed = sql.arrow(cur, "ingest/fingerprints").column("fingerprint")
    finally:
        cur.unregister("fingerprint_parts")
    return pd.Series(hashed, index=frame.index, dtype="str")


# ---- the pipeline ---------------------------------------------------------------------------


def _near_duplicates(cur: duckdb.DuckDBPyConnection, valid: pd.DataFrame) -> list[NearDuplicate]:
    stored_topics = sql.df(cur, "curation/topics")
    stored_topics = stored_topics.loc[stored_topics["statements"] > 0, "title"].tolist()
    stored_speakers = [r[0] for r in sql.rows(cur, "curation/speakers")]
    found = []
    for kind, column, stored in (
        ("topic", "topic", stored_topics),
        ("speaker", "speaker", stored_speakers),
    ):
        if not stored:  # nothing stored (a first upload): no value can be near a stored one
            continue
        values = valid[column].dropna().unique()
        for value, existing in similar.near(values, stored, kind=kind).items():
            lines = valid.loc[valid[column] == value, "line"].astype(int).tolist()
            found.append(NearDuplicate(kind, value, existing, lines))
    return found


def _suggested(valid: pd.DataFrame) -> list[Suggested]:
    rows = valid[valid["stance_origin"] == "classifier"]
    cols = ["line", "stance", "stance_confidence", "quote", "quote_language", "topic", "capital"]
    return [
        Suggested(
            int(line),
            stance if isinstance(stance, str) else None,
            float(conf),
            str(quote),
            lang if isinstance(lang, str) else None,
            str(topic),
            str(capital),
        )
        for line, stance, conf, quote, lang, topic, capital in rows[cols].itertuples(
            index=False, name=None
        )
    ]


def _prepare(
    con: duckdb.DuckDBPyConnection,
    data: bytes,
    report: IngestReport,
    maps: dict[str, dict[str, str]],
    progress: Progress,
) -> pd.DataFrame | None:
    """Parse, normalise, validate and fingerprint; None when the file itself is unreadable."""
    progress("Reading the file", 0.05)
    free = capacity.available_memory()  # the file's bytes are already held: count them as free
    if refusal := capacity.too_large(len(data), None if free is None else free + len(data)):
        report.file_error = refusal
        return None
    try:
        parsed = csvfast.read(data) or parse(data).table()
        known, extra_cols = _map_header(parsed.header)
    except FileProblem as exc:
        report.file_error = str(exc)
        return None
    report.encoding, report.delimiter = parsed.encoding, DELIMITERS[parsed.delimiter]
    report.rows_read = parsed.rows_read
    limit = capacity.parse_size(str(sql.scalar(con, "ingest/memory_limit")))
    if refusal := capacity.too_many_rows(report.rows_read, limit):
        report.file_error = refusal
        return None
    if report.rows_read == 0:
        report.file_error = "The file has a header row but no statements under it."
        return None
    values = parsed.values
    raw = pd.DataFrame({"line": parsed.lines})
    for column in contract.KNOWN:
        raw[column] = (
            values[known[column]]
            if column in known
            else pd.Series("", index=raw.index, dtype="str")
        )
    raw["extra"] = _extra_json(parsed, extra_cols)

    progress(f"Checking {report.rows_read:,} rows", 0.2)
    capitals = {name: list(aliases) for name, aliases in sql.rows(con, "ingest/capitals")}
    order = normalise.day_month_order(pd.Series(raw["date"].unique(), dtype="str"))
    norm = _normalised(raw, normalise.capital_table(capitals), order)
    for column, mapping in maps.items():  # the user chose a stored name for a near-duplicate
        if mapping:
            norm[column] = norm[column].map(
                lambda v, m=mapping: m.get(v, v) if isinstance(v, str) else v
            )
    progress("Suggesting missing stances", 0.45)
    suggested = classify_ingest.suggest_missing(raw, norm, pending_review=report.pending_review)
    norm["stance"] = suggested.stance
    problems = _ragged(parsed) + _problems(norm, raw, capitals, order, suggested.reasons)
    report.problems = sorted(problems, key=lambda p: (p.line, p.column))
    report.rows_rejected = len({p.line for p in problems})

    bad_lines = {p.line for p in problems}
    # Filtering copies every column (a million long quotes): only when some row is refused.
    valid = norm[~norm["line"].isin(bad_lines)].copy() if bad_lines else norm
    valid["stance_origin"] = suggested.origin[valid.index]
    valid["stance_confidence"] = suggested.confidence[valid.index]
    progress("Computing duplicate keys", 0.55)
    valid["fingerprint"] = _fingerprints(con, valid) if len(valid) else pd.Series(dtype="str")
    report.suggestions = _suggested(valid)
    progress("Comparing names with the stored ones", 0.65)
    report.near_duplicates = _near_duplicates(con, valid)
    return valid


def _drop_duplicates(
    cur: duckdb.DuckDBPyConnection, valid: pd.DataFrame, report: IngestReport
) -> np.ndarray:
    """Which rows of `valid` are new: not a repeat of an earlier row of the file, not stored.

    A mask, not a filtered frame: filtering copies every column (a million long quotes), and the
    insert takes the mask instead (ingest/insert_statements keeps the rows marked `keep`).
    """
    fingerprints = valid["fingerprint"]
    repeat = fingerprints.duplicated(keep="first").to_numpy()  # rows are in line order
    duplicates: list[Duplicate] = []
    if repeat.any():
        repeated = fingerprints[repeat]
        firsts = valid.loc[~repeat & fingerprints.isin(repeated).to_numpy()]
        first_line = dict(zip(firsts["fingerprint"], firsts["line"], strict=True))
        duplicates = [
            Duplicate(int(line), f"line {int(first_line[fp])} of this file")
            for line, fp in zip(valid.loc[repeat, "line"], repeated, strict=True)
        ]
    # A repeat's fingerprint is its first row's: looking all of them up finds the same stored rows.
    cur.register("incoming", pa.Table.from_pandas(valid[["fingerprint"]], preserve_index=False))
    try:
        stored = sql.df(cur, "ingest/existing_fingerprints")
    finally:
        cur.unregister("incoming")
    where = {
        fp: f"statement {sid} (batch {bid}, {name})"
        for fp, sid, bid, name in stored.itertuples(index=False, name=None)
    }
    hits = ~repeat & fingerprints.isin(where.keys()).to_numpy()
    duplicates += [
        Duplicate(int(line), f"already stored as {where[fp]}")
        for line, fp in zip(valid.loc[hits, "line"], fingerprints[hits], strict=True)
    ]
    report.duplicates = sorted(duplicates, key=lambda d: d.line)
    report.rows_duplicate = len(duplicates)
    return ~repeat & ~hits


def _write(
    cur: duckdb.DuckDBPyConnection,
    valid: pd.DataFrame,
    keep: np.ndarray,
    report: IngestReport,
    sha256: str,
    started: dt.datetime,
    progress: Progress = _quiet,
) -> int:
    """One transaction: batch row, new topics, and the statements of `valid` marked in `keep`.
    Returns the batch id.

    Frames are registered on the cursor and unregistered only after COMMIT or ROLLBACK: DuckDB
    refuses even an unregister inside an aborted transaction, which would hide the real error.
    """
    registered: list[str] = []
    rows = int(keep.sum())

    def register(name: str, frame: pd.DataFrame) -> None:
        # As Arrow: DuckDB scans an Arrow table's strings far faster than pandas' str columns.
        cur.register(name, pa.Table.from_pandas(frame, preserve_index=False))
        registered.append(name)

    cur.begin()
    try:
        batch_id = sql.scalar(
            cur,
            "ingest/insert_batch",
            {
                "file_name": report.file_name,
                "file_sha256": sha256,
                "started_at": started,
                "by": report.by,
                "rows_read": report.rows_read,
                "rows_inserted": rows,
                "rows_duplicate": report.rows_duplicate,
                "rows_rejected": report.rows_rejected,
            },
        )
        topic_ids = {normalise.fold(title): tid for tid, title in sql.rows(cur, "ingest/topic_ids")}
        folded = normalise.fold_series(valid["topic"])
        is_fresh = keep & ~folded.isin(topic_ids.keys()).to_numpy()
        fresh = pd.DataFrame({"title": valid.loc[is_fresh, "topic"], "key": folded[is_fresh]})
        fresh = fresh.drop_duplicates("key")
        if len(fresh):
            register("new_topics", fresh[["title"]])
            created = sql.rows(cur, "ingest/insert_topics")
            key_of = dict(zip(fresh["title"], fresh["key"], strict=True))
            topic_ids.update({key_of[title]: tid for tid, title in created})
        report.new_topics = sorted(fresh["title"])
        topic_id = normalise.by_distinct(folded, lambda keys: keys.map(topic_ids))
        topic_id = topic_id.where(keep, 0).astype("int64")  # rows not kept: any id, not written
        ids = _drawn_ids(cur, valid["line"].to_numpy(), keep)
        register("incoming", valid.assign(id=ids, topic_id=topic_id, keep=keep))
        sql.execute(cur, "ingest/insert_statements", {"batch_id": batch_id})
        stored = sql.scalar(cur, "ingest/batch_row_count", {"batch_id": batch_id})
        if stored != rows:
            raise RuntimeError(f"batch {batch_id}: {stored} rows stored, {rows} expected")
        progress("Committing", 0.95)  # still inside the transaction: a failure here writes nothing
        cur.commit()
    except BaseException:
        cur.rollback()
        raise
    finally:
        for name in registered:
            cur.unregister(name)
    return int(batch_id)


def _drawn_ids(cur: duckdb.DuckDBPyConnection, lines: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Each kept row's statement id, ascending in file order, from one draw of statement_id_seq
    (0 for the rows not kept)."""
    ids = np.zeros(len(keep), dtype="int64")
    if rows := int(keep.sum()):
        drawn = sql.arrow(cur, "ingest/draw_statement_ids", {"rows": rows}).column("id")
        order = np.argsort(lines, kind="stable")
        ids[order[keep[order]]] = drawn.to_numpy()
    return ids


def _sha256_started(data: bytes) -> Callable[[], str]:
    """The file's SHA-256 (for its batch row), hashed on a thread while the rows are checked:
    hashlib lets go of the GIL on a large buffer (0.2 s of the main thread at 1M rows). The
    returned function waits for it; if the thread failed, it hashes here."""
    done: list[str] = []

    def run() -> None:
        with contextlib.suppress(Exception):  # hashed again where it is read, and raises there
            done.append(hashlib.sha256(data).hexdigest())

    thread = threading.Thread(target=run, name="ingest-sha256")
    thread.start()

    def result() -> str:
        thread.join()
        return done[0] if done else hashlib.sha256(data).hexdigest()

    return result


def ingest_bytes(
    con: duckdb.DuckDBPyConnection,
    data: bytes,
    *,
    file_name: str,
    by: str,
    skip_invalid: bool = False,
    dry_run: bool = False,
    pending_review: bool = False,
    topic_map: dict[str, str] | None = None,
    speaker_map: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Validate `data` (a CSV file's bytes) and, unless refused or a dry run, write it as one batch.

    `pending_review=True` stores rows whose stance the classifier could not suggest with stance
    NULL (awaiting review) instead of refusing them. `topic_map` / `speaker_map` replace a name of
    the file with the stored one chosen for it. `progress(step, fraction)` hears each step.
    """
    progress = progress or _quiet
    started = dt.datetime.now(dt.UTC)
    report = IngestReport(
        file_name=file_name,
        by=by,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        pending_review=pending_review,
    )
    cur = con.cursor()
    sha256 = (lambda: "") if dry_run else _sha256_started(data)  # a dry run writes no batch row
    try:
        maps = {"topic": topic_map or {}, "speaker": speaker_map or {}}
        valid = _prepare(cur, data, report, maps, progress)
        if valid is None:
            return report
        for attempt in range(_WRITE_ATTEMPTS):
            progress("Looking for duplicates", 0.75)
            keep = _drop_duplicates(cur, valid, report)
            report.rows_new = int(keep.sum())
            by_classifier = (valid["stance_origin"] == "classifier").to_numpy()
            no_stance = valid["stance"].isna().to_numpy()
            report.rows_suggested = int((keep & by_classifier & ~no_stance).sum())
            report.rows_pending = int((keep & no_stance).sum())
            if report.status in ("rejected", "dry_run") or not report.rows_new:
                return report
            try:
                progress(f"Writing {report.rows_new:,} statements", 0.85)
                digest = sha256()
                with _WRITE_LOCK:
                    report.batch_id = _write(cur, valid, keep, report, digest, started, progress)
            except (duckdb.ConstraintException, duckdb.TransactionException):
                # Another writer stored some of these rows meanwhile: look again and retry.
                if attempt == _WRITE_ATTEMPTS - 1:
                    raise
                continue
            report.rows_inserted = report.rows_new
            return report
        return report
    finally:
        cur.close()
