"""``python -m zi_xl``: the CLI. Guarded, so that worker processes started fresh (Windows' spawn, used by
``zi-xl rekap``'s process pool) import this module without running the CLI again."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
