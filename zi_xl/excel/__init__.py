"""The Excel buttons: "Hitung Nilai", "Perbarui Status" and "Perbarui Monev" on the workbook open in Excel (xlwings).

The VBA macros of ``macros/ZonaIntegritas.bas`` call::

    RunPython "import zi_xl.excel as zi; zi.hitung_nilai()"
    RunPython "import zi_xl.excel as zi; zi.perbarui_status()"
    RunPython "import zi_xl.excel as zi; zi.perbarui_monev()"

Without an argument the functions work on the calling workbook (``xw.Book.caller()``); they also take an explicit
``xw.Book`` (any engine: desktop Excel, xlwings Lite, xlwings Server). They run the CLI's pipeline between the seams
— :class:`~zi_xl.xlsx.xlwings_io.LiveBook` (the twin of the file :class:`~zi_xl.xlsx.book.Book`) → grids → model →
compute → :mod:`zi_xl.xlsx.edits` → the same book applies them — then show a short message box in Bahasa Indonesia, e.g.
"Nilai 78,31 — memenuhi WBK; belum WBBM: Area Penguatan Pengawasan (% bobot) 61,0% < 75%".

Errors never reach the user as a Python traceback: a :class:`~zi_xl.errors.ZiError` becomes a message box naming
file, sheet and cell; anything unexpected becomes a message box that says where the technical details were saved
(``zi-xl-galat.log`` in the temporary folder).

Example (from Python, e.g. a test or a notebook)::

    import xlwings as xw
    from zi_xl.excel import hitung_nilai
    hasil = hitung_nilai(xw.Book("LKE.xlsx"))      # HasilLKE, or None when an error was shown
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
import tempfile
import traceback

from ..errors import ZiError
from ..lke.reader import hitung_grids
from ..lke.sheets import SHEET_HASIL, SHEET_RIWAYAT, edits_hasil
from ..lke.simulasi import nama_sheet, simulasi
from ..monev import bulan as bl
from ..monev.perbarui import bulan_otomatis, muat_rencana_aksi, rencanakan
from ..monev.reader import SHEET_RINGKASAN as SHEET_RINGKASAN_MONEV
from ..monev.ringkasan import keseluruhan
from ..rencana_aksi.reader import from_grids
from ..rencana_aksi.sheets import SHEET_RINGKASAN, edits_status
from ..teks import angka, persen, tanggal_pendek
from ..xlsx.xlwings_io import LiveBook

JUDUL = "Zona Integritas"
LOG = "zi-xl-galat.log"


# --------------------------------------------------------------------------------------------- plumbing
def _caller(book):
    """``None``: the workbook whose button was clicked (``xw.Book.caller()``); ``"aktif"``: the active workbook
    (ribbon tab / add-in, whose own workbook is not the user's); else an ``xw.Book``."""
    if book is not None and not isinstance(book, str):
        return book
    import xlwings as xw

    if book == "aktif":
        return xw.books.active
    if book is not None:
        raise ZiError(f"workbook {book!r} tidak dikenal (pakai None, 'aktif' atau xw.Book)")
    return xw.Book.caller()


def _alert(book, teks: str, judul: str, kritis: bool = False) -> None:
    try:
        book.app.alert(teks, title=judul, mode="critical" if kritis else "info")
    except Exception:  # no Excel to show it in: the message still reaches the caller's console
        print(f"{judul}: {teks}", file=sys.stderr)


def _catat_galat(exc: BaseException) -> str:
    path = os.path.join(tempfile.gettempdir(), LOG)
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now():%Y-%m-%d %H:%M:%S}\n")
            fh.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    except OSError:
        return ""
    return path


def pesan_galat(exc: BaseException) -> str:
    """The Indonesian message box text for an error."""
    if isinstance(exc, ZiError):
        where = ", ".join(p for p in (f"berkas {os.path.basename(exc.berkas)}" if exc.berkas else "",
                                      f"sheet '{exc.sheet}'" if exc.sheet else "",
                                      f"sel {exc.sel}" if exc.sel else "") if p)
        return f"Tidak dapat diproses: {exc.pesan}" + (f"\n\nLokasi: {where}" if where else "")
    log = _catat_galat(exc)
    return (f"Terjadi kesalahan tak terduga ({type(exc).__name__}: {exc}).\n\n"
            + (f"Rincian teknis disimpan di {log}. " if log else "")
            + "Laporkan kepada pengelola zi-xl beserta berkas tersebut.")


def _tombol(judul: str):
    """Run an entry point so that every error becomes an Indonesian message box (and the function returns
    None) instead of a traceback window."""
    def wrap(fn):
        @functools.wraps(fn)
        def run(book=None, **kw):
            try:
                book = _caller(book)
            except Exception as exc:
                print(f"{JUDUL}: fungsi ini dijalankan dari tombol di Excel (workbook tidak ditemukan: {exc})",
                      file=sys.stderr)
                return None
            try:
                return fn(book, **kw)
            except Exception as exc:
                _alert(book, pesan_galat(exc), f"{JUDUL} — {judul}", kritis=True)
                return None
        return run
    return wrap


