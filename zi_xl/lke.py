"""Read an LKE workbook, score it by the regulation's rules, cross-check the workbook's own formulas.

``hitung_berkas("LKE.xlsx")`` is what "Hitung Nilai" does: find the LKE sheet and its version, read the unit's
(and, where present, the TPI's) answers tolerantly, score every node (:mod:`zi_xl.scoring`), decide the
predikat (:mod:`zi_xl.predikat`), and compare the regulation's value of every node with what the workbook's own
formulas give (cached values), reporting each difference as an anomaly with its reason. Neither side is ever
followed silently: the scores are the regulation's; the anomalies say where the workbook differs and why.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from .errors import ZiError
from .lke_layout import ParsedSheet, check_parsed, find_lke_sheet, parse_sheet
from .predikat import Predikat, load_batas, tentukan
from .rules import LABEL_JENIS, RuleSet, load_rules
from .rules.formulas import refs
from .scoring import Peringatan, Skor, hitung
from .xlsx.grid import Grid, read_workbook

TOL = 1e-9


@dataclass
class Anomali:
    sheet: str
    sel: str
    pesan: str
    nilai_berkas: Any
    nilai_aturan: float | None


@dataclass
class Penilaian:
    """Scores and verdict for one set of answers (the unit's or the TPI's)."""

    jawaban: str
    skor: Skor
    predikat: Predikat


@dataclass
class HasilLKE:
    berkas: str
    sheet: str
    rules: RuleSet
    unit: Penilaian
    tpi: Penilaian | None
    peringatan: list[Peringatan] = field(default_factory=list)
    anomali: list[Anomali] = field(default_factory=list)
    baris: dict[str, int] = field(default_factory=dict)   # node id -> row in the user's sheet
    utama: str = "unit"                                     # which Penilaian the headline uses

    @property
    def versi(self) -> str:
        return self.rules.versi

    @property
    def penilaian(self) -> Penilaian:
        return self.tpi if self.utama == "tpi" and self.tpi else self.unit

    def nilai(self, peran: str) -> float | None:
        if peran == "total":
            return sum((self.penilaian.skor.nodes[r.id].nilai or 0.0) for r in self.rules.roots())
        hit = self.penilaian.skor.by_peran(self.rules, peran)
        return hit.nilai if hit else None

    @property
    def predikat(self) -> Predikat:
        return self.penilaian.predikat

    def rincian(self) -> list[dict]:
        out = []
        for n in self.rules.nodes:
            r = self.penilaian.skor.nodes[n.id]
            out.append({"kode": n.id, "kode_cetak": n.kode, "nama": n.nama, "tingkat": n.tingkat,
                        "bobot": n.bobot, "nilai": r.nilai, "persen": r.persen, "jawaban": r.jawaban,
                        "belum_diisi": r.belum_diisi, "sheet": self.sheet, "baris": self.baris.get(n.id)})
        return out

    def to_dict(self) -> dict:
        from .report import hasil_dict

        return hasil_dict(self)

    def to_frame(self):
        """All nodes as a pandas DataFrame (pandas is imported only here)."""
        import pandas as pd

        return pd.DataFrame(self.rincian()).set_index("kode")


# --------------------------------------------------------------------------------------------- version
def detect_versi(parsed: ParsedSheet) -> str:
    """2023 when the sheet speaks of "Non LHKPN"; 2021 with Pemenuhan/Reform; else by area weights."""
    names = [r.nama.upper() for r in parsed.walk()]
    names += [i.nama.upper() for r in parsed.walk() for i in r.isian]
    if any("NON LHKPN" in n for n in names):
        return "2023"
    if any(r.tingkat == "bagian" and r.nama.upper().strip() in ("PEMENUHAN", "REFORM") for r in parsed.walk()):
        return "2021"
    weights = [r.bobot for r in parsed.walk() if r.tingkat == "area"]
    if weights == [8, 7, 10, 10, 15, 10]:
        return "2019"
    if weights == [5, 5, 15, 10, 15, 10]:
        return "2014"
    best, score = None, -1
    ids = {r.id for r in parsed.walk()}
    for v in ("2019", "2014", "2021"):
        try:
            rs = load_rules(v)
        except (ZiError, FileNotFoundError):
            continue
        s = len(ids & {n.id for n in rs.nodes})
        if s > score:
            best, score = v, s
    if best is None or score == 0:
        raise ZiError("versi LKE tidak dapat dikenali; sebutkan dengan --versi", berkas=parsed.grid.berkas,
                      sheet=parsed.grid.title)
    return best


# --------------------------------------------------------------------------------------------- reading
def _answers(parsed: ParsedSheet, rules: RuleSet, role: str) -> tuple[dict, dict]:
    g, col = parsed.grid, parsed.layout.cols.get(role)
    nodes, isian = parsed.by_id, parsed.isian_by_id
    jawaban, lokasi = {}, {}
    letter = get_column_letter(col)
    for q in rules.questions():
        row = nodes.get(q.id)
        if row is not None:
            jawaban[q.id] = g.value(row.baris, col)
            lokasi[q.id] = f"{letter}{row.baris}"
        for it in q.isian:
            irow = isian.get(it["id"])
            if irow is not None:
                jawaban[it["id"]] = g.value(irow.baris, col)
                lokasi[it["id"]] = f"{letter}{irow.baris}"
    return jawaban, lokasi


def _structure_warnings(parsed: ParsedSheet, rules: RuleSet) -> tuple[list[Peringatan], list[Anomali]]:
    g = parsed.grid
    nodes = parsed.by_id
    warn: list[Peringatan] = []
    anom: list[Anomali] = []
    hcol = get_column_letter(parsed.layout.cols["bobot"])
    for n in rules.nodes:
        row = nodes.get(n.id)
        if row is None:
            warn.append(Peringatan(None, f"{n.tingkat} {n.id} \"{n.nama[:60]}\" tidak ditemukan di sheet; "
                                   "dihitung sebagai belum diisi", g.title))
            continue
        if n.bobot is not None and row.bobot is not None and abs(n.bobot - row.bobot) > TOL:
            anom.append(Anomali(g.title, f"{hcol}{row.baris}", f"bobot di berkas {row.bobot:g} berbeda dengan "
                                f"bobot aturan {n.bobot:g} ({n.nama[:60]}); dipakai bobot aturan",
                                row.bobot, n.bobot))
    known = {n.id for n in rules.nodes}
    for r in parsed.walk():
        if r.id not in known:
            warn.append(Peringatan(f"B{r.baris}", f"baris {r.baris} ({r.tingkat} \"{r.nama[:50]}\") tidak ada "
                                   f"dalam aturan LKE {rules.versi}; diabaikan", g.title))
    return warn, anom


# --------------------------------------------------------------------------------------------- cross-check
def _is_number(v) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _fmt_rows(rows, parsed: ParsedSheet, col: str) -> str:
    out = []
    for r in sorted(rows):
        row = parsed.rows.get(r)
        out.append(f"{col}{r}" + (f" ({row.nama[:45]})" if row else ""))
    return ", ".join(out)


def cross_check(parsed: ParsedSheet, rules: RuleSet, skor: Skor) -> tuple[list[Anomali], list[Peringatan]]:
    """Every node whose cached workbook value differs from the regulation's value, with the reason."""
    g = parsed.grid
    lc = parsed.layout.cols["nilai"]
    L = get_column_letter(lc)
    pcol = get_column_letter(parsed.layout.cols["pilihan"]) if "pilihan" in parsed.layout.cols else "J"
    nodes = parsed.by_id
    formula_cells = [(r.baris, lc) for r in parsed.walk() if g.formula(r.baris, lc)]
    if formula_cells and all(g.value(*c) is None for c in formula_cells):
        return [], [Peringatan(None, "berkas tidak menyimpan hasil rumus (belum pernah dibuka/disimpan di Excel); "
                               "pemeriksaan silang dengan rumus berkas dilewati", g.title)]
    out: list[Anomali] = []
    bad: set[int] = set()

    def differs(wb, reg) -> bool:
        if reg is None:
            return _is_number(wb)
        return not _is_number(wb) or abs(float(wb) - reg) > TOL

    # bottom-up so that a parent's reason can name its children's anomalies
    order = sorted(rules.nodes, key=lambda n: -n.id.count("."))
    for n in order:
        row = nodes.get(n.id)
        if row is None:
            continue
        wb = g.value(row.baris, lc)
        if not g.formula(row.baris, lc) and wb is None:
            continue
        reg = skor.nodes[n.id].nilai
        if not differs(wb, reg):
            continue
        f = g.formula(row.baris, lc) or ""
        if isinstance(wb, str) and wb.startswith("#"):
            carried = sorted(b for b in bad if b in {nodes[k.id].baris for k in rules.children(n.id)
                                                     if k.id in nodes})
            why = (f"rumus berkas menghasilkan galat {wb} (mis. penyebut nol atau indikator tanpa jawaban), "
                   "sedangkan aturan menjumlahkan bagian yang sudah terisi")
            if carried:
                why += "; terbawa dari " + ", ".join(f"{L}{b}" for b in carried)
        elif n.tingkat == "pertanyaan":
            if row.jenis_dari == "validasi":
                why = (f"Pilihan Jawaban {pcol}{row.baris} berisi {row.jenis_label!r}, bukan "
                       f"{LABEL_JENIS[n.jenis]!r}: rumus resmi tidak mengenali jenisnya dan memberi {wb!r}, "
                       "sehingga jawaban ini tidak ikut dihitung pada indikatornya")
            else:
                why = f"rumus berkas memberi {wb!r}, aturan memberi {reg!r}"
        else:
            kids = rules.children(n.id)
            expect = {nodes[k.id].baris for k in kids if k.id in nodes}
            all_nodes = {r.baris for r in parsed.walk()}
            got = set(refs(f, L)) if f else set()
            extra = (got & all_nodes) - expect - {row.baris}
            missing = expect - got
            if f and got and not got & all_nodes:  # e.g. L4 = L198: points at a total row
                why = f"rumus {f}; selisih terbawa dari " + ", ".join(f"{L}{b}" for b in sorted(got))
            elif f and (extra or missing):
                parts = []
                if extra:
                    parts.append("ikut mengambil " + _fmt_rows(extra, parsed, L) + " yang bukan bagian langsungnya")
                if missing:
                    parts.append("tidak mengambil " + _fmt_rows(missing, parsed, L))
                why = f"rumus {f} " + " dan ".join(parts)
            else:
                carried = sorted(b for b in bad if b in expect)
                why = ("selisih terbawa dari " + ", ".join(f"{L}{b}" for b in carried)) if carried else \
                      f"nilai tersimpan berbeda dengan hasil hitung aturan (rumus {f or 'tidak ada'})"
        out.append(Anomali(g.title, f"{L}{row.baris}", why, wb, reg))
        bad.add(row.baris)
    # the total rows of the official layout
    totals = {"total_pengungkit": "pengungkit", "total_hasil": "hasil", "total": "total"}
    for key, peran in totals.items():
        r = parsed.totals.get(key)
        if r is None:
            continue
        wb = g.value(r, lc)
        if peran == "total":
            reg = sum((skor.nodes[x.id].nilai or 0.0) for x in rules.roots())
        else:
            hit = skor.by_peran(rules, peran)
            reg = hit.nilai if hit else None
        if wb is not None and differs(wb, reg):
            why = (f"rumus total berkas menghasilkan galat {wb}" if isinstance(wb, str) and wb.startswith("#")
                   else "total berkas berbeda dengan total aturan") + " (terbawa dari baris di atas)"
            out.append(Anomali(g.title, f"{L}{r}", why, wb, reg))
    out.sort(key=lambda a: int("".join(ch for ch in a.sel if ch.isdigit())))
    return out, []


