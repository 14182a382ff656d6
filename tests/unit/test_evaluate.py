"""`evaluate` and `classify` as a user runs them, and the issue's targets on the real seed.

The seed's `stance` column is the gold label. The targets: precision on answered rows >= 0.90 at
coverage >= 0.45, each class's precision >= 0.85, macro-F1 reported.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from stancewatch import config
from stancewatch.classify_evaluate import Scores, evaluate, read_rows, report
from tests.conftest import SEED, make_csv


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stancewatch", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=config.ROOT,
        timeout=120,
    )


@pytest.fixture(scope="module")
def seed_figures() -> dict[str, object]:
    done = run("evaluate", SEED, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_seed_meets_the_targets(seed_figures: dict[str, object]) -> None:
    assert seed_figures["rows"] == 207
    assert seed_figures["coverage"] >= 0.45
    assert seed_figures["precision_answered"] >= 0.90
    for stance, figures in seed_figures["per_class"].items():
        assert figures["precision"] >= 0.85, stance
    assert 0 < seed_figures["macro_f1"] <= 1


def test_seed_figures_per_language(seed_figures: dict[str, object]) -> None:
    by_language = seed_figures["by_language"]
    assert set(by_language) == {"en", "fr", "ru", "uk"}
    assert sum(v["rows"] for v in by_language.values()) == 207
    for lang, figures in by_language.items():
        assert figures["coverage"] > 0.3, lang
        assert figures["precision_answered"] >= 0.85, lang


def test_text_report_has_every_part() -> None:
    done = run("evaluate", SEED)
    assert done.returncode == 0, done.stderr
    for words in ("coverage", "precision on answered", "macro-F1", "confusion", "language uk:"):
        assert words in done.stdout


def test_abstentions_count_as_misses() -> None:
    scores = Scores()
    for gold, predicted in [
        ("confirm", "confirm"),
        ("confirm", None),
        ("deny", "deny"),
        ("deny", "confirm"),
        ("no_comment", None),
    ]:
        scores.add(gold, predicted)
    assert scores.coverage == pytest.approx(3 / 5)
    assert scores.precision == pytest.approx(2 / 3)
    classes = scores.per_class()
    assert classes["confirm"]["precision"] == pytest.approx(1 / 2)
    assert classes["confirm"]["recall"] == pytest.approx(1 / 2)
    assert classes["deny"]["recall"] == pytest.approx(1 / 2)
    assert classes["no_comment"]["f1"] == 0
    assert scores.macro_f1 == pytest.approx((0.5 + 2 / 3 + 0) / 3)


def test_evaluate_skips_rows_without_gold_or_quote() -> None:
    rows = read_rows(
        make_csv(
            [["No comment.", "no_comment"], ["", "deny"], ["This is fake.", "perhaps"]],
            ["quote", "stance"],
        )
    )
    result = evaluate(rows)
    assert (result.overall.total, result.skipped) == (1, 2)
    assert "2 rows skipped" in report(result)
    assert result.overall.correct == 1


def test_classify_text_prints_json() -> None:
    done = run("classify", "Мы не можем ни подтвердить, ни опровергнуть это.")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["stance"], out["language"]) == ("no_comment", "ru")
    assert out["cues"][0]["text"].startswith("не можем ни подтвердить")


def test_classify_file_writes_one_row_per_input(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(
        make_csv(
            [
                ["Synthetic topic", "Paris", "C'est faux.", "fr"],
                ["Synthetic topic", "Paris", "The weather was mild.", ""],
                ["Synthetic topic", "Kyiv", "Без коментарів.", ""],
            ],
            ["topic", "capital", "quote", "quote_language"],
        )
    )
    target = tmp_path / "out.csv"
    done = run("classify", "--file", source, "--out", target)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["suggested_stance"] for r in rows] == ["deny", "", "no_comment"]
    assert [r["language"] for r in rows] == ["fr", "en", "uk"]
    assert json.loads(rows[0]["cues"])[0]["text"] == "faux"
    assert float(rows[1]["confidence"]) == 0.0
    assert rows[2]["quote"] == "Без коментарів."


def test_classify_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("classify").returncode == 2
    assert run("classify", "--file", tmp_path / "missing.csv").returncode == 2
    assert run("evaluate", tmp_path / "missing.csv").returncode == 2
    assert run("classify", "No comment.", "--threshold", "1.5").returncode == 2
