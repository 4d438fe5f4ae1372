"""Regenerate the shipped files of ``workbooks/`` and ``macros/`` (:mod:`zi_xl.excel.bawaan`).

Run: ``python tools/build_workbooks.py``. The output does not depend on the day it runs; a test checks that the
committed files equal what this produces.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zi_xl.excel.bawaan import tulis_bawaan  # noqa: E402

if __name__ == "__main__":
    for f in tulis_bawaan(ROOT):
        print("ditulis:", f)
