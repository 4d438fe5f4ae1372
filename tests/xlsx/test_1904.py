"""Workbooks on the 1904 date system (Excel for Mac's old default, still found in offices): dates are read and
written in the workbook's own system — reader, writer and the verification of a write — so ``hitung --tulis``
succeeds and every date means what it says. Expected serials are worked by hand: the 1904 system counts from
1 January 1904 = 0, i.e. 1462 days fewer than the 1900 system (where 30 June 2022 = 44742)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.support import REF_LKE, ROOT, run_cli
from zi_xl.xlsx.book import Book
from zi_xl.xlsx.edits import AppendRows, SetCell
from zi_xl.xlsx.patch import read_cells
from zi_xl.xlsx.read import read_workbook
from zi_xl.xlsx.sheetxml import serial

D1904 = ROOT / "tests" / "corpus" / "date_1904_02.xlsx"
WAKTU = dt.datetime(2022, 6, 30, 9, 15)


def _lke_1904(path: Path) -> Path:
    """The official LKE with its workbook switched to the 1904 date system (as Excel's option does)."""
    with zipfile.ZipFile(REF_LKE) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/workbook.xml":
                data = re.sub(rb"<workbookPr\b", b'<workbookPr date1904="1"', data, count=1)
                assert b'date1904="1"' in data
            dst.writestr(info, data)
    return path


def test_serials_by_hand():
    assert serial(dt.date(2022, 6, 30)) == 44742
    assert serial(dt.date(2022, 6, 30), date1904=True) == 44742 - 1462
    assert serial(dt.datetime(1904, 1, 1), date1904=True) == 0
    assert serial(dt.datetime(2022, 6, 30, 12), date1904=True) == pytest.approx(43280.5)


def test_reader_reads_excels_1904_dates():
    g = read_workbook(D1904)["Sheet1"]
    assert [g.value(r, 1) for r in range(1, 7)] == [
        dt.datetime(1904, 1, 1), dt.datetime(1906, 9, 27), dt.datetime(1917, 9, 9), dt.datetime(1931, 5, 19),
        dt.datetime(2177, 10, 15), dt.datetime(4641, 11, 27)]


def test_setcell_and_appendrows_dates_in_a_1904_book(tmp_path):
    p = tmp_path / "d.xlsx"
    shutil.copyfile(D1904, p)
    res = Book.open(p).apply([SetCell("Sheet1", "B1", dt.date(2022, 6, 30)), SetCell("Sheet1", "B2", WAKTU),
                              AppendRows("Log", rows=[[WAKTU, "ok"]], header=["Waktu", "Catatan"])])
    assert res.patch.date1904
    got = read_cells(p, "Sheet1", ["B1", "B2"])
    assert got == {"B1": (dt.datetime(2022, 6, 30), None), "B2": (WAKTU, None)}
    with zipfile.ZipFile(p) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert re.search(r'<c r="B1"[^>]*><v>43280</v></c>', xml)
    wb = openpyxl.load_workbook(p)          # an independent reader that knows the 1904 system
    assert wb["Sheet1"]["B1"].value == dt.datetime(2022, 6, 30) and wb["Log"]["A2"].value == WAKTU


def test_hitung_tulis_succeeds_on_a_1904_workbook(tmp_path, monkeypatch):
    import zi_xl.cli.hitung as cmd

    p = _lke_1904(tmp_path / "lke-1904.xlsx")
    monkeypatch.setattr(cmd, "sekarang", lambda: WAKTU)
    for _ in (1, 2):
        r = run_cli("hitung", p, "--tulis")
        assert r.returncode == 0, r.stderr
        assert "verifikasi gagal" not in r.stderr and "Traceback" not in r.stderr
    g = read_workbook(p, sheets=["Riwayat"])["Riwayat"]
    assert [g.value(r, 1) for r in (2, 3)] == [WAKTU, WAKTU]
    wb = openpyxl.load_workbook(p, data_only=True)
    assert wb["Riwayat"]["A2"].value == WAKTU and wb["Riwayat"]["A3"].value == WAKTU
