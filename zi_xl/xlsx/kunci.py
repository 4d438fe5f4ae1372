"""One zi-xl at a time per workbook: a lock taken before the read, held until the write has replaced the file.

:meth:`zi_xl.xlsx.book.Book.open` takes the lock of the workbook's file before it reads the bytes, and keeps it
until the book is closed (or dropped); :func:`zi_xl.xlsx.safe_write.write_safely` checks, under the same lock, that
the file is still the bytes that were read before it replaces it. A second ``zi-xl hitung --tulis`` on the same
file therefore *waits* (up to :data:`TUNGGU` seconds, then is refused with a clear message) and then reads what the
first one wrote: of N concurrent writers, every one that reports success has its result in the file.

The lock is an operating-system lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on a small file in the
temporary folder, named after the workbook's full path: the user's folder gets no extra file, and the system
releases the lock when a process ends, however it ends (a killed run never leaves a workbook locked). Within one
process the lock is shared (re-entrant): two books of the same file in one program do not wait for each other;
:func:`bagian_kritis` serialises their check-and-replace instead.

Example::

    with Kunci("LKE.xlsx"):                      # waits while another zi-xl holds LKE.xlsx
        ...                                       # read, compute, write
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
import time
from collections.abc import Iterator

from ..errors import GagalMenulis

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
try:
    import msvcrt
except ImportError:  # POSIX
    msvcrt = None

#: seconds a second zi-xl waits for the first to finish with the same workbook (environment: ZI_XL_TUNGGU)
TUNGGU = 60.0
_JEDA = 0.05

_MUTEX = threading.RLock()                    # re-entrant: a lock dropped (__del__) inside a locked section is fine
_HELD: dict[str, list] = {}                   # key → [fd, count] of the locks this process holds
_PENDING: set[str] = set()                    # keys a thread of this process is waiting for
_CRITICAL: dict[str, threading.Lock] = {}


def _tunggu() -> float:
    try:
        return max(0.0, float(os.environ.get("ZI_XL_TUNGGU", TUNGGU)))
    except ValueError:
        return TUNGGU


def _key(path: str | os.PathLike) -> str:
    return os.path.normcase(os.path.realpath(os.fspath(path)))


def _lock_file(key: str) -> str:
    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = os.path.join(tempfile.gettempdir(), f"zi-xl-kunci-{uid}")
    os.makedirs(folder, mode=0o700, exist_ok=True)
    return os.path.join(folder, hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:40] + ".kunci")


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        elif msvcrt is not None:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False


def _unlock(fd: int) -> None:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        elif msvcrt is not None:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    except OSError:
        pass


def _holder(path: str) -> str:
    try:
        with open(path, "rb") as fh:
            pid = fh.read(32).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (proses {pid})" if pid.isdigit() else ""


def _acquire(key: str, berkas: str, tunggu: float) -> int:
    """The fd of the locked lock file of ``key``; waits up to ``tunggu`` seconds."""
    path = _lock_file(key)
    deadline = time.monotonic() + tunggu
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        if _try_lock(fd):
            try:   # the holder before us may have removed the file: then ours is a stale inode, start again
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except OSError:
                same = False
            if same:
                os.ftruncate(fd, 0)
                os.write(fd, str(os.getpid()).encode())
                return fd
            _unlock(fd)
            os.close(fd)
            continue
        os.close(fd)
        if time.monotonic() >= deadline:
            raise GagalMenulis(f"berkas sedang diproses oleh zi-xl lain{_holder(path)} dan belum selesai setelah "
                               f"{tunggu:.0f} detik; tunggu sampai selesai lalu ulangi", berkas=berkas)
        time.sleep(_JEDA)


def _release(key: str, fd: int) -> None:
    try:   # remove the file while still holding the lock (a waiter then finds a stale inode and starts again)
        os.remove(_lock_file(key))
    except OSError:
        pass
    _unlock(fd)
    os.close(fd)


class Kunci:
    """The lock of one workbook file (see the module text). ``ambil()`` takes it (waiting up to ``tunggu``
    seconds), ``lepas()`` gives it back; both are idempotent, and a dropped lock gives itself back."""

    def __init__(self, berkas: str | os.PathLike, tunggu: float | None = None):
        self.berkas = os.fspath(berkas)
        self.key = _key(berkas)
        self.tunggu = _tunggu() if tunggu is None else tunggu
        self.dipegang = False

    def ambil(self) -> Kunci:
        if self.dipegang:
            return self
        while True:
            with _MUTEX:
                held = _HELD.get(self.key)
                if held is not None:
                    held[1] += 1
                    self.dipegang = True
                    return self
                if self.key not in _PENDING:
                    _PENDING.add(self.key)
                    break
            time.sleep(_JEDA)          # another thread of this process is taking this lock: share it then
        try:
            fd = _acquire(self.key, self.berkas, self.tunggu)
        finally:
            with _MUTEX:
                _PENDING.discard(self.key)
        with _MUTEX:
            _HELD[self.key] = [fd, 1]
            self.dipegang = True
        return self

    def lepas(self) -> None:
        if not self.dipegang:
            return
        with _MUTEX:
            self.dipegang = False
            held = _HELD.get(self.key)
            if held is None:
                return
            held[1] -= 1
            if held[1] <= 0:
                del _HELD[self.key]
                _release(self.key, held[0])

    def __enter__(self) -> Kunci:
        return self.ambil()

    def __exit__(self, *exc) -> None:
        self.lepas()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.lepas()


@contextlib.contextmanager
def bagian_kritis(berkas: str | os.PathLike) -> Iterator[None]:
    """Serialise the check-and-replace of one file between the threads of this process."""
    key = _key(berkas)
    with _MUTEX:
        lock = _CRITICAL.setdefault(key, threading.Lock())
    with lock:
        yield
