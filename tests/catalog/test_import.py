"""Importing businesses and courses: the dry run's report, the one-transaction import, the pages."""
from __future__ import annotations

import csv
import io
import re
import time
from datetime import timedelta

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from ccan_web.blueprints.catalog import importing
from ccan_web.blueprints.catalog.entries import BusinessData, new_business, submit_business
from ccan_web.blueprints.catalog.models import Business, Course, DuplicateFlag, ImportJob
from ccan_web.blueprints.catalog.moderation import publish
from ccan_web.db import utcnow
from ccan_web.domain.catalog import BUSINESS_MAX_LENGTHS, COURSE_MAX_LENGTHS, EntryStatus
from ccan_web.domain.errors import Conflict
from ccan_web.domain import spreadsheets
from ccan_web.domain.spreadsheets import FileRefused

HX = {"HX-Request": "true"}

BUSINESSES_CSV = (
    "Название;Страна;Город;Сектор;Другие сектора;Год основания;Сайт;Источник\n"
    "Студия «Звук»;Казахстан;Алматы;Музыка;Реклама;2015;zvuk.kz;\n"          # row 2: fine
    "Bad Row;XX;Almaty;Nope;;20x;;\n"                                        # row 3: three errors
    "=HYPERLINK(\"http://evil.example\");KZ;Almaty;music;;;;\n"              # row 4: a formula
    "Studiya Zvuk;KZ;Almaty;music;;;;\n"                                     # row 5: repeats row 2
    "ТОО Steppe Games;Kazakhstan;Astana;Computer games and cybersports;;;;https://registry.example/1\n"  # 6
    "Ipak Yoʻli;Oʻzbekiston;Samarqand;fashion-design-crafts;;;;\n"           # row 7: a duplicate of an entry
)


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def editor(factories):
    return factories.user(roles=("editor",))


@pytest.fixture
def existing(db, editor):
    entry = submit_business(BusinessData(
        name="Ипак Йўли", country="UZ", city="Самарқанд", primary_sector="fashion-design-crafts"), editor).entry
    publish(entry, editor)
    db.session.commit()
    return entry


def start(app, editor, content: bytes, kind="businesses", source=("registry", "Registry 2026")):
    with app.test_request_context():
        job = importing.start_job(kind, f"file.{kind}", content, editor, *source)
        importing.db.session.commit()
        return job.id


def check(app, editor, content: bytes, **kw) -> ImportJob:
    job_id = start(app, editor, content, **kw)
    with app.test_request_context():
        importing.check_job(job_id, 1)
    return importing.db.session.get(ImportJob, job_id)


def run_import(app, job_id: int, publish=True, skip_duplicates=True) -> ImportJob:
    with app.test_request_context():
        job = importing.get_job(job_id)
        importing.claim_for_import(job, publish, skip_duplicates)
        importing.db.session.commit()
        importing.import_job(job_id, job.attempt)
    importing.db.session.expire_all()
    return importing.db.session.get(ImportJob, job_id)


# The dry run --------------------------------------------------------------------------------------

def test_the_dry_run_reports_each_problem_by_row_and_column_and_adds_nothing(app, db, editor, existing):
    # Windows-1251 has no ʻ, so Excel's Uzbek there is written with a plain apostrophe.
    job = check(app, editor, BUSINESSES_CSV.replace("ʻ", "'").encode("cp1251"))
    report = job.report
    assert job.status == "checked" and job.processed_rows == job.total_rows == 6
    assert report["encoding"] == "Windows-1251" and report["delimiter"] == ";"
    assert report["rows_read"] == 6 and report["rows_with_errors"] == 2 and report["valid"] == 4
    problems = {(e["row"], e["column"]) for e in report["errors"]}
    assert problems == {(3, "Страна"), (3, "Сектор"), (3, "Год основания"), (4, "Название")}
    assert any("is not one of the five countries" in importing.readable(e["message"]) for e in report["errors"])
    duplicates = {d["row"]: d for d in report["duplicates"]}
    assert duplicates[5]["same_as_row"] == 2  # "Studiya Zvuk" is "Студия «Звук»" in Latin letters
    assert duplicates[7]["existing_id"] == existing.id  # the same business, written in Cyrillic before
    assert db.session.scalar(select(func.count(Business.id))) == 1


def test_required_columns_missing_refuse_the_whole_file(app, editor):
    with app.test_request_context(), pytest.raises(FileRefused) as refused:
        importing.start_job("businesses", "x.csv", b"name,city\nA,Almaty\n", editor, "url", "")
    assert "country" in str(refused.value.message) and "sector" in str(refused.value.message)


