"""The LKE template (zi_xl.templat_lke): layout, validation, protection, live formulas recalculated by LibreOffice
against the scoring core, predikat against predikat.tentukan, and the import round trip."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.support import ROOT
from zi_xl.area import kenali_area as area_key
from zi_xl.errors import ZiError
from zi_xl.istilah import nama_predikat
from zi_xl.lke.layout import find_lke_sheet, parse_sheet
from zi_xl.lke.predikat import area_gabungan, area_perubahan, load_batas, tentukan
from zi_xl.lke.rules import LABEL_JENIS, NILAI_PILIHAN, RuleSet, load_rules
from zi_xl.lke.rules.importer import rules_from_parsed
from zi_xl.lke.scoring import hitung
from zi_xl.lke.templat import (
    BLM,
    SEL_PREDIKAT,
    SEL_SUDAH_WBK,
    SHEET,
    SHEET_HASIL,
    tulis_templat_lke,
)
from zi_xl.xlsx.read import read_workbook
from zi_xl.xlsx.recalc import recalculate, soffice_path

SHIPPED = {"2021": ROOT / "workbooks" / "templat-lke-2021.xlsx", "2019": ROOT / "workbooks" / "templat-lke-2019.xlsx"}
COL = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOP", 1)}


# ---------------------------------------------------------------- answers


def _answers(rules: RuleSet, k: int) -> dict:
    """Deterministic varied answers. k=0: nothing; k=-1: the best answer everywhere; k>=1: a mix with every choice
    letter, spelling variants, blanks, one whole indicator blank, capped ratios, zero denominators, the four
    Pelanggaran Disiplin cases, survey scores as typed ("3,6")."""
    ans: dict = {}
    if k == 0:
        return ans
    best = k < 0
    blank_ind = None
    if not best:  # one whole indicator left blank: the k-th indicator holding only choice questions
        plain = [n for n in rules.nodes if n.agregasi == "rata_rata" and rules.children(n.id)
                 and all(c.jenis in NILAI_PILIHAN for c in rules.children(n.id))]
        blank_ind = plain[(3 * k) % len(plain)].id if plain else None
    for i, q in enumerate(rules.questions()):
        if q.rumus:
            continue
        if not best and (q.induk == blank_ind or (q.tingkat == "pertanyaan" and (i + k) % 9 == 4)):
            ans[q.id] = None if i % 2 else ""
            continue
        if q.jenis in NILAI_PILIHAN:
            opts = list(NILAI_PILIHAN[q.jenis])
            a = opts[0] if best else opts[(i + k) % len(opts)]
            if not best and i % 5 == 0:
                a = f" {a.lower()} " if q.jenis == "ya_tidak" else a.lower() + "."
            ans[q.id] = a
        elif q.jenis == "nilai_0_4":
            ans[q.id] = 4 if best else ["3,6", 2.75, "3.9", 3.25][(i + k) % 4]
        elif q.jenis == "nilai_langsung":
            ans[q.id] = q.bobot if best else round(q.bobot * [0.8, 1.2, 0.55][(i + k) % 3], 4)
        elif q.jenis == "persen":
            ans[q.id] = 1 if best else [0.85, "80%", 1.2][(i + k) % 3]
    for j, q in enumerate(n for n in rules.nodes if n.rumus):
        for it in q.isian:
            if not it.get("rumus"):
                ans[it["id"]] = 5 + (j + len(it["id"])) % 7
        r = q.rumus
        if r["jenis"] == "rasio":
            num, den = r["pembilang"], r["penyebut"]
            den_computed = next((it["rumus"] for it in q.isian if it["id"] == den and it.get("rumus")), None)
            case = 2 if best else (j + k) % 4
            if case == 0:      # more done than required: capped at 100 %
                vn, vd = 6, 4
            elif case == 1:    # zero denominator: unscored (official #DIV/0!)
                vn, vd = 0, 0
            elif case == 2:
                vn, vd = 7, 10
            else:              # a required count missing
                vn, vd = 3, None
            ans[num] = vn
            if den_computed:
                parts = den_computed["dari"]
                vals = [vd, 0, 0] if vd is not None else [1, None, 2]
                for p, v in zip(parts, vals + [0] * len(parts), strict=False):
                    ans[p] = v
            else:
                ans[den] = vd
            if best:
                if den_computed:
                    for p in den_computed["dari"]:
                        ans[p] = 2
                    ans[num] = 2 * len(den_computed["dari"])
                else:
                    ans[num] = ans[den] = 10
        elif r["jenis"] == "penurunan":
            cases = [(0, 0), (10, 4), (0, 3), (4, 6)]
            ans[r["lalu"]], ans[r["kini"]] = (5, 1) if best else cases[(j + k) % 4]
    return ans


# (name, versi, k, sudah_wbk)
CASES = [
    ("v2021-kosong", "2021", 0, False),
    ("v2021-terbaik-wbk", "2021", -1, True),
    ("v2021-terbaik", "2021", -1, False),
    ("v2021-campur1", "2021", 1, True),
    ("v2021-campur2", "2021", 2, False),
    ("v2021-campur3", "2021", 3, True),
    ("v2021-campur4", "2021", 4, False),
    ("v2023-campur1", "2023", 1, False),
    ("v2023-campur2", "2023", 2, True),
    ("v2019-kosong", "2019", 0, False),
    ("v2019-terbaik", "2019", -1, True),
    ("v2019-campur1", "2019", 1, False),
    ("v2019-campur2", "2019", 2, True),
    ("v2014-campur1", "2014", 1, False),
    ("v2014-terbaik", "2014", -1, True),
]


def test_answer_generator_covers_the_cases():
    rules = load_rules("2021")
    seen: dict[str, set] = {}
    pen = set()
    for _, versi, k, _s in CASES:
        if versi != "2021":
            continue
        a = _answers(rules, k)
        for q in rules.questions():
            if q.jenis in NILAI_PILIHAN and a.get(q.id):
                seen.setdefault(q.jenis, set()).add(a[q.id].strip().rstrip(".").upper())
            if q.rumus and q.rumus["jenis"] == "penurunan" and q.rumus["lalu"] in a:
                pen.add((a[q.rumus["lalu"]], a[q.rumus["kini"]]))
    for jenis, opts in NILAI_PILIHAN.items():
        assert {o.upper() for o in opts} <= seen[jenis], jenis
    assert {(0, 0), (10, 4), (0, 3), (4, 6)} <= pen


# ---------------------------------------------------------------- template structure (openpyxl)


@pytest.fixture(scope="module")
def kosong(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("templat") / "lke-2021.xlsx"
    tulis_templat_lke(p, versi="2021")
    return p


def _rows_by_id(ws) -> dict[str, int]:
    return {ws.cell(r, 1).value: r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value}


def _answer_items(rules: RuleSet):
    """(id, jenis, computed?) of every row taking an answer."""
    for n in rules.nodes:
        if n.jenis:
            yield n.id, n.jenis, bool(n.rumus), n
        for it in n.isian:
            yield it["id"], "jumlah", bool(it.get("rumus")), n


def _validations(ws) -> dict[str, tuple]:
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in ws.iter_rows(min_row=rng.min_row, max_row=rng.max_row, min_col=rng.min_col,
                                    max_col=rng.max_col):
                for c in row:
                    assert c.coordinate not in out, f"two validations on {c.coordinate}"
                    out[c.coordinate] = (dv.type, dv.operator, dv.formula1, dv.formula2)
    return out


@pytest.mark.parametrize("versi", ["2021", "2019"])
def test_template_layout_validation_protection(versi, kosong, tmp_path):
    path = kosong if versi == "2021" else tmp_path / f"lke-{versi}.xlsx"
    if versi != "2021":
        tulis_templat_lke(path, versi=versi)
    rules = load_rules(versi)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [SHEET, SHEET_HASIL]
    ws = wb[SHEET]
    head = {c.column_letter: c.value for c in ws[2] if c.value}
    assert head == {"A": "ID", "B": "Penilaian", "H": "Bobot", "I": "Penjelasan", "J": "Pilihan Jawaban",
                    "K": "Jawaban", "L": "Nilai", "M": "%", "N": "Jawaban TPI", "O": "Catatan", "P": "Bukti Dukung"}
    assert ws.column_dimensions["A"].hidden and ws.column_dimensions["J"].hidden
    assert ws.protection.sheet and not ws.protection.password
    assert ws.freeze_panes == "H3"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$2:$2"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)  # 1 is the default
    assert ws.page_setup.fitToHeight == 0

    rows = _rows_by_id(ws)
    assert set(rows) == {n.id for n in rules.nodes} | {it["id"] for n in rules.nodes for it in n.isian}
    assert [rows[n.id] for n in rules.nodes] == sorted(rows[n.id] for n in rules.nodes)  # tree order

    # data validations on K and N, per jenis
    dvs = _validations(ws)
    expect_list = {j: '"' + ",".join(v) + '"' for j, v in NILAI_PILIHAN.items()}
    n_checked = 0
    for item_id, jenis, computed, node in _answer_items(rules):
        r = rows[item_id]
        for col in ("K", "N"):
            got = dvs.get(f"{col}{r}")
            if computed:
                assert got is None, f"{col}{r}: a formula cell needs no validation"
                assert str(ws[f"{col}{r}"].value).startswith("=IF(OR("), f"{col}{r}"
                continue
            assert ws[f"{col}{r}"].value is None
            if jenis in NILAI_PILIHAN:
                assert got == ("list", None, expect_list[jenis], None), (col, r, got)
            elif jenis == "jumlah":
                assert got == ("whole", "greaterThanOrEqual", "0", None), (col, r, got)
            elif jenis == "nilai_0_4":
                assert got[0] == "decimal" and got[2:] == ("0", "4"), (col, r, got)
            elif jenis == "persen":
                assert got[0] == "decimal" and got[2:] == ("0", "1"), (col, r, got)
            elif jenis == "nilai_langsung":
                assert got[0] == "decimal" and float(got[3]) == node.bobot, (col, r, got)
            n_checked += 1
        assert ws[f"J{r}"].value == LABEL_JENIS[jenis]
    assert n_checked > 100 if versi == "2021" else n_checked > 50
    assert not any(c[1] == "K" and int(c[2:]) not in {rows[i] for i, *_ in _answer_items(rules)}
                   for c in dvs), "validation outside the answer rows"

    # protection: only K/N (when not a formula), O and P of answer rows are unlocked
    answer_rows = {rows[i]: computed for i, _j, computed, _n in _answer_items(rules)}
    for r in range(1, ws.max_row + 1):
        for col in "ABCDEFGHIJKLMNOP":
            cell = ws[f"{col}{r}"]
            if r in answer_rows:
                want_unlocked = col in "OP" or (col in "KN" and not answer_rows[r])
            else:
                want_unlocked = False
            assert cell.protection.locked is not want_unlocked, f"{cell.coordinate} locked={cell.protection.locked}"

    # the results sheet: protected, only the WBK input unlocked, with a Ya/Tidak drop-down
    hs = wb[SHEET_HASIL]
    assert hs.protection.sheet
    unlocked = [c.coordinate for row in hs.iter_rows() for c in row if not c.protection.locked]
    assert unlocked == [SEL_SUDAH_WBK]
    assert _validations(hs)[SEL_SUDAH_WBK] == ("list", None, '"Ya,Tidak"', None)
    assert str(hs[SEL_PREDIKAT].value).startswith("=IF(AND(COUNTIF(")
    # classic functions only
    for sheet in (ws, hs):
        for row in sheet.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    for bad in ("XLOOKUP", "LET(", "FILTER(", "_xlfn", "IFS(", "SWITCH("):
                        assert bad not in c.value.upper(), (c.coordinate, c.value)


def test_question_formulas_follow_the_official_shapes(kosong, ref_lke):
    rules = load_rules("2021")
    ws = openpyxl.load_workbook(kosong)[SHEET]
    rows = _rows_by_id(ws)
    off = openpyxl.load_workbook(ref_lke)
    r8 = rows["A.I.1.i.a"]
    assert ws[f"L{r8}"].value == off["LKE ZI"]["L8"].value.replace("8", str(r8))
    q = rules.node("A.II.3.iii.a")
    k = ws[f"K{rows[q.id]}"].value
    assert k == off["LKE ZI"]["K154"].value.replace("155", "X1").replace("156", "X2").replace("157", "X3") \
        .replace("X1", str(rows[q.id + "#1"])).replace("X2", str(rows[q.id + "#2"])) \
        .replace("X3", str(rows[q.id + "#3"]))
    ind = rules.node("A.II.1.i")  # questions a (row+1) and b (row+4): count rows left out of the AVERAGE
    ra, rb = rows["A.II.1.i.a"], rows["A.II.1.i.b"]
    assert ws[f"L{rows[ind.id]}"].value == \
        f'=IF(COUNT(L{ra},L{rb})=0,"Blm Diisi",AVERAGE(L{ra},L{rb})*H{rows[ind.id]})'


def test_prefill_refuses_bad_answers(tmp_path):
    with pytest.raises(ZiError, match="bukan pilihan"):
        tulis_templat_lke(tmp_path / "x.xlsx", jawaban={"A.I.1.i.b": "F"})
    with pytest.raises(ZiError, match="bukan pertanyaan"):
        tulis_templat_lke(tmp_path / "x.xlsx", jawaban={"Z.9": "Ya"})
    with pytest.raises(ZiError, match="rumus"):
        tulis_templat_lke(tmp_path / "x.xlsx", jawaban={"A.II.1.i.a": 0.5})


# ---------------------------------------------------------------- recalculated in LibreOffice


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory) -> dict:
    assert soffice_path() is not None, "LibreOffice (soffice) is required: apt-get install libreoffice-calc-nogui"
    d = tmp_path_factory.mktemp("templat-recalc")
    paths, meta = [], []
    for name, versi, k, sudah in CASES:
        rules = load_rules(versi)
        ans = _answers(rules, k)
        p = d / f"{name}.xlsx"
        tulis_templat_lke(p, versi=versi, jawaban=ans, unit="Puskesmas Uji", sudah_wbk=sudah)
        paths.append(p)
        meta.append((name, versi, ans, sudah))
    outs = recalculate(paths, d / "out")  # one LibreOffice call for every variant
    return {name: (versi, ans, sudah, read_workbook(out)) for (name, versi, ans, sudah), out in zip(meta, outs,
                                                                                                    strict=True)}


def _same(got, want: float | None) -> bool:
    if want is None:
        return got == BLM
    return isinstance(got, int | float) and not isinstance(got, bool) and abs(got - want) <= 1e-9


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_recalculated_scores_equal_the_scoring_core(name, recalculated):
    versi, ans, _sudah, grids = recalculated[name]
    rules = load_rules(versi)
    skor = hitung(rules, ans)
    g = grids[SHEET]
    rows = {g.value(r, 1): r for r in range(3, g.max_row + 1) if g.value(r, 1)}
    bad = []
    for n in rules.nodes:
        got = g.value(rows[n.id], COL["L"])
        if not _same(got, skor.nodes[n.id].nilai):
            bad.append(f"{n.id} ({n.tingkat}) L{rows[n.id]}: {got!r} != {skor.nodes[n.id].nilai!r}")
    # totals
    by_text = {g.text(r, 2): r for r in range(3, g.max_row + 1) if g.text(r, 2).startswith(("TOTAL", "NILAI EV"))}
    for root in rules.roots():
        r = by_text["TOTAL " + root.nama.strip().upper()]
        if not _same(g.value(r, COL["L"]), skor.nodes[root.id].nilai):
            bad.append(f"total {root.id}: {g.value(r, COL['L'])!r}")
    total = sum(skor.nodes[r.id].nilai or 0.0 for r in rules.roots())
    if not _same(g.value(by_text["NILAI EVALUASI ZONA INTEGRITAS"], COL["L"]), total):
        bad.append(f"nilai evaluasi {g.value(by_text['NILAI EVALUASI ZONA INTEGRITAS'], COL['L'])!r} != {total}")
    assert not bad, "\n".join(bad)
    # nothing left as an error anywhere in the Nilai column
    errs = [(r, g.value(r, COL["L"])) for r in range(3, g.max_row + 1) if str(g.value(r, COL["L"])).startswith("#")]
    assert not errs


def _criteria(h) -> list[tuple[str, str, object, str]]:
    start = next(r for r in range(1, h.max_row + 1) if h.text(r, 1) == "Syarat")
    out = []
    for r in range(start + 1, h.max_row + 1):
        if not h.text(r, 1):
            break
        out.append((h.text(r, 1), h.text(r, 2), h.value(r, 4), h.text(r, 5)))
    return out


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_recalculated_predikat_equals_tentukan(name, recalculated):
    versi, ans, sudah, grids = recalculated[name]
    rules = load_rules(versi)
    skor = hitung(rules, ans)
    want = tentukan(rules, skor, load_batas(versi), sudah_wbk=sudah)
    h = grids[SHEET_HASIL]
    pr, pc = int(SEL_PREDIKAT[1:]), COL[SEL_PREDIKAT[0]]
    assert h.value(pr, pc) == nama_predikat(want.hasil), (name, want.ringkas())   # "Belum WBK" for people
    got = _criteria(h)
    assert [(s, lv, t) for s, lv, _v, t in got] == \
        [(s.syarat, s.predikat, "Ya" if s.terpenuhi else "Tidak") for s in want.syarat]
    for (_s, _lv, v, _t), s in zip(got, want.syarat, strict=True):
        if isinstance(s.nilai, str):
            assert v == s.nilai
        else:
            assert _same(v, s.nilai), (_s, v, s.nilai)
    # the area table: Pemenuhan + Reform added per area
    areas = {k: v for k, v, _b in area_gabungan(rules, skor)}
    assert len(areas) == 6
    start = next(r for r in range(1, h.max_row + 1) if h.text(r, 1) == "Area perubahan")
    for r in range(start + 1, start + 7):
        key = area_key(h.text(r, 1))
        assert _same(h.value(r, 2), areas[key]), (h.text(r, 1), h.value(r, 2), areas[key])


def test_area_perubahan_pairs_pemenuhan_and_reform():
    rules = load_rules("2021")
    got = {k: (ids, b) for k, ids, b in area_perubahan(rules)}
    assert got["manajemen_perubahan"] == (["A.I.1", "A.II.1"], 8.0)
    assert got["pengawasan"] == (["A.I.5", "A.II.5"], 15.0)
    assert sum(b for _ids, b in got.values()) == 60.0
    r19 = load_rules("2019")  # 2019: areas straight under Pengungkit
    assert [(k, ids) for k, ids, _b in area_perubahan(r19)] == \
        [(n.area, [n.id]) for n in r19.nodes if n.tingkat == "area"]


# ---------------------------------------------------------------- import round trip and shipped files


@pytest.mark.parametrize("versi", ["2021", "2023", "2019", "2014"])
def test_import_round_trip(versi, tmp_path):
    rules = load_rules(versi)
    p = tmp_path / f"lke-{versi}.xlsx"
    tulis_templat_lke(p, versi=versi)
    grid, layout = find_lke_sheet(read_workbook(p))
    back = rules_from_parsed(parse_sheet(grid, layout), versi, rules.nama, rules.sumber)

    def key(rs: RuleSet):
        return [(n.id, n.induk, n.tingkat, n.bobot, n.jenis, n.rumus, n.peran, n.agregasi, n.area,
                 [it["id"] for it in n.isian],
                 [it.get("rumus") for it in n.isian], n.kode, n.nama.strip()) for n in rs.nodes]

    assert key(back) == key(rules)


@pytest.mark.parametrize("versi", ["2021", "2019"])
def test_shipped_templates_are_current(versi, tmp_path):
    shipped = SHIPPED[versi]
    assert shipped.exists(), f"{shipped} missing: zi-xl templat lke --versi {versi} -o {shipped}"
    fresh = tmp_path / shipped.name
    tulis_templat_lke(fresh, versi=versi)
    a, b = openpyxl.load_workbook(shipped), openpyxl.load_workbook(fresh)
    assert a.sheetnames == b.sheetnames
    for name in a.sheetnames:
        va = {c.coordinate: c.value for row in a[name].iter_rows() for c in row if c.value is not None}
        vb = {c.coordinate: c.value for row in b[name].iter_rows() for c in row if c.value is not None}
        diff = sorted(set(va) ^ set(vb)) + sorted(k for k in set(va) & set(vb) if va[k] != vb[k])
        assert not diff, f"{shipped.name}!{name} differs at {diff[:10]}: regenerate it"


def test_cli_writes_the_template(tmp_path):
    from tests.support import run_cli

    out = tmp_path / "LKE.xlsx"
    proc = run_cli("templat", "lke", "--versi", "2021", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert openpyxl.load_workbook(out).sheetnames == [SHEET, SHEET_HASIL]
