"""Read rencana aksi tables of any common layout from grids (:class:`zi_xl.xlsx.grid.Grid`).

* The header row is found by its text, with synonyms (:data:`KOLOM`): "Langkah Aksi"/"Kegiatan"/"Rencana Aksi",
  "Bukti Fisik"/"Bukti Dukung"/"Output"/"Data Dukung", "Target Waktu"/"Waktu"/"Jadwal"/"Tenggat",
  "PIC"/"Penanggung Jawab" … Only LANGKAH AKSI and TARGET WAKTU are required.
* Merged cells and blank continuation cells (one komponen/indikator, several steps) are carried down; a blank
  TARGET WAKTU takes the target of the step above in the same area (with a warning).
* Section rows ("II. PENATAAN TATALAKSANA") set the area perubahan; blank rows, "----" rows, column-number
  rows, repeated headers and notes without a step are skipped.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from datetime import date, datetime

from ..area import kenali_area, nama_area
from ..errors import SheetTidakDitemukan, ZiError
from ..periods import parse_tanggal, parse_target_waktu
from ..teks import tanggal_pendek
from ..xlsx.book import Book
from ..xlsx.grid import Grid, address, norm_teks
from ..xlsx.grid import cocokkan_judul as kolom_judul
from .model import Aksi, RencanaAksi
from .status import baca_realisasi

#: field → header synonyms (normalised: lower case, words only), most specific first.
KOLOM: dict[str, tuple[str, ...]] = {
    "no": ("no", "nomor", "no urut"),
    "area": ("area perubahan", "area"),
    "komponen": ("komponen", "sub komponen", "komponen pengungkit", "program"),
    "indikator": ("indikator", "sub indikator", "kriteria", "indikator kinerja"),
    "langkah_aksi": ("langkah aksi", "kegiatan", "rencana aksi", "rencana kegiatan", "uraian kegiatan",
                     "langkah langkah", "aksi", "langkah", "uraian"),
    "bukti_fisik": ("bukti fisik", "bukti dukung", "output", "data dukung", "keluaran", "dokumen bukti", "bukti",
                    "evidence"),
    "target_waktu": ("target waktu", "waktu", "jadwal", "waktu pelaksanaan", "jadwal pelaksanaan",
                     "target penyelesaian", "target", "jangka waktu"),
    "penanggung_jawab": ("penanggung jawab", "penanggungjawab", "pic", "pj", "pelaksana", "person in charge"),
    "realisasi": ("realisasi", "tanggal selesai", "tgl selesai", "tanggal realisasi", "waktu realisasi"),
    "status_manual": ("status", "status pelaksanaan", "progres", "progress", "capaian"),
    "mulai": ("mulai", "tanggal mulai"),
    "tenggat": ("tenggat", "batas waktu", "deadline", "tenggat waktu"),
    "keterangan": ("keterangan", "ket", "catatan"),
}
WAJIB = ("langkah_aksi", "target_waktu")
_LABEL = {"langkah_aksi": "'Langkah Aksi' (atau Kegiatan/Rencana Aksi)",
          "target_waktu": "'Target Waktu' (atau Waktu/Jadwal/Tenggat)"}
_MAX_HEADER_ROW = 40


def _cell_text(grid: Grid, r: int, c: int | None) -> str:
    if c is None:
        return ""
    v = grid.value(r, c)
    if isinstance(v, datetime | date):
        return tanggal_pendek(v)
    t = grid.text(r, c)
    return "" if re.fullmatch(r"[-–—_=.\s]*", t) else t


def cocokkan_judul(grid: Grid, row: int) -> dict[str, int]:
    """Map the rencana aksi fields to columns for one candidate header row (see
    :func:`zi_xl.xlsx.grid.cocokkan_judul`)."""
    cols = kolom_judul(grid, row, KOLOM)
    if "target_waktu" not in cols and "tenggat" in cols:  # a layout whose only time column is "Tenggat"
        cols["target_waktu"] = cols.pop("tenggat")
    return cols


def cari_judul(grid: Grid) -> tuple[int, dict[str, int]]:
    """(header row, field → column). Raises :class:`ZiError` naming the sheet and the missing header."""
    best: tuple[int, dict[str, int]] = (0, {})
    for r in grid.rows(1, _MAX_HEADER_ROW):
        cols = cocokkan_judul(grid, r)
        if all(f in cols for f in WAJIB):
            return r, cols
        if len(cols) > len(best[1]):
            best = (r, cols)
    r, cols = best
    missing = [f for f in WAJIB if f not in cols]
    if not cols:
        msg = ("baris judul tabel rencana aksi tidak ditemukan: perlu kolom " + " dan ".join(_LABEL[f] for f in WAJIB)
               + f" dalam satu baris (dicari di {_MAX_HEADER_ROW} baris pertama)")
        raise ZiError(msg, berkas=grid.berkas, sheet=grid.title)
    ada = ", ".join(f"'{grid.text(r, c)}'" for c in sorted(cols.values()))
    raise ZiError(f"baris judul tabel rencana aksi tidak lengkap: ada {ada}, tetapi kolom "
                  + " dan ".join(_LABEL[f] for f in missing) + " tidak ada", berkas=grid.berkas, sheet=grid.title,
                  sel=address(r, 1))


def tahun_dokumen(grid: Grid, header_row: int, cols: dict[str, int]) -> int | None:
    """The document's year: 'TAHUN 2022' above the header, else the most common year in the target texts."""
    for r in range(1, header_row):
        for _, text in grid.row_texts(r):
            m = re.search(r"\btahun\s+((?:19|20)\d{2})\b", text.lower())
            if m:
                return int(m.group(1))
    years = Counter()
    for r in grid.rows(header_row + 1):
        t = parse_target_waktu(grid.value(r, cols["target_waktu"]))
        if t.tenggat:
            years[t.tenggat.year] += 1
    return years.most_common(1)[0][0] if years else None


