"""Build NEW monev workbooks with XlsxWriter: the template, the seed example, and the batch recap.

The sheets are the specifications of :mod:`.sheets` (the very cells "Perbarui Monev" writes into a user's workbook),
rendered here with what only a new book can carry: status colours and age colours as conditional formats that
follow what the user types, drop-downs (STATUS, AREA PERUBAHAN, dates), print setup (A4 landscape, one page wide),
and the settings and help sheets. Sheet order: "Petunjuk", "Pengaturan Monev", "Ringkasan Monev", then the months
(new months are appended after them by "Perbarui Monev", so the tabs stay in time order).

Formula cells carry Python's results as cached values (``cache=False`` writes 0 instead — tests use it to prove a
spreadsheet recalculated them).
"""

from __future__ import annotations

import io
import os
from datetime import date, datetime

from ..area import DAFTAR
from ..xlsx.cetak import TINGGI_BARIS, baris_teks
from ..xlsx.edits import Cell, ChartSpec, ReplaceSheet, Style
from ..xlsx.safe_write import simpan_baru
from ..xlsx.sheetxml import split_ref
from ..xlsx.vba import NAMA_TEMPAT
from . import bulan as bl
from .ledger import susun
from .model import BELUM, PROSES, SELESAI, STATUS, Rapat
from .perbarui import grid_dari_spec
from .reader import SHEET_PENGATURAN, SHEET_RINGKASAN, rapat_dari_grid, susun_monev
from .sheets import C_STATUS, C_TANGGAL, C_UMUR, WARNA_STATUS, Tata, lembar_bulan, lembar_ringkasan

SHEET_PETUNJUK = "Petunjuk"
SHEET_REKAP = "Rekap Monev"
KOLOM_PENGATURAN = [("Unit kerja", "unit"), ("Tahun", "tahun"), ("Berkas rencana aksi", "rencana_aksi"),
                    ("Nama pimpinan", "pimpinan"), ("NIP pimpinan", "nip"), ("Jabatan pimpinan", "jabatan")]


class _Fmt:
    """XlsxWriter formats for :class:`Style` s, made once each."""

    def __init__(self, wb):
        self.wb = wb
        self.cache: dict = {}
        self.date = wb.add_format({"num_format": "dd/mm/yyyy", "valign": "top"})

    def __call__(self, style: Style | None, is_date: bool = False):
        if style is None:
            return self.date if is_date else None
        key = (style, is_date)
        if key not in self.cache:
            d: dict = {"valign": "top", "font_size": style.font_size or 10}
            for attr, opt in (("bold", "bold"), ("italic", "italic"), ("wrap", "text_wrap")):
                if getattr(style, attr):
                    d[opt] = True
            if style.font_color:
                d["font_color"] = "#" + style.font_color
            if style.fill:
                d |= {"bg_color": "#" + style.fill, "pattern": 1}
            if style.border:
                d["border"] = 1
            if style.align:
                d["align"] = style.align
            if style.num_format or is_date:
                d["num_format"] = style.num_format or "dd/mm/yyyy"
            self.cache[key] = self.wb.add_format(d)
        return self.cache[key]


def render(wb, ws, spec: ReplaceSheet, fmt: _Fmt, cache: bool = True) -> None:
    """Write a sheet spec into an XlsxWriter worksheet (values, formulas with cached values, styles, widths)."""
    for r, row in enumerate(spec.rows):
        for c, item in enumerate(row):
            cell = item if isinstance(item, Cell) else Cell(value=item)
            v = cell.value
            is_date = isinstance(v, date)
            f = fmt(cell.style, is_date)
            if cell.formula is not None:
                cached = v if cache else 0
                if isinstance(cached, date):
                    cached = (datetime(cached.year, cached.month, cached.day) - datetime(1899, 12, 30)).days
                ws.write_formula(r, c, "=" + cell.formula.lstrip("="), f, "" if cached is None else cached)
            elif v is None:
                if f is not None:
                    ws.write_blank(r, c, None, f)
            elif isinstance(v, bool):
                ws.write_boolean(r, c, v, f)
            elif isinstance(v, int | float):
                ws.write_number(r, c, v, f)
            elif is_date:
                ws.write_datetime(r, c, v if isinstance(v, datetime) else datetime(v.year, v.month, v.day), f)
            else:
                ws.write_string(r, c, str(v), f)
    for letter, width in spec.widths.items():
        i = split_ref(letter + "1")[1] - 1
        ws.set_column(i, i, width)
    for r, height in tinggi_baris(spec).items():
        ws.set_row(r - 1, height)
    if spec.freeze:
        fr, fc = split_ref(spec.freeze)
        ws.freeze_panes(fr - 1, fc - 1)


