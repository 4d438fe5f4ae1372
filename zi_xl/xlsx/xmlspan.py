"""A safe XML parser that remembers where every element sits in the bytes, for surgical edits.

The patch writer changes a part (a sheet, ``workbook.xml``, ``styles.xml`` ...) by splicing a few byte ranges and
leaving every other byte as Excel wrote it. To do that it needs the byte offsets of elements, which ``expat``
gives. DTDs are refused outright (no entity expansion: no "billion laughs", no external entities).

Example::

    root = parse(b'<a><b x="1"/><c>t</c></a>')
    b = root.find("b")              # El(tag='b', attrs={'x': '1'}, start=3, end=13, ...)
    splice(data, [(b.start, b.end, b'<b x="2"/>')])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat

from ..errors import BerkasTidakValid


class XmlTidakAman(BerkasTidakValid):
    """The part declares a DTD or entities (a possible XML bomb); it is never expanded."""


@dataclass(slots=True)
class El:
    """One element. ``start``: offset of ``<``; ``inner``: just after the start tag; ``close``: offset of the end
    tag (``== end`` for an empty element); ``end``: just after the element. ``text`` is the direct character data
    (collected only for elements whose local name is in ``text_of``)."""

    tag: str
    attrs: dict[str, str]
    start: int
    inner: int = -1
    close: int = -1
    end: int = -1
    children: list[El] = field(default_factory=list)
    text: str = ""

    @property
    def local(self) -> str:
        return self.tag.rsplit(":", 1)[-1]

    @property
    def prefix(self) -> str:
        """``"x:"`` for ``<x:row>``, ``""`` for ``<row>``."""
        return self.tag[: -len(self.local)]

    @property
    def empty(self) -> bool:
        return self.close == self.end

    def find(self, local: str) -> El | None:
        return next((c for c in self.children if c.local == local), None)

    def findall(self, local: str) -> list[El]:
        return [c for c in self.children if c.local == local]


_TAG = re.compile(rb"""<[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""")


def _tag_end(data: bytes, pos: int) -> int:
    """Offset just after the ``>`` closing the tag that starts at ``pos`` (quotes respected)."""
    m = _TAG.match(data, pos)
    if m is None:
        raise ValueError("tag tidak tertutup")
    return m.end()


def _refuse(*_a, **_k):
    raise XmlTidakAman("bagian XML memuat deklarasi DTD/entitas (kemungkinan 'XML bomb'); berkas ditolak")


def parse(data: bytes, max_depth: int = 64, text_of: frozenset[str] | set[str] = frozenset(),
          name: str = "") -> El:
    """Parse ``data`` (UTF-8 XML) into :class:`El` nodes with byte offsets; elements deeper than ``max_depth``
    (root = depth 0) are skipped (not recorded) to keep big sheets cheap. Raises :class:`XmlTidakAman` for a DTD
    and :class:`BerkasTidakValid` for malformed XML."""
    p = expat.ParserCreate()
    p.StartDoctypeDeclHandler = _refuse
    p.EntityDeclHandler = _refuse
    p.ExternalEntityRefHandler = _refuse
    stack: list[El] = []
    depth = [0]
    root: list[El] = []
    collecting = [None]

    def start(tag, attrs):
        d = depth[0]
        depth[0] = d + 1
        if d > max_depth:
            return
        pos = p.CurrentByteIndex
        el = El(tag, attrs, pos)
        el.inner = _tag_end(data, pos)
        if stack:
            stack[-1].children.append(el)
        else:
            root.append(el)
        stack.append(el)
        if text_of and el.local in text_of:
            collecting[0] = el

    def end(tag):
        depth[0] -= 1
        if depth[0] > max_depth:
            return
        el = stack.pop()
        pos = p.CurrentByteIndex
        if data[el.inner - 2] == 0x2F:  # "/>": empty element
            el.close = el.end = el.inner
        else:
            el.close = pos
            el.end = _tag_end(data, pos)
        if collecting[0] is el:
            collecting[0] = None

    def chars(s):
        if collecting[0] is not None:
            collecting[0].text += s

    p.StartElementHandler = start
    p.EndElementHandler = end
    if text_of:
        p.CharacterDataHandler = chars
    di = f" di bagian {name}" if name else ""
    try:
        p.Parse(data, True)
    except XmlTidakAman:
        raise XmlTidakAman(f"bagian {name or 'XML'} memuat deklarasi DTD/ENTITY (kemungkinan 'XML bomb'); berkas "
                           "ditolak") from None
    except expat.ExpatError as exc:
        raise BerkasTidakValid(f"XML rusak{di} (baris {exc.lineno}, kolom {exc.offset + 1})") from None
    except (ValueError, IndexError):
        raise BerkasTidakValid(f"XML rusak{di} (tag tidak tertutup)") from None
    if not root:
        raise BerkasTidakValid(f"XML kosong{(' di ' + name) if name else ''}")
    return root[0]


def splice(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Replace byte ranges ``[start, end)`` by new bytes; ranges must not overlap (inserts: ``start == end``).
    Inserts at the same offset keep their order."""
    out = []
    pos = 0
    for s, e, new in sorted(edits, key=lambda t: (t[0], t[1])):
        if s < pos:
            raise ValueError("rentang suntingan XML bertumpuk")
        out.append(data[pos:s])
        out.append(new)
        pos = e
    out.append(data[pos:])
    return b"".join(out)


def esc(text: str, quote: bool = False) -> str:
    """Escape text for XML content (and attributes with ``quote=True``)."""
    t = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        t = t.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return t


def set_attrs(tag_bytes: bytes, **attrs: str | None) -> bytes:
    """Rewrite a start tag (``<x a="1">`` or ``<x a="1"/>``): set (or with ``None`` remove) attributes, keeping the
    others and their order. Attribute names use ``__`` for ``:`` is not needed here: only plain names."""
    t = tag_bytes
    for k, v in attrs.items():
        pat = re.compile(rb'(\s)' + re.escape(k.encode()) + rb'\s*=\s*("[^"]*"|\'[^\']*\')')
        if v is None:
            t = pat.sub(b"", t, count=1)
            continue
        new = f'{k}="{esc(str(v), quote=True)}"'.encode()
        if pat.search(t):
            t = pat.sub(lambda m, new=new: m.group(1) + new, t, count=1)
        else:
            cut = len(t) - (2 if t.endswith(b"/>") else 1)
            t = t[:cut] + b" " + new + t[cut:]
    return t


def prefixed(fragment: str, prefix: str) -> str:
    """Give every element of a generated fragment the namespace prefix of the part it goes into (``"x:"``)."""
    if not prefix:
        return fragment
    return re.sub(r"<(/?)([A-Za-z_][\w.-]*)(?=[\s/>])", lambda m: f"<{m.group(1)}{prefix}{m.group(2)}", fragment)
