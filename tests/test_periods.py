"""Target waktu parser: every target text of the seed's BAB III, the variants of the issue, and nonsense.

Expected dates are worked out by hand (last day of the last month named, first day of the first)."""

from datetime import date, datetime

import pytest

from zi_xl.periods import BULAN, nama_bulan, parse_target_waktu

D = date

# Every distinct TARGET WAKTU text in the seed (BAB III), with its meaning.
SEED_TEXTS = [
    ("Januari 2022", D(2022, 1, 1), D(2022, 1, 31)),
    ("Februari 2022", D(2022, 2, 1), D(2022, 2, 28)),
    ("Maret 2022", D(2022, 3, 1), D(2022, 3, 31)),
    ("Juni 2022", D(2022, 6, 1), D(2022, 6, 30)),
    ("November 2021", D(2021, 11, 1), D(2021, 11, 30)),
    ("Januari-Desember 2022", D(2022, 1, 1), D(2022, 12, 31)),
    ("Januari s/d Desember 2022", D(2022, 1, 1), D(2022, 12, 31)),
    ("Januari-Februari 2022", D(2022, 1, 1), D(2022, 2, 28)),
    ("Januari-Maret 2022", D(2022, 1, 1), D(2022, 3, 31)),
    ("Januari s.d Pebruari 2022", D(2022, 1, 1), D(2022, 2, 28)),
    ("Januari s.d Mei 2022", D(2022, 1, 1), D(2022, 5, 31)),
]


@pytest.mark.parametrize("text,mulai,tenggat", SEED_TEXTS)
def test_seed_texts(text, mulai, tenggat):
    t = parse_target_waktu(text)
    assert (t.mulai, t.tenggat, t.berulang, t.peringatan) == (mulai, tenggat, False, None)
    assert t.terbaca and t.teks == text


def test_seed_recurring_text():
    t = parse_target_waktu("Setiap ada pertemuan")
    assert t.berulang and t.terbaca
    assert (t.mulai, t.tenggat, t.peringatan) == (None, None, None)


def test_seed_json_has_exactly_these_texts():
    """The table above covers every non-empty target text of the seed data (nothing left untested)."""
    from zi_xl.rencana_aksi.seed import seed_data

    texts = {r["target_waktu"] for a in seed_data()["area"] for r in a["baris"] if r["target_waktu"]}
    assert texts == {t for t, _, _ in SEED_TEXTS} | {"Setiap ada pertemuan"}