def _baris_teks(text: str, per_line: int) -> int:
    """How many lines ``text`` takes when wrapped at word boundaries into lines of ``per_line`` characters."""
    n = 0
    for para in text.split("\n"):
        line = 0
        n += 1
        for word in para.split():
            need = len(word) if line == 0 else line + 1 + len(word)
            if need <= per_line:
                line = need
            else:
                n += (line > 0) + (len(word) - 1) // per_line
                line = len(word) % per_line or per_line
    return n


def tinggi_baris(spec: ReplaceSheet, pt_per_baris: float = 12.75) -> dict[int, float]:
    """Row heights (points) for the rows whose wrapped text needs more than one line, estimated by wrapping the text
    at word boundaries into the column width (about 1.2 characters of 10-point text per width unit; 0.9 for bold
    capitals). Spreadsheets do not all fit rows to wrapped text on opening (LibreOffice keeps the default height),
    so the builder sets them."""
    widths = {split_ref(k + "1")[1]: w for k, w in spec.widths.items()}
    out = {}
    for r, row in enumerate(spec.rows, start=1):
        lines = 1
        for c, item in enumerate(row, start=1):
            if not isinstance(item, Cell) or item.style is None or not item.style.wrap:
                continue
            text = item.value if isinstance(item.value, str) else ""
            factor = (0.9 if item.style.bold and text.isupper() else 1.2) * 10 / (item.style.font_size or 10)
            lines = max(lines, _baris_teks(text, max(1, int(widths.get(c, 8.43) * factor))) if text else 1)
        if lines > 1:
            out[r] = round(pt_per_baris * lines + 3, 2)
    return out


def _chart(wb, sheet: str, spec: ChartSpec):
    def rng(a1: str):
        a, _, b = a1.partition(":")
        (ra, ca), (rb, cb) = split_ref(a), split_ref(b or a)
        return [sheet, ra - 1, ca - 1, rb - 1, cb - 1]

    ch = wb.add_chart({"type": spec.kind})
    for s in spec.series:
        ch.add_series({"name": s.name, "categories": rng(s.categories), "values": rng(s.values),
                       "fill": {"color": "#" + s.color} if s.color else None, "data_labels": {"value": True}})
    ch.set_title({"name": spec.title, "name_font": {"size": 12}})
    ch.set_y_axis({"name": spec.y_title, "min": 0, "major_gridlines": {"visible": True}})
    ch.set_legend({"position": "bottom"})
    ch.set_size({"width": spec.width, "height": spec.height})
    return ch


def _print(ws, last_row: int, footer: str, last_col: str = "J") -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.set_footer(f"&L{footer}&RHalaman &P dari &N")
    ws.print_area(f"$A$1:${last_col}${last_row}")


def _formats(wb) -> dict:
    return {s: wb.add_format({"bg_color": "#" + WARNA_STATUS[s], "font_color": c})
            for s, c in ((BELUM, "#9C0006"), (PROSES, "#9C5700"), (SELESAI, "#006100"))} | {
        "tua": wb.add_format({"bg_color": "#FFC7CE"}), "sedang": wb.add_format({"bg_color": "#FFEB9C"})}


def _lembar_bulan_extras(ws, tata: Tata, cf: dict, bulan: str) -> None:
    (b0, b1), (t0, t1) = tata.baru, tata.tl
    status = f"{C_STATUS}{t0}:{C_STATUS}{t1}"
    for s in STATUS:
        ws.conditional_format(status, {"type": "cell", "criteria": "==", "value": f'"{s}"', "format": cf[s]})
    umur = f"{C_UMUR}{t0}:{C_UMUR}{t1}"
    ws.conditional_format(umur, {"type": "cell", "criteria": ">=", "value": 6, "format": cf["tua"]})
    ws.conditional_format(umur, {"type": "cell", "criteria": "between", "minimum": 3, "maximum": 5,
                                 "format": cf["sedang"]})
    ws.data_validation(status, {"validate": "list", "source": list(STATUS), "input_title": "Status bulan ini",
                                "input_message": "Kosong = tetap seperti STATUS TERAKHIR. Masukan yang belum Selesai "
                                                 "dibawa ke bulan berikutnya oleh Perbarui Monev."})
    ws.data_validation(f"C{b0}:C{b1}", {"validate": "list", "source": [a.nama for a in DAFTAR],
                                        "error_type": "information", "ignore_blank": True})
    ws.data_validation(f"{C_TANGGAL}{t0}:{C_TANGGAL}{t1}", {"validate": "date", "criteria": ">=",
                                                            "value": date(2000, 1, 1), "error_type": "warning",
                                                            "error_message": "Isi tanggal (dd/mm/yyyy)."})
    ws.data_validation("C6", {"validate": "date", "criteria": ">=", "value": date(2000, 1, 1),
                              "error_type": "warning", "input_title": "Tanggal rapat",
                              "input_message": f"Tanggal rapat monev {bl.nama(bulan)} (boleh di bulan berikutnya)."})


