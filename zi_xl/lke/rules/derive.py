"""Derive the shipped rule sets that come from official files: 90/2021 (imported from the official
workbook), its 2023+ variant (LHKASN → "Non LHKPN", from the 2026 question master) and the 2026 rule set (the
2023+ tree with PortalRB's master soal attached: soal_id, texts, types, multipliers, rows of sheet "Jawaban")."""

from __future__ import annotations

import ast
import copy
import json
import os
import re

from ...area import kenali_area
from ..layout import mirip
from . import NILAI_PILIHAN, RuleSet
from .importer import import_rules

SUMBER_2021 = {
    "berkas": "lke-zi-permenpanrb-90-2021-terisi.xlsx",
    "regulasi": "PermenPANRB Nomor 90 Tahun 2021",
    "lampiran": "Lampiran III (Lembar Kerja Evaluasi Zona Integritas)",
    "asal": "salinan terisi LKE ZI resmi dari repositori publik axxpxmd/zona_integritas "
            "(public/form kuesioner.xlsx, commit 98b13c6); lihat shared/reference/SOURCES.md",
}


def build_2021(path: str | os.PathLike) -> RuleSet:
    return import_rules(path, versi="2021", nama="LKE ZI PermenPANRB 90/2021 (LKE 2022-2026)",
                        sumber=dict(SUMBER_2021))


def _find_master(data: list, predicate) -> dict | None:
    for node in data:
        if predicate(node):
            return node
        hit = _find_master(node.get("children", []), predicate)
        if hit:
            return hit
    return None


def build_2023(r2021: RuleSet, master_path: str | os.PathLike) -> RuleSet:
    """90/2021 with the 2023+ change: the LHKASN indicator becomes "Non LHKPN" (ASN tidak wajib LHKPN), whose
    "jumlah yang harus melaporkan" is the sum of its three counts (as LHKPN's), per the 2026 question master."""
    master = json.loads(open(master_path, encoding="utf-8").read())
    grp = _find_master(master["data"], lambda n: "Non LHKPN" in n.get("nama", ""))
    if grp is None:
        raise ValueError("master soal tidak berisi indikator Non LHKPN")
    soal = [s["teks_pertanyaan"].strip() for s in grp["soals"]]
    d = copy.deepcopy(r2021.to_dict())
    d["versi"] = "2023"
    d["nama"] = "LKE ZI 2023+ (PermenPANRB 90/2021, LHKASN menjadi Non LHKPN)"
    d["sumber"] = {
        "berkas": os.path.basename(os.fspath(master_path)),
        "turunan_dari": "lke-2021.json",
        "asal": "master soal LKE ZI 2026 dari repositori publik axxpxmd/zona_integritas "
                "(public/response_master_soal_lkezi_2026.json); lihat shared/reference/SOURCES.md",
        "perubahan": "indikator LHKASN diganti 'Non LHKPN': nama dari master soal; jumlah wajib lapor = "
                     "jumlah tiga isian rincian (eselon III, eselon IV, fungsional & pelaksana)",
    }
    nodes = d["nodes"]
    ind = next(n for n in nodes if n["tingkat"] == "indikator" and "LHKASN" in n["nama"])
    q = next(n for n in nodes if n.get("induk") == ind["id"])
    ind["nama"] = grp["nama"].split(". ", 1)[-1].strip()
    ind.setdefault("catatan", []).append(f"nama dari master soal 2026 (sub_area id {grp['id']})")
    q["nama"] = "Persentase penyampaian Non LHKPN"
    isian = q["isian"]  # 2021: [harus, eselon III, eselon IV, fungsional/pelaksana, sudah]
    if len(isian) != 5 or len(soal) != 4:
        raise ValueError("struktur LHKASN/Non LHKPN tidak seperti yang diharapkan")
    harus, e3, e4, fp, sudah = isian
    for item, text in zip((e3, e4, fp, sudah), soal, strict=True):
        item["nama"] = text
    harus["nama"] = "Jumlah yang harus menyampaikan Non LHKPN"
    harus["rumus"] = {"jenis": "jumlah", "wajib": [e3["id"], e4["id"], fp["id"]],
                      "dari": [e3["id"], e4["id"], fp["id"]]}
    q["catatan"] = [c for c in q.get("catatan", []) if "tidak dipakai" not in c]
    q["catatan"].append("2023+: jumlah yang harus menyampaikan = eselon III + eselon IV + fungsional/pelaksana "
                        "(master soal 2026 tidak lagi meminta angka total terpisah)")
    return RuleSet.from_dict(d)


MASTER_JENIS = {"YA_TIDAK": "ya_tidak", "ABC": "abc", "ABCD": "abcd", "ABCDE": "abcde", "0-4": "nilai_0_4",
                "JUMLAH": "jumlah"}


def _skema(soal: dict) -> dict[str, float]:
    raw = soal.get("skema_penilaian") or []
    items = ast.literal_eval(raw) if isinstance(raw, str) else raw
    return {str(x["key"]): float(x["multiplier"]) for x in items}


def _nama(node: dict) -> str:
    """A master node's name without its printed code ("1. MANAJEMEN PERUBAHAN" → "MANAJEMEN PERUBAHAN")."""
    return re.sub(r"^\s*(?:[A-Z]|[IVX]+|\d+|[ivx]+|[a-z])\s*[.)]\s+", "", node["nama"]).strip()


