"""Recognise (and write) the few formula shapes the official LKE uses for computed answers.

The official 90/2021 workbook computes percentage answers in the answer column:

* ratio, capped:  ``=IF(OR(K129="",K130=""),"Blm Diisi",IF(K130/K129>1,1,K130/K129))``
* decrease (Pelanggaran Disiplin): ``=IF(OR(..),"Blm Diisi",IF(AND(K155=0,K156=0),1,
  IF((K155-K156)/K155<0,0,(K155-K156)/K155)))``
* sum of counts (LHKPN "jumlah yang harus melaporkan"): ``=IF(OR(..),"Blm Diisi",K179+K180+K181)``

:func:`parse_answer_formula` turns such a formula into a rule (``{"jenis": "rasio", "pembilang": row,
"penyebut": row, "wajib": [rows]}``); :func:`answer_formula` writes the same shape back for templates, so a
template made from a rule set imports to the same rule set.
"""

from __future__ import annotations

import re

_REF = r"\$?([A-Z]{1,3})\$?(\d+)"


def _clean(formula: str) -> str:
    return formula.lstrip("=").replace(" ", "").replace("$", "").upper()


def refs(formula: str, column: str | None = None) -> list[int]:
    """Rows referenced by a formula (ranges expanded), optionally only those in ``column``."""
    out: list[int] = []
    f = _clean(formula)
    for m in re.finditer(r"(?<![A-Z])([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?", f):
        c1, r1, c2, r2 = m.group(1), int(m.group(2)), m.group(3), m.group(4)
        if c1 in ("IF", "OR", "AND", "SUM", "MIN", "MAX"):
            continue
        if column and c1 != column:
            continue
        if c2:
            out.extend(range(r1, int(r2) + 1))
        else:
            out.append(r1)
    return out


def parse_answer_formula(formula: str) -> dict | None:
    """The rule behind a computed answer cell, with rows instead of cells; None if not recognised."""
    f = _clean(formula)
    m = re.fullmatch(r'IF\(OR\(([^()]*)\),"BLMDIISI",(.*)\)', f)
    if not m:
        return None
    wajib = [int(x) for x in re.findall(r'[A-Z]{1,3}(\d+)=""', m.group(1))]
    body = m.group(2)
    r = re.fullmatch(r"IF\(([A-Z]+)(\d+)/([A-Z]+)(\d+)>1,1,\1\2/\3\4\)", body)
    if r:
        return {"jenis": "rasio", "pembilang": int(r.group(2)), "penyebut": int(r.group(4)), "wajib": wajib}
    r = re.fullmatch(r"IF\(AND\(([A-Z]+)(\d+)=0,([A-Z]+)(\d+)=0\),1,"
                     r"IF\(\(\1\2-\3\4\)/\1\2<0,0,\(\1\2-\3\4\)/\1\2\)\)", body)
    if r:
        return {"jenis": "penurunan", "lalu": int(r.group(2)), "kini": int(r.group(4)), "wajib": wajib}
    r = re.fullmatch(r"[A-Z]+\d+(?:\+[A-Z]+\d+)+", body)
    if r:
        return {"jenis": "jumlah", "dari": [int(x) for x in re.findall(r"[A-Z]+(\d+)", body)], "wajib": wajib}
    return None


def answer_formula(rule: dict, col: str, row_of) -> str:
    """Write the official formula shape for a rule; ``row_of(id)`` gives the sheet row of a count."""
    def c(i):
        return f"{col}{row_of(i)}"

    cond = "OR(" + ",".join(f'{c(i)}=""' for i in rule["wajib"]) + ")"
    if rule["jenis"] == "rasio":
        n, d = c(rule["pembilang"]), c(rule["penyebut"])
        body = f"IF({n}/{d}>1,1,{n}/{d})"
    elif rule["jenis"] == "penurunan":
        a, b = c(rule["lalu"]), c(rule["kini"])
        body = f"IF(AND({a}=0,{b}=0),1,IF(({a}-{b})/{a}<0,0,({a}-{b})/{a}))"
    elif rule["jenis"] == "jumlah":
        body = "+".join(c(i) for i in rule["dari"])
    else:  # pragma: no cover - rule sets are validated on load
        raise ValueError(rule["jenis"])
    return f'=IF({cond},"Blm Diisi",{body})'


def nilai_pilihan_rumus(formula: str, row: int, pilihan: str, jawaban: str) -> dict[str, dict[str, float]]:
    """What an official-style Nilai formula gives per "Pilihan Jawaban" label, read from its text (labels and answers
    upper case): ``IF(J9="A/B/C",IF(K9="A",1,IF(K9="B",0.5,IF(K9="C",0,…))),…)`` →
    ``{"A/B/C": {"A": 1.0, "B": 0.5, "C": 0.0}}``. Labels the formula tests but scores nothing get ``{}``."""
    f = _clean(formula)
    out: dict[str, dict[str, float]] = {}
    marks = list(re.finditer(rf'(?<![A-Z]){pilihan}{row}="([^"]*)"', f))
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(f)
        pairs = re.findall(rf'(?<![A-Z]){jawaban}{row}="([^"]*)",(-?\d+(?:\.\d+)?)', f[m.end():end])
        out.setdefault(m.group(1), {}).update({a: float(v) for a, v in pairs})
    return out
