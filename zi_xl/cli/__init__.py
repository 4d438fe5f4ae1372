"""Command line: ``zi-xl PERINTAH …``. Everything a user sees is in Bahasa Indonesia; errors never show a traceback.

The commands live in :data:`COMMANDS` (name → module, one-line help). A command's module is imported only when that
command runs (``zi-xl -h`` imports none), and has the same shape::

    BANTUAN = "one-line help"               # shown by zi-xl -h (kept in COMMANDS too, so -h needs no import)
    def register(p: ArgumentParser): ...    # its arguments
    def run(args) -> int: ...               # does the work; raises ZiError for the user's mistakes

:func:`main` returns the exit code: 0 ok, 1 a check failed (``--ketat``), 2 bad input or usage, 3 a write failed,
130 interrupted, 141 output pipe closed (``| head``).
"""

from __future__ import annotations

import difflib
import importlib
import os
import sys
import traceback
import warnings

from .. import __version__
from ..errors import RUSAK, Pemberitahuan, ZiError, galat_dari, pesan_os
from .options import periksa_keluaran
from .parser import Parser, bahasa_indonesia

#: command → (module, help). The help text equals the module's BANTUAN (a test checks it).
COMMANDS: dict[str, tuple[str, str]] = {
    "hitung": ("zi_xl.cli.hitung", "hitung nilai LKE dan predikat (WBK/WBBM)"),
    "status": ("zi_xl.cli.status", "status rencana aksi: terlambat, jatuh tempo bulan ini, selesai … per area"),
    "templat": ("zi_xl.cli.templat", "buat templat baru: workbook LKE, rencana aksi atau monev, atau teks laporan "
                                     "semester"),
    "portalrb": ("zi_xl.cli.portalrb", "ekspor jawaban LKE dan daftar unit usulan ke JSON PortalRB (per endpoint)"),
    "pasang-tombol": ("zi_xl.cli.pasang_tombol",
                      "pasang tombol Hitung Nilai / Perbarui Status ke workbook (hasil: .xlsm)"),
    "contoh": ("zi_xl.cli.contoh", "tulis workbook contoh ke sebuah folder lalu hitung/periksa"),
    "monev": ("zi_xl.cli.monev", "monev: status buku tindak lanjut, dan perbarui sheet bulan baru (satu atau banyak "
                                 "workbook)"),
    "rekap": ("zi_xl.cli.rekap", "rekap banyak LKE (folder/berkas): peringkat, predikat, syarat usulan, berkas tak "
                                 "terbaca"),
    "banding": ("zi_xl.cli.banding", "banding jawaban unit dan TPI (dan sumber lain): selisih per pertanyaan, "
                                     "indikator, area, syarat"),
    "simulasi": ("zi_xl.cli.simulasi", "simulasi: perbaikan jawaban paling sedikit agar memenuhi WBK/WBBM"),
    "laporan": ("zi_xl.cli.laporan", "laporan monev semester (Word .docx, dan PDF) dari workbook LKE, rencana aksi "
                                     "dan monev"),
}
PROG = "zi-xl"


def _command_in(argv: list[str]) -> str | None:
    """The command word of ``argv`` (the first argument that is not an option), or None."""
    return next((a for a in argv if not a.startswith("-")), None)


def build_parser(command: str | None = None) -> Parser:
    """The parser; only ``command``'s module is imported and registers its arguments."""
    p = Parser(prog=PROG, description="Alat Zona Integritas (WBK/WBBM): hitung nilai LKE, rencana aksi, monev.",
               epilog=f"Bantuan satu perintah: {PROG} PERINTAH -h")
    p.add_argument("--versi-alat", action="version", version=f"{PROG} {__version__}",
                   help="tampilkan versi zi-xl lalu keluar")
    sub = p.add_subparsers(dest="perintah", metavar="PERINTAH", title="perintah", parser_class=Parser)
    sub.required = True
    for name, (module, bantuan) in COMMANDS.items():
        sp = sub.add_parser(name, help=bantuan, description=bantuan)
        if name == command:
            mod = importlib.import_module(module)
            mod.register(sp)
            sp.set_defaults(run=_periksa_dulu(mod.run))
    return p


def _periksa_dulu(run):
    """The command's ``run``, after the checks every command shares (``-o`` onto an existing file)."""
    def jalan(args) -> int:
        periksa_keluaran(args)
        return run(args)
    return jalan


def _unknown_command(word: str) -> int:
    near = difflib.get_close_matches(word, list(COMMANDS), n=1, cutoff=0.6)
    hint = f"; maksud Anda: {near[0]}?" if near else ""
    print(f"penggunaan: {PROG} PERINTAH ...\n{PROG}: galat: perintah '{word}' tidak dikenal{hint} "
          f"(perintah: {', '.join(COMMANDS)})", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    """Run ``zi-xl`` with ``argv`` (default: ``sys.argv[1:]``); returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    word = _command_in(argv)
    if word is not None and word not in COMMANDS:
        return _unknown_command(word)
    args = None
    try:
        with bahasa_indonesia(), warnings.catch_warnings():
            warnings.simplefilter("always", Pemberitahuan)
            warnings.showwarning = _perhatian(warnings.showwarning)
            args = build_parser(word).parse_args(argv)
            return int(args.run(args) or 0)
    except SystemExit as exc:  # argparse: -h, --versi-alat, usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except ZiError as err:
        if os.environ.get("ZI_XL_DEBUG") and err.__cause__ is not None:   # what a damaged part raised inside
            traceback.print_exception(err.__cause__, file=sys.stderr)
        print(f"GALAT: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 141
    except OSError as err:
        where = getattr(err, "filename", None) or getattr(args, "berkas", None)
        where = where if isinstance(where, str | os.PathLike) else None
        print(f"GALAT: {os.fspath(where) + ': ' if where else ''}{pesan_os(err)}", file=sys.stderr)
        return 3
    except Exception as exc:  # never a traceback: the one mapping of zi_xl.errors says what it means
        if os.environ.get("ZI_XL_DEBUG"):
            raise
        berkas = getattr(args, "berkas", None)
        err = galat_dari(exc, berkas if isinstance(berkas, str) else None)
        if not isinstance(exc, RUSAK):
            err.pesan = "kesalahan tak terduga di zi-xl"
        if not isinstance(exc, MemoryError):
            err.pesan += "; berkas tidak diubah (jalankan lagi dengan ZI_XL_DEBUG=1 untuk rincian, lalu laporkan)"
        print(f"GALAT: {err}", file=sys.stderr)
        return err.exit_code


def _perhatian(show):
    """``warnings.showwarning`` that gives a :class:`Pemberitahuan` to the user as ``PERHATIAN: …`` (without
    Python's file/line decoration) and every other warning to ``show``."""
    def showwarning(message, category, *a, **k):
        if issubclass(category, Pemberitahuan):
            print(f"PERHATIAN: {message}", file=sys.stderr)
        else:
            show(message, category, *a, **k)
    return showwarning


def _quiet_stdout() -> None:
    """The reader of our output went away (``| head``): send what is still buffered nowhere, silently."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
