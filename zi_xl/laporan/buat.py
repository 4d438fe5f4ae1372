"""The whole run behind ``zi-xl laporan``: gather the workbooks, check, write the .docx (and the PDF).

    >>> lap = buat_laporan(Semester(1, 2022), "LAPORAN.docx", folder="contoh-zi", pdf=True)   # doctest: +SKIP
"""

from __future__ import annotations

import os

from .dokumen import DaftarIsi, Dokumen
from .gather import kumpulkan
from .model import Laporan
from .pdf import ke_pdf
from .semester import Semester
from .susun import susun
from .word import tulis_docx


def berkas_pdf(output: str | os.PathLike) -> str:
    """The PDF beside the .docx: LAPORAN.docx → LAPORAN.pdf."""
    return os.path.splitext(os.fspath(output))[0] + ".pdf"


def tulis_laporan(lap: Laporan, path: str | os.PathLike, pdf: bool = False) -> Dokumen:
    """Write the report of ``lap`` as a Word document (and, with ``pdf``, as PDF beside it, converted by
    LibreOffice with the table of contents updated; the .docx then gets the same page numbers)."""
    dok = susun(lap)
    tulis_docx(dok, path)
    if pdf:
        cetak_pdf(dok, path)
    return dok


def cetak_pdf(dok: Dokumen, path: str | os.PathLike) -> str:
    """Convert the written .docx ``path`` to PDF beside it (LibreOffice, table of contents updated), then write the
    .docx again with the table of contents' page numbers; returns the PDF's path."""
    out = berkas_pdf(path)
    pages = ke_pdf(path, out)
    toc = next(b for b in dok.blok if isinstance(b, DaftarIsi))
    if pages and len(pages) == len(toc.entri):
        toc.entri = [(lv, text, page) for (lv, text, _), page in zip(toc.entri, pages, strict=True)]
        tulis_docx(dok, path)
    return out


def buat_laporan(semester: Semester, output: str | os.PathLike, pdf: bool = False, **opsi) -> Laporan:
    """Gather (see :func:`zi_xl.laporan.gather.kumpulkan` for ``opsi``) and write the report to ``output``."""
    lap = kumpulkan(semester, kecuali=[os.fspath(output)], **opsi)
    tulis_laporan(lap, output, pdf=pdf)
    return lap
