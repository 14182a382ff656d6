"""Entry point of `python -m stancewatch`."""

import signal
import sys

from stancewatch.cli import main

# `python -m stancewatch query ... | head` ends quietly, as Unix tools do.
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
sys.exit(main())
