"""The demo's fictional people: Steering Committee, members and applicants, in their own languages."""
from __future__ import annotations

from dataclasses import dataclass

# A reserved top-level domain (RFC 2606): demo mail can never reach a real inbox.
DEMO_DOMAIN = "demo.ccan.example"
BRITISH_COUNCIL = "British Council"


@dataclass(frozen=True)
class DemoPerson:
    handle: str  # the local part of the demo email address
    name: str
    country: str  # where the account is based; British Council staff too need one of the five
    city: str
    sectors: tuple[str, ...]
    motivation: str
    bio: str = ""
    # With a legal status the applicant is the organisation; without one (Steering Committee
    # members), it is only the person's affiliation and appears on the roster, not the profile.
    organisation: str = ""
    legal_status: str = ""
    website: str = ""
    phone: str = ""
    show_email: bool = False
    show_phone: bool = False
    locale: str = "ru"
    rejection_reason: str = ""

    @property
    def email(self) -> str:
        return f"{self.handle}@{DEMO_DOMAIN}"

    @property
    def is_organisation(self) -> bool:
        return bool(self.legal_status)

    @property
    def is_british_council(self) -> bool:
        return self.organisation == BRITISH_COUNCIL


# The 2021 Steering Committee: one or two leaders per country and the British Council's
# representatives. The first person of each country decides that country's demo applications.
STEERING_COMMITTEE: tuple[DemoPerson, ...] = (
    DemoPerson(
        handle="aigerim.sarsenbaikyzy", name="Әйгерім Сәрсенбайқызы", country="KZ", city="Almaty",
        organisation="Almaty Creative Hub", sectors=("contemporary-art", "shows-events"), locale="kk",
        bio="Алматыдағы «Almaty Creative Hub» шығармашылық орталығының негізін қалаушы. "
            "Заманауи өнер көрмелері мен фестивальдердің продюсері.",
        motivation="2021 жылғы Басқарушы комитеттің мүшесі ретінде желінің жұмысына қатысамын.",
        show_email=True,
    ),
    DemoPerson(
        handle="dmitry.kim", name="Дмитрий Ким", country="KZ", city="Astana",
        organisation="Qazaq Games Lab", sectors=("games-esports", "software"), locale="ru",
        bio="Сооснователь студии Qazaq Games Lab, преподаёт геймдизайн. Десять лет в IT и играх.",
        motivation="Участвую в работе сети как член Руководящего комитета 2021 года.",
    ),
    DemoPerson(
        handle="aiperi.toktogulova", name="Айпери Токтогулова", country="KG", city="Bishkek",
        organisation="Bishkek Design Week", sectors=("fashion-design-crafts",), locale="ky",
        bio="Бишкектеги дизайн жумалыгынын уюштуруучусу, кийиз жана текстиль боюнча адис.",
        motivation="2021-жылдагы Башкаруучу комитеттин мүчөсү катары тармактын ишине катышам.",
        show_email=True,
    ),
    DemoPerson(
        handle="farangis.rahimova", name="Фарангис Раҳимова", country="TJ", city="Dushanbe",
        organisation="Маркази эҷодии «Пайванд»", sectors=("music", "theatre-dance"), locale="tg",
        bio="Продюсери мусиқӣ ва асосгузори маркази эҷодии «Пайванд» дар Душанбе.",
        motivation="Ҳамчун узви Кумитаи роҳбарикунандаи соли 2021 дар кори шабака ширкат меварзам.",
    ),
    DemoPerson(
        handle="merdan.owezow", name="Merdan Öwezow", country="TM", city="Ashgabat",
        organisation="Aşgabat Dizaýn Merkezi", sectors=("architecture", "fashion-design-crafts"),
        locale="tk",
        bio="Arhitektor we dizaýner. Aşgabatda döredijilik taslamalaryny alyp barýaryn.",
        motivation="2021-nji ýylyň Dolandyryş komitetiniň agzasy hökmünde toruň işine gatnaşýaryn.",
    ),
    DemoPerson(
        handle="dilnoza.karimova", name="Dilnoza Karimova", country="UZ", city="Tashkent",
        organisation="Toshkent Dizayn Haftaligi", sectors=("fashion-design-crafts", "advertising"),
        locale="uz",
        bio="Toshkent dizayn haftaligi asoschisi, ijodiy iqtisodiyot boʻyicha maslahatchi.",
        motivation="2021-yilgi Boshqaruv qoʻmitasi aʼzosi sifatida tarmoq ishida qatnashaman.",
        show_email=True,
    ),
    DemoPerson(
        handle="sarah.whitfield", name="Sarah Whitfield", country="UZ", city="Tashkent",
        organisation=BRITISH_COUNCIL, sectors=("contemporary-art", "publishing-literature"),
        locale="en",
        bio="Arts programme manager for Central Asia at the British Council, based in Tashkent.",
        motivation="British Council representative on the 2021 Steering Committee.",
    ),
    DemoPerson(
        handle="james.harrington", name="James Harrington", country="KZ", city="Almaty",
        organisation=BRITISH_COUNCIL, sectors=("film-animation-xr", "tv-radio-new-media"),
        locale="en",
        bio="Leads the British Council's creative economy programme in Central Asia from Almaty.",
        motivation="British Council representative on the 2021 Steering Committee.",
    ),
)

