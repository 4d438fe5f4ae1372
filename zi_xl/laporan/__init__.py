"""The semester monev report ("Laporan Monitoring dan Evaluasi Pembangunan Zona Integritas … Semester 1 Tahun
2022") as a Word document, built from the LKE, rencana aksi and monev workbooks.

    >>> from zi_xl.laporan import Semester, buat_laporan
    >>> lap = buat_laporan(Semester(1, 2022), "LAPORAN.docx", folder="contoh-zi")     # doctest: +SKIP
    >>> [str(p) for p in lap.peringatan]                                               # doctest: +SKIP

Modules: ``semester`` (the six months, pure), ``model`` (:class:`Laporan`, :class:`Peringatan`,
:class:`TandaTangan`), ``gather`` (workbooks → Laporan, through each domain's reader), ``periksa`` (the checks,
pure), ``templat`` (the user's editable wording, ``data/templat-laporan.txt``), ``susun`` (Laporan → document
blocks, pure), ``dokumen`` (the blocks), ``grafik`` (charts, matplotlib), ``word`` (blocks → .docx, python-docx,
tata naskah dinas), ``pdf`` (LibreOffice), ``buat`` (the whole run). Data with provenance: ``data/regulasi.json``.
The checks and the content are the modules' own functions (``periksa.periksa``, ``susun.susun``).
"""

_LAZY = {
    "Semester": "semester", "Laporan": "model", "Peringatan": "model", "TandaTangan": "model",
    "kumpulkan": "gather", "tulis_docx": "word", "ke_pdf": "pdf",
    "buat_laporan": "buat", "tulis_laporan": "buat", "tulis_templat": "templat", "baca_templat": "templat",
}

__all__ = sorted(_LAZY)


def __getattr__(name):
    if name in _LAZY:
        import importlib

        attr = {"baca_templat": "baca"}.get(name, name)
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), attr)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
