"""Build the shipped rule sets of PermenPANRB 10/2019 (``lke-2019.json``) and 52/2014 (``lke-2014.json``).

Run: ``python tools/build_rules_2019.py [path/to/shared/reference]``. The output is deterministic; a test checks that
the shipped files equal what :func:`build_2019` / :func:`build_2014` produce.

Where each figure comes from
----------------------------
* **Weights (2019)**: the seed document ``shared/seeds/000_51d3a08af0ad7292.txt`` (laporan monev ZI Disdukcapil
  Padang Pariaman 2022), BAB III 3.1, tables "A. KOMPONEN PENGUNGKIT" (NO / RENCANA / SCORE) and "B. KOMPONEN HASIL",
  transcribed by hand into :data:`AREA_2019` and :data:`HASIL`. The seed's SCORE column gives 4,0 / 3,0 for "Budaya
  Pelayanan Prima (3)" / "Penilaian kepuasan terhadap pelayanan (4)": the figures in the names are used (they add
  up to the area's 10 either way; the SIAPZI ``nomorsoal.nilai`` column also says 3 and 4).
* **Questions (2019)**: ``shared/reference/wbk-siapzi-2019.sql`` (SIAPZI, Kemenkumham's 2019 ZI application; see
  ``SOURCES.md``). Table ``abcsoal`` (81 questions: text, ``petunjuk_teknis`` HTML, ``nilai``) hangs under
  ``nomorsoal`` (23 indicators), under ``romawisoal`` (6 areas, I..VI in the order of :data:`AREA_2019`).
  SQL indicators are matched to the seed's indicators by name within their area (``difflib`` ratio on lower-cased,
  space-normalised names; one-to-one, ratio >= 0.6, else the build fails). With this SQL file the mapping is
  nomorsoal 1-4 → area 1 i-iv, 5-7 → area 2 i-iii, 8-13 → area 3 i-vi, 14-15 → area 4 i-ii, 16-20 → area 5 i-v,
  21-23 → area 6 i-iii (every seed indicator has SQL questions, so none is answered directly).
* **Answer types (2019)**: taken from the SQL ``jawaban`` options of a question when they belong to it
  (:func:`jenis_dari_pilihan`). The only options in the file (``jawaban`` ids 1-11, on questions 1-3) speak of a
  "Tim Reformasi Birokrasi" and of monitoring "rencana kerja" — another questionnaire's options, not these questions'
  (question 2 asks how team members are chosen; its options are about the team carrying out its tasks); they are
  listed in :data:`PILIHAN_DITOLAK` and not used. Every jenis is therefore reconstructed: from the successor question
  in the official 90/2021 LKE (``lke-2021.json``, part Pemenuhan, which carries most 2019 questions over word for
  word) as listed in :data:`PENERUS_2021`, or, where 90/2021 has no successor, from the question's wording
  (:data:`JENIS_DARI_KALIMAT`). Each such question says so in its ``catatan`` ("jenis direkonstruksi: ...").
* **Scoring (2019)**: indicator = AVERAGE(answered question values) × indicator weight (``agregasi`` "rata_rata"),
  the same engine as 90/2021; the SIAPZI per-question ``nilai`` is kept in ``catatan`` as provenance only.
* **52/2014**: only the area weights (5/5/15/10/15/10, order as :data:`AREA_2014`, DESIGN.md; the SIAPZI
  ``romawisoal.nilai`` column I..VI carries the same figures) and Hasil (as 2019) are known; each area is answered
  directly with its score in points (``jenis`` "nilai_langsung").

The SQL parser (:func:`parse_mysql_inserts`) reads only ``INSERT INTO `t`(`cols`) VALUES (...),(...);`` statements
as written by mysqldump/SQLyog: single-quoted strings with backslash escapes (``\\n \\r \\t \\0 \\' \\" \\\\ \\Z``)
and doubled quotes, ``NULL``, integers and decimals. Anything else (DDL, comments) is skipped.
"""

from __future__ import annotations

import difflib
import html
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from zi_xl.lke.rules import Node, RuleSet, load_rules  # noqa: E402

SQL_BERKAS = "wbk-siapzi-2019.sql"
SEED = "shared/seeds/000_51d3a08af0ad7292.txt"
SEED_DESKRIPSI = (f"{SEED} (Laporan Monitoring dan Evaluasi Pembangunan ZI Disdukcapil Kabupaten Padang Pariaman "
                  "Semester 1 Tahun 2022)")