def test_a_file_over_the_size_limit_is_refused(app, editor, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 100)
    with app.test_request_context(), pytest.raises(FileRefused) as refused:
        importing.start_job("businesses", "x.csv", BUSINESSES_CSV.encode(), editor, "url", "")
    assert "MB" in str(refused.value.message)


def test_column_names_match_in_english_russian_any_case_and_with_hints(app):
    headers = ["  NAME ", "Country (code)", "город", "Основной сектор*", "E-mail", "Ёмкость"]
    with app.test_request_context():
        columns = importing.match_columns("businesses", headers)
    assert columns == {"name": 0, "country": 1, "city": 2, "primary_sector": 3, "contact_email": 4}


@pytest.mark.parametrize("value, slug", [("music", "music"), ("Музыка", "music"), ("muzyka", "music"),
                                         ("Film and animation, VR/AR", "film-animation-xr"),
                                         ("Программное обеспечение", None), ("Advertising", "advertising")])
def test_sectors_are_known_by_slug_and_by_their_names_in_any_language_and_script(app, value, slug):
    with app.test_request_context():
        found = importing._lookup("sector", value)
    assert found == slug or (slug is None and found in (None, "software"))


@pytest.mark.parametrize("value", ["=1+1", "=HYPERLINK(\"x\")", "+cmd(\"calc\")", "@SUM(A1)", " =A1"])
def test_formulas_are_recognised(value):
    assert importing.looks_like_formula(value)


@pytest.mark.parametrize("value", ["+996 555 123 456", "-", "Studio = Sound", "@studio_sound", "plain"])
def test_phone_numbers_and_handles_are_not_taken_for_formulas(value):
    assert not importing.looks_like_formula(value)


# The import ---------------------------------------------------------------------------------------

def test_the_import_adds_the_valid_rows_with_their_source_and_importer(app, db, editor, existing):
    job = check(app, editor, BUSINESSES_CSV.encode("utf-8-sig"))
    job = run_import(app, job.id)
    assert job.status == "imported" and job.added_count == 2  # rows 2 and 6; 5 and 7 are repeats
    added = db.session.scalars(select(Business).where(Business.import_job_id == job.id).order_by(Business.id)).all()
    assert [b.name for b in added] == ["Студия «Звук»", "ТОО Steppe Games"]
    zvuk, steppe = added
    assert zvuk.status == EntryStatus.PUBLISHED and zvuk.published_at is not None and zvuk.verified_at is not None
    assert zvuk.added_by_id == editor.id and zvuk.website == "https://zvuk.kz"
    assert zvuk.sector_slugs == ["music", "advertising"] and zvuk.founded_year == 2015
    assert (zvuk.source_kind, zvuk.source_detail) == ("registry", "Registry 2026")  # the file's source
    assert (steppe.source_kind, steppe.source_detail) == ("url", "https://registry.example/1")  # its own
    assert steppe.primary_sector == "games-esports"
    assert job.content == b""  # the file is not kept once its entries are in the catalog


def test_repeats_can_be_imported_and_flagged_for_an_editor(app, db, editor, existing):
    job = run_import(app, check(app, editor, BUSINESSES_CSV.encode()).id, publish=False, skip_duplicates=False)
    assert job.added_count == 4
    pending = db.session.scalars(select(Business).where(Business.import_job_id == job.id)).all()
    assert {b.status for b in pending} == {EntryStatus.PENDING}
    flags = db.session.scalars(select(DuplicateFlag)).all()
    pairs = {(f.business.name, f.duplicate_of.name) for f in flags}
    assert pairs == {("Studiya Zvuk", "Студия «Звук»"), ("Ipak Yoʻli", "Ипак Йўли")}


def test_a_checked_file_is_imported_once_however_often_the_button_is_pressed(app, db, editor):
    job = check(app, editor, BUSINESSES_CSV.encode())
    run_import(app, job.id)
    with app.test_request_context(), pytest.raises(Conflict):
        importing.claim_for_import(importing.get_job(job.id), True, True)


def test_a_failure_during_the_import_leaves_nothing_half_imported(app, db, editor, monkeypatch):
    job = check(app, editor, BUSINESSES_CSV.encode())
    made = []

    def failing_business(data, added_by, **columns):
        if made:
            raise RuntimeError("the disk is full")
        made.append(data)
        return new_business(data, added_by, **columns)

    monkeypatch.setattr("ccan_web.blueprints.catalog.entries.new_business", failing_business)
    with app.test_request_context():
        importing.claim_for_import(importing.get_job(job.id), True, True)
        importing.db.session.commit()
        importing.run_in_background(job.id, 2, importing.import_job)  # inline in tests; records the failure
    db.session.expire_all()
    job = db.session.get(ImportJob, job.id)
    assert job.status == "failed" and "nothing was imported" in job.error
    assert db.session.scalar(select(func.count(Business.id))) == 0


