"""``zi-xl monev perbarui FOLDER --bulan …`` over many units' workbooks (an Inspektorat, or a ZI team with one
workbook per bidang): 50 generated units, 6 broken files and 2 workbooks that are not monev workbooks (a unit keeps
its LKE beside its monev). Every good one is updated in place (with its backup), every bad one is reported with its
file and reason and left byte-identical, the other workbooks are skipped and named, the others carry on; a recap on
screen, in --json and as a workbook with -o."""

from __future__ import annotations

import json
import os
import stat
from datetime import date

import openpyxl
import pytest

from tests.monev.bantu import ids_tl, run_cli
from tests.support import REF_LKE
from zi_xl.monev.model import Masukan, Rapat, TindakLanjut
from zi_xl.monev.workbook import tulis_monev
from zi_xl.xlsx.read import read_workbook

UNIT = 50
MARET = "Monev Maret 2023"


def _unit(i: int) -> tuple[list[Rapat], dict]:
    """Unit i: 1–4 masukan in January; in February masukan k is closed when (i + k) % 3 == 0, in progress when
    (i + k) % 3 == 1, untouched otherwise. Returns the months and the expected recap (worked from those rules)."""
    n = 1 + i % 4
    jan = Rapat("2023-01", sheet="Monev Januari 2023", tanggal_rapat=date(2023, 1, 10 + i % 15),
                pimpinan="Kepala", nip="1970", masukan=[Masukan(id=f"2023-01-M{k}", bulan_asal="2023-01", no=str(k),
                                                                uraian=f"u{k}", masukan=f"Masukan {i}-{k}")
                                                        for k in range(1, n + 1)])
    feb = Rapat("2023-02", sheet="Monev Februari 2023", tanggal_rapat=date(2023, 2, 20), pimpinan="Kepala", nip="1970")
    closed, still = 0, []
    for k in range(1, n + 1):
        status = {0: "Selesai", 1: "Proses"}.get((i + k) % 3, "")
        closed += status == "Selesai"
        if status != "Selesai":
            still.append(f"2023-01-M{k}")
        feb.tindak_lanjut.append(TindakLanjut(id=f"2023-01-M{k}", bulan="2023-02", bulan_asal="2023-01",
                                              masukan=f"Masukan {i}-{k}", teks="dikerjakan" if status else "",
                                              status_tertulis=status, status_awal="Belum"))
    return [jan, feb], {"masukan": n, "ditutup": closed, "terbuka": n - closed,
                        "persen": round(100 * closed / n, 1), "dibawa": still}


