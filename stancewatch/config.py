"""Fixed vocabulary and paths: the three stances, their labels and colours, where files live.

Capitals are data (the `capitals` table), not code; stances are a closed set, so they live here.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
DATA_DIR = ROOT / "data"
SEED_CSV = DATA_DIR / "statements_seed.csv"
DEFAULT_DB = DATA_DIR / "stancewatch.duckdb"

STANCES: tuple[str, ...] = ("confirm", "deny", "no_comment")
STANCE_LABELS: dict[str, str] = {
    "confirm": "Confirm",
    "deny": "Deny",
    "no_comment": "No comment",
}
# Okabe-Ito, colour-blind safe; the same on every chart.
STANCE_COLOURS: dict[str, str] = {
    "confirm": "#009E73",
    "deny": "#D55E00",
    "no_comment": "#999999",
}

STANCE_ORIGINS: tuple[str, ...] = ("source", "classifier", "review")


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database file: an explicit path, else $STANCEWATCH_DB, else data/stancewatch.duckdb."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("STANCEWATCH_DB")
    return Path(env) if env else DEFAULT_DB


def seed_on_start() -> bool:
    """Load the seed into a new database unless STANCEWATCH_NO_SEED=1 (start with an empty store)."""
    return os.environ.get("STANCEWATCH_NO_SEED") != "1"
