"""Benchmark (not a test): `zi-xl status RA.xlsx --tulis` on a rencana aksi of 5,000 and of 50,000 action rows —
time and peak memory of the whole command, each run in its own process, and their ratios (10× the rows should cost
about 10× the time and memory: work bounded by content, no step that grows faster than the rows).

    python benchmarks/bench_status.py [KECIL BESAR]        # default 5000 50000

A test (tests/xlsx/test_streaming.py) runs the same measurement on smaller books and asserts the ratios with
generous bounds. The workbooks are generated here with XlsxWriter (a plain layout: NO, KOMPONEN, INDIKATOR,
LANGKAH AKSI, BUKTI FISIK, TARGET WAKTU, PENANGGUNG JAWAB, REALISASI, with area heading rows), so "--tulis" adds the
tool's TENGGAT/STATUS columns to every row and the "Ringkasan Rencana Aksi" sheet.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PER = "2022-06-30"
AREA = ["I. MANAJEMEN PERUBAHAN", "II. PENATAAN TATALAKSANA", "III. PENATAAN SISTEM MANAJEMEN SDM",
        "IV. PENGUATAN AKUNTABILITAS", "V. PENGUATAN PENGAWASAN", "VI. PENINGKATAN KUALITAS PELAYANAN PUBLIK"]
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember"]

#: run in a fresh interpreter: the command as a user runs it, then its peak resident memory
_ANAK = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
t = time.perf_counter()
from zi_xl.cli import main
code = main(["status", {path!r}, "--per", {per!r}, "--tulis"])
ru = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({{"kode": code, "detik": time.perf_counter() - t, "cpu": ru.ru_utime + ru.ru_stime,
                  "mb": ru.ru_maxrss / 1024}}))
"""


def tulis_rencana_aksi(path: str | Path, n: int) -> Path:
    """A rencana aksi workbook with ``n`` action rows (in six areas), one in three already done."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Rencana Aksi")
    tanggal = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU",
                        "PENANGGUNG JAWAB", "REALISASI"])
    r, k = 1, 0
    for a, area in enumerate(AREA):
        ws.write(r, 0, area)
        r += 1
        for _ in range(n // len(AREA) + (1 if a < n % len(AREA) else 0)):
            k += 1
            ws.write_row(r, 0, [k, f"Komponen {k % 7}", f"Indikator {k % 13}", f"Langkah aksi nomor {k}",
                                f"Bukti fisik {k}", f"{BULAN[k % 12]} 2022", "Koordinator area"])
            if k % 3 == 0:
                ws.write_datetime(r, 7, datetime(2022, 1 + k % 12, 10), tanggal)
            r += 1
    wb.close()
    return Path(path)


def ukur(n: int, folder: str | Path) -> dict:
    """Wall time and CPU time (s, interpreter start-up and imports included) and peak memory (MB) of
    ``zi-xl status --tulis`` on a new workbook of ``n`` rows."""
    path = tulis_rencana_aksi(Path(folder) / f"ra-{n}.xlsx", n)
    code = _ANAK.format(root=str(ROOT), path=str(path), per=PER)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=1800)
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-2000:])
    hasil = json.loads(r.stdout.strip().splitlines()[-1])
    if hasil["kode"] != 0:
        raise RuntimeError(f"status --tulis gagal (kode {hasil['kode']})")
    return hasil | {"baris": n}


def bandingkan(kecil: int, besar: int) -> tuple[dict, dict, float, float]:
    """(small run, big run, CPU time ratio, peak memory ratio). CPU time, not wall time: other work on the machine
    does not blur it."""
    with tempfile.TemporaryDirectory(prefix="zi-xl-bench-") as d:
        a = ukur(kecil, d)
        b = ukur(besar, d)
    return a, b, b["cpu"] / a["cpu"], b["mb"] / a["mb"]


def main(kecil: int = 5000, besar: int = 50000) -> None:
    a, b, rt, rm = bandingkan(kecil, besar)
    for h in (a, b):
        print(f"status --tulis {h['baris']:>7,} baris: {h['detik']:7.2f} s ({h['cpu']:6.2f} s CPU)  "
              f"puncak memori {h['mb']:7.1f} MB".replace(",", "."))
    print(f"rasio ({besar // kecil}× baris): waktu CPU {rt:.2f}×, waktu {b['detik'] / a['detik']:.2f}×, "
          f"memori {rm:.2f}×")


if __name__ == "__main__":
    main(*(int(x) for x in sys.argv[1:3]))
