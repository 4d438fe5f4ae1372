"""Dapat diusulkan? The proposal checklist of one unit: PermenPANRB 5/2024 Tabel 5 (instansi and unit requirements,
the affirmation route) and the pra-evaluasi gates of PermenPANRB 90/2021 (the thresholds of the TPI-scored LKE).

The requirements are data (``data/syarat-usulan.json``, with provenance). Their values come, first found first, from
a row of a small table given by the evaluator (``--syarat``: one row per unit, a row "*" for every unit), from label →
value fields in the unit's own workbook ("Opini BPK: WTP", "Level maturitas SPIP | 3" — any sheet, first 100 rows),
from the LKE itself (the LHKPN/LHKASN percentages; TLHP on 2014/2019), and from options for the whole instansi
(``--opini``, ``--sakip``, ``--indeks-rb``, ``--spip``, ``--jenis-instansi``). A requirement no source speaks of is
"belum diketahui": it never passes silently.

The verdict: **tidak** when a blocking requirement fails, **ya** when every one is met, else **belum pasti** (what is
missing is said). On the affirmation route (a Pemerintah Daerah's RSUD, Disdukcapil, SAMSAT, PTSP, education or
labour service unit) the Tabel 5 requirements do not block; the pra-evaluasi thresholds always do. Under 90/2021 the
gates apply to the LKE as the TPI scored it: without TPI answers the unit's own answers stand in, and the verdict is
at most "belum pasti".
"""

from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

from ..area import AREA
from ..errors import ZiError
from ..lke.layout import teks_kunci
from ..lke.model import HasilLKE, Penilaian
from ..teks import BULAN, angka, persen
from ..xlsx.grid import Grid, address
from ..xlsx.read import read_workbook

YA, TIDAK, BELUM = "ya", "tidak", "belum pasti"


@cache
def data() -> dict:
    """The requirements as shipped (``data/syarat-usulan.json``)."""
    return json.loads(resources.files(__package__).joinpath("data", "syarat-usulan.json").read_text(encoding="utf-8"))


def _labels() -> dict[str, str]:
    """normalised label → kode, for every requirement and helper field."""
    out = {}
    for s in data()["syarat"]:
        for lbl in s["label"]:
            out[teks_kunci(lbl)] = s["kode"]
    for kode, labels in data()["isian"].items():
        for lbl in labels:
            out[teks_kunci(lbl)] = kode
    return out


# --------------------------------------------------------------------------------------------- reading values
@dataclass
class Nilai:
    """A value of a requirement field and where it came from ("sheet 'Profil'!B4", "tabel syarat", "opsi")."""

    nilai: Any
    dari: str


def dari_grids(grids: dict[str, Grid], kecuali: set[str] = frozenset()) -> dict[str, Nilai]:
    """Label → value fields of a workbook: "Opini BPK: WTP" in one cell, or the label with its value in one of the next
    three cells of the row. Sheets in ``kecuali`` (the LKE sheet) are skipped."""
    labels = _labels()
    found: dict[str, Nilai] = {}
    for g in grids.values():
        if g.title in kecuali:
            continue
        for r in g.rows(1, 100):
            for c, text in g.row_texts(r):
                for line in str(text).splitlines():
                    m = re.match(r"\s*([^:]{2,80}):\s*(.*)$", line)
                    label, value = (m.group(1), m.group(2).strip()) if m else (line, "")
                    kode = labels.get(teks_kunci(label))
                    if kode is None or kode in found:
                        continue
                    where = f"sheet '{g.title}'!{address(r, c)}"
                    if not value:
                        for cc in range(c + 1, c + 4):
                            v = g.value(r, cc)
                            if v not in (None, ""):
                                value, where = v, f"sheet '{g.title}'!{address(r, cc)}"
                                break
                    if value not in (None, "") and not re.fullmatch(r"[.…\s-]*", str(value)):
                        found[kode] = Nilai(value, where)
    return found


