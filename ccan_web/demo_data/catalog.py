"""The demo research databases: about 600 creative businesses and 240 online courses that meet the
overview's balance rules, with a moderation queue to try (waiting, duplicate, returned and
rejected entries).

Business names, descriptions and course titles are put together from parts in Russian, English and
the five national languages, with a fixed random seed, so every run builds the same catalog.
Everything goes through the catalog services, as members' submissions and editors' decisions.
"""
from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select

from ccan_web.blueprints.accounts.models import User
from ccan_web.blueprints.accounts.services import user_by_email
from ccan_web.blueprints.catalog.models import Business, Course, DuplicateFlag
from ccan_web.blueprints.catalog.entries import BusinessData, CourseData, submit_business, submit_course
from ccan_web.blueprints.catalog.moderation import publish, reject, return_for_changes
from ccan_web.blueprints.catalog.overview import business_overview, course_overview
from ccan_web.demo_data.people import DEMO_DOMAIN, MEMBERS
from ccan_web.domain.catalog import COURSE_FORMATS, COURSE_LEVELS, COURSE_OUTCOMES, EntryStatus, business_name_key
from ccan_web.domain.countries import COUNTRY_CODES
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.sectors import SECTORS
from ccan_web.extensions import db

SEED = 2021
FOUNDED_BY = 2021  # the network's research year: no demo business is younger

# Generated businesses per country, on top of the hand-written entries below. Every country is
# well above the 8% floor; the sector weights keep every sector well above 4%.
GENERATED = {"KZ": 150, "KG": 105, "TJ": 95, "TM": 80, "UZ": 170}
GENERATED_LEFT_WAITING = 6  # besides the duplicates, which wait too
COURSES_LEFT_WAITING = 5

# Who decides each country's entries (both are editors in people.EXTRA_ROLES).
EDITOR_FOR = {"KZ": "ekaterina.li", "KG": "ekaterina.li", "TJ": "madina.yuldosheva",
              "TM": "madina.yuldosheva", "UZ": "madina.yuldosheva"}
EDITORS = frozenset(EDITOR_FOR.values())

COUNTRY_NAMES = {"KZ": "Kazakhstan", "KG": "Kyrgyzstan", "TJ": "Tajikistan", "TM": "Turkmenistan",
                 "UZ": "Uzbekistan"}

# (city, region, weight): the capital and the largest cities carry most of the creative economy.
CITIES: dict[str, tuple[tuple[str, str, int], ...]] = {
    "KZ": (("Almaty", "", 34), ("Astana", "", 20), ("Shymkent", "", 8), ("Karaganda", "Karaganda Region", 6),
           ("Aktobe", "Aktobe Region", 4), ("Pavlodar", "Pavlodar Region", 4),
           ("Oskemen", "East Kazakhstan Region", 4), ("Semey", "East Kazakhstan Region", 3),
           ("Atyrau", "Atyrau Region", 3), ("Kostanay", "Kostanay Region", 3), ("Taraz", "Jambyl Region", 3),
           ("Turkistan", "Turkistan Region", 3), ("Oral", "West Kazakhstan Region", 2),
           ("Kyzylorda", "Kyzylorda Region", 2)),
    "KG": (("Bishkek", "", 50), ("Osh", "", 16), ("Karakol", "Issyk-Kul Region", 7),
           ("Cholpon-Ata", "Issyk-Kul Region", 4), ("Jalal-Abad", "Jalal-Abad Region", 5),
           ("Naryn", "Naryn Region", 4), ("Tokmok", "Chuy Region", 4), ("Kara-Balta", "Chuy Region", 3),
           ("Talas", "Talas Region", 3), ("Batken", "Batken Region", 3)),
    "TJ": (("Dushanbe", "", 48), ("Khujand", "Sughd Region", 14), ("Istaravshan", "Sughd Region", 5),
           ("Panjakent", "Sughd Region", 5), ("Isfara", "Sughd Region", 3), ("Bokhtar", "Khatlon Region", 6),
           ("Kulob", "Khatlon Region", 6), ("Khorog", "Gorno-Badakhshan Autonomous Region", 6),
           ("Hisor", "Districts of Republican Subordination", 4),
           ("Tursunzoda", "Districts of Republican Subordination", 3)),
    "TM": (("Ashgabat", "", 58), ("Turkmenabat", "Lebap Region", 10), ("Mary", "Mary Region", 10),
           ("Dashoguz", "Dashoguz Region", 8), ("Balkanabat", "Balkan Region", 5),
           ("Turkmenbashi", "Balkan Region", 4), ("Bayramaly", "Mary Region", 3), ("Tejen", "Ahal Region", 2)),
    "UZ": (("Tashkent", "", 42), ("Samarkand", "Samarkand Region", 12), ("Bukhara", "Bukhara Region", 9),
           ("Fergana", "Fergana Region", 5), ("Margilan", "Fergana Region", 3), ("Kokand", "Fergana Region", 3),
           ("Namangan", "Namangan Region", 5), ("Andijan", "Andijan Region", 5),
           ("Nukus", "Republic of Karakalpakstan", 4), ("Khiva", "Khorezm Region", 4),
           ("Urgench", "Khorezm Region", 2), ("Karshi", "Kashkadarya Region", 2),
           ("Termez", "Surkhandarya Region", 2), ("Navoi", "Navoi Region", 1), ("Jizzakh", "Jizzakh Region", 1)),
}

# The language a business is named in, by country, with weights.
NAME_LANGUAGES = {
    "KZ": (("ru", 4), ("kk", 3), ("en", 3)),
    "KG": (("ru", 4), ("ky", 3), ("en", 3)),
    "TJ": (("tg", 4), ("ru", 3), ("en", 3)),
    "TM": (("tk", 7), ("en", 2), ("ru", 1)),
    "UZ": (("uz", 5), ("ru", 2), ("en", 3)),
}

# Legal forms as registries and members write them, by country and name language; "" is none given.
LEGAL_FORMS_BY = {
    ("KZ", "ru"): (("ТОО", 6), ("ИП", 2), ("", 1)),
    ("KZ", "kk"): (("ЖШС", 5), ("ТОО", 2), ("ЖК", 2), ("", 1)),
    ("KZ", "en"): (("LLP", 4), ("ТОО", 3), ("", 1)),
    ("KG", "ru"): (("ОсОО", 6), ("ИП", 3), ("", 1)),
    ("KG", "ky"): (("ЖЧК", 5), ("ОсОО", 3), ("", 1)),
    ("KG", "en"): (("LLC", 5), ("ОсОО", 2), ("", 1)),
    ("TJ", "tg"): (("ҶДММ", 7), ("", 2)),
    ("TJ", "ru"): (("ООО", 5), ("ЧДММ", 2), ("ИП", 2), ("", 1)),
    ("TJ", "en"): (("LLC", 5), ("ҶДММ", 2), ("", 1)),
    ("TM", "tk"): (("HJ", 6), ("HK", 3), ("", 1)),
    ("TM", "en"): (("HJ", 3), ("LLC", 3), ("", 1)),
    ("TM", "ru"): (("ХО", 3), ("ЧП", 1), ("", 1)),
    ("UZ", "uz"): (("MChJ", 6), ("XK", 2), ("YaTT", 2), ("", 1)),
    ("UZ", "ru"): (("ООО", 4), ("ЧП", 2), ("ИП", 1), ("", 1)),
    ("UZ", "en"): (("LLC", 5), ("MChJ", 2), ("", 1)),
}

# The distinctive part of a name: place names, motifs and words a founder would choose.
STEMS_RU_COMMON = ("Горизонт", "Палитра", "Мираж", "Караван", "Контраст", "Пиксель", "Ритм", "Гармония",
                   "Формат", "Вектор", "Ракурс", "Кадр", "Аккорд", "Арт-Квартал", "Перспектива", "Созвездие",
                   "Восток", "Тюльпан", "Новая волна", "Шёлковый путь", "Орбита", "Территория", "Параллель")
STEMS_EN_COMMON = ("Nomad", "Caravan", "Silk Road", "Blue Dome", "Golden Eagle", "Snow Leopard", "Turquoise",
                   "Saxaul", "Pomegranate", "Apricot", "Oasis", "Open Sky", "North Star", "Sun Gate", "Orbit",
                   "Hidden Valley", "Bright Yurt", "Red Poppy", "Tulip", "Second Wind", "Mountain Echo")
STEMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("KZ", "ru"): STEMS_RU_COMMON + ("Алатау", "Байтерек", "Медеу", "Сарыарка", "Жетысу", "Иртыш", "Тенгри",
                                     "Беркут", "Степь", "Яблоко", "Каспий", "Улытау"),
    ("KZ", "kk"): ("Алтын Күн", "Жібек", "Самұрық", "Тұлпар", "Дала", "Көкжиек", "Ақбота", "Шаңырақ", "Арман",
                   "Жұлдыз", "Аспан", "Көктем", "Нұр", "Ұлытау", "Алатау", "Бәйтерек", "Сұңқар", "Тамыр",
                   "Жаңа Толқын", "Ою-Өрнек", "Ақ Жол", "Қазына", "Мұра", "Керуен", "Ақсауыт", "Бесқазан",
                   "Күміс", "Көшпелі", "Шабыт", "Ырғақ"),
    ("KZ", "en"): STEMS_EN_COMMON + ("Steppe", "Alatau", "Tengri", "Baiterek", "Medeu", "Saryarka", "Altai",
                                     "Aport", "Tulpar", "Shanyraq", "Samruk", "Kaspi Coast"),
    ("KG", "ru"): STEMS_RU_COMMON + ("Ала-Тоо", "Тянь-Шань", "Иссык-Куль", "Сары-Челек", "Тулпар", "Айкол",
                                     "Арча", "Эдельвейс", "Ош-Базар", "Сулайман-Тоо"),
    ("KG", "ky"): ("Ала-Тоо", "Ысык-Көл", "Тулпар", "Айкөл", "Нур", "Кыял", "Шырдак", "Мурас", "Теңир", "Асман",
                   "Булак", "Умай", "Жаңы Муун", "Ак Илбирс", "Сары-Челек", "Кут", "Ордо", "Жибек Жолу",
                   "Арстан", "Бакыт", "Көк-Бөрү", "Шумкар", "Тунук", "Чолпон", "Ак-Суу", "Кайып"),
    ("KG", "en"): STEMS_EN_COMMON + ("Ala-Too", "Tien Shan", "Issyk-Kul", "Tulpar", "Sary-Chelek", "Kok-Boru",
                                     "Song-Kul", "Arkhar", "Manas Gate"),
    ("TJ", "tg"): ("Ориёно", "Сомон", "Суғд", "Помир", "Зарафшон", "Нури Дил", "Парасту", "Гулшан", "Наврӯз",
                   "Шаҳнома", "Ситора", "Баҳор", "Зебо", "Меҳр", "Ҳисор", "Варзоб", "Офтоб", "Ганҷ", "Бахт",
                   "Хуршед", "Сафо", "Гулистон", "Кӯҳистон", "Рангин", "Ҷило", "Ормон", "Нигор", "Симурғ"),
    ("TJ", "ru"): STEMS_RU_COMMON + ("Памир", "Согд", "Зарафшан", "Варзоб", "Искандеркуль", "Гиссар", "Фанские горы",
                                     "Нурек", "Худжанд-Арт"),
    ("TJ", "en"): STEMS_EN_COMMON + ("Pamir", "Sogdiana", "Zarafshan", "Varzob", "Fann Mountains", "Iskanderkul",
                                     "Hisor Gate", "Roof of the World"),
    ("TM", "tk"): ("Ak Öý", "Nusaý", "Merw", "Ahal", "Garagum", "Köpetdag", "Gülzemin", "Ýyldyz", "Bagt", "Miras",
                   "Ajaýyp", "Owaz", "Ylham", "Täze Ýol", "Zerli", "Mukam", "Dessan", "Bereket", "Arzuw", "Altyn Gum",
                   "Ýaşlyk", "Şatlyk", "Gözel", "Röwşen", "Nesil", "Bahar", "Ak Ýol", "Gülýaly", "Dutar", "Seýran"),
    ("TM", "en"): STEMS_EN_COMMON + ("Karakum", "Kopetdag", "Nisa", "Merv", "Akhal", "Ahal-Teke", "Darvaza",
                                     "Golden Carpet", "Caspian Breeze"),
    ("TM", "ru"): STEMS_RU_COMMON + ("Каракум", "Копетдаг", "Ниса", "Мерв", "Ахалтекинец", "Ковёр", "Каспий"),
    ("UZ", "uz"): ("Oltin Naqsh", "Ipak Yoʻli", "Zarafshon", "Registon", "Navroʻz", "Lazgi", "Maqom", "Mehr",
                   "Ilhom", "Yulduz", "Bahor", "Nur", "Humo", "Atlas", "Sadaf", "Chinor", "Durdona", "Sunbula",
                   "Kamalak", "Samo", "Moviy Gumbaz", "Xazina", "Yangi Avlod", "Ustoz", "Guliston", "Oydin",
                   "Zarrin", "Adras", "Suzana", "Shahrisabz", "Tumaris", "Ezgu"),
    ("UZ", "ru"): STEMS_RU_COMMON + ("Регистан", "Самарканд-Арт", "Чорсу", "Чимган", "Хорезм", "Ферганская долина",
                                     "Бухара-Арт", "Афрасиаб", "Лазги"),
    ("UZ", "en"): STEMS_EN_COMMON + ("Samarkand Blue", "Registan", "Sogdiana", "Afrosiab", "Chimgan", "Chorsu",
                                     "Fergana Valley", "Khorezm", "Ikat", "Lazgi", "Suzani"),
}

