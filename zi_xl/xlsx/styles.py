"""``xl/styles.xml``: append fonts, fills, borders, number formats and cell formats; never renumber.

Existing entries keep their index (every ``s="N"`` in every sheet stays valid); new ones are appended at the end of
their list, reusing an identical existing entry when there is one, and the ``count`` attributes follow.

Example::

    st = Styles(pkg.read("xl/styles.xml"))
    i = st.derive(base=0, style=Style(fill="FFFF00", bold=True))   # index of a new cellXfs entry
    new_bytes = st.render()                                          # None when nothing was added
"""

from __future__ import annotations

import re

from ..errors import BerkasTidakValid
from .edits import Style
from .xmlspan import El, esc, parse, prefixed, set_attrs, splice

BUILTIN_FMT = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10,
               "0.00E+00": 11, "mm-dd-yy": 14, "d-mmm-yy": 15, "d-mmm": 16, "mmm-yy": 17, "h:mm AM/PM": 18,
               "h:mm:ss AM/PM": 19, "h:mm": 20, "h:mm:ss": 21, "m/d/yy h:mm": 22, "@": 49}
DATE_IDS = set(range(14, 23)) | set(range(45, 48))
_LISTS = ("numFmts", "fonts", "fills", "borders", "cellXfs")
_ITEM = {"numFmts": "numFmt", "fonts": "font", "fills": "fill", "borders": "border", "cellXfs": "xf"}
_FONT_ORDER = ("b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color",
               "name", "family", "charset", "scheme")


def is_date_format(code: str) -> bool:
    c = code.lower()
    for q in ('"', "["):
        while q in c:
            a = c.find(q)
            b = c.find('"' if q == '"' else "]", a + 1)
            c = c[:a] + c[b + 1:] if b > a else c[:a]
    return any(ch in c for ch in "dmyhs") and "general" not in c


