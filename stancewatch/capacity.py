"""Whether a file can be checked as one batch in the memory this machine has free.

One batch is all or nothing, so ingest checks all its rows together in memory; a file that needs
more than the machine has is refused up front with what to do, instead of the process being
killed half-way (nothing would be written either way, but a message beats a crash).
"""

from __future__ import annotations

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
