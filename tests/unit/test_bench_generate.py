"""The benchmark generator: synthetic and labelled so, with the shape the benchmarks rely on."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import duckdb

from stancewatch.config import ROOT

_spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)


def test_shape_and_labels() -> None:
    statements, topics = generate.generate(20_000)
    assert len(statements) == 20_000 and statements.row_no.is_monotonic_increasing
    assert topics.title.str.startswith("Synthetic claim").all()
    assert statements.quote.str.endswith("[synthetic]").all()
    assert statements.source_url.str.startswith("https://synthetic.invalid/").all()
    per_topic = statements.topic_no.value_counts()
    assert per_topic.iloc[:20].sum() > 0.3 * len(statements)  # a long tail: few topics carry most
    assert set(statements.quote_language) == {"en", "fr", "ru", "uk"}
    # most quotes differ from every other, as real ones do; stock answers repeat
    assert 0.75 < statements.quote.nunique() / len(statements) < 0.85


def test_straight_into_a_store_with_about_five_percent_changes(tmp_path: Path) -> None:
    statements, topics = generate.generate(20_000)
    path = tmp_path / "bench.duckdb"
    generate.to_duckdb(statements, topics, path)  # runs the named query "bench/load_synthetic"
    con = duckdb.connect(str(path), read_only=True)
    count, batches, notes = con.execute(
        "SELECT count(*), count(DISTINCT batch_id), min(notes) FROM statements"
    ).fetchall()[0]
    rate = con.execute(
        "SELECT avg((p <> stance)::INT) FROM (SELECT stance, lag(stance) OVER "
        "(PARTITION BY capital, topic_id ORDER BY stated_on, id) AS p FROM statements) WHERE p IS NOT NULL"
    ).fetchall()[0][0]
    con.close()
    assert (count, batches, notes) == (20_000, 1, "synthetic benchmark data")
    assert 0.03 < rate < 0.08
