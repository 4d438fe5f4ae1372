"""Excel formulas of the rencana aksi workbook (classic functions only, so LibreOffice 7.x recalculates them).

Every status formula reads the defined name ``TanggalAcuan`` (the 'Tanggal acuan' cell, ``=TODAY()`` by default),
so a report can fix the reference date by typing a date there. The formula mirrors
:func:`zi_xl.rencana_aksi.status.hitung_status` and reads REALISASI as :func:`~zi_xl.rencana_aksi.status.baca_realisasi`
does, from the same word lists; the workbook carries MULAI/TENGGAT as dates (or the text
"Berulang" for recurring targets), written by Python from the parsed TARGET WAKTU."""

from __future__ import annotations

from .status import (
    BELUM_MULAI,
    BERJALAN,
    BERKELANJUTAN,
    JATUH_TEMPO,
    KATA_BELUM,
    KATA_PROSES,
    KATA_SELESAI,
    SELESAI,
    TANDA_SELESAI,
    TERLAMBAT,
    TIDAK_TERBACA,
)

NAMA_ACUAN = "TanggalAcuan"
BERULANG = "Berulang"  # TENGGAT cell text for recurring targets

# Column letters of the 'Rencana Aksi' sheet (see workbook.KOLOM).
C_LANGKAH, C_BUKTI, C_TARGET, C_PIC, C_REALISASI, C_STATUS, C_MULAI, C_TENGGAT = "DEFGHIJK"
C_URUT, C_AREA = "M", "N"  # hidden helpers: running number of overdue rows; area of the row
C_DATANG = "O"             # hidden helper: place of the row in the list of actions due within HARI_KE_DEPAN days


def _ada(kata: tuple[str, ...], t: str) -> str:
    """Excel: does text ``t`` contain any of ``kata`` (case-insensitive, anywhere)."""
    return "SUMPRODUCT(--ISNUMBER(SEARCH({" + ";".join(f'"{k}"' for k in kata) + "}," + t + ")))>0"


def capaian(h: str) -> tuple[str, str]:
    """(done, started) of a REALISASI cell as Excel conditions — :func:`.status.baca_realisasi` in formula form;
    a completion date after the reference date is not done yet (:meth:`.status.Realisasi.selesai_pada`)."""
    t = f'LOWER(TRIM({h}&""))'
    tanpa_spasi = f'SUBSTITUTE({t}," ","")'
    teks = f"AND(ISTEXT({h}),NOT({_ada(KATA_BELUM, t)}))"
    tanda = "OR(" + ",".join(f'{t}="{k}"' for k in TANDA_SELESAI) + ")"
    selesai = (f"OR({h}=TRUE,AND(ISNUMBER({h}),OR(AND({h}>366,{h}<={NAMA_ACUAN}),{h}=1,{h}=100)),"
               f"AND({teks},OR(ISNUMBER(SEARCH(\"100%\","
               f"{tanpa_spasi})),AND(NOT({_ada(KATA_PROSES, t)}),OR({tanda},{_ada(KATA_SELESAI, t)})))))")
    mulai = f'OR(AND(ISNUMBER({h}),{h}>0,{h}<=100),AND({teks},{_ada(KATA_PROSES, t)},{tanpa_spasi}<>"0%"))'
    return selesai, mulai


def status(r: int) -> str:
    """STATUS of row ``r``: '' for an empty row, else one of the seven statuses."""
    d, e, f, h, j, k = (f"{c}{r}" for c in (C_LANGKAH, C_BUKTI, C_TARGET, C_REALISASI, C_MULAI, C_TENGGAT))
    acuan = NAMA_ACUAN
    selesai, mulai = capaian(h)
    return (f'=IF(AND(TRIM({d}&"")="",TRIM({e}&"")="",TRIM({f}&"")="",TRIM({k}&"")=""),"",'
            f'IF({selesai},"{SELESAI}",'
            f'IF(LOWER(TRIM({k}&""))="{BERULANG.lower()}","{BERKELANJUTAN}",'
            f'IF(NOT(ISNUMBER({k})),"{TIDAK_TERBACA}",'
            f'IF({k}<{acuan},"{TERLAMBAT}",'
            f'IF(AND(YEAR({k})=YEAR({acuan}),MONTH({k})=MONTH({acuan})),"{JATUH_TEMPO}",'
            f'IF(AND(ISNUMBER({j}),{j}>{acuan},NOT({mulai})),"{BELUM_MULAI}","{BERJALAN}")))))))')


