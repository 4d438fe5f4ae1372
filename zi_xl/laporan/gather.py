"""Gather a semester report from the workbooks: the LKE, the rencana aksi and the monev workbook (given one by
one, or found in a folder as ``zi-xl contoh`` writes them), each read once through its domain's public reader.

* **LKE** — :func:`zi_xl.lke.reader.read_lke`: scores, predikat, the rule version in use (hence the thresholds
  and weights of BAB II and the regulations of the Dasar Hukum).
* **Rencana aksi** — :func:`zi_xl.rencana_aksi.reader.read_rencana_aksi` with the status at the last day of the
  semester.
* **Monev** — :mod:`zi_xl.monev.reader`: the months up to the end of the semester make the ledger (the status of
  every masukan at the end of the semester); months after it are left out and reported.

:func:`kumpulkan` returns a :class:`~zi_xl.laporan.model.Laporan` with the findings of :mod:`.periksa`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from importlib import resources

from ..errors import SheetTidakDitemukan, ZiError
from ..lke.layout import find_lke_sheet
from ..lke.portalrb import unit_dari_workbook
from ..lke.predikat import load_batas
from ..lke.reader import read_lke
from ..lke.rules import load_rules
from ..monev.model import Rapat
from ..monev.reader import SHEET_PENGATURAN, adalah_monev, baca_label, baca_monev, cari_tabel, susun_monev
from ..periods import parse_tanggal, parse_target_waktu
from ..rencana_aksi.reader import cari_judul, find_rencana_aksi_sheet, from_grids
from ..rencana_aksi.status import TIDAK_TERBACA
from ..xlsx.book import Book
from ..xlsx.grid import Grid, address
from .model import JENIS, NAMA_JENIS, Laporan, Peringatan, TandaTangan
from .periksa import periksa
from .semester import Semester
from .templat import Templat, baca

EKSTENSI = (".xlsx", ".xlsm")
#: extra labels of the settings sheet ("Pengaturan Monev") the report reads besides the monev reader's own
LABEL_LAPORAN: dict[str, tuple[str, ...]] = {
    "tempat": ("tempat", "tempat laporan", "tempat penandatanganan", "kota", "tempat tanda tangan"),
    "tanggal": ("tanggal laporan", "tanggal penandatanganan", "tanggal tanda tangan"),
}


@cache
def _regulasi_data() -> dict:
    return json.loads(resources.files(__package__).joinpath("data", "regulasi.json").read_text(encoding="utf-8"))


def regulasi(versi: str, akhir: date) -> list[dict]:
    """The regulations the LKE version rests on, in force at ``akhir`` (the end of the semester):
    ``{"kode", "judul", "singkat", "dicabut"}``."""
    data = _regulasi_data()
    out = []
    for kode in data["versi"].get(versi, []):
        r = data["regulasi"][kode]
        if r["ditetapkan"] and date.fromisoformat(r["ditetapkan"]) > akhir:
            continue
        out.append({"kode": kode, "judul": r["judul"], "singkat": r["singkat"],
                    "dicabut": date.fromisoformat(r["dicabut"]) if r["dicabut"] else None})
    return out


def versi_tahun(tahun: int) -> str:
    """The LKE version used in ``tahun`` (for a report without an LKE workbook)."""
    return next(x["versi"] for x in _regulasi_data()["versi_per_tahun"] if tahun <= x["sampai"])


# --------------------------------------------------------------------------------------------- finding the books
def kenali(grids: dict[str, Grid]) -> str | None:
    """Which workbook this is: "monev", "lke", "rencana_aksi", or None."""
    if adalah_monev(grids):
        return "monev"
    try:
        find_lke_sheet(grids)
        return "lke"
    except SheetTidakDitemukan:
        pass
    try:
        find_rencana_aksi_sheet(grids)
        return "rencana_aksi"
    except SheetTidakDitemukan:
        return None


def isi_folder(folder: str, kecuali: list[str] = ()) -> list[str]:
    """The workbooks of a folder (no subfolders; Office lock files and our temporary files left out)."""
    if not os.path.isdir(folder):
        raise ZiError("folder tidak ditemukan", berkas=folder)
    skip = {os.path.realpath(p) for p in kecuali if p}
    out = []
    for n in sorted(os.listdir(folder)):
        full = os.path.join(folder, n)
        if (n.lower().endswith(EKSTENSI) and not n.startswith(("~$", ".~", ".")) and os.path.isfile(full)
                and os.path.realpath(full) not in skip):
            out.append(full)
    return out


@dataclass
class _Bacaan:
    """The workbooks chosen, open (read once), and what was read from the LKE."""

    buku: dict[str, Book] = field(default_factory=dict)
    lke: object = None
    lewat: list[tuple[str, str]] = field(default_factory=list)      # (file, why) not read from the folder

    def close(self) -> None:
        for b in self.buku.values():
            b.close()


def _pilih(folder: str | None, diberi: dict[str, str | None], jawaban: str, kecuali: list[str]) -> _Bacaan:
    """Open the given workbooks and, from ``folder``, one of each kind not given. Several candidates of a kind:
    the LKE with answers wins over empty templates; otherwise the user must name one."""
    out = _Bacaan()
    try:
        for jenis, path in diberi.items():
            if path:
                out.buku[jenis] = Book.open(path)
                if jenis == "lke":
                    out.lke = read_lke(out.buku[jenis], jawaban=jawaban)
        if folder is None:
            return out
        calon: dict[str, list[Book]] = {}
        for path in isi_folder(folder, kecuali + [p for p in diberi.values() if p]):
            try:
                book = Book.open(path)
            except ZiError as err:  # reported: it may be the workbook the user meant
                out.lewat.append((path, err.pesan))
                continue
            kind = kenali(book.grids)
            if kind is None or kind in out.buku:
                book.close()
                continue
            calon.setdefault(kind, []).append(book)
        for kind, books in calon.items():
            chosen = books
            if kind == "lke" and len(books) > 1:
                scored = [(b, read_lke(b, jawaban=jawaban)) for b in books]
                filled = [(b, h) for b, h in scored if not h.penilaian.kosong]
                if len(filled) == 1:
                    chosen = [filled[0][0]]
                    out.lke = filled[0][1]
                else:
                    chosen = [b for b, _ in (filled or scored)]
            if len(chosen) > 1:
                names = ", ".join(os.path.basename(b.berkas) for b in chosen)
                opsi = "--" + kind.replace("_", "-")
                for b in books:
                    b.close()
                raise ZiError(f"folder berisi lebih dari satu workbook {NAMA_JENIS[kind]} ({names}); sebutkan yang "
                              f"dipakai dengan {opsi} BERKAS", berkas=folder)
            out.buku[kind] = chosen[0]
            for b in books:
                if b is not chosen[0]:
                    b.close()
        if "lke" in out.buku and out.lke is None:
            out.lke = read_lke(out.buku["lke"], jawaban=jawaban)
        return out
    except BaseException:
        out.close()
        raise


# --------------------------------------------------------------------------------------------- reading
def _sel_masukan(grids: dict[str, Grid], monev) -> dict[str, str]:
    """masukan id → the cell of its MASUKAN PERBAIKAN text (for the warnings)."""
    cols: dict[str, list] = {}
    out = {}
    for m in monev.masukan:
        if not m.sheet or m.baris is None or m.sheet not in grids:
            continue
        if m.sheet not in cols:
            cols[m.sheet] = cari_tabel(grids[m.sheet])
        for t in cols[m.sheet]:
            if m.baris in t.baris:
                out[m.id] = address(m.baris, t.kolom.get("masukan") or min(t.kolom.values()))
                break
    return out


def _sel_target(grids: dict[str, Grid], ra) -> dict[tuple[str, int], str]:
    """(sheet, row) → the TARGET WAKTU cell, for the rows whose target could not be read."""
    out = {}
    for a in ra.aksi:
        if a.status == TIDAK_TERBACA and a.sheet in grids:
            try:
                _, cols = cari_judul(grids[a.sheet])
            except ZiError:
                continue
            out[(a.sheet, a.baris)] = address(a.baris, cols["target_waktu"])
    return out


def _pengaturan_laporan(grids: dict[str, Grid]) -> dict[str, tuple]:
    """tempat / tanggal of the settings sheet (value, cell)."""
    g = next((g for n, g in grids.items() if n.strip().lower() == SHEET_PENGATURAN.lower()), None)
    if g is None:
        return {}
    return {k: v for k, v in baca_label(g, g.rows(1), LABEL_LAPORAN).items() if v[0] not in (None, "")}


def _teks(v: object) -> str:
    """A settings value as text (a NIP typed as a number keeps its digits)."""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip() if v is not None else ""


def _tanggal(v: object) -> date | None:
    """A date cell or text ("2022-06-30", "30 Juni 2022"), else None."""
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    t = parse_target_waktu(str(v)) if v is not None else None
    if t is not None and t.mulai and t.mulai == t.tenggat:
        return t.tenggat
    try:
        return date.fromisoformat(str(v).strip()[:10])
    except ValueError:
        return None


def _tanda_tangan(opsi: dict, setting: dict, extra: dict, akhir: date) -> TandaTangan:
    """The signature: each field from the options, else the settings sheet ('Pengaturan Monev'); the date by
    default the last day of the semester. ``asal`` names where each came from — or, for an empty field, the cell
    where it can be filled."""
    sheet = setting.get("sheet")
    cells = setting.get("sel", {})
    found = {"nama": (setting.get("pimpinan"), cells.get("pimpinan")), "nip": (setting.get("nip"), cells.get("nip")),
             "jabatan": (setting.get("jabatan"), cells.get("jabatan")), "tempat": (None, None)}
    found |= {k: v for k, v in extra.items() if k != "tanggal"}
    tt = TandaTangan()
    for fld in ("tempat", "jabatan", "nama", "nip"):
        value, cell = found[fld]
        if opsi.get(fld):
            setattr(tt, fld, _teks(opsi[fld]))
            tt.asal[fld] = "opsi"
        elif _teks(value):
            setattr(tt, fld, _teks(value))
            tt.asal[fld] = f"{sheet}!{cell}"
        elif sheet and cell:
            tt.asal[fld] = f"{sheet}!{cell}"
    if opsi.get("tanggal"):
        tt.tanggal, tt.asal["tanggal"] = parse_tanggal(opsi["tanggal"]), "opsi"
    elif "tanggal" in extra and _tanggal(extra["tanggal"][0]):
        tt.tanggal, tt.asal["tanggal"] = _tanggal(extra["tanggal"][0]), f"{sheet}!{extra['tanggal'][1]}"
    else:
        tt.tanggal, tt.asal["tanggal"] = akhir, "bawaan"
    return tt


def kumpulkan(semester: Semester, *, folder: str | os.PathLike | None = None, lke: str | os.PathLike | None = None,
              rencana_aksi: str | os.PathLike | None = None, monev: str | os.PathLike | None = None,
              templat: str | os.PathLike | Templat | None = None, tanda_tangan: dict | None = None,
              unit: str | None = None, logo: str | os.PathLike | None = None, kertas: str = "A4",
              jawaban: str = "unit", versi: str | None = None, kecuali: list[str] = ()) -> Laporan:
    """Read the workbooks of ``semester`` and build the :class:`Laporan` with its findings.

    ``folder``: where to find the workbooks not given one by one. ``templat``: the user's text template.
    ``tanda_tangan``: {"tempat", "tanggal", "jabatan", "nama", "nip"} from options (each overrides the settings
    sheet). ``jawaban``: the LKE answer source that headlines ("unit", "tpi"). ``versi``: the LKE version when no
    LKE is given (default: the version of the report's year). ``kecuali``: paths never read (the output)."""
    tpl = templat if isinstance(templat, Templat) else baca(templat)
    if logo is not None and not os.path.isfile(logo):
        raise ZiError("berkas logo tidak ditemukan", berkas=os.fspath(logo))
    diberi = {"lke": lke, "rencana_aksi": rencana_aksi, "monev": monev}
    diberi = {k: (os.fspath(v) if v else None) for k, v in diberi.items()}
    if folder is None and not any(diberi.values()):
        raise ZiError("beri FOLDER berisi workbook, atau --lke/--rencana-aksi/--monev")
    bacaan = _pilih(os.fspath(folder) if folder else None, diberi, jawaban, list(kecuali))
    try:
        return _susun_laporan(semester, bacaan, tpl, tanda_tangan or {}, unit, logo, kertas, versi)
    finally:
        bacaan.close()


def _susun_laporan(semester: Semester, bacaan: _Bacaan, tpl: Templat, opsi_tt: dict, unit: str | None,
                   logo, kertas: str, versi: str | None) -> Laporan:
    buku = bacaan.buku
    hasil = bacaan.lke
    v = hasil.versi if hasil is not None else (versi or versi_tahun(semester.tahun))
    rules = hasil.rules if hasil is not None else load_rules(v)
    batas = load_batas(v)
    units: dict[str, str] = {}
    if "lke" in buku:
        units["lke"] = unit_dari_workbook(buku["lke"].grids).get("nama", "")

    ra = None
    if "rencana_aksi" in buku:
        b = buku["rencana_aksi"]
        ra = from_grids(b.grids, per=semester.akhir, berkas=b.berkas)     # the plan's own year reads its targets
        units["rencana_aksi"] = ra.unit or unit_dari_workbook(b.grids).get("nama", "")

    mv = None
    sesudah: list[Rapat] = []
    setting: dict = {}
    extra: dict = {}
    sel_masukan: dict[str, str] = {}
    if "monev" in buku:
        b = buku["monev"]
        rapat, warns, setting = baca_monev(b.grids, b.berkas, tahun=semester.tahun)
        last = semester.bulan[-1]
        sesudah = [r for r in rapat if r.bulan > last]
        mv = susun_monev([r for r in rapat if r.bulan <= last], warns, berkas=b.berkas, pengaturan=setting,
                         rencana_aksi=ra)
        units["monev"] = mv.unit
        extra = _pengaturan_laporan(b.grids)
        sel_masukan = _sel_masukan(b.grids, mv)
    tt = _tanda_tangan(opsi_tt, setting, extra, semester.akhir)

    chosen_unit = (unit or "").strip() or next((units[k] for k in ("monev", "rencana_aksi", "lke") if units.get(k)),
                                                "")
    lap = Laporan(semester=semester, unit=chosen_unit, versi=v, rules=rules, batas=batas, templat=tpl,
                  tanda_tangan=tt, lke=hasil, rencana_aksi=ra, monev=mv,
                  berkas={k: (buku[k].berkas if k in buku else None) for k in JENIS},
                  regulasi=regulasi(v, semester.akhir), sel_masukan=sel_masukan,
                  logo=os.fspath(logo) if logo else None, kertas=kertas)
    lap.peringatan = [Peringatan("berkas_tidak_terbaca", f"workbook di folder tidak terbaca, dilewati: {why}",
                                 berkas=path) for path, why in bacaan.lewat]
    lap.peringatan += periksa(lap, sesudah=sesudah, unit_berkas=units,
                              sel_target=_sel_target(buku["rencana_aksi"].grids, ra) if ra is not None else {})
    return lap

