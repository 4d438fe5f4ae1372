"""Nothing is overwritten without the user asking: ``-o`` onto an existing file is refused (exit 2, the file
untouched) unless ``--timpa`` is given — for every command that writes a file (issue "Results a user can act on",
item 6)."""

from __future__ import annotations

import shutil

import pytest

from tests.support import REF_LKE, WORKBOOKS, run_cli
from tests.support.jawaban import tulis_jawaban
from tests.support.lke_answers import varied_answers
from zi_xl.cli import COMMANDS, build_parser
from zi_xl.lke.rules import load_rules

LAMA = b"isi lama yang tidak boleh hilang"

#: command → arguments before "-o OUT" (``{d}`` is a folder with copies of the inputs), and the output's suffix
PANGGILAN = {
    "hitung": (["{d}/lke.xlsx"], ".xlsx"),
    "status": (["{d}/ra.xlsx"], ".xlsx"),
    "templat": (["lke"], ".xlsx"),
    "pasang-tombol": (["{d}/ra.xlsx"], ".xlsm"),
    "monev": (["perbarui", "{d}/monev.xlsx", "--bulan", "2022-07"], ".xlsx"),
    "banding": (["{d}/lke-tpi.xlsx"], ".xlsx"),
    "simulasi": (["{d}/lke.xlsx"], ".xlsx"),
    "rekap": (["{d}/lke.xlsx"], ".xlsx"),
    "laporan": (["--semester", "1", "--tahun", "2022", "--lke", "{d}/lke.xlsx", "--rencana-aksi", "{d}/ra.xlsx",
                 "--monev", "{d}/monev.xlsx"], ".docx"),
}


def _siapkan(d):
    shutil.copyfile(REF_LKE, d / "lke.xlsx")
    shutil.copyfile(WORKBOOKS / "rencana-aksi-contoh.xlsx", d / "ra.xlsx")
    shutil.copyfile(WORKBOOKS / "monev-contoh.xlsx", d / "monev.xlsx")
    rules = load_rules("2026")                  # an LKE with unit and TPI answers, for banding
    tulis_jawaban(d / "lke-tpi.xlsx", varied_answers(rules, 31), varied_answers(rules, 32))
    for p in d.iterdir():
        p.chmod(0o644)


def _opsi(command: str) -> set[str]:
    """Every option string of ``command`` (and of its sub-commands)."""
    p = build_parser(command)
    sub = next(a for a in p._actions if a.dest == "perintah").choices[command]
    out = set()
    todo = [sub]
    while todo:
        q = todo.pop()
        for a in q._actions:
            out |= set(a.option_strings)
            if getattr(a, "choices", None) and isinstance(a.choices, dict):
                todo += [c for c in a.choices.values() if hasattr(c, "_actions")]
    return out


def test_every_command_that_writes_a_file_is_covered():
    writes = {c for c in COMMANDS if "--output" in _opsi(c) and c != "portalrb"}   # portalrb -o is a folder
    assert writes <= set(PANGGILAN), writes - set(PANGGILAN)
    assert all("--timpa" in _opsi(c) for c in writes)


@pytest.mark.parametrize("command", list(PANGGILAN))
def test_output_onto_an_existing_file_needs_timpa(tmp_path, command):
    _siapkan(tmp_path)
    args, suffix = PANGGILAN[command]
    args = [a.format(d=tmp_path) for a in args]
    out = tmp_path / f"keluaran{suffix}"
    out.write_bytes(LAMA)
    r = run_cli(command, *args, "-o", out)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "sudah ada" in r.stderr and "--timpa" in r.stderr and str(out) in r.stderr
    assert out.read_bytes() == LAMA
    r = run_cli(command, *args, "-o", out, "--timpa")
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() != LAMA and out.read_bytes()[:2] == b"PK"


def test_pasang_tombol_default_output_is_not_replaced_either(tmp_path):
    _siapkan(tmp_path)
    xlsm = tmp_path / "ra.xlsm"
    xlsm.write_bytes(LAMA)
    r = run_cli("pasang-tombol", tmp_path / "ra.xlsx")
    assert r.returncode == 2 and "sudah ada" in r.stderr and xlsm.read_bytes() == LAMA
    assert run_cli("pasang-tombol", tmp_path / "ra.xlsx", "--timpa").returncode == 0
    assert xlsm.read_bytes()[:2] == b"PK"


def test_a_folder_in_the_way_is_named(tmp_path):
    _siapkan(tmp_path)
    (tmp_path / "x.xlsx").mkdir()
    r = run_cli("hitung", tmp_path / "lke.xlsx", "-o", tmp_path / "x.xlsx")
    assert r.returncode == 2 and "sudah ada sebagai folder" in r.stderr
