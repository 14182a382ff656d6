"""Entry point of `python -m stancewatch`."""

import sys

from stancewatch.cli import main

sys.exit(main())
