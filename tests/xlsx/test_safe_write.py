"""Safe writes: temp file → verify → backup → atomic replace; refusals; crashes at every step; a killed process;
read-only and full file systems (real tmpfs mounts)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.support import CORPUS, REF_LKE, ROOT
from tests.support.paket import compare
from tests.support.patch_helpers import cell_edits, log_rows, sheet_with_chart
from zi_xl.errors import GagalMenulis, ZiError
from zi_xl.xlsx.edits import SetCell
from zi_xl.xlsx.patch import PatchResult, read_cells, worksheet_parts
from zi_xl.xlsx.safe_write import PREFIX, clean_leftovers, verify, write_safely

STEPS = ["periksa", "tulis", "fsync", "verifikasi", "cadangan", "ganti"]


def _edits():
    return cell_edits("Sheet1") + [sheet_with_chart(), log_rows(1)]


@pytest.fixture
def book(tmp_path) -> Path:
    p = tmp_path / "unit.xlsm"
    shutil.copyfile(CORPUS / "button07.xlsm", p)     # a button, VBA and VML: nothing may be lost
    return p


def _leftovers(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.startswith(PREFIX) or n.endswith(".tmp"))


def test_in_place_keeps_backup_and_writes_edits(book):
    before = book.read_bytes()
    res = write_safely(book, _edits())
    assert res.berkas == str(book) and res.cadangan == str(book) + ".bak"
    assert Path(res.cadangan).read_bytes() == before
    assert read_cells(book, "Sheet1", ["AB1"])["AB1"] == (41.5, None)
    diff = compare(res.cadangan, book)
    assert diff.raw_copied("xl/vbaProject.bin") and diff.raw_copied("xl/drawings/vmlDrawing1.vml")
    assert _leftovers(book.parent) == []


def test_output_elsewhere_leaves_original_untouched(book, tmp_path):
    before, st = book.read_bytes(), book.stat()
    out = tmp_path / "keluar" / "hasil.xlsm"
    out.parent.mkdir()
    res = write_safely(book, _edits(), output=out)
    assert res.cadangan is None and res.berkas == str(out)
    assert book.read_bytes() == before and book.stat().st_mtime_ns == st.st_mtime_ns
    assert not Path(str(book) + ".bak").exists()
    assert read_cells(out, "Log", ["B2"])["B2"] == ("run 1", None)


def test_backup_folder_gets_timestamped_copies(book, tmp_path):
    folder = tmp_path / "cadangan"
    before = book.read_bytes()
    r1 = write_safely(book, [log_rows(1)], cadangan=folder)
    r2 = write_safely(book, [log_rows(2)], cadangan=folder)
    assert r1.cadangan != r2.cadangan and Path(r1.cadangan).parent == folder
    assert Path(r1.cadangan).read_bytes() == before
    assert read_cells(r2.cadangan, "Log", ["B2"])["B2"] == ("run 1", None)
    assert read_cells(book, "Log", ["B3"])["B3"] == ("run 2", None)


@pytest.mark.parametrize("owner", ["~$unit.xlsm", "~$it.xlsm", ".~lock.unit.xlsm#"])
def test_refuses_file_open_in_excel_or_libreoffice(book, owner):
    (book.parent / owner).write_bytes(b"owner")
    before = book.read_bytes()
    with pytest.raises(GagalMenulis) as ei:
        write_safely(book, _edits())
    assert "sedang dibuka" in str(ei.value) and str(book) in str(ei.value)
    assert book.read_bytes() == before and _leftovers(book.parent) == []


def test_refuses_read_only_file(book):
    before = book.read_bytes()
    book.chmod(0o444)
    with pytest.raises(GagalMenulis) as ei:
        write_safely(book, _edits())
    assert "hanya-baca" in str(ei.value)
    assert book.read_bytes() == before and _leftovers(book.parent) == []


def test_refuses_file_locked_by_another_process(book):
    code = ("import fcntl,sys,time; f=open(sys.argv[1],'r+b'); fcntl.lockf(f, fcntl.LOCK_EX); print('ok', flush=True);"
            " time.sleep(30)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(book)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ok"
        before = book.read_bytes()
        with pytest.raises(GagalMenulis) as ei:
            write_safely(book, _edits())
        assert "dikunci" in str(ei.value) and book.read_bytes() == before
    finally:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def _tmpfs(path: Path, size: str):
    path.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], check=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_read_only_folder_clear_message(tmp_path):
    with _tmpfs(tmp_path / "ro", "1m") as d:
        p = d / "lke.xlsx"
        shutil.copyfile(REF_LKE, p)
        p.chmod(0o644)
        subprocess.run(["mount", "-o", "remount,ro", str(d)], check=True)
        before = p.read_bytes()
        with pytest.raises(GagalMenulis) as ei:
            write_safely(p, [log_rows(1)])
        assert "tidak dapat ditulisi" in str(ei.value) and str(p) in str(ei.value)
        assert p.read_bytes() == before


@pytest.mark.parametrize("free_kb", [20, 120])   # temp file does not fit / backup does not fit
def test_full_disk_clear_message_original_intact(tmp_path, free_kb):
    with _tmpfs(tmp_path / "penuh", "400k") as d:
        p = d / "lke.xlsx"
        shutil.copyfile(REF_LKE, p)
        p.chmod(0o644)
        st = os.statvfs(d)
        fill = st.f_bavail * st.f_frsize - free_kb * 1024
        with open(d / "pengisi.bin", "wb") as fh:
            fh.write(b"\0" * max(fill, 0))
        before = p.read_bytes()
        with pytest.raises(GagalMenulis) as ei:
            write_safely(p, [sheet_with_chart(), log_rows(1)])
        assert "disk penuh" in str(ei.value) and str(p) in str(ei.value)
        assert p.read_bytes() == before
        assert sorted(os.listdir(d)) == ["lke.xlsx", "pengisi.bin"]          # no temp, no partial backup


@pytest.mark.parametrize("in_place", [True, False])
@pytest.mark.parametrize("step", STEPS)
def test_crash_after_every_step(book, tmp_path, step, in_place):
    before = book.read_bytes()
    out = None if in_place else tmp_path / "hasil.xlsm"
    if out is not None:
        out.write_bytes(b"versi lama")          # a previous output must stay whole too

    class Crash(Exception):
        pass

    def boom(name):
        if name == step:
            raise Crash(name)

    with pytest.raises(Crash):
        write_safely(book, _edits(), output=out, _langkah=boom)
    target = book if in_place else out
    if step == "ganti":            # after the atomic replace: the new file is complete
        assert read_cells(target, "Sheet1", ["AB1"])["AB1"] == (41.5, None)
        assert zipfile.ZipFile(target).testzip() is None
    else:
        assert target.read_bytes() == (before if in_place else b"versi lama")
    if not in_place:
        assert book.read_bytes() == before
    assert _leftovers(book.parent) == [] and _leftovers(tmp_path) == []


def test_failing_edit_leaves_nothing(book):
    before = book.read_bytes()
    with pytest.raises(ZiError) as ei:
        write_safely(book, [SetCell("Sheet1", "A1", 1), SetCell("Tidak Ada", "A1", 2)])
    assert "Tidak Ada" in str(ei.value)
    assert book.read_bytes() == before and _leftovers(book.parent) == []
    assert not Path(str(book) + ".bak").exists()


def test_original_changed_during_write_is_not_overwritten(book):
    def change(name):
        if name == "fsync":
            time.sleep(0.01)
            with open(book, "ab") as fh:
                fh.write(b"\0")

    with pytest.raises(GagalMenulis) as ei:
        write_safely(book, _edits(), _langkah=change)
    assert "berubah" in str(ei.value)
    assert book.read_bytes().endswith(b"\0") and _leftovers(book.parent) == []


def test_verification_detects_wrong_content(book):
    lap = PatchResult(expect={("Sheet1", "A1"): (99.0, None)})
    with pytest.raises(GagalMenulis) as ei:
        verify(str(book), lap)
    assert "verifikasi gagal" in str(ei.value) and "Sheet1!A1" in str(ei.value)
    broken = book.parent / "rusak.xlsm"
    data = bytearray(book.read_bytes())
    info = zipfile.ZipFile(book).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    mid = start + info.compress_size // 2
    data[mid:mid + 8] = bytes(b ^ 0x55 for b in data[mid:mid + 8])
    broken.write_bytes(bytes(data))
    with pytest.raises(GagalMenulis):
        verify(str(broken), PatchResult())


_CHILD = """
import sys, time
sys.path.insert(0, {root!r}); sys.path.insert(0, {tests!r})
from tests.support.patch_helpers import cell_edits, sheet_with_chart, log_rows
from zi_xl.xlsx.safe_write import write_safely
def hook(name):
    if name == {step!r}:
        print("SIAP", flush=True)
        time.sleep(60)