# --------------------------------------------------------------------------------------------------------------
# Weights, transcribed from the seed (BAB III 3.1): (area key, nama, bobot, [(indikator nama, bobot), ...])
# --------------------------------------------------------------------------------------------------------------
AREA_2019: list[tuple[str, str, float, list[tuple[str, float]]]] = [
    ("manajemen_perubahan", "MANAJEMEN PERUBAHAN", 8.0, [
        ("Tim Kerja", 1.0),
        ("Rencana Pembangunan Zona Integritas", 2.0),
        ("Pemantauan dan Evaluasi Pembangunan WBK/WBBM", 2.0),
        ("Perubahan pola pikir dan budaya kerja", 3.0)]),
    ("tatalaksana", "PENATAAN TATALAKSANA", 7.0, [
        ("Prosedur operasional tetap (SOP) kegiatan utama", 2.0),
        ("E-Office", 4.0),
        ("Keterbukaan Informasi Publik", 1.0)]),
    ("sdm", "PENATAAN SISTEM MANAJEMEN SDM", 10.0, [
        ("Perencanaan kebutuhan pegawai sesuai dengan kebutuhan organisasi", 0.5),
        ("Pola Mutasi Internal", 1.0),
        ("Pengembangan pegawai berbasis kompetensi", 2.5),
        ("Penetapan kinerja individu", 4.0),
        ("Penegakan aturan disiplin/kode etik/kode perilaku pegawai", 1.5),
        ("Sistem Informasi Kepegawaian", 0.5)]),
    ("akuntabilitas", "PENGUATAN AKUNTABILITAS", 10.0, [
        ("Keterlibatan pimpinan", 5.0),
        ("Pengelolaan Akuntabilitas Kinerja", 5.0)]),
    ("pengawasan", "PENGUATAN PENGAWASAN", 15.0, [
        ("Pengendalian Gratifikasi", 3.0),
        ("Penerapan SPIP", 3.0),
        ("Pengaduan Masyarakat", 3.0),
        ("Whistle-Blowing System", 3.0),
        ("Penanganan Benturan Kepentingan", 3.0)]),
    ("pelayanan", "PENINGKATAN KUALITAS PELAYANAN PUBLIK", 10.0, [
        ("Standar Pelayanan", 3.0),
        ("Budaya Pelayanan Prima", 3.0),
        ("Penilaian kepuasan terhadap pelayanan", 4.0)]),
]

CATATAN_PELAYANAN = ("bobot indikator menurut angka dalam nama pada tabel seed: 'Standar Pelayanan (3)', 'Budaya "
                     "Pelayanan Prima (3)', 'Penilaian kepuasan terhadap pelayanan (4)'; kolom SCORE seed menulis 3,0 "
                     "/ 4,0 / 3,0 (dua angka terakhir tertukar, cacat seed); nomorsoal.nilai SIAPZI juga 3 dan 4")

#: 52/2014 areas (DESIGN.md "52/2014 areas 5/5/15/10/15/10"; order as the change areas are always listed and as
#: SIAPZI's romawisoal I..VI, whose ``nilai`` column holds these very figures).
AREA_2014: list[tuple[str, str, float]] = [
    ("manajemen_perubahan", "MANAJEMEN PERUBAHAN", 5.0),
    ("tatalaksana", "PENATAAN TATALAKSANA", 5.0),
    ("sdm", "PENATAAN SISTEM MANAJEMEN SDM", 15.0),
    ("akuntabilitas", "PENGUATAN AKUNTABILITAS KINERJA", 10.0),
    ("pengawasan", "PENGUATAN PENGAWASAN", 15.0),
    ("pelayanan", "PENINGKATAN KUALITAS PELAYANAN PUBLIK", 10.0),
]

#: Hasil 2014/2019 (seed BAB III "B. KOMPONEN HASIL"; DESIGN.md for 2014).
HASIL = {
    "bersih": ("PEMERINTAH YANG BERSIH DAN BEBAS KKN", 20.0),
    "ipak": ("Nilai Survey Persepsi Korupsi (Survei Eksternal)", 15.0),
    "tlhp": ("Persentase temuan hasil pemeriksaan (Internal dan eksternal) yang ditindaklanjuti", 5.0),
    "pelayanan_hasil": ("KUALITAS PELAYANAN PUBLIK", 20.0),
    "ipkp": ("Nilai Persepsi Kualitas Pelayanan (Survei Eksternal)", 20.0),
}

