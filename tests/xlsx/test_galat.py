"""One place maps low-level errors to what a user reads (zi_xl.errors.galat_dari / pada_berkas): Indonesian, naming
the user's file and the part/sheet/cell, never the exception's own text, never a temporary file."""

from __future__ import annotations

import shutil
import struct
import zipfile
import zlib
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError

import pytest
from defusedxml import EntitiesForbidden

from tests.support import REF_LKE, run_cli
from tests.support.patch_helpers import log_rows
from zi_xl.errors import BerkasTidakValid, GagalMenulis, ZiError, galat_dari, pada_berkas
from zi_xl.xlsx import safe_write
from zi_xl.xlsx.safe_write import PREFIX, write_safely


def _expat() -> ExpatError:
    from xml.parsers import expat

    try:
        expat.ParserCreate().Parse(b"<a><b></a>", True)
    except ExpatError as exc:
        return exc
    raise AssertionError


def _parse_error() -> ParseError:
    import xml.etree.ElementTree as ET

    try:
        ET.fromstring(b"<a>&x;</a>")
    except ParseError as exc:
        return exc
    raise AssertionError


CASES = [
    (zipfile.BadZipFile("Bad magic number for central directory"), "rusak"),
    (zlib.error("Error -3 while decompressing data: invalid literal/lengths set"), "rusak"),
    (EOFError("Compressed file ended before the end-of-stream marker was reached"), "rusak"),
    (struct.error("unpack requires a buffer of 4 bytes"), "rusak"),
    (_expat(), "XML rusak"),
    (_parse_error(), "XML rusak"),
    (EntitiesForbidden("e", None, "file:///etc/passwd", None, None, None), "DTD/ENTITY"),
    (OverflowError("cannot convert float infinity to integer"), "di luar jangkauan"),
    (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "pengodean"),
    (KeyError("There is no item named 'xl/styles.xml' in the archive"), "rusak atau tidak lengkap"),
    (IndexError("list index out of range"), "rusak atau tidak lengkap"),
    (ValueError("invalid literal for int() with base 10: 'NaN'"), "rusak atau tidak lengkap"),
    (NotImplementedError("That compression method is not supported"), "tidak didukung"),
    (RecursionError("maximum recursion depth exceeded"), "terlalu dalam"),
    (MemoryError(), "memori"),
]


@pytest.mark.parametrize("exc,kata", CASES, ids=[type(e).__name__ for e, _ in CASES])
def test_every_low_level_error_becomes_an_indonesian_message(exc, kata):
    err = galat_dari(exc, "/data/LKE unit.xlsx", bagian="xl/worksheets/sheet3.xml", sheet="LKE ZI", sel="K8")
    text = str(err)
    assert isinstance(err, BerkasTidakValid) and kata in text
    assert text.startswith("/data/LKE unit.xlsx: LKE ZI!K8: ")
    for raw in (type(exc).__name__, "Error -3", "Bad magic", "invalid start byte", "list index", "base 10",
                "no item named", "recursion", "infinity", "unpack", "mismatched", "undefined entity"):
        assert raw not in text, (raw, text)


def test_pada_berkas_fills_the_file_and_renames_a_temporary_one():
    with pytest.raises(ZiError) as ei, pada_berkas("LKE.xlsx", ganti="/tmp/.~zi-xl-1-x.tmp"):
        raise ZiError("verifikasi gagal", berkas="/tmp/.~zi-xl-1-x.tmp")
    assert str(ei.value) == "LKE.xlsx: verifikasi gagal"
    with pytest.raises(BerkasTidakValid) as ei, pada_berkas("LKE.xlsx", bagian="xl/styles.xml"):
        {}["xl/styles.xml"]
    assert str(ei.value) == "LKE.xlsx: isi workbook rusak atau tidak lengkap di bagian xl/styles.xml"


def test_a_failed_verification_names_the_users_file(tmp_path, monkeypatch):
    p = tmp_path / "lke.xlsx"
    shutil.copyfile(REF_LKE, p)
    before = p.read_bytes()
    monkeypatch.setattr(safe_write, "read_cells", lambda snap, sheet, refs: {r: ("lain", None) for r in refs})
    with pytest.raises(GagalMenulis) as ei:
        write_safely(p, [log_rows(1)])
    text = str(ei.value)
    assert text.startswith(f"{p}: Log!A1: verifikasi gagal") and PREFIX not in text
    assert p.read_bytes() == before


def test_unexpected_errors_never_show_a_traceback(tmp_path, monkeypatch):
    """A defect of the tool itself: a message, the exit code, no Python text (ZI_XL_DEBUG=1 shows it)."""
    import zi_xl.cli.hitung as cmd

    def boom(*a, **k):
        raise RuntimeError("internal detail")

    monkeypatch.setattr(cmd, "read_lke", boom)
    r = run_cli("hitung", REF_LKE)
    assert r.returncode == 2 and "kesalahan tak terduga" in r.stderr and str(REF_LKE) in r.stderr
    assert "RuntimeError" not in r.stderr and "internal detail" not in r.stderr and "Traceback" not in r.stderr
    monkeypatch.setenv("ZI_XL_DEBUG", "1")
    with pytest.raises(RuntimeError):
        run_cli("hitung", REF_LKE)
