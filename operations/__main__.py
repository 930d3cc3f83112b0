"""``python -m operations …`` (see :mod:`operations.cli`)."""

import sys

from operations.cli import main

sys.exit(main())
