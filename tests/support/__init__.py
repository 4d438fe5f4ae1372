"""Test support shared by every test package: where things are, and running the CLI as a user would.

``run_cli`` runs ``zi-xl`` in this process (click's ``CliRunner`` idea: stdout/stderr captured, the exit code
returned, no interpreter start-up per call); ``run_cli_proc`` runs ``python -m zi_xl`` in a new process, for what
only a real process shows (the entry point, a closed pipe, start-up imports)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("ZI_XL_SHARED", ROOT.parent / "shared"))
REFERENCE = SHARED / "reference"
REF_LKE = REFERENCE / "lke-zi-permenpanrb-90-2021-terisi.xlsx"
CORPUS = SHARED / "corpus" / "excel-made"
WORKBOOKS = ROOT / "workbooks"


@dataclass
class Hasil:
    """What a CLI run gave (the shape of ``subprocess.CompletedProcess``)."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args, cwd=None) -> Hasil:
    """Run ``zi-xl ARGS`` in process; ``cwd`` is entered for the run."""
    from zi_xl.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        if cwd is not None:
            stack.enter_context(contextlib.chdir(cwd))
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        code = main([str(a) for a in args])
    return Hasil(code, out.getvalue(), err.getvalue())


def run_cli_proc(*args, cwd=None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``python -m zi_xl ARGS`` in a new process, as a user would."""
    return subprocess.run([sys.executable, "-m", "zi_xl", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)
