"""The shipped files of ``workbooks/`` and ``macros/`` are exactly what the code builds, on any day.

A build must never depend on the clock: the files are built under two different "today"s (time-machine moves every
clock Python code reads) and both builds must equal the committed files byte for byte
(``python tools/build_workbooks.py`` regenerates them)."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from tests.support import ROOT
from zi_xl.excel.bawaan import tulis_bawaan


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for d in ("workbooks", "macros") for p in sorted((root / d).iterdir())
            if p.suffix in (".xlsx", ".xlsm", ".bas", ".xml")}


@pytest.mark.parametrize("today", [datetime(2026, 11, 23, 8, 0), datetime(2031, 2, 28, 23, 59)])
def test_shipped_files_are_what_the_code_builds_on_any_day(tmp_path, today):
    with time_machine.travel(today, tick=False):
        written = tulis_bawaan(tmp_path)
    fresh, shipped = _files(tmp_path), _files(ROOT)
    assert len(written) == len(fresh) == 11
    assert sorted(fresh) == sorted(shipped)
    differ = [name for name in fresh if fresh[name] != shipped[name]]
    assert not differ, f"{differ} differ from what the code builds — run: python tools/build_workbooks.py"
