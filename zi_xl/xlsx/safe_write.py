"""Safe writes into a user's workbook: temp file → verify → backup → atomic replace.

:func:`write_safely` never opens the user's file for writing. It writes the patched workbook to a temporary file in
the same folder, re-opens it and checks every edited cell, copies the original to a backup (``NAME.bak`` beside
it, then ``NAME.bak2``, ``NAME.bak3`` … — never overwritten —, or a folder of timestamped copies), and only then
swaps the new file in with :func:`os.replace` (atomic on one file system). With ``output=`` the original is not
touched at all. A crash at any moment leaves the original (or the previous output) in place; a leftover temporary
file ``.~zi-xl-PID-*.tmp`` of a dead process is removed by the next run.

The source is a :class:`~zi_xl.xlsx.read.Snapshot` — the very bytes that were read and scored. The patch is made from
those bytes, and the file on disk must still be those bytes when it is replaced: a save made in between (in Excel,
by another run) is refused, never overwritten. That check and the replace are one step under the workbook's lock
(:mod:`zi_xl.xlsx.kunci`, taken by :meth:`~zi_xl.xlsx.book.Book.open` before the read): another zi-xl waits for
it, so two runs never both report success with one result lost. The written file is verified in the workbook's own
date system (1900 or 1904), and every message names the user's file, never the temporary one.

Refused, with an Indonesian message: a file open in Excel (``~$NAME`` owner file) or LibreOffice
(``.~lock.NAME#``), a file that cannot be opened for writing (read-only, locked), a read-only folder; a full disk
ends with a message and the original intact.

Example::

    hasil = write_safely("LKE.xlsx", edits)                  # LKE.xlsx patched, LKE.xlsx.bak kept
    hasil = write_safely("LKE.xlsx", edits, output="x.xlsx") # LKE.xlsx untouched

Commands and buttons reach it through :meth:`zi_xl.xlsx.book.Book.apply`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import glob
import math
import os
import shutil
import stat
import tempfile
import zipfile
import zlib

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..errors import GagalMenulis, ZiError, pada_berkas, pesan_os
from .edits import Edit
from .kunci import Kunci, bagian_kritis
from .patch import PatchResult, apply_edits, read_cells
from .read import Snapshot, check_workbook_file, sidik_berkas
from .sheetxml import serial

PREFIX = ".~zi-xl-"


@dataclass
class WriteResult:
    berkas: str                   # the file written
    cadangan: str | None          # backup of the original (in-place writes)
    patch: PatchResult


def _owner_files(path: str) -> list[str]:
    d, n = os.path.split(os.path.abspath(path))
    cands = [os.path.join(d, "~$" + n), os.path.join(d, "~$" + n[2:]) if len(n) > 2 else None,
             os.path.join(d, ".~lock." + n + "#")]
    return [c for c in cands if c and os.path.exists(c)]


def check_writable(path: str) -> None:
    """Refuse when the file is open in Excel/LibreOffice, locked, read-only, or its folder is read-only."""
    own = _owner_files(path)
    if own:
        raise GagalMenulis("berkas sedang dibuka di Excel/LibreOffice (ada berkas penanda "
                           f"{os.path.basename(own[0])}); tutup berkas itu dahulu lalu ulangi", berkas=path)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise GagalMenulis(f"folder {folder} tidak dapat ditulisi (hanya-baca atau tanpa izin)", berkas=path)
    if os.path.exists(path):
        if not os.access(path, os.W_OK) or not os.stat(path).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise GagalMenulis("berkas hanya-baca (read-only); ubah atributnya atau pakai -o BERKAS_LAIN",
                               berkas=path)
        try:
            fh = open(path, "r+b")  # noqa: SIM115 — only to see whether another program holds it
        except PermissionError:
            raise GagalMenulis("berkas terkunci oleh program lain (mungkin sedang dibuka di Excel); tutup lalu "
                               "ulangi", berkas=path) from None
        try:
            try:
                if fcntl is not None:  # Windows: open() above already failed for a file held by Excel
                    fcntl.lockf(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    fcntl.lockf(fh.fileno(), fcntl.LOCK_UN)
            except OSError:
                raise GagalMenulis("berkas sedang dikunci oleh program lain; tutup lalu ulangi",
                                   berkas=path) from None
        finally:
            fh.close()


_IN_USE: set[str] = set()       # temporary files this process is writing now (other threads must not clean them)


def temp_file(folder: str) -> tuple[int, str]:
    """A new temporary file ``.~zi-xl-PID-*.tmp`` in ``folder`` (fd, path), known to :func:`clean_leftovers` as in
    use until :func:`temp_done`."""
    fd, path = tempfile.mkstemp(prefix=f"{PREFIX}{os.getpid()}-", suffix=".tmp", dir=folder)
    _IN_USE.add(os.path.abspath(path))
    return fd, path


def temp_done(path: str) -> None:
    """Forget a temporary file (renamed into place, or to be removed) and remove it when it is still there."""
    _IN_USE.discard(os.path.abspath(path))
    if os.path.exists(path):
        try:
            os.remove(path)
        except OSError:
            pass


@contextlib.contextmanager
def berkas_baru(path: str | os.PathLike, apa: str = "berkas") -> Iterator[str]:
    """Write a new file (a template, a recap, a report) through a temporary file in its folder: yields the temporary
    path to write to; on success it replaces ``path`` in one step, on any failure ``path`` is as it was (an older file
    of that name kept whole) and the temporary file is gone. ``apa`` names the file in the message ("laporan")."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise GagalMenulis("folder tujuan tidak ada", berkas=path)
    check_writable(path)
    try:
        fd, tmp = temp_file(folder)
        os.close(fd)
    except OSError as exc:
        raise _oserror(exc, path) from None
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        raise GagalMenulis(f"{apa} tidak dapat ditulis ({pesan_os(exc)})", berkas=path) from None
    finally:
        temp_done(tmp)