# How a business in each sector is named, by language; {s} is the distinctive part.
NAME_PATTERNS: dict[str, dict[str, tuple[str, ...]]] = {
    "fashion-design-crafts": {
        "en": ("{s} Design Studio", "{s} Atelier", "{s} Crafts", "{s} Textile", "{s} Jewellery"),
        "ru": ("Ателье «{s}»", "Дизайн-студия «{s}»", "Мастерская «{s}»", "Ювелирная мастерская «{s}»"),
        "kk": ("«{s}» шеберханасы", "{s} ательесі", "{s} дизайн студиясы", "{s} зергерлік үйі"),
        "ky": ("{s} устаканасы", "{s} ательеси", "{s} дизайн студиясы", "{s} зергерлик устаканасы"),
        "tg": ("Устохонаи «{s}»", "Ателйеи «{s}»", "Студияи дизайни «{s}»", "Устохонаи заргарии «{s}»"),
        "tk": ("{s} tikinçilik ussahanasy", "{s} halyçylyk ussahanasy", "{s} dizaýn studiýasy",
               "{s} zergärçilik öýi"),
        "uz": ("{s} hunarmandchilik ustaxonasi", "{s} dizayn studiyasi", "{s} atelyesi", "{s} zargarlik ustaxonasi"),
    },
    "film-animation-xr": {
        "en": ("{s} Films", "{s} Pictures", "{s} Animation", "{s} VR Lab"),
        "ru": ("Киностудия «{s}»", "Анимационная студия «{s}»", "Продакшн «{s}»"),
        "kk": ("{s} киностудиясы", "{s} анимация студиясы"),
        "ky": ("{s} киностудиясы", "{s} анимация студиясы"),
        "tg": ("Киностудияи «{s}»", "Студияи аниматсионии «{s}»"),
        "tk": ("{s} kinostudiýasy", "{s} animasiýa studiýasy"),
        "uz": ("{s} kinostudiyasi", "{s} animatsiya studiyasi"),
    },
    "music": {
        "en": ("{s} Records", "{s} Sound", "{s} Music", "{s} Recording Studio"),
        "ru": ("Студия звукозаписи «{s}»", "Лейбл «{s}»", "Музыкальная школа «{s}»"),
        "kk": ("{s} дыбыс жазу студиясы", "{s} музыка мектебі"),
        "ky": ("{s} үн жазуу студиясы", "{s} музыка борбору"),
        "tg": ("Студияи сабти овози «{s}»", "Маркази мусиқии «{s}»"),
        "tk": ("{s} ses ýazgy studiýasy", "{s} aýdym-saz merkezi"),
        "uz": ("{s} ovoz yozish studiyasi", "{s} musiqa markazi"),
    },
    "theatre-dance": {
        "en": ("{s} Theatre", "{s} Dance Company", "{s} Ballet Studio"),
        "ru": ("Театр «{s}»", "Театр танца «{s}»", "Танцевальная студия «{s}»"),
        "kk": ("{s} театры", "{s} би студиясы"),
        "ky": ("{s} театры", "{s} бий студиясы"),
        "tg": ("Театри «{s}»", "Студияи рақси «{s}»"),
        "tk": ("{s} teatry", "{s} tans studiýasy"),
        "uz": ("{s} teatri", "{s} raqs studiyasi"),
    },
    "publishing-literature": {
        "en": ("{s} Books", "{s} Press", "{s} Publishing"),
        "ru": ("Издательство «{s}»", "Книжный дом «{s}»"),
        "kk": ("{s} баспасы", "{s} кітап үйі"),
        "ky": ("{s} басмасы", "{s} китеп үйү"),
        "tg": ("Нашриёти «{s}»", "Хонаи китоби «{s}»"),
        "tk": ("{s} neşirýaty", "{s} kitap öýi"),
        "uz": ("{s} nashriyoti", "{s} kitob uyi"),
    },
    "contemporary-art": {
        "en": ("{s} Gallery", "{s} Art Space", "{s} Art Centre"),
        "ru": ("Галерея «{s}»", "Арт-пространство «{s}»", "Центр современного искусства «{s}»"),
        "kk": ("{s} галереясы", "{s} өнер кеңістігі"),
        "ky": ("{s} галереясы", "{s} арт мейкиндиги"),
        "tg": ("Галереяи «{s}»", "Маркази санъати муосири «{s}»"),
        "tk": ("{s} galereýasy", "{s} sungat merkezi"),
        "uz": ("{s} galereyasi", "{s} zamonaviy sanʼat markazi"),
    },
    "architecture": {
        "en": ("{s} Architects", "{s} Architecture Bureau", "{s} Interiors"),
        "ru": ("Архитектурное бюро «{s}»", "Студия интерьеров «{s}»", "Архитектурная мастерская «{s}»"),
        "kk": ("{s} сәулет бюросы", "{s} интерьер студиясы"),
        "ky": ("{s} архитектура бюросу", "{s} интерьер студиясы"),
        "tg": ("Бюрои меъмории «{s}»", "Студияи интерери «{s}»"),
        "tk": ("{s} binagärlik býurosy", "{s} interýer studiýasy"),
        "uz": ("{s} arxitektura byurosi", "{s} interyer studiyasi"),
    },
    "tv-radio-new-media": {
        "en": ("{s} Media", "{s} Radio", "{s} Podcasts", "{s} Digital"),
        "ru": ("Медиа «{s}»", "Радио «{s}»", "Интернет-издание «{s}»"),
        "kk": ("{s} медиа", "{s} радиосы"),
        "ky": ("{s} медиа", "{s} радиосу"),
        "tg": ("Медиаи «{s}»", "Радиои «{s}»"),
        "tk": ("{s} media", "{s} radiosy"),
        "uz": ("{s} media", "{s} radiosi"),
    },
    "games-esports": {
        "en": ("{s} Games", "{s} Interactive", "{s} Esports", "{s} Game Studio"),
        "ru": ("Игровая студия «{s}»", "Киберспортивный клуб «{s}»"),
        "kk": ("{s} ойын студиясы", "{s} киберспорт клубы"),
        "ky": ("{s} оюн студиясы", "{s} киберспорт клубу"),
        "tg": ("Студияи бозиҳои «{s}»", "Клуби киберварзишии «{s}»"),
        "tk": ("{s} oýun studiýasy", "{s} kibersport kluby"),
        "uz": ("{s} oʻyin studiyasi", "{s} kibersport klubi"),
    },
    "software": {
        "en": ("{s} Soft", "{s} Labs", "{s} Tech", "{s} Apps"),
        "ru": ("Студия разработки «{s}»", "ИТ-компания «{s}»"),
        "kk": ("{s} софт", "{s} IT компаниясы"),
        "ky": ("{s} софт", "{s} IT компаниясы"),
        "tg": ("Студияи барномасозии «{s}»", "IT-ширкати «{s}»"),
        "tk": ("{s} soft", "{s} IT kompaniýasy"),
        "uz": ("{s} soft", "{s} IT kompaniyasi"),
    },
    "entertainment": {
        "en": ("{s} Entertainment", "{s} Family Park", "{s} Quest Rooms"),
        "ru": ("Развлекательный центр «{s}»", "Квест-комната «{s}»", "Семейный парк «{s}»"),
        "kk": ("{s} ойын-сауық орталығы", "{s} отбасылық паркі"),
        "ky": ("{s} көңүл ачуу борбору", "{s} үй-бүлөлүк паркы"),
        "tg": ("Маркази фароғатии «{s}»", "Боғи оилавии «{s}»"),
        "tk": ("{s} dynç alyş merkezi", "{s} maşgala seýilgähi"),
        "uz": ("{s} koʻngilochar markazi", "{s} oilaviy bogʻi"),
    },
    "shows-events": {
        "en": ("{s} Events", "{s} Festival Agency", "{s} Concerts", "{s} Productions"),
        "ru": ("Ивент-агентство «{s}»", "Концертное агентство «{s}»", "Продюсерский центр «{s}»"),
        "kk": ("{s} ивент агенттігі", "{s} концерт агенттігі"),
        "ky": ("{s} ивент агенттиги", "{s} концерттик агенттиги"),
        "tg": ("Агентии чорабиниҳои «{s}»", "Агентии консертии «{s}»"),
        "tk": ("{s} çäreler agentligi", "{s} konsert agentligi"),
        "uz": ("{s} tadbirlar agentligi", "{s} konsert agentligi"),
    },
    "advertising": {
        "en": ("{s} Creative Agency", "{s} Advertising", "{s} Brand Studio", "{s} Marketing"),
        "ru": ("Рекламное агентство «{s}»", "Брендинговое агентство «{s}»", "Креативное агентство «{s}»"),
        "kk": ("{s} жарнама агенттігі", "{s} брендинг студиясы"),
        "ky": ("{s} жарнама агенттиги", "{s} брендинг студиясы"),
        "tg": ("Агентии рекламавии «{s}»", "Студияи брендинги «{s}»"),
        "tk": ("{s} mahabat agentligi", "{s} brending studiýasy"),
        "uz": ("{s} reklama agentligi", "{s} brending studiyasi"),
    },
}

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "fashion-design-crafts": {
        "en": "Clothing, accessories and home textiles made with traditional techniques and a modern cut.",
        "ru": "Одежда, аксессуары и текстиль для дома: традиционные техники и современный крой.",
        "kk": "Дәстүрлі әдістермен және заманауи пішінмен жасалған киім, аксессуарлар және үй тоқымасы.",
        "ky": "Салттуу ыкмалар менен жасалган кийим, аксессуарлар жана үй текстили.",
        "tg": "Либос, лавозимот ва матоъҳои хонагӣ бо усулҳои анъанавӣ ва тарҳи муосир.",
        "tk": "Däp bolan usullar we döwrebap biçüw bilen taýýarlanan eşikler, aksessuarlar we öý dokma önümleri.",
        "uz": "Anʼanaviy usullar va zamonaviy bichimda tayyorlangan kiyim, aksessuarlar va uy toʻqimachiligi.",
    },
    "film-animation-xr": {
        "en": "Feature, documentary and commercial films, animation and VR projects.",
        "ru": "Игровое и документальное кино, анимация, реклама и проекты в VR.",
        "kk": "Көркем және деректі фильмдер, анимация, жарнама және VR жобалары.",
        "ky": "Көркөм жана даректүү тасмалар, анимация, жарнама жана VR долбоорлору.",
        "tg": "Филмҳои бадеӣ ва мустанад, аниматсия, реклама ва лоиҳаҳои VR.",
        "tk": "Çeper we dokumental filmler, animasiýa, mahabat we VR taslamalary.",
        "uz": "Badiiy va hujjatli filmlar, animatsiya, reklama va VR loyihalari.",
    },
    "music": {
        "en": "Recording, mixing and mastering; releases by local artists and music for film and advertising.",
        "ru": "Запись, сведение и мастеринг; релизы местных артистов, музыка для кино и рекламы.",
        "kk": "Дыбыс жазу, сведение және мастеринг; жергілікті әртістердің релиздері, кино мен жарнамаға "
              "арналған музыка.",
        "ky": "Үн жазуу, аралаштыруу жана мастеринг; жергиликтүү артисттердин релиздери, кино жана жарнама "
              "үчүн музыка.",
        "tg": "Сабт, омехтакунӣ ва мастеринг; албомҳои ҳунармандони маҳаллӣ, мусиқӣ барои кино ва реклама.",
        "tk": "Ses ýazgy, garyşdyrma we mastering; ýerli aýdymçylaryň albomlary, kino we mahabat üçin saz.",
        "uz": "Ovoz yozish, mikslash va mastering; mahalliy ijrochilarning albomlari, kino va reklama uchun musiqa.",
    },
    "theatre-dance": {
        "en": "Independent performances, dance classes and touring productions for children and adults.",
        "ru": "Независимые спектакли, занятия танцем и гастрольные постановки для детей и взрослых.",
        "kk": "Тәуелсіз қойылымдар, би сабақтары және балалар мен ересектерге арналған гастрольдік спектакльдер.",
        "ky": "Көз карандысыз спектаклдер, бий сабактары жана балдар менен чоңдор үчүн гастролдук коюлуштар.",
        "tg": "Намоишҳои мустақил, дарсҳои рақс ва намоишҳои сайёр барои кӯдакону калонсолон.",
        "tk": "Garaşsyz sahnalaşdyrmalar, tans sapaklary we çagalar hem ulular üçin gastrol oýunlary.",
        "uz": "Mustaqil spektakllar, raqs darslari va bolalar hamda kattalar uchun gastrol sahnalari.",
    },
    "publishing-literature": {
        "en": "Books by local authors, translations and children's literature, in print and as e-books.",
        "ru": "Книги местных авторов, переводы и детская литература — в печати и в электронном виде.",
        "kk": "Жергілікті авторлардың кітаптары, аудармалар және балалар әдебиеті — баспа және электронды түрде.",
        "ky": "Жергиликтүү авторлордун китептери, котормолор жана балдар адабияты — басма жана электрондук түрдө.",
        "tg": "Китобҳои муаллифони маҳаллӣ, тарҷумаҳо ва адабиёти кӯдакона — чопӣ ва электронӣ.",
        "tk": "Ýerli awtorlaryň kitaplary, terjimeler we çagalar edebiýaty — çap we elektron görnüşde.",
        "uz": "Mahalliy mualliflar kitoblari, tarjimalar va bolalar adabiyoti — bosma va elektron shaklda.",
    },
    "contemporary-art": {
        "en": "Exhibitions of contemporary artists from Central Asia, residencies and art education.",
        "ru": "Выставки современных художников Центральной Азии, резиденции и арт-образование.",
        "kk": "Орталық Азияның заманауи суретшілерінің көрмелері, резиденциялар және өнер білімі.",
        "ky": "Борбордук Азиянын заманбап сүрөтчүлөрүнүн көргөзмөлөрү, резиденциялар жана искусство боюнча "
              "билим берүү.",
        "tg": "Намоишгоҳҳои рассомони муосири Осиёи Марказӣ, резиденсияҳо ва таълими санъат.",
        "tk": "Merkezi Aziýanyň häzirki zaman suratkeşleriniň sergileri, rezidensiýalar we sungat bilimi.",
        "uz": "Markaziy Osiyo zamonaviy rassomlari koʻrgazmalari, rezidensiyalar va sanʼat taʼlimi.",
    },
    "architecture": {
        "en": "Architecture, interiors and the restoration of historic buildings.",
        "ru": "Архитектурное проектирование, интерьеры и реставрация исторических зданий.",
        "kk": "Сәулеттік жобалау, интерьерлер және тарихи ғимараттарды қалпына келтіру.",
        "ky": "Архитектуралык долбоорлоо, интерьерлер жана тарыхый имараттарды калыбына келтирүү.",
        "tg": "Лоиҳакашии меъморӣ, интерерҳо ва барқарорсозии биноҳои таърихӣ.",
        "tk": "Binagärlik taslamalary, interýerler we taryhy binalary dikeltmek.",
        "uz": "Arxitektura loyihalash, interyerlar va tarixiy binolarni taʼmirlash.",
    },
    "tv-radio-new-media": {
        "en": "Online media, podcasts and video for a young audience.",
        "ru": "Онлайн-медиа, подкасты и видео для молодой аудитории.",
        "kk": "Жас аудиторияға арналған онлайн медиа, подкасттар және бейнелер.",
        "ky": "Жаш аудитория үчүн онлайн медиа, подкасттар жана видеолор.",
        "tg": "Медиаи онлайн, подкастҳо ва видео барои аудиторияи ҷавон.",
        "tk": "Ýaş tomaşaçylar üçin onlaýn media, podkastlar we wideolar.",
        "uz": "Yosh auditoriya uchun onlayn media, podkastlar va videolar.",
    },
    "games-esports": {
        "en": "Mobile and PC games, esports tournaments and game-design workshops.",
        "ru": "Мобильные и компьютерные игры, киберспортивные турниры и курсы геймдизайна.",
        "kk": "Мобильді және компьютерлік ойындар, киберспорт турнирлері және геймдизайн курстары.",
        "ky": "Мобилдик жана компьютердик оюндар, киберспорт турнирлери жана геймдизайн курстары.",
        "tg": "Бозиҳои мобилӣ ва компютерӣ, мусобиқаҳои киберварзишӣ ва курсҳои геймдизайн.",
        "tk": "Mobil we kompýuter oýunlary, kibersport ýaryşlary we oýun dizaýny boýunça okuwlar.",
        "uz": "Mobil va kompyuter oʻyinlari, kibersport turnirlari va geymdizayn kurslari.",
    },
    "software": {
        "en": "Web and mobile applications for creative businesses, e-commerce and education.",
        "ru": "Веб- и мобильные приложения для креативного бизнеса, онлайн-торговли и образования.",
        "kk": "Креативті бизнеске, онлайн сауда мен білімге арналған веб және мобильді қосымшалар.",
        "ky": "Креативдүү бизнес, онлайн соода жана билим берүү үчүн веб жана мобилдик тиркемелер.",
        "tg": "Барномаҳои веб ва мобилӣ барои тиҷорати эҷодӣ, савдои онлайн ва маориф.",
        "tk": "Döredijilik işewürligi, onlaýn söwda we bilim üçin web we mobil programmalar.",
        "uz": "Ijodiy biznes, onlayn savdo va taʼlim uchun veb va mobil ilovalar.",
    },
    "entertainment": {
        "en": "Family entertainment: quests, interactive shows and weekend programmes.",
        "ru": "Семейный досуг: квесты, интерактивные шоу и программы выходного дня.",
        "kk": "Отбасылық демалыс: квесттер, интерактивті шоулар және демалыс күнгі бағдарламалар.",
        "ky": "Үй-бүлөлүк эс алуу: квесттер, интерактивдүү шоулор жана дем алыш күнкү программалар.",
        "tg": "Фароғати оилавӣ: квестҳо, шоуҳои интерактивӣ ва барномаҳои рӯзҳои истироҳат.",
        "tk": "Maşgala dynç alşy: kwestler, interaktiw şoular we dynç günleriniň maksatnamalary.",
        "uz": "Oilaviy hordiq: kvestlar, interaktiv shoular va dam olish kunlari dasturlari.",
    },
    "shows-events": {
        "en": "Concerts, festivals and corporate events, from the idea to the stage.",
        "ru": "Концерты, фестивали и корпоративные мероприятия — от идеи до сцены.",
        "kk": "Концерттер, фестивальдер және корпоративтік іс-шаралар — идеядан сахнаға дейін.",
        "ky": "Концерттер, фестивалдар жана корпоративдик иш-чаралар — идеядан сахнага чейин.",
        "tg": "Консертҳо, ҷашнвораҳо ва чорабиниҳои корпоративӣ — аз ғоя то саҳна.",
        "tk": "Konsertler, festiwallar we korporatiw çäreler — pikirden sahna çenli.",
        "uz": "Konsertlar, festivallar va korporativ tadbirlar — gʻoyadan sahnagacha.",
    },
    "advertising": {
        "en": "Branding, advertising campaigns and social media for local and international clients.",
        "ru": "Брендинг, рекламные кампании и соцсети для местных и международных клиентов.",
        "kk": "Жергілікті және халықаралық клиенттерге арналған брендинг, жарнама науқандары және "
              "әлеуметтік желілер.",
        "ky": "Жергиликтүү жана эл аралык кардарлар үчүн брендинг, жарнамалык кампаниялар жана социалдык "
              "тармактар.",
        "tg": "Брендинг, маъракаҳои рекламавӣ ва шабакаҳои иҷтимоӣ барои мизоҷони маҳаллӣ ва байналмилалӣ.",
        "tk": "Ýerli we halkara müşderiler üçin brending, mahabat kampaniýalary we sosial ulgamlar.",
        "uz": "Mahalliy va xalqaro mijozlar uchun brending, reklama kampaniyalari va ijtimoiy tarmoqlar.",
    },
}

