"""Find and parse an LKE sheet: layout by header text, hierarchy by codes. Pure (works on a Grid).

The same structural parse serves two purposes: the rule importer (:mod:`zi_xl.lke.rules.importer`) turns it into a
rule set, and the reader (:mod:`zi_xl.lke.reader`) uses it to locate answers, formulas and cached values in a user's
workbook whatever extra columns or inserted rows it has.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz.distance import Indel

from ..area import kenali_area
from ..errors import SheetTidakDitemukan, ZiError
from ..xlsx.grid import Grid, address

# Header synonyms, matched on normalised text (lower case, single spaces, no punctuation at the ends).
_HEADERS = {
    "penilaian": ("penilaian", "komponen", "uraian", "komponen/indikator", "pertanyaan"),
    "bobot": ("bobot",),
    "penjelasan": ("penjelasan", "kriteria", "kriteria penilaian", "keterangan penilaian"),
    "pilihan": ("pilihan jawaban", "jenis jawaban", "pilihan"),
    "catatan": ("catatan/keterangan/penjelasan", "catatan", "keterangan", "catatan unit"),
    "catatan_tpi": ("catatan tpi", "catatan/keterangan tpi"),
    "bukti": ("bukti dukung", "bukti", "data dukung", "link bukti dukung", "link", "tautan", "bukti dukung unit"),
}
#: What the words after "Jawaban" may say for the unit's own answers.
_UNIT = ("", "unit", "unit kerja", "satker", "(unit)", "mandiri", "unit/satker", "self assessment")
REQUIRED = ("penilaian", "bobot", "jawaban")

_CODE_RE = re.compile(r"^(?:[A-Z]|[IVX]+|\d{1,2}|[ivx]+|[a-z])\s*[.)]?$|^-$")


def norm(text) -> str:
    t = unicodedata.normalize("NFKC", str(text or "")).lower().replace("\n", " ")
    t = re.sub(r"\s+", " ", t).strip()
    return t.strip(" :.")


def teks_kunci(text) -> str:
    """A text reduced to what identifies a question: lower case, letters and digits, single spaces, without a
    leading printed code ("b.", "iii.", "-"): "b. Telah dilakukan  monev;" → "telah dilakukan monev"."""
    t = unicodedata.normalize("NFKC", str(text or "")).lower()
    t = re.sub(r"^\s*(?:[a-z]|[ivx]+|\d{1,2})\s*[.)]\s+|^\s*-\s*", "", t)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", t).split())


def mirip(a, b) -> float:
    """How alike two question texts are, 0…1: the normalized Indel similarity of their :func:`teks_kunci` —
    2 × (longest common subsequence) / (total length), computed by rapidfuzz (C++; hundreds of times faster than
    :mod:`difflib`, whose ratio is a heuristic lower bound of the same quantity)."""
    ka, kb = _kunci(a), _kunci(b)
    if ka == kb:
        return 1.0
    return Indel.normalized_similarity(ka, kb)


@functools.lru_cache(maxsize=8192)
def _kunci(text: str) -> str:
    return teks_kunci(text)


def normalize_jenis(label: str) -> str | None:
    """Map a "Pilihan Jawaban" text to an answer type, or None when it is not one."""
    t = norm(label).replace(" ", "")
    table = {"ya/tidak": "ya_tidak", "a/b/c": "abc", "a/b/c/d": "abcd", "a/b/c/d/e": "abcde", "%": "persen",
             "persen": "persen", "jumlah": "jumlah", "rupiah": "jumlah", "nilai": "nilai_langsung"}
    if t in table:
        return table[t]
    if "0-4" in t or "0–4" in t:
        return "nilai_0_4"
    return None


def jenis_from_validation(formula1: str | None) -> str | None:
    if not formula1:
        return None
    t = formula1.strip('"').replace(" ", "").lower()
    return {"ya,tidak": "ya_tidak", "a,b,c": "abc", "a,b,c,d": "abcd", "a,b,c,d,e": "abcde"}.get(t)


@dataclass
class Sumber:
    """One answer source of the sheet: a "Jawaban …" column with the Nilai/% columns that belong to it."""

    nama: str                     # "unit", "tpi", "tpi itjen", … (the header's words after "Jawaban")
    jawaban: int                  # column (1-based)
    header: str = ""
    nilai: int | None = None
    persen: int | None = None

    @property
    def kolom(self) -> str:
        return address(1, self.jawaban)[:-1]


@dataclass
class Layout:
    header_row: int
    cols: dict[str, int]          # role -> column (1-based); "jawaban"/"nilai" are those of the first source
    hier_cols: list[int]          # hierarchy columns, left to right (codes..., text)
    sumber: list[Sumber] = field(default_factory=list)   # every answer source, left to right


@dataclass
class Row:
    """One meaningful row of the LKE sheet."""

    baris: int
    jenis_baris: str              # struktur | pertanyaan | isian | total
    kode: str | None
    nama: str
    depth: float
    bobot: float | None = None
    jenis_label: str = ""         # raw "Pilihan Jawaban" text
    jenis: str | None = None      # normalised answer type
    jenis_dari: str | None = None  # where the type came from when the label was not valid ("validasi")
    penjelasan: str = ""
    children: list[Row] = field(default_factory=list)
    isian: list[Row] = field(default_factory=list)
    parent: Row | None = None
    id: str = ""
    tingkat: str = ""


@dataclass
class ParsedSheet:
    grid: Grid
    layout: Layout
    roots: list[Row]
    totals: dict[str, int]        # total_pengungkit / total_hasil / total -> row
    rows: dict[int, Row]

    def walk(self):
        def rec(r: Row):
            yield r
            for c in r.children:
                yield from rec(c)

        for root in self.roots:
            yield from rec(root)

    @cached_property
    def by_id(self) -> dict[str, Row]:
        """Structure and question rows by node id (ids are assigned when parsing ends)."""
        return {r.id: r for r in self.walk()}

    @cached_property
    def isian_by_id(self) -> dict[str, Row]:
        return {i.id: i for r in self.walk() for i in r.isian}

    def cell(self, role: str, baris: int) -> str | None:
        col = self.layout.cols.get(role)
        return address(baris, col) if col else None


def _answer_source(t: str) -> str | None:
    """The source name when a header is an answer column ("Jawaban TPI Itjen" → "tpi itjen"), else None."""
    if "pilihan" in t or t.startswith("jenis"):
        return None
    for word in ("jawaban", "penilaian"):
        if t == "penilaian":
            return None                                    # the hierarchy's header
        if t == word or t.startswith(word + " ") or t.startswith(word + "("):
            rest = t[len(word):].strip(" ()")
            return "unit" if rest in _UNIT else rest
    if t == "tpi" or t.startswith("nilai tpi jawaban"):
        return "tpi"
    return None


def _paired(t: str, word: str, synonyms: tuple[str, ...]) -> tuple[bool, str | None]:
    """(is this a column of kind ``word``, the source it names or None)."""
    if t in synonyms:
        return True, None
    if t.startswith(word + " ") or t.startswith(word + "("):
        rest = t[len(word):].strip(" ()")
        return True, "unit" if rest in _UNIT else rest
    return False, None


_PAIRED = (("nilai", "nilai", ("nilai", "skor")), ("persen", "%", ("%", "persen", "persentase")))


def find_layout(grid: Grid) -> Layout | None:
    """Find the header row and the columns by their header text (within the first 40 rows): the hierarchy, Bobot,
    Penjelasan, Pilihan Jawaban, and every answer source ("Jawaban", "Jawaban TPI", "Jawaban TPI Itjen" …), each
    with the Nilai and % columns that follow it (or that name it: "Nilai TPI")."""
    for r in grid.rows(1, 40):
        cols: dict[str, int] = {}
        sources: list[Sumber] = []
        extra: list[tuple[str, int, str | None]] = []     # ("nilai" | "persen", column, named source)
        for c, text in grid.row_texts(r):
            t = norm(text)
            name = _answer_source(t)
            if name is not None:
                taken = {s.nama for s in sources}
                while name in taken:
                    name += " 2"
                sources.append(Sumber(name, c, header=" ".join(text.split())))
                continue
            for kind, word, syn in _PAIRED:
                hit, named = _paired(t, word, syn)
                if hit:
                    extra.append((kind, c, named))
                    break
            else:
                for role, names in _HEADERS.items():
                    if role not in cols and t in names:
                        cols[role] = c
                        break
        if "bobot" not in cols or not sources:
            continue
        for kind, c, named in extra:
            owner = next((s for s in sources if s.nama == named), None) if named else None
            if owner is None:
                left = [s for s in sources if s.jawaban < c]
                owner = left[-1] if left else sources[0]
            if getattr(owner, kind) is None:
                setattr(owner, kind, c)
        if "penilaian" not in cols:
            # the hierarchy starts at the first non-empty column of the header row left of Bobot
            left = [c for c, _ in grid.row_texts(r) if c < cols["bobot"]]
            if not left:
                continue
            cols["penilaian"] = min(left)
        cols["jawaban"] = sources[0].jawaban
        if sources[0].nilai is not None:
            cols["nilai"] = sources[0].nilai
        hier = list(range(cols["penilaian"], cols["bobot"]))
        return Layout(header_row=r, cols=cols, hier_cols=hier, sumber=sources)
    return None


def find_lke_sheet(grids: dict[str, Grid], berkas: str | None = None) -> tuple[Grid, Layout]:
    """Pick the sheet that is the LKE: a header with Bobot/Jawaban/Nilai and the most answer rows."""
    best = None
    for g in grids.values():
        lay = find_layout(g)
        if lay is None:
            continue
        n = sum(1 for r in g.rows(lay.header_row + 1)
                if normalize_jenis(g.text(r, lay.cols.get("pilihan", 0))) or g.text(r, lay.cols["jawaban"]))
        if best is None or n > best[0]:
            best = (n, g, lay)
    if best is None:
        raise SheetTidakDitemukan("tidak ada sheet LKE: tidak ditemukan baris judul dengan kolom "
                                  "'Bobot' dan 'Jawaban'", berkas=berkas)
    return best[1], best[2]


def _number(v) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        return float(v)
    if isinstance(v, str):
        t = v.strip().replace(",", ".")
        try:
            return float(t)
        except ValueError:
            return None
    return None


def parse_sheet(grid: Grid, layout: Layout | None = None) -> ParsedSheet:
    """Parse the LKE sheet into a tree of rows (structure, questions, count rows, totals)."""
    layout = layout or find_layout(grid)
    if layout is None:
        raise SheetTidakDitemukan("baris judul LKE (Bobot/Jawaban) tidak ditemukan",
                                  berkas=grid.berkas, sheet=grid.title)
    cols, hier = layout.cols, layout.hier_cols
    roots: list[Row] = []
    stack: list[Row] = []
    totals: dict[str, int] = {}
    rows: dict[int, Row] = {}
    last_q: Row | None = None
    group_depth: float | None = None

    for r in grid.rows(layout.header_row + 1):
        cells = [(c, grid.text(r, c)) for c in hier if grid.text(r, c)]
        if not cells:
            continue
        first_c, first_t = cells[0]
        up = first_t.upper()
        if up.startswith("TOTAL") or up.startswith("NILAI EVALUASI"):
            key = ("total_pengungkit" if "PENGUNGKIT" in up else "total_hasil" if "HASIL" in up else "total")
            totals[key] = r
            stack.clear()
            group_depth = None
            continue
        bobot = _number(grid.value(r, cols["bobot"]))
        label = grid.text(r, cols["pilihan"]) if "pilihan" in cols else ""
        jenis = normalize_jenis(label) if label else None
        penj = grid.text(r, cols["penjelasan"]) if "penjelasan" in cols else ""
        is_code = bool(_CODE_RE.match(first_t)) and len(cells) > 1
        kode = first_t if is_code else None
        nama = cells[1][1] if is_code else first_t
        if is_code and len(cells) > 2:  # code, then name further right (e.g. question text in G)
            nama = cells[-1][1]
        depth = float(hier.index(first_c) if is_code else max(hier.index(first_c) - 1, 0))

        if bobot is not None:  # a structural node (komponen, bagian, area, indikator)
            row = Row(baris=r, jenis_baris="struktur", kode=kode, nama=nama, depth=depth, bobot=bobot,
                      jenis_label=label, jenis=jenis if jenis not in ("jumlah",) else None, penjelasan=penj)
            if group_depth is not None and depth < group_depth:
                group_depth = None
            if group_depth is not None and depth == group_depth:
                row.depth = depth + 0.5
            elif stack and stack[-1].depth == depth and not stack[-1].children and not stack[-1].isian \
                    and stack[-1].jenis_baris == "struktur" and not _direct(stack[-1]):
                # an indicator directly followed by another at the same level: a group (e.g. LHKPN/LHKASN)
                group_depth = depth
                row.depth = depth + 0.5
            while stack and stack[-1].depth >= row.depth:
                stack.pop()
            row.parent = stack[-1] if stack else None
            (row.parent.children if row.parent else roots).append(row)
            stack.append(row)
            rows[r] = row
            last_q = None
            continue
        if jenis == "jumlah" or (not label and first_t.startswith("-") and last_q is not None):
            if last_q is None:
                continue  # a stray count row with nothing to belong to
            row = Row(baris=r, jenis_baris="isian", kode=kode, nama=nama.lstrip("- ").strip(), depth=depth,
                      jenis_label=label, jenis="jumlah", parent=last_q)
            last_q.isian.append(row)
            rows[r] = row
            continue
        if not stack:
            continue
        answer_here = grid.value(r, cols["jawaban"]) is not None or grid.formula(r, cols["jawaban"])
        if not label and not answer_here:
            continue  # a note or an empty question row
        row = Row(baris=r, jenis_baris="pertanyaan", kode=kode, nama=nama, depth=depth, jenis_label=label,
                  jenis=jenis, penjelasan=penj)
        if row.jenis is None:
            vj = jenis_from_validation(grid.validation_at(r, cols["jawaban"]))
            if vj:
                row.jenis, row.jenis_dari = vj, "validasi"
        parent = stack[-1]
        row.parent = parent
        parent.children.append(row)
        rows[r] = row
        last_q = row

    parsed = ParsedSheet(grid=grid, layout=layout, roots=roots, totals=totals, rows=rows)
    for row in parsed.walk():
        if row.jenis_baris == "struktur" and row.children and row.jenis:
            row.jenis = None  # the label stays in jenis_label: the importer notes it
    _assign(parsed)
    return parsed


def _direct(row: Row) -> bool:
    """A structural row answered directly (IPAK, Capaian Kinerja, IPKP): it carries a scored answer type.
    A stray "%" on an indicator row (LKE ZI rows 170, 175) does not make it one."""
    return row.jenis is not None and row.jenis not in ("persen", "jumlah")


def _seg(row: Row, siblings: list[Row]) -> str:
    code = (row.kode or "").strip().rstrip(".)").strip()
    if code and code != "-":
        same = [s for s in siblings if (s.kode or "").strip().rstrip(".)").strip() == code]
        if len(same) == 1:
            return code
    return str(siblings.index(row) + 1)


def _in_hasil(row: Row) -> bool:
    while row.parent is not None:
        row = row.parent
    return "HASIL" in row.nama.upper()


def _assign(parsed: ParsedSheet) -> None:
    """Give every row its id (path of codes) and tingkat."""

    def rec(row: Row, parent_id: str | None, level: int, siblings: list[Row]):
        seg = _seg(row, siblings)
        row.id = f"{parent_id}.{seg}" if parent_id else seg
        if row.jenis_baris == "pertanyaan":
            row.tingkat = "pertanyaan"
        elif level == 0:
            row.tingkat = "komponen"
        elif level == 1 and (_in_hasil(row) or kenali_area(row.nama) is None):
            row.tingkat = "bagian"  # Pemenuhan/Reform; Hasil's sub-components
        elif level == 1:
            row.tingkat = "area"  # 2014/2019: areas hang directly under Pengungkit
        elif row.jenis or any(c.jenis_baris == "pertanyaan" for c in row.children):
            row.tingkat = "indikator"
        elif row.children and all(c.tingkat == "" for c in row.children) and level >= 3:
            row.tingkat = "indikator"  # a group of indicators (LHKPN + LHKASN)
        else:
            row.tingkat = "area"
        for k, q in enumerate(row.isian, 1):
            q.id = f"{row.id}#{k}"
            q.tingkat = "isian"
        for c in row.children:
            rec(c, row.id, level + 1, row.children)

    for root in parsed.roots:
        rec(root, None, 0, parsed.roots)
    # a group whose children are indicators is itself an indicator
    for row in parsed.walk():
        if row.tingkat == "area" and row.children and all(c.tingkat == "indikator" for c in row.children) \
                and row.parent is not None and row.parent.tingkat == "area":
            row.tingkat = "indikator"


def check_parsed(parsed: ParsedSheet, strict: bool = True) -> None:
    """Refuse a sheet whose structure makes no sense, naming the cell. ``strict`` (importing rules) also
    requires every question's answer type; a reader takes the types from the rule set instead."""
    g = parsed.grid
    if not parsed.roots:
        raise ZiError("sheet LKE tidak berisi komponen (baris dengan Bobot)", berkas=g.berkas, sheet=g.title)
    if not strict:
        return
    for row in parsed.walk():
        if row.tingkat == "pertanyaan" and row.jenis is None:
            cell = parsed.cell("pilihan", row.baris) or parsed.cell("jawaban", row.baris)
            raise ZiError(f"jenis jawaban {row.jenis_label!r} tidak dikenal (harus Ya/Tidak, A/B/C, A/B/C/D, "
                          "A/B/C/D/E, %, Jumlah atau Nilai (0-4))", berkas=g.berkas, sheet=g.title, sel=cell)