def urut_terlambat(r: int, first: int) -> str:
    """Running number of the overdue rows (helper for the overdue list of the summary), as text: a number in a
    hidden column is printed by LibreOffice as "###" (clipped, but in the PDF's text)."""
    s = C_STATUS
    return f'=IF({s}{r}="{TERLAMBAT}",COUNTIF({s}${first}:{s}{r},"{TERLAMBAT}")&"","")'


def urut_jatuh_tempo(r: int, first: int, last: int, hari: int) -> str:
    """Place of row ``r`` in the coming list — due within ``hari`` days of the reference date, neither done nor
    late (:func:`zi_xl.rencana_aksi.ringkasan.akan_jatuh_tempo`) — ordered by deadline, then row; as text ("1",
    "2" …, see :func:`urut_terlambat`), "" for rows not coming."""
    s, k = f"{C_STATUS}{r}", f"{C_TENGGAT}{r}"
    S, K = f"{C_STATUS}${first}:{C_STATUS}${last}", f"{C_TENGGAT}${first}:{C_TENGGAT}${last}"
    aktif = ",".join(f'{s}="{x}"' for x in (JATUH_TEMPO, BERJALAN, BELUM_MULAI))
    semua = "+".join(f'({S}="{x}")' for x in (JATUH_TEMPO, BERJALAN, BELUM_MULAI))
    datang = f"ISNUMBER({K})*({semua})*({K}>={NAMA_ACUAN})*({K}<={NAMA_ACUAN}+{hari})"
    sebelum = f"(({K}<{k})+({K}={k})*(ROW({K})<ROW()))"
    return (f'=IF(AND(ISNUMBER({k}),OR({aktif}),{k}>={NAMA_ACUAN},{k}<={NAMA_ACUAN}+{hari}),'
            f'(1+SUMPRODUCT({datang}*{sebelum}))&"","")')


def baris_jatuh_tempo(sheet: str, k: int, last: int) -> str:
    """Row number of the k-th coming action ('' when there are fewer than k)."""
    return f'=IFERROR(MATCH("{k}",{sheet_ref(sheet)}!${C_DATANG}$1:${C_DATANG}${last},0),"")'


def dari_baris(sheet: str, kolom: str, baris_sel: str, last: int, text: bool = True) -> str:
    """The ``kolom`` value of the row whose number is in ``baris_sel`` ('' when that cell is empty)."""
    suffix = '&""' if text else ""
    return (f'=IF({baris_sel}="","",IFERROR(INDEX({sheet_ref(sheet)}!${kolom}$1:${kolom}${last},{baris_sel}){suffix},'
            '""))')


def hitung_status_blok(sheet: str, blocks: list[tuple[int, int]], status_text: str) -> str:
    """How many rows of the given (first, last) row blocks have a status."""
    parts = [f"COUNTIF({sheet_ref(sheet)}!${C_STATUS}${a}:${C_STATUS}${b},\"{status_text}\")" for a, b in blocks]
    return "=" + ("+".join(parts) if parts else "0")


def daftar_terlambat(sheet: str, kolom: str, k: int, last: int, text: bool = True) -> str:
    """The ``kolom`` value of the k-th overdue row ('' when there are fewer than k)."""
    ref = sheet_ref(sheet)
    core = f'INDEX({ref}!${kolom}$1:${kolom}${last},MATCH("{k}",{ref}!${C_URUT}$1:${C_URUT}${last},0))'
    suffix = '&""' if text else ""
    return f'=IFERROR({core}{suffix},"")'


def baris_terlambat(sheet: str, k: int, last: int) -> str:
    return f'=IFERROR(MATCH("{k}",{sheet_ref(sheet)}!${C_URUT}$1:${C_URUT}${last},0),"")'


def sheet_ref(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"
