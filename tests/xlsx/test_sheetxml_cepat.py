"""The fast index of a worksheet part (regular expressions over <sheetData>, after expat checked the whole part)
gives exactly what the general parser gives — rows, cells, their byte positions, attributes and f/v/is children —
for every worksheet of the Excel-made corpus, the official LKE and the shipped workbooks; parts it cannot be sure of
go the general way."""

from __future__ import annotations

import zipfile

import pytest

from tests.support import CORPUS, REF_LKE, ROOT, WORKBOOKS
from zi_xl.xlsx import sheetxml
from zi_xl.xlsx.patch import worksheet_parts
from zi_xl.xlsx.sheetxml import SheetXml
from zi_xl.xlsx.xmlspan import parse

FILES = sorted([*CORPUS.glob("*.xls*"), REF_LKE, *WORKBOOKS.glob("*.xls*"),
                *(ROOT / "tests" / "corpus").glob("*.xls*")])


def _dump(el, depth: int = 0) -> tuple:
    """A cell and its direct children (what SheetXml uses: f/v/is, and whether there are any)."""
    kids = () if depth else tuple(_dump(c, 1) for c in el.children)
    return (el.tag, el.attrs, el.start, el.inner, el.close, el.end, el.text if el.local in ("f", "v") else "", kids)


def _slow(data: bytes) -> dict:
    root = parse(data, max_depth=5, text_of={"v", "f", "t"})
    sd = root.find("sheetData")
    return {"rows": [(_dump_row(r)) for r in sd.findall("row")],
            "cells": [_dump(c) for r in sd.findall("row") for c in r.findall("c")]}


def _dump_row(r) -> tuple:
    return (r.tag, r.attrs, r.start, r.inner, r.close, r.end)


def _parts():
    for f in FILES:
        for sheet, part in worksheet_parts(f).items():
            yield pytest.param(f, part, id=f"{f.name}:{sheet}")


def _same_as_general(data: bytes, name: str) -> bool:
    """False when the fast way declined; else asserts it equals the general parser and returns True."""
    fast = sheetxml._fast_index(data, name, min_size=0)
    if fast is None:
        return False
    _, rows, cells, row_cols = fast
    want = _slow(data)
    assert [_dump_row(r) for r in rows.values()] == want["rows"]
    got = [_dump(sheetxml._Cells(data, dict(cells))[(r, c)]) for r, cs in row_cols.items() for c in cs]
    assert got == want["cells"]
    return True


@pytest.mark.parametrize("path,part", list(_parts()))
def test_fast_index_equals_the_general_parser(path, part):
    with zipfile.ZipFile(path) as z:
        _same_as_general(z.read(part), part)


def test_the_fast_index_is_used_for_the_big_official_sheet():
    with zipfile.ZipFile(REF_LKE) as z:
        data = z.read("xl/worksheets/sheet3.xml")
    assert len(data) > 1 << 16 and sheetxml._fast_index(data, "sheet3") is not None
    assert _same_as_general(data, "sheet3")


def _sheet(body: bytes) -> bytes:
    return (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<sheetData>" + body + b"</sheetData></worksheet>")


@pytest.mark.parametrize("body", [
    b'<row r="1"><c r="A1"><v>1</v></c><!-- <c r="B1"><v>2</v></c> --></row>',        # a comment
    b'<row r="1"><c r="A1"><is><t><![CDATA[</c><c r="Z9">]]></t></is></c></row>',      # CDATA
    b'<row r="1"><c r="A1"><v>1</v></c><extLst/></row>',                                 # another element
    b'<row r="1"><c><v>1</v></c></row>',                                                 # no reference
    b'<row r="1"><c r="A1"><x><c r="B1"><v>1</v></c></x></c></row>',                     # a nested c
    b'<row r="2"><c r="A1"><v>1</v></c></row>',                                          # a cell of another row
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>a&lt;b</t></is></c></row><?pi x?>',      # a processing instr.
])
def test_what_it_cannot_be_sure_of_goes_the_general_way(body):
    assert sheetxml._fast_index(_sheet(body), "x", min_size=0) is None
    SheetXml(_sheet(body))              # and the general parser still reads it


@pytest.mark.parametrize("body", [
    b'<row r="1"><c r="A1"><x><c r="B1"/></x></c></row>',                      # a nested empty c: still one cell
    b'<row r="1" spans="1:2"><c r="A1" s="3" t="inlineStr"><is><r><t>a</t></r><r><t>&amp;b</t></r></is></c>'
    b'<c r="B1"><f t="shared" ref="B1:B3" si="0">A1&amp;"x"</f><v>ax</v></c></row><row r="3"/>',
    b'\n  <row r="1">\n    <c r="A1"><v>1</v></c>\n  </row>\n',                   # pretty-printed
    b"<row r='1'><c r='A1' t='str'><f>\"q\"</f><v>q</v></c></row>",              # single quotes
])
def test_what_it_takes_it_reads_as_the_general_parser_does(body):
    assert _same_as_general(_sheet(body), "x")
