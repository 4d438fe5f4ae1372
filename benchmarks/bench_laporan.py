"""Benchmark (not a test): where the time of `zi-xl laporan` goes on the seed's example folder — reading the three
workbooks, building the document (charts included), writing the .docx, and (with --pdf) LibreOffice — each phase
timed in one fresh interpreter, so that the import of python-docx and matplotlib is counted where it happens.

    python benchmarks/bench_laporan.py [--pdf]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_ANAK = """
import json, sys, time
sys.path.insert(0, {root!r})
t0 = time.perf_counter()
from zi_xl.laporan.gather import kumpulkan
from zi_xl.laporan.semester import Semester
t1 = time.perf_counter()
lap = kumpulkan(Semester(1, 2022), folder={folder!r})
t2 = time.perf_counter()
from zi_xl.laporan.susun import susun
dok = susun(lap)
t3 = time.perf_counter()
from zi_xl.laporan.word import tulis_docx
tulis_docx(dok, {out!r})
t4 = time.perf_counter()
pdf = None
if {pdf!r}:
    from zi_xl.laporan.buat import cetak_pdf
    cetak_pdf(dok, {out!r})
    pdf = time.perf_counter() - t4
print(json.dumps({{"impor": t1 - t0, "baca workbook": t2 - t1, "susun + grafik": t3 - t2, "tulis .docx": t4 - t3,
                  "PDF (LibreOffice)": pdf}}))
"""


def main() -> None:
    pdf = "--pdf" in sys.argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "contoh"
        subprocess.run([sys.executable, "-m", "zi_xl", "contoh", str(folder)], check=True, capture_output=True,
                       cwd=ROOT)
        code = _ANAK.format(root=str(ROOT), folder=str(folder), out=str(Path(tmp) / "LAPORAN.docx"), pdf=pdf)
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        times = json.loads(r.stdout)
    for k, v in times.items():
        if v is not None:
            print(f"{k:<20}{v:8.2f} s")
    print(f"{'jumlah':<20}{sum(v for v in times.values() if v):8.2f} s")


if __name__ == "__main__":
    main()
