"""Checks before the report is written (pure): what would make the report wrong or incomplete, each a
:class:`~zi_xl.laporan.model.Peringatan` naming the workbook, the sheet and the cell to correct.

* the monev ledger's own checks (:mod:`zi_xl.monev.periksa`: a month recorded twice, a meeting date or a
  "periode" outside its month, a masukan dropped without being closed, a meeting without its leader …), for the
  months of the semester;
* a monev month after the end of the semester (left out of the report); a month of the semester without a sheet,
  or the last month without a meeting;
* a masukan still open at the end of the semester with no tindak lanjut at all, although a later monev month
  was recorded;
* the signature block without place, position, name or NIP; a report date before the end of the semester or
  before a meeting it reports;
* workbooks of different units; a rencana aksi of another year; rencana aksi rows whose target waktu cannot be
  read; an LKE without answers; an LKE version whose regulation was not (yet or any more) in force;
* a workbook missing.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ..monev import bulan as bl
from ..rencana_aksi.status import TIDAK_TERBACA
from ..teks import tanggal
from ..xlsx.grid import norm_teks
from .model import JENIS, NAMA_JENIS, Peringatan

if TYPE_CHECKING:
    from ..monev.model import Rapat
    from .model import Laporan

#: what each missing workbook takes away from the report
_TANPA = {"lke": "tabel syarat predikat memakai versi LKE tahun laporan; BAB VI tanpa nilai dan predikat",
          "rencana_aksi": "BAB III tanpa rencana aksi", "monev": "BAB IV dan BAB V tanpa data monev"}
_NAMA_TT = {"tempat": "tempat", "jabatan": "jabatan", "nama": "nama", "nip": "NIP"}
_OPSI_TT = {"tempat": "--tempat", "jabatan": "--jabatan", "nama": "--nama", "nip": "--nip"}


def _cell(ref: str | None) -> tuple[str | None, str | None]:
    """"Sheet!C6" → ("Sheet", "C6")."""
    if not ref or ref in ("opsi", "bawaan"):
        return None, None
    sheet, _, sel = ref.rpartition("!")
    return (sheet or ref), (sel or None)


def periksa(lap: Laporan, *, sesudah: list[Rapat] = (), unit_berkas: dict[str, str] | None = None,
            sel_target: dict[tuple[str, int], str] | None = None) -> list[Peringatan]:
    """The findings, in the order of the report (workbooks, BAB III, BAB IV–V, BAB VI, signature)."""
    out: list[Peringatan] = []
    out += _berkas(lap) + _unit(lap, unit_berkas or {}) + _lke(lap)
    out += _rencana_aksi(lap, sel_target or {})
    out += _monev(lap, list(sesudah))
    out += _tanda_tangan(lap)
    return out


def _berkas(lap: Laporan) -> list[Peringatan]:
    return [Peringatan("tanpa_berkas", f"workbook {NAMA_JENIS[k]} tidak ada: {_TANPA[k]}")
            for k in JENIS if not lap.berkas.get(k)]


def _unit(lap: Laporan, units: dict[str, str]) -> list[Peringatan]:
    named = [(k, u) for k, u in units.items() if u and u.strip()]
    out = []
    for (k1, u1), (k2, u2) in zip(named, named[1:], strict=False):
        if norm_teks(u1) != norm_teks(u2):
            out.append(Peringatan("unit_berbeda", f"unit kerja berbeda: workbook {NAMA_JENIS[k1]} menyebut '{u1}', "
                                                  f"workbook {NAMA_JENIS[k2]} ({os.path.basename(lap.berkas[k2])}) "
                                                  f"menyebut '{u2}'; laporan memakai '{lap.unit}'",
                                  berkas=lap.berkas[k1]))
    if not lap.unit:
        out.append(Peringatan("unit", "nama unit kerja tidak ditemukan di workbook; isi 'Unit kerja' di sheet "
                                      "'Pengaturan Monev' atau beri --unit"))
    return out


def _lke(lap: Laporan) -> list[Peringatan]:
    out = []
    h = lap.lke
    if h is not None and h.penilaian.kosong:
        out.append(Peringatan("lke_kosong", f"LKE belum diisi ({h.penilaian.label} kosong): nilai dan predikat "
                                            "BAB VI belum dapat ditentukan", berkas=h.berkas, sheet=h.sheet))
    where = {"berkas": h.berkas, "sheet": h.sheet} if h is not None else {}
    if not lap.regulasi:
        out.append(Peringatan("versi_lke", f"versi LKE {lap.rules.nama} belum berlaku pada {lap.semester.nama}; "
                                           "dasar hukum versi ini tidak dicantumkan", **where))
    for r in lap.regulasi:
        if r["dicabut"] is not None and r["dicabut"] < lap.semester.mulai:
            out.append(Peringatan("versi_lke", f"versi LKE {lap.rules.nama} memakai {r['singkat']} yang dicabut sejak "
                                               f"{tanggal(r['dicabut'])}; periksa versi LKE untuk "
                                               f"{lap.semester.nama}", **where))
    return out


def _rencana_aksi(lap: Laporan, sel_target: dict[tuple[str, int], str]) -> list[Peringatan]:
    ra = lap.rencana_aksi
    if ra is None:
        return []
    out = []
    first = ra.aksi[0].sheet if ra.aksi else None
    if ra.tahun and ra.tahun != lap.semester.tahun:
        out.append(Peringatan("tahun_rencana_aksi", f"rencana aksi tahun {ra.tahun}, laporan {lap.semester.nama}",
                              berkas=ra.berkas, sheet=first))
    for p in ra.peringatan:
        out.append(Peringatan("rencana_aksi", p, berkas=ra.berkas))
    for a in ra.aksi:
        if a.status == TIDAK_TERBACA:
            out.append(Peringatan("rencana_aksi", f"target waktu '{a.target_waktu or '(kosong)'}' tidak terbaca: "
                                                  f"status langkah aksi '{a.langkah_aksi[:60]}' tidak dapat dihitung",
                                  berkas=ra.berkas, sheet=a.sheet, sel=sel_target.get((a.sheet, a.baris))))
    return out


def _monev(lap: Laporan, sesudah: list[Rapat]) -> list[Peringatan]:
    mv = lap.monev
    if mv is None:
        return []
    sem = lap.semester
    out = []
    history = {r.sheet for r in mv.rapat if r.bulan < sem.bulan[0]} - {r.sheet for r in mv.rapat
                                                                       if sem.memuat(r.bulan)}
    for p in mv.peringatan:
        if p.sheet not in history:
            out.append(Peringatan("monev", p.pesan, berkas=mv.berkas, sheet=p.sheet, sel=p.sel))
    for r in sesudah:
        out.append(Peringatan("bulan_di_luar_semester", f"monev {bl.nama(r.bulan)} sesudah akhir {sem.nama}: tidak "
                                                        "dimuat dalam laporan", berkas=mv.berkas, sheet=r.sheet,
                              sel=r.sel.get("bulan")))
    months = sorted({r.bulan for r in mv.rapat})
    last = months[-1] if months else None
    for b in sem.bulan:
        rapat = mv.rapat_bulan(b)
        if not rapat and (not months or b < months[0] or b > last):
            out.append(Peringatan("bulan_tanpa_rapat", f"tidak ada sheet monev {bl.nama(b)}: BAB IV tanpa resume "
                                                       "bulan ini", berkas=mv.berkas))
        elif rapat and b == last and not any(r.ada_rapat for r in rapat):
            r = rapat[0]
            out.append(Peringatan("bulan_tanpa_rapat", f"monev {bl.nama(b)} belum mencatat tanggal rapat: BAB IV "
                                                       "tanpa resume bulan ini", berkas=mv.berkas, sheet=r.sheet,
                                  sel=r.sel.get("tanggal_rapat") or r.sel.get("bulan")))
    for m in mv.masukan:
        if m.terbuka and not m.tindak_lanjut and last and (m.bulan_asal or last) < last:
            asal = bl.nama(m.bulan_asal) if m.bulan_asal else (m.asal_teks or "-")
            out.append(Peringatan("tanpa_tindak_lanjut", f"masukan {m.id} ({asal}) masih {m.status} pada "
                                                         f"{tanggal(sem.akhir)} tanpa tindak lanjut sama sekali: "
                                                         f"'{m.masukan[:70]}'", berkas=mv.berkas, sheet=m.sheet,
                                  sel=lap.sel_masukan.get(m.id)))
    return out


def _tanda_tangan(lap: Laporan) -> list[Peringatan]:
    tt = lap.tanda_tangan
    out = []
    missing = [k for k in tt.kosong() if k != "tanggal"]
    if missing:
        hints = []
        for k in missing:
            ref = tt.asal.get(k)
            hints.append(f"{_NAMA_TT[k]}: {_OPSI_TT[k]}" + (f" atau sel {ref}" if ref else
                                                             " atau baris baru di sheet 'Pengaturan Monev'"))
        sheet, sel = next((_cell(tt.asal[k]) for k in missing if tt.asal.get(k)), (None, None))
        out.append(Peringatan("tanda_tangan", f"blok tanda tangan tanpa {', '.join(_NAMA_TT[k] for k in missing)} "
                                              f"({'; '.join(hints)})",
                              berkas=lap.berkas.get("monev") if sheet else None, sheet=sheet, sel=sel))
    d = tt.tanggal
    sem = lap.semester
    if d is not None:
        where = _cell(tt.asal.get("tanggal"))
        loc = {"berkas": lap.berkas.get("monev") if where[0] else None, "sheet": where[0], "sel": where[1]}
        if d < sem.akhir:
            out.append(Peringatan("tanggal_laporan", f"tanggal laporan {tanggal(d)} sebelum akhir {sem.nama} "
                                                     f"({tanggal(sem.akhir)}); status dihitung per "
                                                     f"{tanggal(sem.akhir)}", **loc))
        meetings = [r for r in (lap.monev.rapat if lap.monev else []) if sem.memuat(r.bulan) and r.tanggal_rapat]
        late = max(meetings, key=lambda r: r.tanggal_rapat, default=None)
        if late is not None and late.tanggal_rapat > d:
            out.append(Peringatan("tanggal_laporan", f"tanggal laporan {tanggal(d)} sebelum rapat monev "
                                                     f"{tanggal(late.tanggal_rapat)} yang dilaporkannya "
                                                     f"(sheet '{late.sheet}')", **loc))
    return out
