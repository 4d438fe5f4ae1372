"""Shared, built once per session: the example folder of ``zi-xl contoh`` (the seed's workbooks), the report built
from it by the CLI, and that report printed by LibreOffice."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.support import run_cli
from tests.support.cetak import cetak_dokumen


@pytest.fixture(scope="session")
def contoh(tmp_path_factory):
    folder = tmp_path_factory.mktemp("contoh")
    r = run_cli("contoh", folder)
    assert r.returncode == 0, r.stderr
    return folder


@pytest.fixture(scope="session")
def laporan_contoh(contoh, tmp_path_factory):
    out = tmp_path_factory.mktemp("laporan") / "LAPORAN.docx"
    r = run_cli("laporan", "--semester", "1", "--tahun", "2022", contoh, "-o", out)
    assert r.returncode == 0, r.stderr
    return SimpleNamespace(docx=out, hasil=r)


@pytest.fixture(scope="session")
def cetakan_contoh(laporan_contoh, tmp_path_factory):
    return cetak_dokumen(laporan_contoh.docx, tmp_path_factory.mktemp("cetak"))
