"""`python -m desktop` does what the `micdrop` command does (handy before installing)."""

import sys

from desktop.cli import main

sys.exit(main())
