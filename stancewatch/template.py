"""The upload template: the contract's columns in order, with two real example rows from the seed."""

from __future__ import annotations

import csv
import io

from stancewatch import contract
from stancewatch.config import SEED_CSV

EXAMPLE_ROWS = 2


def template_csv() -> bytes:
    """UTF-8 CSV bytes: header = every contract column, then the first seed rows as examples."""
    with SEED_CSV.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for _, row in zip(range(EXAMPLE_ROWS), csv.DictReader(handle), strict=False)]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(contract.KNOWN), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in contract.KNOWN})
    return out.getvalue().encode("utf-8")
