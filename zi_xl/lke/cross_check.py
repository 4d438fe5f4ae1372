"""Where the workbook's own formulas disagree with the regulation — and where the sheet's structure does.

* :func:`audit_rumus` reads the Nilai formulas themselves against the rule tree, without any value: a range that
  takes rows that are not the node's children or misses one, a "Pilihan Jawaban" label the question's formula does
  not recognise, an answer multiplier or an indicator weight other than the regulation's. So a file saved without
  cached results (openpyxl, Google Sheets, a fresh template) is audited too.
* :func:`cross_check` compares each answer source's own Nilai column (cached results) with the regulation's value
  of that source's answers; every difference is an :class:`Anomali` with its reason (a formula fault found above,
  an error value, a difference carried from below). Without cached results the formula faults are reported with
  the cells they carry into.
* :func:`structure_warnings`: rule nodes not found in the sheet, weights that differ, rows the rules do not know.

Pure: works on a parsed sheet and its :class:`~zi_xl.lke.cocok.Pencocokan`.
"""

from __future__ import annotations

import re

from ..xlsx.sheetxml import col_letters
from .cocok import Pencocokan
from .layout import ParsedSheet, Sumber
from .model import Anomali
from .rules import LABEL_JENIS, NILAI_PILIHAN, RuleSet
from .rules.formulas import nilai_pilihan_rumus, refs
from .scoring import Peringatan, Skor

TOL = 1e-9