# --------------------------------------------------------------------------------------------------------------
# Answer types
# --------------------------------------------------------------------------------------------------------------
#: SQL ``jawaban`` options judged not to belong to their question (abcsoal id → reason).
PILIHAN_DITOLAK: dict[int, str] = {
    1: "pilihan a-c tentang 'Tim Reformasi Birokrasi sesuai kebutuhan organisasi', bukan tim kerja "
       "WBK/WBBM",
    2: "pilihan a-d tentang pelaksanaan tugas 'tim reformasi birokrasi sesuai dengan rencana kerja', "
       "bukan cara memilih anggota tim",
    3: "pilihan a-d tentang monitoring dan evaluasi rencana kerja, bukan keberadaan dokumen rencana "
       "kerja pembangunan ZI",
}

#: abcsoal id → id of the successor question in lke-2021.json (Pemenuhan), whose jenis is taken over.
PENERUS_2021: dict[int, str] = {
    1: "A.I.1.i.a", 2: "A.I.1.i.b", 3: "A.I.1.ii.a", 4: "A.I.1.ii.b", 5: "A.I.1.ii.c", 6: "A.I.1.iii.a",
    7: "A.I.1.iii.b", 8: "A.I.1.iii.c", 9: "A.I.1.iv.a", 10: "A.I.1.iv.b", 11: "A.I.1.iv.c", 12: "A.I.1.iv.d",
    13: "A.I.2.i.a", 14: "A.I.2.i.b", 15: "A.I.2.i.c", 16: "A.I.2.ii.a", 17: "A.I.2.ii.b", 18: "A.I.2.ii.c",
    19: "A.I.2.ii.d", 20: "A.I.2.iii.a", 21: "A.I.2.iii.b",
    22: "A.I.3.i.a", 23: "A.I.3.i.b", 24: "A.I.3.i.c", 25: "A.I.3.ii.a", 26: "A.I.3.ii.b", 27: "A.I.3.ii.c",
    28: "A.I.3.iii.a", 29: "A.I.3.iii.b", 30: "A.I.3.iii.c", 31: "A.I.3.iii.d", 32: "A.I.3.iii.e", 33: "A.I.3.iii.f",
    34: "A.I.3.iv.a", 35: "A.I.3.iv.b", 36: "A.I.3.iv.c", 37: "A.I.3.iv.d", 38: "A.I.3.v.a", 39: "A.I.3.vi.a",
    40: "A.I.4.i.a", 41: "A.I.4.i.b", 42: "A.I.4.i.c", 43: "A.I.4.ii.a", 44: "A.I.4.ii.b", 45: "A.I.4.ii.c",
    46: "A.I.4.ii.d", 47: "A.I.4.ii.e", 48: "A.I.4.ii.f", 49: "A.I.4.ii.h", 50: "A.I.4.ii.h",
    51: "A.I.5.i.a", 52: "A.I.5.i.b", 53: "A.I.5.ii.a", 54: "A.I.5.ii.b", 55: "A.I.5.ii.c", 56: "A.I.5.ii.d",
    57: "A.I.5.iii.a", 58: "A.I.5.iii.b", 59: "A.I.5.iii.c", 60: "A.I.5.iii.d", 62: "A.I.5.iv.a",
    63: "A.I.5.iv.b", 64: "A.I.5.iv.c", 65: "A.I.5.v.a", 66: "A.I.5.v.b", 67: "A.I.5.v.c", 68: "A.I.5.v.d",
    69: "A.I.5.v.e",
    70: "A.I.6.i.a", 71: "A.I.6.i.b", 73: "A.I.6.i.c", 74: "A.I.6.ii.a", 75: "A.I.6.ii.b", 76: "A.I.6.ii.c",
    77: "A.I.6.ii.e", 78: "A.I.6.ii.f", 79: "A.I.6.iv.a", 80: "A.I.6.iv.b", 81: "A.I.6.iv.c",
}

