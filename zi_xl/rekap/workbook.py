"""The rekap as a NEW workbook (XlsxWriter): what an evaluator prints and files.

Sheets:

* **Ringkasan** — files read/unreadable, units per predikat and per "dapat diusulkan" (native column chart), the
  average % of each area perubahan against the WBK/WBBM minimums (native bar chart);
* **Rekap** — one row per unit with the headline answers, best total first (Peringkat): unit name (from the
  workbook), file, version, source, Pengungkit/Hasil/Total, the six areas' % of weight coloured against the
  minimums, predikat, the thresholds of the next predikat not met, blank answers, formula anomalies, unit − TPI total
  and answers that differ, "Dapat diusulkan" and why;
* **Rekap <sumber>** — the same for every other answer source (when there are several);
* **Syarat Usulan** — the proposal checklist per unit, one column per requirement (Tabel 5 and pra-evaluasi);
* **Tidak Terbaca** — every file that could not be read, with the reason.

Every table sheet prints A4 landscape, one page wide, its header repeated, footer "Halaman &P dari &N".
"""

from __future__ import annotations

import os
from datetime import datetime

from ..area import DAFTAR, LEGENDA_SINGKAT
from ..teks import waktu as teks_waktu
from ..xlsx.safe_write import berkas_baru
from .model import BarisRekap, Rekap
from .usulan import BELUM, TIDAK, YA, data, gabung

SHEET_RINGKASAN = "Ringkasan"
SHEET_REKAP = "Rekap"
SHEET_USULAN = "Syarat Usulan"
SHEET_GALAT = "Tidak Terbaca"
JUDUL = "Rekap Penilaian LKE Zona Integritas"
BARIS_JUDUL = 5                                  # header row of the table sheets (1-based)

_HIJAU, _KUNING, _MERAH, _ABU = "#C6EFCE", "#FFEB9C", "#FFC7CE", "#EDEDED"


class _F:
    """XlsxWriter formats, made once per look."""

    def __init__(self, wb):
        self.wb = wb
        self._c: dict = {}

    def __call__(self, **kw):
        key = tuple(sorted(kw.items()))
        if key not in self._c:
            base = {"font_name": "Arial", "font_size": 9, "valign": "top", "border": 1, "border_color": "#A6A6A6"}
            base.update(kw)
            if base.get("border") == 0:
                base.pop("border_color")
            self._c[key] = self.wb.add_format(base)
        return self._c[key]


def _nama_sheet(label: str, dipakai: set[str]) -> str:
    bad = '[]:*?/\\'
    name = "Rekap " + "".join("-" if ch in bad else ch for ch in label.replace("Jawaban ", ""))
    name = name[:31]
    base, k = name, 2
    while name.lower() in dipakai:
        name = f"{base[:28]} {k}"
        k += 1
    dipakai.add(name.lower())
    return name


def _print(ws, judul: str) -> None:
    ws.set_landscape()
    ws.set_paper(9)                                   # A4
    ws.fit_to_pages(1, 0)                             # one page wide, as many long as needed
    ws.repeat_rows(BARIS_JUDUL - 1)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_header(f"&L&8{judul.replace('&', '&&')}")
    ws.set_footer("&L&8zi-xl&R&8Halaman &P dari &N")


def _judul(ws, F, judul: str, sub: str, last_col: int, legenda: str = "") -> None:
    ws.merge_range(0, 0, 0, last_col, judul, F(bold=True, font_size=13, border=0))
    ws.merge_range(1, 0, 1, last_col, sub, F(border=0, italic=True))
    if legenda:
        ws.merge_range(2, 0, 2, last_col, legenda, F(border=0, font_size=8, text_wrap=True))
        ws.set_row(2, 24)