def test_rows_are_checked_again_at_import_against_what_the_catalog_holds_by_then(app, db, editor):
    job = check(app, editor, BUSINESSES_CSV.encode())
    meanwhile = submit_business(BusinessData(
        name="Steppe Games LLC", country="KZ", city="Астана", primary_sector="games-esports"), editor).entry
    db.session.commit()
    job = run_import(app, job.id)
    assert job.added_count == 2  # Студия «Звук» and Ipak Yoʻli; Steppe Games arrived meanwhile
    assert db.session.scalar(select(func.count(Business.id)).where(Business.name_key == meanwhile.name_key)) == 1


COURSES_CSV = (
    "title,provider,url,language,sectors,format,improves,outcome,level,price,duration\n"
    "Pricing for designers,CCAN Academy,https://academy.example/pricing,Russian,\"Fashion, design and crafts; "
    "Advertising\",video,professional,income,beginner,free,4 hours\n"
    "Стратегия для студий,Academy,https://academy.example/strategy/,казахский,все,Текст,Гибкие навыки,"
    "Скорость процессов,intermediate,платно,\n"
    "Same course,Other,http://www.academy.example/pricing/,en,music,video,professional,income,,,\n"
    "Klingon poetry,X,https://x.example,tlh,music,video,professional,income,,maybe,\n"
)


def test_courses_import_with_languages_sectors_and_prices_in_words(app, db, editor):
    job = check(app, editor, COURSES_CSV.encode(), kind="courses")
    report = job.report
    assert report["valid"] == 3 and report["rows_with_errors"] == 1
    assert {e["column"] for e in report["errors"]} == {"language", "price"}
    assert report["duplicates"] == [{"row": 4, "name": "Same course", "existing_id": None, "same_as_row": 2}]
    job = run_import(app, job.id)
    courses = db.session.scalars(select(Course).order_by(Course.id)).all()
    assert [c.title for c in courses] == ["Pricing for designers", "Стратегия для студий"]
    pricing, strategy = courses
    assert pricing.language == "ru" and pricing.sector_slugs == ["advertising", "fashion-design-crafts"]
    assert pricing.is_free and pricing.duration == "4 hours"
    assert strategy.language == "kk" and strategy.all_sectors and not strategy.is_free
    assert (strategy.format, strategy.improves, strategy.outcome) == ("text", "soft-skills", "speed")


