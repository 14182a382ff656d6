"""Synthetic statements for benchmarks, clearly marked synthetic, with a realistic shape.

About 20,000 topics with a long tail (a few carry most statements), each capital keeping its
stance on a topic for a while (a change on about 5% of statements), dates over 12 years, quotes
of realistic length in en/fr/ru/uk, about 80% of them different from every other (the rest stock
answers, repeated word for word). Every topic says "Synthetic", every source is
https://synthetic.invalid/..., every note says "synthetic benchmark data".

    .venv/bin/python bench/generate.py --rows 1000000 --csv bench/out/1m.csv --db bench/out/1m.duckdb
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stancewatch import db, sql

TOPICS = 20_000
CAPITALS = np.array(["Moscow", "Kyiv", "Paris"])
CAPITAL_WEIGHTS = [0.45, 0.33, 0.22]
STANCES = np.array(["confirm", "deny", "no_comment"])
CHANGE_RATE = 0.05
START = np.datetime64("2014-01-01")
DAYS = 12 * 365
PHRASES = {
    "en": [
        "We can confirm that the contacts took place at a technical level.",
        "These reports are completely false and we reject them.",
        "I have nothing to add to what was said yesterday.",
        "Ask the Defence Ministry, it is not a question for us.",
        "The situation is being studied and conclusions will follow.",
        "Our position on this matter has not changed.",
    ],
    "fr": [
        "Nous pouvons confirmer que des discussions ont eu lieu.",
        "Ces informations sont fausses et nous les démentons.",
        "Je n'ai pas de commentaire à faire à ce stade.",
        "La position de la France reste inchangée sur ce point.",
    ],
    "ru": [
        "Действительно, такие контакты имели место.",
        "Это очередной фейк, к которому мы не причастны.",
        "Мы не комментируем подобные сообщения.",
        "Это вопрос не к нам, обращайтесь в Министерство обороны.",
    ],
    "uk": [
        "Ми можемо підтвердити, що зустріч відбулася.",
        "Україна не має жодного стосунку до цих подій.",
        "Без коментарів на цьому етапі.",
        "Ситуація вивчається, висновки будуть згодом.",
    ],
}
LANGUAGE_OF = {"Moscow": ["ru", "en"], "Kyiv": ["uk", "en"], "Paris": ["fr", "en"]}
# Real quotes are almost all different: most synthetic ones name their briefing, so an ingest
# normalises about as many distinct quotes as a real file has; the rest are stock answers,
# repeated word for word as "no comment" lines are.
BRIEFING = {
    "en": "(briefing {})",
    "fr": "(point presse {})",
    "ru": "(брифинг {})",
    "uk": "(брифінг {})",
}
DISTINCT_QUOTES = 0.8


def generate(rows: int, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(statements, topics) frames, vectorised: 10M rows in well under a minute."""
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, TOPICS + 1) ** 1.1  # Zipf-like long tail
    weights /= weights.sum()
    topic_no = rng.choice(TOPICS, size=rows, p=weights)
    capital = rng.choice(len(CAPITALS), size=rows, p=CAPITAL_WEIGHTS)
    day = rng.integers(0, DAYS, size=rows)
    arrival = rng.permutation(rows)  # the order rows appear in the file
    # Stances are laid out in the order the store reads them: capital, topic, date, arrival.
    order = np.lexsort((arrival, day, topic_no, capital))
    topic_no, capital, day, arrival = topic_no[order], capital[order], day[order], arrival[order]
    # Stance runs: a new run at each (capital, topic) start, or with probability CHANGE_RATE;
    # each run steps the stance by 1 or 2 (mod 3), so a change always changes the stance.
    group_start = np.ones(rows, dtype=bool)
    group_start[1:] = (capital[1:] != capital[:-1]) | (topic_no[1:] != topic_no[:-1])
    change = (rng.random(rows) < CHANGE_RATE) & ~group_start
    step = np.where(
        group_start,
        rng.integers(0, 3, size=rows),
        np.where(change, rng.integers(1, 3, size=rows), 0),
    )
    group_id = np.cumsum(group_start) - 1
    running = np.cumsum(step)
    base = running[group_start][group_id] - step[group_start][group_id]
    stance = (running - base) % 3
    capitals = CAPITALS[capital]
    languages = np.where(rng.random(rows) < 0.6, 0, 1)
    lang = np.array([LANGUAGE_OF[c][i] for c, i in zip(CAPITALS, [0, 0, 0], strict=True)])[capital]
    lang = np.where(languages == 1, "en", lang)
    quotes = np.empty(rows, dtype=object)
    for code, bank in PHRASES.items():
        mask = lang == code
        n = int(mask.sum())
        first = np.array(bank, dtype=object)[rng.integers(0, len(bank), size=n)]
        second = np.array(bank, dtype=object)[rng.integers(0, len(bank), size=n)]
        named = rng.random(n) < DISTINCT_QUOTES
        numbers = rng.permutation(rows)[:n].astype(str).astype(object)  # distinct in the file
        clause = np.where(named, [BRIEFING[code].format(k) + " " for k in numbers], "")
        quotes[mask] = first + " " + clause.astype(object) + second + " [synthetic]"
    speaker_no = rng.integers(0, 120, size=rows)
    statements = pd.DataFrame(
        {
            "row_no": arrival,
            "date": (START + day.astype("timedelta64[D]")),
            "capital": capitals,
            "speaker": pd.Series(capitals).str.cat(
                pd.Series(speaker_no).astype(str), sep=" synthetic speaker "
            ),
            "topic_no": topic_no,
            "stance": STANCES[stance],
            "quote": quotes,
            "quote_language": lang,
        }
    )
    statements["source_url"] = "https://synthetic.invalid/statement/" + statements["row_no"].astype(
        str
    )
    # Rows in arrival order, as a file would have them (not grouped by capital and topic).
    statements = statements.sort_values("row_no", ignore_index=True)
    topics = pd.DataFrame({"topic_no": np.arange(TOPICS)})
    topics["title"] = (
        "Synthetic claim " + topics["topic_no"].astype(str).str.zfill(5) + " (benchmark)"
    )
    return statements, topics


