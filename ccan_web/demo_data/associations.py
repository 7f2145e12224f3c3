"""The demo associations: all five in different states (Kazakhstan a CCAN partner, Tajikistan
registered, Kyrgyzstan founding, Uzbekistan an initiative group, Turkmenistan not started), each
reached step by step through the services, as the pages do, so their history reads true."""
from __future__ import annotations

from datetime import date

from ccan_web.blueprints.accounts.services import user_by_email
from ccan_web.blueprints.associations import services
from ccan_web.blueprints.toolkit.services import current_terms
from ccan_web.demo_data.people import DEMO_DOMAIN
from ccan_web.domain.associations import LIFECYCLE, NOT_STARTED, PARTNER

BOARD = "aigerim.sarsenbaikyzy"
OFFICERS = {"KZ": "dauren.abilkasymov", "TJ": "nigina.sharipova"}

PROFILES = {
    "KZ": services.ProfileData(
        name_national="Қазақстанның шығармашылық кәсіпкерлер қауымдастығы",
        name_ru="Ассоциация креативных предпринимателей Казахстана",
        name_en="Association of Creative Entrepreneurs of Kazakhstan", legal_structure="Public association",
        registration_number="210440012345", registration_date=date(2026, 4, 12),
        funding_sources=("membership_fees", "grants", "sponsorship"), members_count=64, board_count=7,
        contact_email="hello@creative-kz.example", contact_phone="+7 727 300 10 20", address="Almaty, Abay avenue 10",
        website="https://creative-kz.example",
        description="The association brings together designers, musicians, studios and festivals of Kazakhstan. "
                    "It runs the **national adaptation** of the CCAN roadmap and a mentoring programme."),
    "TJ": services.ProfileData(
        name_national="Ассотсиатсияи соҳибкорони эҷодии Тоҷикистон",
        name_ru="Ассоциация креативных предпринимателей Таджикистана",
        name_en="Creative Entrepreneurs Association of Tajikistan", legal_structure="Union of legal entities",
        registration_number="0110034567", registration_date=date(2026, 9, 3),
        funding_sources=("membership_fees", "services"), members_count=28, board_count=5,
        contact_email="info@creative-tj.example", website="https://creative-tj.example",
        description="Crafts, fashion and music businesses of Tajikistan, registered in Dushanbe in 2026."),
    "KG": services.ProfileData(
        name_national="Кыргызстандын чыгармачыл ишкерлер ассоциациясы",
        name_ru="Ассоциация креативных предпринимателей Кыргызстана",
        name_en="Creative Business Association of Kyrgyzstan", legal_structure="Public foundation",
        funding_sources=("grants",), members_count=15, board_count=3,
        description="The founders are preparing the charter and the founding meeting in Bishkek."),
    "UZ": services.ProfileData(
        name_en="Creative Industries Association of Uzbekistan (initiative group)",
        description="An initiative group of eight organisers from Tashkent and Samarkand."),
}
TARGETS = {"KZ": PARTNER, "TJ": "registered", "KG": "founding", "UZ": "initiative_group", "TM": NOT_STARTED}


def _user(handle: str):
    return user_by_email(f"{handle}@{DEMO_DOMAIN}")


def load_associations_demo() -> str:
    """Bring each association to its demo state (a state reached already is kept)."""
    board = _user(BOARD)
    moved = 0
    for code, target in TARGETS.items():
        association = services.find(code)
        if association.status != NOT_STARTED or target == NOT_STARTED:
            continue
        actor = _user(OFFICERS[code]) if code in OFFICERS else board
        if code in PROFILES:
            services.update_profile(code, PROFILES[code], actor, services.find(code).version)
        for step in LIFECYCLE[1:LIFECYCLE.index(target) + 1]:
            if step == PARTNER:  # by declaring: the officer accepts the published terms
                services.declare_partnership(code, current_terms(), actor)
            else:
                services.change_status(code, step, "", actor)
        moved += 1
    return f"Demo associations: {moved} brought to their states." if moved else "Associations: the demo associations are already in their states; nothing added."
