"""Recalculate workbooks in headless LibreOffice (forced recalculation), for checks and tests.

``soffice --convert-to xlsx`` keeps stale cached values unless the profile says "always recalculate";
we therefore run it with a throw-away profile whose ``registrymodifications.xcu`` sets
``OOXMLRecalcMode``/``ODFRecalcMode`` to 0 (always). Many files are converted in one call (~1 s start-up).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import ZiError

_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def jalankan_soffice(cmd: list[str], timeout: float, galat: type[ZiError] = ZiError,
                     akibat: str = "") -> subprocess.CompletedProcess:
    """Run LibreOffice in its own session, so that a timeout kills soffice.bin too, not only the launcher script;
    past ``timeout`` seconds: ``galat`` ("LibreOffice tidak selesai dalam N detik" + ``akibat``)."""
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          start_new_session=True) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise galat(f"LibreOffice tidak selesai dalam {timeout:.0f} detik{akibat}") from None
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def recalculate(paths: list[str | os.PathLike], outdir: str | os.PathLike, timeout: float = 300) -> list[Path]:
    """Open each workbook in headless LibreOffice, recalculate every formula, save as .xlsx in ``outdir``.

    Returns the output paths, in the order of ``paths``. Raises :class:`ZiError` when LibreOffice is missing
    or fails."""
    exe = soffice_path()
    if exe is None:
        raise ZiError("LibreOffice (soffice) tidak ditemukan; pasang paket libreoffice-calc-nogui")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zi-xl-lo-") as profile:
        user = Path(profile) / "user"
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(_XCU, encoding="utf-8")
        cmd = [exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
               "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir)]
        cmd += [os.fspath(p) for p in paths]
        proc = jalankan_soffice(cmd, timeout)
    outs = [outdir / (Path(p).stem + ".xlsx") for p in paths]
    missing = [str(o) for o in outs if not o.exists()]
    if proc.returncode != 0 or missing:
        raise ZiError(f"LibreOffice gagal menghitung ulang ({proc.returncode}): {proc.stderr.strip()[:500]} "
                      f"{' '.join(missing)}")
    return outs
