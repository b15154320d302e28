"""``python -m data COMMAND``: the command line (``data.cli``)."""
import sys

from data.cli import main

sys.exit(main())
