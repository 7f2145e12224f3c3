"""Reading an uploaded table (CSV or Excel) safely, without a database or a request.

A researcher's file may come from Excel on Windows (Windows-1251, semicolons), from Google Sheets
(UTF-8, commas), from "Unicode text" (UTF-16, tabs) or be an .xlsx workbook. It may also be
something else wearing a table's name: a PDF renamed .csv, a ZIP that expands to gigabytes, an
old .xls. Every such file gets a `FileRefused` with a message that says what to do instead; a
file that reads becomes a `Table` of text cells. A row that cannot be read (broken quotation
marks) is kept as a `RowProblem` in its place, so the rows after it are still read.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from ccan_web.domain.errors import DomainError
from ccan_web.domain.messages import Message as _l  # translated when shown; storable in reports
from ccan_web.domain.messages import lazy_ngettext
from ccan_web.domain.numbers import Number, megabytes_over

MAX_ROWS = 20_000
PROGRESS_EVERY = 250
# An .xlsx is a ZIP of XML. Real workbooks of 20,000 rows unpack to a few dozen MB at most and
# compress at most about 20:1; a "ZIP bomb" unpacks to gigabytes at ratios in the thousands.
# Reading streams the first sheet; its unpacked size and its cells bound the time and memory
# that takes (a million cells: 20,000 rows of 50 columns).
MAX_UNPACKED_BYTES = 64 * 2**20
MAX_CELLS = 1_000_000
MAX_COMPRESSION_RATIO = 200
MAX_ZIP_MEMBERS = 500
DELIMITERS = (",", ";", "\t")
# A quoted CSV cell may hold line breaks, but one whose quotation mark stays open for this many
# lines is taken to be broken: that line is reported, and reading goes on from the next.
MAX_LINES_PER_ROW = 200
# Control bytes other than tab and line ends: a text file has none, perhaps a stray one (which
# its row then reports); a program, picture or document of another kind has many.
_CONTROL_BYTES = bytes([*range(0, 9), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f])
_PHYSICAL_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


class FileRefused(DomainError):
    """The file as a whole cannot be imported; nothing in it is used."""

    def __init__(self, message):
        super().__init__(message, field="file")


@dataclass
class RowProblem:
    """A row that cannot be read at all (its cells are not known), with the reason."""

    row: int
    message: object
    excerpt: str = ""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]  # data rows as text cells, each padded to the headers' length
    row_numbers: list[int]  # the number a spreadsheet shows for each data row (the header is 1)
    format: str  # "csv" or "xlsx"
    encoding: str = ""
    delimiter: str = ""
    problems: list[RowProblem] = field(default_factory=list)  # rows that could not be read

    @property
    def rows_read(self) -> int:
        return len(self.rows) + len(self.problems)


def read_table(content: bytes, header_score=None, progress=None) -> Table:
    """Read `content` as a table. `header_score(headers)` says how many headers are recognised;
    for CSV it picks the delimiter (the one under which the most column names are known).
    `progress(rows)` hears how far reading has got, now and then."""
    return _read(content, header_score, progress, first_rows_only=False)


def peek_table(content: bytes, header_score=None) -> Table:
    """The column names and the first row only, with every check of the file as a whole that
    needs no more; what the upload checks at once, leaving the reading of the rows for later."""
    return _read(content, header_score, None, first_rows_only=True)


def _read(content: bytes, header_score, progress, first_rows_only: bool) -> Table:
    if not content.strip():
        raise FileRefused(_l("The file is empty."))
    if content.startswith(b"PK\x03\x04"):
        return _read_xlsx(content, progress, first_rows_only)
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRefused(_l("This is an Excel 97–2003 file (.xls). Save it as an Excel workbook (.xlsx) "
                             "or as CSV and upload that."))
    if content.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")):
        raise FileRefused(_l("This file is not a table. Upload a CSV file or an Excel workbook (.xlsx)."))
    text, encoding = decode_text(content)
    return _read_csv(text, encoding, header_score or (lambda headers: 0), progress, first_rows_only)


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
    if _looks_binary(content):
        raise FileRefused(_l("This file is not a table. Upload a CSV file or an Excel workbook (.xlsx)."))
    try:
        return content.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as error:
        if _mostly_utf8(content):
            line = content[:error.start].count(b"\n") + 1
            raise FileRefused(_l("The file is in UTF-8 but has damaged characters on line %(line)d. "
                                 "Save it again as CSV UTF-8 and upload it.", line=line)) from None
        try:
            return content.decode("cp1251"), "Windows-1251"
        except UnicodeDecodeError:
            raise FileRefused(_l("The file's encoding is not UTF-8 or Windows-1251. Save it as CSV UTF-8 "
                                 "and upload it again.")) from None


def _looks_binary(content: bytes) -> bool:
    """Control bytes in more than one byte of a hundred (and more than two of them)."""
    sample = content[:1 << 16]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > 2 and controls * 100 > len(sample)


def _mostly_utf8(content: bytes) -> bool:
    """True if the bytes hold many valid multi-byte UTF-8 characters and only a few broken ones."""
    decoded = content.decode("utf-8", errors="replace")
    broken = decoded.count("\ufffd")
    wide = sum(1 for ch in decoded if ord(ch) > 0x7F and ch != "\ufffd")
    return wide >= 3 and broken * 4 < wide


class _Lines:
    """The file's lines for csv.reader, from a position that can be moved back, up to a limit."""

    def __init__(self, lines: list[str]):
        self.lines, self.position, self.limit = lines, 0, 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self.position >= min(self.limit, len(self.lines)):
            raise StopIteration
        self.position += 1
        return self.lines[self.position - 1]