# A second sentence some descriptions add, in the description's language.
DESCRIPTION_TAILS: dict[str, tuple[str, ...]] = {
    "en": ("Works with clients across Central Asia.", "Runs workshops for young people.",
           "Takes part in festivals and fairs abroad."),
    "ru": ("Работает с клиентами по всей Центральной Азии.", "Проводит мастер-классы для молодёжи.",
           "Участвует в зарубежных фестивалях и ярмарках."),
    "kk": ("Орталық Азияның барлық елдеріндегі клиенттермен жұмыс істейді.",
           "Жастарға арналған шеберлік сабақтарын өткізеді.", "Шетелдік фестивальдер мен жәрмеңкелерге қатысады."),
    "ky": ("Борбордук Азиянын бардык өлкөлөрүндөгү кардарлар менен иштейт.",
           "Жаштар үчүн мастер-класстарды өткөрөт.", "Чет өлкөлүк фестивалдарга жана жарманкелерге катышат."),
    "tg": ("Бо мизоҷон дар тамоми Осиёи Марказӣ кор мекунад.", "Барои ҷавонон дарсҳои маҳорат мегузаронад.",
           "Дар ҷашнвораҳо ва намоишгоҳҳои хориҷӣ иштирок мекунад."),
    "tk": ("Merkezi Aziýanyň ähli ýurtlaryndaky müşderiler bilen işleýär.",
           "Ýaşlar üçin ussatlyk sapaklaryny geçirýär.", "Daşary ýurt festiwallaryna we ýarmarkalaryna gatnaşýar."),
    "uz": ("Markaziy Osiyo boʻylab mijozlar bilan ishlaydi.", "Yoshlar uchun master-klasslar oʻtkazadi.",
           "Xorijiy festival va yarmarkalarda qatnashadi."),
}

