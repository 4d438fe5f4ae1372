"""Checks that catch what goes wrong when monev is kept by hand (the seed's own slips), each a :class:`Peringatan`
naming the sheet and the cell to look at:

* a month recorded twice (the seed's two "Maret"); a month missing between two recorded ones;
* a meeting date outside its period (the month itself or the next one, when the meeting reviews the month after
  it ends); a "periode yang dipantau" naming another month or year (the seed's 2021 in a 2022 report); a follow-up
  date before its masukan was raised or after the month it is recorded in;
* a masukan that disappears from the follow-up table without being closed (it stays open); a follow-up row whose
  masukan is not in the workbook, is found in another month than its heading says, or is worded differently from
  where it was raised; a closed masukan reopened; an unknown status; a number used twice in one month;
* a meeting without the name or NIP of the leader who chaired it (the seed's signature without name and NIP);
  a month before the last one without a meeting date.
"""

from __future__ import annotations

from itertools import groupby

from ..teks import potong, tanggal
from . import bulan as bl
from .ledger import Buku
from .model import Peringatan, Rapat


def _sel(r: Rapat, *keys: str) -> str | None:
    return next((r.sel[k] for k in keys if r.sel.get(k)), None)


def periksa(rapat: list[Rapat], buku: Buku) -> list[Peringatan]:
    out: list[Peringatan] = []
    ordered = sorted(rapat, key=lambda r: r.bulan)
    out += _bulan_ganda(ordered) + _bulan_hilang(ordered) + _tanggal(ordered) + _pimpinan(ordered)
    out += _buku(buku) + _tanggal_tl(buku)
    return out


def _bulan_ganda(rapat: list[Rapat]) -> list[Peringatan]:
    out = []
    for b, group in groupby(rapat, key=lambda r: r.bulan):
        group = list(group)
        for r in group[1:]:
            first = group[0]
            where = f"sheet '{first.sheet}'" + (f" sel {first.sel['bulan']}" if first.sel.get("bulan") else "")
            out.append(Peringatan(r.sheet, _sel(r, "bulan", "tabel_baru", "tabel_tl"),
                                  f"bulan {bl.nama(b)} tercatat dua kali (juga di {where}); keduanya dibaca, "
                                  "nomor masukan yang sama diberi akhiran"))
    return out


def _bulan_hilang(rapat: list[Rapat]) -> list[Peringatan]:
    out = []
    months = sorted({r.bulan for r in rapat})
    for a, b in zip(months, months[1:], strict=False):
        gap = bl.rentang(bl.geser(a, 1), bl.geser(b, -1)) if bl.selisih(a, b) > 1 else []
        if gap:
            nxt = next(r for r in rapat if r.bulan == b)
            span = bl.nama(gap[0]) + (f" s.d. {bl.nama(gap[-1])}" if len(gap) > 1 else "")
            out.append(Peringatan(nxt.sheet, _sel(nxt, "bulan", "tabel_baru", "tabel_tl"),
                                  f"bulan {span} tidak tercatat (tidak ada sheet monev antara {bl.nama(a)} dan "
                                  f"{bl.nama(b)}); masukan yang terbuka tetap dibawa"))
    return out


def _tanggal(rapat: list[Rapat]) -> list[Peringatan]:
    out = []
    for r in rapat:
        start, end = bl.hari_pertama(r.bulan), bl.hari_terakhir(bl.geser(r.bulan, 1))
        if r.tanggal_rapat and not start <= r.tanggal_rapat <= end:
            out.append(Peringatan(r.sheet, _sel(r, "tanggal_rapat", "bulan"),
                                  f"tanggal rapat {tanggal(r.tanggal_rapat)} di luar periode monev {bl.nama(r.bulan)} "
                                  f"(seharusnya {bl.nama(r.bulan)} atau {bl.nama(bl.geser(r.bulan, 1))})"))
        if r.periode:
            p = bl.kenali_bulan(r.periode)
            if p and p != r.bulan:
                out.append(Peringatan(r.sheet, _sel(r, "periode", "bulan"),
                                      f"periode yang dipantau '{potong(r.periode, 60)}' menyebut {bl.nama(p)}, "
                                      f"bukan bulan monev {bl.nama(r.bulan)}"))
    return out


