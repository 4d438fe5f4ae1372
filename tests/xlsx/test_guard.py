"""The package guard reads every XML part whole: a DTD or an entity declaration anywhere — after a long comment or
processing instruction, split across chunks, in UTF-16, in a part named like a binary, in a part the tool never
reads but would copy — is refused; zips whose entries overlap or repeat a name are refused; and nothing the tool
writes ever carries a DTD (user text that looks like one is escaped)."""

from __future__ import annotations

import shutil
import struct
import zipfile
from pathlib import Path

import pytest

from tests.support import REF_LKE
from zi_xl.errors import BerkasTidakValid
from zi_xl.xlsx import guard
from zi_xl.xlsx.edits import SetCell
from zi_xl.xlsx.parts import _ZipWriter
from zi_xl.xlsx.patch import apply_edits, read_cells
from zi_xl.xlsx.read import check_workbook_file

XXE = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'


def _with(tmp: Path, name: str, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None):
    p = tmp / name
    with zipfile.ZipFile(REF_LKE) as src, zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as dst:
        for i in src.infolist():
            dst.writestr(i.filename, (replace or {}).get(i.filename, src.read(i.filename)))
        for n, d in (add or {}).items():
            dst.writestr(n, d)
    return p


def _part(name: str) -> bytes:
    with zipfile.ZipFile(REF_LKE) as z:
        return z.read(name)


def _after_prolog(data: bytes, insert: bytes) -> bytes:
    head, sep, rest = data.partition(b"?>")
    return head + sep + insert + rest


@pytest.mark.parametrize("filler", [
    b"<!--" + b"x" * 70_000 + b"-->",                                   # past the old 64 KB window
    b"<?pi " + b"y" * 3_000_000 + b"?>",                                # past several 1 MB chunks
    b"<!--" + b"z" * (guard._CHUNK - 60) + b"-->",                      # the declaration straddles two chunks
    b"\n" * 200_000,
])
@pytest.mark.parametrize("part", ["xl/worksheets/sheet3.xml", "docProps/core.xml", "xl/_rels/workbook.xml.rels"])
def test_dtd_anywhere_in_a_part_is_refused(tmp_path, filler, part):
    p = _with(tmp_path, "lke.xlsx", {part: _after_prolog(_part(part), filler + XXE)})
    with pytest.raises(BerkasTidakValid) as ei:
        check_workbook_file(p)
    assert part in str(ei.value) and "DTD" in str(ei.value) and str(p) in str(ei.value)


def test_dtd_in_utf16_after_a_long_comment(tmp_path):
    text = _after_prolog(_part("xl/workbook.xml"), b"<!--" + b"c" * 100_000 + b"-->" + XXE).decode("utf-8")
    text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
    p = _with(tmp_path, "lke.xlsx", {"xl/workbook.xml": text.encode("utf-16")})
    with pytest.raises(BerkasTidakValid, match="DTD"):
        check_workbook_file(p)


@pytest.mark.parametrize("name", ["customXml/item1.xml", "xl/embeddings/data.bin", "xl/printerSettings/p.dat"])
def test_dtd_in_a_part_never_read_but_copied_is_refused(tmp_path, name):
    """The tool would copy these parts into its output untouched: they are checked too, whatever their name."""
    p = _with(tmp_path, "lke.xlsx", add={name: b'<?xml version="1.0"?>' + XXE + b"<r>&e;</r>"})
    with pytest.raises(BerkasTidakValid) as ei:
        check_workbook_file(p)
    assert name in str(ei.value)


def test_a_part_that_only_mentions_doctype_in_escaped_text_is_fine(tmp_path):
    p = _with(tmp_path, "lke.xlsx", add={"customXml/item1.xml": b"<r>&lt;!DOCTYPE x&gt; &lt;!ENTITY</r>"})
    check_workbook_file(p)


def test_user_text_that_looks_like_a_dtd_is_written_escaped(tmp_path):
    out = tmp_path / "out.xlsx"
    text = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]> &e;'
    apply_edits(REF_LKE, [SetCell("LKE ZI", "AB1", text)], out)
    snap = check_workbook_file(out)                      # the guard finds nothing in our output
    assert read_cells(snap, "LKE ZI", ["AB1"])["AB1"] == (text, None)


def test_the_writer_refuses_to_write_a_dtd(tmp_path):
    with open(tmp_path / "x.zip", "wb") as fh:
        w = _ZipWriter(fh)
        with pytest.raises(BerkasTidakValid, match="DTD"):
            w.add("xl/worksheets/sheet9.xml", b'<?xml version="1.0"?>' + XXE + b"<worksheet/>")
        with pytest.raises(BerkasTidakValid, match="DTD"):
            w.add("customXml/item.bin", b"<?xml version='1.0'?>\n<!--x-->" + XXE + b"<a/>")


def _central(data: bytes) -> list[int]:
    out, i = [], data.find(b"PK\x01\x02")
    while i >= 0:
        out.append(i)
        i = data.find(b"PK\x01\x02", i + 4)
    return out


def test_overlapping_entries_are_refused(tmp_path):
    p = tmp_path / "tumpuk.xlsx"
    shutil.copyfile(REF_LKE, p)
    data = bytearray(p.read_bytes())
    cds = _central(bytes(data))
    # the last entry's directory record points at the first entry's local header: two names, the same bytes
    first_offset = struct.unpack("<I", data[cds[0] + 42:cds[0] + 46])[0]
    data[cds[-1] + 42:cds[-1] + 46] = struct.pack("<I", first_offset + 1)
    p.write_bytes(bytes(data))
    with pytest.raises(BerkasTidakValid) as ei:
        check_workbook_file(p)
    assert str(p) in str(ei.value) and "Traceback" not in str(ei.value)


def test_a_name_given_twice_is_refused(tmp_path):
    p = tmp_path / "ganda.xlsx"
    shutil.copyfile(REF_LKE, p)
    with zipfile.ZipFile(p, "a") as z, pytest.warns(UserWarning):
        z.writestr("xl/workbook.xml", _part("xl/workbook.xml"))
    with pytest.raises(BerkasTidakValid, match="lebih dari sekali"):
        check_workbook_file(p)


def test_has_dtd_finds_it_in_every_encoding():
    for enc in ("utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        assert guard.has_dtd(('<?xml version="1.0"?>' + "<!--" + "k" * 5000 + "-->" +
                              XXE.decode()).encode(enc)), enc
        assert not guard.has_dtd('<?xml version="1.0"?><a>&lt;!DOCTYPE</a>'.encode(enc)), enc
