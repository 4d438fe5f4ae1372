"""Read an LKE workbook and score it: "Hitung Nilai".

:func:`read_lke` (a file) and :func:`hitung_grids` (grids from any backend) find the LKE sheet and its version,
read the unit's (and, where present, the TPI's) answers tolerantly, score every node (:mod:`.scoring`), decide the
predikat (:mod:`.predikat`), and cross-check the workbook's own formulas (:mod:`.cross_check`). Neither side is
ever followed silently: the scores are the regulation's; the anomalies say where the workbook differs and why.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import ZiError, pada_berkas
from ..xlsx.book import Book
from ..xlsx.grid import Grid
from ..xlsx.read import read_workbook
from ..xlsx.sheetxml import col_letters
from .cocok import Pencocokan, cocokkan
from .cross_check import cross_check, structure_warnings
from .layout import ParsedSheet, Sumber, check_parsed, find_lke_sheet, norm, parse_sheet
from .model import HasilLKE, Penilaian
from .predikat import load_batas, tentukan
from .rules import RuleSet, load_rules
from .scoring import Peringatan, hitung


def detect_versi(parsed: ParsedSheet) -> str:
    """2026 for PortalRB's sheet "Jawaban"; 2023 when the sheet speaks of "Non LHKPN"; 2021 with Pemenuhan/Reform;
    else by area weights."""
    if parsed.grid.title.strip().lower() == "jawaban":
        return "2026"
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
        s = len(ids & {n.id for n in load_rules(v).nodes})
        if s > score:
            best, score = v, s
    if best is None or score == 0:
        raise ZiError("versi LKE tidak dapat dikenali; sebutkan dengan --versi", berkas=parsed.grid.berkas,
                      sheet=parsed.grid.title)
    return best


def _answers(parsed: ParsedSheet, rules: RuleSet, cocok: Pencocokan, col: int) -> tuple[dict, dict]:
    """Raw answers of one answer column, by question/isian id, and the cells they came from."""
    g = parsed.grid
    jawaban, lokasi = {}, {}
    letter = col_letters(col)
    for q in rules.questions():
        row = cocok.rows.get(q.id)
        if row is not None:
            jawaban[q.id] = g.value(row.baris, col)
            lokasi[q.id] = f"{letter}{row.baris}"
        for it in q.isian:
            irow = cocok.isian.get(it["id"])
            if irow is not None:
                jawaban[it["id"]] = g.value(irow.baris, col)
                lokasi[it["id"]] = f"{letter}{irow.baris}"
    return jawaban, lokasi


#: Labels of an "earlier WBK" field: the template's "Hasil Penilaian" input, a profile's "Predikat sebelumnya".
_LABEL_WBK = ("sudah memperoleh wbk sebelumnya", "sudah memperoleh predikat wbk sebelumnya", "predikat sebelumnya",
              "predikat zi sebelumnya")


def baca_sudah_wbk(grids: dict[str, Grid]) -> tuple[bool, str] | None:
    """(earlier WBK?, cell) when a sheet has such a field (the value right of its label), else None. A field that
    says yes ("Ya", "WBK", "Menuju WBK 2023") wins over one that says no: it is the evidence of an earlier
    predikat."""
    found: list[tuple[bool, str]] = []
    for g in grids.values():
        for r in g.rows(1, 60):
            for c, text in g.row_texts(r):
                t = norm(text).rstrip("?: ")
                if not any(t.startswith(lbl) for lbl in _LABEL_WBK):
                    continue
                for cc in range(c + 1, c + 4):
                    v = norm(g.text(r, cc))
                    if v:
                        ya = v in ("ya", "y", "sudah") or "wbk" in v or "wbbm" in v
                        found.append((ya, f"{g.title}!{col_letters(cc)}{r}"))
                        break
    return next((f for f in found if f[0]), found[0] if found else None)


def _sumber(layout_sumber: list[Sumber], jawaban: str, grid: Grid, berkas: str) -> str:
    """The source named (or whose column is) ``jawaban``."""
    want = norm(jawaban)
    for s in layout_sumber:
        if s.nama == want or s.kolom.lower() == want:
            return s.nama
    if want == "unit":
        return layout_sumber[0].nama
    ada = ", ".join(f"{s.nama} (kolom {s.kolom})" for s in layout_sumber)
    raise ZiError(f"sumber jawaban '{jawaban}' tidak ada di sheet (ada: {ada})", berkas=berkas, sheet=grid.title)


def hitung_grid(grid: Grid, berkas: str, versi: str = "auto", jawaban: str = "unit", batas: str | None = None,
                sudah_wbk: bool = False, sudah_wbk_dari: str | None = None) -> HasilLKE:
    """Hitung Nilai on the LKE sheet: every answer source scored and decided, the workbook's formulas audited."""
    parsed = parse_sheet(grid)
    check_parsed(parsed, strict=False)
    v = detect_versi(parsed) if versi in (None, "auto") else str(versi)
    rules = load_rules(v)
    bt = load_batas(v, batas)
    cocok = cocokkan(parsed, rules)
    warn, anom = structure_warnings(parsed, rules, cocok)
    utama = _sumber(parsed.layout.sumber, jawaban, grid, berkas)
    sources: list[Penilaian] = []
    peringatan = list(warn)
    for src in parsed.layout.sumber:
        ans, loc = _answers(parsed, rules, cocok, src.jawaban)
        sk = hitung(rules, ans, loc)
        kosong = all(sk.nodes[q.id].jawaban is None for q in rules.questions())
        for w in sk.peringatan:
            w.sheet = grid.title
            peringatan.append(w if src is parsed.layout.sumber[0] else
                              Peringatan(w.sel, f"({src.header}) {w.pesan}", w.sheet))
        sources.append(Penilaian(src.nama, sk, tentukan(rules, sk, bt, sudah_wbk=sudah_wbk), kolom=src.kolom,
                                 kosong=kosong, judul=src.header))
        if not kosong:
            a, w2 = cross_check(parsed, rules, cocok, sk, src)
            anom += a
            peringatan += [w for w in w2 if w.pesan not in {x.pesan for x in peringatan}]
    return HasilLKE(berkas=berkas, sheet=grid.title, rules=rules, sumber=sources, peringatan=peringatan,
                    anomali=anom, baris={k: r.baris for k, r in cocok.rows.items()}, utama=utama,
                    sudah_wbk=sudah_wbk, sudah_wbk_dari=sudah_wbk_dari)