def to_csv(statements: pd.DataFrame, topics: pd.DataFrame, path: Path) -> None:
    """The upload contract's columns, as a user's file would have them."""
    out = statements.merge(topics, on="topic_no").sort_values("row_no")
    out = out.rename(columns={"title": "topic"})
    out["speaker_role"] = "Synthetic role"
    out["source_name"] = "Synthetic Wire"
    out["notes"] = "synthetic benchmark data"
    cols = ["date", "capital", "speaker", "speaker_role", "topic", "stance", "quote",
            "quote_language", "source_url", "source_name", "notes"]  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    out[cols].to_csv(path, index=False)


def to_duckdb(statements: pd.DataFrame, topics: pd.DataFrame, path: Path) -> None:
    """Straight into a migrated store (no CSV validation): one batch, fingerprints from row ids.

    Loaded on a connection without the store's memory cap, as a migration is: one batch of 10M
    rows builds its unique key's index in memory at commit (about 4 GB), and at 1 GB DuckDB
    refuses it. The dashboard's ingest splits such a file instead (stancewatch/capacity.py).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    db.open_db(path, seed=False).close()
    con = db.connect(path, capped=False)
    con.register("synthetic", statements.rename(columns={"date": "stated_on"}))
    con.register("synthetic_topics", topics)
    con.begin()
    batch_id = sql.scalar(
        con,
        "ingest/insert_batch",
        {"file_name": path.name, "file_sha256": "synthetic", "started_at": pd.Timestamp.now(tz="UTC"),
         "by": "bench/generate.py", "rows_read": len(statements), "rows_inserted": len(statements),
         "rows_duplicate": 0, "rows_rejected": 0},
    )  # fmt: skip
    sql.execute(con, "bench/load_synthetic", {"batch_id": batch_id})
    con.commit()
    con.unregister("synthetic")
    con.unregister("synthetic_topics")
    con.execute("CHECKPOINT")
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--csv", type=Path)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    start = time.perf_counter()
    statements, topics = generate(args.rows)
    print(f"generated {args.rows:,} synthetic statements in {time.perf_counter() - start:.1f} s")
    if args.csv:
        start = time.perf_counter()
        to_csv(statements, topics, args.csv)
        print(
            f"wrote {args.csv} ({args.csv.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - start:.1f} s"
        )
    if args.db:
        start = time.perf_counter()
        to_duckdb(statements, topics, args.db)
        print(f"loaded {args.db} in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
