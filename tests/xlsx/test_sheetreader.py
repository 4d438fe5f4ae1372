"""The one-pass sheet reader gives exactly what openpyxl gives (formulas from a normal load, cached values from a
data-only load) on every workbook made by real Excel, the official LKE and our own generated workbooks."""

import glob
import warnings
from pathlib import Path

import openpyxl
import pytest

from tests.support import CORPUS, REF_LKE, ROOT
from zi_xl.xlsx.read import read_workbook

FILES = sorted(glob.glob(str(CORPUS / "*.xls*"))) + [str(REF_LKE)] + sorted(glob.glob(str(ROOT / "workbooks/*.xlsx")))


def openpyxl_view(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wf = openpyxl.load_workbook(path, read_only=True)
        wv = openpyxl.load_workbook(path, read_only=True, data_only=True)
    out = {}
    for ws in wf.worksheets:
        if not hasattr(ws, "_worksheet_path"):
            continue
        ws.reset_dimensions()
        vals, forms = {}, {}
        for row in ws.iter_rows():
            for c in row:
                v = getattr(c, "value", None)
                if v is None or v == "":
                    continue
                if c.data_type == "f":
                    forms[(c.row, c.column)] = v if isinstance(v, str) else v.text
                else:
                    vals[(c.row, c.column)] = v
        wsv = wv[ws.title]
        wsv.reset_dimensions()
        for row in wsv.iter_rows():
            for c in row:
                v = getattr(c, "value", None)
                if v not in (None, "") and (c.row, c.column) in forms:
                    vals[(c.row, c.column)] = v
        out[ws.title] = (vals, forms)
    wf.close()
    wv.close()
    return out


def test_corpus_is_there():
    assert len(FILES) >= 55 + 1 + 3


@pytest.mark.parametrize("path", FILES, ids=[Path(f).name for f in FILES])
def test_same_as_openpyxl(path):
    ours = read_workbook(path)
    theirs = openpyxl_view(path)
    assert set(ours) == set(theirs)
    for name, (vals, forms) in theirs.items():
        assert ours[name].formulas == forms, name
        assert ours[name].values == vals, name


def test_excel_escapes_are_decoded(tmp_path):
    """Excel stores "_x000D_" for a carriage return and "_x005F_x0041_" for the literal text "_x0041_"."""
    from zi_xl.xlsx.edits import SetCell
    from zi_xl.xlsx.patch import apply_edits

    src = tmp_path / "a.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    wb.save(src)
    out = tmp_path / "b.xlsx"
    apply_edits(src, [SetCell("Sheet", "B1", "kode _x0041_ tetap"), SetCell("Sheet", "B2", "baris1\rbaris2")], out)
    g = read_workbook(out)["Sheet"]
    assert g.value(1, 2) == "kode _x0041_ tetap"
    assert g.value(2, 2) == "baris1\rbaris2"
