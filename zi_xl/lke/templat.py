"""A fresh LKE workbook in the official layout, built from a rule set (XlsxWriter).

``tulis_templat_lke("LKE.xlsx", versi="2021")`` writes:

* sheet ``LKE ZI`` laid out like the official 90/2021 workbook: A hidden node id; B–F hierarchy codes (one column
  per depth: komponen B, next level C, ...; questions F with their text in G); H Bobot; I Penjelasan;
  J Pilihan Jawaban (hidden); K Jawaban; L Nilai; M %; N Jawaban TPI; O Catatan; P Bukti Dukung. Count rows
  ("- Jumlah ...", J "Jumlah") follow their question; TOTAL rows follow each komponen, then
  "NILAI EVALUASI ZONA INTEGRITAS". Every score is a live formula using classic functions only: questions use
  the official IF chain on J/K (1/0.5/0, 1/0.67/0.33/0, 1/0.75/0.5/0.25/0), computed % answers and count sums
  the official shapes of :func:`zi_xl.lke.rules.formulas.answer_formula`, indicators
  ``IF(COUNT(..)=0,"Blm Diisi",AVERAGE(..)*H)``, groups ``IF(COUNT(..)=0,"Blm Diisi",SUM(..))``. The
  formulas reproduce :func:`zi_xl.lke.scoring.hitung` exactly, including its decisions where the official workbook
  gives an error (a blank survey score, a zero denominator, last year's violations 0 and this year's not).
* sheet ``Hasil Penilaian``: per area perubahan (Pemenuhan + Reform added) nilai, bobot, % of weight against the
  WBK/WBBM minimum; Pengungkit/Hasil/Total; every criterion of :func:`zi_xl.lke.predikat.load_batas` with
  batas/nilai/terpenuhi; an input "Sudah memperoleh WBK sebelumnya?"; and the predikat, with the same logic as
  :func:`zi_xl.lke.predikat.tentukan`.

Both sheets are protected without a password; only answer, TPI, catatan and bukti dukung cells of answer rows
(and the WBK input) are unlocked. Cached values are written from :func:`hitung`, so readers that do not
recalculate (LibreOffice by default, fast value readers) still see the right numbers.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..area import nama_area
from ..errors import ZiError
from ..istilah import (
    BELUM_TERKONFIRMASI,
    MINIMUM,
    PREDIKAT_TAMPIL,
    TERPENUHI,
    TIDAK,
    WARNA_PREDIKAT,
    WARNA_TIDAK,
    YA,
    minimum,
    ya_tidak,
)
from ..xlsx.safe_write import simpan_baru
from ..xlsx.vba import NAMA_TEMPAT
from .predikat import TINGKAT_PREDIKAT, area_perubahan, load_batas
from .rules import LABEL_JENIS, NILAI_PILIHAN, Node, RuleSet, load_rules
from .rules.formulas import answer_formula
from .scoring import JawabanTidakSah, Skor, hitung, normalisasi_jawaban

SHEET = "LKE ZI"
SHEET_HASIL = "Hasil Penilaian"
BLM = "Blm Diisi"
HEADER_ROW = 2          # 1-based, as in the official workbook
FIRST_ROW = 3
#: Cells of the results sheet (1-based addresses).
SEL_PREDIKAT = "B4"
SEL_SUDAH_WBK = "B5"

# 0-based column indexes of the LKE sheet
C_ID, C_HIER, C_TEKS, C_BOBOT, C_PENJ, C_PILIHAN = 0, 1, 6, 7, 8, 9
C_JAWAB, C_NILAI, C_PERSEN, C_TPI, C_CATATAN, C_BUKTI = 10, 11, 12, 13, 14, 15
HEADERS = {C_ID: "ID", C_HIER: "Penilaian", C_BOBOT: "Bobot", C_PENJ: "Penjelasan", C_PILIHAN: "Pilihan Jawaban",
           C_JAWAB: "Jawaban", C_NILAI: "Nilai", C_PERSEN: "%", C_TPI: "Jawaban TPI", C_CATATAN: "Catatan",
           C_BUKTI: "Bukti Dukung"}
WIDTHS = {C_ID: 14, 1: 4.5, 2: 4.5, 3: 4.5, 4: 4.5, 5: 4.5, C_TEKS: 55, C_BOBOT: 8, C_PENJ: 55, C_PILIHAN: 12,
          C_JAWAB: 13, C_NILAI: 10, C_PERSEN: 9, C_TPI: 13, C_CATATAN: 40, C_BUKTI: 40}
_FILL = ("#BDD7EE", "#DDEBF7", "#E2EFDA", "#F2F2F2")

_RANTAI = (
    'IF({j}="Ya/Tidak",IF({k}="Ya",1,IF({k}="Tidak",0,"Blm Diisi")),'
    'IF({j}="A/B/C",IF({k}="A",1,IF({k}="B",0.5,IF({k}="C",0,"Blm Diisi"))),'
    'IF({j}="A/B/C/D",IF({k}="A",1,IF({k}="B",0.67,IF({k}="C",0.33,IF({k}="D",0,"Blm Diisi")))),'
    'IF({j}="A/B/C/D/E",IF({k}="A",1,IF({k}="B",0.75,IF({k}="C",0.5,IF({k}="D",0.25,IF({k}="E",0,'
    '"Blm Diisi"))))),IF({j}="%",IF({k}="","Blm Diisi",{k}),IF({j}="Jumlah",IF({k}="","Blm Diisi",""),'
    'IF({j}="Rupiah",IF({k}="","Blm Diisi",""),IF({j}="","","-"))))))))'
)
_LIST = {j: ",".join(v) for j, v in NILAI_PILIHAN.items()}


def rantai_resmi(row: int, col: str = "K") -> str:
    """The official Nilai formula (without "=") of a question row: the IF chain on Pilihan Jawaban/Jawaban."""
    return _RANTAI.format(j=f"J{row}", k=f"{col}{row}")


def _lines(text: str, width: float) -> int:
    """Estimated wrapped lines of a text in a column ``width`` characters wide (Arial 9)."""
    per = max(int(width * 1.2), 8)
    return sum(max(1, -(-len(part) // per)) for part in str(text).split("\n"))


def _refs(col: str, rows: list[int], sheet: str | None = None) -> str:
    """``L8:L9,L12`` — consecutive rows as ranges."""
    pre = f"'{sheet}'!" if sheet else ""
    out: list[str] = []
    rows = sorted(rows)
    i = 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and rows[j + 1] == rows[j] + 1:
            j += 1
        out.append(f"{pre}{col}{rows[i]}" if i == j else f"{pre}{col}{rows[i]}:{col}{rows[j]}")
        i = j + 1
    return ",".join(out)


def _multi(col: str, rows: list[int]) -> str:
    return _refs(col, rows).replace(",", " ")


@dataclass
class _Baris:
    jenis: str                      # node | isian | total | evaluasi
    row: int
    node: Node | None = None
    isian: dict | None = None
    depth: int = 0
    roots: list[Node] | None = None


class _Formats:
    def __init__(self, wb):
        self.wb = wb
        self._cache: dict = {}

    def __call__(self, **props) -> Any:
        key = tuple(sorted(props.items()))
        if key not in self._cache:
            base = {"valign": "top", "font_name": "Arial", "font_size": 9}
            base.update(props)
            self._cache[key] = self.wb.add_format(base)
        return self._cache[key]


def _normalise(rules: RuleSet, jawaban: dict | None) -> dict[str, Any]:
    """Answers to write, normalised (numbers as numbers, "ya" → "Ya"); refuses unknown ids and bad answers."""
    if not jawaban:
        return {}
    jenis_of: dict[str, str] = {}
    computed: set[str] = set()
    for n in rules.nodes:
        if n.jenis and not n.rumus:
            jenis_of[n.id] = n.jenis
        elif n.jenis:
            computed.add(n.id)
        for it in n.isian:
            (computed.add(it["id"]) if it.get("rumus") else jenis_of.__setitem__(it["id"], "jumlah"))
    out: dict[str, Any] = {}
    for key, raw in jawaban.items():
        if key in computed:
            raise ZiError(f"jawaban {key!r} dihitung dengan rumus; isi angka-angka isiannya")
        if key not in jenis_of:
            raise ZiError(f"jawaban untuk {key!r}: bukan pertanyaan/isian LKE {rules.versi}")
        try:
            v = normalisasi_jawaban(jenis_of[key], raw)
        except JawabanTidakSah as exc:
            raise ZiError(f"jawaban {key!r}: {exc}") from None
        if v is not None:
            out[key] = v
    return out


def _plan(rules: RuleSet) -> tuple[list[_Baris], dict[str, int]]:
    plan: list[_Baris] = []
    row_of: dict[str, int] = {}
    r = FIRST_ROW

    def rec(node: Node, depth: int) -> None:
        nonlocal r
        row_of[node.id] = r
        plan.append(_Baris("node", r, node=node, depth=depth))
        r += 1
        for it in node.isian:
            row_of[it["id"]] = r
            plan.append(_Baris("isian", r, node=node, isian=it, depth=depth))
            r += 1
        for c in rules.children(node.id):
            rec(c, depth + 1)

    for root in rules.roots():
        rec(root, 0)
        plan.append(_Baris("total", r, node=root))
        r += 2  # one empty row after each total, as in the official workbook
    plan.append(_Baris("evaluasi", r, roots=rules.roots()))
    return plan, row_of


def _v(x: float | None) -> Any:
    return BLM if x is None else x


def tulis_templat_lke(path: str | os.PathLike, versi: str = "2021", jawaban: dict | None = None,
                      unit: str | None = None, sudah_wbk: bool = False, batas: dict | None = None,
                      dibuat: datetime | None = None) -> None:
    """Write a new LKE workbook for ``versi`` at ``path``.

    ``jawaban`` pre-fills answers (id of a question, directly answered indicator or count row → value as a
    user would type it: "Ya", "b", 3.6, "3,6", "80%", 12); ``unit`` puts the unit's name in the titles;
    ``sudah_wbk`` pre-sets the "Sudah memperoleh WBK sebelumnya?" answer; ``batas`` replaces the thresholds
    of :func:`zi_xl.lke.predikat.load_batas` (same shape). ``dibuat``: the creation time stored in the file's
    properties (default: now; the shipped templates fix it so that a build never depends on the clock)."""
    import xlsxwriter

    rules = load_rules(str(versi))
    batas = batas if batas is not None else load_batas(str(versi))
    answers = _normalise(rules, jawaban)
    skor = hitung(rules, answers)
    plan, row_of = _plan(rules)

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    props = {"title": f"LKE Zona Integritas {rules.versi}", "subject": rules.nama,
             "comments": "Dibuat oleh zi-xl dari aturan " + rules.nama}
    wb.set_properties(props | ({"created": dibuat} if dibuat else {}))
    F = _Formats(wb)
    ws = wb.add_worksheet(SHEET)
    total_row = _write_lke(ws, F, rules, plan, row_of, answers, skor, unit)
    wb.define_name(NAMA_TEMPAT, f"='{SHEET}'!$B$1")
    _write_hasil(wb, F, rules, batas, skor, row_of, total_row, unit, sudah_wbk)
    wb.close()
    simpan_baru(path, buf.getvalue(), "templat LKE")


def _write_lke(ws, F, rules: RuleSet, plan: list[_Baris], row_of: dict[str, int], answers: dict,
               skor: Skor, unit: str | None) -> int:
    border = {"border": 1, "border_color": "#A6A6A6"}
    for c, w in WIDTHS.items():
        ws.set_column(c, c, w, None, {"hidden": c in (C_ID, C_PILIHAN)})

    # title and header
    sumber = rules.sumber or {}
    title = "LEMBAR KERJA EVALUASI ZONA INTEGRITAS MENUJU WBK/WBBM"
    lines = [title, rules.nama]
    if sumber.get("regulasi"):
        lines.append(" — ".join(x for x in (sumber.get("regulasi"), sumber.get("lampiran")) if x))
    lines.append("Unit kerja: " + (unit or "....................................."))
    # the title over the question column and right of it; B1:F1 stays free for the buttons of the macro-enabled
    # template (zi_xl.xlsx.vba.letak_tombol: the defined name TempatTombol)
    ws.merge_range(0, C_TEKS, 0, C_BUKTI, "\n".join(lines), F(bold=True, font_size=11, text_wrap=True))
    ws.set_row(0, 15 * len(lines) + 4)
    hdr = F(bold=True, text_wrap=True, align="center", valign="vcenter", bg_color="#D9E1F2", **border)
    h = HEADER_ROW - 1
    ws.set_row(h, 30)
    for c, text in HEADERS.items():
        if c == C_HIER:
            ws.merge_range(h, C_HIER, h, C_TEKS, text, hdr)
        else:
            ws.write_string(h, c, text, hdr)
    ws.freeze_panes(HEADER_ROW, C_TEKS + 1)

    validations: dict[tuple, list[int]] = {}

    def want(key: tuple, row: int) -> None:
        validations.setdefault(key, []).append(row)

    def L(row: int) -> str:
        return f"L{row}"

    def answer_cells(b: _Baris, jenis: str, rule: dict | None, numfmt: str | None, value: Any) -> None:
        r0 = b.row - 1
        fill = {"bg_color": "#FFF2CC"}
        num = {"num_format": numfmt} if numfmt else {}
        if rule:
            f = answer_formula(rule, "K", row_of.__getitem__)
            ws.write_formula(r0, C_JAWAB, f, F(**border, **num, align="center"), value)
            ftpi = answer_formula(rule, "N", row_of.__getitem__)
            ws.write_formula(r0, C_TPI, ftpi, F(**border, **num, align="center"), BLM)
        else:
            fmt = F(**border, **num, **fill, locked=False, align="center")
            if value is None:
                ws.write_blank(r0, C_JAWAB, None, fmt)
            elif isinstance(value, str):
                ws.write_string(r0, C_JAWAB, value, fmt)
            else:
                ws.write_number(r0, C_JAWAB, value, fmt)
            ws.write_blank(r0, C_TPI, None, F(**border, **num, locked=False, align="center"))
            want(_validation_key(jenis, b), b.row)
        ws.write_blank(r0, C_CATATAN, None, F(**border, text_wrap=True, locked=False))
        ws.write_blank(r0, C_BUKTI, None, F(**border, text_wrap=True, locked=False))

    evaluasi_row = plan[-1].row
    for b in plan:
        r0 = b.row - 1
        if b.jenis == "total":
            fmt = F(bold=True, bg_color="#D9D9D9", **border)
            for c in range(C_HIER, C_BUKTI + 1):
                ws.write_blank(r0, c, None, fmt)
            ws.write_string(r0, C_HIER, "TOTAL " + b.node.nama.strip().upper(), fmt)
            ws.write_formula(r0, C_NILAI, f"={L(row_of[b.node.id])}", F(bold=True, bg_color="#D9D9D9",
                                                                          num_format="0.00", **border),
                             _v(skor.nodes[b.node.id].nilai))
            continue
        if b.jenis == "evaluasi":
            fmt = F(bold=True, bg_color="#A9D08E", **border)
            for c in range(C_HIER, C_BUKTI + 1):
                ws.write_blank(r0, c, None, fmt)
            ws.write_string(r0, C_HIER, "NILAI EVALUASI ZONA INTEGRITAS", fmt)
            total = skor.total
            ws.write_formula(r0, C_NILAI, "=SUM(" + _refs("L", [row_of[n.id] for n in b.roots]) + ")",
                             F(bold=True, bg_color="#A9D08E", num_format="0.00", **border), total)
            continue
        node = b.node
        if b.jenis == "isian":
            it = b.isian
            ws.write_string(r0, C_ID, it["id"])
            for c in range(C_HIER, C_TEKS):
                ws.write_blank(r0, c, None, F(**border))
            ws.write_string(r0, C_TEKS, "- " + it["nama"].strip(), F(text_wrap=True, indent=1, **border))
            ws.write_blank(r0, C_BOBOT, None, F(**border))
            ws.write_blank(r0, C_PENJ, None, F(**border))
            ws.write_string(r0, C_PILIHAN, LABEL_JENIS["jumlah"], F(**border))
            rule = it.get("rumus")
            cached = None
            if rule:
                parts = [answers.get(x) for x in rule["dari"]]
                cached = BLM if any(answers.get(x) is None for x in rule["wajib"]) else float(sum(parts))
            answer_cells(b, "jumlah", rule, "#,##0", cached if rule else answers.get(it["id"]))
            ws.write_blank(r0, C_NILAI, None, F(**border))
            ws.write_blank(r0, C_PERSEN, None, F(**border))
            continue

        ws.write_string(r0, C_ID, node.id)
        nilai = skor.nodes[node.id].nilai
        if node.tingkat == "pertanyaan":
            fmt = F(**border)
            for c in range(C_HIER, C_TEKS):
                ws.write_blank(r0, c, None, fmt)
            if node.kode:
                ws.write_string(r0, C_TEKS - 1, node.kode.strip(), F(align="center", **border))
            ws.write_string(r0, C_TEKS, node.nama.strip(), F(text_wrap=True, **border))
            ws.write_blank(r0, C_BOBOT, None, fmt)
        else:
            d = min(b.depth, 3)
            fill = {"bg_color": _FILL[d]}
            bold = {"bold": True} if d < 3 or not node.jenis else {}
            fmt = F(**border, **fill, **bold, text_wrap=True)
            for c in range(C_HIER, C_TEKS + 1):
                ws.write_blank(r0, c, None, fmt)
            if node.kode:
                ws.write_string(r0, C_HIER + d, node.kode.strip(), F(**border, **fill, **bold))
            # the name spans to G so long names stay readable; the parser reads the first text after the code
            if C_HIER + d + 1 < C_TEKS:
                ws.merge_range(r0, C_HIER + d + 1, r0, C_TEKS, node.nama.strip(), fmt)
            else:
                ws.write_string(r0, C_TEKS, node.nama.strip(), fmt)
            # merged cells do not grow with their text: set the height from an estimate of the wrapped lines
            width = sum(WIDTHS[c] for c in range(C_HIER + d + 1, C_TEKS + 1))
            n = max(_lines(node.nama.strip(), width), _lines(node.penjelasan or "", WIDTHS[C_PENJ]))
            if n > 1:
                ws.set_row(r0, 12 * n + 3)
            ws.write_number(r0, C_BOBOT, node.bobot or 0.0, F(**border, **fill, **bold, num_format="0.00"))
        if node.penjelasan:
            ws.write_string(r0, C_PENJ, node.penjelasan.strip(), F(text_wrap=True, **border))
        else:
            ws.write_blank(r0, C_PENJ, None, F(**border))

        if node.jenis:  # question or directly answered indicator
            ws.write_string(r0, C_PILIHAN, LABEL_JENIS[node.jenis], F(**border))
            numfmt = {"persen": "0.00%", "nilai_0_4": "0.00", "nilai_langsung": "0.00"}.get(node.jenis)
            cached_k = None
            if node.rumus:
                q = skor.nodes[node.id]
                cached_k = BLM if q.nilai is None else q.nilai
            answer_cells(b, node.jenis, node.rumus, numfmt, cached_k if node.rumus else answers.get(node.id))
            if node.tingkat == "pertanyaan":
                ws.write_formula(r0, C_NILAI, _nilai_pertanyaan(node, b.row, row_of),
                                 F(num_format="0.00", align="center", **border), _v(nilai))
            else:
                ws.write_formula(r0, C_NILAI, _nilai_langsung(node, b.row, row_of),
                                 F(num_format="0.00", bold=True, align="center", **border), _v(nilai))
        else:
            ws.write_blank(r0, C_PILIHAN, None, F(**border))
            for c in (C_JAWAB, C_TPI, C_CATATAN, C_BUKTI):
                ws.write_blank(r0, c, None, F(**border, bg_color=_FILL[min(b.depth, 3)]))
            kids = [row_of[c.id] for c in rules.children(node.id)]
            fmt = F(num_format="0.00", bold=True, align="center", **border)
            if not kids:
                ws.write_string(r0, C_NILAI, BLM, fmt)
            elif node.agregasi == "rata_rata":
                rng = _refs("L", kids)
                ws.write_formula(r0, C_NILAI, f'=IF(COUNT({rng})=0,"{BLM}",AVERAGE({rng})*H{b.row})', fmt,
                                 _v(nilai))
            else:
                rng = _refs("L", kids)
                ws.write_formula(r0, C_NILAI, f'=IF(COUNT({rng})=0,"{BLM}",SUM({rng}))', fmt, _v(nilai))
        if node.tingkat != "pertanyaan":
            pct = None if nilai is None or not node.bobot else nilai / node.bobot
            ws.write_formula(r0, C_PERSEN, f'=IF(ISNUMBER(L{b.row}),L{b.row}/H{b.row},"")',
                             F(num_format="0.00%", align="center", **border), "" if pct is None else pct)
        else:
            ws.write_blank(r0, C_PERSEN, None, F(**border))

    # data validation: one rule per kind and column
    for key, rows in validations.items():
        opts = dict(key[-1])
        if "source" in opts:
            opts["source"] = list(opts["source"])
        for col in ("K", "N"):
            ws.data_validation(rows[0] - 1, C_JAWAB if col == "K" else C_TPI, rows[0] - 1,
                               C_JAWAB if col == "K" else C_TPI, {**opts, "multi_range": _multi(col, rows)})

    ws.protect("", {"format_columns": True, "format_rows": True})
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW - 1)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.print_area(0, C_HIER, evaluasi_row - 1, C_BUKTI)
    ws.set_footer("&L&8zi-xl — " + rules.nama.replace("&", "&&") + "&R&8Halaman &P dari &N")
    return evaluasi_row


def _validation_key(jenis: str, b: _Baris) -> tuple:
    err = {"error_title": "Jawaban tidak sah", "show_error": True}
    if jenis in _LIST:
        return (jenis, tuple(sorted({"validate": "list", "source": tuple(_LIST[jenis].split(",")),
                                     "input_title": "Pilihan jawaban", "input_message": LABEL_JENIS[jenis],
                                     "error_message": "Pilih salah satu: " + LABEL_JENIS[jenis], **err}.items(),
                                    key=lambda kv: kv[0])))
    if jenis == "jumlah":
        return (jenis, (("criteria", ">="), ("error_message", "Isi bilangan bulat 0 atau lebih"),
                        ("error_title", err["error_title"]), ("show_error", True), ("validate", "integer"),
                        ("value", 0)))
    if jenis == "nilai_0_4":
        return (jenis, (("criteria", "between"), ("error_message", "Isi nilai survei 0 sampai 4 (mis. 3,6)"),
                        ("error_title", err["error_title"]), ("maximum", 4), ("minimum", 0),
                        ("show_error", True), ("validate", "decimal")))
    if jenis == "persen":
        return (jenis, (("criteria", "between"), ("error_message", "Isi persentase 0% sampai 100%"),
                        ("error_title", err["error_title"]), ("maximum", 1), ("minimum", 0),
                        ("show_error", True), ("validate", "decimal")))
    if jenis == "nilai_langsung":
        top = b.node.bobot if b.node is not None and b.node.bobot else 100
        return (jenis, top, (("criteria", "between"), ("error_message", f"Isi nilai 0 sampai {top:g}"),
                             ("error_title", err["error_title"]), ("maximum", top), ("minimum", 0),
                             ("show_error", True), ("validate", "decimal")))
    raise ZiError(f"jenis jawaban tidak dikenal: {jenis}")  # pragma: no cover - validated rule sets


def _nilai_pertanyaan(node: Node, row: int, row_of: dict[str, int]) -> str:
    k = f"K{row}"
    chain = rantai_resmi(row)
    if node.jenis in NILAI_PILIHAN:
        return "=" + chain
    if node.jenis == "persen" and not node.rumus:
        return f"=IF(ISNUMBER({k}),MIN({k},1),{chain})"
    if node.jenis == "persen" and node.rumus.get("jenis") == "penurunan":
        # last year 0, this year more: the official formula divides by zero; the regulation scores 0 %
        lalu = f"K{row_of[node.rumus['lalu']]}"
        return f'=IF(ISERROR({k}),IF(AND(ISNUMBER({lalu}),{lalu}=0),0,"{BLM}"),{chain})'
    if node.jenis == "persen":
        return f'=IF(ISERROR({k}),"{BLM}",{chain})'  # a zero denominator leaves the question unscored
    if node.jenis == "nilai_0_4":
        return f'=IF(ISNUMBER({k}),{k}/4,"{BLM}")'
    if node.jenis == "nilai_langsung":
        return f'=IF(ISNUMBER({k}),{k},"{BLM}")'
    raise ZiError(f"jenis jawaban tidak dikenal: {node.jenis}")  # pragma: no cover


def _nilai_langsung(node: Node, row: int, row_of: dict[str, int]) -> str:
    """Nilai of an indicator answered directly (IPAK/IPKP 0–4, Capaian Kinerja A–E, 2014 area scores)."""
    k, h = f"K{row}", f"H{row}"
    if node.jenis == "nilai_0_4":
        return f'=IF(ISNUMBER({k}),{k}/4*{h},"{BLM}")'
    if node.jenis == "nilai_langsung":
        return f'=IF(ISNUMBER({k}),MIN({k},{h}),"{BLM}")'
    if node.jenis in NILAI_PILIHAN:
        return f'=IFERROR({rantai_resmi(row)}*{h},"{BLM}")'
    inner = _nilai_pertanyaan(node, row, row_of)[1:]
    return f'=IFERROR(({inner})*{h},"{BLM}")'


def _write_hasil(wb, F, rules: RuleSet, batas: dict, skor: Skor, row_of: dict[str, int], total_row: int,
                 unit: str | None, sudah_wbk: bool) -> None:
    ws = wb.add_worksheet(SHEET_HASIL)
    border = {"border": 1, "border_color": "#A6A6A6"}
    ws.set_column(0, 0, 58)
    ws.set_column(1, 7, 13)
    ws.set_column(8, 8, 40)
    lke = f"'{SHEET}'!"
    title = "HASIL PENILAIAN MANDIRI ZONA INTEGRITAS" + (f" — {unit}" if unit else "")
    ws.write_string(0, 0, title, F(bold=True, font_size=12))
    ws.write_string(1, 0, rules.nama, F(italic=True))
    src = batas.get("sumber", "")
    ws.write_string(2, 0, "Batas predikat: " + src, F(italic=True, font_size=8, text_wrap=False))

    pred_r, wbk_r = int(SEL_PREDIKAT[1:]) - 1, int(SEL_SUDAH_WBK[1:]) - 1
    ws.write_string(pred_r, 0, "Predikat", F(bold=True, font_size=12, **border))
    ws.write_string(wbk_r, 0, "Sudah memperoleh WBK sebelumnya?", F(bold=True, **border))
    ws.write_string(wbk_r, 1, "Ya" if sudah_wbk else "Tidak",
                    F(bold=True, align="center", bg_color="#FFF2CC", locked=False, **border))
    ws.data_validation(wbk_r, 1, wbk_r, 1, {"validate": "list", "source": ["Ya", "Tidak"],
                                            "input_title": "Predikat WBK",
                                            "input_message": "Ya bila unit sudah pernah memperoleh WBK"})
    ws.write_string(wbk_r, 2, "(syarat WBBM)", F(italic=True))

    hdr = F(bold=True, text_wrap=True, align="center", valign="vcenter", bg_color="#D9E1F2", **border)
    num = F(num_format="0.00", align="center", **border)
    pctf = F(num_format="0.00%", align="center", **border)
    txt = F(text_wrap=True, **border)
    ctr = F(align="center", **border)

    def crit_mins(jenis: str) -> dict[str, float]:
        out = {}
        for level in TINGKAT_PREDIKAT:
            for c in batas.get(level, []):
                if c["jenis"] == jenis:
                    out[level] = c["min"]
        return out

    # --- areas
    r = 6
    ws.write_string(r, 0, "NILAI PER AREA PERUBAHAN (Pemenuhan + Reform)", F(bold=True))
    r += 1
    for c, text in enumerate(("Area perubahan", "Nilai", "Bobot", "% bobot", minimum("WBK"), minimum("WBBM"),
                              f"{TERPENUHI} WBK", f"{TERPENUHI} WBBM")):
        ws.write_string(r, c, text, hdr)
    r += 1
    mins = crit_mins("area_persen")
    area_pct_cell: dict[str, str] = {}
    area_pct: dict[str, float | None] = {}
    for key, ids, bobot in area_perubahan(rules):
        rows = [row_of[i] for i in ids]
        vals = [skor.nodes[i].nilai for i in ids]
        v = None if all(x is None for x in vals) else sum(x or 0.0 for x in vals)
        p = None if v is None or not bobot else v / bobot
        area_pct[key] = p
        x = r + 1
        ws.write_string(r, 0, nama_area(key), txt)
        rng = _refs("L", rows, SHEET)
        ws.write_formula(r, 1, f'=IF(COUNT({rng})=0,"{BLM}",SUM({rng}))', num, _v(v))
        ws.write_number(r, 2, bobot, num)
        ws.write_formula(r, 3, f'=IF(ISNUMBER(B{x}),B{x}/C{x},"{BLM}")', pctf, _v(p))
        area_pct_cell[key] = f"D{x}"
        for c, level in ((4, "WBK"), (5, "WBBM")):
            if level in mins:
                ws.write_number(r, c, mins[level], F(num_format="0%", align="center", **border))
                ok = p is not None and p >= mins[level] - 1e-9
                col = "E" if level == "WBK" else "F"
                ws.write_formula(r, c + 2, f'=IF(AND(ISNUMBER(D{x}),D{x}>={col}{x}-1E-9),"{YA}","{TIDAK}")',
                                 ctr, ya_tidak(ok))
            else:
                ws.write_string(r, c, "-", ctr)
                ws.write_string(r, c + 2, "-", ctr)
        r += 1

    # --- recap
    r += 1
    ws.write_string(r, 0, "REKAPITULASI", F(bold=True))
    r += 1
    for c, text in enumerate(("Komponen", "Nilai", "Bobot", "% bobot")):
        ws.write_string(r, c, text, hdr)
    r += 1
    for root in rules.roots():
        x = r + 1
        v = skor.nodes[root.id].nilai
        ws.write_string(r, 0, root.nama.strip().title(), txt)
        ws.write_formula(r, 1, f"={lke}L{row_of[root.id]}", num, _v(v))
        ws.write_number(r, 2, root.bobot or 0.0, num)
        ws.write_formula(r, 3, f'=IF(ISNUMBER(B{x}),B{x}/C{x},"{BLM}")', pctf,
                         _v(None if v is None or not root.bobot else v / root.bobot))
        r += 1
    total = skor.total
    x = r + 1
    bold_num = F(num_format="0.00", align="center", bold=True, **border)
    ws.write_string(r, 0, "Nilai Evaluasi Zona Integritas (total)", F(bold=True, **border))
    ws.write_formula(r, 1, f"={lke}L{total_row}", bold_num, total)
    ws.write_number(r, 2, sum(n.bobot or 0.0 for n in rules.roots()), bold_num)
    bobot_total = sum(n.bobot or 0.0 for n in rules.roots()) or 100.0
    ws.write_formula(r, 3, f'=IF(ISNUMBER(B{x}),B{x}/C{x},"{BLM}")', pctf, total / bobot_total)
    r += 2

    # --- criteria
    ws.write_string(r, 0, "SYARAT PREDIKAT", F(bold=True))
    r += 1
    for c, text in enumerate(("Syarat", "Predikat", MINIMUM, "Nilai", TERPENUHI, "Keterangan")):
        ws.write_string(r, c if c < 5 else 8, text, hdr)
    r += 1
    by_peran = {}
    for n in rules.nodes:
        for p in n.peran:
            by_peran.setdefault(p, n)
    span: dict[str, tuple[int, int]] = {}
    met: dict[str, bool] = {}
    for level in TINGKAT_PREDIKAT:
        first = r + 1
        met[level] = True
        for c in batas.get(level, []):
            note = [] if c.get("terkonfirmasi", True) else [BELUM_TERKONFIRMASI]
            if c.get("catatan"):
                note.append(c["catatan"])
            items: list[tuple[str, Any, str, Any, bool, Any]] = []  # syarat, batas, nilai formula, nilai, ok, fmt
            if c["jenis"] == "nilai":
                if c["peran"] == "total":
                    ref, v = f"{lke}L{total_row}", total
                else:
                    hit = by_peran.get(c["peran"])
                    if hit is None:
                        continue  # the version has no such node (as predikat.tentukan)
                    ref, v = f"{lke}L{row_of[hit.id]}", skor.nodes[hit.id].nilai
                ok = v is not None and v >= c["min"] - 1e-9
                items.append((c["syarat"], c["min"], f"={ref}", _v(v), ok, "num"))
            elif c["jenis"] == "area_persen":
                for key, p in area_pct.items():
                    ok = p is not None and p >= c["min"] - 1e-9
                    items.append((f"Area {nama_area(key)} (% bobot)", c["min"],
                                  f"={area_pct_cell[key]}", _v(p), ok, "pct"))
            elif c["jenis"] == "wbk_sebelumnya":
                items.append((c["syarat"], "Ya", f"={SEL_SUDAH_WBK}", "Ya" if sudah_wbk else "Tidak", sudah_wbk,
                              "txt"))
            else:
                raise ZiError(f"jenis syarat tidak dikenal: {c['jenis']!r}")
            for syarat, lim, formula, v, ok, kind in items:
                x = r + 1
                ws.write_string(r, 0, syarat, txt)
                ws.write_string(r, 1, level, ctr)
                fmt = {"num": num, "pct": F(num_format="0.00%", align="center", **border), "txt": ctr}[kind]
                if isinstance(lim, str):
                    ws.write_string(r, 2, lim, fmt)
                    check = f'=IF(D{x}=C{x},"{YA}","{TIDAK}")'
                else:
                    ws.write_number(r, 2, lim, fmt)
                    check = f'=IF(AND(ISNUMBER(D{x}),D{x}>=C{x}-1E-9),"{YA}","{TIDAK}")'
                ws.write_formula(r, 3, formula, fmt, v)
                ws.write_formula(r, 4, check, ctr, ya_tidak(ok))
                if note:
                    ws.write_string(r, 8, "; ".join(note), F(font_size=8, **border))
                met[level] = met[level] and ok
                r += 1
        span[level] = (first, r)  # rows first..r (1-based, inclusive) when r >= first
    for c in (4, 6, 7):
        ws.conditional_format(0, c, r, c, {"type": "cell", "criteria": "==", "value": f'"{TIDAK}"',
                                           "format": F(font_color="#9C0006", bg_color="#" + WARNA_TIDAK)})

    def all_met(level: str) -> str:
        a, b = span[level]
        return "TRUE" if b < a else f'COUNTIF(E{a}:E{b},"Tidak")=0'

    belum = PREDIKAT_TAMPIL["Tidak memenuhi"]
    formula = (f'=IF(AND({all_met("WBK")},{all_met("WBBM")}),"WBBM",'
               f'IF({all_met("WBK")},"WBK","{belum}"))')
    hasil = "WBBM" if met["WBBM"] and met["WBK"] else "WBK" if met["WBK"] else belum
    ws.write_formula(pred_r, 1, formula, F(bold=True, font_size=12, align="center", **border), hasil)
    for teks, warna in WARNA_PREDIKAT.items():          # the verdict's colour follows the verdict
        ws.conditional_format(pred_r, 1, pred_r, 1, {"type": "cell", "criteria": "==", "value": f'"{teks}"',
                                                     "format": F(bg_color="#" + warna)})
    wb.define_name("Predikat", f"='{SHEET_HASIL}'!${SEL_PREDIKAT[0]}${SEL_PREDIKAT[1:]}")
    wb.define_name("SudahWBK", f"='{SHEET_HASIL}'!${SEL_SUDAH_WBK[0]}${SEL_SUDAH_WBK[1:]}")
    ws.protect("", {"format_columns": True, "format_rows": True})
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_footer("&L&A&RHalaman &P dari &N")
    wb.worksheets()[0].activate()
