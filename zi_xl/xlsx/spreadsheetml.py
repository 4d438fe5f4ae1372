"""The small parts of SpreadsheetML a reader needs for values and formulas, without importing openpyxl (whose import
pulls in numpy and costs more than reading a whole LKE): which number formats show dates or times, serial numbers as
dates in either date system, Excel's ``_xHHHH_`` string escapes, and the shift of a shared formula to another cell.

Each is checked against openpyxl's own implementation on real files (``tests/xlsx/test_spreadsheetml.py``).

    >>> is_date_format("d mmmm yyyy"), is_date_format('0.00" m"'), is_time_format("[h]:mm:ss")
    (True, False, True)
    >>> from_serial(44742.5, EPOCH_1900)
    datetime.datetime(2022, 6, 30, 12, 0)
    >>> shift_formula("SUM(A1:B$2)*$C3+'Data 1'!D4", 2, 1)
    "SUM(B3:C$2)*$C5+'Data 1'!E6"
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from .sheetxml import col_index, col_letters

EPOCH_1900 = datetime(1899, 12, 30)
EPOCH_1904 = datetime(1904, 1, 1)

#: the built-in number formats that show a date or a time (ECMA-376 Part 1, 18.8.30 numFmt); custom ones are in the
#: stylesheet
BUILTIN_DATE = {14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
                20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0"}

# what does not count when looking for date letters: quoted text, escaped and fill/space characters, and bracketed
# parts other than elapsed time ([h], [mm], [ss]) — colours, conditions, locales ([$-421]), [Red]
_NOT_CODE = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?![hH]+\]|[mM]+\]|[sS]+\])[^\]]*\]')
_DATE = re.compile(r"[dDyYmMhHsS]")
_DAY = re.compile(r"[dDyY]")
_TIME = re.compile(r"[hHsS]|AM/PM|am/pm|A/P|a/p")


def _code(fmt: str) -> str:
    return _NOT_CODE.sub("", fmt.split(";")[0] if fmt else "")


def is_date_format(fmt: str | None) -> bool:
    """Does a cell with this number format show its number as a date or a time?"""
    if not fmt or fmt == "General":
        return False
    return bool(_DATE.search(_code(fmt)))


def is_time_format(fmt: str | None) -> bool:
    """A time of day or a duration only (no day, month or year): "h:mm", "[h]:mm:ss", "mm:ss"."""
    if not is_date_format(fmt):
        return False
    code = _code(fmt)
    return bool(_TIME.search(code)) and not _DAY.search(code) and not re.search(r"(?<![hH:])[mM]{3,}", code)


def from_serial(value: float, epoch: datetime = EPOCH_1900) -> datetime | time:
    """Excel's serial number as a datetime in the workbook's date system: the fraction is the time of day (rounded to
    the millisecond); a serial in [0, 1) is a time of day alone; in the 1900 system serials below 60 are shifted by
    Excel's fictitious 29 February 1900. Raises OverflowError/ValueError for a number no calendar holds."""
    day, fraction = divmod(value, 1)
    part = timedelta(milliseconds=round(fraction * 86400000))
    if 0 <= value < 1 and part.days == 0:
        return (datetime.min + part).time()
    if 0 < value < 60 and epoch == EPOCH_1900:
        day += 1
    return epoch + timedelta(days=day) + part


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """Excel's escapes of characters XML cannot hold: ``_x000D_`` → carriage return."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


# A formula as its parts: text in quotes, a quoted sheet name, a bracketed part (external book, structured reference)
# — all left alone — and references that move: a cell (A1, $B$2), a column range (A:C) or a row range (1:3).
_TOKEN = re.compile(r"""
    (?P<skip>"(?:[^"]|"")*"|'(?:[^']|'')*'|\[[^\]]*\])
  | (?<![A-Za-z0-9_.$\\])(?P<col1>\$?[A-Za-z]{1,3}):(?P<col2>\$?[A-Za-z]{1,3})(?![A-Za-z0-9_(!.])
  | (?<![A-Za-z0-9_.$\\:])(?P<row1>\$?\d+):(?P<row2>\$?\d+)(?![A-Za-z0-9_(.])
  | (?<![A-Za-z0-9_.$\\])(?P<cell>\$?[A-Za-z]{1,3}\$?\d+)(?![A-Za-z0-9_(.!])
""", re.VERBOSE)
_CELL = re.compile(r"(\$?)([A-Za-z]{1,3})(\$?)(\d+)")
_MAX_ROW, _MAX_COL = 1048576, 16384



class _Off(Exception):
    """A reference shifted off the sheet."""


def _row(txt: str, dr: int) -> str:
    if txt.startswith("$"):
        return txt
    r = int(txt) + dr
    if not 1 <= r <= _MAX_ROW:
        raise _Off
    return str(r)


def _col(txt: str, dc: int) -> str:
    if txt.startswith("$"):
        return txt.upper()
    c = col_index(txt) + dc
    if not 1 <= c <= _MAX_COL:
        raise _Off
    return col_letters(c)


def shift_formula(formula: str, drow: int, dcol: int) -> str:
    """``formula`` (without "=") moved ``drow`` rows down and ``dcol`` columns right, as Excel fills a shared formula:
    relative references move, absolute ($) parts stay; text, sheet names and bracketed parts are left alone. A
    reference moved off the sheet becomes ``#REF!``."""
    if not drow and not dcol:
        return formula

    def move(m: re.Match) -> str:
        try:
            if m.group("skip"):
                return m.group(0)
            if m.group("cell"):
                d1, col, d2, row = _CELL.fullmatch(m.group("cell")).groups()
                if col_index(col) > _MAX_COL:
                    return m.group(0)          # a name such as "LOG10" is not a cell (it has no letters > XFD)
                return (d1 + (col.upper() if d1 else _col(col, dcol)) + d2 + (row if d2 else _row(row, drow)))
            if m.group("col1"):
                return _col(m.group("col1"), dcol) + ":" + _col(m.group("col2"), dcol)
            return _row(m.group("row1"), drow) + ":" + _row(m.group("row2"), drow)
        except _Off:
            return "#REF!"

    return _TOKEN.sub(move, formula)


def shift_to(formula: str, origin: str, target: str) -> str:
    """The shared formula written at ``origin`` as it reads in cell ``target``."""
    o, t = _CELL.fullmatch(origin).groups(), _CELL.fullmatch(target).groups()
    return shift_formula(formula, int(t[3]) - int(o[3]), col_index(t[1]) - col_index(o[1]))