# How common each sector is (relative), and where a country leans one way or the other.
SECTOR_WEIGHTS = {
    "fashion-design-crafts": 14, "film-animation-xr": 8, "music": 9, "theatre-dance": 6,
    "publishing-literature": 7, "contemporary-art": 7, "architecture": 7, "tv-radio-new-media": 8,
    "games-esports": 6, "software": 10, "entertainment": 6, "shows-events": 8, "advertising": 9,
}
COUNTRY_LEANINGS = {
    ("KZ", "software"): 1.4, ("KZ", "games-esports"): 1.3, ("KZ", "fashion-design-crafts"): 0.8,
    ("KG", "fashion-design-crafts"): 1.3, ("KG", "shows-events"): 1.2,
    ("TJ", "fashion-design-crafts"): 1.6, ("TJ", "music"): 1.2, ("TJ", "games-esports"): 0.6,
    ("TM", "fashion-design-crafts"): 1.7, ("TM", "software"): 0.6, ("TM", "games-esports"): 0.6,
    ("TM", "architecture"): 1.3,
    ("UZ", "fashion-design-crafts"): 1.3, ("UZ", "software"): 1.2, ("UZ", "architecture"): 1.1,
}
# A second sector some businesses also work in.
RELATED_SECTORS = {
    "fashion-design-crafts": ("contemporary-art", "advertising"),
    "film-animation-xr": ("tv-radio-new-media", "advertising", "games-esports"),
    "music": ("shows-events", "entertainment", "film-animation-xr"),
    "theatre-dance": ("shows-events", "entertainment"),
    "publishing-literature": ("tv-radio-new-media", "contemporary-art"),
    "contemporary-art": ("shows-events", "fashion-design-crafts"),
    "architecture": ("fashion-design-crafts", "contemporary-art"),
    "tv-radio-new-media": ("advertising", "film-animation-xr"),
    "games-esports": ("software", "entertainment"),
    "software": ("games-esports", "advertising"),
    "entertainment": ("shows-events", "games-esports"),
    "shows-events": ("music", "entertainment"),
    "advertising": ("tv-radio-new-media", "film-animation-xr"),
}
# The word a business's .example website adds after its distinctive part.
SITE_WORDS = {
    "fashion-design-crafts": "design", "film-animation-xr": "films", "music": "music", "theatre-dance": "theatre",
    "publishing-literature": "books", "contemporary-art": "art", "architecture": "architects",
    "tv-radio-new-media": "media", "games-esports": "games", "software": "soft", "entertainment": "fun",
    "shows-events": "events", "advertising": "agency",
}

REGISTRIES = {
    "KZ": "Kazakhstan business registry (stat.gov.kz)",
    "KG": "State register of legal entities of the Kyrgyz Republic (minjust.gov.kg)",
    "TJ": "Unified state register of legal entities of Tajikistan (andoz.tj)",
    "TM": "State register of enterprises of Turkmenistan",
    "UZ": "Uzbekistan single register of business entities (my.gov.uz)",
}
PUBLICATIONS = {
    "KZ": ("Almaty Creative Industries Forum catalogue 2019", "Astana Fashion Week designers list 2020",
           "Kazakhstan creative hubs map 2020"),
    "KG": ("Bishkek Design Week catalogue 2020", "Kyrgyz Crafts Fair catalogue 2019", "Osh Fest programme 2019"),
    "TJ": ("Dushanbe Crafts Fair catalogue 2019", "Sughd creative business directory 2020",
           "Didor Film Festival programme 2019"),
    "TM": ("Turkmen Carpet Day exhibition catalogue 2020", "Ashgabat Design Expo exhibitors 2019",
           "Turkmen media forum participants 2019"),
    "UZ": ("Tashkent Art Week catalogue 2020", "Silk and Spices Festival exhibitors 2019",
           "IT Park residents list 2021", "Tashkent Fashion Week designers 2020"),
}
SIZES = (("micro", 55), ("small", 30), ("medium", 10), ("large", 2), ("", 3))
SOLE_TRADER_SIZES = (("micro", 9), ("small", 1))
SURVEYS = ("CCAN survey 2021", "CCAN members survey, spring 2021", "CCAN competition entries 2021")

# Sole traders registered under their own names: (name language, legal form, surnames, initials, order).
SOLE_TRADERS = {
    "KZ": ("ru", "ИП", ("Ахметова", "Сейткали", "Жумабеков", "Ибраева", "Нурпеисов", "Касымова", "Садыков",
                        "Тулегенова", "Бекмуханов", "Ким", "Пак", "Иванова", "Омарова", "Есенов"),
           "АБГДЕЖКЛМНРСТ", "surname first"),
    "KG": ("ru", "ИП", ("Абдыкадырова", "Исаков", "Токтогулов", "Жээнбекова", "Мамбетов", "Садырбаев",
                        "Осмонова", "Керимбеков", "Алымкулова", "Турдубаев"), "АБГДЖКМНСТЧЭ", "surname first"),
    "TJ": ("tg", "Соҳибкори инфиродӣ", ("Раҳимов", "Саидова", "Назаров", "Қодирова", "Шарипов", "Юсупова",
                                        "Давлатов", "Мирзоева", "Ҳакимов", "Файзуллоева"), "АБДЗИМНРСФШҶ",
           "surname first"),
    "TM": ("tk", "Hususy telekeçi", ("Orazow", "Annaýewa", "Gurbanow", "Berdiýewa", "Amanow", "Öwezowa",
                                     "Atayew", "Saparowa", "Meredow", "Durdyýewa"), "ABDGJKMNOSŞ", "initials first"),
    "UZ": ("uz", "YaTT", ("Karimova", "Rahimov", "Toshmatova", "Xolmatov", "Nazarova", "Mirzayev", "Sodiqova",
                          "Qodirov", "Ergasheva", "Usmonov", "Yusupova", "Alimov"), "ABDFGJKMNORSU", "surname first"),
}

# A business as written by hand: its data and the demo member (email handle) who submits it.
@dataclass(frozen=True)
class Entry:
    data: BusinessData
    by: str
    note: str = ""  # the editor's note, for returned and rejected entries


# The members' own organisations (people.py), submitted by themselves and published.
MEMBER_BUSINESSES: tuple[Entry, ...] = (
    Entry(BusinessData(
        name="Kóshpendi Studio", legal_form="ТОО", country="KZ", city="Almaty", primary_sector="film-animation-xr",
        other_sectors=("games-esports",), founded_year=2016, size_band="small", website="https://koshpendi.example",
        contact_phone="+7 701 555 01 23", contact_public=True,
        description="Анимационная студия: короткие мультфильмы по казахским сказкам и VR-экскурсии по Туркестану.",
        source_kind="survey", source_detail="CCAN survey 2021"), "nurlan.zhaksybekov"),
    Entry(BusinessData(
        name="Qala Architects", legal_form="ЖШС", country="KZ", city="Astana", primary_sector="architecture",
        founded_year=2013, size_band="small", website="https://qala-architects.example",
        description="Қалалық кеңістіктерді жаңғыртумен және тарихи ғимараттарды қалпына келтірумен айналысатын "
                    "сәулет бюросы.",
        source_kind="url", source_detail="https://qala-architects.example"), "erlan.smagulov"),
    Entry(BusinessData(
        name="Кітап-Балапан", legal_form="ИП", country="KZ", city="Astana", primary_sector="publishing-literature",
        founded_year=2012, size_band="micro", contact_phone="+7 777 300 45 10", contact_public=True,
        description="Небольшое издательство детской книги на казахском и русском языках.",
        source_kind="survey", source_detail="CCAN survey 2021"), "olga.pavlova"),
    Entry(BusinessData(
        name="Театр «Жібек Жолы»", legal_form="ОФ", country="KZ", city="Almaty", primary_sector="theatre-dance",
        other_sectors=("shows-events",), founded_year=2009, size_band="small",
        website="https://zhibek-zholy.example",
        description="Независимый театр: спектакли на казахском и русском, гастроли по малым городам.",
        source_kind="url", source_detail="https://zhibek-zholy.example"), "dauren.abilkasymov"),
    Entry(BusinessData(
        name="Kiyiz Art", legal_form="ОсОО", country="KG", city="Bishkek", primary_sector="fashion-design-crafts",
        founded_year=2011, size_band="small", website="https://kiyiz-art.example", contact_phone="+996 555 010 220",
        contact_public=True,
        description="Кийизден жасалган буюмдар: шырдак, ала-кийиз жана заманбап аксессуарлар. Устаканада 40 аял "
                    "иштейт.",
        source_kind="publication", source_detail="Bishkek Design Week catalogue 2020"), "nurgul.zhumabaeva"),
    Entry(BusinessData(
        name="Арт-Ордо", legal_form="ОФ", country="KG", city="Bishkek", primary_sector="contemporary-art",
        other_sectors=("shows-events",), founded_year=2014, size_band="micro", website="https://art-ordo.example",
        description="Площадка современного искусства: резиденции, выставки и образовательные программы для "
                    "молодых художников.",
        source_kind="url", source_detail="https://art-ordo.example"), "cholpon.sydykova"),
    Entry(BusinessData(
        name="Issyk-Kul Events", legal_form="ИП", country="KG", city="Karakol", region="Issyk-Kul Region",
        primary_sector="shows-events", other_sectors=("entertainment",), founded_year=2017, size_band="micro",
        contact_phone="+996 700 123 405", contact_public=True,
        description="Ысык-Көлдө фестивалдарды жана маданий иш-чараларды уюштурабыз.",
        source_kind="survey", source_detail="CCAN members survey, spring 2021"), "umut.mamytova"),
    Entry(BusinessData(
        name="Зарбоф", legal_form="ҶДММ", country="TJ", city="Dushanbe", primary_sector="fashion-design-crafts",
        founded_year=2015, size_band="small", website="https://zarbof.example",
        description="Устохонаи гулдӯзӣ ва сӯзанидӯзӣ: либосҳои муосир бо нақшҳои анъанавии тоҷикӣ.",
        source_kind="url", source_detail="https://zarbof.example"), "mehrangez.saidova"),
    Entry(BusinessData(
        name="Pamir Films", legal_form="ҶДММ", country="TJ", city="Khorog",
        region="Gorno-Badakhshan Autonomous Region", primary_sector="film-animation-xr", founded_year=2010,
        size_band="micro", website="https://pamir-films.example",
        description="Film production company from Khorog: documentaries about the music, crafts and daily life "
                    "of the Pamirs.",
        source_kind="url", source_detail="https://pamir-films.example"), "rustam.gafurov"),
    Entry(BusinessData(
        name="Ýaşyl Ekran", legal_form="HJ", country="TM", city="Ashgabat", primary_sector="tv-radio-new-media",
        other_sectors=("advertising",), founded_year=2012, size_band="small", contact_phone="+993 65 010 203",
        description="Студия видеопроизводства: реклама, клипы, документальные ролики.",
        source_kind="survey", source_detail="CCAN survey 2021"), "batyr.gurbanow"),
    Entry(BusinessData(
        name="Buxoro Hunarmandlari", legal_form="MChJ", country="UZ", city="Bukhara", region="Bukhara Region",
        primary_sector="fashion-design-crafts", founded_year=2006, size_band="small",
        contact_phone="+998 90 100 20 30", contact_public=True,
        description="Buxoro zardoʻzligi va kulolchilik buyumlari ustaxonasi.",
        source_kind="publication", source_detail="Silk and Spices Festival exhibitors 2019"), "sherzod.tokhtayev"),
    Entry(BusinessData(
        name="Pixel Forge Games", legal_form="LLC", country="UZ", city="Tashkent", primary_sector="games-esports",
        other_sectors=("software",), founded_year=2017, size_band="small", website="https://pixelforge.example",
        description="Indie game studio of 14 people; our mobile puzzle game is played in 30 countries.",
        source_kind="publication", source_detail="IT Park residents list 2021"), "jasur.kholmatov"),
    Entry(BusinessData(
        name="Nazarov Photo", legal_form="YaTT", country="UZ", city="Fergana", region="Fergana Region",
        primary_sector="advertising", other_sectors=("contemporary-art",), founded_year=2014, size_band="micro",
        description="Рекламная и художественная фотография, выставки о ремёслах Ферганской долины.",
        source_kind="survey", source_detail="CCAN survey 2021"), "otabek.nazarov"),
    Entry(BusinessData(
        name="Ijodkor Yoshlar", legal_form="NNT", country="UZ", city="Tashkent", primary_sector="entertainment",
        other_sectors=("shows-events",), founded_year=2018, size_band="micro",
        description="Yoshlar uchun ijodiy festivallar va master-klasslar tashkil qiluvchi nodavlat notijorat "
                    "tashkilot.",
        source_kind="survey", source_detail="CCAN survey 2021"), "anvar.mirzayev"),
)