def _tanggal_tl(buku: Buku) -> list[Peringatan]:
    """A follow-up dated before its masukan's month, or after the month after the one it is recorded in."""
    out = []
    for m in buku.masukan:
        for tl in m.riwayat:
            if tl.tanggal is None:
                continue
            low = bl.hari_pertama(m.bulan_asal) if m.bulan_asal else None
            if tl.tanggal > bl.hari_terakhir(bl.geser(tl.bulan, 1)) or (low and tl.tanggal < low):
                out.append(Peringatan(tl.sheet, tl.sel_tanggal,
                                      f"tanggal tindak lanjut {tanggal(tl.tanggal)} di luar periode: masukan {m.id} "
                                      f"({bl.nama(m.bulan_asal) if m.bulan_asal else m.asal_teks or '-'}), dicatat "
                                      f"pada monev {bl.nama(tl.bulan)}"))
    return out


def _pimpinan(rapat: list[Rapat]) -> list[Peringatan]:
    out = []
    last = max((r.bulan for r in rapat), default=None)
    for r in rapat:
        if not r.ada_rapat:
            if r.bulan != last:
                out.append(Peringatan(r.sheet, _sel(r, "tanggal_rapat", "bulan"),
                                      f"monev {bl.nama(r.bulan)} tanpa tanggal rapat: bulan ini dihitung tanpa rapat"))
            continue
        if not r.pimpinan:
            out.append(Peringatan(r.sheet, _sel(r, "pimpinan", "tanggal_rapat", "bulan"),
                                  f"pimpinan rapat monev {bl.nama(r.bulan)} tidak tercatat (isi nama, NIP dan "
                                  "jabatan; LKE menilai keterlibatan pimpinan)"))
        elif not r.nip:
            out.append(Peringatan(r.sheet, _sel(r, "nip", "pimpinan"),
                                  f"NIP pimpinan rapat monev {bl.nama(r.bulan)} kosong"))
    return out


def _buku(buku: Buku) -> list[Peringatan]:
    out = []
    for m, r in buku.hilang:
        out.append(Peringatan(r.sheet, _sel(r, "tabel_tl", "bulan"),
                              f"masukan {m.id} ({bl.nama(m.bulan_asal) if m.bulan_asal else m.asal_teks or '-'}, "
                              f"status {m.status}) tidak ada di tabel tindak lanjut {bl.nama(r.bulan)} padahal "
                              f"belum selesai; tetap dianggap terbuka: '{potong(m.masukan, 60)}'"))
    for m, tl in buku.yatim:
        asal = f"bulan asal '{tl.asal_teks}'" if tl.asal_teks else "tanpa bulan asal"
        out.append(Peringatan(tl.sheet, tl.sel_id, f"masukan '{potong(tl.masukan, 60)}' ({asal}) tidak tercatat "
                                                   f"sebagai masukan baru di workbook ini; dicatat sebagai {m.id}"))
    for m, tl in buku.beda_bulan:
        out.append(Peringatan(tl.sheet, tl.sel_id,
                              f"masukan '{potong(tl.masukan, 60)}' disebut berasal dari {bl.nama(tl.bulan_asal)}, "
                              f"tetapi tercatat di {bl.nama(m.bulan_asal) if m.bulan_asal else '-'} ({m.id})"))
    for m, tl in buku.beda_teks:
        out.append(Peringatan(tl.sheet, tl.sel_id,
                              f"teks masukan {m.id} berbeda dengan teks asalnya (sheet '{m.sheet}' baris {m.baris}): "
                              f"'{potong(tl.masukan, 50)}' / '{potong(m.masukan, 50)}'"))
    for tl, why in buku.status_ganjil:
        out.append(Peringatan(tl.sheet, tl.sel_status, why))
    for m, tl in buku.dibuka_kembali:
        out.append(Peringatan(tl.sheet, tl.sel_status, f"masukan {m.id} yang sudah selesai dibuka kembali "
                                                       f"(status {m.status})"))
    for m, asked in buku.id_ganda:
        out.append(Peringatan(m.sheet, f"A{m.baris}" if m.baris else None,
                              f"nomor masukan {asked} sudah dipakai di bulan yang sama; dicatat sebagai {m.id}"))
    return out
