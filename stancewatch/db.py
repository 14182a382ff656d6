"""Open the DuckDB file, bring its schema up to date, and load the seed once.

One process owns a DuckDB file at a time (DuckDB's file lock). The dashboard keeps its connection
for its whole life, so `open_db` raises `DatabaseLocked` with the owner's PID instead of DuckDB's
raw error; the CLI then hands its batch to the dashboard (see handoff.py).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import duckdb

from stancewatch import sql
from stancewatch.config import QUERIES_DIR, SEED_CSV

SEED_BY = "seed"
_MIGRATION = re.compile(r"^(\d{3})_(\w+)\.sql$")


class DatabaseLocked(RuntimeError):
    """Another process holds the database file."""

    def __init__(self, path: Path, pid: int | None) -> None:
        self.path, self.pid = path, pid
        owner = f"process {pid}" if pid else "another process"
        super().__init__(
            f"The database {path} is held by {owner}, which does not take requests from this "
            "command (a running dashboard would). Wait for it to finish, or stop it "
            f"({'kill ' + str(pid) if pid else 'see `fuser` for the process'}), then run the "
            "command again."
        )


def migrations() -> list[tuple[int, str]]:
    """(version, query name) of every migration file, in order."""
    found = []
    for path in sorted((QUERIES_DIR / "schema").glob("*.sql")):
        if match := _MIGRATION.match(path.name):
            found.append((int(match[1]), f"schema/{path.stem}"))
    return found


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations the database lacks, each in its own transaction; return those applied."""
    sql.execute(con, "schema/version_table")
    current = sql.scalar(con, "schema/current_version")
    applied = []
    for version, name in migrations():
        if version <= current:
            continue
        con.begin()
        try:
            sql.execute(con, name)
            sql.execute(con, "schema/record_version", {"version": version, "name": name})
            con.commit()
        except BaseException:
            con.rollback()
            raise
        applied.append(version)
    # Macros are logic, not data: replaced on every start so they always match this code.
    sql.execute(con, "schema/macros")
    return applied


def memory_limit() -> str:
    """DuckDB's memory limit for the store (STANCEWATCH_MEMORY_LIMIT, default 1GB)."""
    return os.environ.get("STANCEWATCH_MEMORY_LIMIT", "1GB")


def connect(path: Path, *, capped: bool = True) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the database file, translating a lock conflict.

    DuckDB's memory is capped (STANCEWATCH_MEMORY_LIMIT, default 1GB; larger sorts spill to a temp
    folder beside the database), so a long-running dashboard stays inside a small server's RAM.
    `capped=False` leaves DuckDB its own default (most of the RAM), for one-off migrations.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    config = {"memory_limit": memory_limit()} if capped else {}
    try:
        return duckdb.connect(str(path), config=config)
    except duckdb.IOException as exc:
        message = str(exc)
        if "lock" not in message.lower():
            raise
        pid = re.search(r"PID (\d+)", message)
        raise DatabaseLocked(path, int(pid[1]) if pid else None) from None


def ensure_seeded(con: duckdb.DuckDBPyConnection) -> None:
    """Load the real seed statements into a database that has never had any batch.

    "Never had a batch" (not "has no statements") is the test, so a restart never loads the seed
    twice and a database whose batches were all undone stays as its users left it.
    """
    if sql.scalar(con, "load/batch_count"):
        return
    from stancewatch.ingest import ingest_bytes  # ingest needs db only at call time

    report = ingest_bytes(con, SEED_CSV.read_bytes(), file_name=SEED_CSV.name, by=SEED_BY)
    if not report.written:
        raise RuntimeError(f"the seed file {SEED_CSV} did not load: {report.summary()}")


def _pending(con: duckdb.DuckDBPyConnection) -> bool:
    sql.execute(con, "schema/version_table")
    current = sql.scalar(con, "schema/current_version")
    return any(version > current for version, _ in migrations())


