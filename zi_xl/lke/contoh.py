"""The example unit's LKE answers (``zi-xl contoh``, tests, documentation): a plausible unit, deterministic."""

from __future__ import annotations

from .rules import load_rules


def jawaban_contoh(versi: str = "2021") -> dict:
    """A plausible unit: mostly good answers, weaker in Penguatan Pengawasan and the surveys, so that the
    example reaches WBK but not WBBM and the report shows why."""
    rules = load_rules(versi)
    ans: dict = {}
    letters = {"abc": "B", "abcd": "B", "abcde": "B"}
    for k, q in enumerate(rules.questions()):
        weak = ("pengawasan" in _area_of(rules, q.id) and k % 2 == 0) or k % 5 == 0
        if q.jenis == "ya_tidak":
            ans[q.id] = "Tidak" if weak and k % 3 == 0 else "Ya"
        elif q.jenis in letters:
            ans[q.id] = letters[q.jenis] if weak else "A"
        elif q.jenis == "nilai_0_4":
            ans[q.id] = 3.7 if "ipak" in q.peran else 3.4
        elif q.jenis == "nilai_langsung":
            ans[q.id] = round(q.bobot * 0.8, 2)
        elif q.jenis == "persen" and not q.rumus:
            ans[q.id] = 0.9
        for it in q.isian:
            if not it.get("rumus"):
                ans[it["id"]] = 10
        if q.rumus and q.rumus["jenis"] == "rasio":
            ans[q.rumus["pembilang"]] = 7
        if q.rumus and q.rumus["jenis"] == "penurunan":
            ans[q.rumus["lalu"]], ans[q.rumus["kini"]] = 5, 2
    return ans


def _area_of(rules, node_id: str) -> str:
    n = rules.get(node_id)
    while n is not None and n.tingkat != "area":
        n = rules.get(n.induk) if n.induk else None
    return (n.area or "") if n else ""
