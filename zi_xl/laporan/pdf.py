"""The report as PDF, converted by LibreOffice — with the table of contents brought up to date first.

A plain ``soffice --convert-to pdf`` prints a Word table of contents as it was saved (LibreOffice does not update
fields on loading). So the conversion runs a small LibreOffice Basic routine in a throw-away profile: open the
document hidden, update every index, export the PDF, and write the updated table of contents to a text file, whose
page numbers then go into the .docx too (so that Word shows them before it updates the field itself).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import GagalMenulis, ZiError
from ..xlsx.recalc import jalankan_soffice, soffice_path

#: LibreOffice Basic: update indexes, export PDF, dump the first index's text
_MODUL = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Cetak(sIn As String, sOut As String, sToc As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(sIn), &quot;_blank&quot;, 0, args())
  oIdx = oDoc.getDocumentIndexes()
  For i = 0 To oIdx.getCount() - 1
    oIdx.getByIndex(i).update()
  Next i
  s = &quot;&quot;
  If oIdx.getCount() &gt; 0 Then s = oIdx.getByIndex(0).getAnchor().getString()
  Dim pdf(0) As New com.sun.star.beans.PropertyValue
  pdf(0).Name = &quot;FilterName&quot;
  pdf(0).Value = &quot;writer_pdf_Export&quot;
  oDoc.storeToURL(ConvertToURL(sOut), pdf())
  oDoc.close(True)
  iFile = FreeFile
  Open sToc For Output As #iFile
  Print #iFile, s
  Close #iFile
End Sub
</script:module>
"""
TIDAK_ADA = ("LibreOffice tidak ditemukan, PDF tidak dibuat (laporan .docx sudah ditulis). Pasang LibreOffice "
             "(Linux: paket libreoffice-writer-nogui), atau buka .docx di Word lalu simpan sebagai PDF")


def _jalankan(cmd: list[str], timeout: float) -> subprocess.CompletedProcess:
    return jalankan_soffice(cmd, timeout, GagalMenulis, "; PDF tidak dibuat")


def halaman_daftar_isi(teks: str) -> list[str]:
    """The page of each entry of an updated table of contents ("BAB I PENDAHULUAN\\t1" → "1")."""
    out = []
    for line in re.split(r"\r\n|\r|\n", teks):
        m = re.search(r"\t\s*([0-9]+|[ivxlcdm]+)\s*$", line, re.I)
        if m:
            out.append(m.group(1))
    return out


def ke_pdf(docx: str | os.PathLike, pdf: str | os.PathLike, timeout: float = 300) -> list[str]:
    """Convert ``docx`` to ``pdf`` (table of contents updated); returns the page of each table-of-contents entry
    ([] when LibreOffice gave none). Raises :class:`ZiError` when LibreOffice is missing or fails."""
    exe = soffice_path()
    if exe is None:
        raise ZiError(TIDAK_ADA)
    pdf = os.fspath(pdf)
    with tempfile.TemporaryDirectory(prefix="zi-xl-pdf-") as tmp:
        tmp_p = Path(tmp)
        profile = tmp_p / "profil"
        env = f"-env:UserInstallation={profile.as_uri()}"
        _jalankan([exe, env, "--headless", "--norestore", "--terminate_after_init"], timeout)
        module = profile / "user" / "basic" / "Standard" / "Module1.xba"
        if not module.parent.is_dir():
            raise GagalMenulis("profil LibreOffice tidak terbentuk; PDF tidak dibuat")
        module.write_text(_MODUL, encoding="utf-8")
        src, out, toc = tmp_p / "laporan.docx", tmp_p / "laporan.pdf", tmp_p / "daftar-isi.txt"
        shutil.copyfile(docx, src)
        r = _jalankan([exe, env, "--headless", "--norestore",
                       f'macro:///Standard.Module1.Cetak("{src}","{out}","{toc}")'], timeout)
        if not out.exists():
            raise GagalMenulis(f"LibreOffice gagal membuat PDF ({r.returncode}): {r.stderr.strip()[:300]}",
                               berkas=pdf)
        try:
            shutil.move(out, pdf)
        except OSError as exc:
            raise GagalMenulis(f"PDF tidak dapat ditulis ({exc.strerror})", berkas=pdf) from None
        return halaman_daftar_isi(toc.read_text(encoding="utf-8", errors="replace")) if toc.exists() else []
