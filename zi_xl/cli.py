"""Command line: ``zi-xl``. All user-facing text in Bahasa Indonesia; errors never show a traceback."""

from __future__ import annotations

import argparse
import sys

from .errors import ZiError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own messages stay, but exit code 2 and no traceback
        self.print_usage(sys.stderr)
        self.exit(2, f"zi-xl: galat: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="zi-xl", description="Alat Zona Integritas (WBK/WBBM): hitung nilai LKE, "
                "rencana aksi, monev.")
    p.add_argument("--versi-alat", action="version", version="zi-xl 0.1.0")
    sub = p.add_subparsers(dest="perintah", metavar="PERINTAH", parser_class=_Parser)
    sub.required = True
    from . import commands

    commands.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ZiError as err:
        print(f"GALAT: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    except (OSError, MemoryError) as err:
        print(f"GALAT: {getattr(err, 'filename', '') or ''} {err.strerror if hasattr(err, 'strerror') else err}",
              file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
