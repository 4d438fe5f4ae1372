"""Perbarui Status from Excel (zi_xl.excel.perbarui_status) on a real xlwings Book of the remote engine.

The button must write what ``zi-xl status BERKAS --per … --tulis -o OUT`` writes into a file: the test runs the
CLI, reads OUT back, and compares every cell the xlwings actions write with the CLI's file."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import zi_xl.excel as ze
from tests.support import REF_LKE
from tests.support.ra_helpers import WORKBOOKS, run_cli, write_layout
from tests.support.xlwings_payload import actions, remote_book, written_cells
from zi_xl.rencana_aksi.sheets import JUDUL_STATUS, JUDUL_TENGGAT, SHEET_RINGKASAN, WARNA
from zi_xl.xlsx.read import read_workbook
from zi_xl.xlsx.sheetxml import split_ref

PER = "2022-05-31"
CONTOH = WORKBOOKS / "rencana-aksi-contoh.xlsx"


def values_only(tmp_path):
    """The seed example as the remote engine sees it: its payload carries values, not formulas, so its live STATUS
    column looks like a static one (desktop Excel reads the formulas; the file path of the CLI too)."""
    import openpyxl

    p = tmp_path / "contoh-nilai.xlsx"
    openpyxl.load_workbook(CONTOH, data_only=True).save(p)
    return p


def _cli(path, tmp_path) -> tuple[dict, dict]:
    """(``status --json``, grids of the workbook written by ``status --tulis -o``)."""
    r = run_cli("status", path, "--per", PER, "--json")
    assert r.returncode == 0, r.stderr
    out = tmp_path / "cli.xlsx"
    w = run_cli("status", path, "--per", PER, "--tulis", "-o", out)
    assert w.returncode == 0, w.stderr
    return json.loads(r.stdout), read_workbook(out)


def _norm(v):
    """xlwings sends dates as ISO text, numbers as they are; the file reader gives datetimes."""
    if isinstance(v, dt.datetime):
        return v.date() if v.time() == dt.time() else v
    if isinstance(v, str) and len(v) >= 10 and v[:4].isdigit() and v[4] == "-":
        d = dt.datetime.fromisoformat(v)
        return d.date() if d.time() == dt.time() else d
    return v


def _fills(book) -> dict[tuple[str, str], str]:
    from openpyxl.utils import get_column_letter

    names = [s.name for s in book.sheets]
    out = {}
    for a in actions(book, "setRangeColor"):
        for i in range(a["row_count"]):
            for j in range(a["column_count"]):
                ref = f"{get_column_letter(a['start_column'] + j + 1)}{a['start_row'] + i + 1}"
                out[(names[a["sheet_position"]], ref)] = a["args"][0].upper().lstrip("#")
    return out


def assert_same_as_cli(book, cli_grids) -> dict:
    cells = written_cells(book)
    assert cells
    for (sheet, ref), v in cells.items():
        expect = cli_grids[sheet].value(*split_ref(ref))
        got = _norm(v)
        if isinstance(expect, float) or isinstance(got, float):
            assert got == pytest.approx(expect), (sheet, ref)
        else:
            assert got == (_norm(expect) if expect is not None else ""), (sheet, ref)
    return cells


@pytest.mark.parametrize("client", ["VBA", "Office.js"])
def test_seed_workbook_written_as_the_cli_writes_it(tmp_path, client):
    static = values_only(tmp_path)
    cli, grids = _cli(static, tmp_path)
    book = remote_book(static, client=client)
    ra = ze.perbarui_status(book, per=PER)
    assert ra is not None and len(ra) == len(cli["aksi"]) > 50
    cells = assert_same_as_cli(book, grids)
    # one status cell per action, coloured red/amber/green as the CLI colours them
    fills = _fills(book)
    heads = {v: ref for (s, ref), v in cells.items() if s == "Rencana Aksi" and isinstance(v, str)
             and v.startswith(JUDUL_STATUS)}
    ((head, head_ref),) = heads.items()
    assert head == f"{JUDUL_STATUS} (per 31/05/2022)"
    col = head_ref.rstrip("0123456789")
    for a in cli["aksi"]:
        assert cells[("Rencana Aksi", f"{col}{a['baris']}")] == a["status"]
        assert fills[("Rencana Aksi", f"{col}{a['baris']}")] == WARNA.get(a["status"], "FFFFFF")
    # the summary sheet replaces the template's one in place
    names = [s.name for s in book.sheets]
    assert actions(book, "addSheet") == []
    assert [a["sheet_position"] for a in actions(book, "sheetClear")] == [names.index(SHEET_RINGKASAN)]
    summary = {ref: v for (s, ref), v in cells.items() if s == SHEET_RINGKASAN}
    total = next(int(ref[1:]) for ref, v in summary.items() if v == "KESELURUHAN")
    assert summary[f"B{total}"] == cli["ringkasan"]["keseluruhan"]["jumlah"]
    if client == "Office.js":
        assert len(actions(book, "addChart")) == 1


def test_alert_summarises(tmp_path):
    static = values_only(tmp_path)
    cli, _ = _cli(static, tmp_path)
    book = remote_book(static)
    ze.perbarui_status(book, per=PER)
    (alert,) = actions(book, "alert")
    prompt, title, _, mode, _ = alert["args"]
    k = cli["ringkasan"]["keseluruhan"]
    assert title == "Zona Integritas — Perbarui Status" and mode == "info"
    assert prompt.startswith(f"Rencana aksi per 31/05/2022: {k['jumlah']} langkah aksi — {k['terlambat']} "
                             f"terlambat, {k['jatuh_tempo_bulan_ini']} jatuh tempo bulan ini, {k['selesai']} selesai")
    assert f"baris {cli['ringkasan']['terlambat'][0]['baris']}: " in prompt
    assert f"lihat sheet '{SHEET_RINGKASAN}'" in prompt


@pytest.mark.parametrize("notes", [False, True])
def test_other_layout_written_as_the_cli_writes_it(tmp_path, notes):
    cols = [("NO", "no"), ("KEGIATAN", "langkah_aksi"), ("OUTPUT", "bukti_fisik"), ("JADWAL", "target_waktu"),
            ("PIC", "pic"), ("REALISASI", "realisasi")]
    p = write_layout(tmp_path / "ra.xlsx", cols, notes=notes)
    cli, grids = _cli(p, tmp_path)
    book = remote_book(p)
    assert ze.perbarui_status(book, per=PER) is not None
    cells = assert_same_as_cli(book, grids)
    hr = 4 if notes else 1
    assert cells[("RA 2022", f"G{hr}")] == JUDUL_TENGGAT
    assert [a["args"][1] for a in actions(book, "addSheet")] == [SHEET_RINGKASAN]
    late = [a for a in cli["aksi"] if a["status"] == "Terlambat"]
    assert late and all(_fills(book)[("RA 2022", f"H{a['baris']}")] == WARNA["Terlambat"] for a in late)


def test_lke_workbook_gives_indonesian_message_box():
    book = remote_book(REF_LKE)
    assert ze.perbarui_status(book, per=PER) is None
    (alert,) = actions(book, "alert")
    prompt, _, _, mode, _ = alert["args"]
    assert mode == "critical" and prompt.startswith("Tidak dapat diproses: ") and "rencana aksi" in prompt
    assert len(actions(book)) == 1


def test_bad_date_is_a_message_box():
    book = remote_book(CONTOH)
    assert ze.perbarui_status(book, per="31-05-2022") is None
    (alert,) = actions(book, "alert")
    assert "TTTT-BB-HH" in alert["args"][0] and alert["args"][3] == "critical"
