"""The one seam (zi_xl.xlsx.book.Book): a workbook is checked and read once, and the same book applies the edits —
to exactly the bytes that were read. A file saved in between (in Excel, by another run) is never overwritten."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from tests.support import CORPUS, REF_LKE, WORKBOOKS, run_cli
from tests.support.paket import compare
from tests.support.patch_helpers import log_rows
from zi_xl.errors import BerkasTidakValid, GagalMenulis
from zi_xl.lke.reader import read_lke
from zi_xl.xlsx.book import Book
from zi_xl.xlsx.edits import SetCell
from zi_xl.xlsx.patch import worksheet_parts
from zi_xl.xlsx.read import read_workbook, sidik


@pytest.fixture
def lke(tmp_path) -> Path:
    p = tmp_path / "lke.xlsx"
    shutil.copyfile(REF_LKE, p)
    return p


def _leftovers(folder: Path) -> list[str]:
    return sorted(n for n in (p.name for p in folder.iterdir()) if n.startswith(".~zi-xl-") or n.endswith(".bak"))


def test_open_reads_once_and_keeps_the_bytes(lke):
    book = Book.open(lke)
    assert book.berkas == str(lke) and book.snapshot.sidik == sidik(lke.read_bytes())
    assert {n: g.values for n, g in book.grids.items()} == {n: g.values for n, g in read_workbook(lke).items()}
    lke.write_bytes(b"bukan lagi workbook")       # what is on disk now no longer matters to what was read
    assert read_lke(book).nilai("total") == pytest.approx(95.7095238095238)


def test_apply_patches_the_bytes_that_were_read(lke, tmp_path):
    book = Book.open(lke)
    out = tmp_path / "salinan.xlsx"
    res = book.apply([SetCell("LKE ZI", "AB1", "cek")], output=out)
    assert res.berkas == str(out) and res.cadangan is None
    diff = compare(lke, out)
    assert diff.removed == {"xl/calcChain.xml"} and diff.added == set()    # the chain is stale once a cell changes
    assert diff.outside({worksheet_parts(lke)["LKE ZI"], "xl/workbook.xml", "[Content_Types].xml",
                         "xl/_rels/workbook.xml.rels", "xl/styles.xml"}, removed_ok={"xl/calcChain.xml"}) == []
    assert read_workbook(out)["LKE ZI"].value(1, 28) == "cek"


def test_a_save_between_read_and_write_is_never_overwritten(lke):
    book = Book.open(lke)
    shutil.copyfile(WORKBOOKS / "templat-lke-2021.xlsx", lke)   # someone saves another version meanwhile
    saved = lke.read_bytes()
    with pytest.raises(GagalMenulis, match="berubah sejak dibaca"):
        book.apply([log_rows(1)])
    assert lke.read_bytes() == saved and _leftovers(lke.parent) == []


def test_a_touched_but_identical_file_is_still_written(lke):
    book = Book.open(lke)
    lke.write_bytes(lke.read_bytes())             # new modification time, same content: nothing to lose
    res = book.apply([log_rows(1)])
    assert Path(res.cadangan).read_bytes() == REF_LKE.read_bytes()


def test_hitung_tulis_refuses_when_the_workbook_was_saved_meanwhile(lke, monkeypatch):
    import zi_xl.cli.hitung as cmd

    def read_then_save(book, **kw):
        hasil = read_lke(book, **kw)
        shutil.copyfile(CORPUS / "simple01.xlsx", lke)            # saved in Excel while we were scoring
        return hasil

    monkeypatch.setattr(cmd, "read_lke", read_then_save)
    monkeypatch.setattr(cmd, "sekarang", lambda: datetime(2022, 6, 30, 9, 0))
    r = run_cli("hitung", lke, "--tulis")
    assert r.returncode == 3, r.stderr
    assert "berubah sejak dibaca" in r.stderr and str(lke) in r.stderr and "Traceback" not in r.stderr
    assert lke.read_bytes() == (CORPUS / "simple01.xlsx").read_bytes() and _leftovers(lke.parent) == []


def test_open_refuses_what_is_not_a_workbook(tmp_path):
    bad = tmp_path / "bukan.xlsx"
    bad.write_text("halo")
    with pytest.raises(BerkasTidakValid, match="bukan berkas Excel"):
        Book.open(bad)
    with pytest.raises(BerkasTidakValid, match="tidak ditemukan"):
        Book.open(tmp_path / "tidak-ada.xlsx")