def build_2026(r2023: RuleSet, master_path: str | os.PathLike) -> RuleSet:
    """The 2026 rule set: the 2023+ tree (its weights, formulas and Hasil conversions come from the official
    workbook) with every question and count row of PortalRB's 2026 master attached to its node — ``soal_id``, the
    master's text and criteria, answer type, multipliers (``skema``) and its row in sheet "Jawaban".

    Strict: the master's tree must have the same shape (komponen → sub_komponen → area → sub_area (→ sub_area) →
    soal), the same weights and, soal by soal, the answer type of the node it lands on; every soal is used once.
    Anything else raises ValueError. Texts that differ from the official workbook's are kept from the master and
    noted."""
    master = json.loads(open(master_path, encoding="utf-8").read())
    d = copy.deepcopy(r2023.to_dict())
    d["versi"] = "2026"
    d["nama"] = "LKE ZI 2026 (PermenPANRB 90/2021; master soal PortalRB, sheet Jawaban)"
    d["sumber"] = {
        "berkas": os.path.basename(os.fspath(master_path)),
        "turunan_dari": "lke-2023.json",
        "regulasi": "PermenPANRB Nomor 90 Tahun 2021",
        "asal": "master soal LKE ZI 2026 PortalRB dari repositori publik axxpxmd/zona_integritas "
                "(public/response_master_soal_lkezi_2026.json); lihat shared/reference/SOURCES.md",
        "master_tahun": master.get("tahun"),
        "master_dibuat": master.get("generated_at"),
        "perubahan": "setiap pertanyaan dan isian jumlah diberi soal_id, teks, kriteria, jenis, skema dan baris "
                     "sheet 'Jawaban' dari master soal; pohon, bobot dan rumus tetap dari LKE resmi",
    }
    rules = RuleSet.from_dict(d)
    used: set[int] = set()

    def fail(msg: str):
        raise ValueError(f"master soal tidak sesuai dengan pohon LKE: {msg}")

    def attach(soal: dict, target: dict, jenis: str, where: str) -> None:
        mj = MASTER_JENIS.get(str(soal["jenis_jawaban"]).upper())
        if mj != jenis:
            fail(f"soal {soal['id']} ({soal['jenis_jawaban']}) jatuh pada {where} berjenis {jenis}")
        if soal["id"] in used:
            fail(f"soal {soal['id']} dipakai dua kali")
        used.add(soal["id"])
        old = target.get("nama") if isinstance(target, dict) else target.nama
        teks = soal["teks_pertanyaan"].strip()
        sim = mirip(old or "", teks)
        note = f"teks dari master soal (soal_id {soal['id']}); LKE resmi: {old!r}" if sim < 0.9 else None
        values = {"soal_id": soal["id"], "excel_baris": soal["excel_baris"], "nama": teks}
        if jenis in NILAI_PILIHAN:
            sk = _skema(soal)
            if sk != NILAI_PILIHAN[jenis]:
                fail(f"soal {soal['id']}: skema {sk} berbeda dengan nilai resmi {NILAI_PILIHAN[jenis]}")
            values["skema"] = sk
        if isinstance(target, dict):
            target.update(values)
            if note:
                target["catatan"] = [*target.get("catatan", []), note]
        else:
            for k, v in values.items():
                setattr(target, k, v)
            if soal.get("kriteria_nilai"):
                target.penjelasan = soal["kriteria_nilai"].strip()
            if note:
                target.catatan.append(note)

    def soal_slots(ind) -> list[tuple[object, str, str]]:
        """(node or isian dict, jenis, label) in sheet order: what the unit answers under an indicator."""
        out = []
        for q in ([ind] if ind.jenis else rules.children(ind.id)):
            if q.jenis and not q.rumus:
                out.append((q, q.jenis, q.id))
            for it in q.isian:
                if not it.get("rumus"):
                    out.append((it, "jumlah", it["id"]))
        return out

    def match(mnode: dict, node) -> None:
        mb, nb = mnode.get("bobot_maksimal"), node.bobot
        if nb is not None and mb is not None and abs(float(mb) - nb) > 1e-9 and node.tingkat != "pertanyaan":
            fail(f"{mnode['nama']!r} berbobot {mb}, {node.id} berbobot {nb}")
        if mirip(_nama(mnode), node.nama) < 0.6 and not (node.area and kenali_area(mnode["nama"]) == node.area):
            fail(f"{mnode['nama']!r} tidak cocok dengan {node.id} {node.nama!r}")
        node.catatan.append(f"master soal: id {mnode['id']} ({mnode['level']})")
        kids = [k for k in rules.children(node.id) if k.tingkat != "pertanyaan"]
        mkids = mnode.get("children", [])
        soals = mnode.get("soals", [])
        if node.tingkat == "indikator" and not kids or (node.tingkat == "bagian" and node.induk and soals):
            # an indicator (or a Hasil part answered by its indicators): its soals in order
            targets = []
            for ind in ([node] if node.tingkat == "indikator" else rules.children(node.id)):
                targets += soal_slots(ind)
            if len(targets) != len(soals):
                fail(f"{node.id}: {len(soals)} soal di master, {len(targets)} isian di LKE")
            for soal, (t, jenis, label) in zip(soals, targets, strict=True):
                attach(soal, t, jenis, label)
            return
        if soals:
            fail(f"{mnode['nama']!r} berisi soal langsung, {node.id} tidak")
        if len(mkids) != len(kids):
            fail(f"{mnode['nama']!r}: {len(mkids)} bagian di master, {node.id}: {len(kids)}")
        for mk, k in zip(mkids, kids, strict=True):
            match(mk, k)

    roots = rules.roots()
    if len(master["data"]) != len(roots):
        fail("jumlah komponen berbeda")
    for mk, k in zip(master["data"], roots, strict=True):
        match(mk, k)
    total = sum(1 for _ in _soals(master["data"]))
    if len(used) != total:
        fail(f"{total - len(used)} soal master tidak terpakai")
    return rules


def _soals(nodes: list):
    for n in nodes:
        yield from n.get("soals", [])
        yield from _soals(n.get("children", []))
