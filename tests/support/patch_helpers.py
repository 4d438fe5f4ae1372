"""Shared helpers for the patch-writer tests: the corpus list and the edits used everywhere."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.support import CORPUS, REF_LKE
from zi_xl.xlsx.edits import AppendRows, Cell, ChartSeries, ChartSpec, ReplaceSheet, SetCell, SetStyle, Style


def corpus_files() -> list[Path]:
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in (".xlsx", ".xlsm"))
    assert len(files) >= 55, f"corpus incomplete: {len(files)} files in {CORPUS}"
    return files + [REF_LKE]


WHEN = dt.datetime(2024, 5, 6, 7, 8, 9)
USER_TEXT = ["=HAPUS()", "+62 812", "-5 poin", "@mention", "teks biasa & <tag> \"kutip\" 'x'"]


def cell_edits(sheet: str) -> list:
    """Cell edits in column AB (beyond the corpus' used ranges), incl. user text that looks like formulas."""
    out = [SetCell(sheet, "AB1", 41.5), SetCell(sheet, "AB2", formula="AB1*2", cached=83.0),
           SetCell(sheet, "AB3", formula="=AB1+AB2"),          # no cached value: only recalculation knows
           SetCell(sheet, "AB4", WHEN), SetCell(sheet, "AB5", True), SetCell(sheet, "AB6", 7),
           SetStyle(sheet, "AB1", Style(fill="FFFF00", bold=True, num_format="0.00"))]
    out += [SetCell(sheet, f"AC{i + 1}", t) for i, t in enumerate(USER_TEXT)]
    return out


def sheet_with_chart(name: str = "Hasil Uji") -> ReplaceSheet:
    rows = [[Cell("Area", style=Style(bold=True)), "Nilai", "Min"],
            ["Satu", 0.5, 0.6], ["Dua", 0.9, 0.6], ["=bukan rumus", 0.7, 0.6],
            ["Jumlah", Cell(2.1, formula="SUM(B2:B4)")]]
    chart = ChartSpec(kind="column", title="Uji", series=[ChartSeries("Nilai", "A2:A4", "B2:B4"),
                                                          ChartSeries("Min", "A2:A4", "C2:C4", kind="line")])
    return ReplaceSheet(name, rows=rows, widths={"A": 20}, chart=chart)


def log_rows(n: int) -> AppendRows:
    return AppendRows("Log", rows=[[WHEN, f"run {n}", n, "=bukan rumus"]],
                      header=["Waktu", "Catatan", "No", "Teks"])
