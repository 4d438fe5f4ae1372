"""Where the workbook's own formulas disagree with the regulation — every difference an :class:`Anomali` with its
reason, derived from the formula text and the tree (a range that takes rows that are not its children or misses one,
a "Pilihan Jawaban" the formulas do not recognise, an error value, a difference carried from below); and where the
sheet's structure differs from the rule set (a weight, a missing or an unknown row). Pure: works on a parsed sheet.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from .layout import ParsedSheet
from .model import Anomali
from .rules import LABEL_JENIS, RuleSet
from .rules.formulas import refs
from .scoring import Peringatan, Skor

TOL = 1e-9


def structure_warnings(parsed: ParsedSheet, rules: RuleSet) -> tuple[list[Peringatan], list[Anomali]]:
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
            reg = skor.total
        else:
            hit = skor.by_peran(rules, peran)
            reg = hit.nilai if hit else None
        if wb is not None and differs(wb, reg):
            why = (f"rumus total berkas menghasilkan galat {wb}" if isinstance(wb, str) and wb.startswith("#")
                   else "total berkas berbeda dengan total aturan") + " (terbawa dari baris di atas)"
            out.append(Anomali(g.title, f"{L}{r}", why, wb, reg))
    out.sort(key=lambda a: int("".join(ch for ch in a.sel if ch.isdigit())))
    return out, []