#: Notes on successor matches that are not word for word.
CATATAN_PENERUS: dict[int, str] = {
    30: "kalimat 2019 'Persentase kesenjangan ...' dijawab dengan pita persentase (a. <25% ...), seperti penerusnya; "
        "seed (rencana aksi) juga menarget 'kurang dari 25%'",
    49: "90/2021 menggabungkan soal ini dan soal 'Pengelolaan akuntabilitas kinerja dilaksanakan oleh SDM yang "
        "kompeten' menjadi satu pertanyaan",
    50: "90/2021 menggabungkan soal ini dan soal 'upaya peningkatan kapasitas SDM yang menangani akuntabilitas "
        "kinerja' menjadi satu pertanyaan (kriteria jawabannya tentang kompetensi SDM)",
    58: "penerus berbunyi 'pengaduan masyarakat ditindaklanjuti' (Ya/Tidak)",
    74: "penerus dirumuskan ulang: 'upaya peningkatan kemampuan dan/atau kompetensi tentang penerapan budaya "
        "pelayanan prima'",
    76: "90/2021 memecah soal ini menjadi sistem penghargaan/sanksi petugas (A.I.6.ii.c) dan kompensasi penerima "
        "layanan (A.I.6.ii.d), keduanya A/B/C/D",
}

#: Questions without a 90/2021 successor: jenis from the wording (abcsoal id → (jenis, reason)).
JENIS_DARI_KALIMAT: dict[int, tuple[str, str]] = {
    61: ("ya_tidak", "tidak ada penerus di LKE 90/2021; pertanyaan tertutup 'Apakah ... sudah di-internalisasi?' "
                     "tanpa tingkatan dibaca Ya/Tidak"),
    72: ("ya_tidak", "tidak ada penerus di LKE 90/2021; kalimat 'Terdapat SOP bagi pelaksanaan standar pelayanan' "
                     "menyatakan ada/tidaknya dokumen, dibaca Ya/Tidak"),
}

_JENIS_HURUF = {"abc": "abc", "abcd": "abcd", "abcde": "abcde"}


def jenis_dari_pilihan(pilihan: list[str]) -> str | None:
    """Answer type from the texts of a question's answer options: Ya/Tidak → ``ya_tidak``; options lettered
    a..c / a..d / a..e (``"a. ..."``, ``"B) ..."``) → ``abc`` / ``abcd`` / ``abcde``; anything else → ``None``."""
    kepala = []
    for teks in pilihan:
        t = " ".join(teks.split())
        m = re.match(r"([a-eA-E])\s*[.)]", t)
        if m:
            kepala.append(m.group(1).lower())
        elif t.lower().rstrip(".") in ("ya", "tidak"):
            kepala.append(t.lower().rstrip("."))
        else:
            return None
    if sorted(kepala) == ["tidak", "ya"]:
        return "ya_tidak"
    huruf = "".join(sorted(kepala))
    return _JENIS_HURUF.get(huruf)


# --------------------------------------------------------------------------------------------------------------
# SQL and HTML readers
# --------------------------------------------------------------------------------------------------------------
_ESC = {"n": "\n", "r": "\r", "t": "\t", "0": "\0", "'": "'", '"': '"', "\\": "\\", "Z": "\x1a", "b": "\b"}
_INSERT = re.compile(r"insert\s+into\s+`(\w+)`\s*\(([^)]*)\)\s*values\s*", re.I)
_ANGKA = re.compile(r"NULL|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?", re.I)


def parse_mysql_inserts(teks: str) -> dict[str, list[dict]]:
    """Rows of every ``INSERT INTO `table`(`col`, ...) VALUES (...), (...);`` statement, as dicts per table."""
    out: dict[str, list[dict]] = {}
    for m in _INSERT.finditer(teks):
        tabel, kolom = m.group(1), [c.strip().strip("`") for c in m.group(2).split(",")]
        i, rows = m.end(), out.setdefault(m.group(1), [])

        def skip(j: int) -> int:
            while teks[j].isspace():
                j += 1
            return j

        while True:
            i = skip(i)
            if teks[i] != "(":
                raise ValueError(f"{tabel}: '(' diharapkan pada posisi {i}")
            i, row = i + 1, []
            while True:
                i = skip(i)
                if teks[i] == "'":
                    i, buf = i + 1, []
                    while True:
                        c = teks[i]
                        if c == "\\":
                            buf.append(_ESC.get(teks[i + 1], teks[i + 1]))
                            i += 2
                        elif c == "'" and teks[i + 1] == "'":
                            buf.append("'")
                            i += 2
                        elif c == "'":
                            i += 1
                            break
                        else:
                            buf.append(c)
                            i += 1
                    row.append("".join(buf))
                else:
                    a = _ANGKA.match(teks, i)
                    if not a:
                        raise ValueError(f"{tabel}: nilai tidak dikenal pada posisi {i}: {teks[i:i + 20]!r}")
                    tok, i = a.group(0), a.end()
                    if tok.upper() == "NULL":
                        row.append(None)
                    elif re.fullmatch(r"-?\d+", tok):
                        row.append(int(tok))
                    else:
                        row.append(float(tok))
                i = skip(i)
                if teks[i] == ",":
                    i += 1
                    continue
                if teks[i] != ")":
                    raise ValueError(f"{tabel}: ')' diharapkan pada posisi {i}")
                i += 1
                break
            rows.append(dict(zip(kolom, row, strict=True)))
            i = skip(i)
            if teks[i] == ",":
                i += 1
                continue
            if teks[i] != ";":
                raise ValueError(f"{tabel}: ';' diharapkan pada posisi {i}")
            break
    return out


