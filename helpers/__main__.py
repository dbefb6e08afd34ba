"""``python -m helpers fetch|status``: fill or inspect the course data cache."""

import sys

from helpers.datasets import main

sys.exit(main())
