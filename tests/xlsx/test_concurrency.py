"""Writers on one workbook are serialised: the lock is taken before the read (Book.open) and the write checks, under
it, that the file is still what was read. N concurrent ``hitung --tulis`` on one file: every run that reports
success has its Riwayat row in the file (no lost update); a second writer waits for the first, or is refused with a
clear Indonesian message when it waited too long; a killed holder never leaves the workbook locked."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.support import REF_LKE, ROOT
from tests.support.patch_helpers import log_rows
from zi_xl.errors import GagalMenulis
from zi_xl.xlsx.book import Book
from zi_xl.xlsx.read import check_workbook_file, read_workbook
from zi_xl.xlsx.safe_write import write_safely

N = 6


@pytest.fixture
def lke(tmp_path) -> Path:
    p = tmp_path / "lke.xlsx"
    shutil.copyfile(REF_LKE, p)
    p.chmod(0o644)
    return p


def _env(**extra) -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def _riwayat_rows(path: Path) -> int:
    grids = read_workbook(path)
    if "Riwayat" not in grids:
        return 0
    return len(grids["Riwayat"].rows(start=2))


def _folder(path: Path) -> list[str]:
    return sorted(n for n in os.listdir(path.parent) if not re.search(r"\.bak\d*$", n))     # numbered backups


def test_concurrent_hitung_tulis_never_loses_a_row(lke):
    procs = [subprocess.Popen([sys.executable, "-m", "zi_xl", "hitung", str(lke), "--tulis"], cwd=str(ROOT),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(ZI_XL_TUNGGU="600"))
             for _ in range(N)]
    results = [(p.wait(timeout=900), p.stdout.read(), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    successes = sum(1 for code, _, _ in results if code == 0)
    assert successes == _riwayat_rows(lke)                 # every success is a row in the file
    for code, _, err in results:
        assert "Traceback" not in err
        if code != 0:
            assert code == 3 and "GALAT" in err and str(lke) in err, err
    assert successes == N, [e for c, _, e in results if c]  # the second waits for the first: all succeed
    assert _folder(lke) == ["lke.xlsx"]                     # no temp file, no lock file in the user's folder
    backups = [n for n in os.listdir(lke.parent) if re.search(r"\.bak\d*$", n)]
    assert len(backups) == N                                # one backup per write, none overwritten


def test_a_writer_waits_for_the_book_that_holds_the_file_then_reads_its_result(lke):
    book = Book.open(lke)
    proc = subprocess.Popen([sys.executable, "-m", "zi_xl", "hitung", str(lke), "--tulis"], cwd=str(ROOT),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_env(ZI_XL_TUNGGU="600"))
    try:
        time.sleep(2.0)
        assert proc.poll() is None                          # still waiting for our lock
        book.apply([log_rows(1)])                           # we write first, then let go
        book.close()
        assert proc.wait(timeout=600) == 0, proc.stderr.read()
    finally:
        proc.kill()
        proc.wait()
        proc.stderr.close()
    grids = read_workbook(lke)
    assert grids["Log"].value(2, 2) == "run 1" and len(grids["Riwayat"].rows(start=2)) == 1   # both results kept


def test_a_writer_that_waited_too_long_is_refused_clearly(lke):
    before = lke.read_bytes()
    with Book.open(lke):
        r = subprocess.run([sys.executable, "-m", "zi_xl", "hitung", str(lke), "--tulis"], cwd=str(ROOT),
                           capture_output=True, text=True, env=_env(ZI_XL_TUNGGU="1"), timeout=300)
    assert r.returncode == 3, r.stderr
    assert f"GALAT: {lke}: berkas sedang diproses oleh zi-xl lain (proses {os.getpid()})" in r.stderr
    assert "Traceback" not in r.stderr
    assert lke.read_bytes() == before and _folder(lke) == ["lke.xlsx"]
    r = subprocess.run([sys.executable, "-m", "zi_xl", "hitung", str(lke), "--tulis"], cwd=str(ROOT),
                       capture_output=True, text=True, env=_env(ZI_XL_TUNGGU="60"), timeout=300)
    assert r.returncode == 0, r.stderr                      # once the holder is done, the same command works


def test_a_killed_holder_leaves_no_lock(lke):
    code = ("import sys, time; sys.path.insert(0, sys.argv[2]); from zi_xl.xlsx.book import Book; "
            "b = Book.open(sys.argv[1]); print('SIAP', flush=True); time.sleep(120)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(lke), str(ROOT)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "SIAP"
        with pytest.raises(GagalMenulis, match="sedang diproses"):
            Book.open(lke, tunggu=0.5)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        t = time.monotonic()
        with Book.open(lke, tunggu=10) as book:             # the system released it with the process
            assert time.monotonic() - t < 5
            book.apply([log_rows(1)])
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()


def test_threads_writing_the_same_snapshot_one_wins_none_is_lost(lke):
    """Two writers in one process from the same read: the check and the replace are one step, so one succeeds and
    the other is refused — never two successes with one result gone."""
    snap = check_workbook_file(lke)
    outcome: list[str] = []
    start = threading.Barrier(2)

    def writer(n: int) -> None:
        start.wait()
        try:
            write_safely(snap, [log_rows(n)])
            outcome.append("ok")
        except GagalMenulis as err:
            assert "berubah sejak dibaca" in str(err) and str(lke) in str(err)
            outcome.append("ditolak")

    threads = [threading.Thread(target=writer, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcome) == ["ditolak", "ok"]
    assert len(read_workbook(lke)["Log"].rows(start=2)) == 1