VARIANTS = [
    # ranges with the usual connectors
    ("Januari sampai dengan Maret 2022", D(2022, 1, 1), D(2022, 3, 31)),
    ("Januari sampai Maret 2022", D(2022, 1, 1), D(2022, 3, 31)),
    ("Januari hingga April 2022", D(2022, 1, 1), D(2022, 4, 30)),
    ("Januari s.d. Pebruari 2024", D(2024, 1, 1), D(2024, 2, 29)),
    ("Januari sd Juni 2022", D(2022, 1, 1), D(2022, 6, 30)),
    ("Januari – Desember 2023", D(2023, 1, 1), D(2023, 12, 31)),
    ("Januari S/D Desember 2022", D(2022, 1, 1), D(2022, 12, 31)),
    ("Januari 2022 - Maret 2022", D(2022, 1, 1), D(2022, 3, 31)),
    ("Desember 2021 - Februari 2022", D(2021, 12, 1), D(2022, 2, 28)),
    # spellings and abbreviations
    ("Pebruari 2023", D(2023, 2, 1), D(2023, 2, 28)),
    ("Nopember 2022", D(2022, 11, 1), D(2022, 11, 30)),
    ("Agt 2022", D(2022, 8, 1), D(2022, 8, 31)),
    ("Des 2022", D(2022, 12, 1), D(2022, 12, 31)),
    ("Okt. 2022", D(2022, 10, 1), D(2022, 10, 31)),
    ("Sept 2022", D(2022, 9, 1), D(2022, 9, 30)),
    ("MEI 2022", D(2022, 5, 1), D(2022, 5, 31)),
    ("  bulan  Juli   tahun 2022 ", D(2022, 7, 1), D(2022, 7, 31)),
    ("Akhir Desember 2022", D(2022, 12, 1), D(2022, 12, 31)),
    # explicit dates
    ("30 Mei 2022", D(2022, 5, 30), D(2022, 5, 30)),
    ("31/05/2022", D(2022, 5, 31), D(2022, 5, 31)),
    ("31-05-2022", D(2022, 5, 31), D(2022, 5, 31)),
    ("2022-05-31", D(2022, 5, 31), D(2022, 5, 31)),
    ("29 Februari 2024", D(2024, 2, 29), D(2024, 2, 29)),
    ("1-15 Maret 2022", D(2022, 3, 1), D(2022, 3, 15)),
    ("1 Maret - 30 Mei 2022", D(2022, 3, 1), D(2022, 5, 30)),
    ("Selambat-lambatnya 30 Juni 2022", D(2022, 6, 30), D(2022, 6, 30)),
    # quarters and semesters
    ("Triwulan I 2022", D(2022, 1, 1), D(2022, 3, 31)),
    ("Triwulan IV 2022", D(2022, 10, 1), D(2022, 12, 31)),
    ("TW II 2022", D(2022, 4, 1), D(2022, 6, 30)),
    ("TW3 2022", D(2022, 7, 1), D(2022, 9, 30)),
    ("Triwulan ke-2 2022", D(2022, 4, 1), D(2022, 6, 30)),
    ("Triwulan I - III 2022", D(2022, 1, 1), D(2022, 9, 30)),
    ("Semester 1 2022", D(2022, 1, 1), D(2022, 6, 30)),
    ("Semester II Tahun 2022", D(2022, 7, 1), D(2022, 12, 31)),
    ("Semester kedua 2022", D(2022, 7, 1), D(2022, 12, 31)),
    ("Semester 1 - 2 2022", D(2022, 1, 1), D(2022, 12, 31)),
    # years and lists
    ("2022", D(2022, 1, 1), D(2022, 12, 31)),
    ("Tahun 2023", D(2023, 1, 1), D(2023, 12, 31)),
    ("Maret, Juni dan September 2022", D(2022, 3, 1), D(2022, 9, 30)),
]


@pytest.mark.parametrize("text,mulai,tenggat", VARIANTS)
def test_variants(text, mulai, tenggat):
    t = parse_target_waktu(text)
    assert (t.mulai, t.tenggat, t.berulang, t.peringatan) == (mulai, tenggat, False, None)


@pytest.mark.parametrize("text", ["Setiap bulan", "Setiap hari", "Berkala", "berkala setiap triwulan",
                                  "Rutin", "Sewaktu-waktu", "Tiap minggu", "Terus menerus",
                                  "Menyesuaikan", "Bila diperlukan", "Januari-Desember 2022 (setiap bulan)"])
def test_recurring(text):
    t = parse_target_waktu(text)
    assert t.berulang and t.terbaca and t.tenggat is None and t.peringatan is None


@pytest.mark.parametrize("n,names", sorted(BULAN.items()))
def test_every_month_name_and_abbreviation(n, names):
    for name in names:
        t = parse_target_waktu(f"{name.capitalize()} 2023")
        assert t.mulai == D(2023, n, 1), name
        assert t.tenggat.month == n and (t.tenggat + (D(2023, 1, 2) - D(2023, 1, 1))).day == 1, name


def test_month_names():
    assert [nama_bulan(m) for m in (1, 2, 8, 11, 12)] == ["Januari", "Februari", "Agustus", "November", "Desember"]