MEMBERS: tuple[DemoPerson, ...] = (
    # Kazakhstan
    DemoPerson(
        handle="nurlan.zhaksybekov", name="Нұрлан Жақсыбеков", country="KZ", city="Almaty",
        organisation="Kóshpendi Studio", legal_status="ТОО",
        sectors=("film-animation-xr", "games-esports"), locale="kk",
        website="https://koshpendi.example", phone="+7 701 555 01 23", show_email=True, show_phone=True,
        bio="Анимационная студия: короткие мультфильмы по казахским сказкам и VR-экскурсии по Туркестану.",
        motivation="Ищем партнёров для совместного производства анимации в регионе и хотим "
                   "участвовать в конкурсах CCAN.",
    ),
    DemoPerson(
        handle="gulnar.ospanova", name="Гүлнар Оспанова", country="KZ", city="Shymkent",
        sectors=("fashion-design-crafts",), locale="kk",
        bio="Шымкенттегі зергермін. Күміс әшекейлерді қазақтың дәстүрлі оюларымен жасаймын.",
        motivation="Көрші елдердің шеберлерімен тәжірибе алмасып, бірлескен көрмелерге қатысқым келеді.",
    ),
    DemoPerson(
        handle="olga.pavlova", name="Ольга Павлова", country="KZ", city="Astana",
        organisation="ИП Павлова О. С. (издательство «Кітап-Балапан»)", legal_status="ИП",
        sectors=("publishing-literature",), locale="ru", phone="+7 777 300 45 10", show_phone=True,
        bio="Небольшое издательство детской книги на казахском и русском языках.",
        motivation="Хотим переводить и издавать детские книги авторов из всех пяти стран.",
    ),
    DemoPerson(
        handle="dauren.abilkasymov", name="Дәурен Әбілқасымов", country="KZ", city="Almaty",
        organisation="Общественный фонд «Театр Жібек Жолы»", legal_status="Общественный фонд",
        sectors=("theatre-dance", "shows-events"), locale="ru", website="https://zhibek-zholy.example",
        bio="Независимый театр: спектакли на казахском и русском, гастроли по малым городам.",
        motivation="Нам важно найти театры-партнёры в Центральной Азии для обменных гастролей.",
    ),
    DemoPerson(
        handle="aruzhan.bekova", name="Aruzhan Bekova", country="KZ", city="Almaty",
        sectors=("music", "tv-radio-new-media"), locale="en", show_email=True,
        bio="Sound designer and podcast producer; hosts a weekly show on Kazakh indie music.",
        motivation="I want to collaborate with musicians and podcasters across Central Asia.",
    ),
    DemoPerson(
        handle="erlan.smagulov", name="Ерлан Смағұлов", country="KZ", city="Astana",
        organisation="Qala Architects", legal_status="ЖШС", sectors=("architecture",), locale="kk",
        website="https://qala-architects.example",
        bio="Қалалық кеңістіктерді жаңғыртумен және тарихи ғимараттарды қалпына келтірумен "
            "айналысатын сәулет бюросы.",
        motivation="Орталық Азия қалаларының сәулетшілерімен бірге жобалар жасау үшін.",
    ),
    DemoPerson(
        handle="ekaterina.li", name="Екатерина Ли", country="KZ", city="Karaganda",
        sectors=("advertising", "tv-radio-new-media"), locale="ru",
        bio="Креативный директор, 12 лет в рекламе; веду курсы по брендингу для малого бизнеса.",
        motivation="Хочу делиться опытом и собирать курсы для креативного бизнеса региона.",
    ),
    # Kyrgyzstan
    DemoPerson(
        handle="nurgul.zhumabaeva", name="Нургүл Жумабаева", country="KG", city="Bishkek",
        organisation="Kiyiz Art", legal_status="ОсОО", sectors=("fashion-design-crafts",), locale="ky",
        website="https://kiyiz-art.example", phone="+996 555 010 220", show_phone=True,
        bio="Кийизден жасалган буюмдар: шырдак, ала-кийиз жана заманбап аксессуарлар. "
            "Устаканада 40 аял иштейт.",
        motivation="Кол өнөрчүлөрдүн буюмдарын региондун рыногуна чыгаруу жана тажрыйба алмашуу үчүн.",
    ),
    DemoPerson(
        handle="bakyt.osmonaliev", name="Бакыт Осмоналиев", country="KG", city="Osh",
        sectors=("music",), locale="ky", show_email=True,
        bio="Комузчу жана композитор, Оштогу этно-джаз фестивалынын уюштуруучусу.",
        motivation="Хочу найти музыкантов из соседних стран для совместного фестиваля в Оше.",
    ),
    DemoPerson(
        handle="cholpon.sydykova", name="Чолпон Сыдыкова", country="KG", city="Bishkek",
        organisation="Общественный фонд «Арт-Ордо»", legal_status="Общественный фонд",
        sectors=("contemporary-art", "shows-events"), locale="ru", website="https://art-ordo.example",
        bio="Площадка современного искусства: резиденции, выставки и образовательные программы "
            "для молодых художников.",
        motivation="Готовы принимать художников из всех пяти стран в наших резиденциях.",
    ),
    DemoPerson(
        handle="ermek.asanbekov", name="Эрмек Асанбеков", country="KG", city="Bishkek",
        sectors=("software", "games-esports"), locale="ru",
        bio="Разработчик мобильных игр, ментор IT-курсов для подростков.",
        motivation="I want to find artists and composers for our games across the region.",
    ),
    DemoPerson(
        handle="umut.mamytova", name="Үмүт Мамытова", country="KG", city="Karakol",
        organisation="Issyk-Kul Events", legal_status="ИП", sectors=("shows-events", "entertainment"),
        locale="ky", phone="+996 700 123 405", show_phone=True,
        bio="Ысык-Көлдө фестивалдарды жана маданий иш-чараларды уюштурабыз.",
        motivation="Туризм жана фестивалдар боюнча башка өлкөлөрдүн уюштуруучулары менен "
                   "кызматташкыбыз келет.",
    ),
    DemoPerson(
        handle="aibek.ryskulov", name="Aibek Ryskulov", country="KG", city="Bishkek",
        sectors=("film-animation-xr",), locale="en",
        bio="Documentary filmmaker; my last film, about the shepherds of Naryn, was shown at "
            "festivals in Europe and Asia.",
        motivation="Looking for co-producers and festival partners in the neighbouring countries.",
    ),
    # Tajikistan
    DemoPerson(
        handle="mehrangez.saidova", name="Меҳрангез Саидова", country="TJ", city="Dushanbe",
        organisation="Зарбоф", legal_status="ҶДММ", sectors=("fashion-design-crafts",), locale="tg",
        website="https://zarbof.example", show_email=True,
        bio="Устохонаи гулдӯзӣ ва сӯзанидӯзӣ: либосҳои муосир бо нақшҳои анъанавии тоҷикӣ.",
        motivation="Мехоҳем бо ҳунармандони кишварҳои ҳамсоя ҳамкорӣ кунем ва маҳсулоти худро "
                   "ба бозорҳои нав барорем.",
    ),
    DemoPerson(
        handle="jamshed.qodirov", name="Ҷамшед Қодиров", country="TJ", city="Khujand",
        sectors=("music", "shows-events"), locale="tg", phone="+992 92 700 11 22", show_phone=True,
        bio="Навозандаи рубоб ва ташкилкунандаи консертҳо дар Хуҷанд.",
        motivation="Хочу организовать совместные концерты музыкантов Ферганской долины.",
    ),
    DemoPerson(
        handle="nigina.sharipova", name="Нигина Шарипова", country="TJ", city="Dushanbe",
        organisation="«Адабиёти нав»", legal_status="Иттиҳодияи ҷамъиятӣ",
        sectors=("publishing-literature",), locale="ru",
        bio="Издаём переводы современной детской литературы на таджикский язык.",
        motivation="Хотим вместе с коллегами из региона создать национальную ассоциацию в Таджикистане.",
    ),
    DemoPerson(
        handle="firuz.nazarov", name="Фирӯз Назаров", country="TJ", city="Dushanbe",
        sectors=("software", "tv-radio-new-media"), locale="ru",
        bio="Веб-разработчик и автор YouTube-канала о технологиях на таджикском языке.",
        motivation="Хочу помогать креативным компаниям Таджикистана выходить в онлайн.",
    ),
    DemoPerson(
        handle="rustam.gafurov", name="Рустам Ғафуров", country="TJ", city="Khorog",
        organisation="Pamir Films", legal_status="ҶДММ", sectors=("film-animation-xr",), locale="tg",
        website="https://pamir-films.example",
        bio="Film production company from Khorog: documentaries about the music, crafts and daily "
            "life of the Pamirs.",
        motivation="Барои пайдо кардани шарикон барои истеҳсоли филмҳои муштарак.",
    ),
    DemoPerson(
        handle="zarina.ismoilova", name="Зарина Исмоилова", country="TJ", city="Bokhtar",
        sectors=("contemporary-art",), locale="tg",
        bio="Рассом. Дар Бохтар барои кӯдакон дарсҳои наққошӣ мегузаронам.",
        motivation="Мехоҳам асарҳои худро дар намоишгоҳҳои минтақавӣ нишон диҳам.",
    ),
    # Turkmenistan
    DemoPerson(
        handle="aygozel.annayewa", name="Aýgözel Annaýewa", country="TM", city="Ashgabat",
        sectors=("fashion-design-crafts",), locale="tk", show_email=True,
        bio="Halyçy we dizaýner. Türkmen halylarynyň nagyşlaryny häzirki zaman önümlerinde ulanýaryn.",
        motivation="Sebitdäki dizaýnerler bilen tejribe alyşmak we bilelikde taslama döretmek isleýärin.",
    ),
    DemoPerson(
        handle="batyr.gurbanow", name="Batyr Gurbanow", country="TM", city="Ashgabat",
        organisation="Ýaşyl Ekran", legal_status="HJ", sectors=("tv-radio-new-media", "advertising"),
        locale="ru", phone="+993 65 010 203", show_phone=True,
        bio="Студия видеопроизводства: реклама, клипы, документальные ролики.",
        motivation="Ищем заказчиков и партнёров для съёмок в соседних странах.",
    ),
    DemoPerson(
        handle="jeren.berdiyewa", name="Jeren Berdiýewa", country="TM", city="Mary",
        sectors=("music",), locale="tk",
        bio="Dutarçy we aýdymçy. Mary şäherinde çagalara saz sapaklaryny berýärin.",
        motivation="Beýleki ýurtlaryň sazandalary bilen bilelikde konsert guramak isleýärin.",
    ),
    DemoPerson(
        handle="serdar.nurmuhammedow", name="Serdar Nurmuhammedow", country="TM", city="Turkmenabat",
        sectors=("software", "games-esports"), locale="en",
        bio="Software developer building educational apps in Turkmen.",
        motivation="I would like to join regional competitions and find partners for localisation.",
    ),
    DemoPerson(
        handle="maysa.hojamuradowa", name="Maýsa Hojamuradowa", country="TM", city="Ashgabat",
        organisation="M. Hojamuradowa", legal_status="Hususy telekeçi",
        sectors=("shows-events", "entertainment"), locale="tk",
        bio="Toý-dabaralary we festiwallary guraýarys, sahna bezegini taýýarlaýarys.",
        motivation="Хотим обмениваться опытом с организаторами событий из соседних стран.",
    ),
    DemoPerson(
        handle="dowlet.amanow", name="Döwlet Amanow", country="TM", city="Dashoguz",
        sectors=("architecture", "contemporary-art"), locale="ru",
        bio="Архитектор-реставратор, работаю с наследием Куня-Ургенча.",
        motivation="Интересуют совместные проекты по сохранению архитектурного наследия.",
    ),
    # Uzbekistan
    DemoPerson(
        handle="sherzod.tokhtayev", name="Sherzod Toʻxtayev", country="UZ", city="Bukhara",
        organisation="Buxoro Hunarmandlari", legal_status="MChJ",
        sectors=("fashion-design-crafts",), locale="uz", phone="+998 90 100 20 30", show_phone=True,
        bio="Buxoro zardoʻzligi va kulolchilik buyumlari ustaxonasi.",
        motivation="Hunarmandlarimiz mahsulotlarini mintaqa bozorlariga olib chiqish va tajriba "
                   "almashish uchun.",
    ),
    DemoPerson(
        handle="gulnoza.rahimova", name="Gulnoza Rahimova", country="UZ", city="Samarkand",
        sectors=("theatre-dance",), locale="uz",
        bio="Samarqanddagi zamonaviy raqs studiyasi xoreografi.",
        motivation="Mintaqadagi raqqoslar bilan qoʻshma spektakllar tayyorlashni istayman.",
    ),
    DemoPerson(
        handle="jasur.kholmatov", name="Jasur Xolmatov", country="UZ", city="Tashkent",
        organisation="Pixel Forge Games", legal_status="LLC", sectors=("games-esports", "software"),
        locale="en", website="https://pixelforge.example", show_email=True,
        bio="Indie game studio of 14 people; our mobile puzzle game is played in 30 countries.",
        motivation="We want to hire and co-develop with studios across Central Asia.",
    ),
    DemoPerson(
        handle="madina.yuldosheva", name="Madina Yoʻldosheva", country="UZ", city="Tashkent",
        sectors=("publishing-literature", "tv-radio-new-media"), locale="uz",
        bio="Jurnalist va podkast muallifi, Oʻzbekiston madaniyati haqida yozaman.",
        motivation="I write about creative businesses and would like to help collect success stories.",
    ),
    DemoPerson(
        handle="otabek.nazarov", name="Otabek Nazarov", country="UZ", city="Fergana",
        organisation="Nazarov Photo", legal_status="YaTT", sectors=("advertising", "contemporary-art"),
        locale="ru",
        bio="Рекламная и художественная фотография, выставки о ремёслах Ферганской долины.",
        motivation="Хочу участвовать в выставках и конкурсах CCAN.",
    ),
    DemoPerson(
        handle="anvar.mirzayev", name="Anvar Mirzayev", country="UZ", city="Tashkent",
        organisation="Ijodkor Yoshlar", legal_status="NNT (NGO)",
        sectors=("entertainment", "shows-events"), locale="uz",
        bio="Yoshlar uchun ijodiy festivallar va master-klasslar tashkil qiluvchi nodavlat notijorat "
            "tashkilot.",
        motivation="Festivallarimizga boshqa davlatlardan ishtirokchilar taklif qilish uchun.",
    ),
    DemoPerson(
        handle="alexey.tsoy", name="Алексей Цой", country="UZ", city="Tashkent",
        sectors=("music", "film-animation-xr"), locale="ru", show_email=True,
        bio="Композитор, пишу музыку для кино и рекламы.",
        motivation="Ищу режиссёров и продюсеров из региона для совместных проектов.",
    ),
)

