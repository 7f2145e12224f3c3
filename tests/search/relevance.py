"""The judged query set: what a member searching the demo catalog means, and the entries that must
rank first for it.

Each judgement was made by reading the demo entries (ccan_web/demo_data/catalog.py: titles,
cities, sectors, course languages) — never by copying what the engine answers. Entries are named
by title (the demo's titles are unique within a kind), so a judgement survives renumbering.
`first` must rank first (grade 2, in any order among themselves), `also` are relevant below them
(grade 1); `where` adds every entry a rule picks to `first` (all courses in Kazakh...). An entry
counts as relevant when it shares with the query a word, a spelling, or a kind, sector, place
or language that a word names: a translation with no word in common ("Иллюстрация детской
книги" for "children's book illustration") is left out, as no word search can reach it.

nDCG@10 (`ndcg`) compares a ranking with the ideal one: every `first` entry, then every `also`.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ccan_web.search.documents import SearchDocument


@dataclass(frozen=True)
class Judged:
    query: str
    first: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    where: Callable[[SearchDocument], bool] | None = field(default=None, compare=False)
    why: str = ""


def course_in(language: str) -> Callable[[SearchDocument], bool]:
    return lambda doc: doc.kind == "course" and doc.language == language


def business_in(city: str, sector: str) -> Callable[[SearchDocument], bool]:
    return lambda doc: doc.kind == "business" and doc.place == city and sector in doc.sectors


JEWELLERY_EN = ("Oasis Jewellery", "Mountain Echo Jewellery", "Saxaul Jewellery", "Blue Dome Jewellery")
PODCASTS_EN = ("Launching and monetising a podcast", "Chorsu Podcasts", "Silk Road Podcasts",
               "Saxaul Podcasts", "Samarkand Blue Podcasts", "Orbit Podcasts", "Snow Leopard Podcasts")
BLENDER = ("2D animation with Blender", "2D-анимация в Blender", "Blender dasturida 2D animatsiya",
           "Blender-de 2D animasiýa", "Аниматсияи 2D дар Blender")
BIM = ("BIM for small architecture practices", "Kiçi binagärlik býurosy üçin BIM",
       "BIM для небольшого архитектурного бюро", "Шағын сәулет бюросына арналған BIM",
       "Чакан архитектуралык бюро үчүн BIM", "Kichik arxitektura byurosi uchun BIM")
UX = ("UX design for mobile apps", "UX-дизайн мобильных приложений", "Mobil ilovalar uchun UX dizayn",
      "Мобильді қосымшаларға арналған UX дизайн", "Mobil programmalar üçin UX dizaýn")
ZARGARLIK = ("Moviy Gumbaz zargarlik ustaxonasi", "Chinor zargarlik ustaxonasi",
             "Navroʻz zargarlik ustaxonasi", "Yangi Avlod zargarlik ustaxonasi")
TASHKENT_THEATRES = ("Samarkand Blue Theatre", "Silk Road Theatre")

QUERIES: tuple[Judged, ...] = (
    # English: words, two and three words, a topic with a kind word
    Judged("photography course", ("Photographing handmade products for online shops",),
           ("Qoʻlda yasalgan buyumlarni onlayn doʻkon uchun suratga olish",),
           why="the one English photography course; photography is not written as such anywhere"),
    Judged("design studio Bishkek", ("Дизайн-студия «Орбита»", "Дизайн-студия «Новая волна»"),
           why="the two design studios in Bishkek (Russian names)"),
    Judged("jewellery", JEWELLERY_EN),
    Judged("podcast", PODCASTS_EN, ("Как запустить подкаст и зарабатывать на нём",)),
    Judged("ballet", ("Altai Ballet Studio", "Snow Leopard Ballet Studio")),
    Judged("quest room", ("Designing a quest room", "Kaspi Coast Quest Rooms", "Golden Eagle Quest Rooms",
                          "Turquoise Quest Rooms", "Saxaul Quest Rooms", "Medeu Quest Rooms")),
    Judged("2d animation blender", BLENDER[:1], BLENDER[1:]),
    Judged("children's book illustration", ("Illustrating children's books",)),
    Judged("low budget short film", ("Producing a low-budget short film",)),
    Judged("esports tournament", ("Running an esports tournament",)),
    Judged("grant application", ("Writing a winning grant application",)),
    # Place with a sector, topic with a language
    Judged("theatre Tashkent", TASHKENT_THEATRES, why="theatres in Tashkent"),
    Judged("Toshkent teatr", TASHKENT_THEATRES, why="Uzbek Latin spelling of both words"),
    Judged("Тошкент театр", TASHKENT_THEATRES, why="Uzbek Cyrillic"),
    Judged("Алматы театр", ("Театр «Жібек Жолы»", "Театр «Формат»"), why="the Almaty theatres"),
    Judged("architecture Dushanbe", ("Apricot Architects", "Архитектурная мастерская «Восток»",
                                     "Бюрои меъмории «Меҳр»"), ("Студияи интерери «Баҳор»",),
           why="the architects of Dushanbe (Tajik: бюрои меъморӣ), and an interior studio there"),
    Judged("music Almaty", ("Kaspi Coast Music",), where=business_in("Almaty", "music")),
    Judged("игровая студия Бишкек", ("Игровая студия «Караван»", "Игровая студия «Ош-Базар»",
                                     "Игровая студия «Формат»")),
    Judged("web development course in Russian", ("Веб-разработка для начинающих",),
           ("Web development for beginners",)),
    Judged("подкаст на кыргызском", ("Подкаст ачуу жана андан киреше табуу",)),
    Judged("UX design uzbek", ("Mobil ilovalar uchun UX dizayn",), UX[:1]),
    Judged("курсы на казахском", where=course_in("kk"), why="every course in Kazakh"),
    Judged("kurslar oʻzbek tilida", where=course_in("uz"), why="every course in Uzbek"),
    # Russian
    Judged("курс анимации", BLENDER[1:2], BLENDER[:1] + BLENDER[2:]),
    Judged("ювелирная мастерская", ("Ювелирная мастерская «Контраст»", "Ювелирная мастерская «Шёлковый путь»",
                                    "Ювелирная мастерская «Ракурс»", "Ювелирная мастерская «Арт-Квартал»",
                                    "Ювелирная мастерская «Перспектива»", "Ювелирная мастерская «Территория»",
                                    "Ювелирная мастерская «Новая волна»")),
    Judged("подкаст", ("Как запустить подкаст и зарабатывать на нём", "Подкаст ачуу жана андан киреше табуу",
                       "Оғози подкаст ва даромад аз он", "Подкаст ашу және одан табыс табу")),
    Judged("театр танца", ("Театр танца «Сарыарка»", "Театр танца «Кадр»", "Театр танца «Параллель»")),
    Judged("танцевальная студия", ("Танцевальная студия «Пиксель»", "Танцевальная студия «Мираж»",
                                   "Танцевальная студия «Вектор»")),
    Judged("студия звукозаписи", ("Студия звукозаписи «Ферганская долина»", "Студия звукозаписи «Формат»",
                                  "Студия звукозаписи «Ритм»", "Студия звукозаписи «Вектор»",
                                  "Студия звукозаписи «Гармония»", "Студия звукозаписи «Восток»",
                                  "Студия звукозаписи «Пиксель»", "Студия звукозаписи «Горизонт»")),
    Judged("архитектурное бюро", ("Архитектурное бюро «Горизонт»", "Архитектурное бюро «Вектор»",
                                  "Архитектурное бюро «Хорезм»", "Архитектурное бюро «Гармония»",
                                  "Архитектурное бюро «Перспектива»")),
    Judged("квест", ("Квест-комната «Шёлковый путь»", "Квест-комната «Караван»", "Квест-комната «Айкол»",
                     "Квест-комната «Самарканд-Арт»", "Как создать квест-комнату", "Квест бөлмөсүн түзүү",
                     "Квест бөлмесін құру"), ("Kvest xonasini yaratish",)),
    # Kazakh
    Judged("жарнама агенттігі", ("Алтын Күн жарнама агенттігі", "Жұлдыз жарнама агенттігі",
                                 "Керуен жарнама агенттігі", "Ақ Жол жарнама агенттігі")),
    Judged("ойын студиясы", ("Жібек ойын студиясы",)),
    Judged("киім коллекциясы", ("Киім коллекциясы: эскизден үлгіге дейін",)),
    # Uzbek, Latin and Cyrillic
    Judged("zargarlik", ZARGARLIK),
    Judged("зарғарлик устахонаси", ZARGARLIK, why="Uzbek Cyrillic for the Latin names"),
    Judged("kinostudiyasi", ("Yangi Avlod kinostudiyasi", "Guliston kinostudiyasi", "Maqom kinostudiyasi")),
    Judged("reklama agentligi", ("Adras reklama agentligi", "Lazgi reklama agentligi",
                                 "Navroʻz reklama agentligi", "Zarafshon reklama agentligi")),
    Judged("podkast", ("Podkast ochish va undan daromad olish", "Podkast açmak we ondan girdeji almak")),
    # Typos (one edit)
    Judged("jewelery", JEWELLERY_EN),
    Judged("podcsat", PODCASTS_EN),
    Judged("anmation blender", BLENDER[:1], BLENDER[1:]),
    Judged("балет", ("Altai Ballet Studio", "Snow Leopard Ballet Studio"), why="the other script, no typo"),
    # As you type: prefixes of two to four letters, and whole short words
    Judged("ux", UX),
    Judged("vr", ("Silk Road VR Lab", "Turquoise VR Lab", "Varzob VR Lab", "Saxaul VR Lab")),
    Judged("bim", BIM),
    Judged("blen", BLENDER),
    Judged("jew", JEWELLERY_EN),
    Judged("podc", PODCASTS_EN),
    Judged("зарг", ZARGARLIK + ("Устохонаи заргарии «Ситора»", "Устохонаи заргарии «Ганҷ»",
                               "Устохонаи заргарии «Наврӯз»"), ("Арстан зергерлик устаканасы",),
           why="jewellers: zargar in Uzbek and Tajik (and zerger in Kyrgyz, which the prefix cannot reach)"),
)


def grades(judged: Judged, docs: Iterable[SearchDocument]) -> dict[str, int]:
    """Each judged entry's key with its grade (2: must rank first, 1: relevant)."""
    docs = list(docs)
    by_title: dict[str, str] = {}
    for doc in docs:
        by_title.setdefault(doc.title, doc.key)
    found: dict[str, int] = {}
    for title in judged.also:
        found[by_title[title]] = 1
    for title in judged.first:
        found[by_title[title]] = 2
    if judged.where is not None:
        found.update({doc.key: 2 for doc in docs if judged.where(doc)})
    return found


def ndcg(ranked: list[str], graded: dict[str, int], depth: int = 10) -> float:
    def dcg(gains: list[int]) -> float:
        return sum((2 ** gain - 1) / math.log2(rank + 2) for rank, gain in enumerate(gains[:depth]))

    ideal = dcg(sorted(graded.values(), reverse=True))
    return dcg([graded.get(key, 0) for key in ranked]) / ideal if ideal else 1.0