def hitung_grids(grids: dict[str, Grid], berkas: str, versi: str = "auto", jawaban: str = "unit",
                 batas: str | None = None, sudah_wbk: bool | None = None) -> HasilLKE:
    """Hitung Nilai on a workbook's grids (from a file or from Excel): find the LKE sheet, score, decide.

    ``sudah_wbk``: whether the unit already holds WBK (a WBBM requirement); None reads it from the workbook (the
    template's "Sudah memperoleh WBK sebelumnya?" or a "Predikat sebelumnya" field), default no."""
    grid, _ = find_lke_sheet(grids, berkas=berkas)
    dari = None
    if sudah_wbk is None:
        found = baca_sudah_wbk(grids)
        sudah_wbk, dari = found if found else (False, None)
    return hitung_grid(grid, berkas, versi=versi, jawaban=jawaban, batas=batas, sudah_wbk=sudah_wbk,
                       sudah_wbk_dari=dari)


def read_lke(source: str | os.PathLike | Book, versi: str = "auto", jawaban: str = "unit", batas: str | None = None,
             sudah_wbk: bool | None = None, hitung_ulang: bool = False) -> HasilLKE:
    """Hitung Nilai for an LKE file (.xlsx/.xlsm, or a :class:`~zi_xl.xlsx.book.Book` already open). Raises
    :class:`~zi_xl.errors.ZiError` (Indonesian, naming file, sheet and cell) on bad input.

    ``hitung_ulang=True`` first recalculates a copy of the workbook (the bytes that were read) in headless
    LibreOffice, so that its own formulas can be cross-checked even when the file carries no cached results."""
    book = source if isinstance(source, Book) else Book.open(source)
    grids = book.grids
    if hitung_ulang:
        from ..xlsx.recalc import recalculate  # LibreOffice only when asked for

        grid, _ = find_lke_sheet(grids, berkas=book.berkas)
        with tempfile.TemporaryDirectory(prefix="zi-xl-") as tmp:
            copy = Path(tmp) / ("salinan" + Path(book.berkas).suffix)
            copy.write_bytes(book.snapshot.data)
            with pada_berkas(book.berkas, ganti=str(copy)):           # messages name the user's file
                out = recalculate([copy], Path(tmp) / "hasil")[0]
                with pada_berkas(book.berkas, ganti=str(out)):
                    grid = read_workbook(out, sheets=[grid.title])[grid.title]
        grid.berkas = book.berkas
        grids = {**grids, grid.title: grid}
    return hitung_grids(grids, book.berkas, versi=versi, jawaban=jawaban, batas=batas, sudah_wbk=sudah_wbk)
