"""PortalRB (2026): the JSON an instansi serves so that PortalRB can fetch its proposals and LKE answers.

PortalRB pulls, over HTTPS GET (Panduan Teknis API Integrasi ZI v1.0.0): ``/pengusulan/unit-wbk``,
``/pengusulan/unit-wbbm`` and ``/lke/jawaban-unit/{unit_id}``. :func:`jawaban_unit` reads one LKE workbook's grids
(any supported layout: the 90/2021 "LKE ZI" sheet, the 2023+ variant, the 2026 "Jawaban" sheet) and returns its
answers keyed by the master's ``soal_id`` (``jawaban_unit``, ``jawaban_tpi``, ``catatan_unit``,
``bukti_dukung_unit``, ``catatan_tpi``); :func:`validasi` checks a payload against the master (every soal_id known,
every answer allowed for its type); :func:`pengusulan` builds the two unit lists. Writing the folder is the CLI's
(``zi-xl portalrb``): any static web server can then serve it at the endpoint paths.

    >>> ju = jawaban_unit(book.grids, book.berkas, Unit("UNIT-001", "Disdukcapil", "WBK"), tahun=2026)  # doctest: +SKIP
    >>> ju.to_dict()["answers"][0]                                                                    # doctest: +SKIP
    {'soal_id': 1, 'jawaban_unit': 'Ya', 'jawaban_tpi': None, 'catatan_unit': None, ...}
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, field

from ..errors import ZiError
from ..xlsx.grid import Grid, address
from .cocok import cocokkan
from .layout import find_lke_sheet, norm, parse_sheet
from .reader import baca_sudah_wbk, detect_versi
from .rules import load_rules
from .scoring import JawabanTidakSah, normalisasi_jawaban

KATEGORI = ("WBK", "WBK-AFIRMASI", "WBBM")
VERSI_PORTALRB = ("2021", "2023", "2026")
KUNCI_JAWABAN = ("soal_id", "jawaban_unit", "jawaban_tpi", "catatan_unit", "bukti_dukung_unit", "catatan_tpi")


@dataclass
class Unit:
    """A proposed unit as PortalRB lists it."""

    id: str
    nama: str
    kategori: str = "WBK"
    afirmasi: bool = False

    def to_dict(self) -> dict:
        return {"id": self.id, "nama": self.nama, "kategori": self.kategori, "afirmasi": self.afirmasi}


@dataclass
class JawabanUnit:
    unit: Unit
    tahun: int
    answers: list[dict] = field(default_factory=list)
    berkas: str = ""

    def to_dict(self) -> dict:
        return {"unit_id": self.unit.id, "nama_unit": self.unit.nama, "tahun": self.tahun, "answers": self.answers}


def _soal_slots():
    """(soal_id, node id or isian id, jenis) of the 2026 rule set, in the master's order."""
    r26 = load_rules("2026")
    out = []
    for n in r26.nodes:
        if n.soal_id:
            out.append((n.soal_id, n.id, n.jenis))
        for it in n.isian:
            if it.get("soal_id"):
                out.append((it["soal_id"], it["id"], "jumlah"))
    return sorted(out)


