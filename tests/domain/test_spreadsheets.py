"""Reading uploaded tables: encodings, delimiters, workbooks, and files that only pretend to be tables."""
from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from ccan_web.domain import spreadsheets
from ccan_web.domain.spreadsheets import FileRefused, read_table

pytestmark = pytest.mark.no_db

RUSSIAN = "Название;Страна;Город\nСтудия «Звук»;Казахстан;Алматы\n"


def known(headers):
    return sum(h.casefold() in {"название", "страна", "город", "name", "country", "city"} for h in headers)


@pytest.mark.parametrize("content, encoding", [
    (RUSSIAN.encode("utf-8"), "UTF-8"),
    (b"\xef\xbb\xbf" + RUSSIAN.encode("utf-8"), "UTF-8"),
    (RUSSIAN.encode("cp1251"), "Windows-1251"),
    (RUSSIAN.replace(";", "\t").encode("utf-16"), "UTF-16"),
])
def test_each_encoding_excel_writes_is_read_as_the_same_table(app, content, encoding):
    with app.test_request_context():
        table = read_table(content, known)
    assert table.encoding == encoding
    assert table.headers == ["Название", "Страна", "Город"]
    assert table.rows == [["Студия «Звук»", "Казахстан", "Алматы"]]
    assert table.row_numbers == [2]


def test_the_delimiter_is_the_one_that_makes_the_headers_known(app):
    # Commas inside the names must not fool the choice between comma and semicolon.
    text = "name;country;city\nSound, Light and Co;KZ;Almaty\n"
    with app.test_request_context():
        table = read_table(text.encode(), known)
    assert table.delimiter == ";" and table.rows[0][0] == "Sound, Light and Co"


def test_blank_rows_are_skipped_but_row_numbers_stay_those_of_the_spreadsheet(app):
    with app.test_request_context():
        table = read_table(b"name,country,city\n\nA,KZ,Almaty\n,,\nB,UZ,Tashkent\n", known)
    assert table.row_numbers == [3, 5]


def test_quoted_cells_may_hold_delimiters_and_line_breaks(app):
    with app.test_request_context():
        table = read_table(b'name,country,city\n"Line one\nline two, still",KZ,Almaty\nB,UZ,Tashkent\n', known)
    assert table.rows[0][0] == "Line one\nline two, still"
    assert table.row_numbers == [2, 3]


@pytest.mark.parametrize("content, words", [
    (b"", "empty"),
    (b"%PDF-1.7\n...", "not a table"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
    (b"name,country\x00\x01\x02,city\n", "not a table"),
    (b'name,country,city\n"Broken "quote" here,KZ,Almaty\n', "Row 2"),
    (b'name,country,city\nA,KZ,Almaty\n"never closed,KZ,Almaty\n', "Row 3"),
    ("название,страна,город\nСтудия,Казахстан,Алматы\n".encode("utf-8")[:-12] + b"\xff\xfe" + b"\n", "line 2"),
])
def test_files_that_are_not_readable_tables_are_refused_with_a_reason(app, content, words):
    with app.test_request_context(), pytest.raises(FileRefused) as refused:
        read_table(content, known)
    assert words in str(refused.value.message)
    assert refused.value.field == "file"


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_excel_workbook_is_read_from_its_first_sheet_as_text(app):
    content = _xlsx([["Название", "Страна", "Город", "Год основания"], ["Студия", "KZ", "Алматы", 2015],
                     [None, None, None, None], ["=HYPERLINK(\"http://evil\")", "UZ", "Ташкент", 2001.0]])
    with app.test_request_context():
        table = read_table(content, known)
    assert table.format == "xlsx"
    assert table.rows[0] == ["Студия", "KZ", "Алматы", "2015"]
    # A formula arrives as its text, so the import can refuse it rather than keep it.
    assert table.rows[1][0].startswith("=HYPERLINK") and table.row_numbers == [2, 4]


def test_a_zip_that_is_not_a_workbook_is_refused(app):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("holiday.jpg", b"not a picture")
    with app.test_request_context(), pytest.raises(FileRefused) as refused:
        read_table(buffer.getvalue(), known)
    assert "ZIP archive" in str(refused.value.message)


def test_a_zip_bomb_dressed_as_a_workbook_is_refused_before_it_is_unpacked(app):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (40 * 1024 * 1024))
    assert len(buffer.getvalue()) < 200 * 1024  # small to upload, 40 MB once unpacked
    with app.test_request_context(), pytest.raises(FileRefused) as refused:
        read_table(buffer.getvalue(), known)
    assert "expand" in str(refused.value.message)


def test_a_damaged_workbook_is_refused(app):
    content = _xlsx([["name"], ["x"]])
    with app.test_request_context(), pytest.raises(FileRefused):
        read_table(content[: len(content) // 2], known)


def test_a_file_with_too_many_rows_is_refused(app, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 10)
    content = ("name,country,city\n" + "A,KZ,Almaty\n" * 11).encode()
    with app.test_request_context(), pytest.raises(FileRefused) as refused:
        read_table(content, known)
    assert "more than 10 rows" in str(refused.value.message)