def _tambahan(terap) -> str:
    if not terap.dilewati:
        return ""
    return ("\n\nCatatan: klien xlwings ini tidak mendukung " + ", ".join(terap.dilewati)
            + "; selebihnya sudah ditulis.")


# --------------------------------------------------------------------------------------------- Hitung Nilai
def pesan_hitung(hasil) -> str:
    """The first line of the Hitung Nilai message box: "Nilai 78,31 — memenuhi WBK; belum WBBM: …"."""
    return f"Nilai {angka(hasil.nilai('total'))} — {hasil.penilaian.ringkas()}"


@_tombol("Hitung Nilai")
def hitung_nilai(book=None, *, versi: str = "auto", jawaban: str = "unit", batas: str | None = None,
                 sudah_wbk: bool | None = None, waktu: dt.datetime | None = None):
    """Hitung Nilai on an open LKE workbook: score the LKE sheet by the regulation, write the "Hasil Hitung"
    sheet and a "Riwayat" row (:mod:`zi_xl.lke.sheets`) stamped ``waktu`` (default: now), show the verdict.
    Returns the :class:`~zi_xl.lke.model.HasilLKE` (None when an error was shown)."""
    live = LiveBook(book)
    hasil = hitung_grids(live.grids, live.berkas, versi=versi, jawaban=jawaban, batas=batas, sudah_wbk=sudah_wbk)
    terap = live.apply(edits_hasil(hasil, waktu or dt.datetime.now(), live.grids))
    teks = pesan_hitung(hasil)
    if hasil.tpi is not None and hasil.penilaian is hasil.unit:
        t = hasil.tpi
        teks += f"\nMenurut jawaban TPI: nilai {angka(t.skor.total)}, predikat {t.predikat.hasil}."
    if not hasil.penilaian.kosong and hasil.predikat.hasil != "WBBM":
        # the first steps of the smallest plan toward the next predikat (zi_xl.lke.simulasi); the full plan is the
        # sheet "Jalan Menuju WBK/WBBM" of `zi-xl simulasi BERKAS --tulis`
        try:
            sim = simulasi(hasil, batas=batas)
        except (ZiError, ImportError) as exc:
            teks += f"\nSimulasi perbaikan tidak tersedia ({getattr(exc, 'pesan', exc)})."
        else:
            if sim.langkah:
                teks += (f"\nMenuju {sim.target}: {len(sim.langkah)} perbaikan jawaban, mis. "
                         + ", ".join(f"{x.sel or x.pertanyaan[:30]} {x.to_dict()['dari']} → {x.to_dict()['ke']} "
                                     f"(+{angka(x.tambah_nilai)})" for x in sim.langkah[:3])
                         + (" …" if len(sim.langkah) > 3 else "") + ".")
            for tt in sim.tidak_terjangkau[:2]:
                teks += f"\nMenuju {sim.target} tidak tercapai dengan jawaban saja: {tt.syarat} — perlu {tt.perlu}."
            teks += (f"\nRencana lengkap: perintah 'zi-xl simulasi {os.path.basename(live.berkas)} --tulis' "
                     f"(sheet '{nama_sheet(sim.target)}').")
    teks += f"\n\nRincian: sheet '{SHEET_HASIL}'. Riwayat perhitungan: sheet '{SHEET_RIWAYAT}'."
    if hasil.anomali:
        teks += (f"\nRumus berkas berbeda dengan aturan pada {len(hasil.anomali)} sel (lihat 'Anomali rumus "
                 f"berkas' di sheet '{SHEET_HASIL}').")
    if hasil.peringatan:
        teks += f"\nPeringatan: {len(hasil.peringatan)} (lihat sheet '{SHEET_HASIL}')."
    _alert(book, teks + _tambahan(terap), f"{JUDUL} — Hitung Nilai")
    return hasil


# --------------------------------------------------------------------------------------------- Perbarui Status
def pesan_status(ra) -> str:
    """The message box text of Perbarui Status."""
    d = ra.ringkasan()
    k = d["keseluruhan"]
    teks = (f"Rencana aksi per {tanggal_pendek(ra.per)}: {k['jumlah']} langkah aksi — {k['terlambat']} terlambat, "
            f"{k['jatuh_tempo_bulan_ini']} jatuh tempo bulan ini, {k['selesai']} selesai "
            f"({persen(k['persen_selesai'] / 100)}).")
    late = d["terlambat"]
    if late:
        teks += "\n\nTerlambat:"
        for t in late[:5]:
            teks += (f"\n- baris {t['baris']}: {t['langkah_aksi'][:60]} (tenggat "
                     f"{tanggal_pendek(dt.date.fromisoformat(t['tenggat'])) if t['tenggat'] else '-'})")
        if len(late) > 5:
            teks += f"\n… dan {len(late) - 5} lainnya (lihat sheet '{SHEET_RINGKASAN}')."
    return teks