# --------------------------------------------------------------------------------------------- entry points
def hitung_grid(grid: Grid, berkas: str, versi: str = "auto", jawaban: str = "unit", batas: str | None = None,
                sudah_wbk: bool = False) -> HasilLKE:
    parsed = parse_sheet(grid)
    check_parsed(parsed, strict=False)
    v = detect_versi(parsed) if versi in (None, "auto") else str(versi)
    rules = load_rules(v)
    bt = load_batas(v, batas)
    warn, anom = _structure_warnings(parsed, rules)

    def run(role: str) -> Penilaian:
        ans, loc = _answers(parsed, rules, role)
        sk = hitung(rules, ans, loc)
        for p in sk.peringatan:
            p.sheet = grid.title
        return Penilaian(role, sk, tentukan(rules, sk, bt, sudah_wbk=sudah_wbk))

    unit = run("jawaban")
    unit.jawaban = "unit"
    tpi = None
    if "jawaban_tpi" in parsed.layout.cols:
        ans, _ = _answers(parsed, rules, "jawaban_tpi")
        if any(v not in (None, "") for v in ans.values()):
            tpi = run("jawaban_tpi")
            tpi.jawaban = "tpi"
    if jawaban == "tpi" and tpi is None:
        raise ZiError("tidak ada jawaban TPI (kolom 'Jawaban TPI' tidak ada atau kosong)", berkas=berkas,
                      sheet=grid.title)
    anomali, warn2 = cross_check(parsed, rules, unit.skor)
    nodes = parsed.by_id
    res = HasilLKE(berkas=berkas, sheet=grid.title, rules=rules, unit=unit, tpi=tpi,
                   peringatan=warn + unit.skor.peringatan + warn2, anomali=anom + anomali,
                   baris={k: r.baris for k, r in nodes.items()}, utama=jawaban)
    if tpi is not None:
        res.peringatan += [Peringatan(p.sel, "(TPI) " + p.pesan, p.sheet) for p in tpi.skor.peringatan]
    return res


def hitung_berkas(path: str | os.PathLike, versi: str = "auto", jawaban: str = "unit", batas: str | None = None,
                  sudah_wbk: bool = False, hitung_ulang: bool = False) -> HasilLKE:
    """Hitung Nilai for an LKE file (.xlsx/.xlsm). Raises :class:`ZiError` on bad input.

    ``hitung_ulang=True`` first recalculates a copy in headless LibreOffice, so that the workbook's own formulas
    can be cross-checked even when the file carries no cached results (saved by a tool other than Excel)."""
    berkas = os.fspath(path)
    grids = read_workbook(berkas)
    grid, _ = find_lke_sheet(grids, berkas=berkas)
    if hitung_ulang:
        import tempfile

        from .xlsx.recalc import recalculate

        with tempfile.TemporaryDirectory(prefix="zi-xl-") as tmp:
            out = recalculate([berkas], tmp)[0]
            grid = read_workbook(out, sheets=[grid.title])[grid.title]
            grid.berkas = berkas
    return hitung_grid(grid, berkas, versi=versi, jawaban=jawaban, batas=batas, sudah_wbk=sudah_wbk)


read_lke = hitung_berkas