def tanggal_acuan(grid: Grid, header_row: int) -> date | None:
    """A fixed date in the cell right of a 'Tanggal acuan' label above the header (None for =TODAY())."""
    for r in range(1, header_row):
        for c, text in grid.row_texts(r):
            if norm_teks(text).startswith("tanggal acuan"):
                for cc in range(c + 1, c + 4):
                    v = grid.value(r, cc)
                    if grid.formula(r, cc) is None and isinstance(v, datetime | date):
                        return v.date() if isinstance(v, datetime) else v
    return None


def _column_numbers(texts: list[str]) -> bool:
    """A column-number row under the header: "1 2 3 …" or "(1) (2) …"."""
    return len(texts) > 2 and all(re.fullmatch(r"\(?\d{1,2}\)?", t) for t in texts)


def aksi_dari_grid(grid: Grid, tahun: int | None = None) -> tuple[list[Aksi], dict]:
    """The actions of one sheet, plus facts about it (header row, columns, year, tanggal acuan)."""
    hr, cols = cari_judul(grid)
    tahun = tahun or tahun_dokumen(grid, hr, cols)
    header_texts = {c: norm_teks(grid.text(hr, c)) for c in cols.values()}
    get = {f: (lambda r, c=c: _cell_text(grid, r, c)) for f, c in cols.items()}

    def cell(r: int, f: str) -> str:
        return get[f](r) if f in get else ""

    area: str | None = None
    komponen = indikator = ""
    target_row: tuple[int, object, str] | None = None  # (row, raw value, text) of the last target in the area
    aksi: list[Aksi] = []
    for r in grid.rows(hr + 1):
        texts = [t for _, t in grid.row_texts(r) if _cell_text_ok(t)]
        if not texts or _column_numbers(texts):
            continue
        if all(norm_teks(grid.text(r, c)) == h for c, h in header_texts.items() if grid.text(r, c)):
            continue  # header repeated after a page break
        langkah, bukti, target = cell(r, "langkah_aksi"), cell(r, "bukti_fisik"), cell(r, "target_waktu")
        ind, komp = cell(r, "indikator"), cell(r, "komponen")
        is_action = bool(langkah or bukti or (ind and target))
        if "area" in cols and cell(r, "area"):
            area = _area(cell(r, "area")) or cell(r, "area")
        if not is_action:
            heading = next((_area(t) for t in texts if _area(t)), None)
            if heading and len(texts) <= 2:
                area, komponen, indikator, target_row = heading, "", "", None
            elif komp or ind:  # a komponen/indikator row whose steps follow below
                komponen, indikator = (komp, ind) if komp else (komponen, ind or indikator)
            continue  # otherwise a note: tolerated, ignored
        a = Aksi(sheet=grid.title, baris=r, area=area, langkah_aksi=langkah, bukti_fisik=bukti)
        if komp:
            komponen, indikator = komp, ""
        else:
            a.lanjut_komponen = bool(komponen)
        if ind:
            indikator = ind
        else:
            a.lanjut_indikator = bool(indikator)
        a.no = cell(r, "no")
        a.komponen, a.indikator = komponen, indikator
        a.penanggung_jawab = cell(r, "penanggung_jawab")
        a.keterangan = cell(r, "keterangan")
        if "realisasi" in cols:
            v = grid.value(r, cols["realisasi"])
            a.realisasi = v.date() if isinstance(v, datetime) and v.time() == datetime.min.time() else v
            if isinstance(a.realisasi, str):
                a.realisasi = a.realisasi.strip() or None
        if "status_manual" in cols and grid.formula(r, cols["status_manual"]) is None:
            a.status_manual = cell(r, "status_manual")
        for fld, val in (("realisasi", a.realisasi), ("status_manual", a.status_manual)):
            if fld in cols and not baca_realisasi(val).terbaca:
                a.peringatan.append(f"{'realisasi' if fld == 'realisasi' else 'status'} \"{val}\" di sel "
                                    f"{address(r, cols[fld])} tidak terbaca: dianggap belum selesai (tulis tanggal "
                                    "selesai, 'Selesai', atau persentase seperti '50%')")
        raw = grid.value(r, cols["target_waktu"]) if target else None
        if target:
            target_row = (r, raw, target)
            a.target_waktu = target
        elif target_row is not None:
            a.lanjut_target = True
            raw, a.target_waktu = target_row[1], target_row[2]
            a.peringatan.append(f"target waktu kosong; mengikuti baris {target_row[0]} ({target_row[2]})")
        t = parse_target_waktu(raw if raw is not None else a.target_waktu, tahun=tahun)
        a.mulai, a.tenggat, a.berulang = t.mulai, t.tenggat, t.berulang
        if t.peringatan:
            a.peringatan.append(t.peringatan)
        if not t.terbaca and "tenggat" in cols:
            a.mulai, a.tenggat = _override(grid, r, cols, a)
        aksi.append(a)
    info = {"baris_judul": hr, "kolom": cols, "tahun": tahun, "tanggal_acuan": tanggal_acuan(grid, hr)}
    return aksi, info


