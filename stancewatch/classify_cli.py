"""The `classify` and `evaluate` commands: stance suggestions from the command line, no database.

`classify "TEXT"` prints one suggestion as JSON; `classify --file IN.csv [--out OUT.csv]` adds
suggested_stance, confidence, cues, language and reason to every row; `evaluate LABELLED.csv`
prints coverage, precision on answered rows, per-class figures and the confusion matrix, overall
and per language (`--json` for a machine-readable copy).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from stancewatch.classify import DEFAULT_THRESHOLD, classify
from stancewatch.classify_evaluate import evaluate, read_rows, report, suggest_csv

COMMANDS = ("classify", "evaluate")
EXIT_OK, EXIT_USAGE = 0, 2


def add_commands(sub: Any) -> None:
    """Add the two subcommands to the CLI's subparsers."""
    p = sub.add_parser("classify", help="suggest a stance for a quote, or for every row of a CSV")
    p.add_argument("text", nargs="?", help="the quote (omit with --file)")
    p.add_argument("--file", type=Path, help="a CSV with a quote column")
    p.add_argument("--out", type=Path, help="where to write the CSV (default: standard output)")
    p.add_argument("--language", help="en, fr, ru or uk (default: detected)")
    p.add_argument("--topic", help="the claim the quote is about")
    p.add_argument("--capital", help="the side the speaker speaks for: Paris, Moscow, Kyiv")
    p.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, help="abstain below this")
    p = sub.add_parser("evaluate", help="score the classifier on a CSV with a gold stance column")
    p.add_argument("file", type=Path)
    p.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, help="abstain below this")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")


def run(args: argparse.Namespace) -> int:
    if not 0 <= args.threshold <= 1:
        print("error: --threshold must be between 0 and 1", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "evaluate":
        if not args.file.is_file():
            print(f"error: {args.file} is not a file", file=sys.stderr)
            return EXIT_USAGE
        result = evaluate(read_rows(args.file.read_bytes()), args.threshold)
        print(json.dumps(result.to_dict(), indent=2) if args.json else report(result))
        return EXIT_OK
    if args.file is not None:
        if args.text is not None or not args.file.is_file():
            print("error: give either TEXT or --file with an existing CSV", file=sys.stderr)
            return EXIT_USAGE
        output = suggest_csv(args.file.read_bytes(), args.threshold)
        if args.out is None:
            sys.stdout.write(output)
        else:
            args.out.write_text(output, encoding="utf-8")
            print(f"{output.count(chr(10)) - 1} rows written to {args.out}", file=sys.stderr)
        return EXIT_OK
    if args.text is None:
        print("error: give the quote as TEXT, or --file IN.csv", file=sys.stderr)
        return EXIT_USAGE
    suggestion = classify(
        args.text,
        language=args.language,
        topic=args.topic,
        capital=args.capital,
        threshold=args.threshold,
    )
    print(json.dumps(suggestion.to_dict(), ensure_ascii=False, indent=2))
    return EXIT_OK
