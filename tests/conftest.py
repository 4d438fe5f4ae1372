import os
from datetime import datetime

import pytest

from tests.support import REF_LKE


@pytest.fixture(scope="session")
def ref_lke():
    assert REF_LKE.exists(), f"reference workbook missing: {REF_LKE} (shared/ must sit beside the checkout)"
    return REF_LKE


def pytest_sessionstart(session):
    """``ZI_XL_HARI_INI=2031-02-28 python -m pytest``: run every test on another "today" (time-machine moves every
    clock Python reads) — the proof that no test depends on the day it runs."""
    hari = os.environ.get("ZI_XL_HARI_INI")
    if hari:
        import time_machine

        session.config._zi_xl_travel = time_machine.travel(datetime.fromisoformat(hari), tick=True)
        session.config._zi_xl_travel.start()