def _area(teks: str) -> str | None:
    """The canonical area name of a heading or an AREA cell, else None."""
    kunci = kenali_area(teks)
    return nama_area(kunci) if kunci else None


def _cell_text_ok(t: str) -> bool:
    return not re.fullmatch(r"[-–—_=.\s]*", t)


def _as_date(v: object) -> date | None:
    if isinstance(v, datetime):
        return v.date()
    return v if isinstance(v, date) else None


def _override(grid: Grid, r: int, cols: dict[str, int], a: Aksi) -> tuple[date | None, date | None]:
    """When the target text is not understood, a date typed into a TENGGAT (and MULAI) column is used."""
    tenggat = _as_date(grid.value(r, cols["tenggat"]))
    if tenggat is None:
        return a.mulai, a.tenggat
    mulai = _as_date(grid.value(r, cols["mulai"])) if "mulai" in cols else None
    a.peringatan.append(f"tenggat diambil dari sel {address(r, cols['tenggat'])}")
    return mulai, tenggat


def sheet_bantu(name: str) -> bool:
    """Our summary/help sheets (the overdue list there has a rencana-aksi-like header): never read as a plan."""
    return norm_teks(name).startswith(("ringkasan", "petunjuk", "daftar pilihan"))


def find_rencana_aksi_sheet(grids: dict[str, Grid], berkas: str | None = None) -> Grid:
    """The first sheet with a rencana aksi header (helper sheets skipped); raises :class:`SheetTidakDitemukan`
    naming what each sheet lacks."""
    errors = []
    for g in grids.values():
        if sheet_bantu(g.title):
            continue
        try:
            cari_judul(g)
        except ZiError as err:
            errors.append(f"sheet '{g.title}': {err.pesan}")
            continue
        return g
    raise SheetTidakDitemukan("tidak ada tabel rencana aksi. " + "; ".join(errors), berkas=berkas)


