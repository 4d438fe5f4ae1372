"""Carry-forward over a year of months kept as a unit keeps them: the template, then each month "zi-xl monev perbarui"
and the user filling the new sheet (openpyxl stands in for Excel). Masukan are closed, reopened, never followed up;
May is skipped; a carried row is deleted by the user; July is updated twice. The ledger must equal the expectation
worked out by hand below, and nothing open is ever lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.monev.bantu import d, ids_tl, isi_bulan, run_cli
from zi_xl.monev.ledger import susun, terbuka_pada
from zi_xl.monev.model import Masukan, Rapat, TindakLanjut
from zi_xl.monev.reader import read_monev

PIMPINAN = {"pimpinan": "Drs. Ahmad Fauzi, M.Si", "nip": "197001011995031001", "jabatan": "Kepala Bagian Umum"}


def _m(uraian: str) -> dict:
    return {"uraian": uraian, "masukan": f"Masukan {uraian}", "pic": "Subbag Umum"}


def _rapat(tgl: str) -> dict:
    return {"tanggal": d(tgl)} | PIMPINAN


#: month → (what perbarui must carry, in ledger order — worked out by hand; what the user then fills in)
TAHUN = [
    ("2023-01", None, {"rapat": _rapat("2023-01-20"), "baru": [_m("J1"), _m("J2"), _m("J3")]}),
    ("2023-02", ["2023-01-M1", "2023-01-M2", "2023-01-M3"],
     {"rapat": _rapat("2023-02-21"), "baru": [_m("F1"), _m("F2")],
      "tl": {"2023-01-M1": ("SK diterbitkan", "Selesai"), "2023-01-M2": ("Draf disusun", "Proses")}}),
    ("2023-03", ["2023-01-M2", "2023-01-M3", "2023-02-M1", "2023-02-M2"],
     {"rapat": _rapat("2023-03-15"), "baru": [_m("M1")],
      "tl": {"2023-01-M2": ("Draf ditetapkan", "Selesai"), "2023-02-M1": ("Sedang dikerjakan", "Proses"),
             "2023-02-M2": ("Sudah dipasang", "Selesai")}}),
    ("2023-04", ["2023-01-M3", "2023-02-M1", "2023-03-M1"],
     {"rapat": _rapat("2023-04-12"), "baru": [_m("A1"), _m("A2")],
      "tl": {"2023-02-M1": ("Rampung", "Selesai"), "2023-03-M1": ("Rapat koordinasi", "Belum")}}),
    # May: no sheet at all (skipped)
    ("2023-06", ["2023-01-M3", "2023-03-M1", "2023-04-M1", "2023-04-M2"],
     {"rapat": _rapat("2023-06-10"), "baru": [_m("N1")], "hapus": ("2023-01-M3",),
      "tl": {"2023-04-M1": ("Selesai dilatih", "Selesai")},
      "tambah": [("2023-01-M1", "Masukan J1", "SK ternyata perlu direvisi", "Proses")]}),
    # July: J3 (deleted in June, still open) and J1 (reopened) are carried again; no meeting date
    ("2023-07", ["2023-01-M1", "2023-01-M3", "2023-03-M1", "2023-04-M2", "2023-06-M1"],
     {"tl": {"2023-01-M1": ("SK revisi terbit", "Selesai"), "2023-03-M1": ("Tuntas", "Selesai")}}),
    ("2023-08", ["2023-01-M3", "2023-04-M2", "2023-06-M1"],
     {"rapat": _rapat("2023-08-16"), "baru": [_m("G1")], "tl": {"2023-06-M1": ("Terlaksana", "Selesai")}}),
    ("2023-09", ["2023-01-M3", "2023-04-M2", "2023-08-M1"],
     {"rapat": _rapat("2023-09-13"), "tl": {"2023-08-M1": ("Beres", "Sudah")}}),
    ("2023-10", ["2023-01-M3", "2023-04-M2"], {"rapat": _rapat("2023-10-11"), "baru": [_m("O1"), _m("O2")]}),
    ("2023-11", ["2023-01-M3", "2023-04-M2", "2023-10-M1", "2023-10-M2"],
     {"rapat": _rapat("2023-11-15"),
      "tl": {"2023-10-M1": ("Sudah", "Selesai"), "2023-10-M2": ("Separuh jalan", "dalam proses")}}),
    ("2023-12", ["2023-01-M3", "2023-04-M2", "2023-10-M2"],
     {"rapat": _rapat("2023-12-13"), "tl": {"2023-04-M2": ("Selesai", "Selesai")}}),
]

#: the ledger at the end of the year, by hand: id → (status, last tindak lanjut, its month, month closed)
AKHIR = {
    "2023-01-M1": ("Selesai", "SK revisi terbit", "2023-07", "2023-07"),
    "2023-01-M2": ("Selesai", "Draf ditetapkan", "2023-03", "2023-03"),
    "2023-01-M3": ("Belum", None, None, None),
    "2023-02-M1": ("Selesai", "Rampung", "2023-04", "2023-04"),
    "2023-02-M2": ("Selesai", "Sudah dipasang", "2023-03", "2023-03"),
    "2023-03-M1": ("Selesai", "Tuntas", "2023-07", "2023-07"),
    "2023-04-M1": ("Selesai", "Selesai dilatih", "2023-06", "2023-06"),
    "2023-04-M2": ("Selesai", "Selesai", "2023-12", "2023-12"),
    "2023-06-M1": ("Selesai", "Terlaksana", "2023-08", "2023-08"),
    "2023-08-M1": ("Selesai", "Beres", "2023-09", "2023-09"),
    "2023-10-M1": ("Selesai", "Sudah", "2023-11", "2023-11"),
    "2023-10-M2": ("Proses", "Separuh jalan", "2023-11", None),
}


def _sheet(bulan: str) -> str:
    from zi_xl.monev import bulan as bl

    return f"Monev {bl.nama(bulan)}"


@pytest.fixture(scope="module")
def tahun(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("tahun")
    path = tmp / "monev-bagian-umum.xlsx"
    r = run_cli("templat", "monev", "-o", path, "--bulan", "2023-01")
    assert r.returncode == 0, r.stderr
    for bulan, carried, fill in TAHUN:
        if carried is not None:
            r = run_cli("monev", "perbarui", path, "--bulan", bulan, "--per", f"{bulan}-02")
            assert r.returncode == 0, r.stderr
            assert ids_tl(path, _sheet(bulan)) == carried, bulan   # nothing open is lost, nothing closed comes
        if bulan == "2023-07":   # July updated a second time: nothing changes, not even the backup
            before = (path.read_bytes(), (tmp / (path.name + ".bak")).read_bytes())
            r = run_cli("monev", "perbarui", path, "--bulan", bulan, "--per", f"{bulan}-02")
            assert r.returncode == 0 and "Tidak ada yang berubah" in r.stdout, r.stdout + r.stderr
            assert (path.read_bytes(), (tmp / (path.name + ".bak")).read_bytes()) == before
        isi_bulan(path, _sheet(bulan), **fill)
    r = run_cli("monev", "perbarui", path, "--bulan", "2023-12", "--per", "2023-12-31")  # the summary, once more
    assert r.returncode == 0, r.stderr
    return path


def test_ledger_equals_the_hand_worked_one(tahun):
    m = read_monev(tahun)
    got = {x.id: (x.status, x.tindak_lanjut or None, x.bulan_tindak_lanjut, x.bulan_ditutup) for x in m.masukan}
    assert got == AKHIR
    assert [x.id for x in m.terbuka()] == ["2023-01-M3", "2023-10-M2"]
    assert m.cari("2023-01-M3").umur("2023-12") == 11
    assert [x.masukan for x in m.masukan[:3]] == ["Masukan J1", "Masukan J2", "Masukan J3"]


def test_months_table_hand_worked(tahun):
    r = run_cli("monev", "status", tahun, "--json", "--per", "2023-12-31")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data) == {"berkas", "bulan", "masukan", "peringatan", "saran_lke"}
    got = [(b["bulan"], b["tanggal_rapat"], b["jumlah_masukan"], b["ditutup"], b["terbuka"],
            b["persen_ditindaklanjuti"]) for b in data["bulan"]]
    assert got == [
        ("2023-01", "2023-01-20", 3, 2, 1, 66.7), ("2023-02", "2023-02-21", 2, 2, 0, 100.0),
        ("2023-03", "2023-03-15", 1, 1, 0, 100.0), ("2023-04", "2023-04-12", 2, 2, 0, 100.0),
        ("2023-05", None, 0, 0, 0, None), ("2023-06", "2023-06-10", 1, 1, 0, 100.0),
        ("2023-07", None, 0, 0, 0, None), ("2023-08", "2023-08-16", 1, 1, 0, 100.0),
        ("2023-09", "2023-09-13", 0, 0, 0, None), ("2023-10", "2023-10-11", 2, 1, 1, 50.0),
        ("2023-11", "2023-11-15", 0, 0, 0, None), ("2023-12", "2023-12-13", 0, 0, 0, None)]
    assert {k for x in data["masukan"] for k in x} == {"id", "bulan_asal", "area", "uraian", "masukan", "pic",
                                                        "status", "tindak_lanjut", "bulan_tindak_lanjut"}
    assert {x["status"] for x in data["masukan"]} <= {"Belum", "Proses", "Selesai"}


def test_warnings_name_sheet_and_cell(tahun):
    m = read_monev(tahun)
    got = {(p.sheet, p.sel, p.pesan.split(" (")[0].split(";")[0]) for p in m.peringatan}
    assert got == {
        ("Monev Juni 2023", "C4", "bulan Mei 2023 tidak tercatat"),
        ("Monev Juni 2023", f"A{_tl_header(tahun, 'Monev Juni 2023')}", "masukan 2023-01-M3"),
        ("Monev April 2023", _cell_of(tahun, "Monev April 2023", "2023-03-M1", 8),
         "status 'Belum' tetapi tindak lanjut diisi"),
        ("Monev Juni 2023", _cell_of(tahun, "Monev Juni 2023", "2023-01-M1", 8),
         "masukan 2023-01-M1 yang sudah selesai dibuka kembali"),
        ("Monev Juli 2023", "C6", "monev Juli 2023 tanpa tanggal rapat: bulan ini dihitung tanpa rapat"),
    }, got


def _tl_header(path, sheet) -> int:
    import openpyxl

    from tests.monev.bantu import tabel_sheet

    return tabel_sheet(openpyxl.load_workbook(path)[sheet], "BULAN ASAL")[0]


def _cell_of(path, sheet, ident, col) -> str:
    import openpyxl
    from openpyxl.utils import get_column_letter

    from tests.monev.bantu import tabel_sheet

    ws = openpyxl.load_workbook(path)[sheet]
    hr, rows = tabel_sheet(ws, "BULAN ASAL")
    r = next(hr + 1 + i for i, row in enumerate(rows) if row[1] == ident)
    return f"{get_column_letter(col)}{r}"


def test_suggestions_from_the_year(tahun):
    m = read_monev(tahun)
    s = {x.soal_id: x for x in m.saran}
    # 12 masukan, none raised in December: 10 of 12 closed = 83.3% -> B (sebagian besar)
    assert s[8].jawaban == "B" and "10 dari 12 masukan" in s[8].alasan
    # meetings in 10 of 12 months, May and July without: leadership in every meeting, not regular -> B
    assert s[7].jawaban == "B" and "tanpa rapat: Mei 2023, Juli 2023" in s[7].alasan
    assert s[6].jawaban is None and s[92].jawaban is None     # no rencana aksi linked


# --------------------------------------------------------------------------------------------- pure ledger
def _baru(bulan, *nos):
    return [Masukan(id=f"{bulan}-M{n}", bulan_asal=bulan, no=str(n), masukan=f"m {bulan} {n}") for n in nos]


def test_pure_ledger_month_twice_and_text_links():
    a = Rapat("2023-01", sheet="A", masukan=_baru("2023-01", 1, 2))
    b = Rapat("2023-01", sheet="B", masukan=_baru("2023-01", 1))   # the month recorded twice
    c = Rapat("2023-02", sheet="C", tindak_lanjut=[
        TindakLanjut(id=None, bulan="2023-02", masukan="m 2023-01 2", teks="ok", status_tertulis="Selesai"),
        TindakLanjut(id="2023-01-M1-2", bulan="2023-02", teks="ok", status_tertulis="selesai"),
        TindakLanjut(id=None, bulan="2023-02", masukan="sesuatu yang lain", teks="x", status_tertulis="")])
    buku = susun([a, b, c])
    # ledger order: no origin month first, then by origin month and number
    assert [(m.id, m.status) for m in buku.masukan] == [("2023-02-L1", "Proses"), ("2023-01-M1", "Belum"),
                                                        ("2023-01-M1-2", "Selesai"), ("2023-01-M2", "Selesai")]
    assert [m.id for m, asked in buku.id_ganda] == ["2023-01-M1-2"]
    assert [m.id for m, _ in buku.hilang] == ["2023-01-M1"]
    assert [m.id for m in terbuka_pada([a, b, c], "2023-03")] == ["2023-02-L1", "2023-01-M1"]
    assert a.masukan[0].status == "Belum" and a.masukan[0].riwayat == []       # the months read stay as read
