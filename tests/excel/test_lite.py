"""xlwings Lite scripts (zi_xl.lite): the same results as the desktop buttons, on an Office.js book."""

from __future__ import annotations

import asyncio

import zi_xl.excel as ze
from tests.support import REF_LKE
from tests.support.ra_helpers import WORKBOOKS
from tests.support.xlwings_payload import actions, remote_book, written_cells


def run_script(fn, book):
    """Call a script as the Lite runtime does (current user first, then the book) when xw.script registered it;
    xlwings without a license key leaves the function as it is."""
    if hasattr(fn, "__xlscript__"):
        return asyncio.run(fn(None, book))
    fn(book)
    return book


def test_scripts_are_registered_with_a_book_parameter():
    import inspect

    import xlwings as xw

    from zi_xl import lite

    for fn, name in ((lite.hitung_nilai, "Hitung Nilai"), (lite.perbarui_status, "Perbarui Status")):
        target = inspect.unwrap(fn)
        assert list(inspect.signature(target).parameters) == ["book"]
        assert inspect.get_annotations(target, eval_str=True)["book"] is xw.Book
        if hasattr(fn, "__xlscript__"):
            assert fn.__xlscript__["name"] == name


def test_lite_hitung_nilai_equals_desktop_entry_point():
    from zi_xl import lite

    a = remote_book(REF_LKE, client="Office.js")
    assert run_script(lite.hitung_nilai, a) is a
    b = remote_book(REF_LKE, client="Office.js")
    ze.hitung_nilai(b)

    def strip_time(acts):  # the two runs differ only by the time stamp of the run
        return [x for x in acts if not (x["func"] == "setValues" and any(
            isinstance(v, str) and v[:2] == "20" and ":" in v for row in (x["values"] or []) for v in row))]

    assert strip_time(actions(a)) == strip_time(actions(b))
    assert len(actions(a, "addChart")) == 2            # Office.js draws the native charts (areas, Riwayat's trend)
    assert "WBK" in actions(a, "alert")[0]["args"][0]


def test_lite_perbarui_status():
    from zi_xl import lite

    book = remote_book(WORKBOOKS / "rencana-aksi-contoh.xlsx", client="Office.js")
    run_script(lite.perbarui_status, book)
    (alert,) = actions(book, "alert")
    assert alert["args"][0].startswith("Rencana aksi per ") and alert["args"][3] == "info"
    from zi_xl.rencana_aksi.sheets import SHEET_RINGKASAN

    assert any(s == SHEET_RINGKASAN for s, _ in written_cells(book))
