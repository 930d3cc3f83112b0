"""Command line: ``python -m etl {plan,run,check,status,schedule}``. See etl/cli.py."""

import sys

from etl.cli import main

sys.exit(main())
