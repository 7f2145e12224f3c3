"""The catalog's downloads: the list's entries as records, CSV cells and a typed Excel workbook."""
from __future__ import annotations

import io
import re
from datetime import datetime, timezone

from ccan_web.blueprints.catalog.lists import LISTS, matching

# Record fields that hold an ISO date and time (as the JSON has them); a workbook stores them as dates.
DATE_FIELDS = frozenset({"published_at", "verified_at"})
DATE_FORMAT = "yyyy-mm-dd hh:mm"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# "+996 555 123 456", "+7 (727) 250-00-00": a telephone number, which a spreadsheet reads as text
# or a number, never as a formula that runs.
_PHONE_NUMBER = re.compile(r"\+[\d\s\-()]*\d[\d\s\-()]*")
# Characters that an Excel sheet cannot hold (XML 1.0 forbids them); text fields are cleaned
# when entries are saved, so these could only come from rows written before that rule.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def export_records(kind: str, filters) -> list[dict]:
    """The records of the entries that the list with `filters` shows, in the list's order."""
    record = LISTS[kind].record
    return [record(entry) for entry in matching(kind, filters).every()]


def csv_cell(value) -> str:
    """A CSV cell that a spreadsheet shows as text and never runs as a formula (=HYPERLINK(...)):
    one that starts like a formula is prefixed with an apostrophe, a telephone number is not."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if text.startswith(_FORMULA_START) and not _PHONE_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _xlsx_value(name: str, value):
    """A record's value as a workbook cell holds it: numbers and booleans as they are, dates as
    dates (in UTC: a workbook has no time zones), lists as one line of text."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    if name in DATE_FIELDS:
        moment = datetime.fromisoformat(value)
        return moment.astimezone(timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment
    return _NOT_IN_XML.sub("", str(value))


def xlsx_bytes(fields, records) -> bytes:
    """An Excel workbook of `records`, each cell typed as the JSON download has it. Text is stored
    as text, never as a formula, so nothing in it runs and nothing needs an apostrophe."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("CCAN")

    def cell(name, value):
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # openpyxl would store "=..." as a formula otherwise
        elif isinstance(value, datetime):
            cell.number_format = DATE_FORMAT
        return cell

    sheet.append([cell(None, name) for name in fields])
    for record in records:
        sheet.append([cell(name, _xlsx_value(name, record[name])) for name in fields])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
