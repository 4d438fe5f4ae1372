"""The openpyxl-free parts of the reader (:mod:`zi_xl.xlsx.spreadsheetml`) against openpyxl's own implementation
(the oracle; openpyxl is a dependency anyway): shared-formula shifts on every formula of the real files and on
hand-made hard cases, serial dates in both date systems, date formats, string escapes — and that ``hitung`` no longer
imports openpyxl or numpy at all."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import pytest
from openpyxl.formula.translate import Translator, TranslatorError
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_datetime
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel
from openpyxl.utils.escape import unescape

from tests.support import CORPUS, REF_LKE, ROOT, WORKBOOKS
from zi_xl.xlsx import spreadsheetml as sml

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
FILES = [REF_LKE, *sorted(CORPUS.glob("*.xls*")), *sorted(WORKBOOKS.glob("*.xls*")),
         *sorted((ROOT / "tests" / "corpus").glob("*.xls*"))]
HARD = ["SUM(A1:B$2)*$C3+'Data 1'!D4", 'IF(A1="B2 dan C3",LOG10(B2),ATAN2(A1,B1))', "SUM(A:A)+SUM($B:C)+SUM(1:1)",
        "SUM($2:3)", "Sheet2!A1+'It''s'!B2+[1]Data!C3", "Tabel1[[#This Row],[Nilai]]*B2", "A1%+-B2^2&\"x\"",
        "TanggalAcuan-A1", "COUNTIF($K$8:$K$200,\"Ya\")/COUNTA(K8:K200)", "#REF!+A1", "1E5+E5",
        "SUMPRODUCT((H4:H20<>\"\")*(I4:I20>0))", "AB12:AC13 AD14", "'LKE ZI'!L175*H175"]


def _formulas() -> tuple[list[tuple[str, str, str]], set[str]]:
    """Every shared formula child (master, origin, cell) and every formula text in the real files."""
    children, texts = [], set()
    for f in FILES:
        with zipfile.ZipFile(f) as z:
            for name in z.namelist():
                if not re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
                    continue
                shared = {}
                for _, el in ET.iterparse(z.open(name)):
                    if el.tag == NS + "c" and (fe := el.find(NS + "f")) is not None:
                        texts.add(fe.text or "")
                        if fe.get("t") == "shared":
                            if fe.text:
                                shared[fe.get("si")] = (fe.text, el.get("r"))
                            elif fe.get("si") in shared:
                                children.append((*shared[fe.get("si")], el.get("r")))
                        el.clear()
    return children, texts - {""}


def _openpyxl(formula: str, dr: int, dc: int) -> str | None:
    try:
        return Translator("=" + formula, origin="C3").translate_formula(row_delta=dr, col_delta=dc)[1:]
    except TranslatorError:
        return None                                  # off the sheet: openpyxl refuses, Excel writes #REF!


def test_shared_formulas_of_real_files_read_as_openpyxl_reads_them():
    children, _ = _formulas()
    assert len(children) >= 50
    for master, origin, cell in children:
        assert sml.shift_to(master, origin, cell) == Translator("=" + master, origin=origin).translate_formula(
            cell)[1:], (master, origin, cell)


@pytest.mark.parametrize(("dr", "dc"), [(1, 0), (0, 1), (5, 3), (-1, 0), (0, -1), (100, 27), (-2, -2)])
def test_every_formula_shifts_as_openpyxl_shifts_it(dr, dc):
    _, texts = _formulas()
    assert len(texts) >= 1000
    for f in sorted(texts) + HARD:
        want = _openpyxl(f, dr, dc)
        got = sml.shift_formula(f, dr, dc)
        if want is None:
            assert "#REF!" in got, f
        elif "#REF!" not in f:                       # openpyxl drops a formula that already holds #REF! (a bug)
            assert got == want, (f, dr, dc)


def test_hard_cases_by_hand():
    assert sml.shift_formula(HARD[0], 2, 1) == "SUM(B3:C$2)*$C5+'Data 1'!E6"
    assert sml.shift_formula(HARD[1], 1, 1) == 'IF(B2="B2 dan C3",LOG10(C3),ATAN2(B2,C2))'
    assert sml.shift_formula(HARD[2], 1, 1) == "SUM(B:B)+SUM($B:D)+SUM(2:2)"
    assert sml.shift_formula("A1+B2", -1, 0) == "#REF!+B1"
    # off the sheet's far edges as Excel does it (openpyxl would write XFE1 and A1048577)
    assert sml.shift_formula("XFD1+A1048576", 1, 1) == "#REF!+#REF!"
    assert sml.shift_to("$C$4&\"-M\"&A20", "B20", "B21") == '$C$4&"-M"&A21'


def test_serial_dates_in_both_date_systems():
    random.seed(7)
    values = [0, 0.5, 0.9999999, 1, 1.5, 59, 59.5, 60, 60.5, 61, 44742.5, 2958465.999, -0.5, -3.25]
    values += [random.uniform(-10, 80000) for _ in range(5000)]
    for ours, theirs in ((sml.EPOCH_1900, CALENDAR_WINDOWS_1900), (sml.EPOCH_1904, CALENDAR_MAC_1904)):
        assert ours == theirs
        for v in values:
            assert _or_error(sml.from_serial, v, ours) == _or_error(from_excel, v, theirs), v


def _or_error(f, *a):
    try:
        return f(*a)
    except (OverflowError, ValueError) as exc:       # a serial no calendar holds: both refuse it the same way
        return type(exc)


def test_date_formats():
    codes = [*BUILTIN_FORMATS.values(), "d mmmm yyyy", "[$-421]d mmmm yyyy hh:mm", "[$-421]d mmm yyyy", '0.00" m"',
             '"Tahun "0', "[Red]0.00", "[h]:mm:ss", "[mm]:ss", "[ss]", "mm:ss", "yyyy", "0%", "#,##0.00;[Red]-#,##0.00",
             "dd/mm/yyyy", "@", "General", "\\d0", "_(* #,##0_)", '#,##0 "hari"', "hh:mm AM/PM", "m/d", "dddd"]
    for c in codes:
        assert sml.is_date_format(c) == is_date_format(c), c
        if is_date_format(c) and c != "mmmm":       # openpyxl calls a month-name format a time; it is not
            assert sml.is_time_format(c) == (is_datetime(c) == "time"), c
    assert not sml.is_time_format("mmmm") and sml.is_time_format("[h]:mm:ss")
    assert {k: v for k, v in BUILTIN_FORMATS.items() if is_date_format(v)} == sml.BUILTIN_DATE


def test_escapes():
    for s in ["a_x000D_b", "_x0041__x0042_", "_xZZZZ_", "plain", "_x00e9_t_x00E9_", "x_x000a"]:
        assert sml.unescape(s) == unescape(s), s


def test_hitung_imports_neither_openpyxl_nor_numpy():
    code = ("import sys, zi_xl.cli as c; c.main(['hitung', sys.argv[1], '--json']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('openpyxl', 'numpy', 'pandas')))")
    r = subprocess.run([sys.executable, "-c", code, str(REF_LKE)], capture_output=True, text=True, cwd=str(ROOT))
    assert r.returncode == 0, r.stderr
    assert r.stdout.rstrip().splitlines()[-1] == "[]"