APPLICANTS: tuple[DemoPerson, ...] = (
    DemoPerson(
        handle="shahlo.umarova", name="Шаҳло Умарова", country="TJ", city="Istaravshan",
        organisation="Ҳунари Истаравшан", legal_status="ҶДММ", sectors=("fashion-design-crafts",),
        locale="tg",
        bio="Устохонаи кордсозӣ ва ҳунарҳои мардумии Истаравшан.",
        motivation="Ширкати мо кордҳои дастӣ ва маҳсулоти ҳунарии Истаравшанро месозад. Мехоҳем "
                   "узви шабака шавем, то бо дигар ҳунармандон ҳамкорӣ кунем.",
    ),
    DemoPerson(
        handle="askhat.nurmaganbetov", name="Асхат Нұрмағанбетов", country="KZ", city="Almaty",
        organisation="Steppe Sound", legal_status="ТОО", sectors=("music", "shows-events"), locale="ru",
        bio="Звукозаписывающая студия и концертное агентство.",
        motivation="Хотим привозить артистов из соседних стран и записывать совместные альбомы.",
    ),
    DemoPerson(
        handle="nodira.sodiqova", name="Nodira Sodiqova", country="UZ", city="Samarkand",
        sectors=("architecture",), locale="uz",
        bio="Arxitektor, tarixiy obidalarni taʼmirlash boʻyicha mutaxassis.",
        motivation="Samarqandning tarixiy binolarini qayta tiklash loyihalarida hamkorlar izlayapman.",
    ),
    DemoPerson(
        handle="ayna.orazowa", name="Aýna Orazowa", country="TM", city="Ashgabat",
        sectors=("publishing-literature",), locale="tk",
        bio="Terjimeçi we redaktor, çagalar kitaplaryny türkmen diline terjime edýärin.",
        motivation="Türkmen ýazyjylarynyň eserlerini sebitde tanatmak isleýärin.",
    ),
    DemoPerson(
        handle="talant.bekmuratov", name="Талант Бекмуратов", country="KG", city="Osh",
        organisation="Ала-Тоо Медиа", legal_status="ОсОО", sectors=("tv-radio-new-media", "advertising"),
        locale="ky",
        bio="Ош шаарындагы медиа студия: видео, подкаст жана жарнама.",
        motivation="Оштогу жаштар үчүн медиа долбоорлорду өнүктүрүү жана өнөктөштөрдү табуу үчүн.",
    ),
)