def simpan_baru(path: str | os.PathLike, data: bytes, apa: str = "berkas") -> str:
    """Write ``data`` as a new file at ``path`` through :func:`berkas_baru` (synced to disk before it replaces
    anything); returns the path."""
    with berkas_baru(path, apa) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    return os.fspath(path)


def clean_leftovers(folder: str) -> list[str]:
    """Remove temporary files left by a crashed run (their process is gone; or an earlier process with our id)."""
    removed = []
    for p in glob.glob(os.path.join(glob.escape(folder), PREFIX + "*.tmp")):
        if os.path.abspath(p) in _IN_USE:
            continue
        try:
            pid = int(os.path.basename(p)[len(PREFIX):].split("-", 1)[0])
        except ValueError:
            continue
        if pid != os.getpid() and _alive(pid):
            continue
        try:
            os.remove(p)
            removed.append(p)
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _same(a, b, date1904: bool = False) -> bool:
    # the reader gives dates as dates, in the workbook's own date system; the patch expects serials of that system
    a, b = (serial(x, date1904) if isinstance(x, dt.date) else x for x in (a, b))
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-9)
    return a == b


def verify(path: str, laporan: PatchResult, berkas: str | None = None) -> None:
    """Re-open the written file ``path``: every zip entry's CRC, the package checks (no DTD anywhere), and every
    edited cell, read back in the workbook's date system. Messages name ``berkas`` — the user's file — never the
    temporary file that is being checked."""
    nama = berkas or path
    try:
        with zipfile.ZipFile(path) as zf:
            bad = zf.testzip()
    except (zipfile.BadZipFile, zlib.error, EOFError, UnicodeError, OSError):
        raise GagalMenulis("hasil tulis tidak valid (zip rusak); berkas asli tidak diubah", berkas=nama) from None
    if bad is not None:
        raise GagalMenulis(f"hasil tulis rusak di bagian {bad}; berkas asli tidak diubah", berkas=nama)
    try:
        snap = check_workbook_file(path)
    except ZiError as err:
        raise GagalMenulis(f"hasil tulis tidak valid ({err.pesan}); berkas asli tidak diubah", berkas=nama) from None
    by_sheet: dict[str, list[tuple[str, tuple]]] = {}
    for (sheet, ref), exp in laporan.expect.items():
        by_sheet.setdefault(sheet, []).append((ref, exp))
    for sheet, items in by_sheet.items():
        try:
            got = read_cells(snap, sheet, [r for r, _ in items])
        except ZiError as err:
            raise GagalMenulis(f"verifikasi gagal: {err.pesan}; berkas asli tidak diubah", berkas=nama,
                               sheet=sheet) from None
        for ref, (val, formula) in items:
            gv, gf = got[ref]
            if formula is not None:
                want_f = formula if formula.startswith("=") else "=" + formula
                if gf != want_f or (val is not None and not _same(gv, val, laporan.date1904)):
                    raise GagalMenulis(f"verifikasi gagal: rumus tertulis {gf!r} bukan {want_f!r}; berkas asli "
                                       "tidak diubah", berkas=nama, sheet=sheet, sel=ref)
            elif not _same(gv, val, laporan.date1904) and not (val == "" and gv is None):
                raise GagalMenulis(f"verifikasi gagal: terbaca {gv!r}, seharusnya {val!r}; berkas asli tidak diubah",
                                   berkas=nama, sheet=sheet, sel=ref)


