"""Words that name a kind of entry, a sector, a country, a course language or a city, in the seven
languages: search lets such a word match the entries of that kind, sector or place, not only
those whose text contains it ("курс анимации" finds animation courses; "theatre Tashkent" finds
theatres in Tashkent, written "Toshkent" or "Ташкент").

Sector and country names come from the translation catalogs (the labels the site shows), so the
table follows the translators; only the kind words, language names and city spellings are listed
here. Keys are compared as search keys (`search.analysis.word_key`/`word_stem`), so case, script
and endings do not matter.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from ccan_web.domain.countries import COUNTRIES
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.sectors import SECTORS

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
MIN_LETTERS = 3  # "VR", "AR", "и" name nothing on their own

# Words people use for an entry of each kind (course/курс/kurs; a company or agency is a business).
# Not "studio": most businesses are none, and a studio is found by the word (SPELLINGS).
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "course": ("course", "courses", "lesson", "lessons", "tutorial", "training", "class", "classes",
               "курс", "курсы", "курсов", "урок", "уроки", "обучение", "тренинг",
               "kurs", "kurslar", "курстар", "сабақ", "сабак", "dars", "darslar", "дарс", "ders",
               "okuw", "омӯзиш", "таълим", "ta'lim", "talim"),
    "business": ("business", "businesses", "company", "companies", "agency",
                 "бизнес", "компания", "компании", "агентство",
                 "kompaniya", "kompaniyasi", "компаниясы", "agentlik", "kompaniýa", "ширкат", "shirkat"),
    "story": ("story", "stories", "история", "истории", "hikoya", "тарих"),
    "association": ("association", "associations", "ассоциация", "ассоциации", "assotsiatsiya",
                    "қауымдастық", "ассоциациясы"),
    "roadmap": ("roadmap", "дорожная", "карта", "yo'l", "xaritasi", "жол"),
    "toolkit": ("toolkit", "standard", "checklist", "стандарт", "инструменты"),
}

# A course's language as people name it, besides its own name (LOCALES).
LANGUAGE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("english", "английский", "английском", "ағылшын", "англис", "англисӣ", "iňlis", "ingliz", "inglizcha"),
    "ru": ("russian", "русский", "русском", "орыс", "орус", "русӣ", "rus", "rusça", "ruscha", "русча"),
    "kk": ("kazakh", "qazaq", "казахский", "казахском", "қазақ", "казак", "қазоқӣ", "gazak", "qozoq", "qozoqcha"),
    "ky": ("kyrgyz", "kirghiz", "киргизский", "кыргызский", "кыргыз", "қырғыз", "қирғизӣ", "gyrgyz", "qirgʻiz", "qirgʻizcha"),
    "tg": ("tajik", "таджикский", "таджикском", "тәжік", "тажик", "тоҷик", "täjik", "tojik", "tojikcha"),
    "tk": ("turkmen", "туркменский", "түрікмен", "түркмөн", "туркман", "türkmen", "turkman", "turkmancha"),
    "uz": ("uzbek", "узбекский", "узбекском", "өзбек", "өзбек", "ӯзбек", "özbek", "oʻzbek", "ozbek", "узбек"),
}

# One word as the catalog's languages write it: a word of one finds the others, a little below
# the word as typed. Cities (Uzbek Latin, Kazakh, older Russian spellings), then the words of
# the creative trades that people search for most.
SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("Tashkent", "Toshkent", "Ташкент", "Тошкент"),
    ("Samarkand", "Samarqand", "Самарканд", "Самарқанд"),
    ("Bukhara", "Buxoro", "Бухара", "Бухоро"),
    ("Fergana", "Fargʻona", "Farg'ona", "Фергана", "Фарғона"),
    ("Namangan", "Наманган"),
    ("Andijan", "Andijon", "Андижан", "Андижон"),
    ("Khiva", "Xiva", "Хива"),
    ("Nukus", "Нукус"),
    ("Almaty", "Алматы", "Алма-Ата", "Almaty", "Alma-Ata"),
    ("Astana", "Астана", "Nur-Sultan", "Нур-Султан"),
    ("Shymkent", "Шымкент", "Chimkent", "Чимкент"),
    ("Karaganda", "Караганда", "Qaraghandy", "Қарағанды"),
    ("Oskemen", "Өскемен", "Ust-Kamenogorsk", "Усть-Каменогорск"),
    ("Bishkek", "Бишкек"),
    ("Osh", "Ош"),
    ("Karakol", "Каракол"),
    ("Dushanbe", "Душанбе"),
    ("Khujand", "Худжанд", "Хуҷанд", "Xo'jand"),
    ("Ashgabat", "Aşgabat", "Ашхабад", "Ashkhabad", "Ашгабат"),
    ("Turkmenabat", "Türkmenabat", "Туркменабад"),
    ("Mary", "Мары"),
    ("design", "дизайн", "dizayn", "dizaýn"),
    ("studio", "студия", "studiya", "studiýa", "студиясы", "студияси"),
    ("theatre", "theater", "театр", "teatr", "teatri", "teatry", "театри"),
    ("animation", "анимация", "animatsiya", "animasiýa", "аниматсия"),
    ("music", "музыка", "musiqa", "мусиқӣ", "aýdym-saz"),
    ("photography", "photo", "photograph", "photographing", "фотография", "фото", "fotografiya", "surat",
     "suratga"),
    ("film", "фильм", "кино", "kino", "film"),
    ("dance", "танец", "танцы", "raqs", "рақс", "tans", "би", "бий"),
    ("jewellery", "jewelry", "ювелирный", "zargarlik", "зергерлик"),
    ("architecture", "архитектура", "arxitektura", "меъморӣ", "сәулет"),
    ("game", "games", "игры", "игра", "oʻyin", "ойын", "оюн"),
    ("advertising", "реклама", "reklama", "жарнама", "mahabat"),
)


# Words in the labels that name no one value well ("and" in each language).
STOP_LABEL_WORDS = frozenset({"and", "жана", "және", "ва", "we", "va", "и"})


def _label_words(text: str) -> list[str]:
    return [word for word in text.replace(",", " ").replace("/", " ").split()
            if len(word) >= MIN_LETTERS and word.casefold() not in STOP_LABEL_WORDS]


@cache
def _catalogs() -> dict[str, object]:
    from babel.support import Translations

    return {locale: Translations.load(str(TRANSLATIONS), [locale]) for locale in LOCALES if locale != "en"}


def _in_every_locale(msgid: str) -> list[str]:
    return [msgid] + [catalog.gettext(msgid) for catalog in _catalogs().values()]


def _msgid(label) -> str:
    """The English text of a lazily translated label, whatever locale the current request uses."""
    from flask_babel import force_locale

    with force_locale("en"):
        return str(label)


@cache
def named_values() -> tuple[tuple[str, tuple[str, str]], ...]:
    """(word, (facet, value)) for every word that names a kind, sector, country or language."""
    pairs: list[tuple[str, tuple[str, str]]] = []
    for kind, words in KIND_WORDS.items():
        pairs += [(word, ("kind", kind)) for word in words]
    for slug, label in SECTORS.items():
        for text in _in_every_locale(_msgid(label)):
            pairs += [(word, ("sectors", slug)) for word in _label_words(text)]
    for country in COUNTRIES:
        for text in _in_every_locale(_msgid(country.name)):
            pairs += [(word, ("country", country.code)) for word in _label_words(text)]
    for code, words in LANGUAGE_WORDS.items():
        pairs += [(word, ("language", code)) for word in (*words, LOCALES[code])]
    return tuple(pairs)

