"""How good the stance suggestions are on labelled statements, and suggestions for a whole CSV file.

Abstaining is allowed, so two questions are measured apart: coverage (the share of rows answered)
and precision on the answered rows. Per-class recall and F1 count an abstention as a miss, so a
classifier cannot look good by answering only the easy rows. Figures are given overall and per
language (the language given in the file, else the detected one).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from stancewatch.classify import DEFAULT_THRESHOLD, STANCES, Suggestion, classify
from stancewatch.normalise import STANCE_SYNONYMS, fold

ABSTAIN = "abstain"


@dataclass
class Scores:
    """Counts of (gold, predicted) pairs and the figures derived from them."""

    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, gold: str, predicted: str | None) -> None:
        self.confusion[(gold, predicted or ABSTAIN)] += 1

    @property
    def total(self) -> int:
        return sum(self.confusion.values())

    @property
    def answered(self) -> int:
        return sum(n for (_, p), n in self.confusion.items() if p != ABSTAIN)

    @property
    def correct(self) -> int:
        return sum(n for (g, p), n in self.confusion.items() if g == p)

    @property
    def coverage(self) -> float:
        return self.answered / self.total if self.total else 0.0

    @property
    def precision(self) -> float:
        """Share of answered rows that are right."""
        return self.correct / self.answered if self.answered else 0.0

    def per_class(self) -> dict[str, dict[str, float]]:
        out = {}
        for stance in STANCES:
            tp = self.confusion[(stance, stance)]
            predicted = sum(n for (_, p), n in self.confusion.items() if p == stance)
            gold = sum(n for (g, _), n in self.confusion.items() if g == stance)
            p = tp / predicted if predicted else 0.0
            r = tp / gold if gold else 0.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            out[stance] = {
                "precision": p,
                "recall": r,
                "f1": f1,
                "support": gold,
                "answered": predicted,
            }
        return out

    @property
    def macro_f1(self) -> float:
        classes = [c for c in self.per_class().values() if c["support"]]
        return sum(c["f1"] for c in classes) / len(classes) if classes else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.total,
            "answered": self.answered,
            "coverage": round(self.coverage, 4),
            "precision_answered": round(self.precision, 4),
            "macro_f1": round(self.macro_f1, 4),
            "per_class": {
                s: {k: round(v, 4) if isinstance(v, float) else v for k, v in c.items()}
                for s, c in self.per_class().items()
            },
            "confusion": {
                g: {p: self.confusion[(g, p)] for p in (*STANCES, ABSTAIN)} for g in STANCES
            },
        }


@dataclass
class Evaluation:
    overall: Scores = field(default_factory=Scores)
    by_language: dict[str, Scores] = field(default_factory=dict)
    skipped: int = 0
    threshold: float = DEFAULT_THRESHOLD

    def to_dict(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "skipped_rows": self.skipped,
            **self.overall.to_dict(),
            "by_language": {k: v.to_dict() for k, v in sorted(self.by_language.items())},
        }


def read_rows(data: bytes) -> list[dict[str, str]]:
    """CSV bytes (UTF-8, BOM allowed, comma/semicolon/tab) -> rows keyed by lower-case header."""
    text = data.decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [
        {(k or "").strip().lower().replace(" ", "_"): (v or "") for k, v in row.items()}
        for row in reader
    ]


def suggest_row(row: Mapping[str, str], threshold: float = DEFAULT_THRESHOLD) -> Suggestion:
    """The suggestion for one CSV row, using its language, topic and capital when present."""
    return classify(
        row.get("quote", ""),
        language=row.get("quote_language") or None,
        topic=row.get("topic") or None,
        capital=row.get("capital") or None,
        threshold=threshold,
    )


def evaluate(rows: Iterable[Mapping[str, str]], threshold: float = DEFAULT_THRESHOLD) -> Evaluation:
    """Score suggestions against each row's gold `stance`; rows without a quote or gold are skipped."""
    result = Evaluation(threshold=threshold)
    for row in rows:
        gold = STANCE_SYNONYMS.get(fold(row.get("stance", "")))
        if gold is None or not row.get("quote", "").strip():
            result.skipped += 1
            continue
        suggestion = suggest_row(row, threshold)
        result.overall.add(gold, suggestion.stance)
        result.by_language.setdefault(suggestion.language, Scores()).add(gold, suggestion.stance)
    return result


def _table(scores: Scores, indent: str = "") -> list[str]:
    lines = [
        f"{indent}rows {scores.total}, answered {scores.answered} (coverage {scores.coverage:.3f}), "
        f"precision on answered {scores.precision:.3f}, macro-F1 {scores.macro_f1:.3f}",
        f"{indent}{'class':<12}{'precision':>10}{'recall':>8}{'F1':>7}{'gold':>6}{'answered':>10}",
    ]
    for stance, c in scores.per_class().items():
        lines.append(
            f"{indent}{stance:<12}{c['precision']:>10.3f}{c['recall']:>8.3f}{c['f1']:>7.3f}"
            f"{c['support']:>6}{c['answered']:>10}"
        )
    lines.append(f"{indent}confusion (rows gold, columns suggested):")
    lines.append(f"{indent}{'':<12}" + "".join(f"{p:>12}" for p in (*STANCES, ABSTAIN)))
    for g in STANCES:
        lines.append(
            f"{indent}{g:<12}"
            + "".join(f"{scores.confusion[(g, p)]:>12}" for p in (*STANCES, ABSTAIN))
        )
    return lines


def report(result: Evaluation) -> str:
    """The evaluation as text a person reads."""
    lines = [f"threshold {result.threshold:.2f}; {result.skipped} rows skipped (no quote or gold)"]
    lines += _table(result.overall)
    for lang, scores in sorted(result.by_language.items()):
        lines += ["", f"language {lang}:", *_table(scores, "  ")]
    return "\n".join(lines)


SUGGESTION_COLUMNS = ("suggested_stance", "confidence", "cues", "language", "reason")


def suggest_csv(data: bytes, threshold: float = DEFAULT_THRESHOLD) -> str:
    """The input rows, each with suggested_stance, confidence, cues (JSON), language and reason."""
    rows = read_rows(data)
    header = list(rows[0]) if rows else ["quote"]
    out = io.StringIO()
    writer = csv.DictWriter(
        out,
        fieldnames=[*header, *[c for c in SUGGESTION_COLUMNS if c not in header]],
        lineterminator="\n",
    )
    writer.writeheader()
    for row in rows:
        s = suggest_row(row, threshold)
        cues = [
            {"text": c.text, "start": c.start, "end": c.end, "stance": c.stance, "effect": c.effect}
            for c in s.cues
        ]
        writer.writerow(
            {
                **row,
                "suggested_stance": s.stance or "",
                "confidence": f"{s.confidence:.3f}",
                "cues": json.dumps(cues, ensure_ascii=False),
                "language": s.language,
                "reason": s.reason,
            }
        )
    return out.getvalue()