def _pengaturan(ws, f: _Fmt, nilai: dict) -> None:
    label = f(Style(bold=True))
    value = f(Style(bold=True, fill="FFF2CC", border=True))
    ws.write(0, 0, "PENGATURAN MONEV", f(Style(bold=True, font_size=14)))
    for i, (text, key) in enumerate(KOLOM_PENGATURAN, start=2):
        ws.write(i, 0, text, label)
        v = nilai.get(key)
        if isinstance(v, int):
            ws.write_number(i, 2, v, value)
        else:
            ws.write_string(i, 2, "" if v is None else str(v), value)
    notes = ["Catatan:",
             "- Berkas rencana aksi: nama berkas .xlsx di folder yang sama dengan workbook ini",
             "  (mis. rencana-aksi.xlsx) atau lokasi lengkapnya. Dipakai Perbarui Monev untuk cuplikan",
             "  rencana aksi (jatuh tempo, terlambat, % selesai per area) dan saran LKE soal 6 dan 92.",
             "- Nama, NIP dan jabatan pimpinan diisikan ke sheet bulan baru; ubah di sheet bulan itu",
             "  bila rapat dipimpin pejabat lain.",
             "- Tahun dipakai untuk nama bulan yang ditulis tanpa tahun."]
    for i, line in enumerate(notes, start=len(KOLOM_PENGATURAN) + 3):
        ws.write(i, 0, line, f(Style(italic=True, font_color="595959")))
    ws.set_column(0, 1, 14)
    ws.set_column(2, 2, 60)


def _petunjuk(ws, f: _Fmt) -> None:
    lines = [
        "PETUNJUK PENGISIAN MONEV ZONA INTEGRITAS",
        "",
        "1. Satu sheet per bulan ('Monev Maret 2022'). Isi data rapat di atas: tanggal rapat (boleh di awal bulan "
        "berikutnya), periode yang dipantau,",
        "   pimpinan rapat dengan NIP dan jabatan, peserta, notulen/bukti dukung. LKE menilai keterlibatan pimpinan "
        "dan keteraturan monev.",
        "2. Tabel A: satu baris per masukan perbaikan baru (uraian, masukan, area perubahan, PIC, target waktu). "
        "ID dibuat otomatis dari bulan",
        "   dan NO (mis. 2022-03-M2) dan dipakai untuk mengikuti masukan itu sampai selesai. Jangan mengubah NO "
        "setelah bulan berikutnya dibuat.",
        "3. Tabel B: masukan bulan-bulan sebelumnya yang belum selesai, dibawa otomatis. Tulis TINDAK LANJUT BULAN "
        "INI, pilih STATUS (Belum /",
        "   Proses / Selesai), isi BUKTI DUKUNG dan TANGGAL TL. Masukan berstatus Selesai tidak dibawa lagi; untuk "
        "membukanya kembali, tambahkan",
        "   barisnya (dengan ID-nya) di tabel B bulan berikutnya dengan status Proses. Jangan menghapus baris yang "
        "belum selesai.",
        "4. Awal bulan baru: klik tombol 'Perbarui Monev' (atau tab Zona Integritas di pita menu).",
        "   Sheet bulan baru dibuat (masukan terbuka dibawa, umur dalam bulan, tindak lanjut terakhir, cuplikan "
        "rencana aksi) dan 'Ringkasan Monev'",
        "   diperbarui. Menjalankannya dua kali untuk bulan yang sama tidak mengubah apa pun; sheet bulan yang "
        "sudah ada tidak pernah ditimpa.",
        "5. 'Ringkasan Monev': per bulan masukan baru, ditutup, masih terbuka, % ditindaklanjuti, bulan tanpa "
        "rapat, aksi terlambat, grafik,",
        "   saran jawaban LKE (soal 6, 7, 8, 92 — hanya saran, tidak ditulis ke LKE) dan peringatan (bulan ganda, "
        "bulan hilang, tanggal di luar",
        "   periode, masukan yang hilang tanpa ditutup, pimpinan tanpa nama/NIP).",
        "6. Pemeriksaan per unit dan pembaruan banyak unit sekaligus (satu rekap untuk semua unit) dapat dilakukan "
        "pengelola ZI dengan perintah zi-xl monev (lihat panduan zi_xl).",
    ]
    ws.set_column(0, 0, 130)
    for i, line in enumerate(lines):
        ws.write(i, 0, line, f(Style(bold=True, font_size=13)) if i == 0 else None)


