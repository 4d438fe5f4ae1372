"""Options shared by several commands, defined once so that they mean the same thing everywhere.

* ``--json``: one JSON object on stdout (messages go to stderr).
* ``--tulis``: write the results into the workbook itself (everything else in it is kept; backup ``BERKAS.bak``).
* ``-o/--output BERKAS``: write a copy with the results to BERKAS; the source is not touched.
* ``--cadangan FOLDER``: with ``--tulis``, keep timestamped backups in FOLDER instead of ``BERKAS.bak``.
* ``--timpa``: with ``-o``, an existing BERKAS may be replaced; without it every command refuses (exit 2).
"""

from __future__ import annotations

import argparse
import os

from ..errors import ZiError


def add_json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="keluaran JSON (satu objek) di stdout")


def add_tulis(p: argparse.ArgumentParser, apa: str) -> None:
    """``--tulis``, ``-o`` and ``--cadangan``; ``apa`` says what is written (e.g. "sheet 'Hasil Hitung'")."""
    p.add_argument("--tulis", action="store_true",
                   help=f"tulis {apa} ke workbook ini sendiri; isi lain tidak diubah, cadangan BERKAS.bak "
                        "(lalu .bak2, .bak3 …; tidak pernah ditimpa)")
    add_output(p, f"tulis salinan workbook dengan {apa} ke BERKAS; berkas asli tidak diubah")
    p.add_argument("--cadangan", metavar="FOLDER",
                   help="dengan --tulis: simpan cadangan berwaktu di folder ini (bawaan: BERKAS.bak)")


def menulis(args: argparse.Namespace) -> bool:
    """Whether the command writes results (``--tulis`` or ``-o``)."""
    return bool(args.tulis or args.output)


def add_output(p: argparse.ArgumentParser, bantuan: str, required: bool = False, metavar: str = "BERKAS") -> None:
    """``-o/--output BERKAS`` and ``--timpa``: a command writes a new file and never replaces one silently."""
    p.add_argument("-o", "--output", metavar=metavar, required=required, help=bantuan)
    p.add_argument("--timpa", action="store_true", help="boleh menimpa BERKAS keluaran (-o) yang sudah ada")
    p.set_defaults(keluaran_berkas=True)


def periksa_keluaran(args: argparse.Namespace) -> None:
    """Refuse ``-o`` onto an existing file unless ``--timpa`` was given (commands registered with
    :func:`add_output`; the CLI calls this before every such command runs)."""
    out = getattr(args, "output", None)
    if not getattr(args, "keluaran_berkas", False) or not out or args.timpa or not os.path.lexists(out):
        return
    masukan = getattr(args, "berkas", None)
    for m in masukan if isinstance(masukan, list) else [masukan]:
        if isinstance(m, str) and os.path.exists(m) and os.path.exists(out) and os.path.samefile(m, out):
            return                  # -o onto the source: the command says why that cannot be
    if os.path.isdir(out):
        raise ZiError("sudah ada sebagai folder; beri nama berkas keluaran", berkas=str(out))
    raise ZiError("berkas keluaran sudah ada dan tidak ditimpa; pilih nama lain, atau tambahkan --timpa "
                  "untuk menimpanya", berkas=str(out))