write_safely({path!r}, cell_edits("Sheet1") + [sheet_with_chart(), log_rows(1)], output={out!r}, _langkah=hook)
"""


@pytest.mark.parametrize("in_place", [True, False])
@pytest.mark.parametrize("step", ["tulis", "fsync", "verifikasi", "cadangan"])
def test_killed_mid_write(book, tmp_path, step, in_place):
    """SIGKILL while the temp file exists: the original (or previous output) is whole; the next run cleans up."""
    if step == "cadangan" and not in_place:
        step = "verifikasi"
    before = book.read_bytes()
    out = None if in_place else str(tmp_path / "hasil.xlsm")
    code = _CHILD.format(root=str(ROOT), tests=str(ROOT / "tests"), step=step, path=str(book), out=out)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "SIAP"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert book.read_bytes() == before
    if out:
        assert not Path(out).exists()
    left = _leftovers(book.parent)
    assert all(n.startswith(PREFIX) for n in left)    # only our recognisable temp file, never in the file's place
    clean_leftovers(str(book.parent))
    assert _leftovers(book.parent) == []


def test_killed_at_random_moments_cli(tmp_path):
    """`zi-xl hitung --tulis` killed at arbitrary moments: the workbook is always the old or a complete new one."""
    p = tmp_path / "lke.xlsx"
    shutil.copyfile(REF_LKE, p)
    p.chmod(0o644)
    before = p.read_bytes()
    outcomes = set()
    for delay in (0.05, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.2):
        proc = subprocess.Popen([sys.executable, "-m", "zi_xl", "hitung", str(p), "--tulis"], cwd=str(ROOT),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = p.read_bytes()
        if data == before:
            outcomes.add("lama")
        else:
            assert zipfile.ZipFile(p).testzip() is None
            assert "Riwayat" in worksheet_parts(p)
            outcomes.add("baru")
            before = data
        assert all(n.startswith(PREFIX) for n in _leftovers(tmp_path))
    assert outcomes   # at least one kind seen; every outcome was whole


def test_backups_are_numbered_never_overwritten(book):
    versions = [book.read_bytes()]
    for n in range(3):
        res = write_safely(book, [SetCell("Sheet1", "AB1", float(n))])
        versions.append(book.read_bytes())
        assert res.cadangan == str(book) + (".bak" if n == 0 else f".bak{n + 1}")
    assert [Path(str(book) + s).read_bytes() for s in (".bak", ".bak2", ".bak3")] == versions[:3]


def test_a_new_file_replaces_an_older_one_whole_or_not_at_all(tmp_path, monkeypatch):
    """Templates, recaps and reports go through berkas_baru: a failure half-way leaves the older file of that name
    as it was, and no temporary file behind."""
    from zi_xl.rencana_aksi.workbook import tulis_rencana_aksi
    from zi_xl.xlsx import safe_write

    out = tmp_path / "ra.xlsx"
    out.write_bytes(b"versi lama")
    tulis_rencana_aksi(out, None, tahun=2022, tanggal_acuan=None)
    assert out.read_bytes()[:2] == b"PK" and _leftovers(tmp_path) == []
    good = out.read_bytes()

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(safe_write.os, "replace", full_disk)
    with pytest.raises(GagalMenulis, match="workbook rencana aksi tidak dapat ditulis") as e:
        tulis_rencana_aksi(out, None, tahun=2022, tanggal_acuan=None)
    assert e.value.berkas == str(out) and "28" not in str(e.value).split("(")[0]
    assert out.read_bytes() == good and _leftovers(tmp_path) == []