@pytest.mark.parametrize("text,tenggat", [("Februari 2024", D(2024, 2, 29)), ("Februari 2023", D(2023, 2, 28)),
                                          ("Februari 2000", D(2000, 2, 29)), ("Februari 2100", D(2100, 2, 28)),
                                          ("Semester 1 2024", D(2024, 6, 30))])
def test_leap_years(text, tenggat):
    assert parse_target_waktu(text).tenggat == tenggat


class TestYearMissing:
    def test_taken_from_document_year_with_warning(self):
        t = parse_target_waktu("Maret", tahun=2022)
        assert (t.mulai, t.tenggat) == (D(2022, 3, 1), D(2022, 3, 31))
        assert t.peringatan == "tahun tidak disebut; dianggap 2022 (tahun dokumen)"

    def test_quarter_without_year(self):
        t = parse_target_waktu("TW II", tahun=2023)
        assert (t.mulai, t.tenggat) == (D(2023, 4, 1), D(2023, 6, 30))
        assert "dianggap 2023" in t.peringatan

    def test_range_without_year(self):
        t = parse_target_waktu("Januari s/d Juni", tahun=2022)
        assert (t.mulai, t.tenggat) == (D(2022, 1, 1), D(2022, 6, 30)) and "2022" in t.peringatan

    def test_no_default_means_not_understood(self):
        t = parse_target_waktu("Maret")
        assert not t.terbaca and t.tenggat is None
        assert "tahun tidak disebut" in t.peringatan

    def test_day_month_without_year(self):
        t = parse_target_waktu("30/05", tahun=2022)
        assert t.tenggat == D(2022, 5, 30) and "dianggap 2022" in t.peringatan

    def test_range_start_before_new_year(self):
        t = parse_target_waktu("November - Januari 2023")
        assert (t.mulai, t.tenggat) == (D(2022, 11, 1), D(2023, 1, 31))
        assert t.peringatan == "awal rentang dianggap tahun 2022"


class TestExcelValues:
    def test_datetime(self):
        t = parse_target_waktu(datetime(2022, 5, 31, 0, 0))
        assert (t.mulai, t.tenggat, t.teks) == (D(2022, 5, 31), D(2022, 5, 31), "2022-05-31")

    def test_date(self):
        assert parse_target_waktu(D(2024, 2, 29)).tenggat == D(2024, 2, 29)

    def test_year_number(self):
        t = parse_target_waktu(2022)
        assert (t.mulai, t.tenggat) == (D(2022, 1, 1), D(2022, 12, 31))

    def test_other_number_not_understood(self):
        t = parse_target_waktu(44712.0)
        assert not t.terbaca and "angka" in t.peringatan


@pytest.mark.parametrize("value,why", [
    ("", "kosong"), (None, "kosong"), ("   ", "kosong"),
    ("asdf qwerty", "kata tidak dikenal"), ("Segera", "kata tidak dikenal"),
    ("Awal tahun 2022", "kata tidak dikenal: 'awal'"),
    ("Minggu ke-2 Maret 2022", "kata tidak dikenal: 'minggu'"),
    ("30 Februari 2022", "tanggal tidak ada di kalender"), ("29 Februari 2023", "tanggal tidak ada di kalender"),
    ("31/13/2022", "tanggal tidak ada di kalender"), ("Triwulan 5 2022", "nomor triwulan"),
    ("Semester 3 2022", "nomor semester"),
    ("Triwulan II - 5 2022", "nomor triwulan tidak sah"), ("Triwulan 2022", "nomor triwulan"), ("III 2022", "romawi"),
    ("15 2022", "tanggal 15 tanpa bulan"), ("TBD", "kata tidak dikenal"), ("-", "tidak ada bulan"),
    (True, "benar/salah"),
])
def test_not_understood(value, why):
    t = parse_target_waktu(value, tahun=2022)
    assert not t.terbaca
    assert (t.mulai, t.tenggat, t.berulang) == (None, None, False)
    assert t.peringatan.startswith("target waktu tidak terbaca") and why in t.peringatan