def _csv_records(text: str, delimiter: str):
    """(row number, cells) for each record of the file, or (row number, RowProblem) for a line
    that cannot be read: its row is reported, and reading goes on from the next line, so one
    broken row never takes the rows after it down with it."""
    lines = _Lines(_PHYSICAL_LINE.findall(text))
    number = 0
    while lines.position < len(lines.lines):
        start = lines.position
        lines.limit = start + MAX_LINES_PER_ROW
        number += 1
        try:
            yield number, next(csv.reader(lines, delimiter=delimiter, strict=True))
        except csv.Error:
            consumed = sum(len(line) for line in lines.lines[start:lines.position])
            if consumed > csv.field_size_limit():
                message = _l("A cell in this row is too long to read, far longer than any column takes; "
                             "the row is left out.")
            else:
                message = _l("The quotation marks in this row do not match, so its cells cannot be told "
                             "apart; the row is left out. Correct the quotation marks and import it again.")
            yield number, RowProblem(number, message, lines.lines[start][:80].rstrip("\r\n"))
            lines.position = start + 1


def _read_csv(text: str, encoding: str, header_score, progress, first_rows_only: bool) -> Table:
    first_line = next((line for line in text.splitlines() if line.strip()), "")

    def score(delimiter: str) -> tuple[int, int]:
        headers = next(csv.reader([first_line], delimiter=delimiter), [])
        return header_score([h.strip() for h in headers]), len(headers)

    delimiter = max(DELIMITERS, key=score)
    records: list = []
    filled = 0
    for number, record in _csv_records(text, delimiter):
        records.append(record)
        if number > MAX_ROWS + 1:
            raise FileRefused(lazy_ngettext("The file has more than %(num)s row. Split it into smaller files.",
                                           "The file has more than %(num)s rows. Split it into smaller files.",
                                           MAX_ROWS, num=Number(MAX_ROWS)))
        if progress and number % PROGRESS_EVERY == 0:
            progress(number)
        filled += isinstance(record, RowProblem) or any(cell.strip() for cell in record)
        if first_rows_only and filled >= 2:  # the header and a row
            break
    return _table(records, "csv", encoding=encoding, delimiter=delimiter)


