"""A fuzz of option values: every option of every command, given values a user might mistype (empty, a word for a
number, a negative or huge number, an impossible date, NaN, a missing path, a folder, a workbook where a JSON file is
expected …), ends in an Indonesian message or a normal run — never a traceback, never "kesalahan tak terduga", never
raw Python text or argparse's English — and the input workbooks are left as they were (issue "Results a user can act
on", item 6). Runs in-process (``main``) so that several hundred runs stay quick."""

from __future__ import annotations

import argparse
import re
import shutil

import pytest

from tests.cli.test_timpa import PANGGILAN, _siapkan
from zi_xl.cli import COMMANDS, build_parser, main

#: the values tried for every option that takes one (``{d}``: the folder with the inputs)
NILAI = ["", " ", "bukan", "-1", "0", "99999999", "2022-13-45", "NaN", "{d}/tidak-ada/x.xlsx", "{d}", "{d}/lke.xlsx"]
#: free text that any value is valid for (a name, NIP, place …): only the empty and a plain word are tried
TEKS_BEBAS = {"--unit", "--nama", "--nip", "--jabatan", "--tempat", "--nama-unit", "--unit-id"}
#: command (with sub-command) → arguments before the option under test
DASAR = {k: v[0] for k, v in PANGGILAN.items() if k != "monev"} | {
    "monev perbarui": PANGGILAN["monev"][0][1:],
    "monev status": ["{d}/monev.xlsx"],
    "portalrb": ["{d}/lke.xlsx"],
    "contoh": [],
}
#: what must never reach a user
MENTAH = re.compile(r"Traceback|kesalahan tak terduga|\b[A-Z]\w*(Error|Exception)\b|\busage:|\berror:|invalid choice"
                    r"|expected one argument|unrecognized arguments|\bNone\b|\bnan\b")


def _perintah() -> dict[str, argparse.ArgumentParser]:
    out = {}
    for c in COMMANDS:
        sub = next(a for a in build_parser(c)._actions if a.dest == "perintah").choices[c]
        subsub = [a for a in sub._actions if isinstance(a, argparse._SubParsersAction)]
        if subsub:
            out |= {f"{c} {n}": q for n, q in subsub[0].choices.items()}
        else:
            out[c] = sub
    return out


def _kasus():
    for nama, p in _perintah().items():
        for a in p._actions:
            if a.nargs == 0 or isinstance(a, argparse._HelpAction) or not a.option_strings:
                continue
            opsi = a.option_strings[-1]
            if a.choices is not None:
                nilai = ["", "bukan"]
            elif opsi in TEKS_BEBAS:
                nilai = ["", "bukan"]
            elif a.type is int:
                nilai = ["", "bukan", "-1", "0", "99999999"]
            else:
                nilai = NILAI
            yield pytest.param(nama, opsi, nilai, id=f"{nama.replace(' ', '-')}{opsi}")


def test_every_command_is_fuzzed():
    assert {n.split()[0] for n in _perintah()} == set(COMMANDS)
    assert set(_perintah()) <= set(DASAR) | {"monev"}, set(_perintah()) - set(DASAR)
    assert len(list(_kasus())) >= 75


@pytest.fixture(scope="module")
def masukan(tmp_path_factory):
    d = tmp_path_factory.mktemp("masukan")
    _siapkan(d)
    return d, {p.name: p.read_bytes() for p in d.iterdir() if p.is_file()}


@pytest.mark.parametrize(("nama", "opsi", "nilai"), list(_kasus()))
def test_every_option_value_gets_an_indonesian_answer(masukan, tmp_path, capsys, monkeypatch, nama, opsi, nilai):
    d, isi = masukan
    monkeypatch.chdir(tmp_path)                       # default outputs (contoh-zi/, BERKAS.xlsm …) land here
    monkeypatch.delenv("ZI_XL_DEBUG", raising=False)
    runs = {v: [*nama.split(), *(a.format(d=d) for a in DASAR[nama]), opsi, v.format(d=d)] for v in nilai}
    gagal = _jalankan(runs, nama, tmp_path, capsys, with_output=opsi not in ("-o", "--output"))
    assert not gagal, gagal
    assert {p.name: p.read_bytes() for p in d.iterdir() if p.name in isi} == isi     # inputs never changed


#: arguments (not paths) a command needs besides its positional one
SYARAT = {"laporan": ["--semester", "1", "--tahun", "2022"], "monev perbarui": ["--bulan", "2022-07"]}
#: the positional values: nothing, a word, a missing file, a folder, each kind of workbook (the wrong one for most)
POSISI = ["", "bukan", "{d}/tidak-ada/x.xlsx", "{d}", "{d}/lke.xlsx", "{d}/ra.xlsx", "{d}/monev.xlsx",
          "{d}/lke-tpi.xlsx"]


@pytest.mark.parametrize("nama", sorted(set(DASAR) - {"templat"}))
def test_every_positional_value_gets_an_indonesian_answer(masukan, tmp_path, capsys, monkeypatch, nama):
    d = tmp_path / "masukan"             # a copy: a folder given to "monev perbarui" is updated in place, by design
    shutil.copytree(masukan[0], d)
    isi = {p.name: p.read_bytes() for p in d.iterdir() if p.is_file()}
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ZI_XL_DEBUG", raising=False)
    runs = {v: [*nama.split(), v.format(d=d), *SYARAT.get(nama, [])] for v in POSISI}
    gagal = _jalankan(runs, nama, tmp_path, capsys, with_output=True)
    assert not gagal, gagal
    if nama != "monev perbarui":
        assert {p.name: p.read_bytes() for p in d.iterdir() if p.name in isi} == isi


def _jalankan(runs: dict[str, list[str]], nama: str, tmp_path, capsys, with_output: bool) -> list[tuple]:
    """Run each value's argv in process (with a fresh ``-o`` where the command writes one); the values whose run
    showed raw Python/English text, or failed without a GALAT line."""
    gagal = []
    for i, (v, argv) in enumerate(runs.items()):
        if with_output and "--output" in _opsi_dari(nama):
            argv = [*argv, "-o", str(tmp_path / f"keluar-{i}{_akhiran(nama)}")]
        rc = main(argv)
        out, err = capsys.readouterr()
        if MENTAH.search(err) or MENTAH.search(out):
            gagal.append((v, rc, err[-600:] or out[-600:]))
        elif rc not in (0, 1) and "galat" not in err.lower():
            gagal.append((v, rc, "keluar gagal tanpa pesan GALAT: " + err[-600:]))
    return gagal


def _opsi_dari(nama: str) -> set[str]:
    return {s for a in _perintah()[nama]._actions for s in a.option_strings}


def _akhiran(nama: str) -> str:
    if nama == "portalrb":
        return ""                                     # -o is a folder
    return PANGGILAN.get(nama.split()[0], (None, ".xlsx"))[1]
