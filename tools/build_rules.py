"""Regenerate the shipped rule sets derived by code (``zi_xl/lke/rules/data/lke-2021.json``, ``-2023``, ``-2026``).

Run: ``python tools/build_rules.py [path/to/shared/reference]``. The output is deterministic; a test checks that
the shipped files equal what this produces.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zi_xl.lke.rules.derive import SUMBER_2021, build_2021, build_2023, build_2026  # noqa: E402


def main(ref: Path) -> None:
    out = ROOT / "zi_xl" / "lke" / "rules" / "data"
    r2021 = build_2021(ref / SUMBER_2021["berkas"])
    (out / "lke-2021.json").write_text(r2021.to_json(), encoding="utf-8")
    master = ref / "master-soal-lke-zi-2026.json"
    r2023 = build_2023(r2021, master)
    (out / "lke-2023.json").write_text(r2023.to_json(), encoding="utf-8")
    (out / "lke-2026.json").write_text(build_2026(r2023, master).to_json(), encoding="utf-8")
    print("ditulis:", *(out / f"lke-{v}.json" for v in ("2021", "2023", "2026")))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference")
