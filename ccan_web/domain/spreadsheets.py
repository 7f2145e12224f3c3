"""Reading an uploaded table (CSV or Excel) safely, without a database or a request.

A researcher's file may come from Excel on Windows (Windows-1251, semicolons), from Google Sheets
(UTF-8, commas), from "Unicode text" (UTF-16, tabs) or be an .xlsx workbook. It may also be
something else wearing a table's name: a PDF renamed .csv, a ZIP that expands to gigabytes, an
old .xls. Every such file gets a `FileRefused` with a message that says what to do instead; a
file that reads becomes a `Table` of text cells.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from ccan_web.domain.errors import DomainError

MAX_ROWS = 20_000
# An .xlsx is a ZIP of XML. Real workbooks of 20,000 rows expand to a few dozen MB at most and
# compress at most about 20:1; a "ZIP bomb" expands to gigabytes at ratios in the thousands.
MAX_UNPACKED_BYTES = 150 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ZIP_MEMBERS = 500
DELIMITERS = (",", ";", "\t")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FileRefused(DomainError):
    """The file as a whole cannot be imported; nothing in it is used."""

    def __init__(self, message):
        super().__init__(message, field="file")


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]  # data rows as text cells, each padded to the headers' length
    row_numbers: list[int]  # the number a spreadsheet shows for each data row (the header is 1)
    format: str  # "csv" or "xlsx"
    encoding: str = ""
    delimiter: str = ""
    notes: list = field(default_factory=list)


def read_table(content: bytes, header_score=None) -> Table:
    """Read `content` as a table. `header_score(headers)` says how many headers are recognised;
    for CSV it picks the delimiter (the one under which the most column names are known)."""
    if not content.strip():
        raise FileRefused(_l("The file is empty."))
    if content.startswith(b"PK\x03\x04"):
        return _read_xlsx(content)
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRefused(_l("This is an Excel 97–2003 file (.xls). Save it as an Excel workbook (.xlsx) "
                             "or as CSV and upload that."))
    if content.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")):
        raise FileRefused(_l("This file is not a table. Upload a CSV file or an Excel workbook (.xlsx)."))
    text, encoding = decode_text(content)
    return _read_csv(text, encoding, header_score or (lambda headers: 0))


def decode_text(content: bytes) -> tuple[str, str]:
    """The text of a CSV file and the name of its encoding.

    UTF-8 (with or without a BOM) is tried first: it is self-checking, so a file that decodes is
    almost certainly UTF-8. A file that is mostly UTF-8 with some broken bytes is refused rather
    than read as Windows-1251, which would turn its Cyrillic into nonsense quietly.
    """
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise FileRefused(_l("The file says it is UTF-16 text but is not. Save it again as CSV UTF-8.")) from None
    try:
        text, encoding = content.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as error:
        if _mostly_utf8(content):
            line = content[:error.start].count(b"\n") + 1
            raise FileRefused(_l("The file is in UTF-8 but has damaged characters on line %(line)d. "
                                 "Save it again as CSV UTF-8 and upload it.", line=line)) from None
        if b"\x00" in content:
            raise FileRefused(_l("This file is not a table. Upload a CSV file or an Excel workbook (.xlsx)."))
        try:
            text, encoding = content.decode("cp1251"), "Windows-1251"
        except UnicodeDecodeError:
            raise FileRefused(_l("The file's encoding is not UTF-8 or Windows-1251. Save it as CSV UTF-8 "
                                 "and upload it again.")) from None
    if _CONTROL.search(text):
        raise FileRefused(_l("This file is not a table. Upload a CSV file or an Excel workbook (.xlsx)."))
    return text, encoding


def _mostly_utf8(content: bytes) -> bool:
    """True if the bytes hold many valid multi-byte UTF-8 characters and only a few broken ones."""
    decoded = content.decode("utf-8", errors="replace")
    broken = decoded.count("\ufffd")
    wide = sum(1 for ch in decoded if ord(ch) > 0x7F and ch != "\ufffd")
    return wide >= 3 and broken * 4 < wide


def _read_csv(text: str, encoding: str, header_score) -> Table:
    first_line = next((line for line in text.splitlines() if line.strip()), "")

    def score(delimiter: str) -> tuple[int, int]:
        headers = next(csv.reader([first_line], delimiter=delimiter), [])
        return header_score([h.strip() for h in headers]), len(headers)

    delimiter = max(DELIMITERS, key=score)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
            if len(records) > MAX_ROWS + 1:
                raise FileRefused(_l("The file has more than %(limit)s rows. Split it into smaller files.",
                                     limit=f"{MAX_ROWS:,}"))
    except csv.Error:
        raise FileRefused(_l("Row %(row)d: the quotation marks do not match, so the file cannot be read "
                             "reliably from there on. Correct that row and upload the file again.",
                             row=max(len(records) + 1, 1))) from None
    return _table(records, "csv", encoding=encoding, delimiter=delimiter)


def _read_xlsx(content: bytes) -> Table:
    _check_zip(content)
    from openpyxl import load_workbook  # defusedxml is installed, so openpyxl parses the XML safely

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        records = []
        for values in sheet.iter_rows(values_only=True):
            records.append([_cell_text(value) for value in values])
            if len(records) > MAX_ROWS + 1:
                raise FileRefused(_l("The file has more than %(limit)s rows. Split it into smaller files.",
                                     limit=f"{MAX_ROWS:,}"))
        workbook.close()
    except FileRefused:
        raise
    except Exception:  # openpyxl raises many kinds of errors on a damaged workbook
        raise FileRefused(_l("The workbook is damaged and cannot be read. Open it in Excel, save it again "
                             "and upload it, or save it as CSV.")) from None
    return _table(records, "xlsx")


def _check_zip(content: bytes) -> None:
    """Refuse an archive that is not a workbook, or that would expand far beyond what it claims."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileRefused(_l("The workbook is damaged and cannot be read. Open it in Excel, save it again "
                             "and upload it, or save it as CSV.")) from None
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        raise FileRefused(_l("This is a ZIP archive, not an Excel workbook. Upload a CSV file or an .xlsx workbook."))
    unpacked = sum(member.file_size for member in members)
    packed = max(sum(member.compress_size for member in members), 1)
    if (len(members) > MAX_ZIP_MEMBERS or unpacked > MAX_UNPACKED_BYTES
            or any(m.file_size > MAX_COMPRESSION_RATIO * max(m.compress_size, 1) for m in members)
            or unpacked > MAX_COMPRESSION_RATIO * packed):
        raise FileRefused(_l("This workbook would expand to far more data than a table of this size holds, "
                             "so it is refused for safety. Save it again from Excel, or as CSV."))


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _table(records: list[list[str]], fmt: str, **details) -> Table:
    """The first non-empty record is the header; empty records are skipped but keep their numbers."""
    numbered = [(number, [cell.strip() for cell in record]) for number, record in enumerate(records, start=1)]
    numbered = [(number, cells) for number, cells in numbered if any(cells)]
    if not numbered:
        raise FileRefused(_l("The file is empty."))
    (_header_number, headers), data = numbered[0], numbered[1:]
    width = len(headers)
    rows = [(cells + [""] * width)[:width] if len(cells) <= width else cells for _n, cells in data]
    return Table(headers, rows, [number for number, _cells in data], fmt, **details)