def _oserror(exc: OSError, path: str) -> GagalMenulis:
    if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", -1):
        return GagalMenulis("disk penuh: hasil tidak dapat ditulis; berkas asli tidak diubah", berkas=path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return GagalMenulis("tidak ada izin menulis (berkas/folder hanya-baca); berkas asli tidak diubah",
                            berkas=path)
    return GagalMenulis(f"gagal menulis ({pesan_os(exc)}); berkas asli tidak diubah", berkas=path)


def _backup_path(src: str, cadangan: str | None) -> str:
    """Where the original goes: ``NAME.bak``, or ``NAME.bak2``, ``NAME.bak3`` … when earlier backups exist (the first
    backup — the true original — is never overwritten); in ``cadangan``: ``NAME.YYYYmmdd-HHMMSS.xlsx``."""
    if not cadangan:
        p, n = src + ".bak", 1
        while os.path.exists(p):
            n += 1
            p = f"{src}.bak{n}"
        return p
    os.makedirs(cadangan, exist_ok=True)
    stem, ext = os.path.splitext(os.path.basename(src))
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    p = os.path.join(cadangan, f"{stem}.{stamp}{ext}")
    n = 1
    while os.path.exists(p):
        n += 1
        p = os.path.join(cadangan, f"{stem}.{stamp}-{n}{ext}")
    return p


def write_safely(source: Snapshot | str | os.PathLike, edits: list[Edit], output: str | os.PathLike | None = None,
                 cadangan: str | os.PathLike | None = None, kunci: Kunci | None = None,
                 _langkah: Callable[[str], None] | None = None) -> WriteResult:
    """Apply ``edits`` to the workbook ``source`` (a snapshot, or a path read now) safely (see the module text).
    ``output``: write there instead and leave the source untouched. ``cadangan``: folder for timestamped backups
    (default ``berkas + ".bak"``). ``kunci``: the workbook's lock taken before the snapshot was read
    (:meth:`zi_xl.xlsx.book.Book.open`); without it an in-place write takes the lock itself, and either way the file
    is replaced only while it is still the snapshot's bytes. ``_langkah`` is called after each step (tests use it
    to simulate crashes)."""
    step = _langkah or (lambda _name: None)
    snap = source if isinstance(source, Snapshot) else check_workbook_file(source)
    src = snap.berkas
    target = os.fspath(output) if output is not None else src
    in_place = output is None
    if not in_place and (os.path.abspath(target) == os.path.abspath(src)
                         or (os.path.exists(target) and os.path.samefile(src, target))):
        raise GagalMenulis("berkas keluaran sama dengan berkas masukan; untuk menulis ke workbook ini sendiri "
                           "pakai --tulis (berkas asli disimpan sebagai cadangan)", berkas=target)
    if os.path.isdir(target):
        raise GagalMenulis("keluaran adalah folder, bukan berkas", berkas=target)
    if in_place:
        check_writable(src)
    else:
        if _owner_files(target):
            raise GagalMenulis("berkas keluaran sedang dibuka di Excel/LibreOffice; tutup dahulu", berkas=target)
        check_writable(target)
    held = kunci is not None and kunci.dipegang and kunci.key == Kunci(src).key
    own = Kunci(src) if in_place and not held else None
    if own is not None:
        own.ambil()              # waits while another zi-xl holds the file; re-entrant within this process
    try:
        return _write(snap, edits, target, in_place, os.fspath(cadangan) if cadangan else None, step)
    finally:
        if own is not None:
            own.lepas()


def _write(snap: Snapshot, edits: list[Edit], target: str, in_place: bool, cadangan: str | None,
           step: Callable[[str], None]) -> WriteResult:
    src = snap.berkas
    folder = os.path.dirname(os.path.abspath(target))
    clean_leftovers(folder)
    step("periksa")
    tmp = None
    try:
        fd, tmp = temp_file(folder)
        with os.fdopen(fd, "wb") as fh, pada_berkas(src, ganti=tmp):
            laporan = apply_edits(snap, edits, fh)
            step("tulis")
            fh.flush()
            os.fsync(fh.fileno())
        step("fsync")
        verify(tmp, laporan, berkas=target)
        step("verifikasi")
        with bagian_kritis(src):
            if in_place and sidik_berkas(src) != snap.sidik:
                raise GagalMenulis("berkas asli berubah sejak dibaca (disimpan di Excel atau oleh program lain?); "
                                   "tidak ditimpa — jalankan lagi agar hasil dihitung dari isi terbaru", berkas=src)
            bak = _backup(src, cadangan, folder) if in_place else None
            step("cadangan")
            mode = stat.S_IMODE(os.stat(target).st_mode) if os.path.exists(target) else 0o666 & ~_umask()
            os.chmod(tmp, mode | stat.S_IWUSR)
            os.replace(tmp, target)
            temp_done(tmp)
            tmp = None
        step("ganti")
        _fsync_dir(folder)
        return WriteResult(target, bak, laporan)
    except OSError as exc:
        raise _oserror(exc, target) from None
    finally:
        if tmp is not None:
            temp_done(tmp)


def _backup(src: str, cadangan: str | None, folder: str) -> str:
    """Copy the original to its backup (atomically: a temporary copy renamed); returns the backup's path."""
    bak = _backup_path(src, cadangan)
    bak_dir = os.path.dirname(os.path.abspath(bak))
    if bak_dir != folder:
        clean_leftovers(bak_dir)
    bfd, bak_tmp = temp_file(bak_dir)
    os.close(bfd)
    try:
        shutil.copy2(src, bak_tmp)
        os.replace(bak_tmp, bak)
    finally:
        temp_done(bak_tmp)
    return bak


def _umask() -> int:
    m = os.umask(0)
    os.umask(m)
    return m


def _fsync_dir(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
