"""A reporting semester: Semester 1 = Januari–Juni, Semester 2 = Juli–Desember of one year (pure, no clock).

    >>> s = Semester(1, 2022)
    >>> s.mulai, s.akhir, s.bulan[0], s.bulan[-1]
    (datetime.date(2022, 1, 1), datetime.date(2022, 6, 30), '2022-01', '2022-06')
    >>> s.nama, s.periode
    ('Semester 1 Tahun 2022', 'Januari s.d. Juni 2022')
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from ..errors import ZiError
from ..teks import nama_bulan


@dataclass(frozen=True)
class Semester:
    nomor: int          # 1 or 2
    tahun: int

    def __post_init__(self):
        if self.nomor not in (1, 2):
            raise ZiError(f"semester harus 1 atau 2, bukan {self.nomor}")
        if not 1900 <= self.tahun <= 2999:
            raise ZiError(f"tahun {self.tahun} tidak masuk akal (tulis empat angka, mis. 2022)")

    @property
    def bulan_pertama(self) -> int:
        return 1 if self.nomor == 1 else 7

    @property
    def bulan(self) -> list[str]:
        """The six months as keys "YYYY-MM" (the keys of :mod:`zi_xl.monev.bulan`)."""
        return [f"{self.tahun:04d}-{m:02d}" for m in range(self.bulan_pertama, self.bulan_pertama + 6)]

    @property
    def mulai(self) -> date:
        return date(self.tahun, self.bulan_pertama, 1)

    @property
    def akhir(self) -> date:
        m = self.bulan_pertama + 5
        return date(self.tahun, m, calendar.monthrange(self.tahun, m)[1])

    def memuat(self, bulan: str) -> bool:
        """Whether the month key "YYYY-MM" lies in the semester."""
        return bulan in self.bulan

    @property
    def nama(self) -> str:
        return f"Semester {self.nomor} Tahun {self.tahun}"

    @property
    def periode(self) -> str:
        return f"{nama_bulan(self.bulan_pertama)} s.d. {nama_bulan(self.bulan_pertama + 5)} {self.tahun}"

    def to_dict(self) -> dict:
        return {"nomor": self.nomor, "tahun": self.tahun, "mulai": self.mulai.isoformat(),
                "akhir": self.akhir.isoformat()}