def from_grids(grids: dict[str, Grid], per=None, sheet: str | None = None, tahun: int | None = None,
               berkas: str | None = None) -> RencanaAksi:
    """Build a :class:`RencanaAksi` from grids (every sheet that has a rencana aksi header, or ``sheet``).
    ``per``: the reference date; default the workbook's fixed 'Tanggal acuan', else today."""
    if sheet is not None and sheet not in grids:
        raise SheetTidakDitemukan(f"sheet '{sheet}' tidak ada (ada: {', '.join(grids)})", berkas=berkas)
    names = [sheet] if sheet else [n for n in grids if not sheet_bantu(n)]
    aksi: list[Aksi] = []
    errors: list[ZiError] = []
    fixed: date | None = None
    year: int | None = None
    tanpa: list[str] = []
    for name in names:
        try:
            rows, info = aksi_dari_grid(grids[name], tahun=tahun)
        except ZiError as err:
            if sheet is not None:
                raise
            errors.append(err)
            continue
        if not rows:
            errors.append(ZiError("baris judul ditemukan tetapi belum ada langkah aksi yang diisi",
                                  berkas=berkas, sheet=name, sel=address(info["baris_judul"], 1)))
            continue
        aksi += rows
        if "realisasi" not in info["kolom"] and "status_manual" not in info["kolom"]:
            tanpa.append(name)
        fixed = fixed or info["tanggal_acuan"]
        year = year or info["tahun"]
    if not aksi:
        if len(errors) == 1:
            raise errors[0]
        detail = "; ".join(f"sheet '{e.sheet}': {e.pesan}" for e in errors)
        raise SheetTidakDitemukan(f"tidak ada tabel rencana aksi yang terbaca. {detail}", berkas=berkas)
    ref = parse_tanggal(per if per is not None else fixed, bawaan=date.today())
    for a in aksi:
        a.hitung(ref)
    warn = [f"sheet '{s}' tidak punya kolom REALISASI (tanggal selesai) atau STATUS: tidak ada langkah aksi yang "
            "dapat dinyatakan selesai; tambahkan kolom itu (perintah status --tulis menambahkannya)" for s in tanpa]
    return RencanaAksi(aksi=aksi, per=ref, berkas=berkas, tahun=year, acuan_tetap=per is not None or bool(fixed),
                       peringatan=warn, tanpa_realisasi=tanpa)


def read_rencana_aksi(source: str | os.PathLike | Book, per: date | str | None = None, sheet: str | None = None,
                      tahun: int | None = None) -> RencanaAksi:
    """Read the rencana aksi of an .xlsx/.xlsm and compute each action's status.

    ``per``: reference date (``date`` or 'YYYY-MM-DD'); default: the workbook's fixed 'Tanggal acuan' if it has
    one, else today. ``sheet``: read only this sheet. ``tahun``: year for target texts that name none (default:
    'TAHUN 2022' in the title, else the most common year of the targets)."""
    book = source if isinstance(source, Book) else Book.open(source)
    return from_grids(book.grids, per=per, sheet=sheet, tahun=tahun, berkas=book.berkas)
