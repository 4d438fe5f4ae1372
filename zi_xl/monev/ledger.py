"""The tindak-lanjut ledger: every masukan carried forward, month by month, until it is closed (pure).

:func:`susun` walks the months in order. In each month:

1. the masukan open at its start are noted;
2. the month's new masukan join the ledger (status Belum) — an ID already taken gets a suffix ("2022-03-M1-2");
3. each follow-up row is linked to its masukan — by ID, else by the masukan's text (the same origin month
   first, then any month), else it starts a masukan of its own (no origin in the workbook: ID "<month>-L<n>") —
   and sets its status (:func:`status_baris`), last tindak lanjut and month; a closed masukan given an open status
   again is reopened;
4. a masukan open at the start that no follow-up row of the month mentions is *missing*: it stays open (nothing
   open is ever lost) and is reported by :mod:`.periksa`. A month with no sheet at all is reported once, as a
   missing month, not per masukan.

The objects read from the workbook are never changed: the ledger works on copies, so it can be built again over
the first k months (:func:`terbuka_pada` — what a new month's sheet must carry forward).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from itertools import groupby

from .model import BELUM, PROSES, SELESAI, Masukan, Rapat, TindakLanjut, normalisasi_status

#: how similar two masukan texts must be (difflib ratio of the normalised texts) to be the same masukan
MIRIP = 0.8


@dataclass
class Buku:
    """The ledger and what building it found."""

    masukan: list[Masukan]
    hilang: list[tuple[Masukan, Rapat]] = field(default_factory=list)            # open, not followed in a month
    dibuka_kembali: list[tuple[Masukan, TindakLanjut]] = field(default_factory=list)
    yatim: list[tuple[Masukan, TindakLanjut]] = field(default_factory=list)      # first seen in a follow-up row
    beda_teks: list[tuple[Masukan, TindakLanjut]] = field(default_factory=list)  # linked, text differs
    beda_bulan: list[tuple[Masukan, TindakLanjut]] = field(default_factory=list) # linked by text, other month
    status_ganjil: list[tuple[TindakLanjut, str]] = field(default_factory=list)  # (row, why)
    id_ganda: list[tuple[Masukan, str]] = field(default_factory=list)            # (masukan, id it asked for)


def teks_normal(t: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", str(t).lower()).split())


def mirip(a: str, b: str) -> float:
    a, b = teks_normal(a), teks_normal(b)
    if not a or not b:
        return 0.0
    return 1.0 if a == b else difflib.SequenceMatcher(None, a, b).ratio()


def kunci_urut(m: Masukan) -> tuple:
    """Ledger order: origin month (none first), raised before first-seen, then the number."""
    no = re.findall(r"\d+", m.id.rsplit("-", 1)[-1]) or ["0"]
    return (m.bulan_asal or "", "-L" not in m.id, int(no[0]), m.id)


def status_baris(tl: TindakLanjut, sekarang: str) -> tuple[str, str | None]:
    """(status the row gives, why it is odd or None). An empty STATUS cell keeps the current status, or makes an
    open masukan "Proses" when a tindak lanjut was written; "Belum" with a tindak lanjut written counts as
    "Proses"; a text that names no status is treated as an empty cell."""
    s = normalisasi_status(tl.status_tertulis)
    why = None
    if tl.status_tertulis.strip() and s is None:
        why = f"status '{tl.status_tertulis}' tidak dikenal (pakai Belum, Proses atau Selesai)"
    if s is None:
        s = PROSES if (tl.teks and sekarang != SELESAI) else sekarang
    elif s == BELUM and tl.teks:
        s, why = PROSES, "status 'Belum' tetapi tindak lanjut diisi; dianggap Proses"
    return s, why


def _terbaik(calon: list[Masukan], teks: str) -> Masukan | None:
    """The masukan whose text is most like ``teks`` (an open one on a tie), if similar enough."""
    best = max(calon, key=lambda m: (mirip(m.masukan, teks), m.terbuka), default=None)
    return best if best is not None and mirip(best.masukan, teks) >= MIRIP else None


def _link(tl: TindakLanjut, state: dict[str, Masukan]) -> tuple[Masukan | None, str]:
    """(masukan, how): "id", "teks" (same origin month, or none given), "teks_lain" (found in another month)."""
    if tl.id:
        want = re.sub(r"\s+", "", tl.id).upper()
        for k, m in state.items():
            if re.sub(r"\s+", "", k).upper() == want:
                return m, "id"
    if not tl.masukan:
        return None, ""
    if tl.bulan_asal:
        m = _terbaik([m for m in state.values() if m.bulan_asal == tl.bulan_asal], tl.masukan)
        if m is not None:
            return m, "teks"
    m = _terbaik(list(state.values()), tl.masukan)
    if m is not None:
        return m, "teks_lain" if tl.bulan_asal else "teks"
    return None, ""


def susun(rapat: list[Rapat]) -> Buku:
    """Build the ledger from the months as read (any order; months recorded twice are taken in the given order)."""
    buku = Buku(masukan=[])
    state: dict[str, Masukan] = {}
    ordered = sorted(rapat, key=lambda r: r.bulan)   # stable: a month's sheets keep their workbook order
    for bulan, group in groupby(ordered, key=lambda r: r.bulan):
        group = list(group)
        open_at_start = [m for m in state.values() if m.terbuka]
        for r in group:
            for m in r.masukan:
                new = replace(m, riwayat=[], status=BELUM, tindak_lanjut="", bulan_tindak_lanjut=None,
                              bulan_ditutup=None)
                if new.id in state:
                    k = 2
                    while f"{m.id}-{k}" in state:
                        k += 1
                    new.id = f"{m.id}-{k}"
                    buku.id_ganda.append((new, m.id))
                state[new.id] = new
        seen: set[str] = set()
        orphans = 0
        for r in group:
            for tl in r.tindak_lanjut:
                m, how = _link(tl, state)
                if m is None:
                    orphans += 1
                    mid = tl.id or f"{bulan}-L{orphans}"
                    while mid in state:
                        orphans += 1
                        mid = f"{bulan}-L{orphans}"
                    m = Masukan(id=mid, bulan_asal=tl.bulan_asal, no=tl.no, masukan=tl.masukan, sheet=tl.sheet,
                                baris=tl.baris, asal_teks=tl.asal_teks)
                    state[mid] = m
                    buku.yatim.append((m, tl))
                elif how == "teks_lain" and tl.bulan_asal:
                    buku.beda_bulan.append((m, tl))
                elif tl.masukan and mirip(m.masukan, tl.masukan) < 1.0:
                    buku.beda_teks.append((m, tl))
                _terapkan(m, tl, bulan, buku)
                seen.add(m.id)
        for m in open_at_start:
            if m.id not in seen:
                buku.hilang.append((m, group[0]))
    buku.masukan = sorted(state.values(), key=kunci_urut)
    return buku


def _terapkan(m: Masukan, tl: TindakLanjut, bulan: str, buku: Buku) -> None:
    before = m.status
    s, why = status_baris(tl, before)
    if why:
        buku.status_ganjil.append((tl, why))
    m.status = s
    if tl.teks:
        m.tindak_lanjut = tl.teks
    if tl.teks or s != before:
        m.bulan_tindak_lanjut = bulan
    if s == SELESAI and before != SELESAI:
        m.bulan_ditutup = bulan
    elif before == SELESAI and s != SELESAI:
        m.bulan_ditutup = None
        buku.dibuka_kembali.append((m, tl))
    m.riwayat.append(replace(tl, status=s))


def terbuka_pada(rapat: list[Rapat], bulan: str) -> list[Masukan]:
    """The masukan open at the start of ``bulan``: the ledger of the months before it, its open masukan, in ledger
    order — what the sheet of ``bulan`` must carry forward."""
    return [m for m in susun([r for r in rapat if r.bulan < bulan]).masukan if m.terbuka]

