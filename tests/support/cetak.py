"""Print what the tool writes, as an office would: each sheet on its own, to PDF by LibreOffice in an Indonesian
locale, then read back with poppler (page count, text) — and to PNG for people to look at.

    pdf = cetak_sheet(path, tmp_path)            # {sheet name: Cetakan(pages, text, pdf)}
    assert pdf["Hasil Hitung"].pages <= 2 and "###" not in pdf["Hasil Hitung"].text

Each sheet is printed from a copy of the workbook in which every other sheet is hidden (LibreOffice prints only
visible sheets), so the page count is the sheet's own. Word documents are converted as they are.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from zi_xl.xlsx.recalc import soffice_path

_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>id-ID</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse">
<value>id-ID</value></prop></item>
</oor:items>
"""


@dataclass
class Cetakan:
    pages: int
    text: str
    pdf: Path


def _sheets(path: Path) -> list[tuple[str, bool]]:
    """(name, visible) of every sheet, in order."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/workbook.xml").decode("utf-8")
    return [(_unescape(re.search(r'\bname="([^"]*)"', t).group(1)), "state=" not in t or 'state="visible"' in t)
            for t in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", xml)]


def pengaturan_cetak(path: str | os.PathLike, sheet: str) -> dict[str, str | bool]:
    """The print settings of a sheet as written in its XML: paper, orientation, fit to page width, footer, and
    whether rows are repeated (print titles)."""
    with zipfile.ZipFile(path) as z:
        wb = z.read("xl/workbook.xml").decode("utf-8")
        rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        names = _sheets(Path(path))
        idx = [n for n, _ in names].index(sheet)
        tag = re.findall(r"<(?:\w+:)?sheet\b[^>]*>", wb)[idx]
        rid = re.search(r'\b(?:\w+:)?id="([^"]+)"', tag).group(1)
        target = re.search(rf'<Relationship\b[^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or \
            re.search(rf'<Relationship\b[^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
        part = target.group(1).lstrip("/")
        part = part if part.startswith("xl/") else "xl/" + part
        xml = z.read(part).decode("utf-8")
    ps = re.search(r"<(?:\w+:)?pageSetup\b[^>]*>", xml)
    ps = ps.group(0) if ps else ""
    footer = re.search(r"<(?:\w+:)?oddFooter>(.*?)</", xml, re.S)
    titles = re.search(rf'name="_xlnm\.Print_Titles"[^>]*localSheetId="{idx}"', wb)
    return {"kertas": (re.search(r'paperSize="(\d+)"', ps) or [None, "1"])[1],
            "lanskap": 'orientation="landscape"' in ps,
            "satu_halaman_lebar": bool(re.search(r'<(?:\w+:)?pageSetUpPr\b[^>]*fitToPage="(1|true)"', xml))
            and (re.search(r'fitToWidth="(\d+)"', ps) or [None, "1"])[1] == "1",
            "kaki": _unescape(footer.group(1)) if footer else "",
            "judul_berulang": bool(titles)}


def _unescape(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'") \
        .replace("&amp;", "&")


def _only(path: Path, keep: int, out: Path) -> None:
    """A copy of ``path`` in which only the ``keep``-th sheet is visible (and active)."""
    with zipfile.ZipFile(path) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "xl/workbook.xml":
                xml = data.decode("utf-8")
                i = -1

                def state(m: re.Match) -> str:
                    nonlocal i
                    i += 1
                    tag = re.sub(r'\sstate="[^"]*"', "", m.group(0))
                    if i == keep:
                        return tag
                    end = "/>" if tag.endswith("/>") else ">"
                    return tag[: -len(end)].rstrip() + f' state="hidden"{end}'

                xml = re.sub(r"<(?:\w+:)?sheet\b[^>]*?/?>", state, xml)
                xml = re.sub(r'\s(activeTab|firstSheet)="\d+"', "", xml)
                xml = re.sub(r"<((?:\w+:)?workbookView)\b", lambda m: f'<{m.group(1)} activeTab="{keep}"', xml)
                # print areas/titles of the other sheets would make LibreOffice print them too
                xml = re.sub(r'<(?:\w+:)?definedName\b[^>]*name="_xlnm\.Print_(?:Area|Titles)"[^>]*'
                             r'localSheetId="(\d+)"[^>]*>.*?</(?:\w+:)?definedName>',
                             lambda m: m.group(0) if int(m.group(1)) == keep else "", xml, flags=re.S)
                data = xml.encode("utf-8")
            elif re.fullmatch(r"xl/worksheets/sheet\d+\.xml", info.filename):
                data = re.sub(rb'\btabSelected="1"', b'tabSelected="0"', data)
            w.writestr(info, data)


def _convert(paths: list[Path], outdir: Path, timeout: float = 300) -> None:
    exe = soffice_path()
    assert exe is not None, "LibreOffice (soffice) is required: apt-get install libreoffice-calc-nogui"
    with tempfile.TemporaryDirectory(prefix="zi-xl-cetak-") as profile:
        user = Path(profile) / "user"
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(_XCU, encoding="utf-8")
        cmd = [exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(outdir), *map(str, paths)]
        env = {**os.environ, "LANG": "id_ID.UTF-8", "LC_ALL": "id_ID.UTF-8"}
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              start_new_session=True, env=env) as proc:
            try:
                proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                raise


def _read(pdf: Path) -> Cetakan:
    assert pdf.exists(), f"LibreOffice did not print {pdf.name}"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return Cetakan(pages, text, pdf)


def cetak_sheet(path: str | os.PathLike, outdir: str | os.PathLike,
                sheets: list[str] | None = None) -> dict[str, Cetakan]:
    """Print every visible sheet (or ``sheets``) of a workbook on its own; one LibreOffice call for all of them."""
    path, outdir = Path(path), Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    found = _sheets(path)
    names = [n for n, _ in found]
    want = [n for n, visible in found if (sheets is None and visible) or (sheets is not None and n in sheets)]
    copies = []
    for n in want:
        safe = re.sub(r"[^A-Za-z0-9]+", "-", n).strip("-") or "sheet"
        out = outdir / f"{path.stem}--{safe}{path.suffix}"
        _only(path, names.index(n), out)
        copies.append(out)
    _convert(copies, outdir)
    return {n: _read(c.with_suffix(".pdf")) for n, c in zip(want, copies, strict=True)}


def cetak_dokumen(path: str | os.PathLike, outdir: str | os.PathLike) -> Cetakan:
    """Print a whole document (.docx, .xlsx) as it is."""
    path, outdir = Path(path), Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    _convert([path], outdir)
    return _read(outdir / (path.stem + ".pdf"))


def ke_png(pdf: Path, outdir: str | os.PathLike, dpi: int = 60) -> list[Path]:
    """Every page as PNG (for looking at, not for asserting)."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    prefix = outdir / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    return sorted(outdir.glob(pdf.stem + "*.png"))
