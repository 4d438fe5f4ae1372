"""PortalRB's 2026 sheet "Jawaban" and the variants real institutions make of it, written by code from the master.

Questions and count rows stand at the master's ``excel_baris`` (rows 6–202); the answer block is K (unit),
L (catatan unit), M (bukti dukung unit), N (TPI), Q (catatan TPI), as the master says. Structure rows (komponen,
bagian, area, indikator), the percentage questions and the computed counts fill the rows between, in tree order,
laid out as the official LKE ZI sheet lays them out (code in the column of its depth, name in the next; questions
coded in F with their text in G; count rows "- …" in G).

Variants (keyword arguments of :func:`tulis_jawaban`):

* ``tukar_huruf``: indicator ids whose first two questions carry each other's printed letter (texts stay);
* ``tukar_baris``: {indicator id: (i, j)} — questions i and j written in each other's place (an iterable of ids
  swaps the first two);
* ``lhkpn``: "bertingkat" (group row, the pair coded a./b.) or "datar" (no group row, the pair iii./iv. directly
  under the area);
* ``kode_hasil``: "a" | "-" | "" — how the Hasil indicators are coded;
* ``sumber``: extra answer columns after Q: ``[(header, answers, nilai)]``; ``nilai`` None (no Nilai/% columns),
  True (cached Nilai of those answers, as a correct workbook has) or {node id: wrong value};
* ``urutan``: order of the answer block's columns (default "KLMNQ"; e.g. "NQKLM" puts the TPI block first).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from zi_xl.lke.rules import LABEL_JENIS, load_rules
from zi_xl.lke.scoring import hitung

RULES = load_rules("2026")
TEKS, BOBOT, PENJ, PILIHAN = 7, 8, 9, 10
HEADER_ROW = 1
_STD = {"K": "Jawaban", "L": "Catatan", "M": "Bukti Dukung", "N": "Jawaban TPI", "Q": "Catatan TPI"}
_BLOCK = [11, 12, 13, 14, 17]                       # K L M N Q


def tulis_jawaban(path: Path, jawaban: dict, tpi: dict | None = None, *, tukar_huruf=(), tukar_baris=(),
                  lhkpn: str = "bertingkat", kode_hasil: str = "a", sumber=(), urutan: str = "KLMNQ",
                  catatan: dict | None = None, judul_sheet: str = "Jawaban") -> Path:
    """Write a workbook with the sheet; ``jawaban``/``tpi``: node or isian id → answer as typed;
    ``catatan``: id → (catatan unit, bukti dukung, catatan TPI)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = judul_sheet
    col = dict(zip(urutan, _BLOCK, strict=True))
    heads = {2: "Penilaian", BOBOT: "Bobot", PENJ: "Penjelasan", PILIHAN: "Pilihan Jawaban"}
    heads |= {c: _STD[role] for role, c in col.items()}
    extra = []
    nxt = 18
    for head, answers, nilai in sumber:
        cols = {"jawaban": nxt}
        heads[nxt] = head
        nxt += 1
        if nilai is not None:
            cols["nilai"], cols["persen"] = nxt, nxt + 1
            heads[nxt], heads[nxt + 1] = "Nilai", "%"
            nxt += 2
        extra.append((answers, nilai, cols))
    for c, text in heads.items():
        ws.cell(HEADER_ROW, c, text)

    state = {"row": HEADER_ROW + 1}
    where: dict[str, int] = {}
    pindah: dict[str, int] = {}                     # question id → the row it takes instead of its own

    def take(row: int | None) -> int:
        if row is not None:
            assert row >= state["row"], (row, state["row"])
            state["row"] = row
        r = state["row"]
        state["row"] += 1
        return r

    def answers_at(r: int, key: str) -> None:
        where[key] = r
        for src, c in ((jawaban, col["K"]), (tpi or {}, col["N"])):
            if src.get(key) is not None:
                ws.cell(r, c, src[key])
        for src, _, cols in extra:
            if src.get(key) is not None:
                ws.cell(r, cols["jawaban"], src[key])
        if catatan and key in catatan:
            for c, v in zip((col["L"], col["M"], col["Q"]), catatan[key], strict=True):
                if v is not None:
                    ws.cell(r, c, v)

    def code_of(node) -> str | None:
        if node.induk and node.induk.startswith("B") and node.tingkat == "indikator":
            return {"a": node.kode, "-": "-", "": None}[kode_hasil]
        if node.induk == "A.II.5.iii":
            i = RULES.children(node.induk).index(node)
            return ("a.", "b.")[i] if lhkpn == "bertingkat" else ("iii.", "iv.")[i]
        if node.tingkat == "pertanyaan":
            sibs = [k for k in RULES.children(node.induk) if k.tingkat == "pertanyaan"]
            if node.induk in tukar_huruf and node in sibs[:2] and len(sibs) > 1:
                return sibs[1 - sibs.index(node)].kode
        return node.kode

    def emit(node, depth: int) -> None:
        kids = RULES.children(node.id)
        if node.id == "A.II.5.iii" and lhkpn == "datar":
            for k in kids:
                emit(k, depth)
            return
        r = take(pindah.get(node.id, node.excel_baris))
        kode = code_of(node)
        if kode:
            ws.cell(r, 2 + depth, kode)
        ws.cell(r, 3 + depth, node.nama)
        if node.tingkat != "pertanyaan":
            ws.cell(r, BOBOT, node.bobot)
        if node.penjelasan:
            ws.cell(r, PENJ, node.penjelasan)
        if node.jenis:
            ws.cell(r, PILIHAN, LABEL_JENIS[node.jenis])
            if not node.rumus:
                answers_at(r, node.id)
        where.setdefault(node.id, r)
        for it in node.isian:
            ri = take(it.get("excel_baris"))
            ws.cell(ri, TEKS, "- " + it["nama"])
            ws.cell(ri, PILIHAN, "Jumlah")
            where[it["id"]] = ri
            if not it.get("rumus"):
                answers_at(ri, it["id"])
        qs = [k for k in kids if k.tingkat == "pertanyaan"]
        if node.id in tukar_baris:
            i, j = tukar_baris[node.id] if isinstance(tukar_baris, dict) else (0, 1)
            pindah[qs[i].id], pindah[qs[j].id] = qs[j].excel_baris, qs[i].excel_baris
            qs[i], qs[j] = qs[j], qs[i]
        for k in [k for k in kids if k.tingkat != "pertanyaan"] + qs:
            emit(k, min(depth + 1, 4) if k.tingkat == "pertanyaan" else depth + 1
                 if node.tingkat != "indikator" else depth)

    for root in RULES.roots():
        emit(root, 0)
        ws.cell(take(None), 2, f"TOTAL {root.nama}")
    for src, nilai, cols in extra:
        if nilai is None:
            continue
        sk = hitung(RULES, src)
        for n in RULES.nodes:
            v = nilai.get(n.id, sk.nodes[n.id].nilai) if isinstance(nilai, dict) else sk.nodes[n.id].nilai
            if v is not None and n.id in where:
                ws.cell(where[n.id], cols["nilai"], v)
    wb.save(path)
    return path