# The same businesses typed again by someone else, in another script or with the legal form in the
# name: the catalog flags each on submission, and they wait in the queue for an editor to merge.
DUPLICATES: tuple[Entry, ...] = (
    Entry(BusinessData(
        name="Көшпенді Студио", legal_form="ТОО", country="KZ", city="Алматы", primary_sector="film-animation-xr",
        description="Анимация студиясы: қазақ ертегілері бойынша қысқа мультфильмдер.",
        source_kind="publication", source_detail="Almaty Creative Industries Forum catalogue 2019"),
        "aruzhan.bekova"),
    Entry(BusinessData(
        name="Pixel Forge Games LLC", country="UZ", city="Tashkent", primary_sector="software",
        founded_year=2017, source_kind="registry", source_detail=REGISTRIES["UZ"]), "anvar.mirzayev"),
    Entry(BusinessData(
        name="Zarbof", country="TJ", city="Dushanbe", primary_sector="fashion-design-crafts",
        description="Embroidery studio: suzani and modern clothes with Tajik patterns.",
        source_kind="publication", source_detail="Dushanbe Crafts Fair catalogue 2019"), "firuz.nazarov"),
    Entry(BusinessData(
        name="Бухоро ҳунармандлари", legal_form="MChJ", country="UZ", city="Бухара",
        primary_sector="fashion-design-crafts", founded_year=2006,
        source_kind="registry", source_detail=REGISTRIES["UZ"]), "gulnoza.rahimova"),
)

RETURNED: tuple[Entry, ...] = (
    Entry(BusinessData(
        name="Арт-кафе «Мята»", legal_form="ИП", country="KZ", city="Almaty", primary_sector="entertainment",
        description="Кафе в центре Алматы.", source_kind="url"), "olga.pavlova",
        note="Укажите источник (сайт или страницу в реестре) и напишите, чем кафе относится к креативным "
             "индустриям: проходят ли там концерты, выставки или спектакли?"),
    Entry(BusinessData(
        name="Samarkand Silk Carpets", country="UZ", city="Samarkand", primary_sector="fashion-design-crafts",
        description="Hand-knotted silk carpets.", source_kind="survey"), "gulnoza.rahimova",
        note="Please add the year the workshop was founded, its size and a link to its website or registry "
             "entry; the survey answer gives only a shop address in the bazaar."),
    Entry(BusinessData(
        name="Студияи «Нигор»", country="TJ", city="Khujand", primary_sector="advertising",
        source_kind="survey", source_detail="CCAN survey 2021"), "jamshed.qodirov",
        note="Добавьте, пожалуйста, описание: чем занимается студия (реклама, дизайн, фото?) и с какого года."),
)

REJECTED: tuple[Entry, ...] = (
    Entry(BusinessData(
        name="Алматы Строй Сервис", legal_form="ТОО", country="KZ", city="Almaty", primary_sector="architecture",
        description="Строительство и ремонт квартир под ключ.", source_kind="url",
        source_detail="https://almaty-stroy.example"), "dauren.abilkasymov",
        note="Это строительная компания: проектированием и архитектурой она не занимается, поэтому в базу "
             "креативного бизнеса не входит."),
    Entry(BusinessData(
        name="Tashkent Mobile Shop", country="UZ", city="Tashkent", primary_sector="software",
        description="Phones, tablets and accessories.", source_kind="url",
        source_detail="https://tashkent-mobile.example"), "otabek.nazarov",
        note="This shop sells phones and accessories; it does not develop software, so it is not a creative "
             "business."),
)


# Courses ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Topic:
    key: str  # the last part of each course's address
    titles: dict[str, str]  # language -> title; one course per language
    improves: str
    outcome: str
    sectors: tuple[str, ...] = ()  # none: a course for all sectors


GENERAL_TOPICS: tuple[Topic, ...] = (
    Topic("pricing", {
        "en": "Pricing creative work: how to charge what you are worth",
        "ru": "Ценообразование в креативном бизнесе",
        "kk": "Шығармашылық жұмыстың бағасын қалай белгілеу керек",
        "ky": "Чыгармачыл иштин баасын кантип аныктоо керек",
        "tg": "Нархгузории маҳсулоти эҷодӣ",
        "tk": "Döredijilik işiniň bahasyny nädip kesgitlemeli",
        "uz": "Ijodiy mahsulotga narx belgilash"}, "professional", "income"),
    Topic("copyright", {
        "en": "Copyright and licensing for creators",
        "ru": "Авторское право и лицензирование для авторов",
        "kk": "Авторларға арналған авторлық құқық және лицензиялау",
        "ky": "Авторлор үчүн автордук укук жана лицензиялоо",
        "tg": "Ҳуқуқи муаллиф ва литсензиякунонӣ барои эҷодкорон",
        "tk": "Döredijiler üçin awtorlyk hukugy we ygtyýarnama",
        "uz": "Ijodkorlar uchun mualliflik huquqi va litsenziyalash"}, "professional", "income"),
    Topic("instagram-marketing", {
        "en": "Instagram marketing for small creative businesses",
        "ru": "Маркетинг в Instagram для небольшого креативного бизнеса",
        "kk": "Шағын креативті бизнеске арналған Instagram маркетингі",
        "ky": "Чакан креативдүү бизнес үчүн Instagram маркетинги",
        "tg": "Маркетинг дар Instagram барои тиҷорати хурди эҷодӣ",
        "tk": "Kiçi döredijilik işewürligi üçin Instagram marketingi",
        "uz": "Kichik ijodiy biznes uchun Instagram marketingi"}, "professional", "income"),
    Topic("bookkeeping", {
        "en": "Bookkeeping and cash flow for freelancers",
        "ru": "Учёт и денежный поток для фрилансеров",
        "kk": "Фрилансерлерге арналған есеп және ақша ағыны",
        "ky": "Фрилансерлер үчүн эсеп жана акча агымы",
        "tg": "Баҳисобгирӣ ва гардиши пул барои фрилансерҳо",
        "tk": "Frilanserler üçin hasapçylyk we pul akymy",
        "uz": "Frilanserlar uchun buxgalteriya va pul oqimi"}, "professional", "cost"),
    Topic("negotiation", {
        "en": "Negotiation skills for creative professionals",
        "ru": "Навыки переговоров для креативных специалистов",
        "kk": "Шығармашыл мамандарға арналған келіссөз жүргізу дағдылары",
        "ky": "Чыгармачыл адистер үчүн сүйлөшүү жүргүзүү көндүмдөрү",
        "tg": "Малакаҳои музокира барои мутахассисони эҷодӣ",
        "tk": "Döredijilik hünärmenleri üçin gepleşik geçirmek başarnyklary",
        "uz": "Ijodiy mutaxassislar uchun muzokara koʻnikmalari"}, "soft-skills", "income"),
    Topic("project-management", {
        "en": "Project management for studios and small teams",
        "ru": "Управление проектами в студии и небольшой команде",
        "kk": "Студия мен шағын командадағы жобаларды басқару",
        "ky": "Студияда жана чакан командада долбоорлорду башкаруу",
        "tg": "Идоракунии лоиҳаҳо дар студия ва гурӯҳи хурд",
        "tk": "Studiýada we kiçi toparda taslamalary dolandyrmak",
        "uz": "Studiya va kichik jamoada loyihalarni boshqarish"}, "soft-skills", "speed"),
    Topic("pitching", {
        "en": "Pitching your creative project to investors and funders",
        "ru": "Как презентовать креативный проект инвесторам и грантодателям",
        "kk": "Креативті жобаны инвесторлар мен грант берушілерге таныстыру",
        "ky": "Креативдүү долбоорду инвесторлорго жана грант берүүчүлөргө тааныштыруу",
        "tg": "Муаррифии лоиҳаи эҷодӣ ба сармоягузорон ва грантдиҳандагон",
        "tk": "Döredijilik taslamasyny maýadarlara we grant berijilere tanyşdyrmak",
        "uz": "Ijodiy loyihani investorlar va grant beruvchilarga taqdim etish"}, "soft-skills", "income"),
    Topic("export-basics", {
        "en": "Selling creative products abroad: export basics",
        "ru": "Экспорт креативных товаров и услуг: основы",
        "kk": "Креативті тауарлар мен қызметтерді экспорттау негіздері",
        "ky": "Креативдүү товарларды жана кызматтарды экспорттоонун негиздери",
        "tg": "Асосҳои содироти молҳо ва хизматрасониҳои эҷодӣ",
        "tk": "Döredijilik harytlaryny we hyzmatlaryny eksport etmegiň esaslary",
        "uz": "Ijodiy tovar va xizmatlar eksporti asoslari"}, "professional", "income"),
    Topic("grant-writing", {
        "en": "Writing a winning grant application",
        "ru": "Как написать сильную грантовую заявку",
        "kk": "Грантқа өтінімді қалай жазу керек",
        "ky": "Грантка арызды кантип жазуу керек",
        "tg": "Навиштани дархости грантӣ",
        "tk": "Grant arzasyny nädip ýazmaly",
        "uz": "Grant arizasini qanday yozish kerak"}, "soft-skills", "income"),
    Topic("working-with-clients", {
        "en": "Working with clients: briefs, feedback and difficult conversations",
        "ru": "Работа с клиентами: бриф, обратная связь и сложные разговоры",
        "kk": "Клиенттермен жұмыс: бриф, кері байланыс және күрделі әңгімелер",
        "ky": "Кардарлар менен иштөө: бриф, пикир алмашуу жана татаал сүйлөшүүлөр",
        "tg": "Кор бо мизоҷон: бриф, бозхӯрд ва гуфтугӯҳои душвор",
        "tk": "Müşderiler bilen işlemek: brif, seslenme we kyn gepleşikler",
        "uz": "Mijozlar bilan ishlash: brif, fikr-mulohaza va qiyin suhbatlar"}, "soft-skills", "quality"),
    Topic("digital-tools", {
        "en": "Free and low-cost digital tools for small creative businesses",
        "ru": "Бесплатные и недорогие цифровые инструменты для малого креативного бизнеса",
        "kk": "Шағын креативті бизнеске арналған тегін және арзан цифрлық құралдар",
        "ky": "Чакан креативдүү бизнес үчүн акысыз жана арзан санариптик куралдар",
        "tg": "Абзорҳои рақамии ройгон ва арзон барои тиҷорати хурди эҷодӣ",
        "tk": "Kiçi döredijilik işewürligi üçin mugt we arzan sanly gurallar",
        "uz": "Kichik ijodiy biznes uchun bepul va arzon raqamli vositalar"}, "professional", "cost"),
    Topic("leading-a-team", {
        "en": "Leading a creative team",
        "ru": "Лидерство в творческой команде",
        "kk": "Шығармашылық команданы басқару",
        "ky": "Чыгармачыл команданы жетектөө",
        "tg": "Роҳбарии дастаи эҷодӣ",
        "tk": "Döredijilik toparyna ýolbaşçylyk etmek",
        "uz": "Ijodiy jamoaga rahbarlik qilish"}, "soft-skills", "quality"),
    Topic("online-shop", {
        "en": "Setting up an online shop in a weekend",
        "ru": "Интернет-магазин за выходные",
        "kk": "Интернет-дүкенді бір демалыста ашу",
        "ky": "Интернет-дүкөндү бир дем алышта ачуу",
        "tg": "Мағозаи онлайн дар як рӯзи истироҳат",
        "tk": "Bir dynç güninde onlaýn dükan açmak",
        "uz": "Bir dam olish kunida onlayn doʻkon ochish"}, "professional", "speed"),
)
GENERAL_LANGUAGES_LEFT_OUT = 2  # each general course is in five of the seven languages