def _workbook(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_excel_workbook_imports_like_a_csv_file(app, db, editor):
    content = _workbook([["Name", "Country", "City", "Sector", "Founded"],
                         ["Tashkent Film Lab", "UZ", "Tashkent", "Film and animation, VR/AR", 2019]])
    job = run_import(app, check(app, editor, content).id)
    assert job.report["format"] == "xlsx" and job.added_count == 1
    assert db.session.scalar(select(Business.founded_year)) == 2019


def test_ten_thousand_rows_are_checked_with_progress_and_imported_in_one_go(app, db, editor, monkeypatch):
    rows = ["name,country,city,sector"] + [f"Studio {n},KZ,Almaty,music" for n in range(10_000)]
    seen, beats = [], []
    original = importing._beat

    def beat(job_id, attempt, **values):
        beats.append(attempt)
        if "processed_rows" in values:
            seen.append(values["processed_rows"])
        original(job_id, attempt, **values)

    monkeypatch.setattr(importing, "_beat", beat)
    read = []
    monkeypatch.setattr(importing, "read_table", lambda *a, **kw: read.append(1) or spreadsheets.read_table(*a, **kw))
    job = run_import(app, check(app, editor, "\n".join(rows).encode()).id)
    assert job.added_count == 10_000
    assert seen[:3] == [250, 500, 750] and seen[-1] == 10_000 and len(seen) == 80  # 40 in each of two passes
    assert read == [1]  # the file is read once; the import takes the rows as the check read them
    assert len(beats) > 80 and set(beats) == {1, 2}  # the check was run 1, the import run 2
    assert db.session.scalar(select(func.count(Business.id))) == 10_000


def test_the_background_run_reports_progress_to_any_request_until_it_is_done(app, client, auth, editor,
                                                                              monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_IN_BACKGROUND", True)
    auth.login(editor.email)
    rows = "name,country,city,sector\n" + "".join(f"Studio {n},KZ,Almaty,music\n" for n in range(3_000))
    response = client.post("/catalog/import", data={
        "kind": "businesses", "source_kind": "survey", "source_detail": "Survey 2026",
        "file": (io.BytesIO(rows.encode()), "studios.csv")}, content_type="multipart/form-data")
    assert response.status_code == 303
    location = response.headers["Location"]
    for _attempt in range(200):
        fragment = text(client.get(location, headers=HX))
        if "data-hx-trigger" not in fragment:
            break
        assert "<progress" in fragment
        time.sleep(0.05)
    assert "data-hx-trigger" not in fragment and "3,000" in fragment


def main(page: str) -> str:
    """The page's own content: the header's bell polls for its count on every page."""
    return page[page.find("<main"):page.find("</main>")]


# The pages ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("role, status", [("anonymous", 302), ("member", 403), ("board", 403), ("editor", 200)])
def test_only_editors_import(client, auth, factories, role, status):
    """Visitors are sent to sign in; members and the Board are refused; editors import."""
    if role != "anonymous":
        auth.login(factories.as_role(role).email)
    assert client.get("/catalog/import").status_code == status
    assert client.get("/catalog/import/template-businesses.csv").status_code == status


def upload(client, content: bytes, filename="file.csv", kind="businesses", detail="Registry 2026"):
    return client.post("/catalog/import", data={"kind": kind, "source_kind": "registry", "source_detail": detail,
                                                "file": (io.BytesIO(content), filename)},
                       content_type="multipart/form-data")


def test_an_editor_checks_a_file_then_imports_it(client, auth, db, editor):
    auth.login(editor.email)
    response = upload(client, BUSINESSES_CSV.replace("ʻ", "'").encode("cp1251"))
    assert response.status_code == 303
    page = text(client.get(response.headers["Location"]))
    assert "rows with errors" in page and "is not one of the five countries" in page
    assert "Import the valid rows" in page and "row 2 of this file" in page
    job_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    response = client.post(f"/catalog/import/{job_id}/import", data={"publish": "y", "duplicates": "skip"})
    assert response.status_code == 303
    page = text(client.get(response.headers["Location"]))
    assert "3 entries were added to the catalog." in page
    assert "Ipak Yo&#39;li" in text(client.get("/catalog/businesses"))
    entry = db.session.scalar(select(Business).where(Business.import_job_id == job_id).limit(1))
    assert "file.csv" in text(client.get(f"/catalog/businesses/{entry.id}"))  # where the entry came from
    # A second press finds the work done, and says so instead of importing twice.
    client.post(f"/catalog/import/{job_id}/import", data={"publish": "y", "duplicates": "skip"})
    assert db.session.scalar(select(func.count(Business.id))) == 3
    assert "already being imported, or was imported" in text(client.get("/catalog/import"))
    assert "Imported" in text(client.get("/catalog/import"))


@pytest.mark.parametrize("content, filename, words", [
    (b"%PDF-1.4 not a table", "research.csv", "not a table"),
    (b"PK\x03\x04 broken", "research.xlsx", "damaged"),
    (b"name,city\nA,Almaty\n", "research.csv", "no column for"),
])
def test_a_wrong_file_is_refused_beside_the_field_and_the_rest_of_the_form_is_kept(client, auth, editor,
                                                                                  content, filename, words):
    auth.login(editor.email)
    response = upload(client, content, filename, detail="Kept source")
    assert response.status_code == 422
    page = text(response)
    assert words in page and 'id="file-error"' in page and 'value="Kept source"' in page


def test_a_request_larger_than_the_server_takes_gets_the_too_large_page(client, auth, editor):
    auth.login(editor.email)
    response = upload(client, b"x" * (2 * 1024 * 1024))  # the test app takes 1 MB requests
    assert response.status_code == 413 and "Too large" in text(response)


def test_the_report_downloads_with_every_problem_and_no_live_formula(client, auth, editor, app):
    auth.login(editor.email)
    location = upload(client, BUSINESSES_CSV.encode()).headers["Location"]
    job_id = location.rstrip("/").split("/")[-1]
    response = client.get(f"/catalog/import/{job_id}/report.csv")
    rows = list(csv.reader(io.StringIO(text(response).lstrip("\ufeff"))))
    assert rows[0] == ["row", "column", "value", "problem"]
    formula = next(r for r in rows if r[0] == "4")
    assert formula[2].startswith("'=HYPERLINK")
    assert any(r[0] == "5" and "Repeats row 2" in r[3] for r in rows)


def test_an_import_choice_the_form_does_not_offer_comes_back_in_the_error_summary(client, auth, db, editor):
    auth.login(editor.email)
    location = upload(client, BUSINESSES_CSV.encode()).headers["Location"]
    job_id = int(location.rstrip("/").split("/")[-1])
    response = client.post(f"/catalog/import/{job_id}/import", data={"publish": "y", "duplicates": "merge-all"})
    page = text(response)
    assert response.status_code == 422 and "There is a problem" in page and "Import the valid rows" in page
    assert re.search(r'<input[^>]* checked id="publish"', page)  # kept as ticked
    assert db.session.scalar(select(func.count(Business.id))) == 0


def test_discarding_a_checked_file_imports_nothing(client, auth, db, editor):
    auth.login(editor.email)
    location = upload(client, BUSINESSES_CSV.encode()).headers["Location"]
    job_id = int(location.rstrip("/").split("/")[-1])
    assert client.post(f"/catalog/import/{job_id}/discard").status_code == 303
    assert "discarded" in text(client.get(location))
    assert db.session.get(ImportJob, job_id).status == "cancelled"
    assert client.post(f"/catalog/import/{job_id}/import", data={"duplicates": "skip"}).status_code == 303
    assert db.session.scalar(select(func.count(Business.id))) == 0


def test_a_missing_import_is_not_found(client, auth, editor):
    auth.login(editor.email)
    assert client.get("/catalog/import/999").status_code == 404
    assert client.post("/catalog/import/999/import").status_code == 404


def test_a_run_cut_off_by_a_restart_says_so_instead_of_spinning_forever(client, auth, db, editor):
    auth.login(editor.email)
    job = ImportJob(kind="businesses", filename="old.csv", content=b"", importer_id=editor.id, status="checking",
                    total_rows=10)
    db.session.add(job)
    db.session.commit()
    db.session.execute(ImportJob.__table__.update().values(heartbeat_at=utcnow() - timedelta(minutes=10)))
    db.session.commit()
    page = text(client.get(f"/catalog/import/{job.id}"))
    assert "stopped before it finished" in page and "data-hx-trigger" not in main(page)


def test_addresses_that_are_not_web_links_are_refused(app, editor):
    content = ("name,country,city,sector,website\n"
               "A,KZ,Almaty,music,javascript:alert(1)\nB,KZ,Almaty,music,studio.kz\n").encode()
    job = check(app, editor, content)
    assert [(e["row"], e["column"]) for e in job.report["errors"]] == [(2, "website")]
    assert job.report["valid"] == 1


@pytest.mark.parametrize("word, meaning", [("да", True), ("Yes", True), ("иә", True), ("+", True), ("нет", False),
                                           ("yoʻq", False), ("yo'q", False), ("", False), ("тегін", True),
                                           ("ақылы", False), ("bepul", True), ("tölegli", False),
                                           ("maybe", None)])
def test_yes_and_no_free_and_paid_are_read_in_every_language(word, meaning):
    assert importing._yes_no(word) is meaning


def test_the_report_speaks_the_language_of_whoever_reads_it(client, auth, factories):
    """Rows are checked outside any request, in English; each reader gets the report in theirs."""
    russian = factories.user(roles=("editor",), locale="ru")
    auth.login(russian.email)
    location = upload(client, "name,country,city,sector\nA,XX,Almaty,music\n".encode()).headers["Location"]
    page = text(client.get(location))
    assert "«XX» не входит в число пяти стран" in page and "is not one of the five countries" not in page
    report = text(client.get(location + "/report.csv"))
    assert "is not one of the five countries" not in report


# Every rule of the entry forms holds for each imported row ----------------------------------------

def _csv(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def test_a_name_longer_than_the_form_takes_is_named_at_its_row_and_the_other_rows_import(app, db, editor):
    content = _csv([["name", "country", "city", "sector"], ["Steppe Sound", "KZ", "Almaty", "music"],
                    ["S" * 300, "KZ", "Almaty", "music"], ["Ала-Тоо Медиа", "KG", "Бишкек", "music"]])
    job = check(app, editor, content)
    assert [(e["row"], e["column"]) for e in job.report["errors"]] == [(3, "name")]
    assert "at most 200 characters" in importing.readable(job.report["errors"][0]["message"])
    job = run_import(app, job.id)
    assert job.status == "imported" and job.added_count == 2
    assert sorted(db.session.scalars(select(Business.name))) == ["Steppe Sound", "Ала-Тоо Медиа"]


def _too_long(field: str, limit: int) -> str:
    """A value of `field` one character longer than it takes, and otherwise right."""
    if field in ("website", "url"):
        return "https://example.org/" + "a" * (limit - 19)
    if field == "contact_email":
        return "a" * (limit - 11) + "@example.org"
    if field == "social_links":
        return ";".join(["https://example.org/" + "a" * 80] * (limit // 100 + 1))
    return "Ы" * (limit + 1)


@pytest.mark.parametrize("kind, field", [("businesses", f) for f in BUSINESS_MAX_LENGTHS]
                         + [("courses", f) for f in COURSE_MAX_LENGTHS])
def test_every_length_the_entry_form_sets_holds_for_imported_rows(app, db, editor, kind, field):
    limits = BUSINESS_MAX_LENGTHS if kind == "businesses" else COURSE_MAX_LENGTHS
    row = ({"name": "Steppe Sound", "country": "KZ", "city": "Almaty", "sector": "music"} if kind == "businesses"
           else {"title": "Pricing", "url": "https://academy.example/p", "language": "ru", "sectors": "music",
                 "format": "video", "improves": "professional", "outcome": "income"})
    row[{"name": "name", "title": "title"}.get(field, field)] = _too_long(field, limits[field])
    job = check(app, editor, _csv([list(row), list(row.values())]), kind=kind)
    assert [(e["row"], e["column"]) for e in job.report["errors"]] == [(2, field)]
    assert "at most" in importing.readable(job.report["errors"][0]["message"])


@pytest.mark.parametrize("cell, words", [
    ("Steppe\u202e Sound", "U+202E"), ("\u2066Steppe\u2069", "U+2066"), ("Steppe\x00Sound", "U+0000"),
    ("Steppe\nSound", "one line"), ("\u00ad\u200b\u3164", "invisible characters only"),
])
def test_a_name_with_controls_or_nothing_visible_is_refused_at_its_row(app, db, editor, cell, words):
    content = _csv([["name", "country", "city", "sector"], [cell, "KZ", "Almaty", "music"],
                    ["Әсел Ғабитқызы студиясы", "KZ", "Қызылорда", "music"]])
    job = check(app, editor, content)
    (problem,) = job.report["errors"]
    assert (problem["row"], problem["column"]) == (2, "name") and words in importing.readable(problem["message"])
    assert "\u202e" not in problem["value"] and "\x00" not in problem["value"]  # quoted, never obeyed
    assert job.report["valid"] == 1


def test_every_problem_of_a_row_is_reported_not_only_the_first(app, db, editor):
    content = _csv([["name", "country", "city", "sector", "website", "contact_email", "legal_form"],
                    ["", "KZ", "", "music", "javascript:alert(1)", "nobody", "L" * 61]])
    job = check(app, editor, content)
    assert {e["column"] for e in job.report["errors"]} == {"name", "city", "website", "contact_email", "legal_form"}
    assert job.report["rows_with_errors"] == 1


# Nothing lost: a bad row is named, the good ones are kept -----------------------------------------

def test_a_row_with_broken_quotation_marks_is_named_and_every_other_row_imports(app, db, editor):
    content = (b'name,country,city,sector\n'
               b'Steppe Sound,KZ,Almaty,music\n'
               b'"Ala-Too "Media",KG,Bishkek,music\n'
               b'Ipak Yoli,UZ,Tashkent,music\n'
               b'"Dushanbe Design Week,TJ,Dushanbe,music\n'
               b'Turkmen Carpets,TM,Ashgabat,music\n')
    job = check(app, editor, content)
    report = job.report
    assert [(e["row"], importing.readable(e["message"])[:38]) for e in report["errors"]] == [
        (3, "The quotation marks in this row do not"), (5, "The quotation marks in this row do not")]
    assert report["rows_read"] == 5 and report["rows_with_errors"] == 2 and report["valid"] == 3
    assert run_import(app, job.id).added_count == 3


def test_a_cell_of_200_kb_is_named_for_its_length_and_the_other_rows_import(app, db, editor):
    content = ("name,country,city,sector,description\nSteppe Sound,KZ,Almaty,music,"
               + "Очень длинное описание. " * 9_000 + "\nAla-Too,KG,Bishkek,music,Short\n").encode()
    assert len(content) > 200_000
    job = check(app, editor, content)
    (problem,) = job.report["errors"]
    assert problem["row"] == 2 and "too long to read" in importing.readable(problem["message"])
    assert "quotation" not in importing.readable(problem["message"])
    assert run_import(app, job.id).added_count == 1


@pytest.mark.parametrize("size, words", [
    (12_635_341, "The file is 12.1 MB; files up to 10 MB"),  # 12.0500001 MB
    (12_635_340, "The file is 12.0 MB; files up to 10 MB"),  # 12.0499992 MB
    (10 * 2**20 + 1, "The file is 10.01 MB; files up to 10 MB"),
    (int(10.04 * 2**20), "The file is 10.04 MB; files up to 10 MB"),
])
def test_a_file_over_the_limit_is_told_its_real_size(client, auth, app, editor, monkeypatch, size, words):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 16 * 2**20)
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 10 * 2**20)
    auth.login(editor.email)
    rows = b"name,country,city,sector\n" + b"Studio,KZ,Almaty,music\n" * (size // 23 + 1)
    response = upload(client, rows[:size])
    assert response.status_code == 422 and words in text(response)


def test_sizes_are_written_as_the_reader_writes_numbers(client, auth, app, factories, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 2**19)  # 0.5 MB
    auth.login(factories.user(roles=("editor",), locale="ru").email)
    response = upload(client, b"name,country,city,sector\n" + b"x" * int(0.75 * 2**20))
    assert response.status_code == 422 and "0,8" in text(response) and "0,5" in text(response)


# A run that was killed: failed once its heartbeat is stale, then discarded or run again -----------

def _kill(db, job_id: int, minutes: int = 10) -> None:
    """What a killed worker leaves: the job still marked as running, its heartbeat going stale."""
    db.session.execute(ImportJob.__table__.update().where(ImportJob.id == job_id)
                       .values(heartbeat_at=utcnow() - timedelta(minutes=minutes)))
    db.session.commit()


def _claimed(app, db, job_id: int) -> None:
    with app.test_request_context():
        importing.claim_for_import(importing.get_job(job_id), True, True)
        db.session.commit()


def test_an_import_killed_midway_is_failed_and_can_be_checked_again_and_imported(app, client, auth, db, editor):
    job_id = check(app, editor, BUSINESSES_CSV.encode()).id
    _claimed(app, db, job_id)  # "importing", and then the process was killed before the run did anything
    _kill(db, job_id)
    auth.login(editor.email)
    page = text(client.get(f"/catalog/import/{job_id}"))
    assert "stopped before it finished" in page and "data-hx-trigger" not in main(page)
    assert "Check the file again" in page
    assert db.session.get(ImportJob, job_id).status == "failed"
    assert client.post(f"/catalog/import/{job_id}/rerun").status_code == 303
    job = db.session.get(ImportJob, job_id)
    assert job.status == "checked" and job.report["valid"] == 4 and job.attempt == 3
    client.post(f"/catalog/import/{job_id}/import", data={"publish": "y", "duplicates": "skip"})
    assert db.session.get(ImportJob, job_id).status == "imported"
    assert db.session.scalar(select(func.count(Business.id))) == 3


def test_a_check_killed_midway_is_failed_and_can_be_discarded(app, client, auth, db, editor):
    job_id = start(app, editor, BUSINESSES_CSV.encode())  # "checking"; no run ever reported back
    _kill(db, job_id)
    auth.login(editor.email)
    assert "Failed; nothing imported" in text(client.get("/catalog/import"))  # the list applies the rule too
    assert client.post(f"/catalog/import/{job_id}/discard").status_code == 303
    assert db.session.get(ImportJob, job_id).status == "cancelled"
    assert db.session.scalar(select(func.count(Business.id))) == 0


def test_a_run_that_is_alive_is_left_alone(app, client, auth, db, editor):
    job_id = start(app, editor, BUSINESSES_CSV.encode())
    _kill(db, job_id, minutes=1)  # quiet for a minute: within IMPORT_STALE_AFTER
    auth.login(editor.email)
    assert 'data-hx-trigger="load delay:600ms"' in text(client.get(f"/catalog/import/{job_id}"))
    assert db.session.get(ImportJob, job_id).status == "checking"
    assert client.post(f"/catalog/import/{job_id}/rerun").status_code == 303  # refused: it is running
    assert db.session.get(ImportJob, job_id).attempt == 1


def test_a_slow_run_taken_over_meanwhile_stops_and_writes_nothing(app, db, editor):
    """The run was only slow: it was failed as stalled and started again. When it wakes up, its
    next write finds the job on another run; it stops, and the import it was making is undone."""
    job_id = check(app, editor, BUSINESSES_CSV.encode()).id
    _claimed(app, db, job_id)  # run 2 of the job
    _kill(db, job_id)
    with app.test_request_context():
        importing.rerun(importing.get_job(job_id))  # failed on being read, then run 3 starts
        db.session.commit()
        importing.run_in_background(job_id, 2, importing.import_job)  # run 2 wakes up
    db.session.expire_all()
    job = db.session.get(ImportJob, job_id)
    assert (job.status, job.attempt, job.error) == ("checking", 3, "")
    assert db.session.scalar(select(func.count(Business.id))) == 0


def test_a_process_fails_the_runs_left_stalled_at_its_first_catalog_request(app, client, db, editor):
    job_id = start(app, editor, BUSINESSES_CSV.encode())
    _kill(db, job_id)
    app.extensions.pop("ccan_import_runs_checked", None)  # as in a process just started
    client.get("/catalog/businesses")
    assert db.session.get(ImportJob, job_id).status == "failed"


def test_a_worker_starting_work_fails_the_runs_left_stalled(app, db, editor):
    stalled_id = start(app, editor, BUSINESSES_CSV.encode())
    _kill(db, stalled_id)
    other_id = start(app, editor, BUSINESSES_CSV.encode())
    with app.test_request_context():
        importing.run_in_background(other_id, 1, importing.check_job)
    db.session.expire_all()
    assert db.session.get(ImportJob, stalled_id).status == "failed"
    assert db.session.get(ImportJob, other_id).status == "checked"


def test_the_upload_reads_only_the_first_rows_and_the_check_reads_the_file_once(app, db, editor, monkeypatch):
    read = []
    monkeypatch.setattr(importing, "read_table", lambda *a, **kw: read.append(1) or spreadsheets.read_table(*a, **kw))
    job_id = start(app, editor, BUSINESSES_CSV.encode())
    assert read == [] and db.session.get(ImportJob, job_id).total_rows == 0
    with app.test_request_context():
        importing.check_job(job_id, 1)
    assert read == [1] and db.session.get(ImportJob, job_id).total_rows == 6


# The dry run lists what it would add; the entry form's required fields hold for rows ------------

def test_the_dry_run_lists_the_entries_it_would_add_not_only_their_number(app, db, editor, existing):
    job = check(app, editor, BUSINESSES_CSV.encode())
    additions = job.report["additions"]
    assert [a["row"] for a in additions] == [2, 6]  # 5 and 7 repeat an entry; 3 and 4 have errors
    assert additions[0] == {"row": 2, "name": "Студия «Звук»", "country": "KZ", "city": "Алматы", "sector": "music"}
    assert job.report["additions_total"] == 2


def test_the_dry_run_page_shows_the_first_hundred_entries_and_how_many_more(client, auth, editor):
    auth.login(editor.email)
    rows = "".join(f"Studio {n};KZ;Almaty;music\n" for n in range(1, 131))
    response = upload(client, ("name;country;city;sector\n" + rows).encode())
    page = text(client.get(response.headers["Location"]))
    assert "Entries it would add" in page and "Studio 1<" in page and "Studio 100<" in page
    assert "Studio 101<" not in page
    assert "The first 100 are shown; 30 more entries would be added." in page


def test_a_row_without_a_city_is_reported_at_its_row_not_imported(app, db, editor):
    job = check(app, editor, "name;country;city;sector\nNo City;KZ;;music\nWith City;KZ;Almaty;music\n".encode())
    assert {(e["row"], e["column"]) for e in job.report["errors"]} == {(2, "city")}
    assert job.report["valid"] == 1
    run_import(app, job.id)
    assert db.session.scalars(select(Business.name)).all() == ["With City"]


def test_the_entry_form_and_the_import_require_the_same_fields(app):
    from ccan_web.blueprints.catalog.forms import BusinessForm, CourseForm
    from ccan_web.domain.catalog import BUSINESS_REQUIRED, COURSE_REQUIRED
    with app.test_request_context():
        for form, required, kind in ((BusinessForm(meta={"csrf": False}), BUSINESS_REQUIRED, "businesses"),
                                     (CourseForm(meta={"csrf": False}), COURSE_REQUIRED, "courses")):
            assert {f.name for f in form if f.flags.required} == set(required)
            assert importing.REQUIRED[kind] == required


def test_a_web_address_without_a_scheme_is_taken_as_https(app, db, editor):
    job = check(app, editor, "name;country;city;sector;website\nHunar;TJ;Dushanbe;music;hunar.tj\n".encode())
    run_import(app, job.id)
    assert db.session.scalar(select(Business.website)) == "https://hunar.tj"


def test_publish_at_once_is_not_ticked_unless_the_editor_ticks_it(client, auth, db, editor):
    auth.login(editor.email)
    response = upload(client, "name;country;city;sector\nHunar;TJ;Dushanbe;music\n".encode())
    page = text(client.get(response.headers["Location"]))
    assert 'name="publish"' in page and not re.search(r'<input[^>]*name="publish"[^>]*checked', page)
    job_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    client.post(f"/catalog/import/{job_id}/import", data={"duplicates": "skip"})
    assert db.session.scalar(select(Business.status)) == EntryStatus.PENDING
