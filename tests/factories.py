"""Factory functions: every test builds exactly the records it needs, through the models."""
from __future__ import annotations

import itertools

from ccan_web.blueprints.accounts.models import RoleGrant, User, UserSector
from ccan_web.blueprints.accounts.services import hash_password
from ccan_web.blueprints.board.models import Application
from ccan_web.domain.membership import CRITERION_SLUGS

_counter = itertools.count(1)


class Factories:
    PASSWORD = "tulip-mountain-river-42"
    _hash = None

    def __init__(self, db):
        self.db = db

    @classmethod
    def password_hash(cls) -> str:
        # Hashing with argon2 is deliberately slow; one hash serves every test account.
        if cls._hash is None:
            cls._hash = hash_password(cls.PASSWORD)
        return cls._hash

    def user(self, *, email=None, full_name=None, country="KZ", sectors=("music",), roles=(),
             status="approved", applicant_type="individual", organisation_name="", city="Almaty",
             show_email=False, phone="", show_phone=False, locale=None, commit=True, **extra) -> User:
        n = next(_counter)
        user = User(
            email=(email or f"person{n}@example.org").lower(),
            password_hash=self.password_hash(),
            full_name=full_name or f"Person {n}",
            applicant_type=applicant_type,
            organisation_name=organisation_name,
            country=country,
            city=city,
            show_email=show_email,
            phone=phone,
            show_phone=show_phone,
            locale=locale,
            sectors=[UserSector(sector=s) for s in sectors],
            **extra,
        )
        self.db.session.add(user)
        self.db.session.flush()
        self.db.session.add(Application(
            user=user, motivation="I design textiles and want to work with colleagues across the region.",
            accepted_criteria=list(CRITERION_SLUGS), status=status,
        ))
        granted = list(roles)
        if status == "approved" and "member" not in granted:
            granted.insert(0, "member")
        for role in granted:
            role, _, scope = role.partition(":")
            user.role_grants.append(RoleGrant(role=role, scope=scope or None, scope_key=scope or ""))
        if commit:
            self.db.session.commit()
        return user

    def applicant(self, **kw) -> User:
        return self.user(status="pending", **kw)

    def member(self, **kw) -> User:
        return self.user(**kw)

    def board_member(self, **kw) -> User:
        return self.user(roles=("board",), **kw)

    def as_role(self, role: str) -> User | None:
        """A typical account for each role of the permission matrix; None for anonymous."""
        return {
            "anonymous": lambda: None,
            "applicant": lambda: self.applicant(),
            "member": lambda: self.member(),
            "editor": lambda: self.user(roles=("editor",)),
            "association_officer": lambda: self.user(roles=("association_officer:KZ",)),
            "roadmap_editor": lambda: self.user(roles=("roadmap_editor",)),
            "board": lambda: self.board_member(),
            "admin": lambda: self.user(roles=("admin",)),
        }[role]()