def baca_tabel(path: str | os.PathLike) -> list[dict[str, Nilai]]:
    """The evaluator's table (``--syarat``, .xlsx/.xlsm or .csv): a header row naming the fields (the same labels as
    in the workbooks, plus "Unit kerja" or "Berkas" to say whose row it is; "*" or empty = every unit)."""
    p = os.fspath(path)
    if p.lower().endswith(".csv"):
        try:
            with open(p, encoding="utf-8-sig", newline="") as fh:
                sample = fh.read(4096)
                fh.seek(0)
                dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
                table = [row for row in csv.reader(fh, dialect)]
        except FileNotFoundError:
            raise ZiError("berkas tabel syarat tidak ditemukan", berkas=p) from None
        except (UnicodeDecodeError, csv.Error) as exc:
            raise ZiError(f"berkas tabel syarat tidak dapat dibaca ({exc})", berkas=p) from None
        where = "tabel syarat"
    else:
        grids = read_workbook(p)
        g = next(iter(grids.values()))
        table = [[g.value(r, c) for c in range(1, g.max_col + 1)] for r in g.rows(1)]
        where = f"tabel syarat ({os.path.basename(p)})"
    labels = _labels() | {teks_kunci(x): "unit" for x in ("unit", "unit kerja", "nama unit", "satuan kerja")}
    labels |= {teks_kunci(x): "berkas" for x in ("berkas", "nama berkas", "file")}
    table = [row for row in table if any(v not in (None, "") for v in row)]
    if not table:
        raise ZiError("tabel syarat kosong", berkas=p)
    head = [labels.get(teks_kunci(h)) for h in table[0]]
    if not any(h and h not in ("unit", "berkas") for h in head):
        raise ZiError("tabel syarat: baris judul tidak memuat satu pun syarat yang dikenal (mis. 'Opini BPK', "
                      "'Predikat SAKIP', 'Indeks RB', 'Level maturitas SPIP', 'TLHP', 'Kepatuhan LHKPN')", berkas=p)
    out = []
    for row in table[1:]:
        item = {}
        for h, v in zip(head, row, strict=False):
            if h and v not in (None, ""):
                item[h] = Nilai(v, where)
        out.append(item)
    return out


def baris_tabel(tabel: list[dict[str, Nilai]], unit: str | None, berkas: str) -> dict[str, Nilai]:
    """The fields of the table for one unit: its own row over the rows for every unit."""
    semua: dict[str, Nilai] = {}
    milik: dict[str, Nilai] = {}
    nama = teks_kunci(unit or "")
    base = os.path.basename(berkas).lower()
    for row in tabel:
        u, b = row.get("unit"), row.get("berkas")
        if (u is None or str(u.nilai).strip() in ("*", "")) and b is None:
            semua |= row
        elif (u is not None and teks_kunci(u.nilai) == nama and nama) or (
                b is not None and str(b.nilai).strip().lower() in (base, os.path.splitext(base)[0])):
            milik |= row
    return {k: v for k, v in (semua | milik).items() if k not in ("unit", "berkas")}


def dari_lke(hasil: HasilLKE, p: Penilaian) -> dict[str, Nilai]:
    """What the LKE itself says: LHKPN/LHKASN compliance (the lower of the percentages of the "Harta Kekayaan"
    indicators), TLHP (2014/2019)."""
    out: dict[str, Nilai] = {}
    rules, nodes = hasil.rules, p.skor.nodes
    lhk = [q for q in rules.questions() if q.jenis == "persen" and q.induk
           and "harta kekayaan" in rules.node(q.induk).nama.lower()]
    vals = [nodes[q.id].nilai for q in lhk if nodes[q.id].nilai is not None]
    if vals:
        out["lhkpn"] = Nilai(min(vals), f"LKE ({p.label})")
    for q in rules.with_peran("tlhp"):
        v = nodes[q.id].nilai
        if v is not None and q.bobot:
            out["tlhp"] = Nilai(v / q.bobot, f"LKE ({p.label})")
    return out


# --------------------------------------------------------------------------------------------- values
def _skala(kode: str, raw: Any) -> str | None:
    skala = data()["skala"][kode]
    t = str(raw).upper()
    if kode == "opini":
        words = {"WAJAR TANPA PENGECUALIAN": "WTP", "WAJAR DENGAN PENGECUALIAN": "WDP",
                 "TIDAK MENYATAKAN PENDAPAT": "TMP", "TIDAK WAJAR": "TW"}
        for w, k in words.items():
            if w in re.sub(r"\s+", " ", t):
                return k
    for tok in re.findall(r"[A-Z]+", t):
        if tok in skala:
            return tok
    return None