class Styles:
    """Append-only editor of a styles.xml part."""

    def __init__(self, data: bytes, name: str = "xl/styles.xml"):
        self.data = data
        self.root = parse(data, max_depth=3, name=name)
        self.p = self.root.prefix
        self.lists: dict[str, El | None] = {k: self.root.find(k) for k in _LISTS}
        if self.lists["cellXfs"] is None or self.lists["fonts"] is None:
            raise BerkasTidakValid(f"{name}: tidak ada daftar fonts/cellXfs")
        self.items: dict[str, list[str]] = {}
        for k in _LISTS:
            el = self.lists[k]
            kids = el.findall(_ITEM[k]) if el is not None else []
            self.items[k] = [data[c.start:c.end].decode("utf-8") for c in kids]
        self.xf_els = self.lists["cellXfs"].findall("xf")
        self.fmt_codes: dict[int, str] = {}
        nf = self.lists["numFmts"]
        for c in (nf.findall("numFmt") if nf is not None else []):
            self.fmt_codes[int(c.attrs.get("numFmtId", "0"))] = c.attrs.get("formatCode", "")
        self.added: dict[str, list[str]] = {k: [] for k in _LISTS}
        self._xf_attrs = [dict(x.attrs) for x in self.xf_els]
        self._xf_kids = [data[x.inner:x.close].decode("utf-8") if not x.empty else "" for x in self.xf_els]
        self._index: dict[str, dict[str, int]] = {}    # item xml → its first index, per list (reuse in O(1))
        for k in _LISTS:
            idx: dict[str, int] = {}
            for i, xml in enumerate(self.items[k]):
                idx.setdefault(xml, i)
            self._index[k] = idx
        self._derived: dict[tuple[int, Style | None, bool], int] = {}

    # ------------------------------------------------------------------ generic append with reuse
    def _add(self, kind: str, xml: str) -> int:
        xml = prefixed(xml, self.p)
        index = self._index[kind]
        if xml in index:
            return index[xml]
        n = len(self.items[kind]) + len(self.added[kind])
        self.added[kind].append(xml)
        index[xml] = n
        return n

    def num_fmt_id(self, code: str) -> int:
        """The id of a number format code: built-in, existing custom, or a new custom one (≥164)."""
        if code in BUILTIN_FMT:
            return BUILTIN_FMT[code]
        for i, c in self.fmt_codes.items():
            if c == code:
                return i
        new = max([163, *self.fmt_codes]) + 1
        self.fmt_codes[new] = code
        self._add("numFmts", f'<numFmt numFmtId="{new}" formatCode="{esc(code, True)}"/>')
        return new

    def format_code(self, num_fmt_id: int) -> str | None:
        return self.fmt_codes.get(num_fmt_id)

    def is_date_xf(self, xf: int) -> bool:
        if xf >= len(self._xf_attrs):
            return False
        i = int(self._xf_attrs[xf].get("numFmtId", "0"))
        return i in DATE_IDS or (i in self.fmt_codes and is_date_format(self.fmt_codes[i]))

    def add_xf(self, attrs: dict[str, str], children: str = "") -> int:
        a = " ".join(f'{k}="{esc(v, True)}"' for k, v in attrs.items())
        xml = f"<xf {a}/>" if not children else f"<xf {a}>{children}</xf>"
        i = self._add("cellXfs", xml)
        if i >= len(self._xf_attrs):
            self._xf_attrs.append(dict(attrs))
            self._xf_kids.append(children)
        return i

    # ------------------------------------------------------------------ derive a format from an existing one
    def _font(self, base_xml: str, st: Style) -> str:
        kids: dict[str, str] = {}
        el = parse(base_xml.encode("utf-8"))
        raw = base_xml.encode("utf-8")
        for c in el.children:
            kids[c.local] = raw[c.start:c.end].decode("utf-8")
        if st.bold is not None:
            kids.pop("b", None) if not st.bold else kids.__setitem__("b", "<b/>")
        if st.italic is not None:
            kids.pop("i", None) if not st.italic else kids.__setitem__("i", "<i/>")
        if st.font_color:
            kids["color"] = f'<color rgb="FF{st.font_color.upper()[-6:]}"/>'
        if st.font_size:
            kids["sz"] = f'<sz val="{st.font_size:g}"/>'
        ordered = [kids[k] for k in _FONT_ORDER if k in kids] + [v for k, v in kids.items() if k not in _FONT_ORDER]
        return "<font>" + "".join(ordered) + "</font>"

    def derive(self, base: int, style: Style | None, date: bool = False) -> int:
        """A cellXfs index that looks like ``base`` with ``style`` applied (and a date format when ``date`` and
        the base has none)."""
        if base >= len(self._xf_attrs):
            base = 0
        key = (base, style, date)
        if key not in self._derived:      # one derivation per distinct (base, style): a column of cells is cheap
            self._derived[key] = self._derive(base, style, date)
        return self._derived[key]

    def _derive(self, base: int, style: Style | None, date: bool) -> int:
        attrs = dict(self._xf_attrs[base])
        kids = self._xf_kids[base]
        st = style or Style()
        changed = False
        if any(v is not None for v in (st.bold, st.italic, st.font_color, st.font_size)):
            fid = int(attrs.get("fontId", "0"))
            fonts = self.items["fonts"] + self.added["fonts"]
            base_font = fonts[fid] if fid < len(fonts) else fonts[0]
            attrs["fontId"] = str(self._add("fonts", self._font(base_font, st)))
            attrs["applyFont"] = "1"
            changed = True
        if st.fill:
            attrs["fillId"] = str(self._add("fills", f'<fill><patternFill patternType="solid"><fgColor rgb="FF'
                                                     f'{st.fill.upper()[-6:]}"/><bgColor indexed="64"/>'
                                                     "</patternFill></fill>"))
            attrs["applyFill"] = "1"
            changed = True
        if st.border is not None:
            side = '<{0} style="thin"><color auto="1"/></{0}>' if st.border else "<{0}/>"
            xml = "<border>" + "".join(side.format(s) for s in ("left", "right", "top", "bottom")) + \
                "<diagonal/></border>"
            attrs["borderId"] = str(self._add("borders", xml))
            attrs["applyBorder"] = "1"
            changed = True
        code = st.num_format or ("yyyy-mm-dd hh:mm" if date and not self.is_date_xf(base) else None)
        if code:
            attrs["numFmtId"] = str(self.num_fmt_id(code))
            attrs["applyNumberFormat"] = "1"
            changed = True
        if st.wrap is not None or st.align is not None:
            old = re.search(r"<(?:\w+:)?alignment\b[^>]*?(/>|>.*?</(?:\w+:)?alignment>)", kids, re.S)
            if old:
                start = old.group(0)[: old.start(1) - old.start(0)]
                tag = (start + "/>").encode()
            else:
                tag = prefixed("<alignment/>", self.p).encode()
            upd: dict[str, str | None] = {}
            if st.wrap is not None:
                upd["wrapText"] = "1" if st.wrap else None
            if st.align is not None:
                upd["horizontal"] = st.align
            tag = set_attrs(tag, **upd)
            kids = kids.replace(old.group(0), tag.decode()) if old else tag.decode() + kids
            attrs["applyAlignment"] = "1"
            changed = True
        if not changed:
            return base
        attrs.setdefault("xfId", "0")
        return self.add_xf(attrs, kids)

    def import_xf(self, other: Styles, i: int) -> int:
        """Copy cell format ``i`` of another styles part (e.g. one written by XlsxWriter) into this one."""
        a = dict(other._xf_attrs[i])
        for key, kind in (("fontId", "fonts"), ("fillId", "fills"), ("borderId", "borders")):
            src = other.items[kind] + other.added[kind]
            j = int(a.get(key, "0"))
            if j < len(src):
                a[key] = str(self._add(kind, src[j]))
        n = int(a.get("numFmtId", "0"))
        if n >= 164 and n in other.fmt_codes:
            a["numFmtId"] = str(self.num_fmt_id(other.fmt_codes[n]))
        a["xfId"] = "0"
        return self.add_xf(a, prefixed(other._xf_kids[i], self.p) if self.p else other._xf_kids[i])

    # ------------------------------------------------------------------ output
    def render(self) -> bytes | None:
        """The new styles.xml, or None when nothing was added."""
        if not any(self.added.values()):
            return None
        d = self.data
        edits = []
        for k in _LISTS:
            if not self.added[k]:
                continue
            new = "".join(self.added[k]).encode("utf-8")
            n = len(self.items[k]) + len(self.added[k])
            el = self.lists[k]
            if el is None:  # only numFmts may be missing
                first = self.lists["fonts"]
                edits.append((first.start, first.start,
                              prefixed(f'<numFmts count="{n}">', self.p).encode() + new
                              + f"</{self.p}numFmts>".encode()))
                continue
            tag = set_attrs(d[el.start:el.inner], count=str(n))
            if el.empty:
                tag = tag[:-2].rstrip() + b">"
                edits.append((el.start, el.end, tag + new + f"</{el.tag}>".encode()))
            else:
                edits.append((el.start, el.inner, tag))
                edits.append((el.close, el.close, new))
        return splice(d, edits)
