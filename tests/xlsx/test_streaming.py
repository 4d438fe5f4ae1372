"""Work bounded by the content, not by the declared dimension: a stray far cell costs what one cell costs, and a
rencana aksi of 10× the rows costs about 10× the time and memory (benchmarks/bench_status.py measures 5,000 vs
50,000 rows; here the same measurement on smaller books, asserted only as ratios with generous bounds)."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from tests.support import REF_LKE, ROOT, run_cli
from zi_xl.xlsx.read import read_workbook

STRAY = [(99_999_999, "A"), (1, "ZZZZZ"), (1_048_576, "XFD")]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_status", ROOT / "benchmarks" / "bench_status.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _with_stray_cells(src: Path, dst: Path, sheet_part: str) -> Path:
    """``src`` with text cells far away (past Excel's own limits too) in one sheet, and its dimension saying so."""
    cells = "".join(f'<row r="{r}"><c r="{c}{r}" t="inlineStr"><is><t>x</t></is></c></row>' for r, c in
                    sorted(STRAY))
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
        for i in a.infolist():
            data = a.read(i.filename)
            if i.filename == sheet_part:
                data = data.replace(b"</sheetData>", cells.encode() + b"</sheetData>")
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:ZZZZZ99999999"', data)
            b.writestr(i, data)
    return dst


def test_stray_far_cells_cost_one_cell(tmp_path):
    plain = tmp_path / "biasa.xlsx"
    shutil.copyfile(REF_LKE, plain)
    far = _with_stray_cells(REF_LKE, tmp_path / "jauh.xlsx", "xl/worksheets/sheet3.xml")
    g = read_workbook(far)["LKE ZI"]
    assert (g.max_row, g.max_col) == (99_999_999, 12_356_630)       # ZZZZZ = 26·(26⁵−1)/25
    assert len(g.rows()) == len(read_workbook(plain)["LKE ZI"].rows()) + 2   # rows 1 and 1,048,576 were not used
    times = {}
    for p in (plain, far):
        t = time.perf_counter()
        r = run_cli("hitung", p, "--json")
        times[p.name] = time.perf_counter() - t
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["nilai"]["total"] == pytest.approx(95.7095238095238)
    assert times["jauh.xlsx"] < 3 * times["biasa.xlsx"] + 5


def test_buttons_stay_on_the_sheet_beside_a_stray_far_cell(tmp_path):
    far = _with_stray_cells(REF_LKE, tmp_path / "jauh.xlsx", "xl/worksheets/sheet3.xml")
    out = tmp_path / "jauh.xlsm"
    r = run_cli("pasang-tombol", far, "-o", out)
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(out) as z:
        vml = next(z.read(n).decode() for n in z.namelist() if n.endswith(".vml"))
    cols = [int(a) for a in re.findall(r"<x:Anchor>(\d+),", vml)]
    assert cols and all(c + 2 <= 16384 for c in cols)              # within column XFD


def test_status_on_a_rencana_aksi_with_a_stray_far_cell(tmp_path):
    bench = _bench()
    ra = bench.tulis_rencana_aksi(tmp_path / "ra.xlsx", 300)
    far = _with_stray_cells(ra, tmp_path / "ra-jauh.xlsx", "xl/worksheets/sheet1.xml")
    t = time.perf_counter()
    r = run_cli("status", far, "--per", bench.PER, "--json")
    assert r.returncode == 0, r.stderr
    assert time.perf_counter() - t < 60


@pytest.fixture(scope="module")
def ukuran():
    return _bench().bandingkan(1_500, 15_000)


def test_status_tulis_grows_linearly(ukuran):
    kecil, besar, rasio_waktu, rasio_memori = ukuran
    print(f"\n{kecil}\n{besar}\nrasio waktu {rasio_waktu:.2f}, memori {rasio_memori:.2f}")
    assert rasio_waktu < 30          # 10× the rows: linear is ~10× (less: start-up is shared)
    assert rasio_memori < 12