class _Teks(HTMLParser):
    """HTML → plain text: one line per paragraph / <br> / list item (ordered lists numbered, others "- ")."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.baris: list[str] = [""]
        self.daftar: list[list] = []  # stack of [tag, counter]

    def _baru(self) -> None:
        if self.baris[-1].strip():
            self.baris.append("")

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "div", "br", "tr", "h1", "h2", "h3", "h4"):
            self._baru()
        elif tag in ("ol", "ul"):
            self._baru()
            self.daftar.append([tag, 0])
        elif tag == "li":
            self._baru()
            if self.daftar:
                self.daftar[-1][1] += 1
                tag_d, n = self.daftar[-1]
                self.baris[-1] = f"{n}. " if tag_d == "ol" else "- "
            else:
                self.baris[-1] = "- "

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in ("ol", "ul") and self.daftar:
            self.daftar.pop()
        if tag in ("p", "div", "li", "ol", "ul", "tr"):
            self._baru()

    def handle_data(self, data):
        self.baris[-1] += data


def html_ke_teks(s: str | None) -> str | None:
    """Petunjuk teknis HTML → plain text (entities unescaped, whitespace normalised, one line per block)."""
    if not s:
        return None
    p = _Teks()
    p.feed(s)
    p.close()
    lines = [" ".join(html.unescape(b).replace("\u00a0", " ").split()) for b in p.baris]
    teks = "\n".join(b for b in lines if b)
    return teks or None


def rapikan(s: str) -> str:
    t = " ".join(s.replace("\u00a0", " ").split())
    return re.sub(r"\s+([?.,;:])", r"\1", t)


def pisah_kode(nama: str) -> tuple[str | None, str]:
    """``"a. Apakah ...?"`` → ``("a", "Apakah ...?")``; no prefix → ``(None, text)``."""
    t = rapikan(nama)
    m = re.match(r"([a-z])\.\s*(.*)$", t)
    return (m.group(1), m.group(2)) if m else (None, t)


def _kunci(s: str) -> str:
    return " ".join(s.lower().replace("/ ", "/").replace(" /", "/").split())


def _angka(x: float) -> str:
    return f"{x:g}"


_ROMAWI = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]


# --------------------------------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------------------------------
def _hasil(nodes: list[Node]) -> None:
    nodes.append(Node(id="B", induk=None, tingkat="komponen", nama="HASIL", kode="B.", bobot=40.0,
                      peran=["hasil"], agregasi="jumlah"))
    nama, bobot = HASIL["bersih"]
    nodes.append(Node(id="B.I", induk="B", tingkat="bagian", nama=nama, kode="I.", bobot=bobot, peran=["bersih"],
                      agregasi="jumlah"))
    nama, bobot = HASIL["ipak"]
    nodes.append(Node(id="B.I.a", induk="B.I", tingkat="indikator", nama=nama, kode="a", bobot=bobot,
                      jenis="nilai_0_4", peran=["ipak"], agregasi="jawaban",
                      penjelasan="Diisi dengan nilai hasil Survei Eksternal atas Persepsi Anti Korupsi (skala 0-4); "
                                 f"nilai = survei / 4 x {_angka(bobot)}"))
    nama, bobot = HASIL["tlhp"]
    nodes.append(Node(id="B.I.b", induk="B.I", tingkat="indikator", nama=nama, kode="b", bobot=bobot,
                      peran=["tlhp"], agregasi="rata_rata",
                      catatan=["dimodelkan sebagai indikator dengan satu pertanyaan persentase: nilai = MIN(%, 100%) "
                               f"x {_angka(bobot)}"]))
    nodes.append(Node(id="B.I.b.1", induk="B.I.b", tingkat="pertanyaan", kode="-", jenis="persen",
                      nama="Persentase temuan hasil pemeriksaan (internal dan eksternal) yang telah ditindaklanjuti",
                      penjelasan="Diisi dengan persentase (0-100%) jumlah temuan hasil pemeriksaan (internal dan "
                                 "eksternal) yang telah ditindaklanjuti dibagi jumlah seluruh temuan"))
    nama, bobot = HASIL["pelayanan_hasil"]
    nodes.append(Node(id="B.II", induk="B", tingkat="bagian", nama=nama, kode="II.", bobot=bobot,
                      peran=["pelayanan_hasil"], agregasi="jumlah"))
    nama, bobot = HASIL["ipkp"]
    nodes.append(Node(id="B.II.a", induk="B.II", tingkat="indikator", nama=nama, kode="a", bobot=bobot,
                      jenis="nilai_0_4", peran=["ipkp"], agregasi="jawaban",
                      penjelasan="Diisi dengan nilai hasil Survei Eksternal atas Persepsi Kualitas Pelayanan (skala "
                                 f"0-4); nilai = survei / 4 x {_angka(bobot)}"))


def _nomori_baris(nodes: list[Node]) -> None:
    """Rows as in an LKE sheet laid out like the official 2021 one: header row 2, komponen A at row 4, then one row
    per node in tree order (the node list is built in tree order)."""
    for i, n in enumerate(nodes):
        n.baris = 4 + i


def _cocokkan_indikator(ind_seed: list[tuple[str, float]], ind_sql: list[dict], area: str) -> list[dict]:
    """Match the seed's indicators of one area to the SQL ``nomorsoal`` rows of that area, by name."""
    hasil: list[dict] = []
    sisa = list(ind_sql)
    for nama, _ in ind_seed:
        skor = [(difflib.SequenceMatcher(None, _kunci(nama), _kunci(r["nama"])).ratio(), r) for r in sisa]
        if not skor:
            raise ValueError(f"{area}: indikator '{nama}' tidak ada di SQL")
        rasio, r = max(skor, key=lambda x: x[0])
        if rasio < 0.6:
            raise ValueError(f"{area}: indikator '{nama}' tidak cocok dengan SQL (terdekat '{r['nama']}', {rasio:.2f})")
        hasil.append(r)
        sisa.remove(r)
    if sisa:
        raise ValueError(f"{area}: indikator SQL tanpa pasangan: {[r['nama'] for r in sisa]}")
    return hasil


