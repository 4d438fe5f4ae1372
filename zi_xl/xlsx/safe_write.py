"""Safe writes into a user's workbook: temp file → verify → backup → atomic replace.

:func:`write_safely` never opens the user's file for writing. It writes the patched workbook to a temporary file in
the same folder, re-opens it and checks every edited cell, copies the original to a backup (``NAME.bak`` beside
it, or a folder of timestamped copies), and only then swaps the new file in with :func:`os.replace` (atomic on
one file system). With ``output=`` the original is not touched at all. A crash at any moment leaves the original
(or the previous output) in place; a leftover temporary file ``.~zi-xl-PID-*.tmp`` of a dead process is removed
by the next run.

The source is a :class:`~zi_xl.xlsx.read.Snapshot` — the very bytes that were read and scored. The patch is made from
those bytes, and the file on disk must still be those bytes when it is replaced: a save made in between (in Excel,
by another run) is refused, never overwritten.

Refused, with an Indonesian message: a file open in Excel (``~$NAME`` owner file) or LibreOffice
(``.~lock.NAME#``), a file that cannot be opened for writing (read-only, locked), a read-only folder; a full disk
ends with a message and the original intact.

Example::

    hasil = write_safely("LKE.xlsx", edits)                  # LKE.xlsx patched, LKE.xlsx.bak kept
    hasil = write_safely("LKE.xlsx", edits, output="x.xlsx") # LKE.xlsx untouched

Commands and buttons reach it through :meth:`zi_xl.xlsx.book.Book.apply`.
"""

from __future__ import annotations

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
from collections.abc import Callable
from dataclasses import dataclass

from openpyxl.utils.datetime import to_excel

from ..errors import GagalMenulis
from .edits import Edit
from .patch import PatchResult, apply_edits, read_cells
from .read import Snapshot, check_workbook_file, sidik_berkas

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


def clean_leftovers(folder: str) -> list[str]:
    """Remove temporary files left by a crashed run (their process is gone)."""
    removed = []
    for p in glob.glob(os.path.join(glob.escape(folder), PREFIX + "*.tmp")):
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


def _same(a, b) -> bool:
    a, b = (to_excel(x) if isinstance(x, dt.date) else x for x in (a, b))  # the reader gives dates as dates
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-9)
    return a == b


def verify(path: str, laporan: PatchResult) -> None:
    """Re-open the written file: every zip entry's CRC, the workbook structure, and every edited cell."""
    try:
        with zipfile.ZipFile(path) as zf:
            bad = zf.testzip()
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise GagalMenulis(f"hasil tulis tidak valid ({exc}); berkas asli tidak diubah", berkas=path) from None
    if bad is not None:
        raise GagalMenulis(f"hasil tulis rusak di bagian {bad}; berkas asli tidak diubah", berkas=path)
    by_sheet: dict[str, list[tuple[str, tuple]]] = {}
    for (sheet, ref), exp in laporan.expect.items():
        by_sheet.setdefault(sheet, []).append((ref, exp))
    for sheet, items in by_sheet.items():
        got = read_cells(path, sheet, [r for r, _ in items])
        for ref, (val, formula) in items:
            gv, gf = got[ref]
            if formula is not None:
                want_f = formula if formula.startswith("=") else "=" + formula
                if gf != want_f or (val is not None and not _same(gv, val)):
                    raise GagalMenulis(f"verifikasi gagal: rumus tertulis {gf!r} bukan {want_f!r}; berkas asli "
                                       "tidak diubah", berkas=path, sheet=sheet, sel=ref)
            elif not _same(gv, val if not isinstance(val, str) else val) and not (val == "" and gv is None):
                raise GagalMenulis(f"verifikasi gagal: terbaca {gv!r}, seharusnya {val!r}; berkas asli tidak diubah",
                                   berkas=path, sheet=sheet, sel=ref)


def _oserror(exc: OSError, path: str) -> GagalMenulis:
    if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", -1):
        return GagalMenulis("disk penuh: hasil tidak dapat ditulis; berkas asli tidak diubah", berkas=path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return GagalMenulis("tidak ada izin menulis (berkas/folder hanya-baca); berkas asli tidak diubah",
                            berkas=path)
    return GagalMenulis(f"gagal menulis ({exc.strerror or exc}); berkas asli tidak diubah", berkas=path)


def _backup_path(src: str, cadangan: str | None) -> str:
    if not cadangan:
        return src + ".bak"
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
                 cadangan: str | os.PathLike | None = None,
                 _langkah: Callable[[str], None] | None = None) -> WriteResult:
    """Apply ``edits`` to the workbook ``source`` (a snapshot, or a path read now) safely (see the module text).
    ``output``: write there instead and leave the source untouched. ``cadangan``: folder for timestamped backups
    (default ``berkas + ".bak"``). ``_langkah`` is called after each step (tests use it to simulate crashes)."""
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
    folder = os.path.dirname(os.path.abspath(target))
    clean_leftovers(folder)
    step("periksa")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{PREFIX}{os.getpid()}-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            laporan = apply_edits(snap, edits, fh)
            step("tulis")
            fh.flush()
            os.fsync(fh.fileno())
        step("fsync")
        verify(tmp, laporan)
        step("verifikasi")
        if in_place and sidik_berkas(src) != snap.sidik:
            raise GagalMenulis("berkas asli berubah sejak dibaca (disimpan di Excel atau oleh program lain?); "
                               "tidak ditimpa — jalankan lagi agar hasil dihitung dari isi terbaru", berkas=src)
        bak = None
        if in_place:
            bak = _backup_path(src, os.fspath(cadangan) if cadangan else None)
            bak_dir = os.path.dirname(os.path.abspath(bak))
            if bak_dir != folder:
                clean_leftovers(bak_dir)
            bfd, bak_tmp = tempfile.mkstemp(prefix=f"{PREFIX}{os.getpid()}-", suffix=".tmp", dir=bak_dir)
            os.close(bfd)
            try:
                shutil.copy2(src, bak_tmp)
                os.replace(bak_tmp, bak)
            finally:
                if os.path.exists(bak_tmp):
                    os.remove(bak_tmp)
        step("cadangan")
        mode = stat.S_IMODE(os.stat(target).st_mode) if os.path.exists(target) else 0o666 & ~_umask()
        os.chmod(tmp, mode | stat.S_IWUSR)
        os.replace(tmp, target)
        tmp = None
        step("ganti")
        _fsync_dir(folder)
        return WriteResult(target, bak, laporan)
    except OSError as exc:
        raise _oserror(exc, target) from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            try:
                os.remove(tmp)
            except OSError:
                pass


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
