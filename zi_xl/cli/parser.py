"""argparse in Bahasa Indonesia, to the last word: usage, section titles, help, and argparse's own error messages.

argparse looks its texts up through the module-level ``gettext`` functions ``argparse._`` and ``argparse.ngettext``
at the moment it needs them; :func:`bahasa_indonesia` swaps in a table of Indonesian texts for as long as our parser
is built and run (so other users of argparse in the same process, such as pytest, are not affected). Texts argparse
gains in later Python versions fall back to English rather than fail.

    with bahasa_indonesia():
        parser = Parser(prog="zi-xl")
        args = parser.parse_args(argv)
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator

#: argparse's own texts (Python 3.11–3.13) → Indonesian.
TEKS = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen",
    "options": "opsi",
    "optional arguments": "opsi",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "show program's version number and exit": "tampilkan versi program lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "pilihan tidak sah: %(value)r (pilih salah satu: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "expected one argument": "perlu satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "expected at least one argument": "perlu sedikitnya satu nilai",
    "expected %s argument": "perlu %s nilai",
    "expected %s arguments": "perlu %s nilai",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "opsi %(option)s ambigu: bisa berarti %(matches)s",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "one of the arguments %s is required": "salah satu argumen %s wajib diisi",
    "ignored explicit argument %r": "nilai %r diabaikan",
    "unexpected option string: %s": "opsi tak terduga: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "perintah %(parser_name)r tidak dikenal (pilihan: %(choices)s)",
    "argument \"-\" with mode %r": "argumen \"-\" dengan mode %r",
    "can't open '%(filename)s': %(error)s": "tidak dapat membuka '%(filename)s': %(error)s",
}


def _teks(pesan: str) -> str:
    return TEKS.get(pesan, pesan)


def _teks_n(tunggal: str, jamak: str, n: int) -> str:
    return _teks(tunggal if n == 1 else jamak)


@contextlib.contextmanager
def bahasa_indonesia() -> Iterator[None]:
    """argparse speaks Indonesian inside this block."""
    old = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _teks, _teks_n
    try:
        yield
    finally:
        argparse._, argparse.ngettext = old


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Help with Indonesian defaults: "(bawaan: …)" is written by the options themselves."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors say "galat" and exit 2 without a traceback."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        self.exit(2, _teks("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": message})