def build_2019(sql_path: str | Path, rules_2021: RuleSet | None = None) -> RuleSet:
    """The 10/2019 rule set from the SIAPZI SQL extract, the seed's weights and the 90/2021 answer types."""
    sql_path = Path(sql_path)
    db = parse_mysql_inserts(sql_path.read_text(encoding="utf-8"))
    r2021 = rules_2021 or load_rules("2021")
    romawi = sorted(db["romawisoal"], key=lambda r: r["id"])
    if len(romawi) != len(AREA_2019):
        raise ValueError("romawisoal tidak berisi 6 area")
    pilihan: dict[int, list[dict]] = {}
    for j in sorted(db.get("jawaban", []), key=lambda r: r["id"]):
        pilihan.setdefault(j["id_abcsoal"], []).append(j)

    nodes: list[Node] = [Node(id="A", induk=None, tingkat="komponen", nama="PENGUNGKIT", kode="A.", bobot=60.0,
                              peran=["pengungkit"], agregasi="jumlah")]
    for no, ((key, nama_area, bobot_area, ind_seed), rom) in enumerate(zip(AREA_2019, romawi, strict=True), 1):
        aid = f"A.{no}"
        cat_area = [f"bobot dari tabel seed; romawisoal SIAPZI id {rom['id']} '{rom['nama']}' "
                    f"(nilai {_angka(rom['nilai'])}, tidak dipakai)"]
        if key == "pelayanan":
            cat_area.append(CATATAN_PELAYANAN)
        nodes.append(Node(id=aid, induk="A", tingkat="area", nama=nama_area, kode=f"{no}.", bobot=bobot_area,
                          area=key, agregasi="jumlah", catatan=cat_area))
        ind_sql = sorted((r for r in db["nomorsoal"] if r["id_romawisoal"] == rom["id"]), key=lambda r: r["id"])
        for k, ((nama_ind, bobot_ind), rsql) in enumerate(
                zip(ind_seed, _cocokkan_indikator(ind_seed, ind_sql, nama_area), strict=True)):
            iid = f"{aid}.{_ROMAWI[k]}"
            cat = [f"pertanyaan dari nomorsoal SIAPZI id {rsql['id']}"
                   + ("" if _kunci(rsql["nama"]) == _kunci(nama_ind) else f" ('{rapikan(rsql['nama'])}')")
                   + ("" if rsql["nilai"] == bobot_ind else f"; bobot SIAPZI {_angka(rsql['nilai'])} tidak dipakai")]
            if key == "pelayanan" and k >= 1:
                cat.append(CATATAN_PELAYANAN)
            soal = sorted((q for q in db["abcsoal"] if q["id_nomorsoal"] == rsql["id"]), key=lambda q: q["id"])
            ind = Node(id=iid, induk=aid, tingkat="indikator", nama=nama_ind, kode=f"{_ROMAWI[k]}.",
                       bobot=bobot_ind, agregasi="rata_rata" if soal else "jawaban", catatan=cat)
            if not soal:  # not the case with this SQL file; kept for other extracts
                ind.jenis = "nilai_langsung"
                ind.catatan.append("tidak ada pertanyaan di SQL: dijawab langsung dengan nilai indikator (poin, maks "
                                   f"{_angka(bobot_ind)})")
            nodes.append(ind)
            for urut, q in enumerate(soal):
                nodes.append(_pertanyaan(q, iid, urut, len(soal), pilihan.get(q["id"], []), r2021))
    _hasil(nodes)
    _nomori_baris(nodes)
    sumber = {
        "regulasi": "PermenPANRB Nomor 10 Tahun 2019 (perubahan atas PermenPANRB 52/2014, Pedoman Pembangunan Zona "
                    "Integritas menuju WBK/WBBM)",
        "bobot": f"{SEED_DESKRIPSI}, BAB III 3.1: tabel 'A. KOMPONEN PENGUNGKIT' (NO/RENCANA/SCORE) dan "
                 "'B. KOMPONEN HASIL'",
        "berkas": SQL_BERKAS,
        "asal": "ekstrak basis data SIAPZI 2019 dari repositori publik faiqfirdausy/wbk (database/wbk.sql): tabel "
                "romawisoal, nomorsoal, abcsoal (teks pertanyaan, petunjuk teknis = penjelasan), jawaban; lihat "
                "shared/reference/SOURCES.md. SIAPZI adalah aplikasi Kementerian Hukum dan HAM: petunjuk teknisnya "
                "adalah panduan kementerian itu, bukan kriteria jawaban resmi LKE",
        "jenis_jawaban": "direkonstruksi: SQL tidak memuat pilihan jawaban yang sah; diambil dari pertanyaan "
                         "penerus di lke-2021.json (LKE 90/2021, bagian Pemenuhan) atau dari kalimat pertanyaan; "
                         "lihat catatan tiap pertanyaan",
        "pembangkit": "tools/build_rules_2019.py",
    }
    return RuleSet(versi="2019", nama="LKE ZI PermenPANRB 10/2019", sumber=sumber, nodes=nodes)


