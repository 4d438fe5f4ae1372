"""Write a :class:`~zi_xl.laporan.dokumen.Dokumen` as a Word document (.docx) with python-docx, following the tata
naskah dinas: A4 (or F4) portrait; margins top 2, bottom 2,5, left 3, right 2 cm; Arial, body 12 pt, tables
10 pt; page numbers at the bottom (none on the cover, roman on the front matter, from 1 in the body); a table of
contents as a real Word field; table headers repeated on every page and rows never split; Indonesian as the
document language.

Deterministic: the file's dates are the report's own date, never the clock; the zip entries carry a fixed
timestamp; the same report gives the same bytes. Written like every other output: to a temporary file beside the
target, then moved into place (a failure leaves no half-written file).
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import datetime, time
from types import SimpleNamespace

from ..errors import ZiError
from ..xlsx.safe_write import simpan_baru
from .dokumen import (
    KERTAS,
    MARGIN,
    Bagian,
    BlokTandaTangan,
    Daftar,
    DaftarIsi,
    Dokumen,
    Gambar,
    HalamanBaru,
    Judul,
    Kotak,
    Paragraf,
    Sampul,
    Sel,
    Tabel,
)

FONT = "Arial"
UKURAN = 12            # body text, pt
UKURAN_TABEL = 10
UKURAN_JUDUL_KOLOM = 9
MARGIN_SEL = 0.1       # cm, left and right inside table cells
SATU_HALAMAN = 25      # a table marked 'utuh' is kept on one page up to this many rows
BAHASA = "id-ID"
WARNA_JUDUL_TABEL = "D9E2F3"
ZIP_WAKTU = (1980, 1, 1, 0, 0, 0)
TOC = 'TOC \\o "1-2" \\h \\z \\u'
_RATA = {"penuh": "JUSTIFY", "kiri": "LEFT", "tengah": "CENTER", "kanan": "RIGHT"}


def _lib() -> SimpleNamespace:
    """python-docx (imported here: only the report needs it)."""
    try:
        import docx
        from docx.enum.section import WD_ORIENT, WD_SECTION
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt, RGBColor
        from docx.table import _Cell
    except ImportError:
        raise ZiError("paket python-docx belum terpasang (untuk laporan Word); pasang dengan: "
                      "pip install . (di folder zi_xl)") from None
    return SimpleNamespace(docx=docx, WD_ORIENT=WD_ORIENT, WD_SECTION=WD_SECTION, WD_STYLE_TYPE=WD_STYLE_TYPE,
                           WD_TABLE_ALIGNMENT=WD_TABLE_ALIGNMENT, WD_ALIGN_PARAGRAPH=WD_ALIGN_PARAGRAPH,
                           WD_BREAK=WD_BREAK, WD_TAB_ALIGNMENT=WD_TAB_ALIGNMENT, WD_TAB_LEADER=WD_TAB_LEADER,
                           OxmlElement=OxmlElement, qn=qn, Cm=Cm, Pt=Pt, RGBColor=RGBColor, Cell=_Cell)


class _Penulis:
    """Builds one python-docx Document from the blocks."""

    def __init__(self, dok: Dokumen):
        self.L = _lib()
        self.dok = dok
        self.doc = self.L.docx.Document()
        self._sid: dict[str, str] = {}
        if dok.kertas not in KERTAS:
            raise ZiError(f"ukuran kertas {dok.kertas} tidak dikenal (pilih: {', '.join(KERTAS)})")
        self.lebar_teks = KERTAS[dok.kertas][0] - MARGIN["kiri"] - MARGIN["kanan"]
        self._styles()
        self._page(self.doc.sections[0])
        self._properties()

    # ----------------------------------------------------------------------------------------- setup
    def _fonts(self, rpr_parent) -> None:
        """Arial for every script, no theme fonts, Indonesian language, on a style's (or the defaults') rPr."""
        L = self.L
        if hasattr(rpr_parent, "get_or_add_rPr"):
            rpr = rpr_parent.get_or_add_rPr()
        else:                                           # w:rPrDefault, a plain lxml element
            rpr = rpr_parent.find(L.qn("w:rPr"))
            if rpr is None:
                rpr = L.OxmlElement("w:rPr")
                rpr_parent.append(rpr)
        fonts = rpr.find(L.qn("w:rFonts"))
        if fonts is None:
            fonts = L.OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for k in list(fonts.attrib):
            del fonts.attrib[k]
        for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(L.qn(a), FONT)
        lang = rpr.find(L.qn("w:lang"))
        if lang is None:
            lang = L.OxmlElement("w:lang")
            rpr.append(lang)
        for a in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(L.qn(a), BAHASA)

    def _style(self, name: str, size: float, bold: bool = False, italic: bool = False, align: str | None = None,
               before: float = 0, after: float = 6, line: float = 1.15, keep: bool = False, page_break: bool = False,
               base: str | None = "Normal"):
        L = self.L
        styles = self.doc.styles
        st = styles[name] if name in [s.name for s in styles] else styles.add_style(name, L.WD_STYLE_TYPE.PARAGRAPH)
        if base and name != base:
            st.base_style = styles[base]
        f = st.font
        f.name, f.size, f.bold, f.italic = FONT, L.Pt(size), bold, italic
        f.color.rgb = L.RGBColor(0, 0, 0)
        self._fonts(st.element)
        pf = st.paragraph_format
        pf.space_before, pf.space_after, pf.line_spacing = L.Pt(before), L.Pt(after), line
        if align:
            pf.alignment = getattr(L.WD_ALIGN_PARAGRAPH, _RATA[align])
        pf.keep_with_next = keep
        pf.page_break_before = page_break
        pf.widow_control = True
        return st

    def _styles(self) -> None:
        L = self.L
        defaults = self.doc.styles.element.find(L.qn("w:docDefaults"))
        if defaults is not None:
            rpr_default = defaults.find(L.qn("w:rPrDefault"))
            if rpr_default is not None:
                self._fonts(rpr_default)
        self._style("Normal", UKURAN, align="penuh", base=None)
        self._style("Heading 1", 14, bold=True, align="tengah", after=18, keep=True, page_break=True)
        self._style("Heading 2", UKURAN, bold=True, align="kiri", before=12, after=6, keep=True)
        self._style("Heading 3", UKURAN, bold=True, italic=False, align="kiri", before=10, after=4, keep=True)
        self._style("Judul Tabel", 11, bold=True, align="tengah", before=8, after=4, line=1.0, keep=True)
        self._style("Isi Tabel", UKURAN_TABEL, align="kiri", after=0, line=1.0)
        self._style("Catatan Tabel", 9, italic=True, align="kiri", before=2, after=8, line=1.0)
        for level in (1, 2):
            st = self._style(f"TOC {level}", UKURAN, bold=level == 1, align="kiri", before=6 if level == 1 else 0,
                             after=2, line=1.0)
            st.paragraph_format.left_indent = L.Cm(0 if level == 1 else 0.8)
            st.paragraph_format.tab_stops.add_tab_stop(L.Cm(self.lebar_teks), L.WD_TAB_ALIGNMENT.RIGHT,
                                                       L.WD_TAB_LEADER.DOTS)
        for name in ("Heading 1", "Heading 2", "Heading 3"):
            # python-docx's template paints headings in theme colours: plain black instead
            for el in self.doc.styles[name].element.get_or_add_rPr().findall(L.qn("w:color")):
                el.attrib.pop(L.qn("w:themeColor"), None)
                el.attrib.pop(L.qn("w:themeShade"), None)

    def _page(self, section) -> None:
        L = self.L
        w, h = KERTAS[self.dok.kertas]
        section.orientation = L.WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = L.Cm(w), L.Cm(h)
        section.top_margin, section.bottom_margin = L.Cm(MARGIN["atas"]), L.Cm(MARGIN["bawah"])
        section.left_margin, section.right_margin = L.Cm(MARGIN["kiri"]), L.Cm(MARGIN["kanan"])
        section.header_distance, section.footer_distance = L.Cm(1.0), L.Cm(1.2)

    def _properties(self) -> None:
        cp = self.doc.core_properties
        when = datetime.combine(self.dok.tanggal, time(0, 0))
        cp.title, cp.subject = self.dok.judul, self.dok.subjek
        cp.author = cp.last_modified_by = self.dok.penulis or "zi-xl"
        cp.created = cp.modified = cp.last_printed = when
        cp.revision, cp.comments, cp.keywords = 1, "", "Zona Integritas; WBK; WBBM; monitoring dan evaluasi"
        cp.language, cp.category = BAHASA, "Laporan"
        pkg = self.doc.part.package
        for rid, rel in list(pkg.rels.items()):
            if rel.reltype.endswith("/thumbnail"):
                del pkg.rels[rid]       # the template's picture of an empty page
        settings = self.doc.settings.element
        upd = self.L.OxmlElement("w:updateFields")     # Word offers to fill the table of contents on opening
        upd.set(self.L.qn("w:val"), "true")
        settings.append(upd)

    # ----------------------------------------------------------------------------------------- helpers
    def _gaya(self, p, style: str):
        """Give paragraph ``p`` a style by its id (python-docx's own lookup scans every style per call)."""
        sid = self._sid.get(style)
        if sid is None:
            sid = self._sid[style] = self.doc.styles[style].style_id
        p._p.get_or_add_pPr().get_or_add_pStyle().val = sid
        return p

    def _p(self, text: str = "", style: str = "Normal", align: str | None = None, bold: bool | None = None,
           italic: bool | None = None, size: float | None = None, container=None):
        p = self._gaya((container or self.doc).add_paragraph(), style)
        if text:
            r = p.add_run(text)
            r.bold, r.italic = bold, italic
            if size:
                r.font.size = self.L.Pt(size)
        if align:
            p.alignment = getattr(self.L.WD_ALIGN_PARAGRAPH, _RATA[align])
        return p

    def _field(self, paragraph, instr: str, cached: str = "", begin: bool = True, end: bool = True) -> None:
        """A complex field (``PAGE``, ``TOC …``) in a paragraph: begin, instruction, separate, cached result, end."""
        L = self.L

        def char(kind: str):
            r = paragraph.add_run()
            f = L.OxmlElement("w:fldChar")
            f.set(L.qn("w:fldCharType"), kind)
            r._r.append(f)

        if begin:
            char("begin")
            r = paragraph.add_run()
            t = L.OxmlElement("w:instrText")
            t.set(L.qn("xml:space"), "preserve")
            t.text = f" {instr} "
            r._r.append(t)
            char("separate")
        if cached:
            paragraph.add_run(cached)
        if end:
            char("end")

    def _shade(self, cell, colour: str) -> None:
        L = self.L
        tcpr = cell._tc.get_or_add_tcPr()
        shd = L.OxmlElement("w:shd")
        shd.set(L.qn("w:val"), "clear")
        shd.set(L.qn("w:color"), "auto")
        shd.set(L.qn("w:fill"), colour)
        tcpr.append(shd)

    def _row_props(self, row, header: bool) -> None:
        L = self.L
        trpr = row._tr.get_or_add_trPr()
        cant = L.OxmlElement("w:cantSplit")
        trpr.append(cant)
        if header:
            h = L.OxmlElement("w:tblHeader")
            trpr.append(h)

    # ----------------------------------------------------------------------------------------- blocks
    def tulis(self) -> None:
        for b in self.dok.blok:
            getattr(self, "_" + type(b).__name__.lower())(b)

    def _sampul(self, b: Sampul) -> None:
        L = self.L
        first = True
        for line in b.judul:
            p = self._p(line, align="tengah", bold=True, size=16)
            p.paragraph_format.space_after = L.Pt(4)
            if first:
                p.paragraph_format.space_before = L.Pt(60)
                first = False
        p = self._p(align="tengah")
        p.paragraph_format.space_before = L.Pt(54)
        p.paragraph_format.space_after = L.Pt(54)
        if b.logo:
            try:
                p.add_run().add_picture(b.logo, width=L.Cm(5))
            except Exception:   # noqa: BLE001 — any unreadable image is the user's file, named
                raise ZiError("logo tidak dapat dibaca sebagai gambar (PNG/JPG/GIF/BMP/TIFF)",
                              berkas=b.logo) from None
        for line in b.bawah:
            q = self._p(line, align="tengah", bold=True, size=14)
            q.paragraph_format.space_after = L.Pt(4)

    def _bagian(self, b: Bagian) -> None:
        L = self.L
        sec = self.doc.add_section(L.WD_SECTION.NEW_PAGE)
        self._page(sec)
        footer = sec.footer
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        p.style = self.doc.styles["Normal"]
        p.alignment = L.WD_ALIGN_PARAGRAPH.CENTER
        for r in list(p.runs):
            r._r.getparent().remove(r._r)
        for old in sec._sectPr.findall(L.qn("w:pgNumType")):   # copied from the section before
            sec._sectPr.remove(old)
        if b.nomor:
            self._field(p, "PAGE", "1")
            pg = L.OxmlElement("w:pgNumType")
            pg.set(L.qn("w:fmt"), "lowerRoman" if b.nomor == "romawi" else "decimal")
            pg.set(L.qn("w:start"), "1")
            sec._sectPr.append(pg)
        # the cover (first section) keeps an empty footer; later sections never inherit it
        self.doc.sections[0].footer.is_linked_to_previous = False

    def _judul(self, b: Judul) -> None:
        self._p(b.teks, style=f"Heading {b.tingkat}")

    def _paragraf(self, b: Paragraf) -> None:
        p = self._p(b.teks, align=b.rata, bold=b.tebal or None, italic=b.miring or None, size=b.ukuran)
        if b.indent and b.rata == "penuh":
            p.paragraph_format.first_line_indent = self.L.Cm(1.0)
        if b.tahan:
            p.paragraph_format.keep_with_next = True

    def _daftar(self, b: Daftar) -> None:
        L = self.L
        for i, item in enumerate(b.isi):
            label = {"angka": f"{i + 1}.", "huruf": f"{chr(ord('a') + i % 26)}.", "butir": "–"}[b.jenis]
            p = self._p(f"{label}\t{item}")
            pf = p.paragraph_format
            pf.left_indent, pf.first_line_indent = L.Cm(1.6), L.Cm(-0.7)
            pf.tab_stops.add_tab_stop(L.Cm(1.6))
            pf.space_after = L.Pt(2)

    def _tabel(self, b: Tabel) -> None:
        L = self.L
        if b.judul:
            self._p(b.judul, style="Judul Tabel")
        ncol = len(b.kolom)
        t = self.doc.add_table(rows=1 + len(b.baris), cols=ncol)
        t.style = self.doc.styles["Table Grid"]
        t.alignment = L.WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        self._table_props(t)
        widths = [L.Cm(w) for w in b.lebar]
        for gc, w in zip(t._tbl.tblGrid.findall(L.qn("w:gridCol")), widths, strict=True):
            gc.set(L.qn("w:w"), str(int(w.twips)))
        head = [Sel(k, tebal=True, rata="tengah", warna=WARNA_JUDUL_TABEL, ukuran=UKURAN_JUDUL_KOLOM)
                for k in b.kolom]
        rows = [head] + [[c if isinstance(c, Sel) else Sel(str(c)) for c in row] for row in b.baris]
        together = b.utuh and len(rows) <= SATU_HALAMAN
        for r_i, (row, cells) in enumerate(zip(t.rows, rows, strict=True)):
            self._row_props(row, header=r_i == 0)
            if any(c.gabung > 1 for c in cells):
                col = 0
                for c in cells:
                    if c.gabung > 1:
                        row.cells[col].merge(row.cells[col + c.gabung - 1])
                    col += c.gabung
            tcs = row._tr.tc_lst
            col = 0
            for tc, c in zip(tcs, cells, strict=True):
                cell = L.Cell(tc, t)
                cell.width = sum(widths[col:col + c.gabung], L.Cm(0))
                last = r_i == len(rows) - 1
                self._cell(cell, c, keep=(together and not last) or (last and bool(b.catatan)))
                col += c.gabung
        self._p(b.catatan, style="Catatan Tabel")

    def _table_props(self, t) -> None:
        """Narrow cell margins (0,1 cm left and right), so that the columns keep their words whole."""
        L = self.L
        mar = L.OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            el = L.OxmlElement(f"w:{side}")
            el.set(L.qn("w:w"), str(int(L.Cm(MARGIN_SEL).twips)))
            el.set(L.qn("w:type"), "dxa")
            mar.append(el)
        t._tbl.tblPr.append(mar)

    def _cell(self, cell, c: Sel, keep: bool = False) -> None:
        L = self.L
        p = self._gaya(cell.paragraphs[0], "Isi Tabel")
        p.alignment = getattr(L.WD_ALIGN_PARAGRAPH, _RATA[c.rata])
        lines = [(c.teks, c.tebal, False, c.ukuran)] if c.teks else []
        if c.bawah:
            lines.append((c.bawah, False, True, (c.ukuran or UKURAN_TABEL) - 1))
        for i, (text, bold, italic, size) in enumerate(lines):
            q = p if i == 0 else self._gaya(cell.add_paragraph(), "Isi Tabel")
            q.alignment = p.alignment
            r = q.add_run(text)
            r.bold = bold or None
            r.italic = italic or None
            if size:
                r.font.size = L.Pt(size)
            if i:
                q.paragraph_format.space_before = L.Pt(2)
            if keep:
                q.paragraph_format.keep_with_next = True
        if keep and not lines:
            p.paragraph_format.keep_with_next = True
        if c.warna:
            self._shade(cell, c.warna)

    def _gambar(self, b: Gambar) -> None:
        L = self.L
        p = self._p(align="tengah")
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.first_line_indent = L.Cm(0)
        p.add_run().add_picture(io.BytesIO(b.png), width=L.Cm(min(b.lebar, self.lebar_teks)))
        if b.judul:
            q = self._p(b.judul, style="Judul Tabel")
            q.paragraph_format.keep_with_next = False
            q.paragraph_format.space_after = L.Pt(10)

    def _kotak(self, b: Kotak) -> None:
        L = self.L
        t = self.doc.add_table(rows=1, cols=1)
        t.style = self.doc.styles["Table Grid"]
        t.alignment = L.WD_TABLE_ALIGNMENT.CENTER
        cell = t.rows[0].cells[0]
        cell.width = L.Cm(self.lebar_teks)
        self._shade(cell, "FFF2CC")
        self._table_props(t)
        p = self._gaya(cell.paragraphs[0], "Isi Tabel")
        p.alignment = L.WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(b.judul).bold = True
        p.paragraph_format.space_after = L.Pt(6)
        for i, item in enumerate(b.isi, 1):
            q = self._p(f"{i}.\t{item}", style="Isi Tabel", container=cell)
            pf = q.paragraph_format
            pf.left_indent, pf.first_line_indent = L.Cm(0.8), L.Cm(-0.8)
            pf.tab_stops.add_tab_stop(L.Cm(0.8))
            pf.space_after = L.Pt(3)
        if b.catatan:
            q = self._p(b.catatan, style="Isi Tabel", italic=True, container=cell)
            q.paragraph_format.space_before = L.Pt(6)

    def _bloktandatangan(self, b: BlokTandaTangan) -> None:
        L = self.L
        lines = b.baris_atas + ["", "", ""] + [b.nama, b.nip]
        name_at = len(lines) - 2
        for i, line in enumerate(lines):
            p = self._p(style="Normal", align="kiri")
            pf = p.paragraph_format
            pf.left_indent = L.Cm(self.lebar_teks - 7.0)
            pf.space_after, pf.space_before = L.Pt(0), L.Pt(18 if i == 0 else 0)
            pf.keep_with_next = i < len(lines) - 1
            r = p.add_run(line)
            if i == name_at:
                r.bold = r.underline = True

    def _daftarisi(self, b: DaftarIsi) -> None:
        L = self.L
        p = self._p(b.judul, style="Normal", align="tengah", bold=True, size=14)
        p.paragraph_format.page_break_before = True
        p.paragraph_format.space_after = L.Pt(18)
        entries = b.entri or [(1, "", "")]
        for i, (level, text, page) in enumerate(entries):
            q = self._gaya(self.doc.add_paragraph(), f"TOC {min(level, 2)}")
            if i == 0:
                self._field(q, TOC, end=False)
            q.add_run(f"{text}\t{page}" if text else "")
            if i == len(entries) - 1:
                self._field(q, TOC, begin=False)

    def _halamanbaru(self, b: HalamanBaru) -> None:
        self.doc.add_paragraph().add_run().add_break(self.L.WD_BREAK.PAGE)

    # ----------------------------------------------------------------------------------------- output
    def bytes(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return tetap(buf.getvalue())


def tetap(data: bytes) -> bytes:
    """The same package with every zip entry's timestamp fixed (python-docx stamps the clock)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_WAKTU)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, src.read(info.filename))
    return out.getvalue()


def docx_bytes(dok: Dokumen) -> bytes:
    """The .docx file of a document, as bytes."""
    w = _Penulis(dok)
    w.tulis()
    return w.bytes()


def tulis_docx(dok: Dokumen, path: str | os.PathLike) -> str:
    """Write the document to ``path`` (through a temporary file in the same folder); returns the path."""
    path = os.fspath(path)
    data = docx_bytes(dok)
    simpan_baru(path, data, "laporan")
    return path