BROKEN = {
    "rusak-bukan-zip.xlsx": "bukan berkas Excel",
    "rusak-format-lama.xlsx": "format Excel lama",
    "rusak-terpotong.xlsx": "zip",
    "hanya-baca.xlsx": "hanya-baca",
    "sedang-dibuka.xlsx": "sedang dibuka",
    "nama-bentrok.xlsx": "sudah ada tetapi tidak terbaca",
}
#: found in the folder but not monev workbooks: skipped (listed), not failures
LAIN = ["kosong.xlsx", "lke-bukan-monev.xlsx"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("unit")
    expect = {}
    for i in range(1, UNIT + 1):
        rapat, exp = _unit(i)
        name = f"bidang-{i:02d}.xlsx"
        tulis_monev(d / name, rapat, unit=f"Bidang {i:02d}")
        expect[name] = exp
    good = (d / "bidang-01.xlsx").read_bytes()
    (d / "rusak-bukan-zip.xlsx").write_bytes(b"bukan excel " * 50)
    (d / "rusak-format-lama.xlsx").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    (d / "rusak-terpotong.xlsx").write_bytes(good[: len(good) // 2])
    (d / "lke-bukan-monev.xlsx").write_bytes(REF_LKE.read_bytes())
    openpyxl.Workbook().save(d / "kosong.xlsx")
    tulis_monev(d / "hanya-baca.xlsx", _unit(7)[0])
    os.chmod(d / "hanya-baca.xlsx", stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    tulis_monev(d / "sedang-dibuka.xlsx", _unit(8)[0])
    (d / "~$sedang-dibuka.xlsx").write_bytes(b"owner")
    tulis_monev(d / "nama-bentrok.xlsx", _unit(9)[0])
    wb = openpyxl.load_workbook(d / "nama-bentrok.xlsx")
    wb.create_sheet(MARET)["A1"] = "catatan"
    wb.save(d / "nama-bentrok.xlsx")
    before = {p.name: p.read_bytes() for p in d.iterdir()}
    rekap = d.parent / f"{d.name}-rekap.xlsx"
    r = run_cli("monev", "perbarui", d, "--bulan", "2023-03", "--per", "2023-03-06", "--json", "-o", rekap)
    return d, expect, before, r, rekap


def test_every_good_workbook_is_updated(folder):
    d, expect, before, r, _ = folder
    assert r.returncode == 3, r.stderr      # the worst failure: a write refused
    data = json.loads(r.stdout)
    rows = {os.path.basename(x["berkas"]): x for x in data["hasil"]}
    assert len(rows) == UNIT + len(BROKEN) == 56 and "~$sedang-dibuka.xlsx" not in rows
    assert data["ringkas"] == {"jumlah": 56, "diperbarui": UNIT, "tidak_berubah": 0, "galat": len(BROKEN)}
    assert sorted(os.path.basename(p) for p in data["dilewati"]) == LAIN
    for name, exp in expect.items():
        row = rows[name]
        assert row["hasil"] == "diperbarui" and row["sheet"] == MARET and row["unit"] == name[:-5].replace(
            "bidang-", "Bidang ")
        assert (row["masukan"], row["ditutup"], row["terbuka"], row["persen_ditindaklanjuti"]) == (
            exp["masukan"], exp["ditutup"], exp["terbuka"], exp["persen"]), name
        assert ids_tl(d / name, MARET) == exp["dibawa"], name
        assert (d / (name + ".bak")).read_bytes() == before[name]


def test_every_bad_workbook_is_reported_and_untouched(folder):
    d, _, before, r, _ = folder
    rows = {os.path.basename(x["berkas"]): x for x in json.loads(r.stdout)["hasil"]}
    for name, reason in BROKEN.items():
        row = rows[name]
        assert row["hasil"] == "galat" and reason in row["pesan"], (name, row["pesan"])
        assert (d / name).read_bytes() == before[name], name
        assert not (d / (name + ".bak")).exists()
    for name in LAIN:
        assert name not in rows and (d / name).read_bytes() == before[name]
        assert not (d / (name + ".bak")).exists()
    assert (d / "~$sedang-dibuka.xlsx").read_bytes() == b"owner"
    assert not [p for p in d.iterdir() if p.name.startswith(".~zi-xl-")]    # no temporary file left behind
    assert "%|" not in r.stderr and "Traceback" not in r.stderr              # no progress bar off a terminal


def test_recap_workbook(folder):
    d, expect, _, r, rekap = folder
    g = read_workbook(rekap)["Rekap Monev"]
    assert [g.value(4, c) for c in range(1, 13)] == ["No", "Berkas", "Unit kerja", "Hasil", "Sheet bulan", "Masukan",
                                                      "Ditutup", "Masih terbuka", "% ditindaklanjuti",
                                                      "Aksi terlambat", "Peringatan", "Keterangan"]
    rows = {os.path.basename(g.value(r, 2)): r for r in range(5, 5 + 56)}
    for name, exp in expect.items():
        r0 = rows[name]
        assert [g.value(r0, c) for c in (4, 6, 7, 8)] == ["diperbarui", exp["masukan"], exp["ditutup"],
                                                          exp["terbuka"]]
        assert g.value(r0, 9) == pytest.approx(exp["persen"] / 100)
    for name, reason in BROKEN.items():
        assert g.value(rows[name], 4) == "galat" and reason in g.value(rows[name], 12)
    assert g.value(2, 1) == "56 workbook; 50 berhasil, 6 gagal"


def test_second_run_changes_nothing_and_prints_the_recap(folder):
    d, _, _, _, _ = folder
    snap = {p.name: p.read_bytes() for p in d.iterdir() if p.name.startswith("bidang-")}
    r = run_cli("monev", "perbarui", d, "--bulan", "2023-03", "--per", "2023-03-06")
    assert r.returncode == 3
    assert r.stdout.startswith("Perbarui monev Maret 2023: 56 workbook — 0 diperbarui, 50 tidak berubah, 6 gagal")
    assert "Gagal (6; berkas aslinya tidak diubah):" in r.stdout
    assert "Dilewati (bukan workbook monev): kosong.xlsx, lke-bukan-monev.xlsx" in r.stdout
    assert "GALAT: 6 dari 56 workbook gagal diperbarui" in r.stderr
    assert " 1  bidang-01.xlsx" in r.stdout
    assert {p.name: p.read_bytes() for p in d.iterdir() if p.name.startswith("bidang-")} == snap


def test_o_must_be_a_recap_workbook_with_many_inputs(folder, tmp_path):
    d = folder[0]
    r = run_cli("monev", "perbarui", d / "bidang-01.xlsx", d / "bidang-02.xlsx", "--bulan", "2023-03", "-o",
                tmp_path / "x.xlsm")
    assert r.returncode == 2 and "workbook rekap" in r.stderr


def test_a_workbook_named_explicitly_must_be_a_monev_workbook(folder, tmp_path):
    d = folder[0]
    r = run_cli("monev", "perbarui", d / "lke-bukan-monev.xlsx", d, "--bulan", "2023-03", "--per", "2023-03-06",
                "--json")
    rows = {os.path.basename(x["berkas"]): x for x in json.loads(r.stdout)["hasil"]}
    assert rows["lke-bukan-monev.xlsx"]["hasil"] == "galat"                  # named, and listed once
    assert "bukan workbook monev" in rows["lke-bukan-monev.xlsx"]["pesan"]
    assert [os.path.basename(p) for p in json.loads(r.stdout)["dilewati"]] == ["kosong.xlsx"]


def test_recap_rows_are_tall_enough_for_wrapped_names(tmp_path):
    """A long unit name wraps in its column: its row is tall enough to print without running into the next row."""
    from zi_xl.monev.workbook import tulis_rekap

    unit = "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Padang Pariaman"
    rows = [{"berkas": "a.xlsx", "unit": unit, "hasil": "diperbarui", "sheet": "Monev Juli 2022", "masukan": 25,
             "ditutup": 20, "terbuka": 5, "persen_ditindaklanjuti": 80.0, "aksi_terlambat": None, "peringatan": 0},
            {"berkas": "b.xlsx", "unit": "Bidang", "hasil": "diperbarui", "sheet": "Monev Juli 2022", "masukan": 1,
             "ditutup": 1, "terbuka": 0, "persen_ditindaklanjuti": 100.0, "aksi_terlambat": None, "peringatan": 0}]
    p = tulis_rekap(tmp_path / "rekap.xlsx", rows, "2022-07")
    ws = openpyxl.load_workbook(p)["Rekap Monev"]
    assert ws.row_dimensions[5].height >= 2 * 13      # two lines of 10-pt text (30 characters per line)
    assert ws.row_dimensions[6].height is None        # one line: the default height
