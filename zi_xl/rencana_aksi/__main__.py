"""``python -m zi_xl.rencana_aksi [FOLDER]``: regenerate the shipped workbooks (default: workbooks/)."""

import sys

from .seed import tulis_workbooks_bawaan

for p in tulis_workbooks_bawaan(sys.argv[1] if len(sys.argv) > 1 else "workbooks"):
    print(p)
