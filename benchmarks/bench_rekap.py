"""Benchmark (not a test): the speed items of the issue "For evaluators: rekap …", measured in one run on this
machine, printed as the ratios the issue names.

    python benchmarks/bench_rekap.py [--berkas 1000] [--ulang 5]

1. ``zi-xl hitung FILE --json`` as a whole process vs ``python -c "import openpyxl"``        (target ≤ 0.5×)
2. in-process scoring of the official LKE (``read_lke``) vs a python-calamine read of it     (target ≤ 4×)
3. ``zi-xl rekap`` of N LKE files (a process) vs a python-calamine loop over them (a process) (target ≤ 3×)
4. peak memory of ``zi-xl rekap`` for N/10 and N files                                       (target: flat)
5. in-process ``hitung -o`` vs an openpyxl load+save of the same file                        (target ≤ 0.15×)
6. ``simulasi`` on the official LKE                                                           (target < 1 s)

python-calamine is the yardstick only (``pip install python-calamine``); zi-xl does not use it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import timeit
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REF = ROOT.parent / "shared" / "reference" / "lke-zi-permenpanrb-90-2021-terisi.xlsx"
PY = sys.executable


def best(fn, n: int) -> float:
    """The fastest of ``n`` runs of ``fn`` (seconds)."""
    return min(timeit.repeat(fn, number=1, repeat=n))


#: processes run as on an installed copy: with bytecode (pip compiles it on install; openpyxl's is in site-packages),
#: even where the environment says PYTHONDONTWRITEBYTECODE — the bytecode goes to a cache folder of this run
_PYC = tempfile.mkdtemp(prefix="zi-xl-pyc-")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"PYTHONPYCACHEPREFIX": _PYC}


def proc(*args: str, env: dict | None = None) -> None:
    r = subprocess.run([PY, *args], capture_output=True, text=True, env=ENV | (env or {}))
    if r.returncode != 0:
        raise SystemExit(f"gagal: {' '.join(args)}\n{r.stderr}")


def peak_rss_kb(*args: str) -> int:
    """Peak resident memory (KB) of a process and every process it started (the rekap's workers)."""
    code = ("import resource, subprocess, sys\n"
            f"subprocess.run({[PY, *args]!r}, stdout=subprocess.DEVNULL, check=True)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    r = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True, env=ENV)
    return int(r.stdout.strip())


def corpus(folder: Path, n: int) -> list[Path]:
    """N LKE files: 50 generated 2026 "Jawaban" workbooks (unit + TPI answers) copied round-robin."""
    from tests.support.jawaban import RULES, tulis_jawaban
    from tests.support.lke_answers import varied_answers

    base = folder / "_asli"
    base.mkdir(parents=True)
    distinct = []
    for i in range(min(50, n)):
        p = base / f"asli-{i:02d}.xlsx"
        tulis_jawaban(p, varied_answers(RULES, i), varied_answers(RULES, i + 500))
        distinct.append(p)
    out = []
    for i in range(n):
        sub = folder / "lke" / f"kab-{i % 10}"
        sub.mkdir(parents=True, exist_ok=True)
        dst = sub / f"unit-{i:04d}.xlsx"
        shutil.copyfile(distinct[i % len(distinct)], dst)
        out.append(dst)
    shutil.rmtree(base)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--berkas", type=int, default=1000, help="number of LKE files for the rekap (default 1000)")
    ap.add_argument("--ulang", type=int, default=5, help="repetitions; the best time counts (default 5)")
    a = ap.parse_args()
    try:
        import python_calamine
    except ImportError:
        raise SystemExit("python-calamine dibutuhkan sebagai pembanding: pip install python-calamine") from None
    import openpyxl

    from zi_xl.cli import main as zi_main
    from zi_xl.lke.reader import read_lke
    from zi_xl.lke.simulasi import simulasi
    from zi_xl.xlsx.book import Book
    from zi_xl.xlsx.edits import SetCell

    n = a.ulang
    print(f"mesin: {os.cpu_count()} CPU, Python {sys.version.split()[0]}; terbaik dari {n}\n")

    # 1. hitung --json as a process vs importing openpyxl
    t_opx_import = best(lambda: proc("-c", "import openpyxl"), n)
    t_hitung_proc = best(lambda: proc("-m", "zi_xl", "hitung", str(REF), "--json"), n)
    print(f"1. python -c 'import openpyxl'        : {t_opx_import * 1000:8.1f} ms")
    print(f"   zi-xl hitung LKE --json (proses)   : {t_hitung_proc * 1000:8.1f} ms   rasio "
          f"{t_hitung_proc / t_opx_import:.2f}x  (target ≤ 0,5x)")

    # 2. in-process scoring vs a calamine read of the same file
    def calamine_read(p=REF):
        wb = python_calamine.CalamineWorkbook.from_path(str(p))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python()

    t_cal = best(calamine_read, n * 2)
    t_score = best(lambda: read_lke(REF), n)
    print(f"2. python-calamine baca LKE resmi     : {t_cal * 1000:8.1f} ms")
    print(f"   read_lke (skor, dalam proses)      : {t_score * 1000:8.1f} ms   rasio {t_score / t_cal:.1f}x  "
          "(target ≤ 4x)")

    with tempfile.TemporaryDirectory(prefix="zi-xl-bench-") as d:
        d = Path(d)
        # 3. rekap of N files vs a calamine loop over them (both whole processes)
        files = corpus(d / "n", a.berkas)
        folder = d / "n" / "lke"
        loop = ("import python_calamine, pathlib, sys\n"
                "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.xlsx')):\n"
                "    wb = python_calamine.CalamineWorkbook.from_path(str(p))\n"
                "    [wb.get_sheet_by_name(s).to_python() for s in wb.sheet_names]\n")
        reps = max(1, n // 3)
        t_loop = best(lambda: proc("-c", loop, str(folder)), reps)
        t_rekap = best(lambda: proc("-m", "zi_xl", "rekap", str(folder), "--json", "--per", "2026-05-31"), reps)
        print(f"3. python-calamine, {len(files)} berkas       : {t_loop:8.2f} s")
        print(f"   zi-xl rekap, {len(files)} berkas           : {t_rekap:8.2f} s   rasio {t_rekap / t_loop:.1f}x  "
              f"(target ≤ 3x; {t_rekap / len(files) * 1000:.0f} ms per berkas)")
        # 4. peak memory, N/10 and N files
        small = d / "kecil"
        small.mkdir()
        for p in files[: max(1, len(files) // 10)]:
            shutil.copyfile(p, small / p.name)
        rss_small = peak_rss_kb("-m", "zi_xl", "rekap", str(small), "--json", "--per", "2026-05-31")
        rss_all = peak_rss_kb("-m", "zi_xl", "rekap", str(folder), "--json", "--per", "2026-05-31")
        print(f"4. memori puncak rekap {len(files) // 10:>5} berkas   : {rss_small / 1024:8.1f} MB")
        print(f"   memori puncak rekap {len(files):>5} berkas   : {rss_all / 1024:8.1f} MB   rasio "
              f"{rss_all / rss_small:.2f}x  (target: datar)")

        # 5. hitung -o in process vs openpyxl load+save
        work = d / "lke.xlsx"
        shutil.copyfile(REF, work)
        work.chmod(0o644)

        def openpyxl_roundtrip():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                wb = openpyxl.load_workbook(work)
            wb.save(d / "openpyxl.xlsx")

        def hitung_o():
            out = d / "hasil.xlsx"
            if out.exists():
                out.unlink()
            with open(os.devnull, "w") as null:
                old = sys.stdout
                sys.stdout = null
                try:
                    assert zi_main(["hitung", str(work), "-o", str(out)]) == 0
                finally:
                    sys.stdout = old

        t_opx = best(openpyxl_roundtrip, n)
        t_o = best(hitung_o, n)
        print(f"5. openpyxl load+save                 : {t_opx * 1000:8.1f} ms")
        print(f"   hitung -o (dalam proses)           : {t_o * 1000:8.1f} ms   rasio {t_o / t_opx:.2f}x  "
              "(target ≤ 0,15x)")

        # 6. simulasi on the official LKE: as it is (WBK; WBBM needs an earlier WBK), and with 30 answers lowered
        h = read_lke(REF)
        t_s0 = best(lambda: simulasi(h, target="WBBM"), n)
        lowered = d / "turun.xlsx"
        book = Book.open(REF)
        rows = [r for i, r in sorted(h.baris.items()) if h.rules.node(i).jenis in ("abc", "abcd", "abcde")][:30]
        book.apply([SetCell(h.sheet, f"K{r}", "C") for r in rows], output=lowered)
        book.close()
        h2 = read_lke(lowered, sudah_wbk=True)
        t_s1 = best(lambda: simulasi(h2, target="WBBM"), n)
        s1 = simulasi(h2, target="WBBM")
        t_all = best(lambda: simulasi(read_lke(lowered, sudah_wbk=True), target="WBBM"), n)
        s0 = simulasi(h, target="WBBM")
        print(f"6. simulasi LKE resmi (WBBM)          : {t_s0 * 1000:8.1f} ms   ({s0.ringkas()[:70]}…)")
        print(f"   simulasi, 30 jawaban diturunkan     : {t_s1 * 1000:8.1f} ms   ({len(s1.langkah)} langkah; "
              f"nilai {h2.nilai('total'):.2f} → {s1.nilai_setelah['total']:.2f})")
        print(f"   baca + skor + simulasi             : {t_all * 1000:8.1f} ms   (target < 1 s)")
        print("\n" + json.dumps({"hitung_vs_import_openpyxl": t_hitung_proc / t_opx_import,
                                 "skor_vs_calamine": t_score / t_cal, "rekap_vs_calamine": t_rekap / t_loop,
                                 "memori_rekap_n_vs_n10": rss_all / rss_small, "hitung_o_vs_openpyxl": t_o / t_opx,
                                 "simulasi_detik": t_all}, indent=1))


if __name__ == "__main__":
    main()
