"""Options shared by several commands, defined once so that they mean the same thing everywhere.

* ``--json``: one JSON object on stdout (messages go to stderr).
* ``--tulis``: write the results into the workbook itself (everything else in it is kept; backup ``BERKAS.bak``).
* ``-o/--output BERKAS``: write a copy with the results to BERKAS; the source is not touched.
* ``--cadangan FOLDER``: with ``--tulis``, keep timestamped backups in FOLDER instead of ``BERKAS.bak``.
"""

from __future__ import annotations

import argparse


def add_json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="keluaran JSON (satu objek) di stdout")


def add_tulis(p: argparse.ArgumentParser, apa: str) -> None:
    """``--tulis``, ``-o`` and ``--cadangan``; ``apa`` says what is written (e.g. "sheet 'Hasil Hitung'")."""
    p.add_argument("--tulis", action="store_true",
                   help=f"tulis {apa} ke workbook ini sendiri; isi lain tidak diubah, cadangan BERKAS.bak")
    p.add_argument("-o", "--output", metavar="BERKAS",
                   help=f"tulis salinan workbook dengan {apa} ke BERKAS; berkas asli tidak diubah")
    p.add_argument("--cadangan", metavar="FOLDER",
                   help="dengan --tulis: simpan cadangan berwaktu di folder ini (bawaan: BERKAS.bak)")


def menulis(args: argparse.Namespace) -> bool:
    """Whether the command writes results (``--tulis`` or ``-o``)."""
    return bool(args.tulis or args.output)