def _read_xlsx(content: bytes, progress, first_rows_only: bool) -> Table:
    _check_zip(content)
    from openpyxl import load_workbook  # defusedxml is installed, so openpyxl parses the XML safely

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds of errors on a damaged workbook
        raise FileRefused(_DAMAGED) from None
    try:
        sheet = workbook.worksheets[0]
        # Rows as wide as their last cell, not as the size the sheet claims (which may be a
        # million rows by 16,384 columns, mostly empty).
        sheet.reset_dimensions()
        records: list[list[str]] = []
        cells = filled = 0
        for values in sheet.iter_rows(values_only=True):
            cells += len(values)
            if cells > MAX_CELLS:
                raise FileRefused(lazy_ngettext(
                    "The workbook has too many filled cells: one file may hold %(num)s at most. Delete the "
                    "columns the import does not use, or split the rows into several files.",
                    "The workbook has too many filled cells: one file may hold %(num)s at most. Delete the "
                    "columns the import does not use, or split the rows into several files.",
                    MAX_CELLS, num=Number(MAX_CELLS)))
            records.append([_cell_text(value) for value in values])
            filled += any(records[-1])
            if len(records) > MAX_ROWS + 1:
                raise FileRefused(lazy_ngettext("The file has more than %(num)s row. Split it into smaller files.",
                                               "The file has more than %(num)s rows. Split it into smaller files.",
                                               MAX_ROWS, num=Number(MAX_ROWS)))
            if progress and len(records) % PROGRESS_EVERY == 0:
                progress(len(records))
            if first_rows_only and filled >= 2:  # the header and a row
                break
    except FileRefused:
        raise
    except Exception:  # openpyxl raises many kinds of errors on a damaged workbook
        raise FileRefused(_DAMAGED) from None
    finally:
        workbook.close()
    return _table(records, "xlsx")


_DAMAGED = _l("The workbook is damaged and cannot be read. Open it in Excel, save it again "
              "and upload it, or save it as CSV.")


def _check_zip(content: bytes) -> None:
    """Refuse an archive that is not a workbook, or that would expand far beyond what it claims.
    (Python's zipfile never unpacks a member to more than its stated size.)"""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileRefused(_DAMAGED) from None
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        raise FileRefused(_l("This is a ZIP archive, not an Excel workbook. Upload a CSV file or an .xlsx workbook."))
    unpacked = sum(member.file_size for member in members)
    packed = max(sum(member.compress_size for member in members), 1)
    if (len(members) > MAX_ZIP_MEMBERS
            or any(m.file_size > MAX_COMPRESSION_RATIO * max(m.compress_size, 1) for m in members)
            or unpacked > MAX_COMPRESSION_RATIO * packed):
        raise FileRefused(_l("This workbook would expand to far more data than a table of this size holds, "
                             "so it is refused for safety. Save it again from Excel, or as CSV."))
    if unpacked > MAX_UNPACKED_BYTES:
        size, limit = megabytes_over(unpacked, MAX_UNPACKED_BYTES)
        raise FileRefused(_l("This workbook unpacks to %(size)s MB; workbooks may unpack to at most %(limit)s MB. "
                             "Delete what the import does not need (other sheets, pictures, unused columns), "
                             "or save the sheet as CSV.", size=size, limit=limit))


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


def _table(records: list, fmt: str, **details) -> Table:
    """The first non-empty record is the header; empty records are skipped but keep their numbers,
    and rows that could not be read are kept as problems, in their place."""
    numbered = [(number, record if isinstance(record, RowProblem) else [cell.strip() for cell in record])
                for number, record in enumerate(records, start=1)]
    numbered = [(number, r) for number, r in numbered if isinstance(r, RowProblem) or any(r)]
    if not numbered:
        raise FileRefused(_l("The file is empty."))
    (_header_number, headers), data = numbered[0], numbered[1:]
    if isinstance(headers, RowProblem):
        raise FileRefused(_l("The first row, which names the columns, cannot be read. Check its quotation "
                             "marks and upload the file again."))
    width = len(headers)
    rows = [(cells + [""] * width)[:width] if len(cells) <= width else cells
            for _n, cells in data if not isinstance(cells, RowProblem)]
    numbers = [number for number, cells in data if not isinstance(cells, RowProblem)]
    problems = [cells for _n, cells in data if isinstance(cells, RowProblem)]
    return Table(headers, rows, numbers, fmt, problems=problems, **details)
