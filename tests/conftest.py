import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ZI_XL_SHARED", ROOT.parent / "shared"))
REFERENCE = SHARED / "reference"
REF_LKE = REFERENCE / "lke-zi-permenpanrb-90-2021-terisi.xlsx"
CORPUS = SHARED / "corpus" / "excel-made"


def run_cli(*args, cwd=None):
    """Run ``python -m zi_xl`` as a user would; returns CompletedProcess (text)."""
    return subprocess.run([sys.executable, "-m", "zi_xl", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


@pytest.fixture(scope="session")
def ref_lke() -> Path:
    assert REF_LKE.exists(), f"reference workbook missing: {REF_LKE} (shared/ must sit beside the checkout)"
    return REF_LKE