@_tombol("Perbarui Status")
def perbarui_status(book=None, *, per=None, tahun: int | None = None):
    """Perbarui Status on an open rencana aksi workbook: status of every langkah aksi at ``per`` (default: the
    workbook's fixed 'Tanggal acuan', else today), written exactly as ``zi-xl status --tulis`` writes it
    (:func:`zi_xl.rencana_aksi.sheets.edits_status`: tool-owned TENGGAT/STATUS columns, coloured, and the
    "Ringkasan Rencana Aksi" sheet), and a summary message. Returns the
    :class:`~zi_xl.rencana_aksi.model.RencanaAksi` (None when an error was shown)."""
    live = LiveBook(book)
    ra = from_grids(live.grids, per=per, tahun=tahun, berkas=live.berkas)
    terap = live.apply(edits_status(ra, live.grids))
    _alert(book, pesan_status(ra) + _tambahan(terap), f"{JUDUL} — Perbarui Status")
    return ra


# --------------------------------------------------------------------------------------------- Perbarui Monev
def pesan_monev(rencana) -> str:
    """The message box text of Perbarui Monev."""
    m = rencana.monev
    tot = keseluruhan(m)
    if rencana.sheet_baru:
        teks = (f"Monev {bl.nama(rencana.bulan)}: sheet '{rencana.sheet}' ditambahkan; {len(rencana.dibawa)} "
                "masukan yang belum selesai dibawa (bulan asal, umur, tindak lanjut terakhir).")
    else:
        teks = f"Monev {bl.nama(rencana.bulan)}: sheet '{rencana.sheet}' sudah ada dan tidak diubah."
    if not rencana.edits:
        teks += f" Sheet '{SHEET_RINGKASAN_MONEV}' sudah terbaru; tidak ada yang berubah."
    teks += (f"\n\nMasukan {tot['jumlah_masukan']}: {tot['ditutup']} ditutup, {tot['terbuka']} masih terbuka "
             f"({persen(tot['persen_ditindaklanjuti'] / 100) if tot['persen_ditindaklanjuti'] is not None else '-'} "
             "ditindaklanjuti).")
    if tot["bulan_tanpa_rapat"]:
        teks += " Bulan tanpa rapat: " + ", ".join(bl.nama(b) for b in tot["bulan_tanpa_rapat"]) + "."
    teks += ("\nSaran jawaban LKE (tidak ditulis ke LKE): "
             + ", ".join(f"soal {s.soal_id} {s.jawaban or '-'}" for s in m.saran) + ".")
    if m.peringatan:
        teks += f"\nPeringatan: {len(m.peringatan)} (lihat sheet '{SHEET_RINGKASAN_MONEV}')."
    return teks


@_tombol("Perbarui Monev")
def perbarui_monev(book=None, *, bulan: str | None = None, hari_ini: dt.date | None = None, rencana_aksi=None,
                   tahun: int | None = None):
    """Perbarui Monev on an open monev workbook, exactly as ``zi-xl monev perbarui BERKAS --bulan …`` writes it
    (:func:`zi_xl.monev.perbarui.rencanakan`): the month's sheet with every open masukan carried forward and the
    rencana aksi snapshot, and "Ringkasan Monev"; then a summary message. ``bulan`` ("YYYY-MM"; default
    :func:`~zi_xl.monev.perbarui.bulan_otomatis`: the month after the last monev month, not past the current
    month — so a click at the start of a month prepares that month, and a second click only refreshes the summary).
    ``hari_ini``: today (default: the computer's date). ``rencana_aksi``: a path; default the workbook's link in
    "Pengaturan Monev". Returns the :class:`~zi_xl.monev.perbarui.Rencana` (None when an error was shown)."""
    live = LiveBook(book)
    hari = hari_ini or dt.date.today()
    grids = live.grids
    bulan = bulan or bulan_otomatis(grids, hari, tahun)
    warns: list = []
    ra = muat_rencana_aksi(live.berkas, grids, rencana_aksi, warns)
    rencana = rencanakan(grids, live.berkas, bulan, hari_ini=hari, rencana_aksi=ra, tahun=tahun, peringatan=warns)
    terap = live.apply(rencana.edits) if rencana.edits else None
    _alert(book, pesan_monev(rencana) + (_tambahan(terap) if terap is not None else ""),
           f"{JUDUL} — Perbarui Monev")
    return rencana
