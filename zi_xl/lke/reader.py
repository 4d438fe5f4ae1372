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

from openpyxl.utils import get_column_letter

from ..errors import ZiError
from ..xlsx.book import Book
from ..xlsx.grid import Grid
from ..xlsx.read import read_workbook
from ..xlsx.recalc import recalculate
from .cross_check import cross_check, structure_warnings
from .layout import ParsedSheet, check_parsed, find_lke_sheet, parse_sheet
from .model import HasilLKE, Penilaian
from .predikat import load_batas, tentukan
from .rules import RuleSet, load_rules
from .scoring import Peringatan, hitung


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


def hitung_grid(grid: Grid, berkas: str, versi: str = "auto", jawaban: str = "unit", batas: str | None = None,
                sudah_wbk: bool = False) -> HasilLKE:
    parsed = parse_sheet(grid)
    check_parsed(parsed, strict=False)
    v = detect_versi(parsed) if versi in (None, "auto") else str(versi)
    rules = load_rules(v)
    bt = load_batas(v, batas)
    warn, anom = structure_warnings(parsed, rules)

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


def hitung_grids(grids: dict[str, Grid], berkas: str, versi: str = "auto", jawaban: str = "unit",
                 batas: str | None = None, sudah_wbk: bool = False) -> HasilLKE:
    """Hitung Nilai on a workbook's grids (from a file or from Excel): find the LKE sheet, score, decide."""
    grid, _ = find_lke_sheet(grids, berkas=berkas)
    return hitung_grid(grid, berkas, versi=versi, jawaban=jawaban, batas=batas, sudah_wbk=sudah_wbk)


def read_lke(source: str | os.PathLike | Book, versi: str = "auto", jawaban: str = "unit", batas: str | None = None,
             sudah_wbk: bool = False, hitung_ulang: bool = False) -> HasilLKE:
    """Hitung Nilai for an LKE file (.xlsx/.xlsm, or a :class:`~zi_xl.xlsx.book.Book` already open). Raises
    :class:`~zi_xl.errors.ZiError` (Indonesian, naming file, sheet and cell) on bad input.

    ``hitung_ulang=True`` first recalculates a copy of the workbook (the bytes that were read) in headless
    LibreOffice, so that its own formulas can be cross-checked even when the file carries no cached results."""
    book = source if isinstance(source, Book) else Book.open(source)
    grids = book.grids
    if hitung_ulang:
        grid, _ = find_lke_sheet(grids, berkas=book.berkas)
        with tempfile.TemporaryDirectory(prefix="zi-xl-") as tmp:
            copy = Path(tmp) / ("salinan" + Path(book.berkas).suffix)
            copy.write_bytes(book.snapshot.data)
            out = recalculate([copy], Path(tmp) / "hasil")[0]
            grid = read_workbook(out, sheets=[grid.title])[grid.title]
        grid.berkas = book.berkas
        grids = {grid.title: grid}
    return hitung_grids(grids, book.berkas, versi=versi, jawaban=jawaban, batas=batas, sudah_wbk=sudah_wbk)
