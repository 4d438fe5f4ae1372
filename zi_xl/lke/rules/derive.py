"""Derive the shipped rule sets that come from official files: 90/2021 (imported from the official
workbook) and its 2023+ variant (LHKASN → "Non LHKPN", from the 2026 question master)."""

from __future__ import annotations

import copy
import json
import os

from . import RuleSet
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