def _teks(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    t = str(v).strip()
    return t or None


def _jawaban(jenis: str, raw, grid: Grid, cell: str, berkas: str) -> str | None:
    try:
        v = normalisasi_jawaban(jenis, raw)
    except JawabanTidakSah as exc:
        raise ZiError(f"{exc}; jawaban ini tidak dapat dipetakan ke master soal PortalRB", berkas=berkas,
                      sheet=grid.title, sel=cell) from None
    return _teks(v)


def jawaban_unit(grids: dict[str, Grid], berkas: str, unit: Unit, tahun: int) -> JawabanUnit:
    """The answers of one workbook, keyed by soal_id (every soal of the master, ``null`` where unanswered)."""
    grid, _ = find_lke_sheet(grids, berkas=berkas)
    parsed = parse_sheet(grid)
    versi = detect_versi(parsed)
    if versi not in VERSI_PORTALRB:
        raise ZiError(f"LKE versi {versi} tidak dapat diekspor ke PortalRB (hanya LKE PermenPANRB 90/2021 "
                      "ke atas)", berkas=berkas, sheet=grid.title)
    rules = load_rules(versi)
    cocok = cocokkan(parsed, rules)
    lay = parsed.layout
    unit_src = next((s for s in lay.sumber if s.nama == "unit"), lay.sumber[0])
    tpi_src = next((s for s in lay.sumber if s.nama.startswith("tpi")), None)
    cols = {"catatan_unit": lay.cols.get("catatan"), "bukti_dukung_unit": lay.cols.get("bukti"),
            "catatan_tpi": lay.cols.get("catatan_tpi")}
    answers = []
    for soal_id, key, jenis in _soal_slots():
        row = cocok.rows.get(key) or cocok.isian.get(key)
        item = dict.fromkeys(KUNCI_JAWABAN)
        item["soal_id"] = soal_id
        if row is not None:
            r = row.baris
            item["jawaban_unit"] = _jawaban(jenis, grid.value(r, unit_src.jawaban), grid,
                                            address(r, unit_src.jawaban), berkas)
            if tpi_src is not None:
                item["jawaban_tpi"] = _jawaban(jenis, grid.value(r, tpi_src.jawaban), grid,
                                               address(r, tpi_src.jawaban), berkas)
            for k, c in cols.items():
                if c is not None:
                    item[k] = _teks(grid.value(r, c))
        answers.append(item)
    return JawabanUnit(unit, tahun, answers, berkas)


_LABEL = {"id": ("id unit", "kode unit", "unit id", "id satker"), "nama": ("unit kerja", "nama unit", "satuan kerja",
                                                                          "nama unit kerja"),
          "kategori": ("kategori usulan", "usulan predikat", "kategori"), "afirmasi": ("afirmasi", "jalur afirmasi")}


def unit_dari_workbook(grids: dict[str, Grid]) -> dict:
    """What the workbook itself says of its unit: "Unit kerja: …" (as the templates write it in their title),
    fields "ID Unit", "Kategori usulan", "Afirmasi" (value right of the label)."""
    found: dict = {}
    for g in grids.values():
        for r in g.rows(1, 15):
            for c, text in g.row_texts(r):
                for line in str(text).splitlines():
                    m = re.match(r"\s*([^:]{2,30}):\s*(.*)$", line)
                    label, value = (norm(m.group(1)), m.group(2).strip()) if m else (norm(line).rstrip(":"), "")
                    for key, names in _LABEL.items():
                        if key in found or label not in names:
                            continue
                        if not value:
                            value = g.text(r, c + 1)
                        if value and not re.fullmatch(r"[.…\s]*", value):
                            found[key] = value
    if "afirmasi" in found:
        found["afirmasi"] = norm(found["afirmasi"]) in ("ya", "y", "true", "1", "afirmasi")
    return found


def _slug(text: str) -> str:
    s = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").upper()
    return s[:60] or "UNIT"


def unit_untuk(grids: dict[str, Grid], berkas: str, diberikan: dict | None = None) -> Unit:
    """The unit of a workbook: what is given (options or a CSV row) first, then the workbook, then sensible
    defaults (name: the file's name; id: the name as a slug; category: WBBM when the unit already holds WBK)."""
    info = unit_dari_workbook(grids) | {k: v for k, v in (diberikan or {}).items() if v not in (None, "")}
    nama = info.get("nama") or os.path.splitext(os.path.basename(berkas))[0]
    afirmasi = bool(info.get("afirmasi", False))
    kategori = str(info.get("kategori") or "").upper().replace(" ", "-")
    if not kategori:
        sudah = baca_sudah_wbk(grids)
        kategori = "WBBM" if sudah and sudah[0] else ("WBK-AFIRMASI" if afirmasi else "WBK")
    if kategori not in KATEGORI:
        raise ZiError(f"kategori usulan '{kategori}' tidak dikenal (pilihan: {', '.join(KATEGORI)})", berkas=berkas)
    return Unit(str(info.get("id") or _slug(nama)), nama, kategori, afirmasi or kategori == "WBK-AFIRMASI")


def pengusulan(units: list[Unit], tahun: int) -> dict[str, dict]:
    """The two unit lists: {"unit-wbk": {...}, "unit-wbbm": {...}} as PortalRB's endpoints return them."""
    wbk = [u.to_dict() for u in units if u.kategori in ("WBK", "WBK-AFIRMASI")]
    wbbm = [u.to_dict() for u in units if u.kategori == "WBBM"]
    return {"unit-wbk": {"tahun": tahun, "units": wbk}, "unit-wbbm": {"tahun": tahun, "units": wbbm}}


def soal_master(master: dict) -> dict[int, tuple[str, frozenset[str]]]:
    """soal_id → (jenis as the master writes it, upper case; allowed answer keys, empty for numbers)."""
    out: dict[int, tuple[str, frozenset[str]]] = {}

    def walk(nodes):
        for n in nodes:
            for soal in n.get("soals", []):
                raw = soal.get("skema_penilaian") or []
                keys = frozenset(str(x["key"]) for x in (ast.literal_eval(raw) if isinstance(raw, str) else raw))
                out[soal["id"]] = (str(soal["jenis_jawaban"]).upper(), keys)
            walk(n.get("children", []))

    walk(master["data"])
    return out


_JENIS_MASTER = {"ya_tidak": "YA_TIDAK", "abc": "ABC", "abcd": "ABCD", "abcde": "ABCDE", "nilai_0_4": "0-4",
                 "jumlah": "JUMLAH"}


def soal_aturan() -> dict[int, tuple[str, frozenset[str]]]:
    """The same table from the shipped 2026 rule set (built from the master by code; a test proves them equal)."""
    r26 = load_rules("2026")
    out = {}
    for sid, key, jenis in _soal_slots():
        node = r26.get(key)
        keys = frozenset(node.nilai_pilihan()) if node is not None and node.skema else frozenset()
        out[sid] = (_JENIS_MASTER[jenis], keys)
    return out


def validasi(jawaban: dict, soal: dict[int, tuple[str, frozenset[str]]]) -> list[str]:
    """Errors of a ``jawaban-unit`` payload against the master's soal table (:func:`soal_master` or
    :func:`soal_aturan`): a missing key, an unknown soal_id, a soal twice, an answer not allowed for its type.
    Empty when the payload is valid."""
    errors = [f"kunci '{k}' tidak ada" for k in ("unit_id", "nama_unit", "tahun", "answers") if k not in jawaban]
    seen: set[int] = set()
    for a in jawaban.get("answers", []):
        sid = a.get("soal_id")
        if sid not in soal:
            errors.append(f"soal_id {sid!r} tidak ada di master soal")
            continue
        if sid in seen:
            errors.append(f"soal_id {sid} muncul dua kali")
        seen.add(sid)
        jenis, allowed = soal[sid]
        for key in ("jawaban_unit", "jawaban_tpi"):
            v = a.get(key)
            if v is None:
                continue
            if allowed and v not in allowed:
                errors.append(f"soal {sid} ({key}): '{v}' bukan pilihan {'/'.join(sorted(allowed))}")
            elif not allowed:
                try:
                    x = float(v)
                except (TypeError, ValueError):
                    errors.append(f"soal {sid} ({key}): '{v}' bukan angka")
                    continue
                if x < 0 or (jenis == "0-4" and x > 4):
                    errors.append(f"soal {sid} ({key}): {v} di luar rentang")
    return errors