def baca_balik(specs: list[ReplaceSheet], tahun: int | None = None) -> list[Rapat]:
    """The months of month-sheet specs as the reader will read them from the written book."""
    out: list[Rapat] = []
    for spec in specs:
        rs, _ = rapat_dari_grid(grid_dari_spec(spec), tahun)
        out += rs
    return out


def tulis_monev(path: str | os.PathLike, rapat: list[Rapat], *, unit: str = "", pengaturan: dict | None = None,
                rencana_aksi=None, per_ringkasan: date | None = None, cuplikan: dict[str, dict] | None = None,
                kosong_baru: int = 0, kosong_tl: int = 0, cache: bool = True,
                dibuat: datetime | None = None) -> str:
    """Write a new monev workbook with a sheet per month of ``rapat`` (in month order), the summary, the settings
    and the help sheet. ``cuplikan``: month → rencana aksi snapshot for its sheet; ``rencana_aksi`` (at
    ``per_ringkasan``) feeds the summary's suggestions; ``kosong_*``: empty rows per month table."""
    import xlsxwriter

    path = os.fspath(path)
    setting = dict(pengaturan or {})
    specs: list[tuple[ReplaceSheet, Tata, str]] = []
    done: list[Rapat] = []
    for r in sorted(rapat, key=lambda x: x.bulan):
        spec, tata = lembar_bulan(r, susun(done).masukan, unit=unit, ra=(cuplikan or {}).get(r.bulan),
                                  kosong_baru=kosong_baru, kosong_tl=kosong_tl)
        specs.append((spec, tata, r.bulan))
        done.append(r)
    read = baca_balik([s for s, _, _ in specs], setting.get("tahun"))
    ra = rencana_aksi.pada(per_ringkasan) if rencana_aksi is not None and per_ringkasan else rencana_aksi
    monev = susun_monev(read, [], pengaturan=setting | {"unit": unit} if unit else setting, rencana_aksi=ra)
    ring, where = lembar_ringkasan(monev)

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"strings_to_numbers": False, "strings_to_formulas": False,
                                   "strings_to_urls": False, "in_memory": True})
    wb.set_properties({"title": "Monitoring dan evaluasi Zona Integritas", "subject": "Monev Zona Integritas",
                       "author": "zi-xl"} | ({"created": dibuat} if dibuat else {}))
    f = _Fmt(wb)
    cf = _formats(wb)
    ws = wb.add_worksheet(SHEET_PETUNJUK)
    _petunjuk(ws, f)
    _print(ws, 20, "Petunjuk monev Zona Integritas", last_col="A")
    ws = wb.add_worksheet(SHEET_PENGATURAN)
    _pengaturan(ws, f, setting | ({"unit": unit} if unit else {}))
    _print(ws, 15, "Pengaturan monev Zona Integritas", last_col="C")
    ws = wb.add_worksheet(SHEET_RINGKASAN)
    render(wb, ws, ring, f, cache)
    if ring.chart is not None:
        ws.insert_chart(ring.chart.anchor, _chart(wb, SHEET_RINGKASAN, ring.chart))
    _print(ws, len(ring.rows), "Ringkasan monev Zona Integritas")
    ws.freeze_panes(where["bulan"][0] - 1, 1)
    last_ws = ws
    for i, (spec, tata, b) in enumerate(specs):
        ws = wb.add_worksheet(spec.name)
        render(wb, ws, spec, f, cache)
        _lembar_bulan_extras(ws, tata, cf, b)
        _print(ws, tata.akhir, f"Monev {bl.nama(b)}", last_col="K")
        if i == 0:     # the buttons of the macro-enabled template go in the empty row 3, under the title
            ws.set_row(2, 30)
            wb.define_name(NAMA_TEMPAT, f"='{spec.name}'!$A$3")
        last_ws = ws
    last_ws.activate()
    wb.close()
    simpan_baru(path, buf.getvalue(), "workbook monev")
    return path


def tulis_templat(path: str | os.PathLike, bulan: str, *, unit: str = "", dibuat: datetime | None = None) -> str:
    """The empty template: settings, help, summary and the first month's sheet (``bulan``) with empty rows."""
    r = Rapat(bulan=bulan, periode=bl.nama(bulan))
    return tulis_monev(path, [r], unit=unit, pengaturan={"tahun": bl.pisah(bulan)[0]}, kosong_baru=15,
                       kosong_tl=10, dibuat=dibuat)