def _tinggi(ws, r: int, cells: list[tuple[str, float]]) -> None:
    """Row height for wrapped texts ((text, column width) pairs), Arial 9: about 1.5 characters per width unit,
    10.5 points per line — LibreOffice and Excel do not grow rows of a file written by XlsxWriter by themselves."""
    lines = max((max(1, -(-len(t) // max(int(w * 1.5), 4))) for t, w in cells if t), default=1)
    if lines > 1:
        ws.set_row(r, 10.5 * lines + 3)


def _warna_area(p: float | None, mn: dict[str, float]) -> str:
    if p is None:
        return _ABU
    if "WBBM" in mn and p >= mn["WBBM"] - 1e-9:
        return _HIJAU
    if "WBK" in mn and p >= mn["WBK"] - 1e-9:
        return _KUNING
    return _MERAH if mn else "#FFFFFF"


def _warna_predikat(p: str | None) -> str:
    return {"WBBM": _HIJAU, "WBK": _KUNING, "Tidak memenuhi": _MERAH}.get(p or "", _ABU)


def _warna_dapat(d: str) -> str:
    return {YA: _HIJAU, TIDAK: _MERAH, BELUM: _KUNING}.get(d, _ABU)


def _tabel(wb, F, name: str, rows: list[BarisRekap], label: str, dibuat: str, utama: bool) -> None:
    ws = wb.add_worksheet(name)
    heads = [("Peringkat", 6.5), ("Unit kerja", 24), ("Berkas", 15), ("Versi LKE", 5), ("Sumber jawaban", 6.5),
             ("Pengungkit", 7), ("Hasil", 6), ("Total", 6)]
    heads += [(f"{a.singkat} (% bobot)", 6) for a in DAFTAR]
    heads += [("Predikat", 10), ("Belum terpenuhi menuju predikat berikutnya", 24), ("Belum diisi", 5),
              ("Anomali rumus", 5.5), ("Unit − TPI (total)", 6.5), ("Jawaban berbeda (unit/ TPI)", 6.5)]
    if utama:
        heads += [("Dapat diusulkan", 7), ("Karena (rincian: sheet 'Syarat Usulan')", 26)]
    last = len(heads) - 1
    mins = sorted({(k, v) for b in rows for a in b.area for k, v in a.minimum.items()})
    min_txt = ", ".join(f"{k} {v * 100:.0f}%" for k, v in mins) if mins else "-"
    legenda = (f"Area (% bobot, Pemenuhan + Reform): {LEGENDA_SINGKAT}. Warna: hijau ≥ minimum WBBM, kuning ≥ "
               f"minimum WBK, merah di bawahnya (minimum: {min_txt}). Urut: nilai total tertinggi lebih dulu.")
    _judul(ws, F, f"{JUDUL} — {label}", f"Dibuat {dibuat} · {len(rows)} unit", last, legenda)
    hdr = F(bold=True, text_wrap=True, align="center", valign="vcenter", bg_color="#D9E1F2")
    h0 = BARIS_JUDUL - 1
    ws.set_row(h0, 50)
    for c, (text, width) in enumerate(heads):
        ws.write_string(h0, c, text, hdr)
        ws.set_column(c, c, width)
    wrap = F(text_wrap=True)
    num, cen = F(num_format="0.00"), F(align="center")
    for i, b in enumerate(rows):
        r = h0 + 1 + i
        ws.write(r, 0, b.peringkat if b.peringkat is not None else "-", cen)
        ws.write_string(r, 1, b.unit, wrap)
        ws.write_string(r, 2, os.path.basename(b.berkas), wrap)
        ws.write_string(r, 3, b.versi, cen)
        ws.write_string(r, 4, b.label.replace("Jawaban ", ""), wrap)
        for c, k in ((5, "pengungkit"), (6, "hasil"), (7, "total")):
            v = None if b.kosong else b.nilai.get(k)
            ws.write(r, c, v if v is not None else "-", num if v is not None else cen)
        by = {a.kunci: a for a in b.area}
        for j, a in enumerate(DAFTAR):
            x = by.get(a.kunci)
            p = x.persen if x else None
            fmt = F(num_format="0%", bg_color=_warna_area(p, x.minimum if x else {}), align="right")
            ws.write(r, 8 + j, p if p is not None else "-", fmt)
        c = 8 + len(DAFTAR)
        ws.write_string(r, c, b.predikat or "belum diisi", F(bg_color=_warna_predikat(b.predikat), bold=True,
                                                             text_wrap=True))
        ws.write_string(r, c + 1, b.gagal_singkat or "-", wrap)
        ws.write_number(r, c + 2, b.belum_diisi, cen)
        ws.write_number(r, c + 3, b.anomali, cen)
        ws.write(r, c + 4, b.selisih_tpi if b.selisih_tpi is not None else "-",
                 F(num_format="+0.00;-0.00;0.00") if b.selisih_tpi is not None else cen)
        ws.write(r, c + 5, b.jawaban_berbeda if b.jawaban_berbeda is not None else "-", cen)
        texts = [(b.unit, heads[1][1]), (os.path.basename(b.berkas), heads[2][1]),
                 (b.gagal_singkat, heads[c + 1][1]), (b.predikat or "", heads[c][1])]
        if utama:
            u = b.usulan
            why = (u.ringkas() if u else "") + (f" ({b.catatan})" if b.catatan else "")
            ws.write_string(r, c + 6, u.dapat if u else "-", F(bg_color=_warna_dapat(u.dapat) if u else _ABU,
                                                                 bold=True, align="center", text_wrap=True))
            ws.write_string(r, c + 7, why, wrap)
            texts.append((why, heads[c + 7][1]))
        _tinggi(ws, r, texts)
    ws.freeze_panes(BARIS_JUDUL, 2)
    if rows:
        ws.autofilter(h0, 0, h0 + len(rows), last)
    _print(ws, f"{JUDUL} — {label}")


def _ringkasan(wb, F, rekap: Rekap, dibuat: str) -> None:
    ws = wb.add_worksheet(SHEET_RINGKASAN)
    ws.set_column(0, 0, 42)
    ws.set_column(1, 3, 14)
    _judul(ws, F, JUDUL, f"Dibuat {dibuat} · jawaban utama: {_label_utama(rekap)}", 3)
    ri = rekap.ringkasan()
    b, t = F(bold=True, bg_color="#D9E1F2", text_wrap=True), F()
    r = BARIS_JUDUL - 1
    for label, v in (("Berkas diperiksa", ri["berkas"]), ("Terbaca dan dinilai", ri["terbaca"]),
                     (f"Tidak terbaca (sheet '{SHEET_GALAT}')", ri["galat"])):
        ws.write_string(r, 0, label, t)
        ws.write_number(r, 1, v, t)
        r += 1
    r += 1
    ws.write_string(r, 0, "Predikat (jawaban utama)", b)
    ws.write_string(r, 1, "Jumlah unit", b)
    first = r + 1
    for k in ("WBBM", "WBK", "Tidak memenuhi", "belum diisi"):
        r += 1
        ws.write_string(r, 0, k, F(bg_color=_warna_predikat(k if k != "belum diisi" else None)))
        ws.write_number(r, 1, ri["predikat"].get(k, 0), t)
    ch = wb.add_chart({"type": "column"})
    ch.add_series({"name": "Jumlah unit", "categories": [SHEET_RINGKASAN, first, 0, r, 0],
                   "values": [SHEET_RINGKASAN, first, 1, r, 1], "data_labels": {"value": True},
                   "points": [{"fill": {"color": c}} for c in ("#70AD47", "#FFC000", "#FF6B6B", "#BFBFBF")]})
    ch.set_title({"name": "Unit per predikat", "name_font": {"size": 11}})
    ch.set_legend({"none": True})
    ch.set_y_axis({"num_format": "0", "major_gridlines": {"visible": True}})
    ch.set_size({"width": 460, "height": 260})
    ws.insert_chart(BARIS_JUDUL - 1, 5, ch)
    r += 2
    ws.write_string(r, 0, "Dapat diusulkan (sheet 'Syarat Usulan')", b)
    ws.write_string(r, 1, "Jumlah unit", b)
    for k in (YA, BELUM, TIDAK):
        r += 1
        ws.write_string(r, 0, k, F(bg_color=_warna_dapat(k)))
        ws.write_number(r, 1, ri["dapat_diusulkan"].get(k, 0), t)
    r += 2
    ws.write_string(r, 0, "Area perubahan: rata-rata % bobot", b)
    ws.write_string(r, 1, "Rata-rata", b)
    ws.write_string(r, 2, "Minimum WBK", b)
    ws.write_string(r, 3, "Minimum WBBM", b)
    a0 = r + 1
    for a in DAFTAR:
        r += 1
        ps = [x.persen for row in rekap.baris for x in row.area if x.kunci == a.kunci and x.persen is not None]
        mn = next((x.minimum for row in rekap.baris for x in row.area if x.kunci == a.kunci and x.minimum), {})
        pct = F(num_format="0.0%")
        ws.write_string(r, 0, a.nama, t)
        ws.write(r, 1, sum(ps) / len(ps) if ps else "-", pct)
        ws.write(r, 2, mn.get("WBK", "-"), pct)
        ws.write(r, 3, mn.get("WBBM", "-"), pct)
    bar = wb.add_chart({"type": "bar"})
    for col, name, color in ((1, "Rata-rata", "#4472C4"), (2, "Minimum WBK", "#FFC000"),
                             (3, "Minimum WBBM", "#70AD47")):
        bar.add_series({"name": name, "categories": [SHEET_RINGKASAN, a0, 0, r, 0],
                        "values": [SHEET_RINGKASAN, a0, col, r, col], "fill": {"color": color}})
    bar.set_title({"name": "Rata-rata % bobot area dan minimum predikat", "name_font": {"size": 11}})
    bar.set_x_axis({"min": 0, "max": 1, "major_unit": 0.2, "num_format": "0%", "num_font": {"rotation": 0},
                    "major_gridlines": {"visible": True}})
    bar.set_y_axis({"reverse": True})
    bar.set_legend({"position": "bottom"})
    bar.set_size({"width": 460, "height": 300})
    ws.insert_chart(BARIS_JUDUL + 13, 5, bar)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 1)
    ws.set_footer("&L&8zi-xl&R&8Halaman &P dari &N")


def _label_utama(rekap: Rekap) -> str:
    src = rekap.sumber()
    return src[0][1] if src else rekap.jawaban


def _usulan(wb, F, rekap: Rekap, dibuat: str) -> None:
    ws = wb.add_worksheet(SHEET_USULAN)
    specs = data()["syarat"]
    heads = [("Unit kerja", 22), ("Target", 6), ("Dapat diusulkan", 7),
             ("Pra-evaluasi: ambang nilai LKE (PermenPANRB 90/2021)", 16), ("Dinilai dengan", 7),
             ("Jalur afirmasi", 11)]
    heads += [(s["syarat"], 9) for s in specs]
    heads += [("Karena", 44)]
    last = len(heads) - 1
    _judul(ws, F, f"{JUDUL} — syarat pengusulan", f"Dibuat {dibuat} · sumber: {data()['sumber']}", last,
           "Warna: hijau terpenuhi, merah tidak terpenuhi, kuning belum diketahui (isi di sheet unit atau di tabel "
           "syarat usulan). Pada jalur afirmasi syarat Tabel 5 tidak menghalangi (masih dalam proses pemenuhan); "
           "ambang nilai LKE hasil penilaian TPI selalu berlaku.")
    hdr = F(bold=True, text_wrap=True, align="center", valign="vcenter", bg_color="#D9E1F2")
    h0 = BARIS_JUDUL - 1
    ws.set_row(h0, 78)
    for c, (text, width) in enumerate(heads):
        ws.write_string(h0, c, text, hdr)
        ws.set_column(c, c, width)
    wrap = F(text_wrap=True)

    def warna(ok):
        return _HIJAU if ok is True else _MERAH if ok is False else _KUNING

    r = h0
    for b in rekap.baris:
        u = b.usulan
        if u is None:
            continue
        r += 1
        ws.write_string(r, 0, b.unit, wrap)
        ws.write_string(r, 1, u.target, F(align="center"))
        ws.write_string(r, 2, u.dapat, F(bg_color=_warna_dapat(u.dapat), bold=True, align="center",
                                         text_wrap=True))
        pra = [x for x in u.butir if x.tingkat == "pra-evaluasi" and x.kode != "dinilai_tpi"]
        gagal = [x for x in pra if x.terpenuhi is False]
        teks_pra = "terpenuhi" if not gagal else "tidak: " + gabung(x.singkat for x in gagal)
        ws.write_string(r, 3, teks_pra, F(text_wrap=True, bg_color=warna(not gagal)))
        tpi = next((x for x in u.butir if x.kode == "dinilai_tpi"), None)
        ws.write_string(r, 4, u.dinilai.replace("Jawaban ", ""), F(text_wrap=True, bg_color=warna(
            tpi.terpenuhi if tpi else None)))
        ws.write_string(r, 5, u.afirmasi or "-", wrap)
        by = {x.kode: x for x in u.butir}
        texts = [(b.unit, heads[0][1]), (teks_pra, heads[3][1]), (u.afirmasi or "", heads[5][1]),
                 (u.karena, heads[last][1])]
        for j, spec in enumerate(specs):
            x = by[spec["kode"]]
            ws.write_string(r, 6 + j, x.nilai, F(text_wrap=True, bg_color=warna(x.terpenuhi)))
            texts.append((x.nilai, heads[6 + j][1]))
        ws.write_string(r, last, u.karena, wrap)
        _tinggi(ws, r, texts)
    ws.freeze_panes(BARIS_JUDUL, 1)
    _print(ws, f"{JUDUL} — syarat pengusulan")


def _galat(wb, F, rekap: Rekap, dibuat: str) -> None:
    ws = wb.add_worksheet(SHEET_GALAT)
    _judul(ws, F, f"{JUDUL} — berkas yang tidak terbaca", f"Dibuat {dibuat} · {len(rekap.galat)} berkas", 1)
    hdr = F(bold=True, bg_color="#D9E1F2")
    h0 = BARIS_JUDUL - 1
    ws.write_string(h0, 0, "Berkas", hdr)
    ws.write_string(h0, 1, "Alasan", hdr)
    ws.set_column(0, 0, 50)
    ws.set_column(1, 1, 90)
    wrap = F(text_wrap=True)
    for i, g in enumerate(rekap.galat):
        ws.write_string(h0 + 1 + i, 0, g.berkas, wrap)
        ws.write_string(h0 + 1 + i, 1, g.pesan, wrap)
        _tinggi(ws, h0 + 1 + i, [(g.berkas, 50), (g.pesan, 90)])
    if not rekap.galat:
        ws.write_string(h0 + 1, 0, "tidak ada: semua berkas terbaca", F())
    _print(ws, f"{JUDUL} — berkas yang tidak terbaca")


def tulis_rekap(rekap: Rekap, path: str | os.PathLike, dibuat: datetime) -> str:
    """Write the rekap workbook at ``path`` (replaced atomically: a reader never sees half a file). ``dibuat``: the
    time printed on it (the caller's clock; tests pin it)."""
    import xlsxwriter

    path = os.fspath(path)
    with berkas_baru(path, "rekap") as tmp:
        wb = xlsxwriter.Workbook(tmp, {"strings_to_numbers": False, "strings_to_formulas": False,
                                       "strings_to_urls": False})
        wb.set_properties({"title": JUDUL, "comments": "Dibuat oleh zi-xl", "created": dibuat})
        F = _F(wb)
        when = teks_waktu(dibuat)
        _ringkasan(wb, F, rekap, when)
        src = rekap.sumber()
        _tabel(wb, F, SHEET_REKAP, rekap.baris, _label_utama(rekap), when, utama=True)
        dipakai = {SHEET_RINGKASAN.lower(), SHEET_REKAP.lower(), SHEET_USULAN.lower(), SHEET_GALAT.lower()}
        headline = {b.sumber for b in rekap.baris}
        for nama, label in src:
            rows = [b for b in rekap.lainnya if b.sumber == nama]
            if rows and not (nama in headline and len(headline) == 1):
                _tabel(wb, F, _nama_sheet(label, dipakai), rekap.per_sumber(nama), label, when, utama=False)
        _usulan(wb, F, rekap, when)
        _galat(wb, F, rekap, when)
        wb.close()
    return path
