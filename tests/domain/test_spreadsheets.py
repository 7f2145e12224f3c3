"""Reading uploaded tables: encodings, delimiters, workbooks, and files that only pretend to be tables."""
from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
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
    (b'"name,country,city\nA,KZ,Almaty\n', "first row"),
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


def test_a_cell_with_a_nul_byte_is_read_with_its_row_and_the_file_is_kept(app):
    """A stray NUL (say, from a damaged export) is its row's problem, for the row rules to name;
    only a file full of control bytes is not a table."""
    content = b"name,country,city\nSteppe\x00Sound,KZ,Almaty\nAla-Too,KG,Bishkek\n"
    with app.test_request_context():
        table = read_table(content, known)
    assert table.rows == [["Steppe\x00Sound", "KZ", "Almaty"], ["Ala-Too", "KG", "Bishkek"]]
    assert table.encoding == "UTF-8" and table.problems == []


def test_each_row_with_broken_quotation_marks_is_named_and_the_rows_around_it_are_read(app):
    content = (b'name,country,city\n'
               b'A,KZ,Almaty\n'                       # 2
               b'"Broken "quote" here,KZ,Almaty\n'    # 3: a quotation mark inside a quoted cell
               b'B,KZ,Almaty\n'                       # 4
               b'"Line one\nline two",KG,Bishkek\n'  # 5: a real line break in a cell
               b'"never closed,UZ,Tashkent\n'         # 6: never closed, to the end of the file
               b'C,UZ,Tashkent\n')                    # 7
    with app.test_request_context():
        table = read_table(content, known)
    assert table.row_numbers == [2, 4, 5, 7]
    assert [row[0] for row in table.rows] == ["A", "B", "Line one\nline two", "C"]
    assert [problem.row for problem in table.problems] == [3, 6]
    assert all("quotation marks in this row do not match" in str(p.message) for p in table.problems)
    assert table.problems[0].excerpt == '"Broken "quote" here,KZ,Almaty' and table.rows_read == 6


def test_a_quotation_mark_left_open_for_hundreds_of_lines_is_one_broken_row(app, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_LINES_PER_ROW", 5)
    content = ('name,country,city\n"Open,KZ,Almaty\n' + "".join(f"S{n},KZ,Almaty\n" for n in range(9))).encode()
    with app.test_request_context():
        table = read_table(content, known)
    assert [p.row for p in table.problems] == [2] and len(table.rows) == 9


def test_a_cell_too_long_for_any_column_is_named_as_such_not_as_broken_quotes(app):
    content = b"name,country,city\n" + b"A," + b"x" * 200_000 + b",Almaty\nB,KZ,Almaty\n"
    with app.test_request_context():
        table = read_table(content, known)
        (problem,) = table.problems
        assert problem.row == 2 and "too long to read" in str(problem.message)
    assert table.rows == [["B", "KZ", "Almaty"]]


def test_the_upload_looks_at_the_first_rows_only(app):
    content = ("name,country,city\n\n" + "A,KZ,Almaty\n" * 5_000).encode()
    with app.test_request_context():
        peek = spreadsheets.peek_table(content, known)
    assert peek.headers == ["name", "country", "city"] and peek.rows == [["A", "KZ", "Almaty"]]


# Properties ---------------------------------------------------------------------------------------

# Any text a spreadsheet cell holds, with delimiters, quotation marks and line breaks among it.
cells = st.text(st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\r\t,;\""),
                max_size=20).map(str.strip)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=4).flatmap(
    lambda width: st.lists(st.lists(cells, min_size=width, max_size=width), min_size=1, max_size=8)))
def test_any_table_written_as_csv_is_read_back_cell_for_cell(app, rows):
    rows = [row for row in rows if any(row)]
    if not rows:
        return
    headers = [f"column {n}" for n in range(len(rows[0]))]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([headers, *rows])
    with app.test_request_context():
        table = read_table(buffer.getvalue().encode(), known)
    assert table.problems == [] and table.headers == headers and table.rows == rows


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=300).map(lambda t: ("name,country,city\n" + t).encode()))
def test_whatever_is_uploaded_it_is_read_or_refused_with_a_reason(app, content):
    with app.test_request_context():
        try:
            table = read_table(content, known)
        except FileRefused as refused:
            assert str(refused.message)
        else:
            assert len(table.row_numbers) == len(table.rows)


def test_a_workbook_with_more_cells_than_the_limit_is_refused_naming_the_limit(app, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_CELLS", 50)
    content = _xlsx([["name", "country", "city"]] + [[f"S{n}", "KZ", "Almaty"] for n in range(20)])
    with app.test_request_context(), pytest.raises(FileRefused) as refused:
        read_table(content, known)
    assert "too many filled cells: one file may hold 50 at most" in str(refused.value.message)


def test_a_sheet_claiming_to_span_every_column_is_read_as_wide_as_its_cells(app):
    workbook = Workbook()
    sheet = workbook.active
    for row in (["name", "country", "city"], ["Studio", "KZ", "Almaty"]):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as source:
        parts = {item.filename: source.read(item.filename) for item in source.infolist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"',
                                               sheet_xml).encode()
    claimed = io.BytesIO()
    with zipfile.ZipFile(claimed, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    with app.test_request_context():
        table = read_table(claimed.getvalue(), known)
    assert table.rows == [["Studio", "KZ", "Almaty"]]


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused_with_both_sizes(app, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_UNPACKED_BYTES", 2**20)
    rows = [["name", "country", "city"]] + [[f"Studio {n} " + "x" * 40, "KZ", "Almaty"] for n in range(12_000)]
    with app.test_request_context(), pytest.raises(FileRefused) as refused:
        read_table(_xlsx(rows), known)
    message = str(refused.value.message)
    assert re.search(r"unpacks to \d+\.\d MB; workbooks may unpack to at most 1 MB", message), message


def test_the_upload_reads_a_workbook_no_further_than_its_first_rows(app, monkeypatch):
    content = _xlsx([["name", "country", "city"], [None], ["Studio 1", "KZ", "Almaty"]]
                    + [[f"Studio {n}", "KZ", "Almaty"] for n in range(2, 3_000)])
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 10)  # the whole file would be refused; its start is not
    with app.test_request_context():
        peek = spreadsheets.peek_table(content, known)
    assert peek.rows == [["Studio 1", "KZ", "Almaty"]] and peek.row_numbers == [3]