SECTOR_TOPICS: tuple[Topic, ...] = (
    Topic("natural-dyeing", {
        "en": "Natural dyeing of wool and silk",
        "ru": "Натуральное крашение шерсти и шёлка",
        "kk": "Жүн мен жібекті табиғи бояумен бояу",
        "ky": "Жүндү жана жибекти табигый боёк менен боёо",
        "tg": "Рангкунии табиии пашм ва абрешим",
        "tk": "Ýüňi we ýüpegi tebigy boýag bilen boýamak",
        "uz": "Jun va ipakni tabiiy boʻyoqlar bilan boʻyash"}, "professional", "quality", ("fashion-design-crafts",)),
    Topic("fashion-collection", {
        "en": "A fashion collection from sketch to sample",
        "ru": "Коллекция одежды: от эскиза до образца",
        "kk": "Киім коллекциясы: эскизден үлгіге дейін",
        "tk": "Eşik kolleksiýasy: eskizden nusga çenli",
        "uz": "Kiyim kolleksiyasi: eskizdan namunagacha"}, "professional", "speed", ("fashion-design-crafts",)),
    Topic("product-photography", {
        "en": "Photographing handmade products for online shops",
        "ru": "Предметная съёмка изделий ручной работы для интернет-магазина",
        "ky": "Кол өнөрчүлүк буюмдарын онлайн дүкөн үчүн сүрөткө тартуу",
        "tg": "Аксбардории маҳсулоти дастӣ барои мағозаи онлайн",
        "uz": "Qoʻlda yasalgan buyumlarni onlayn doʻkon uchun suratga olish"}, "professional", "income",
        ("fashion-design-crafts", "advertising")),
    Topic("low-budget-short-film", {
        "en": "Producing a low-budget short film",
        "ru": "Продюсирование короткометражного фильма с малым бюджетом",
        "kk": "Аз бюджетті қысқаметражды фильм түсіру",
        "ky": "Аз бюджеттүү кыска метраждуу тасма тартуу",
        "uz": "Kam byudjetli qisqa metrajli film prodyuserligi"}, "professional", "cost", ("film-animation-xr",)),
    Topic("2d-animation-blender", {
        "en": "2D animation with Blender",
        "ru": "2D-анимация в Blender",
        "tg": "Аниматсияи 2D дар Blender",
        "tk": "Blender-de 2D animasiýa",
        "uz": "Blender dasturida 2D animatsiya"}, "professional", "speed", ("film-animation-xr",)),
    Topic("vr-for-museums", {
        "en": "Virtual reality for museums and exhibitions",
        "ru": "Виртуальная реальность для музеев и выставок",
        "kk": "Мұражайлар мен көрмелерге арналған виртуалды шындық"}, "professional", "quality",
        ("film-animation-xr", "contemporary-art")),
    Topic("home-studio", {
        "en": "Home studio: recording and mixing basics",
        "ru": "Домашняя студия: основы записи и сведения",
        "kk": "Үй студиясы: дыбыс жазу мен сведение негіздері",
        "ky": "Үй студиясы: үн жазуу жана аралаштыруунун негиздери",
        "tg": "Студияи хонагӣ: асосҳои сабт ва омехтакунӣ",
        "tk": "Öý studiýasy: ses ýazgynyň we garyşdyrmanyň esaslary",
        "uz": "Uy studiyasi: ovoz yozish va mikslash asoslari"}, "professional", "quality", ("music",)),
    Topic("royalties-streaming", {
        "en": "Royalties and streaming: how musicians get paid",
        "ru": "Роялти и стриминг: как музыканту получать доход",
        "ky": "Роялти жана стриминг: музыкант кантип киреше табат",
        "uz": "Royalti va striming: musiqachi qanday daromad oladi"}, "professional", "income", ("music",)),
    Topic("stage-lighting", {
        "en": "Stage lighting for small venues",
        "ru": "Сценический свет для небольших площадок",
        "kk": "Шағын сахналарға арналған сахна жарығы",
        "tg": "Равшании саҳна барои толорҳои хурд",
        "uz": "Kichik sahnalar uchun sahna yoritilishi"}, "professional", "quality",
        ("theatre-dance", "shows-events")),
    Topic("theatre-audience", {
        "en": "Building an audience for an independent theatre",
        "ru": "Как собрать зрителя для независимого театра",
        "ky": "Көз карандысыз театрга көрүүчү топтоо",
        "tk": "Garaşsyz teatr üçin tomaşaçy toplamak",
        "uz": "Mustaqil teatr uchun tomoshabin jalb qilish"}, "soft-skills", "income", ("theatre-dance",)),
    Topic("dance-composition", {
        "en": "Composition in contemporary dance",
        "ru": "Композиция в современном танце",
        "kk": "Заманауи бидегі композиция"}, "professional", "quality", ("theatre-dance",)),
    Topic("ebooks-audiobooks", {
        "en": "Publishing e-books and audiobooks yourself",
        "ru": "Электронные книги и аудиокниги: как издать самому",
        "kk": "Электронды кітап пен аудиокітапты өз бетінше шығару",
        "tg": "Нашри мустақилонаи китобҳои электронӣ ва аудиокитобҳо",
        "uz": "Elektron va audiokitoblarni mustaqil nashr etish"}, "professional", "cost", ("publishing-literature",)),
    Topic("literary-translation", {
        "en": "Literary translation from Central Asian languages into English",
        "ru": "Мастерская художественного перевода",
        "ky": "Көркөм котормо боюнча устакана",
        "tk": "Çeper terjime ussahanasy",
        "uz": "Badiiy tarjima ustaxonasi"}, "professional", "quality", ("publishing-literature",)),
    Topic("childrens-illustration", {
        "en": "Illustrating children's books",
        "ru": "Иллюстрация детской книги",
        "kk": "Балалар кітабын безендіру",
        "tg": "Тасвиргарии китоби кӯдакона"}, "professional", "quality",
        ("publishing-literature", "contemporary-art")),
    Topic("curating", {
        "en": "Curating an exhibition on a small budget",
        "ru": "Кураторство выставки с небольшим бюджетом",
        "kk": "Аз бюджетпен көрме ұйымдастыру",
        "ky": "Аз бюджет менен көргөзмө уюштуруу",
        "uz": "Kichik byudjet bilan koʻrgazma kuratorligi"}, "professional", "cost", ("contemporary-art",)),
    Topic("selling-art-online", {
        "en": "Selling art online: platforms, prices and shipping",
        "ru": "Как продавать искусство онлайн: площадки, цены, доставка",
        "tg": "Фурӯши асарҳои санъат дар интернет",
        "tk": "Sungat eserlerini onlaýn satmak",
        "uz": "Sanʼat asarlarini onlayn sotish"}, "professional", "income", ("contemporary-art",)),
    Topic("bim", {
        "en": "BIM for small architecture practices",
        "ru": "BIM для небольшого архитектурного бюро",
        "kk": "Шағын сәулет бюросына арналған BIM",
        "ky": "Чакан архитектуралык бюро үчүн BIM",
        "tk": "Kiçi binagärlik býurosy üçin BIM",
        "uz": "Kichik arxitektura byurosi uchun BIM"}, "professional", "speed", ("architecture",)),
    Topic("restoration", {
        "en": "Restoring historic brick and adobe buildings",
        "ru": "Реставрация исторических зданий из жжёного и сырцового кирпича",
        "tg": "Барқарорсозии биноҳои таърихӣ аз хишти пухта ва хом",
        "tk": "Bişen we çig kerpiçden taryhy binalary dikeltmek",
        "uz": "Pishgan va xom gʻishtdan qurilgan tarixiy binolarni taʼmirlash"}, "professional", "quality",
        ("architecture",)),
    Topic("interior-visualisation", {
        "en": "Interior visualisation for clients",
        "ru": "Визуализация интерьера для заказчика",
        "kk": "Тапсырыс берушіге арналған интерьер визуализациясы"}, "professional", "speed",
        ("architecture", "fashion-design-crafts")),
    Topic("podcast", {
        "en": "Launching and monetising a podcast",
        "ru": "Как запустить подкаст и зарабатывать на нём",
        "kk": "Подкаст ашу және одан табыс табу",
        "ky": "Подкаст ачуу жана андан киреше табуу",
        "tg": "Оғози подкаст ва даромад аз он",
        "tk": "Podkast açmak we ondan girdeji almak",
        "uz": "Podkast ochish va undan daromad olish"}, "professional", "income", ("tv-radio-new-media",)),
    Topic("mobile-journalism", {
        "en": "Mobile journalism: shooting and editing news on a phone",
        "ru": "Мобильная журналистика: съёмка и монтаж на телефон",
        "ky": "Мобилдик журналистика: телефон менен тартуу жана монтаждоо",
        "tg": "Журналистикаи мобилӣ: наворбардорӣ ва монтаж бо телефон",
        "uz": "Mobil jurnalistika: telefonda suratga olish va montaj"}, "professional", "speed",
        ("tv-radio-new-media",)),
    Topic("game-design", {
        "en": "Game design fundamentals",
        "ru": "Основы геймдизайна",
        "kk": "Геймдизайн негіздері",
        "ky": "Геймдизайндын негиздери",
        "tk": "Oýun dizaýnynyň esaslary",
        "uz": "Geymdizayn asoslari"}, "professional", "quality", ("games-esports",)),
    Topic("esports-tournament", {
        "en": "Running an esports tournament",
        "ru": "Как провести киберспортивный турнир",
        "kk": "Киберспорт турнирін өткізу",
        "tg": "Гузаронидани мусобиқаи киберварзишӣ",
        "uz": "Kibersport turnirini oʻtkazish"}, "soft-skills", "income", ("games-esports", "shows-events")),
    Topic("first-mobile-game", {
        "en": "Publishing your first mobile game",
        "ru": "Как выпустить первую мобильную игру",
        "ky": "Биринчи мобилдик оюнду чыгаруу",
        "uz": "Birinchi mobil oʻyinni chiqarish"}, "professional", "income", ("games-esports", "software")),
    Topic("web-development", {
        "en": "Web development for beginners",
        "ru": "Веб-разработка для начинающих",
        "kk": "Бастаушыларға арналған веб-әзірлеу",
        "ky": "Башталгычтар үчүн веб-иштеп чыгуу",
        "tg": "Веб-барномасозӣ барои навкорон",
        "tk": "Başlangyç derejedäkiler üçin web işläp düzmek",
        "uz": "Boshlovchilar uchun veb-dasturlash"}, "professional", "income", ("software",)),
    Topic("ux-design", {
        "en": "UX design for mobile apps",
        "ru": "UX-дизайн мобильных приложений",
        "kk": "Мобильді қосымшаларға арналған UX дизайн",
        "tk": "Mobil programmalar üçin UX dizaýn",
        "uz": "Mobil ilovalar uchun UX dizayn"}, "professional", "quality", ("software",)),
    Topic("agile-scrum", {
        "en": "Agile and Scrum for small development teams",
        "ru": "Agile и Scrum для небольшой команды разработки",
        "ky": "Чакан иштеп чыгуу командасы үчүн Agile жана Scrum",
        "uz": "Kichik dasturchilar jamoasi uchun Agile va Scrum"}, "soft-skills", "speed", ("software",)),
    Topic("quest-room", {
        "en": "Designing a quest room",
        "ru": "Как создать квест-комнату",
        "kk": "Квест бөлмесін құру",
        "ky": "Квест бөлмөсүн түзүү",
        "uz": "Kvest xonasini yaratish"}, "professional", "income", ("entertainment",)),
    Topic("guest-experience", {
        "en": "Guest experience in family entertainment centres",
        "ru": "Сервис и впечатления гостей в семейном развлекательном центре",
        "tg": "Хизматрасонӣ ба меҳмонон дар маркази фароғатии оилавӣ",
        "tk": "Maşgala dynç alyş merkezinde myhmanlara hyzmat",
        "uz": "Oilaviy koʻngilochar markazda mehmonlarga xizmat"}, "soft-skills", "quality", ("entertainment",)),
    Topic("event-management", {
        "en": "Event management from budget to wrap-up",
        "ru": "Организация мероприятий: от бюджета до отчёта",
        "kk": "Іс-шараларды ұйымдастыру: бюджеттен есепке дейін",
        "ky": "Иш-чараларды уюштуруу: бюджеттен отчётко чейин",
        "tg": "Ташкили чорабиниҳо: аз буҷет то ҳисобот",
        "tk": "Çäreleri guramak: býujetden hasabata çenli",
        "uz": "Tadbirlarni tashkil etish: byudjetdan hisobotgacha"}, "professional", "speed", ("shows-events",)),
    Topic("festival-sponsors", {
        "en": "Finding sponsors for a festival",
        "ru": "Как найти спонсоров для фестиваля",
        "kk": "Фестивальге демеуші табу",
        "uz": "Festival uchun homiy topish"}, "soft-skills", "income", ("shows-events",)),
    Topic("live-sound", {
        "en": "Live sound for concerts and events",
        "ru": "Концертный звук: основы",
        "ky": "Концерттик үн: негиздери",
        "tk": "Konsert sesi: esaslary"}, "professional", "quality", ("shows-events", "music")),
    Topic("brand-identity", {
        "en": "Brand identity design",
        "ru": "Разработка фирменного стиля",
        "kk": "Фирмалық стиль әзірлеу",
        "ky": "Фирмалык стилди иштеп чыгуу",
        "tg": "Таҳияи услуби фирмавӣ",
        "tk": "Firma stilini işläp düzmek",
        "uz": "Firma uslubini ishlab chiqish"}, "professional", "income", ("advertising",)),
    Topic("targeted-ads", {
        "en": "Targeted ads on a small budget",
        "ru": "Таргетированная реклама с небольшим бюджетом",
        "kk": "Аз бюджетпен таргеттелген жарнама",
        "tg": "Рекламаи мақсаднок бо буҷети хурд",
        "uz": "Kichik byudjet bilan targetli reklama"}, "professional", "cost", ("advertising",)),
    Topic("copywriting", {
        "en": "Copywriting for brands",
        "ru": "Копирайтинг для брендов",
        "ky": "Бренддер үчүн копирайтинг",
        "tk": "Brendler üçin kopiraýting",
        "uz": "Brendlar uchun kopirayting"}, "professional", "quality", ("advertising",)),
)

