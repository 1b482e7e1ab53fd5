import sys

from plantrack import failures
from plantrack.cli import main

try:
    sys.exit(main())
except Exception as error:
    # A locked, read-only or full database is a sentence on the terminal, with a one-line detail.
    lang = "en" if any(a in ("--lang=en", "en") for a in sys.argv[1:3]) else "vi"
    print(failures.for_terminal(error, lang), file=sys.stderr)
    sys.exit(failures.EXIT_FAILED)
