"""Whether a file fits in one batch: in the memory this machine has free, and in DuckDB's.

One batch is all or nothing, so ingest checks all its rows together in memory, and DuckDB builds
the batch's part of the unique fingerprint index in its own memory (STANCEWATCH_MEMORY_LIMIT) at
commit. A file that needs more than either is refused up front with what to do, instead of the
process being killed half-way, or DuckDB failing the commit and closing the database (nothing
would be written either way, but a message beats a crash).
"""

from __future__ import annotations

import re
from pathlib import Path

# Measured peak memory of one ingest (bench/run.py, 1M rows): about 0.6 GB plus 6.4 bytes per byte
# of the file, all rows being checked as one batch; the guard allows a 25% margin over that.
MEMORY_PER_FILE_BYTE = 8


def available_memory() -> int | None:
    """Bytes of memory available now (Linux /proc/meminfo), or None where unknown."""
    try:
        with Path("/proc/meminfo").open(encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def too_large(size: int, available: int | None) -> str | None:
    """Why a file of `size` bytes cannot be checked as one batch here, or None when it can."""
    need = size * MEMORY_PER_FILE_BYTE
    if available is None or need <= available:
        return None
    parts = -(-need // max(available, 1))
    return (
        f"The file is {size / 1e9:.1f} GB; checking it as one batch needs about {need / 1e9:.0f} GB "
        f"of memory and {available / 1e9:.0f} GB are free. Split it into at least {parts} files "
        "(each with the header row; each becomes its own batch and can be undone on its own), or "
        "run the import on a machine with more memory."
    )


# Measured with DuckDB's limit at 1 GB (953.6 MiB) and the 16-byte key of migration 4: a batch of
# 5M new statements commits (with the old 64-character key, 4M failed and closed the database).
# Beyond what was measured nothing is promised: at most 5M rows per GB.
DUCKDB_BYTES_PER_ROW = 200
_UNITS = {"bytes": 1, "KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40,
          "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12}  # fmt: skip


def parse_size(text: str) -> int | None:
    """'953.6 MiB' (as DuckDB prints its memory limit) -> bytes; None if unreadable."""
    match = re.fullmatch(r"\s*([0-9.]+)\s*([A-Za-z]+)\s*", text or "")
    if not match or match[2] not in _UNITS:
        return None
    return int(float(match[1]) * _UNITS[match[2]])


def too_many_rows(rows: int, duckdb_limit: int | None) -> str | None:
    """Why `rows` statements cannot be committed as one batch under DuckDB's memory limit."""
    if duckdb_limit is None:
        return None
    most = max(1, duckdb_limit // DUCKDB_BYTES_PER_ROW)
    if rows <= most:
        return None
    parts = -(-rows // most)
    return (
        f"The file has {rows:,} rows; with the database's memory limit of "
        f"{duckdb_limit / 2**30:.1f} GiB one batch can commit at most about {most:,}. Split it "
        f"into at least {parts} files (each with the header row; each becomes its own batch), or "
        "raise the limit (STANCEWATCH_MEMORY_LIMIT, e.g. 4GB) for this import."
    )