def open_db(path: Path, *, seed: bool = True) -> duckdb.DuckDBPyConnection:
    """Connect, migrate and (optionally) seed: what every entry point does first.

    Migrations that rebuild a table build its indexes in one transaction (at 10M statements
    migration 4 needs about 4 GB), so a store behind on migrations is migrated on a connection
    without the memory cap first, once; the returned connection is capped."""
    con = connect(path)
    try:
        if _pending(con):
            con.close()
            with connect(path, capped=False) as uncapped:
                migrate(uncapped)
            con = connect(path)
        migrate(con)
        if seed:
            ensure_seeded(con)
    except BaseException:
        con.close()
        raise
    return con


_links_lock = threading.Lock()  # one rebuild of a derived table at a time
# Bump when capital_links (queries/schema/macros.sql) changes its columns (or what is recorded
# with the table): a stored table of the old shape is then rebuilt even though the data did not
# move.
LINKS_SHAPE = "links-v4"  # v3: run_no; v4: the undos and reviews it has seen are recorded
DAILY_SHAPE = "daily-v4"  # the same for rebuild_stance_daily.sql; v2: what it counts is recorded;
# v3: and how far the undos and reviews it has seen go; v4: its hash a sum, not an XOR
WORDS_SHAPE = "words-v1"  # the same for rebuild_statement_words.sql


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """Every write (a batch, an undo, a review, a topic merge) changes this string."""
    row = sql.rows(con, "live/data_version")[0]
    return "|".join(str(v) for v in row)


Update = Callable[[duckdb.DuckDBPyConnection], None]


def _checked_update(
    con: duckdb.DuckDBPyConnection,
    lock: threading.Lock,
    stale: Callable[[duckdb.DuckDBPyConnection], Update | None],
) -> None:
    """Run the update `stale(cur)` returns, in one transaction; None means fresh, nothing to do.
    Checked first without the lock (the common case), then again holding it, as another thread
    may have just done it. Readers see the derived table old or new, whole."""
    cur = con.cursor()
    try:
        if stale(cur) is None:
            return
        with lock:
            update = stale(cur)
            if update is None:
                return
            cur.begin()
            try:
                update(cur)
                cur.commit()
            except BaseException:
                cur.rollback()
                raise
    finally:
        cur.close()


# A whole rebuild of stance_links takes the capitals in at most this many ranges (one each for
# the three the store starts with); each range costs a scan of the statements.
LINK_REBUILD_PARTS = 3