def _pertanyaan(q: dict, iid: str, urut: int, jumlah: int, opsi: list[dict], r2021: RuleSet) -> Node:
    huruf, teks = pisah_kode(q["nama"])
    if huruf is None and jumlah != 1:
        raise ValueError(f"abcsoal {q['id']}: tanpa huruf, padahal indikatornya berisi {jumlah} pertanyaan")
    if huruf is not None and huruf != "abcdefghijklmnopqrstuvwxyz"[urut]:
        raise ValueError(f"abcsoal {q['id']}: huruf '{huruf}' tidak sesuai urutan")
    catatan: list[str] = []
    if huruf is None:
        catatan.append("tanpa kode huruf di SQL; kode '-'")
    jenis = None
    if opsi:
        ids = f"{opsi[0]['id']}-{opsi[-1]['id']}"
        if q["id"] in PILIHAN_DITOLAK:
            catatan.append(f"pilihan jawaban SQL (jawaban id {ids}) tidak dipakai: {PILIHAN_DITOLAK[q['id']]}")
        else:
            jenis = jenis_dari_pilihan([o["nama"] for o in opsi])
            if jenis is None:
                raise ValueError(f"abcsoal {q['id']}: pilihan jawaban SQL tidak dikenali")
            catatan.append(f"jenis dari pilihan jawaban SQL (jawaban id {ids})")
    if jenis is None:
        tanpa = ("pilihan jawaban SQL untuk soal ini tidak dipakai" if opsi
                 else "SQL tidak memuat pilihan jawaban untuk soal ini")
        if q["id"] in PENERUS_2021:
            p = r2021.node(PENERUS_2021[q["id"]])
            jenis = p.jenis
            teks_c = (f"jenis direkonstruksi: {tanpa}; diambil dari pertanyaan penerus"
                      f" di LKE 90/2021 ({p.id} \"{p.nama}\", {jenis})")
            if q["id"] in CATATAN_PENERUS:
                teks_c += f"; {CATATAN_PENERUS[q['id']]}"
            catatan.append(teks_c)
        elif q["id"] in JENIS_DARI_KALIMAT:
            jenis, alasan = JENIS_DARI_KALIMAT[q["id"]]
            catatan.append(f"jenis direkonstruksi: {tanpa}; {alasan}")
        else:
            raise ValueError(f"abcsoal {q['id']}: jenis jawaban tidak dapat ditentukan")
    if q.get("nilai") is not None:
        catatan.append(f"bobot soal di SIAPZI (abcsoal.nilai) {_angka(q['nilai'])}: tidak dipakai (nilai indikator "
                       "= rata-rata jawaban x bobot indikator)")
    catatan.append(f"abcsoal SIAPZI id {q['id']}")
    return Node(id=f"{iid}.{huruf or urut + 1}", induk=iid, tingkat="pertanyaan", nama=teks,
                kode=f"{huruf}." if huruf else "-", jenis=jenis, penjelasan=html_ke_teks(q.get("petunjuk_teknis")),
                catatan=catatan)


