"""Read monev workbooks of any common layout from grids (:class:`zi_xl.xlsx.grid.Grid`), as the rencana aksi reader
reads plans: tables are found by their header text, with synonyms (:data:`KOLOM`), and the meeting by its labels.

* **A table of new masukan** has a MASUKAN PERBAIKAN column ("Masukan", "Rekomendasi", "Saran perbaikan") and an
  URAIAN or NO column — the seed's ``NO | URAIAN | MASUKAN PERBAIKAN``. **A follow-up table** has a TINDAK LANJUT
  column ("Tindaklanjut", "Realisasi tindak lanjut") and a MASUKAN or ID column — the seed's
  ``NO | MASUKAN PERBAIKAN | TINDAKLANJUT``. Other columns are optional: ID, BULAN ASAL, AREA PERUBAHAN, PIC, TARGET,
  STATUS, BUKTI DUKUNG, TANGGAL … A table ends at the next header, at a section row (one text cell at its left
  edge, e.g. "B. TINDAK LANJUT …") or at a row of column titles; blank rows inside are skipped; a row that names an
  area perubahan ("II. PENATAAN TATALAKSANA") sets the area of the rows below it.
* **The meeting**: label cells ("Bulan monev", "Periode yang dipantau", "Tanggal rapat", "Pimpinan rapat",
  "NIP", "Jabatan", "Peserta", "Notulen") with the value to their right or after a colon, or the seed's sentence
  "Pelaksanaan monitoring dan evaluasi dilakukan pada tanggal 8 Maret 2022 … sampai dengan bulan Maret 2021".
* **A sheet per month** (zi_xl's layout; ``Rapat.dari_tata_letak == "bulanan"``): the month comes from the "Bulan
  monev" cell, else from the sheet name ("Monev Maret 2022", "2022-03"). **Sections of one sheet** (the seed's
  BAB IV–V pasted into a sheet; ``"bagian"``): each table of new masukan is one meeting whose month comes from the
  heading above it ("Resume … Bulan Maret", the year from its date), and each follow-up table belongs to the month
  its masukan were raised in — found by their text; a heading that names another month is reported.

``read_monev(path_or_Book)`` returns a :class:`~zi_xl.monev.model.Monev`: the ledger (:mod:`.ledger`), the checks
(:mod:`.periksa`) and the suggested LKE answers (:mod:`.saran`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ..area import kenali_area, nama_area
from ..errors import SheetTidakDitemukan, ZiError
from ..periods import parse_target_waktu
from ..rencana_aksi.reader import read_rencana_aksi
from ..teks import tanggal_pendek
from ..xlsx.book import Book
from ..xlsx.grid import Grid, address, norm_teks
from ..xlsx.grid import cocokkan_judul as kolom_judul
from . import bulan as bl
from .ledger import mirip, susun
from .model import Masukan, Monev, Peringatan, Rapat, TindakLanjut
from .periksa import periksa
from .saran import sarankan

SHEET_PENGATURAN = "Pengaturan Monev"
SHEET_RINGKASAN = "Ringkasan Monev"

#: field → header synonyms (normalised: lower case, words only), most specific first.
KOLOM: dict[str, tuple[str, ...]] = {
    "no": ("no", "nomor", "no urut", "no masukan asal"),
    "id": ("id", "id masukan", "kode", "kode masukan"),
    "bulan_asal": ("bulan asal", "asal", "bulan masukan", "periode asal", "bulan"),
    "umur": ("umur bulan", "umur", "lama bulan", "lama"),
    "area": ("area perubahan", "area"),
    "uraian": ("uraian", "uraian kegiatan", "temuan", "hasil monitoring", "hasil monev", "permasalahan", "kondisi",
               "objek monitoring", "catatan monev"),
    "masukan": ("masukan perbaikan", "masukan", "rekomendasi", "rekomendasi perbaikan", "saran perbaikan", "saran",
                "catatan rekomendasi", "arahan"),
    "pic": ("pic", "penanggung jawab", "penanggungjawab", "pj", "pelaksana"),
    "target": ("target waktu", "target", "batas waktu", "tenggat"),
    "keterangan": ("keterangan", "ket"),
    "tl_terakhir": ("tindak lanjut terakhir", "tindak lanjut sebelumnya", "tindaklanjut terakhir",
                    "tindaklanjut sebelumnya"),
    "tindak_lanjut": ("tindak lanjut bulan ini", "tindak lanjut", "tindaklanjut", "tindak lanjut perbaikan",
                      "realisasi tindak lanjut", "hasil tindak lanjut", "tindak lanjut yang dilakukan"),
    "status_awal": ("status terakhir", "status sebelumnya", "status bulan lalu", "status awal"),
    "status": ("status", "status tindak lanjut", "status bulan ini", "progres", "progress"),
    "bukti": ("bukti dukung", "bukti", "data dukung", "dokumen", "bukti tindak lanjut"),
    "tanggal": ("tanggal tindak lanjut", "tanggal tl", "tanggal selesai", "tanggal", "tgl"),
}

#: meeting field → label synonyms (normalised)
LABEL: dict[str, tuple[str, ...]] = {
    "bulan": ("bulan monev", "bulan", "bulan pemantauan", "bulan monitoring", "periode monev", "monev bulan"),
    "periode": ("periode yang dipantau", "periode dipantau", "periode pemantauan", "periode", "objek monev",
                "objek"),
    "tanggal_rapat": ("tanggal rapat", "tanggal monev", "tanggal pelaksanaan", "hari tanggal", "tanggal",
                      "waktu pelaksanaan", "tanggal rapat monev"),
    "pimpinan": ("pimpinan rapat nama", "pimpinan rapat", "nama pimpinan", "dipimpin oleh", "pimpinan",
                 "pemimpin rapat", "nama pimpinan rapat"),
    "nip": ("nip pimpinan", "nip", "nip pimpinan rapat"),
    "jabatan": ("jabatan pimpinan", "jabatan", "jabatan pimpinan rapat"),
    "peserta": ("peserta", "peserta rapat", "yang hadir", "daftar hadir"),
    "notulen": ("notulen bukti", "notulen bukti dukung rapat", "notulen", "bukti dukung rapat", "dokumentasi",
                "notulen rapat"),
    "unit": ("unit kerja", "unit", "nama unit", "satuan kerja", "opd"),
}
PENGATURAN: dict[str, tuple[str, ...]] = {
    "unit": ("unit kerja", "unit", "nama unit"),
    "tahun": ("tahun",),
    "rencana_aksi": ("berkas rencana aksi", "rencana aksi", "file rencana aksi", "workbook rencana aksi"),
    "pimpinan": ("nama pimpinan", "pimpinan"),
    "nip": ("nip pimpinan", "nip"),
    "jabatan": ("jabatan pimpinan", "jabatan"),
}
_HELPER = ("ringkasan", "pengaturan", "petunjuk", "daftar pilihan", "rekap")
_MAX_INFO_COL = 12


def sheet_bantu(name: str) -> bool:
    """Our summary/settings/help sheets: never read as monev."""
    return norm_teks(name).startswith(_HELPER)


def _cell(grid: Grid, r: int, c: int | None) -> str:
    if c is None:
        return ""
    v = grid.value(r, c)
    if isinstance(v, datetime | date):
        return tanggal_pendek(v)
    t = grid.text(r, c)
    return "" if re.fullmatch(r"[-–—_=.\s]*", t) else t


_HARI = re.compile(r"\b(senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)\b\s*,?", re.I)


def _as_date(v: object) -> date | None:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, str) and v.strip():
        v = _HARI.sub(" ", v)           # "Kamis, 16 Maret 2023"
        t = parse_target_waktu(v)
        if t.mulai and t.mulai == t.tenggat:
            return t.tenggat
        try:
            return date.fromisoformat(v.strip()[:10])
        except ValueError:
            return None
    return None


# --------------------------------------------------------------------------------------------- tables
def cocokkan_judul(grid: Grid, row: int) -> dict[str, int]:
    """Map the monev fields to columns for one candidate header row (see :func:`zi_xl.xlsx.grid.cocokkan_judul`)."""
    return kolom_judul(grid, row, KOLOM)


def jenis_tabel(cols: dict[str, int]) -> str | None:
    """"tl" (follow-up), "baru" (new masukan) or None for a header row."""
    if "tindak_lanjut" in cols and ("masukan" in cols or "id" in cols):
        return "tl"
    if "masukan" in cols and ("uraian" in cols or "no" in cols or "id" in cols):
        return "baru"
    return None


@dataclass
class _Tabel:
    jenis: str
    baris_judul: int
    kolom: dict[str, int]
    baris: list[int] = field(default_factory=list)
    area: dict[int, str | None] = field(default_factory=dict)


def _is_break(grid: Grid, r: int, first_col: int, texts: list[tuple[int, str]]) -> bool:
    """A section row (one text cell at the table's left edge) or a row of column titles (3+ capitalised words,
    no numbers)."""
    if len(texts) == 1:
        c, t = texts[0]
        return c <= first_col and not re.fullmatch(r"\(?\d+[.)]?", t) and kenali_area(t) is None
    if len(texts) >= 3 and all(t.isupper() and not re.search(r"\d", t) for _, t in texts):
        return all(not isinstance(grid.value(r, c), int | float) for c, _ in texts)
    return False


def cari_tabel(grid: Grid) -> list[_Tabel]:
    """The monev tables of a sheet, in row order, with their data rows."""
    heads = []
    for r in grid.rows(1):
        cols = cocokkan_judul(grid, r)
        kind = jenis_tabel(cols)
        if kind:
            heads.append((r, kind, cols))
    out = []
    for i, (hr, kind, cols) in enumerate(heads):
        stop = heads[i + 1][0] if i + 1 < len(heads) else None
        t = _Tabel(kind, hr, cols)
        first_col = min(cols.values())
        area = None
        header_texts = {c: norm_teks(grid.text(hr, c)) for c in cols.values()}
        # a row exists when it has text where people write: uraian/masukan (new), masukan/tindak lanjut/ID
        # (follow-up; an ID alone is a carried row). The ID of a new row is a formula: not content.
        wanted = ("uraian", "masukan") if kind == "baru" else ("masukan", "tindak_lanjut", "id")
        content = [cols[f] for f in wanted if f in cols]
        for r in grid.rows(hr + 1, stop - 1 if stop else None):
            texts = [(c, x) for c, x in grid.row_texts(r) if not re.fullmatch(r"[-–—_=.\s]*", x)]
            if not texts:
                continue
            if all(re.fullmatch(r"\(?\d{1,2}\)?", x) for _, x in texts) and len(texts) > 2:
                continue  # column numbers under the header
            if all(norm_teks(grid.text(r, c)) == h for c, h in header_texts.items() if grid.text(r, c)):
                continue  # header repeated after a page break
            heading = kenali_area(texts[0][1]) if len(texts) <= 2 else None
            if heading and not any(_cell(grid, r, c) for c in content if c != texts[0][0]):
                area = nama_area(heading)
                continue
            if _is_break(grid, r, first_col, texts):
                break
            if not any(_cell(grid, r, c) for c in content):
                continue
            t.baris.append(r)
            t.area[r] = area
        out.append(t)
    return out


# --------------------------------------------------------------------------------------------- meeting info
def _label_value(grid: Grid, r: int, c: int, text: str, labels: dict[str, tuple[str, ...]]):
    """(field, value, value cell) when the cell at (r, c) is a label with a value, else None."""
    head, sep, rest = text.partition(":")
    h = norm_teks(head)
    best = None
    for fld, syns in labels.items():
        for i, s in enumerate(syns):
            if h == s and (best is None or i < best[1]):
                best = (fld, i)
    if best is None:
        return None
    fld = best[0]
    if sep and rest.strip():
        return fld, rest.strip(), address(r, c)
    for cc in range(c + 1, c + 5):
        v = grid.value(r, cc)
        if v is None or (isinstance(v, str) and (not v.strip() or v.strip() == ":")):
            continue
        if isinstance(v, str) and _label_value(grid, r, cc, v, labels):
            return None   # the next cell is another label: this one is empty
        return fld, v, address(r, cc)
    return fld, None, address(r, c + 2)


def baca_label(grid: Grid, rows: list[int], labels: dict[str, tuple[str, ...]] = LABEL) -> dict[str, tuple]:
    """field → (value, cell) for the label cells of ``rows`` (the first label of a field wins)."""
    out: dict[str, tuple] = {}
    for r in rows:
        for c, text in grid.row_texts(r):
            if c > _MAX_INFO_COL or not isinstance(grid.value(r, c), str):
                continue
            hit = _label_value(grid, r, c, text, labels)
            if hit and hit[0] not in out:
                out[hit[0]] = (hit[1], hit[2])
    return out


_TGL = re.compile(r"tanggal\s+(\d{1,2}\s+[a-z]+\s+(?:19|20)\d{2})", re.I)
_PERIODE = re.compile(r"((?:sampai dengan|s\.?\s*d\.?|hingga|periode)\s+(?:bulan\s+|tahun\s+)?"
                      r"[a-z]*\s*(?:19|20)\d{2})", re.I)
_JUDUL_BULAN = re.compile(r"\bbulan\s+([a-z]+)\b", re.I)
_TL_JUDUL = re.compile(r"tindak\s*lanjut", re.I)


def _kalimat(texts: list[tuple[str, str]]) -> dict[str, tuple]:
    """Meeting facts from free text (the seed's sentences and headings): tanggal_rapat, periode, judul (month
    heading), judul_tl (follow-up heading). ``texts``: (cell, text)."""
    out: dict[str, tuple] = {}
    for ref, t in texts:
        m = _TGL.search(t)
        if m and "tanggal_rapat" not in out:
            d = parse_target_waktu(m.group(1))
            if d.tenggat and d.mulai == d.tenggat:
                out["tanggal_rapat"] = (d.tenggat, ref)
        m = _PERIODE.search(t)
        if m and "periode" not in out:
            out["periode"] = (m.group(1), ref)
        if _TL_JUDUL.search(t) and len(t) < 120:
            out["judul_tl"] = (t, ref)
        elif _JUDUL_BULAN.search(t) and bl.bulan_saja(_JUDUL_BULAN.search(t).group(0)) and len(t) < 120:
            out["judul"] = (t, ref)
    return out


def pengaturan(grids: dict[str, Grid]) -> dict:
    """The settings of the "Pengaturan Monev" sheet (unit, tahun, berkas rencana aksi, pimpinan …), with the cell
    of each in ``sel``."""
    g = next((g for n, g in grids.items() if norm_teks(n) == norm_teks(SHEET_PENGATURAN)), None)
    if g is None:
        return {}
    found = baca_label(g, g.rows(1), PENGATURAN)
    out = {k: (v if not isinstance(v, str) else v.strip()) for k, (v, _) in found.items() if v not in (None, "")}
    out["sel"] = {k: ref for k, (_, ref) in found.items()}
    out["sheet"] = g.title
    return out


# --------------------------------------------------------------------------------------------- rows → model
def _no(text: str) -> str:
    t = re.sub(r"[.)\s]+$", "", text.strip())
    return re.sub(r"^\(", "", t)


def id_masukan(bulan: str, no: str) -> str:
    """The ID of a masukan raised in ``bulan`` with number ``no``: "2022-03-M2"."""
    return f"{bulan}-M{no}"


_ID = re.compile(r"^((?:19|20)\d{2}-(?:0[1-9]|1[0-2]))-M")


def _masukan_baru(grid: Grid, t: _Tabel, bulan: str) -> list[Masukan]:
    out = []
    get = t.kolom.get
    for k, r in enumerate(t.baris, start=1):
        no = _no(_cell(grid, r, get("no"))) or str(k)
        area = _cell(grid, r, get("area"))
        out.append(Masukan(id=id_masukan(bulan, no), bulan_asal=bulan, no=no,
                           area=(nama_area(kenali_area(area)) if kenali_area(area) else area) or t.area.get(r),
                           uraian=_cell(grid, r, get("uraian")), masukan=_cell(grid, r, get("masukan")),
                           pic=_cell(grid, r, get("pic")), target=_cell(grid, r, get("target")),
                           keterangan=_cell(grid, r, get("keterangan")), sheet=grid.title, baris=r))
    return out


def _tindak_lanjut(grid: Grid, t: _Tabel, bulan: str, asal: tuple[str | None, str] = (None, "")) -> list:
    out = []
    get = t.kolom.get
    for r in t.baris:
        ident = _cell(grid, r, get("id")) or None
        asal_teks = _cell(grid, r, get("bulan_asal")) if "bulan_asal" in t.kolom else asal[1]
        b_asal = bl.kenali_bulan(grid.value(r, get("bulan_asal"))) if "bulan_asal" in t.kolom else asal[0]
        if b_asal is None and ident and _ID.match(ident):
            b_asal = _ID.match(ident).group(1)
        c_tgl = get("tanggal")
        out.append(TindakLanjut(
            id=ident, bulan=bulan, sheet=grid.title, baris=r, no=_no(_cell(grid, r, get("no"))), bulan_asal=b_asal,
            asal_teks=asal_teks, masukan=_cell(grid, r, get("masukan")), teks=_cell(grid, r, get("tindak_lanjut")),
            status_tertulis=_cell(grid, r, get("status")), status_awal=_cell(grid, r, get("status_awal")),
            bukti=_cell(grid, r, get("bukti")),
            tanggal=_as_date(grid.value(r, c_tgl)) if c_tgl else None,
            sel_tanggal=address(r, c_tgl) if c_tgl else None,
            sel_status=address(r, get("status")) if get("status") else None,
            sel_id=address(r, get("id") or get("masukan") or get("no") or 1)))
    return out


def _isi_rapat(rapat: Rapat, info: dict[str, tuple], sheet: str) -> None:
    for fld in ("periode", "pimpinan", "nip", "jabatan", "peserta", "notulen", "unit"):
        if fld in info and info[fld][0] not in (None, ""):
            v = info[fld][0]
            setattr(rapat, fld, tanggal_pendek(v) if isinstance(v, date | datetime) else str(v).strip())
    if "tanggal_rapat" in info:
        rapat.tanggal_rapat = _as_date(info["tanggal_rapat"][0])
    for fld, (_, ref) in info.items():
        rapat.sel.setdefault(fld, ref)


def _snapshot(grid: Grid, start: int) -> dict | None:
    """The rencana aksi snapshot written by zi_xl below the tables: the KESELURUHAN row of the section
    "C. RENCANA AKSI" ({"per", "terlambat", "persen_selesai"})."""
    head = None
    per = None
    for r in grid.rows(start):
        texts = grid.row_texts(r)
        low = [norm_teks(t) for _, t in texts]
        if any(t.startswith("tanggal acuan") for t in low):
            per = next((_as_date(grid.value(r, c)) for c, _ in texts if _as_date(grid.value(r, c))), per)
        if "terlambat" in low and "jumlah aksi" in low:
            head = {norm_teks(t): c for c, t in texts}
        if head and low and low[0] == "keseluruhan":
            pct = grid.value(r, head["persen selesai"]) if "persen selesai" in head else None
            late = grid.value(r, head["terlambat"])
            return {"per": per, "terlambat": int(late) if isinstance(late, int | float) else None,
                    "persen_selesai": round(100 * pct, 1) if isinstance(pct, int | float) else None}
    return None


def rapat_dari_grid(grid: Grid, tahun: int | None = None) -> tuple[list[Rapat], list[Peringatan]]:
    """The months recorded in one sheet, and what could not be read."""
    tables = cari_tabel(grid)
    if not tables:
        return [], []
    warns: list[Peringatan] = []
    first = tables[0].baris_judul
    top = baca_label(grid, grid.rows(1, first - 1))
    baru = [t for t in tables if t.jenis == "baru"]
    month = None
    if "bulan" in top:
        month = bl.kenali_bulan(top["bulan"][0], tahun)
    month = month or bl.kenali_bulan(grid.title, tahun)
    if month and len(baru) <= 1:
        r = Rapat(bulan=month, sheet=grid.title, dari_tata_letak="bulanan")
        _isi_rapat(r, top, grid.title)
        if "tanggal_rapat" not in top or "periode" not in top:
            said = _kalimat([(address(rr, c), t) for rr in grid.rows(1, first - 1) for c, t in grid.row_texts(rr)])
            for fld in ("tanggal_rapat", "periode"):
                if fld not in top and fld in said:
                    _isi_rapat(r, {fld: said[fld]}, grid.title)
        r.sel.setdefault("bulan", top["bulan"][1] if "bulan" in top else "A1")
        for t in tables:
            if t.jenis == "baru":
                r.masukan += _masukan_baru(grid, t, month)
                r.sel["tabel_baru"] = address(t.baris_judul, min(t.kolom.values()))
            else:
                r.tindak_lanjut += _tindak_lanjut(grid, t, month)
                r.sel["tabel_tl"] = address(t.baris_judul, min(t.kolom.values()))
        r.rencana_aksi = _snapshot(grid, max(t.baris_judul for t in tables))
        return [r], warns
    return _bagian(grid, tables, tahun, warns)


def _bagian(grid: Grid, tables: list[_Tabel], tahun: int | None, warns: list[Peringatan]):
    """Sections of one sheet (the seed's BAB IV–V): a meeting per table of new masukan, follow-up tables joined
    to the month their masukan were raised in."""
    rapat: list[Rapat] = []
    pending: list[tuple[_Tabel, dict]] = []
    prev_end = 0
    for t in tables:
        ctx_rows = grid.rows(prev_end + 1, t.baris_judul - 1)
        texts = [(address(r, c), x) for r in ctx_rows for c, x in grid.row_texts(r)]
        said = _kalimat(texts) | {k: v for k, v in baca_label(grid, ctx_rows).items()}
        prev_end = max(t.baris or [t.baris_judul])
        if t.jenis == "tl":
            pending.append((t, said))
            continue
        d = _as_date(said["tanggal_rapat"][0]) if "tanggal_rapat" in said else None
        month = None
        if "bulan" in said:
            month = bl.kenali_bulan(said["bulan"][0], tahun or (d.year if d else None))
        if month is None and "judul" in said:
            n = bl.bulan_saja(_JUDUL_BULAN.search(said["judul"][0]).group(0))
            year = bl.tahun_dalam(said["judul"][0]) or (d.year if d else None) or tahun
            month = bl.format_bulan(year, n) if year else None
        if month is None and d is not None:
            month = bl.dari_tanggal(d)
        if month is None:
            warns.append(Peringatan(grid.title, address(t.baris_judul, 1),
                                    "bulan tabel masukan ini tidak dikenali (tulis 'Bulan monev: Maret 2022' atau "
                                    "tanggal rapat di atasnya); tabel dilewati"))
            continue
        r = Rapat(bulan=month, sheet=grid.title, dari_tata_letak="bagian")
        _isi_rapat(r, said, grid.title)
        r.sel["bulan"] = (said.get("judul") or said.get("bulan") or said.get("tanggal_rapat")
                          or (None, address(t.baris_judul, 1)))[1]
        r.sel["tabel_baru"] = address(t.baris_judul, min(t.kolom.values()))
        r.masukan = _masukan_baru(grid, t, month)
        rapat.append(r)
    for t, said in pending:
        _tl_bagian(grid, t, said, rapat, tahun, warns)
    return rapat, warns


def _tl_bagian(grid: Grid, t: _Tabel, said: dict, rapat: list[Rapat], tahun: int | None,
               warns: list[Peringatan]) -> None:
    """A follow-up table of a section layout: its rows' masukan are looked up by text among the sheet's masukan;
    the table joins the meeting where most were raised (a heading naming another month is reported)."""
    judul, ref = said.get("judul_tl", ("", address(t.baris_judul, 1)))
    hint = bl.kenali_bulan(judul)
    asal_teks = re.sub(r"^.*?(?:kegiatan|evaluasi|periode)\s+", "", judul, flags=re.I).strip() if judul else ""
    votes: dict[int, int] = {}
    for r in t.baris:
        text = _cell(grid, r, t.kolom.get("masukan"))
        best = max(((mirip(m.masukan, text), i) for i, rp in enumerate(rapat) for m in rp.masukan),
                   default=(0.0, -1))
        if best[0] >= 0.8:
            votes[best[1]] = votes.get(best[1], 0) + 1
    if votes:
        target = rapat[max(votes, key=lambda i: (votes[i], -i))]
        if hint and hint != target.bulan:
            warns.append(Peringatan(grid.title, ref, f"judul '{judul}' menyebut {bl.nama(hint)}, tetapi masukannya "
                                                     f"tercatat pada monev {bl.nama(target.bulan)}"
                                                     + (f" (rapat {tanggal_pendek(target.tanggal_rapat)})"
                                                        if target.tanggal_rapat else "")))
        origin = (target.bulan, asal_teks or bl.nama(target.bulan))
    else:
        target = next((rp for rp in rapat if hint and rp.bulan > hint), rapat[0] if rapat else None)
        origin = (hint, asal_teks)
    if target is None:
        warns.append(Peringatan(grid.title, ref, "tabel tindak lanjut tanpa tabel masukan di sheet ini; dilewati"))
        return
    target.tindak_lanjut += _tindak_lanjut(grid, t, target.bulan, origin)
    target.sel.setdefault("tabel_tl", address(t.baris_judul, min(t.kolom.values())))


# --------------------------------------------------------------------------------------------- workbook
def adalah_monev(grids: dict[str, Grid]) -> bool:
    """True for a monev workbook: a monev table in some sheet, or our settings/summary sheet."""
    names = {norm_teks(n) for n in grids}
    if norm_teks(SHEET_PENGATURAN) in names or norm_teks(SHEET_RINGKASAN) in names:
        return True
    return any(cari_tabel(g) for n, g in grids.items() if not sheet_bantu(n))


def find_monev_sheet(grids: dict[str, Grid], berkas: str | None = None) -> Grid:
    """The first sheet with a monev table (the earliest month sheet of zi_xl's layout; the place for a button);
    raises :class:`SheetTidakDitemukan`."""
    for n, g in grids.items():
        if not sheet_bantu(n) and cari_tabel(g):
            return g
    raise SheetTidakDitemukan("tidak ada tabel monev (perlu kolom 'Masukan Perbaikan' bersama 'Uraian'/'No', atau "
                              "'Tindak Lanjut' bersama 'Masukan'/'ID', dalam satu baris judul)", berkas=berkas)


def baca_rapat(grids: dict[str, Grid], tahun: int | None = None) -> tuple[list[Rapat], list[Peringatan]]:
    """Every month recorded in the workbook (sheet order), and the reading warnings."""
    rapat: list[Rapat] = []
    warns: list[Peringatan] = []
    for n, g in grids.items():
        if sheet_bantu(n):
            continue
        rs, ws = rapat_dari_grid(g, tahun)
        rapat += rs
        warns += ws
    return rapat, warns


def susun_monev(rapat: list[Rapat], peringatan: list[Peringatan], *, berkas: str | None = None,
                pengaturan: dict | None = None, rencana_aksi=None) -> Monev:
    """The :class:`Monev` of months already read: ledger, checks, suggestions."""
    setting = pengaturan or {}
    buku = susun(rapat)
    unit = str(setting.get("unit") or next((r.unit for r in rapat if r.unit), ""))
    monev = Monev(rapat=sorted(rapat, key=lambda r: r.bulan), masukan=buku.masukan,
                  peringatan=peringatan + periksa(rapat, buku), berkas=berkas, unit=unit, pengaturan=setting,
                  rencana_aksi=rencana_aksi, per=rencana_aksi.per if rencana_aksi is not None else None)
    monev.saran = sarankan(monev.rapat, monev.masukan, rencana_aksi)
    return monev


def baca_monev(grids: dict[str, Grid], berkas: str | None = None, tahun: int | None = None,
               harus_ada: bool = True) -> tuple[list[Rapat], list[Peringatan], dict]:
    """(months, reading warnings, settings) of a workbook; raises :class:`SheetTidakDitemukan` when ``harus_ada``
    and the workbook is not a monev workbook (an empty template is one)."""
    setting = pengaturan(grids)
    if tahun is None and isinstance(setting.get("tahun"), int | float):
        tahun = int(setting["tahun"])
    rapat, warns = baca_rapat(grids, tahun)
    if not rapat and harus_ada and not adalah_monev(grids):
        raise SheetTidakDitemukan("workbook ini bukan workbook monev: " + find_monev_sheet_pesan(grids),
                                  berkas=berkas)
    return rapat, warns, setting


def from_grids(grids: dict[str, Grid], berkas: str | None = None, rencana_aksi=None, tahun: int | None = None,
               harus_ada: bool = True) -> Monev:
    """Build a :class:`Monev` from grids. ``rencana_aksi``: a :class:`~zi_xl.rencana_aksi.model.RencanaAksi` (its
    statuses at its own reference date) for the suggestions of soal 6 and 92. ``harus_ada``: raise
    :class:`SheetTidakDitemukan` when the workbook is not a monev workbook (an empty template is one)."""
    rapat, warns, setting = baca_monev(grids, berkas, tahun, harus_ada)
    return susun_monev(rapat, warns, berkas=berkas, pengaturan=setting, rencana_aksi=rencana_aksi)


def find_monev_sheet_pesan(grids: dict[str, Grid]) -> str:
    try:
        find_monev_sheet(grids)
    except ZiError as err:
        return err.pesan
    return ""


def berkas_rencana_aksi(monev_berkas: str | None, setting: dict) -> str | None:
    """The linked rencana aksi file of the settings sheet, resolved against the monev workbook's folder (None when
    there is none)."""
    link = setting.get("rencana_aksi")
    if not link:
        return None
    link = str(link).strip().strip('"')
    if os.path.isabs(link) or not monev_berkas:
        return link
    return os.path.join(os.path.dirname(os.path.abspath(monev_berkas)), link)


def read_monev(source: str | os.PathLike | Book, rencana_aksi=None, per: date | str | None = None,
               tahun: int | None = None) -> Monev:
    """Read a monev workbook (.xlsx/.xlsm, or a :class:`~zi_xl.xlsx.book.Book`) into its ledger.

    ``rencana_aksi``: a path, a Book or a RencanaAksi; default the file named in "Pengaturan Monev" (relative to
    the monev workbook), when it exists. ``per``: the reference date of the rencana aksi statuses (default: the
    last day of the last monev month). ``tahun``: year for month names written without one."""
    book = source if isinstance(source, Book) else Book.open(source)
    rapat, warns, setting = baca_monev(book.grids, book.berkas, tahun)
    last = max((r.bulan for r in rapat), default=None)
    if per is None and last is not None:
        per = bl.hari_terakhir(last)
    ra = rencana_aksi
    if ra is None:
        path = berkas_rencana_aksi(book.berkas, setting)
        ra = path if path and os.path.exists(path) else None
    if ra is not None and per is not None:
        ra = ra.pada(per) if hasattr(ra, "ringkasan") else read_rencana_aksi(ra, per=per)
    elif ra is not None and not hasattr(ra, "ringkasan"):
        ra = None   # a workbook without months: no reference date for the plan
    return susun_monev(rapat, warns, berkas=book.berkas, pengaturan=setting, rencana_aksi=ra)
