"""Deterministic varied answer sets for LKE rule sets (used by recalculation tests)."""

import random


def varied_answers(rules, seed: int, blank_rate: float = 0.1, zero_den: bool = False) -> dict:
    rnd = random.Random(seed)
    ans = {}
    for q in rules.questions():
        blank = rnd.random() < blank_rate and q.tingkat == "pertanyaan"
        if q.rumus:
            pass  # computed from its counts (below); the answer cell holds the official formula
        elif blank:
            ans[q.id] = None
        elif q.jenis == "ya_tidak":
            ans[q.id] = rnd.choice(["Ya", "Tidak", " ya ", "TIDAK"])
        elif q.jenis == "abc":
            ans[q.id] = rnd.choice("ABCa")
        elif q.jenis == "abcd":
            ans[q.id] = rnd.choice(["A", "B", "C", "D", "b."])
        elif q.jenis == "abcde":
            ans[q.id] = rnd.choice("ABCDEe")
        elif q.jenis == "nilai_0_4":
            ans[q.id] = round(rnd.uniform(2.5, 4.0), 2)
        elif q.jenis == "nilai_langsung":
            ans[q.id] = round(rnd.uniform(0, q.bobot), 2)
        elif q.jenis == "persen" and not q.rumus:
            ans[q.id] = round(rnd.uniform(0, 1), 3)
        for it in q.isian:
            if not it.get("rumus"):
                ans[it["id"]] = rnd.randint(1, 20)
        if q.rumus and q.rumus["jenis"] == "penurunan":
            ans[q.rumus["lalu"]], ans[q.rumus["kini"]] = rnd.choice([(0, 0), (10, 4), (3, 9), (6, 6)])
        if blank and q.rumus:
            ans[q.rumus["wajib"][0]] = None  # one required count missing: the question is unanswered
        if zero_den and q.rumus and q.rumus["jenis"] == "rasio" and q.rumus["penyebut"] in ans:
            ans[q.rumus["penyebut"]] = 0
    return ans


def plain(value):
    """What a careful user would type into the official workbook (its formulas compare K8="Ya" exactly)."""
    if isinstance(value, str):
        v = value.strip().rstrip(".")
        return "Ya" if v.lower() == "ya" else "Tidak" if v.lower() == "tidak" else v.upper()
    return value
