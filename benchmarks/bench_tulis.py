"""Benchmark (not a test): `zi-xl hitung FILE --tulis` on the reference LKE next to an openpyxl load+save of the same
file, measured in the same run. Prints best-of-N times and their ratios.

    python benchmarks/bench_tulis.py [N]

"hitung --tulis" = read once + score + cross-check (``read_lke`` on a ``Book``) + write through the preserving
writer (temp file, verify, backup, atomic replace). "tulis saja" = the write alone, from a book already read, to
another file (the part that replaces an openpyxl save).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REF = ROOT.parent / "shared" / "reference" / "lke-zi-permenpanrb-90-2021-terisi.xlsx"


def best(fn, n: int) -> float:
    """The fastest of ``n`` runs of ``fn`` (seconds)."""
    return min(timeit.repeat(fn, number=1, repeat=n))


def main(n: int = 7) -> None:
    import warnings
    from datetime import datetime

    import openpyxl

    from zi_xl.lke.reader import read_lke
    from zi_xl.lke.sheets import edits_hasil
    from zi_xl.xlsx.book import Book

    waktu = datetime(2022, 6, 30, 9, 0)

    with tempfile.TemporaryDirectory() as d:
        work = Path(d) / "lke.xlsx"
        shutil.copyfile(REF, work)
        work.chmod(0o644)
        hasil = read_lke(work)

        def openpyxl_roundtrip():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                wb = openpyxl.load_workbook(work)
            wb.save(Path(d) / "openpyxl.xlsx")

        def hitung_tulis():
            book = Book.open(work)
            book.apply(edits_hasil(read_lke(book), waktu, book.grids))

        opened = Book.open(work)

        def tulis_saja():
            opened.apply(edits_hasil(hasil, waktu, opened.grids), output=Path(d) / "salinan.xlsx")

        def hitung_saja():
            read_lke(work)

        t_opx = best(openpyxl_roundtrip, n)
        t_all = best(hitung_tulis, n)
        t_w = best(tulis_saja, n)
        t_h = best(hitung_saja, n)
    print(f"berkas: {REF.name} ({REF.stat().st_size / 1024:.0f} KB), terbaik dari {n}")
    print(f"openpyxl load+save          : {t_opx * 1000:8.1f} ms")
    print(f"hitung --tulis (semua)      : {t_all * 1000:8.1f} ms   rasio {t_all / t_opx:.2f}x")
    print(f"  read_lke saja             : {t_h * 1000:8.1f} ms   rasio {t_h / t_opx:.2f}x")
    print(f"  tulis saja (patch+aman)   : {t_w * 1000:8.1f} ms   rasio {t_w / t_opx:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