REJECTED: tuple[DemoPerson, ...] = (
    DemoPerson(
        handle="sergey.morozov", name="Сергей Морозов", country="KZ", city="Almaty",
        organisation="Invest Realty Group", legal_status="ТОО", sectors=("advertising",), locale="ru",
        bio="Агентство недвижимости: продажа и аренда жилья в Алматы.",
        motivation="Хотим размещать рекламу наших объектов недвижимости среди участников сети.",
        rejection_reason="Спасибо за интерес к CCAN. Сеть объединяет тех, кто работает в креативных "
                         "индустриях, а ваша компания продаёт недвижимость, и реклама в заявке "
                         "касается только ваших собственных объектов. Если компания откроет "
                         "направление в одной из 13 креативных отраслей (например, дизайн "
                         "интерьеров), будем рады новой заявке.",
    ),
)

# (email handle, role, country scope): one demo account for each role beyond member and board.
EXTRA_ROLES: tuple[tuple[str, str, str | None], ...] = (
    ("madina.yuldosheva", "editor", None),
    ("ekaterina.li", "editor", None),
    ("cholpon.sydykova", "roadmap_editor", None),
    ("nigina.sharipova", "association_officer", "TJ"),
    ("dauren.abilkasymov", "association_officer", "KZ"),
)