# (name, domain, sectors it specialises in; empty: a general provider), by language. All fictional.
_MEDIA = frozenset({"film-animation-xr", "tv-radio-new-media", "publishing-literature", "advertising", "music"})
_DESIGN = frozenset({"fashion-design-crafts", "architecture", "contemporary-art", "advertising"})
_DIGITAL = frozenset({"software", "games-esports"})
_STAGE = frozenset({"music", "shows-events", "entertainment", "theatre-dance"})
PROVIDERS: dict[str, tuple[tuple[str, str, frozenset], ...]] = {
    "en": (("Creative Business School", "creative-business-school.example", frozenset()),
           ("Central Asia Creative Lab", "ca-creative-lab.example", frozenset()),
           ("Open Studio Academy", "openstudio-academy.example", _DESIGN | {"publishing-literature"}),
           ("Indie Dev Academy", "indie-dev-academy.example", _DIGITAL),
           ("Live Arts Academy", "live-arts-academy.example", _STAGE),
           ("StoryLab Online", "storylab.example", _MEDIA | {"theatre-dance"})),
    "ru": (("Школа креативного бизнеса", "creative-school.example", frozenset()),
           ("Онлайн-академия «Контент»", "content-academy.example", _MEDIA),
           ("Медиашкола «Кадр»", "kadr-media.example", frozenset({"film-animation-xr", "tv-radio-new-media"})),
           ("Открытый университет дизайна", "design-open-u.example", _DESIGN),
           ("Академия продюсеров", "producers-academy.example", _STAGE),
           ("ИТ-школа «Код»", "kod-school.example", _DIGITAL)),
    "kk": (("Креативті бизнес мектебі", "kreativ-mektep.example", frozenset()),
           ("Almaty Creative Lab", "almaty-creative-lab.example", frozenset()),
           ("Шеберлер академиясы", "sheberler.example", _DESIGN | _STAGE),
           ("Цифрлық медиа мектебі", "cifrlyq-media.example", _MEDIA | _DIGITAL)),
    "ky": (("Креативдүү бизнес академиясы", "kreativ-akademiya.example", frozenset()),
           ("Бишкек дизайн мектеби", "bishkek-design-school.example", _DESIGN),
           ("Ала-Тоо IT мектеби", "alatoo-it.example", _DIGITAL),
           ("Бишкек медиа лабораториясы", "media-lab-bishkek.example", _MEDIA | _STAGE)),
    "tg": (("Мактаби бизнеси эҷодӣ", "maktabi-ejodi.example", frozenset()),
           ("Dushanbe Creative Hub", "dushanbe-creative-hub.example", frozenset()),
           ("Академияи медиа", "media-academy-tj.example", _MEDIA | _STAGE)),
    "tk": (("Döredijilik işewürlik mekdebi", "doredijilik-mekdep.example", frozenset()),
           ("Sanly media akademiýasy", "sanly-media.example", _MEDIA | _DIGITAL),
           ("Ashgabat Design Lab", "ashgabat-design-lab.example", _DESIGN)),
    "uz": (("Ijodiy biznes maktabi", "ijodiy-biznes.example", frozenset()),
           ("IT Park Academy", "itpark-academy.example", _DIGITAL | {"advertising"}),
           ("Media akademiyasi", "media-akademiya.example", _MEDIA | _STAGE),
           ("Tashkent Design Lab", "tashkent-design-lab.example", _DESIGN)),
}

COURSE_DESCRIPTIONS = {  # 0: practical lessons, 1: step by step with templates, 2: recorded lectures
    "en": ("Short practical lessons with examples from creative businesses in Central Asia.",
           "A step-by-step course with assignments and templates to download.",
           "Recorded lectures by practitioners, with a certificate on completion."),
    "ru": ("Короткие практические уроки на примерах креативных компаний Центральной Азии.",
           "Пошаговый курс с заданиями и шаблонами для скачивания.",
           "Лекции практиков в записи; по окончании выдаётся сертификат."),
    "kk": ("Орталық Азиядағы креативті компаниялардың мысалдары бар қысқа практикалық сабақтар.",
           "Тапсырмалар мен жүктеп алуға болатын үлгілері бар қадамдық курс.",
           "Тәжірибелі мамандардың жазылған дәрістері; курс соңында сертификат беріледі."),
    "ky": ("Борбордук Азиядагы креативдүү компаниялардын мисалдары менен кыска практикалык сабактар.",
           "Тапшырмалары жана жүктөп алуучу үлгүлөрү бар кадам-кадам курс.",
           "Практиктердин жазылган лекциялары; курстун аягында сертификат берилет."),
    "tg": ("Дарсҳои кӯтоҳи амалӣ бо мисолҳои ширкатҳои эҷодии Осиёи Марказӣ.",
           "Курси марҳила ба марҳила бо супоришҳо ва намунаҳо барои боргирӣ.",
           "Лексияҳои сабтшудаи мутахассисони амалӣ; дар охир сертификат дода мешавад."),
    "tk": ("Merkezi Aziýanyň döredijilik kompaniýalarynyň mysallary bilen gysga amaly sapaklar.",
           "Ýumuşlary we ýükläp alyp bolýan nusgalary bolan tapgyrma-tapgyr okuw.",
           "Tejribeli hünärmenleriň ýazga alnan leksiýalary; okuwyň ahyrynda sertifikat berilýär."),
    "uz": ("Markaziy Osiyo ijodiy kompaniyalari misolida qisqa amaliy darslar.",
           "Topshiriqlar va yuklab olinadigan shablonlar bilan bosqichma-bosqich kurs.",
           "Amaliyotchilarning yozib olingan maʼruzalari; kurs yakunida sertifikat beriladi."),
}
DESCRIPTIONS_FOR_FORMAT = {"video": (0, 2), "text": (1,), "interactive": (0, 1), "other": (0,)}
HOURS_AND_WEEKS = {"en": ("hours", "weeks"), "kk": ("сағат", "апта"), "ky": ("саат", "жума"),
                   "tg": ("соат", "ҳафта"), "tk": ("sagat", "hepde"), "uz": ("soat", "hafta")}
COURSE_SOURCES = (("url", "", 14), ("survey", "CCAN members survey 2021", 3),
                  ("publication", "CCAN course competition 2021 shortlist", 3))


# Loading --------------------------------------------------------------------------------------

def load_catalog_demo() -> str:
    """The demo businesses and courses, submitted by members and decided by editors; flushes, never
    commits.

    Idempotent: if the catalog has any business or course (from an earlier run, or entered by
    hand), nothing is added, so real research is never mixed with the demo's.
    """
    if (db.session.scalar(select(Business.id).limit(1)) is not None
            or db.session.scalar(select(Course.id).limit(1)) is not None):
        return "Catalog: the research databases already have entries; nothing added."
    loader = _Loader(random.Random(SEED))
    loader.businesses()
    loader.courses()
    db.session.flush()
    return _checked_summary()