def tulis_rekap(path: str | os.PathLike, baris: list[dict], bulan: str, dibuat: datetime | None = None) -> str:
    """The batch recap: one row per workbook (unit, result, open masukan, % followed up, overdue actions …) and a
    bar chart of % followed up per unit."""
    import xlsxwriter

    path = os.fspath(path)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"strings_to_numbers": False, "strings_to_formulas": False,
                                   "strings_to_urls": False, "in_memory": True})
    wb.set_properties({"title": f"Rekap monev {bl.nama(bulan)}", "author": "zi-xl"}
                      | ({"created": dibuat} if dibuat else {}))
    f = _Fmt(wb)
    ws = wb.add_worksheet(SHEET_REKAP)
    head = ["No", "Berkas", "Unit kerja", "Hasil", "Sheet bulan", "Masukan", "Ditutup", "Masih terbuka",
            "% ditindaklanjuti", "Aksi terlambat", "Peringatan", "Keterangan"]
    ws.write(0, 0, f"REKAP MONEV ZONA INTEGRITAS — {bl.nama(bulan).upper()}", f(Style(bold=True, font_size=14)))
    ws.write(1, 0, f"{len(baris)} workbook; {sum(1 for b in baris if b['hasil'] != 'galat')} berhasil, "
                   f"{sum(1 for b in baris if b['hasil'] == 'galat')} gagal", f(Style(italic=True)))
    h = f(Style(bold=True, fill="1F4E78", font_color="FFFFFF", border=True, wrap=True, align="center"))
    for c, t in enumerate(head):
        ws.write(3, c, t, h)
    ws.set_row(3, 30)
    cell, num = f(Style(border=True, wrap=True)), f(Style(border=True, align="center"))
    pct = f(Style(border=True, align="center", num_format="0.0%"))
    bad = f(Style(border=True, wrap=True, fill="FFC7CE"))
    for i, b in enumerate(baris):
        r = 4 + i
        gagal = b["hasil"] == "galat"
        vals = [i + 1, b["berkas"], b.get("unit") or "", b["hasil"], b.get("sheet") or "", b.get("masukan"),
                b.get("ditutup"), b.get("terbuka"), None, b.get("aksi_terlambat"), b.get("peringatan"),
                b.get("pesan") or ""]
        for c, v in enumerate(vals):
            if c == 8:
                p = b.get("persen_ditindaklanjuti")
                ws.write_formula(r, c, f'=IF(N(F{r + 1})=0,"",G{r + 1}/F{r + 1})', pct,
                                 "" if p is None else p / 100)
            elif v is None:
                ws.write_blank(r, c, None, num)
            elif isinstance(v, int | float):
                ws.write_number(r, c, v, num)
            else:
                ws.write_string(r, c, str(v), bad if gagal and c in (3, 11) else cell)
    widths = [5, 34, 30, 14, 20, 9, 9, 9, 14, 10, 10, 60]
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    for i, b in enumerate(baris):          # wrapped file, unit and message: tall enough to print without overlap
        lines = max(baris_teks(str(b.get(k) or ""), widths[c], 10) for c, k in ((1, "berkas"), (2, "unit"),
                                                                                  (11, "pesan")))
        if lines > 1:
            ws.set_row(4 + i, lines * TINGGI_BARIS * 10 / 11 + 2)
    ws.freeze_panes(4, 2)
    ws.autofilter(3, 0, 3 + max(len(baris), 1), len(head) - 1)
    ok = [i for i, b in enumerate(baris) if b["hasil"] != "galat" and b.get("masukan")]
    if ok:
        ch = wb.add_chart({"type": "bar"})
        ch.add_series({"name": "% ditindaklanjuti", "categories": [SHEET_REKAP, 4, 2, 3 + len(baris), 2],
                       "values": [SHEET_REKAP, 4, 8, 3 + len(baris), 8], "fill": {"color": "#70AD47"},
                       "data_labels": {"value": True, "num_format": "0%"}})
        ch.set_title({"name": "% masukan monev ditindaklanjuti per unit"})
        ch.set_x_axis({"min": 0, "max": 1, "num_format": "0%"})
        ch.set_y_axis({"reverse": True})
        ch.set_legend({"none": True})
        ch.set_size({"width": 720, "height": max(300, 22 * len(baris) + 80)})
        ws.insert_chart(5 + len(baris), 1, ch)
    _print(ws, 4 + len(baris), f"Rekap monev {bl.nama(bulan)}", last_col="L")
    wb.close()
    return simpan_baru(path, buf.getvalue(), "rekap monev")