def _angka(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    m = re.search(r"\d+(?:[.,]\d+)?", str(raw))
    return float(m.group(0).replace(",", ".")) if m else None


def _persen(raw: Any) -> float | None:
    v = _angka(raw)
    if v is None:
        return None
    if isinstance(raw, str) and "%" not in raw and v <= 1:
        return v
    if isinstance(raw, str) or v > 1:
        return v / 100
    return v


def _ya(raw: Any) -> bool | None:
    if isinstance(raw, bool):
        return raw
    t = teks_kunci(raw)
    if t in ("ya", "y", "iya", "benar", "sudah", "1", "true"):
        return True
    if t in ("tidak", "t", "bukan", "belum", "0", "false"):
        return False
    return None


def _tanggal(raw: Any) -> date | None:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    t = str(raw).strip()
    try:
        return date.fromisoformat(t[:10])
    except ValueError:
        pass
    m = re.search(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", t)
    if m:
        bulan = [b.lower() for b in BULAN]
        name = m.group(2).lower()
        idx = next((i for i, b in enumerate(bulan) if b.startswith(name[:3])), None)
        if idx is not None:
            try:
                return date(int(m.group(3)), idx + 1, int(m.group(1)))
            except ValueError:
                return None
    m = re.fullmatch(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})", t)
    if m:
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    return None


def jenis_instansi(raw: Any) -> str | None:
    """"pemda" (provinsi, kabupaten, kota, pemerintah daerah) or "kl" (kementerian, lembaga); None if unclear."""
    t = teks_kunci(raw)
    if re.search(r"\b(pemda|pemerintah daerah|pemprov|pemkab|pemkot|provinsi|kabupaten|kota)\b", t):
        return "pemda"
    if re.search(r"\b(kl|k l|kementerian|lembaga|kementrian)\b", t):
        return "kl"
    return None


def afirmasi(*teks: str | None) -> dict | None:
    """The affirmation kind (RSUD, Disdukcapil, SAMSAT, PTSP, pendidikan, ketenagakerjaan) named in any of the
    texts (the unit's name, its "Jenis layanan" field), else None."""
    for t in teks:
        k = " " + teks_kunci(t or "") + " "
        for j in data()["afirmasi"]["jenis"]:
            if any(f" {teks_kunci(p)} " in k for p in j["pola"]):
                return j
    return None


# --------------------------------------------------------------------------------------------- the checklist
@dataclass
class Butir:
    """One requirement of the checklist."""

    kode: str
    syarat: str
    tingkat: str                     # "pra-evaluasi" | "instansi" | "unit"
    batas: str
    nilai: str
    terpenuhi: bool | None           # None: belum diketahui
    dari: str = ""
    menghalangi: bool = True         # False on the affirmation route (Tabel 5 requirements)
    singkat: str = ""                # a short name for narrow columns ("Opini BPK", "Area MP", "IPAK")

    def to_dict(self) -> dict:
        return {"kode": self.kode, "syarat": self.syarat, "tingkat": self.tingkat, "batas": self.batas,
                "nilai": self.nilai, "terpenuhi": self.terpenuhi, "dari": self.dari,
                "menghalangi": self.menghalangi}


@dataclass
class Usulan:
    target: str                      # "WBK" | "WBBM"
    dapat: str                       # "ya" | "tidak" | "belum pasti"
    karena: str
    butir: list[Butir] = field(default_factory=list)
    afirmasi: str | None = None      # the affirmation kind's name
    dinilai: str = ""                # whose answers the gates used ("Jawaban TPI")

    def ringkas(self) -> str:
        """The verdict in a few words, for a narrow column: "tidak: IPAK, Area MP/PT, Opini BPK"."""
        blok = [b for b in self.butir if b.menghalangi]
        if self.dapat == TIDAK:
            why = gabung(b.singkat for b in blok if b.terpenuhi is False)
        elif self.dapat == BELUM:
            why = "belum diketahui " + gabung(b.singkat for b in blok if b.terpenuhi is None)
        else:
            why = f"memenuhi syarat Menuju {self.target}"
        return why + (" (jalur afirmasi)" if self.afirmasi else "")

    def to_dict(self) -> dict:
        return {"target": self.target, "dapat": self.dapat, "karena": self.karena, "ringkas": self.ringkas(),
                "afirmasi": self.afirmasi, "dinilai": self.dinilai, "butir": [b.to_dict() for b in self.butir]}


#: short names of the predikat thresholds (``kode`` of predikat.json) for narrow columns
SINGKAT_SYARAT = {"total": "Total", "pengungkit": "Pengungkit", "bersih": "Bersih & akuntabel", "ipak": "IPAK",
                  "capaian_kinerja": "Kinerja", "pelayanan": "Pelayanan prima", "tlhp": "TLHP",
                  "wbk_sebelumnya": "WBK sebelumnya"}


def singkat_syarat(s) -> str:
    """"Area MP", "IPAK", "Total" … for a :class:`~zi_xl.lke.predikat.Syarat`."""
    if s.area:
        return f"Area {AREA[s.area].singkat}" if s.area in AREA else f"Area {s.area}"
    return SINGKAT_SYARAT.get(s.kode or "", s.syarat)


def gabung(names) -> str:
    """Short names joined, the areas together: "Total, Area MP/PT/SDM, IPAK"."""
    out: list[str] = []
    areas: list[str] = []
    for n in names:
        if n.startswith("Area ") and len(n) <= 9:
            if not areas:
                out.append("")                          # the areas' place in the list
            areas.append(n[5:])
        elif n not in out:
            out.append(n)
    return ", ".join(("Area " + "/".join(areas)) if x == "" else x for x in out)


def _teks_nilai(s, x) -> str:
    if x is None:
        return "belum diisi"
    if isinstance(x, int | float):
        return persen(x) if s.area is not None else angka(x)
    return str(x)


def _pra_evaluasi(p: Penilaian, target: str, tpi: bool) -> list[Butir]:
    out = [Butir("dinilai_tpi", "LKE sudah dinilai TPI", "pra-evaluasi", "jawaban TPI terisi",
                 "ya" if tpi else "belum: dipakai jawaban unit", True if tpi else None, p.label,
                 singkat="penilaian TPI")]
    for s in p.predikat.syarat:
        if s.predikat != target:
            continue
        kode = f"{s.predikat.lower()}_{s.kode}" + (f"_{s.area}" if s.area else "")
        out.append(Butir(kode, s.syarat, "pra-evaluasi", _teks_nilai(s, s.batas), _teks_nilai(s, s.nilai),
                         bool(s.terpenuhi), p.label, singkat=singkat_syarat(s)))
    return out


def _nilai_syarat(spec: dict, v: Nilai | None, target: str, jenis: str | None, per: date | None,
                  mulai: Nilai | None) -> tuple[str, str, bool | None, str]:
    """(batas text, nilai text, terpenuhi, dari) of one Tabel 5 requirement."""
    lim = spec.get(target)
    if spec["jenis"] == "skala":
        skala = data()["skala"][spec["skala"]]
        if isinstance(lim, dict):
            batas = ", ".join(f"{'Pemerintah Daerah' if k == 'pemda' else 'kementerian/lembaga'} {x}"
                              for k, x in lim.items())
        else:
            batas = f"minimal {lim}"
        if v is None:
            return batas, "belum diketahui", None, ""
        got = _skala(spec["skala"], v.nilai)
        if got is None:
            return batas, f"tidak terbaca ({v.nilai})", None, v.dari
        if isinstance(lim, dict):
            if jenis in lim:
                lim_j = lim[jenis]
                return f"minimal {lim_j} ({batas})", got, skala.index(got) >= skala.index(lim_j), v.dari
            hi = max(lim.values(), key=skala.index)
            lo = min(lim.values(), key=skala.index)
            ok = True if skala.index(got) >= skala.index(hi) else False if skala.index(got) < skala.index(lo) else None
            return batas, got + ("" if ok is not None else " (jenis instansi belum diketahui)"), ok, v.dari
        return batas, got, skala.index(got) >= skala.index(lim), v.dari
    if spec["jenis"] == "angka":
        batas = f"minimal {angka(lim, 0)}"
        x = None if v is None else _angka(v.nilai)
        if x is None:
            return batas, "belum diketahui" if v is None else f"tidak terbaca ({v.nilai})", None, v.dari if v else ""
        return batas, angka(x, 0 if x.is_integer() else 1), x >= lim, v.dari
    if spec["jenis"] == "persen":
        batas = persen(lim, 0)
        x = None if v is None else _persen(v.nilai)
        if x is None:
            return batas, "belum diketahui" if v is None else f"tidak terbaca ({v.nilai})", None, v.dari if v else ""
        return batas, persen(x), x >= lim - 1e-9, v.dari
    if spec["jenis"] == "ya_tidak":
        x = None if v is None else _ya(v.nilai)
        if x is None:
            return "ya", "belum diketahui" if v is None else f"tidak terbaca ({v.nilai})", None, v.dari if v else ""
        return "ya", "ya" if x else "tidak", x, v.dari
    if spec["jenis"] == "tahun":
        batas = f"minimal {angka(lim, 0)} tahun"
        if v is not None:
            x = _angka(v.nilai)
            if x is not None:
                return batas, f"{angka(x, 0 if x.is_integer() else 1)} tahun", x >= lim, v.dari
        if mulai is not None:
            d = _tanggal(mulai.nilai)
            if d is None:
                return batas, f"tanggal tidak terbaca ({mulai.nilai})", None, mulai.dari
            if per is None:
                return batas, f"sejak {d.isoformat()} (tanggal acuan belum diberikan)", None, mulai.dari
            try:
                setahun = d.replace(year=d.year + int(lim))
            except ValueError:                      # 29 February
                setahun = d.replace(year=d.year + int(lim), day=28)
            tahun = (per - d).days / 365.25
            return batas, f"{angka(max(tahun, 0.0), 1)} tahun (sejak {d.day} {BULAN[d.month - 1]} {d.year})", \
                per >= setahun, mulai.dari
        return batas, "belum diketahui", None, ""
    raise ZiError(f"jenis syarat usulan tidak dikenal: {spec['jenis']!r}")  # pragma: no cover - shipped data


def periksa(hasil: HasilLKE, nilai: dict[str, Nilai], unit: str | None = None, target: str | None = None,
            per: date | None = None) -> Usulan:
    """The checklist of one unit. ``nilai``: the requirement fields found (see the module's docstring); ``target``
    default WBBM when the unit already holds WBK, else WBK; ``per``: the reference date for "ZI ≥ 1 year"."""
    target = (target or ("WBBM" if hasil.sudah_wbk else "WBK")).upper()
    tpi = hasil.tpi
    p = tpi if tpi is not None else hasil.penilaian
    nilai = dari_lke(hasil, p) | nilai
    jenis = jenis_instansi(nilai["jenis_instansi"].nilai) if "jenis_instansi" in nilai else None
    af = afirmasi(unit, str(nilai["jenis_layanan"].nilai) if "jenis_layanan" in nilai else None)
    if af is not None and jenis == "kl":
        af = None                                      # the affirmation route is for Pemerintah Daerah
    butir = _pra_evaluasi(p, target, tpi is not None)
    for spec in data()["syarat"]:
        batas, teks, ok, dari = _nilai_syarat(spec, nilai.get(spec["kode"]), target, jenis, per, nilai.get("mulai_zi"))
        butir.append(Butir(spec["kode"], spec["syarat"], spec["tingkat"], batas, teks, ok, dari,
                           menghalangi=af is None, singkat=spec["singkat"]))
    blok = [b for b in butir if b.menghalangi]
    gagal = [b for b in blok if b.terpenuhi is False]
    belum = [b for b in blok if b.terpenuhi is None]
    catatan_af = ""
    if af is not None:
        lepas = [b for b in butir if not b.menghalangi and b.terpenuhi is not True]
        catatan_af = (f"jalur afirmasi ({af['nama']}"
                      + (", bila instansinya Pemerintah Daerah" if jenis is None else "") + ")"
                      + (f": {len(lepas)} syarat Tabel 5 masih dalam proses pemenuhan" if lepas else ""))
    if gagal:
        dapat, karena = TIDAK, "; ".join(f"{b.syarat} ({b.nilai}, perlu {b.batas})" for b in gagal)
    elif belum:
        dapat, karena = BELUM, "belum diketahui: " + "; ".join(b.syarat for b in belum)
    else:
        dapat, karena = YA, f"semua syarat Menuju {target} terpenuhi"
    if catatan_af:
        karena += f"; {catatan_af}"
    return Usulan(target, dapat, karena, butir, af["nama"] if af else None, p.label)