class _Loader:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.users: dict[str, User] = {}
        self.names: set[tuple[str, str]] = set()  # (country, name key): no accidental duplicates
        self.domains: set[str] = set()
        self.submitters = {code: [p.handle for p in MEMBERS if p.country == code and p.handle not in EDITORS]
                           for code in sorted(COUNTRY_CODES)}

    def user(self, handle: str) -> User:
        if handle not in self.users:
            user = user_by_email(f"{handle}@{DEMO_DOMAIN}")
            if user is None:
                raise LookupError(f"the demo catalog names {handle!r}, but no such demo account exists")
            self.users[handle] = user
        return self.users[handle]

    # Businesses

    def businesses(self) -> None:
        self.names |= {(e.data.country, business_name_key(e.data.name))
                       for e in MEMBER_BUSINESSES + DUPLICATES + RETURNED + REJECTED}
        for entry in MEMBER_BUSINESSES:
            publish(submit_business(entry.data, self.user(entry.by)).entry, self.editor(entry.data.country))
        slots = [(country, sector) for country, total in GENERATED.items()
                 for sector, count in _apportion(total, _sector_weights(country)).items() for _ in range(count)]
        self.rng.shuffle(slots)
        waiting = set(self.rng.sample(range(len(slots)), GENERATED_LEFT_WAITING))
        for index, (country, sector) in enumerate(slots):
            data = self.generated_business(country, sector)
            submitter = self.user(self.rng.choice(self.submitters[country]))
            business = submit_business(data, submitter).entry
            if index not in waiting:
                publish(business, self.editor(country))
        for entry in DUPLICATES:
            submitted = submit_business(entry.data, self.user(entry.by))
            if not submitted.duplicates:
                raise ValueError(f"the demo duplicate {entry.data.name!r} was not flagged as one")
        for entry in RETURNED:
            business = submit_business(entry.data, self.user(entry.by)).entry
            return_for_changes(business, self.editor(entry.data.country), entry.note)
        for entry in REJECTED:
            business = submit_business(entry.data, self.user(entry.by)).entry
            reject(business, self.editor(entry.data.country), entry.note)

    def editor(self, country: str) -> User:
        return self.user(EDITOR_FOR[country])

    def generated_business(self, country: str, sector: str) -> BusinessData:
        rng = self.rng
        city, region, _ = rng.choices(CITIES[country], weights=[c[2] for c in CITIES[country]])[0]
        sole_trader = rng.random() < 0.07
        for _attempt in range(100):
            if sole_trader:
                language, legal_form, name = self.sole_trader_name(country)
                stem = ""
            else:
                language = _weighted(rng, NAME_LANGUAGES[country])
                stem = rng.choice(STEMS[(country, language)])
                name = rng.choice(NAME_PATTERNS[sector][language]).format(s=stem)
                legal_form = _weighted(rng, LEGAL_FORMS_BY[(country, language)])
            key = (country, business_name_key(name))
            if key not in self.names:
                self.names.add(key)
                break
        else:  # pragma: no cover - only if the name parts above shrink a lot
            raise ValueError(f"the demo catalog ran out of business names for {country} {sector}")
        website = self.website(stem, sector, country) if stem and rng.random() < 0.55 else ""
        source_kind, source_detail = self.source(country, website)
        description_language = language if rng.random() < 0.85 else rng.choice(("ru", "en"))
        description = DESCRIPTIONS[sector][description_language] if rng.random() < 0.9 else ""
        if description and rng.random() < 0.4:
            description += " " + rng.choice(DESCRIPTION_TAILS[description_language])
        return BusinessData(
            name=name, legal_form=legal_form, country=country, city=city, region=region, primary_sector=sector,
            other_sectors=(rng.choice(RELATED_SECTORS[sector]),) if rng.random() < 0.3 else (),
            description=description,
            founded_year=_founded(rng) if rng.random() < 0.9 else None,
            size_band=_weighted(rng, SOLE_TRADER_SIZES if sole_trader else SIZES),
            website=website,
            contact_email=f"info@{website.removeprefix('https://')}" if website and rng.random() < 0.5 else "",
            contact_phone=_phone(rng, country) if rng.random() < 0.25 else "",
            contact_public=rng.random() < 0.5,
            source_kind=source_kind, source_detail=source_detail,
        )

    def sole_trader_name(self, country: str) -> tuple[str, str, str]:
        language, legal_form, surnames, initials, order = SOLE_TRADERS[country]
        surname = self.rng.choice(surnames)
        first, second = self.rng.choice(initials), self.rng.choice(initials)
        if order == "initials first":
            return language, legal_form, f"{first}. {surname}"
        return language, legal_form, f"{surname} {first}. {second}."

    def website(self, stem: str, sector: str, country: str) -> str:
        base = f"{_slug(stem)}-{SITE_WORDS[sector]}"
        domain, number = f"{base}.example", 2
        if domain in self.domains:  # a namesake elsewhere got there first
            domain = f"{base}-{country.lower()}.example"
        while domain in self.domains:
            domain, number = f"{base}-{country.lower()}{number}.example", number + 1
        self.domains.add(domain)
        return f"https://{domain}"

    def source(self, country: str, website: str) -> tuple[str, str]:
        kind = _weighted(self.rng, (("survey", 35), ("registry", 25), ("publication", 15), ("url", 25)))
        if kind == "url" and website:
            return "url", website
        if kind == "registry":
            return "registry", REGISTRIES[country]
        if kind == "publication":
            return "publication", self.rng.choice(PUBLICATIONS[country])
        survey = self.rng.choice(SURVEYS + (f"{COUNTRY_NAMES[country]} creative industries mapping 2020",))
        return "survey", survey

    # Courses

    def courses(self) -> None:
        rng = self.rng
        courses: list[CourseData] = []
        national = [code for code in LOCALES if code not in ("en", "ru")]
        for topic in GENERAL_TOPICS:
            left_out = set(rng.sample(national, GENERAL_LANGUAGES_LEFT_OUT))
            courses += [self.course(topic, language) for language in topic.titles if language not in left_out]
        for topic in SECTOR_TOPICS:
            courses += [self.course(topic, language) for language in topic.titles]
        rng.shuffle(courses)
        submitters = [handle for handles in self.submitters.values() for handle in handles]
        waiting = set(rng.sample(range(len(courses)), COURSES_LEFT_WAITING))
        for index, data in enumerate(courses):
            course = submit_course(data, self.user(rng.choice(submitters))).entry
            if index not in waiting:
                publish(course, self.user(sorted(EDITORS)[index % len(EDITORS)]))

    def course(self, topic: Topic, language: str) -> CourseData:
        rng = self.rng
        providers = PROVIDERS[language]
        specialists = [p for p in providers if p[2] & set(topic.sectors)]
        name, domain, _ = rng.choice(specialists or [p for p in providers if not p[2]])
        course_format = _weighted(rng, (("video", 50), ("text", 20), ("interactive", 20), ("other", 10)))
        description = COURSE_DESCRIPTIONS[language][rng.choice(DESCRIPTIONS_FOR_FORMAT[course_format])]
        source_kind, source_detail = _weighted(rng, [((kind, detail), w) for kind, detail, w in COURSE_SOURCES])
        return CourseData(
            title=topic.titles[language], url=f"https://{domain}/courses/{topic.key}", language=language,
            format=course_format, improves=topic.improves, outcome=topic.outcome, sectors=topic.sectors,
            all_sectors=not topic.sectors, provider=name,
            level=_weighted(rng, (("beginner", 50), ("intermediate", 35), ("advanced", 15))),
            is_free=rng.random() < 0.6, duration=_duration(rng, language), description=description,
            source_kind=source_kind, source_detail=source_detail,
        )


def _sector_weights(country: str) -> dict[str, float]:
    return {s: SECTOR_WEIGHTS[s] * COUNTRY_LEANINGS.get((country, s), 1.0) for s in SECTORS}


def _apportion(total: int, weights: dict[str, float]) -> dict[str, int]:
    """Split `total` in proportion to `weights`, the remainder going to the largest fractions."""
    whole = sum(weights.values())
    exact = {key: total * weight / whole for key, weight in weights.items()}
    counts = {key: int(share) for key, share in exact.items()}
    by_fraction = sorted(exact, key=lambda key: (counts[key] - exact[key], key))
    for key in by_fraction[:total - sum(counts.values())]:
        counts[key] += 1
    return counts


def _weighted(rng: random.Random, choices):
    values, weights = zip(*choices)
    return rng.choices(values, weights=weights)[0]


def _founded(rng: random.Random) -> int:
    # Most creative businesses in the region are young: weights grow towards the survey year.
    years = range(1992, FOUNDED_BY + 1)
    return rng.choices(years, weights=[1 + (year - 1992) ** 1.5 for year in years])[0]


def _phone(rng: random.Random, country: str) -> str:
    def digits(n: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(n))

    return {
        "KZ": lambda: f"+7 7{rng.choice('0157')}{digits(1)} 555 {digits(2)} {digits(2)}",
        "KG": lambda: f"+996 {rng.choice(('555', '700', '770'))} {digits(3)} {digits(3)}",
        "TJ": lambda: f"+992 {rng.choice(('92', '93', '98'))} {digits(3)} {digits(2)} {digits(2)}",
        "TM": lambda: f"+993 {rng.choice(('61', '62', '65'))} {digits(3)} {digits(3)}",
        "UZ": lambda: f"+998 {rng.choice(('90', '91', '93', '97'))} {digits(3)} {digits(2)} {digits(2)}",
    }[country]()


def _duration(rng: random.Random, language: str) -> str:
    if rng.random() < 0.5:
        count, unit = rng.choice((2, 3, 4, 6, 8, 10, 12, 16, 20)), 0
    else:
        count, unit = rng.choice((2, 3, 4, 5, 6, 8, 10, 12)), 1
    if language == "ru":
        forms = (("час", "часа", "часов"), ("неделя", "недели", "недель"))[unit]
        return f"{count} {forms[_russian_plural(count)]}"
    return f"{count} {HOURS_AND_WEEKS[language][unit]}"


def _russian_plural(n: int) -> int:
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


_SLUG_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i", "ӣ": "i", "ӯ": "u", "ҳ": "h", "ҷ": "j", "ş": "sh", "ç": "ch", "ž": "zh", "ň": "n",
}


def _slug(text: str) -> str:
    """A readable ASCII address part: "Алтын Күн" -> "altyn-kun", "Ýaşlyk" -> "yashlyk"."""
    spelled = "".join(_SLUG_LETTERS.get(ch, ch) for ch in re.sub(r"[ʻʼ'’`]", "", text.casefold()))
    ascii_text = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


# Checking and summing up ----------------------------------------------------------------------

def _checked_summary() -> str:
    """Check the overview's rules on what was loaded, so a change to the data can't break them
    unnoticed, and sum up from the database."""
    businesses, courses = business_overview(), course_overview()
    problems = [f"{c.key} has {c.count} of {c.total} businesses" for c in businesses.country_checks if not c.met]
    problems += [f"{c.key} has {c.count} of {c.total} businesses" for c in businesses.sector_checks if not c.met]
    problems += [f"{c.key} has {c.count} of {c.total} courses" for c in courses.language_checks if not c.met]
    problems += [f"{c.key} has {c.count} specialised of {c.total} courses"
                 for c in courses.sector_checks if not c.met]
    problems += [f"no published course in {code}" for code, n in courses.by_language.items() if not n]
    levels = dict(db.session.execute(select(Course.level, func.count(Course.id))
                                     .where(Course.status == EntryStatus.PUBLISHED).group_by(Course.level)).all())
    for name, vocabulary, counts in (("format", COURSE_FORMATS, courses.by_format),
                                     ("outcome", COURSE_OUTCOMES, courses.by_outcome),
                                     ("level", COURSE_LEVELS, levels)):
        problems += [f"no published course with {name} {value}" for value in vocabulary if not counts.get(value)]
    if problems:
        raise ValueError("the demo catalog breaks the research rules: " + "; ".join(problems))

    business_statuses = _statuses(Business)
    course_statuses = _statuses(Course)
    flags = db.session.scalar(select(func.count(DuplicateFlag.id)).where(DuplicateFlag.status == "open"))
    return (f"Catalog: {sum(business_statuses.values())} businesses "
            f"({business_statuses[EntryStatus.PUBLISHED]} published, {business_statuses[EntryStatus.PENDING]} "
            f"waiting with {flags} duplicate flags, {business_statuses[EntryStatus.RETURNED]} returned, "
            f"{business_statuses[EntryStatus.REJECTED]} rejected; every country ≥ 8%, every sector ≥ 4%), "
            f"{sum(course_statuses.values())} courses ({course_statuses[EntryStatus.PUBLISHED]} published, "
            f"{course_statuses[EntryStatus.PENDING]} waiting; no language above 45%, every sector ≥ 1%)")


def _statuses(model) -> Counter[str]:
    return Counter(dict(db.session.execute(select(model.status, func.count(model.id)).group_by(model.status)).all()))