def build_2014() -> RuleSet:
    """The 52/2014 rule set: six directly answered areas (points) and the Hasil of 2019."""
    nodes: list[Node] = [Node(id="A", induk=None, tingkat="komponen", nama="PENGUNGKIT", kode="A.", bobot=60.0,
                              peran=["pengungkit"], agregasi="jumlah")]
    for no, (key, nama, bobot) in enumerate(AREA_2014, 1):
        nodes.append(Node(id=f"A.{no}", induk="A", tingkat="area", nama=nama, kode=f"{no}.", bobot=bobot,
                          jenis="nilai_langsung", area=key, agregasi="jawaban",
                          penjelasan=f"Diisi dengan nilai area ini (poin, 0-{_angka(bobot)}) dari LKE 52/2014 unit "
                                     "kerja",
                          catatan=["dijawab langsung: indikator dan pertanyaan LKE 52/2014 tidak tersedia sebagai "
                                   "sumber; nilai area dari LKE 2014 unit kerja (dibatasi pada bobot)",
                                   "bobot: DESIGN.md (52/2014 areas 5/5/15/10/15/10); kolom romawisoal.nilai di "
                                   f"{SQL_BERKAS} (I-VI) berisi angka yang sama"]))
    _hasil(nodes)
    _nomori_baris(nodes)
    sumber = {
        "regulasi": "PermenPANRB Nomor 52 Tahun 2014 (Pedoman Pembangunan Zona Integritas menuju WBK/WBBM)",
        "bobot": "bobot area 5/5/15/10/15/10 dan komponen hasil (IPAK 15, TLHP 5, IPKP 20): shared/DESIGN.md "
                 f"'Facts to build on'; urutan area dan angkanya dikuatkan oleh tabel romawisoal di {SQL_BERKAS}; "
                 f"syarat predikat 2014 pada {SEED_DESKRIPSI}, tabel 'Penetapan Unit Kerja Berpredikat WBK dan WBBM', "
                 "konsisten dengan bobot hasil ini",
        "catatan": "hanya bobot area yang diketahui: setiap area dijawab langsung dengan nilainya (nilai_langsung)",
        "pembangkit": "tools/build_rules_2019.py",
    }
    return RuleSet(versi="2014", nama="LKE ZI PermenPANRB 52/2014", sumber=sumber, nodes=nodes)


def main(ref: Path) -> None:
    out = ROOT / "zi_xl" / "lke" / "rules" / "data"
    r2019 = build_2019(ref / SQL_BERKAS)
    (out / "lke-2019.json").write_text(r2019.to_json(), encoding="utf-8")
    r2014 = build_2014()
    (out / "lke-2014.json").write_text(r2014.to_json(), encoding="utf-8")
    print("ditulis:", out / "lke-2019.json", out / "lke-2014.json")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference")