def rebuild_stance_links(cur: duckdb.DuckDBPyConnection) -> None:
    """stance_links rebuilt whole, a range of capitals at a time: a history never crosses
    capitals, and the windows over one capital's rows stay within DuckDB's memory cap where one
    pass over all of them spilled to disk (10M statements: 10.9-11.4 -> 6.8-6.9 s)."""
    capitals = [name for (name,) in sql.rows(cur, "derived/link_capitals")]
    sql.execute(cur, "derived/clear_stance_links")
    step = -(-len(capitals) // LINK_REBUILD_PARTS) or 1
    for part in (capitals[i : i + step] for i in range(0, len(capitals), step)):
        sql.execute(
            cur,
            "derived/insert_capital_links",
            {"first_capital": part[0], "last_capital": part[-1]},
        )


def rebuild(cur: duckdb.DuckDBPyConnection, table: str) -> None:
    """A derived table rebuilt whole from the statements: stance_links by capital, the others by
    their query derived/rebuild_<table>."""
    if table == "stance_links":
        rebuild_stance_links(cur)
    else:
        sql.execute(cur, f"derived/rebuild_{table}")


def _refresh(
    con: duckdb.DuckDBPyConnection,
    table: str,
    shape: str,
    lock: threading.Lock,
    in_place: Callable[[duckdb.DuckDBPyConnection], bool] | None = None,
    rebuilt: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
) -> None:
    """Bring the derived table (rebuilt by `rebuild`, version in derived/<key>_version)
    up to date when the data moved on since it was built. `in_place(cur)` may update a table of
    the same shape where it stands and say so; otherwise (or when it declines) the table is
    rebuilt whole, and then `rebuilt(cur)` records what in_place will need next time."""
    key = table.removeprefix("stance_")

    def stale(cur: duckdb.DuckDBPyConnection) -> Update | None:
        current = f"{data_version(cur)}|{shape}"
        built = sql.scalar(cur, f"derived/{key}_version")
        if built == current:
            return None

        def update(cur: duckdb.DuckDBPyConnection) -> None:
            if not (in_place and built.endswith(f"|{shape}") and in_place(cur)):
                rebuild(cur, table)
                if rebuilt:
                    rebuilt(cur)
            sql.execute(cur, f"derived/set_{key}_version", {"version": current})

        return update

    _checked_update(con, lock, stale)


# Past these shares of stance_links' rows a refresh rebuilds the table whole instead (which also
# restores its sort order: in-place updates append). Each is where the two cost about the same at
# 1M (docs/benchmarks.md, "When a refresh rebuilds"): undos redo nothing (db._remove_links) and
# cross over between a fifth and a quarter of the rows; a redo's cost follows the rows it rewrites
# (derived/stale_tail_rows), and crosses over near half of them; statements that all come after
# their histories are appended, still quicker than a rebuild when they are 90% as many as the
# rows already there (0.70-0.76 s against 1.09-1.11 s).
IN_PLACE_SHARE = 0.25  # statements undone, reviewed, or arrived inside their histories
REDO_SHARE = 0.5  # rows a redo rewrites (derived/stale_tail_rows)
APPEND_SHARE = 1.0  # statements that arrived after their histories' last rows


# A history with at most this many changed places (an undone statement, an arrival; a reviewed one
# is two: as stored and as it is now) is redone in stretches around them (derived/known_link_cuts,
# derived/appended_link_cuts, derived/merge_stale_link_tails) rather than from its first change to
# its last; each change's neighbours are looked up apart, so a history with many is redone whole.
PLACES_PER_HISTORY = 8


class LinksState(NamedTuple):
    """stance_links against the statements: its highest id (0 when empty), its rows and their
    hash; the statements with a stance up to that id, their hash, and how many lie above it."""

    upto: int
    linked: int
    signature: int
    kept: int
    expected: int
    arrived: int

    @property
    def appended(self) -> bool:
        """The table still holds exactly the statements with a stance up to its highest id (by
        count and a hash of every row), so only statements above it can differ. An empty table
        never is: there is nothing to build on."""
        return self.linked > 0 and (self.linked, self.signature) == (self.kept, self.expected)


def links_state(cur: duckdb.DuckDBPyConnection) -> LinksState:
    """stance_links against the statements, in two scans (6 ms at 1M, paid by every refresh)."""
    upto, linked, signature = sql.rows(cur, "derived/links_signature")[0]
    kept, expected, arrived = sql.rows(cur, "derived/statements_signature", {"upto": upto})[0]
    return LinksState(upto, linked, signature or 0, kept, expected or 0, arrived)


def _known_link_changes(
    cur: duckdb.DuckDBPyConnection, state: LinksState
) -> tuple[dict[str, int], int, bool] | None:
    """When the undos and reviews since stance_links last saw them (derived/links_marks) are
    every difference between it and the statements up to its highest id: the parameters that
    find them (derived/known_link_cuts), how many rows changed, arrivals included, and whether
    the rows were only taken away (undos alone: nothing reviewed, nothing arrived). Checked
    on the hashes: the table's, with those rows as stored taken out and as they are now put in,
    must be the statements'. None when they are not (a topic merge, or a write the product does not make):
    then every row of the stale groups is compared."""
    marks = sql.scalar(cur, "derived/links_marks").split("|")
    if state.linked == 0 or len(marks) != 2:  # nothing to build on, or never recorded
        return None
    archived_us, revision_id = map(int, marks)
    params = {"upto": state.upto, "archived_us": archived_us, "revision_id": revision_id}
    gone, gone_hash, back, back_hash, changed = sql.rows(
        cur, "derived/link_changes_signature", params
    )[0]
    if (state.linked - gone + back, state.signature ^ (gone_hash or 0) ^ (back_hash or 0)) != (
        state.kept,
        state.expected,
    ):
        return None
    params = {**params, "places_per_history": PLACES_PER_HISTORY}
    return params, changed + state.arrived, back == 0 and state.arrived == 0


def _record_links_marks(cur: duckdb.DuckDBPyConnection) -> None:
    """After stance_links is built or brought up to date: the undos and reviews it has seen."""
    sql.execute(cur, "derived/set_links_marks")


def _append_links(cur: duckdb.DuckDBPyConnection, upto: int) -> bool:
    """When the statements that arrived all come after every row of their histories (the day's
    news, not back-dated ones), append them: each history's last row gains a next date and the
    new rows are linked from it, with nothing deleted or redone. 1M, 50 new statements: the
    refresh 37 -> 21 ms. False, changing nothing, when one lands inside a history."""
    sql.execute(cur, "derived/appended_link_ends")
    if not sql.scalar(cur, "derived/link_ends_before_cuts"):
        return False
    sql.execute(cur, "derived/extend_link_ends")
    sql.execute(cur, "derived/append_stance_links", {"upto": upto})
    return True


def _remove_links(cur: duckdb.DuckDBPyConnection, params: dict[str, int]) -> None:
    """After undos alone: take their rows out and join each history across them, with no
    statement read and no window run. The row after each run of removed rows takes the row kept
    before it as its previous one and its run number from it (derived/removed_link_chains); the
    later rows' run numbers move by what the runs before them moved (derived/shift_removed_runs:
    an ASOF join, since an undo of many statements makes thousands of stretches in a history;
    1M, 50,000 undone: the refresh 1.5 s -> 0.2 s)."""
    sql.execute(cur, "derived/removed_links", {k: params[k] for k in _MARK_PARAMS})
    sql.execute(cur, "derived/removed_link_chains")
    sql.execute(cur, "derived/delete_removed_links")
    sql.execute(cur, "derived/relink_removed_links")
    sql.execute(cur, "derived/shift_removed_runs")
    sql.execute(cur, "derived/drop_stale_link_groups")
    _record_links_marks(cur)


_MARK_PARAMS = ("upto", "archived_us", "revision_id")


def _update_links_in_place(cur: duckdb.DuckDBPyConnection) -> bool:
    """Redo only the (capital, topic) groups whose statements changed, and in each only its rows
    from the first change to the row after the last one, moving the later rows' run numbers
    (derived/shift_stale_runs): 50 new statements on a 10M store's busiest topics redid their
    groups' 2.4M rows (2.65 s), now about the 50. Declines (False) when a rebuild would be
    quicker: when the statements changed pass IN_PLACE_SHARE (APPEND_SHARE when they all arrived
    after the table's highest id; from the log, all of them; comparing, those added or removed),
    then when the rows to redo pass REDO_SHARE.

    Where the changes are is found the cheapest way that is sure: when the table still matches
    the statements up to its highest id (links_state(...).appended), from the statements above it, and when they all come after their groups'
    last rows they are appended (_append_links); when the undos and reviews logged since the
    table last saw them explain every difference (_known_link_changes), from those; otherwise
    by comparing the stale groups' rows one by one. Changes found from the log, and arrivals
    that land inside a history, are redone in stretches around them when a history has few
    (PLACES_PER_HISTORY places: a review counts twice, as stored and as it is now), not from its
    first change to its last. 1M, 50 statements undone from busy topics (median): 232 -> 157 ms
    (to the row after the last change) -> 107 ms (from the log) -> 65 ms (in stretches; 10M
    617 -> 336 ms). Undos alone (nothing reviewed, nothing arrived) redo nothing: their rows are
    taken out and each history joined across them (_remove_links; 1M, interleaved with the
    stretches on this machine: 77-83 -> 43-48 ms).

    The temp tables are dropped when it returns; after an error the caller's rollback removes
    them (a DROP in the aborted transaction would raise and hide the error)."""
    state = links_state(cur)
    upto, moved, linked, appended = state.upto, state.arrived, state.linked, state.appended
    if appended:
        cuts, params = "derived/appended_link_cuts", {"upto": upto, "places_per_history": 0}
    elif known := _known_link_changes(cur, state):
        (params, moved, removed_only), cuts = known, "derived/known_link_cuts"
        if removed_only and moved <= IN_PLACE_SHARE * linked:
            _remove_links(cur, params)
            return True
    else:
        sql.execute(cur, "derived/stale_link_groups")
        moved, linked = sql.rows(cur, "derived/stale_link_rows")[0]
        cuts, params = "derived/changed_link_cuts", None
    done = False
    if moved <= (APPEND_SHARE if appended else IN_PLACE_SHARE) * linked:
        sql.execute(cur, cuts, params)
        if appended and _append_links(cur, upto):
            done = True
        elif moved <= IN_PLACE_SHARE * linked:
            if appended:  # a new statement lands inside a history: a cut per place after all
                params = {**params, "places_per_history": PLACES_PER_HISTORY}
                sql.execute(cur, cuts, params)
            sql.execute(cur, "derived/stale_link_tails")
            if cuts != "derived/changed_link_cuts":
                sql.execute(cur, "derived/merge_stale_link_tails")
            if sql.scalar(cur, "derived/stale_tail_rows") <= REDO_SHARE * linked:
                sql.execute(cur, "derived/delete_stale_links")
                sql.execute(cur, "derived/insert_stale_links")
                sql.execute(cur, "derived/shift_stale_runs")
                done = True
    sql.execute(cur, "derived/drop_stale_link_groups")
    if done:
        _record_links_marks(cur)
    return done


def ensure_stance_links(con: duckdb.DuckDBPyConnection) -> None:
    """Bring stance_links up to date when the data moved on since it was built.

    Stance changes are derived from statements, never stored by hand: this table is a cache of
    the window over (capital, topic) ordered by date and arrival. A write that touches a few
    groups has just those groups redone; a large one (or a new table shape) rebuilds it whole.
    """
    _refresh(
        con, "stance_links", LINKS_SHAPE, _links_lock, _update_links_in_place, _record_links_marks
    )


def _record_daily_built(
    cur: duckdb.DuckDBPyConnection,
    counted: tuple[int, int, int] = (0, 0, 0),
    signature: tuple | None = None,
) -> None:
    """Record what stance_daily counts: `counted` (the highest id, how many statements and
    their hash it counted before) plus every statement with a stance above that id, as
    derived/daily_signature gives them (read here when not given: after a rebuild, from 0); the
    query adds how far the undos and reviews go that it has seen."""
    upto, statements, hashed = counted
    if signature is None:
        signature = sql.rows(cur, "derived/daily_signature", {"upto": upto})[0]
    _, _, top, added, added_hash = signature
    counted_now = f"{top}|{statements + added}|{hashed + (added_hash or 0)}"
    sql.execute(cur, "derived/set_daily_built", {"counted": counted_now})


def _adjust_daily(
    cur: duckdb.DuckDBPyConnection, seen: dict[str, int], now: tuple[int, int]
) -> bool:
    """Take away and add the counts that undos and reviews changed since stance_daily was
    counted (the daily_changes macro), when they are exactly what changed: the statements it
    counted (`seen`: derived/daily_built), with those changes applied, must count and hash as
    they do `now`. False, changing nothing, when they do not (another kind of write) or are too
    many to be quicker than a rebuild. 1M, 50 statements undone: 12 -> 9 ms against 20 ms for a
    rebuild (a temp table of the changes cost more than reading them twice)."""
    params = {k: seen[k] for k in ("upto", "archived_us", "revision_id")}
    change, change_hash, changes = sql.rows(cur, "derived/daily_changes_signature", params)[0]
    if changes > IN_PLACE_SHARE * max(seen["statements"], 1) or now != (
        seen["statements"] + change,
        seen["signature"] + (change_hash or 0),
    ):
        return False
    sql.execute(cur, "derived/adjust_stance_daily", params)
    return True


DAILY_BUILT = ("upto", "statements", "signature", "archived_us", "revision_id")


def _update_daily_in_place(cur: duckdb.DuckDBPyConnection) -> bool:
    """Bring stance_daily up to date where it stands: take away and add what undos and reviews
    changed in the statements it counts (_adjust_daily), then add the statements that arrived
    (above the highest id it counts). A topic merge changes no count and none of the hashed
    columns. False: rebuild it (a change the undos and reviews do not explain)."""
    values = sql.scalar(cur, "derived/daily_built").split("|")
    if len(values) != len(DAILY_BUILT):  # never recorded ('') or not in this form
        return False
    seen = dict(zip(DAILY_BUILT, map(int, values), strict=True))
    signature = sql.rows(cur, "derived/daily_signature", {"upto": seen["upto"]})[0]
    now = (signature[0], signature[1] or 0)
    if now != (seen["statements"], seen["signature"]) and not _adjust_daily(cur, seen, now):
        return False
    if signature[3]:  # statements arrived above it
        sql.execute(cur, "derived/top_up_stance_daily", {"upto": seen["upto"]})
    _record_daily_built(cur, (seen["upto"], *now), signature)
    return True


def ensure_stance_daily(con: duckdb.DuckDBPyConnection) -> None:
    """Bring stance_daily (statements per day, capital and stance) up to date with the data.

    Its own version key, so a view that only counts (Trends) does not rebuild the stance_links
    window (about 0.4 s at 1M statements), nor the reverse. Arrivals, undos and reviews are
    applied where it stands (_update_daily_in_place: 1M, 50 new or 50 undone statements, about
    9-10 ms); a write they do not explain rebuilds it (about 19 ms at 1M).
    """
    _refresh(
        con, "stance_daily", DAILY_SHAPE, _links_lock, _update_daily_in_place, _record_daily_built
    )


def _add_new_words(cur: duckdb.DuckDBPyConnection) -> bool:
    """Fold only the statements that arrived since: a statement's words never change."""
    sql.execute(cur, "derived/insert_new_statement_words")
    return True


def ensure_statement_words(con: duckdb.DuckDBPyConnection) -> None:
    """Bring statement_words (each statement's quote and speaker folded for the text filter) up
    to date, before a text search only (ensure_text_hits): a first search of a 10M
    store folds every quote once (about 16 s), later ones only what arrived since."""
    _refresh(con, "statement_words", WORDS_SHAPE, _links_lock, _add_new_words)


# At most this many searches keep their hits (text_searches), fewer when their hits add up to
# twice the statements (queries/derived/evict_text_searches.sql).
TEXT_SEARCHES_KEPT = 20


def ensure_text_hits(con: duckdb.DuckDBPyConnection, text: str) -> None:
    """Find the statements whose words contain `text` once, for every query that filters by it.

    A view runs up to seven queries with the same text filter; each scanned every statement's
    folded words (0.6 s a query at 10M rows). The first now stores what it found (text_hits), the
    others look it up, and after a write only the statements that arrived are scanned: a
    statement's words never change, and an undone one matches nothing (its id is gone).
    """
    ensure_statement_words(con)

    def stale(cur: duckdb.DuckDBPyConnection) -> Update | None:
        words = sql.scalar(cur, "derived/statement_words_version")
        found = sql.rows(cur, "derived/text_search", {"search": text})
        if found and found[0][0] == words:
            return None
        upto = found[0][1] if found else 0  # statements up to here are searched already

        def update(cur: duckdb.DuckDBPyConnection) -> None:
            sql.execute(cur, "derived/insert_text_hits", {"search": text, "upto": upto})
            sql.execute(cur, "derived/set_text_search", {"search": text})
            kept = {"search": text, "kept": TEXT_SEARCHES_KEPT}
            if forgotten := sql.rows(cur, "derived/evict_text_searches", kept):
                texts = [t for (t,) in forgotten]
                sql.execute(cur, "derived/drop_unsearched_hits", {"texts": texts})

        return update

    _checked_update(con, _links_lock, stale)


sql.REFRESHERS["stance_links"] = lambda con, _params: ensure_stance_links(con)
sql.REFRESHERS["stance_daily"] = lambda con, _params: ensure_stance_daily(con)
sql.REFRESHERS["text_hits"] = lambda con, params: ensure_text_hits(con, params["text"])
sql.READ_WHEN["text_hits"] = lambda params: bool(params.get("text"))
