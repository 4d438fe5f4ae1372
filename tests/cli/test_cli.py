"""The command line as a whole: Indonesian to the last word (argparse's own texts included), a suggestion for a
mistyped command, one meaning of ``-o`` for every command, a closed pipe that ends quietly, and a COMMANDS table
from which every command module is reachable (and loaded only when used)."""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys

import openpyxl
import pytest

from tests.support import REF_LKE, WORKBOOKS, run_cli, run_cli_proc
from zi_xl.cli import COMMANDS

ENGLISH = ("usage:", "error:", "invalid choice", "required", "unrecognized", "show this help", "options:",
           "positional arguments", "expected one argument", "argument ")


def _english(text: str) -> list[str]:
    return [w for w in ENGLISH if w in text]


# --------------------------------------------------------------------------------------------- Indonesian
def test_top_level_help_is_indonesian():
    r = run_cli("-h")
    assert r.returncode == 0
    assert r.stdout.startswith("penggunaan: zi-xl [-h] [--versi-alat] PERINTAH ...")
    assert "opsi:" in r.stdout and "tampilkan bantuan ini lalu keluar" in r.stdout
    for name, (_, bantuan) in COMMANDS.items():
        assert name in r.stdout and bantuan.split()[0] in r.stdout
    assert not _english(r.stdout)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_help_is_indonesian(command):
    r = run_cli(command, "-h")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"penggunaan: zi-xl {command} ")
    assert "opsi:" in r.stdout and "tampilkan bantuan ini lalu keluar" in r.stdout
    assert not _english(r.stdout), (command, _english(r.stdout))


@pytest.mark.parametrize("args,pesan", [
    (["hitung"], "zi-xl hitung: galat: argumen berikut wajib diisi: berkas"),
    (["hitung", "x.xlsx", "--versi", "2099"],
     "zi-xl hitung: galat: argumen --versi: pilihan tidak sah: '2099' (pilih salah satu: "),
    (["hitung", "x.xlsx", "y.xlsx"], "zi-xl: galat: argumen tidak dikenal: y.xlsx"),
    (["hitung", "x.xlsx", "--batas"], "zi-xl hitung: galat: argumen --batas: perlu satu nilai"),
    (["status", "x.xlsx", "--tahun", "duaribu"], "zi-xl status: galat: argumen --tahun: nilai int tidak sah"),
    (["templat", "lke"], "zi-xl templat: galat: argumen berikut wajib diisi: -o/--output"),
    ([], "zi-xl: galat: argumen berikut wajib diisi: PERINTAH"),
])
def test_usage_errors_are_indonesian(args, pesan):
    r = run_cli(*args)
    assert r.returncode == 2
    assert pesan in r.stderr, r.stderr
    assert "penggunaan: zi-xl" in r.stderr and not _english(r.stderr), r.stderr


@pytest.mark.parametrize("typo,saran", [("hitng", "hitung"), ("statsu", "status"), ("templates", "templat"),
                                        ("pasang-tombl", "pasang-tombol")])
def test_mistyped_command_gets_a_suggestion(typo, saran):
    r = run_cli(typo, "LKE.xlsx")
    assert r.returncode == 2
    assert f"perintah '{typo}' tidak dikenal; maksud Anda: {saran}?" in r.stderr
    assert not _english(r.stderr)


def test_unknown_command_without_a_near_one_lists_the_commands():
    r = run_cli("zzzz")
    assert r.returncode == 2 and "maksud Anda" not in r.stderr
    assert f"perintah 'zzzz' tidak dikenal (perintah: {', '.join(COMMANDS)})" in r.stderr
    assert list(COMMANDS)[:3] == ["hitung", "status", "templat"]


def test_argparse_speaks_english_again_outside_the_cli():
    """The Indonesian texts are swapped in only while zi-xl parses: other argparse users are not touched."""
    import argparse

    run_cli("-h")
    p = argparse.ArgumentParser(prog="lain")
    assert p.format_usage().startswith("usage: lain")


# --------------------------------------------------------------------------------------------- -o
def test_o_means_a_copy_with_the_results_for_every_command(tmp_path):
    lke = tmp_path / "lke.xlsx"
    shutil.copyfile(REF_LKE, lke)
    ra = tmp_path / "ra.xlsx"
    shutil.copyfile(WORKBOOKS / "rencana-aksi-contoh.xlsx", ra)
    before = {p: p.read_bytes() for p in (lke, ra)}
    r = run_cli("hitung", lke, "-o", tmp_path / "lke-hasil.xlsx")
    assert r.returncode == 0, r.stderr
    r = run_cli("status", ra, "-o", tmp_path / "ra-hasil.xlsx")
    assert r.returncode == 0, r.stderr
    assert {p: p.read_bytes() for p in (lke, ra)} == before          # the sources are untouched
    assert not list(tmp_path.glob("*.bak"))
    lke_out = openpyxl.load_workbook(tmp_path / "lke-hasil.xlsx", read_only=True).sheetnames
    ra_out = openpyxl.load_workbook(tmp_path / "ra-hasil.xlsx", read_only=True).sheetnames
    assert lke_out == openpyxl.load_workbook(lke, read_only=True).sheetnames + ["Hasil Hitung", "Riwayat"]
    assert ra_out == openpyxl.load_workbook(ra, read_only=True).sheetnames  # the summary sheet is replaced


@pytest.mark.parametrize("command", ["hitung", "status"])
def test_o_onto_the_source_is_refused(tmp_path, command):
    src = tmp_path / "x.xlsx"
    shutil.copyfile(REF_LKE if command == "hitung" else WORKBOOKS / "rencana-aksi-contoh.xlsx", src)
    before = src.read_bytes()
    r = run_cli(command, src, "-o", src)
    assert r.returncode == 3
    assert "sama dengan berkas masukan" in r.stderr and "--tulis" in r.stderr
    assert src.read_bytes() == before and not list(tmp_path.glob("*.bak"))


# --------------------------------------------------------------------------------------------- the process
def test_closed_pipe_ends_quietly():
    """``zi-xl … | head -1``: no traceback, no message when the reader goes away."""
    proc = subprocess.Popen([sys.executable, "-m", "zi_xl", "hitung", str(REF_LKE)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()                                            # like `head -1` exiting
    _, err = proc.communicate(timeout=120)
    assert err.decode() == "", err.decode()
    assert proc.returncode in (0, 141)


def test_entry_point_and_json_from_a_real_process():
    r = run_cli_proc("hitung", REF_LKE, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["nilai"]["total"] == pytest.approx(95.7095238095238)


def test_help_imports_no_command_module():
    code = ("import sys, contextlib, io\nfrom zi_xl.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    main(['-h'])\n"
            "print(sorted(m for m in sys.modules if m.startswith('zi_xl.') and m.count('.') > 1"
            " or m in ('pandas', 'openpyxl', 'xlwings')))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "['zi_xl.cli.options', 'zi_xl.cli.parser']"   # shared options, no command module


# --------------------------------------------------------------------------------------------- COMMANDS
@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_module_is_reachable_from_the_table(name):
    module, bantuan = COMMANDS[name]
    mod = importlib.import_module(module)
    assert callable(mod.register) and callable(mod.run)
    assert mod.BANTUAN == bantuan


def test_every_module_of_the_cli_package_is_a_command_or_shared():
    import zi_xl.cli as cli

    here = {p.stem for p in __import__("pathlib").Path(cli.__file__).parent.glob("*.py")} - {"__init__"}
    commands = {m.rsplit(".", 1)[1] for m, _ in COMMANDS.values()}
    assert here - commands == {"parser", "options", "cetak"}