def _angka(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _child_rows(n, rules: RuleSet, cocok: Pencocokan) -> set[int]:
    """Rows of a node's children in the sheet; a child without a row of its own (a flat LHKPN pair) stands for its
    children."""
    out: set[int] = set()
    for k in rules.children(n.id):
        row = cocok.rows.get(k.id)
        if row is not None:
            out.add(row.baris)
        elif k.tingkat != "pertanyaan":
            out |= _child_rows(k, rules, cocok)
    return out


def structure_warnings(parsed: ParsedSheet, rules: RuleSet, cocok: Pencocokan) -> tuple[list[Peringatan],
                                                                                        list[Anomali]]:
    g = parsed.grid
    warn: list[Peringatan] = []
    anom: list[Anomali] = []
    hcol = col_letters(parsed.layout.cols["bobot"])
    for n in rules.nodes:
        row = cocok.rows.get(n.id)
        if row is None:
            if n.tingkat in ("komponen", "bagian", "area") or (n.tingkat == "indikator" and not n.jenis
                                                                and _child_rows(n, rules, cocok)):
                continue  # a group without a row of its own: its parts were found (reported one by one)
            warn.append(Peringatan(None, f"{n.tingkat} \"{n.nama[:60]}\" ({n.id}) tidak ditemukan di sheet; "
                                   "dihitung sebagai belum diisi", g.title))
            continue
        if n.bobot is not None and row.bobot is not None and abs(n.bobot - row.bobot) > TOL:
            anom.append(Anomali(g.title, f"{hcol}{row.baris}", f"bobot di berkas {row.bobot:g} berbeda dengan "
                                f"bobot aturan {n.bobot:g} ({n.nama[:60]}); dipakai bobot aturan",
                                row.bobot, n.bobot))
        for it in n.isian:
            if it["id"] not in cocok.isian and not it.get("rumus"):
                warn.append(Peringatan(None, f"isian \"{it['nama'][:60]}\" ({it['id']}) tidak ditemukan di sheet; "
                                       "dihitung sebagai belum diisi", g.title))
    matched = cocok.matched()
    for r in parsed.walk():
        if r.baris not in matched and r.jenis_baris in ("struktur", "pertanyaan"):
            warn.append(Peringatan(f"B{r.baris}", f"baris {r.baris} ({r.tingkat or r.jenis_baris} "
                                   f"\"{r.nama[:50]}\") tidak ada dalam aturan LKE {rules.versi}; diabaikan", g.title))
    return warn + cocok.peringatan, anom


def _is_number(v) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _fmt_rows(rows, parsed: ParsedSheet, col: str) -> str:
    out = []
    for r in sorted(rows):
        row = parsed.rows.get(r)
        out.append(f"{col}{r}" + (f" ({row.nama[:45]})" if row else ""))
    return ", ".join(out)


def audit_rumus(parsed: ParsedSheet, rules: RuleSet, cocok: Pencocokan, sumber: Sumber) -> dict[int, str]:
    """Faults of the source's Nilai formulas found from their text and the tree: row → reason."""
    g, lc = parsed.grid, sumber.nilai
    if lc is None:
        return {}
    L, K = col_letters(lc), col_letters(sumber.jawaban)
    pc = parsed.layout.cols.get("pilihan")
    P = col_letters(pc) if pc else None
    all_rows = {r.baris for r in parsed.walk()}
    out: dict[int, str] = {}
    for n in rules.nodes:
        row = cocok.rows.get(n.id)
        f = g.formula(row.baris, lc) if row is not None else None
        if not f:
            continue
        if n.tingkat == "pertanyaan" and P and n.jenis in NILAI_PILIHAN:
            chain = nilai_pilihan_rumus(f, row.baris, P, K)
            if not chain:
                continue
            label = (g.text(row.baris, pc) or "").upper()
            if label not in chain:
                out[row.baris] = (f"Pilihan Jawaban {P}{row.baris} berisi {row.jenis_label!r}, bukan "
                                  f"{LABEL_JENIS[n.jenis]!r}: rumus berkas tidak mengenali jenisnya, sehingga "
                                  "jawaban ini tidak ikut dihitung pada indikatornya")
                continue
            given = chain[label]
            want = {k.upper(): v for k, v in n.nilai_pilihan().items()}
            wrong = [f"{a} = {_angka(given[a])} (aturan {_angka(v)})" for a, v in want.items()
                     if a in given and abs(given[a] - v) > TOL]
            if wrong:
                out[row.baris] = "rumus berkas memberi nilai jawaban lain dari aturan: " + ", ".join(wrong)
        elif n.tingkat != "pertanyaan" and not n.jenis:
            expect = _child_rows(n, rules, cocok)
            got = set(refs(f, L))
            extra = (got & all_rows) - expect - {row.baris}
            missing = expect - got
            if got and not got & all_rows:
                continue  # points at a total row (L4 = L198): checked through that row
            if extra or missing:
                parts = []
                if extra:
                    parts.append("ikut mengambil " + _fmt_rows(extra, parsed, L) + " yang bukan bagian langsungnya")
                if missing:
                    parts.append("tidak mengambil " + _fmt_rows(missing, parsed, L))
                out[row.baris] = f"rumus {f} " + " dan ".join(parts)
                continue
            m = re.search(r"AVERAGE\([^)]*\)\*(-?\d+(?:\.\d+)?)\s*$", f.replace(" ", ""), re.I)
            if m and n.bobot is not None and abs(float(m.group(1)) - n.bobot) > TOL:
                out[row.baris] = (f"rumus {f} mengalikan dengan {_angka(float(m.group(1)))}, sedangkan bobot "
                                  f"aturan {_angka(n.bobot)}")
    return out


def _dependents(parsed: ParsedSheet, col: int, rows: set[int]) -> list[int]:
    """Rows whose Nilai formula takes (directly or through others) one of ``rows``."""
    g, L = parsed.grid, col_letters(col)
    users: dict[int, set[int]] = {}
    for (r, c), f in g.formulas.items():
        if c == col:
            for x in refs(f, L):
                users.setdefault(x, set()).add(r)
    seen: set[int] = set()
    todo = list(rows)
    while todo:
        for u in users.get(todo.pop(), ()):
            if u not in seen and u not in rows:
                seen.add(u)
                todo.append(u)
    return sorted(seen)


def cross_check(parsed: ParsedSheet, rules: RuleSet, cocok: Pencocokan, skor: Skor,
                sumber: Sumber) -> tuple[list[Anomali], list[Peringatan]]:
    """The source's own Nilai column against the regulation's value of its answers, with the reasons."""
    g, lc = parsed.grid, sumber.nilai
    if lc is None:
        return [], []
    L = col_letters(lc)
    faults = audit_rumus(parsed, rules, cocok, sumber)
    formula_cells = [(r.baris, lc) for r in parsed.walk() if g.formula(r.baris, lc)]
    if formula_cells and all(g.value(*c) is None for c in formula_cells):
        out = []
        for r, why in sorted(faults.items()):
            carried = _dependents(parsed, lc, {r})
            if carried:
                why += "; selisihnya dapat terbawa ke " + ", ".join(f"{L}{x}" for x in carried)
            out.append(Anomali(g.title, f"{L}{r}", why, None, None, sumber=sumber.nama))
        return out, [Peringatan(None, "berkas tidak menyimpan hasil rumus (belum pernah dibuka/disimpan di Excel): "
                                "rumus diperiksa dari teksnya saja; nilai di atas tetap menurut aturan", g.title)]
    out: list[Anomali] = []
    bad: set[int] = set()

    def differs(wb, reg) -> bool:
        if reg is None:
            return _is_number(wb)
        return not _is_number(wb) or abs(float(wb) - reg) > TOL

    # bottom-up so that a parent's reason can name its children's anomalies
    order = sorted(rules.nodes, key=lambda n: -n.id.count("."))
    for n in order:
        row = cocok.rows.get(n.id)
        if row is None:
            continue
        wb = g.value(row.baris, lc)
        if not g.formula(row.baris, lc) and wb is None:
            continue
        reg = skor.nodes[n.id].nilai
        if not differs(wb, reg):
            continue
        f = g.formula(row.baris, lc) or ""
        expect = _child_rows(n, rules, cocok)
        carried = sorted(b for b in bad if b in expect)
        if isinstance(wb, str) and wb.startswith("#"):
            why = (f"rumus berkas menghasilkan galat {wb} (mis. penyebut nol atau indikator tanpa jawaban), "
                   "sedangkan aturan menjumlahkan bagian yang sudah terisi")
            if carried:
                why += "; terbawa dari " + ", ".join(f"{L}{b}" for b in carried)
        elif row.baris in faults:
            why = faults[row.baris]
            if n.tingkat == "pertanyaan":
                why += f" (rumus memberi {wb!r})"
        elif n.tingkat == "pertanyaan":
            why = f"rumus berkas memberi {wb!r}, aturan memberi {reg!r}"
        else:
            got = set(refs(f, L)) if f else set()
            all_rows = {r.baris for r in parsed.walk()}
            if f and got and not got & all_rows:  # e.g. L4 = L198: points at a total row
                why = f"rumus {f}; selisih terbawa dari " + ", ".join(f"{L}{b}" for b in sorted(got))
            else:
                why = ("selisih terbawa dari " + ", ".join(f"{L}{b}" for b in carried)) if carried else \
                      f"nilai tersimpan berbeda dengan hasil hitung aturan (rumus {f or 'tidak ada'})"
        out.append(Anomali(g.title, f"{L}{row.baris}", why, wb, reg, sumber=sumber.nama))
        bad.add(row.baris)
    # formula faults the current answers do not show (e.g. a wrong multiplier for an answer nobody gave)
    for r, why in sorted(faults.items()):
        if r not in bad:
            out.append(Anomali(g.title, f"{L}{r}", why + " (belum berpengaruh pada jawaban sekarang)",
                               g.value(r, lc), None, sumber=sumber.nama))
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
            out.append(Anomali(g.title, f"{L}{r}", why, wb, reg, sumber=sumber.nama))
    out.sort(key=lambda a: int("".join(ch for ch in a.sel if ch.isdigit())))
    return out, []
