"""A case (one family) and everything that hangs on it."""

from __future__ import annotations

from peewee import (
    SQL,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from models.base import BaseModel, Role


class Case(BaseModel):
    ref = CharField(unique=True)
    created_at = DateTimeField()
    # Retention: a case unused for three years is destroyed. Any booking,
    # attendance or edit touching the case moves this forward.
    last_used_at = DateTimeField(index=True)
    # Separation settings (DESIGN.md section 2); centres differ, so per case.
    first_party = CharField(default=Role.VISITING.value)
    arrival_gap_min = IntegerField(default=15)
    departure_hold_min = IntegerField(default=15)
    # Added by schema step 2.
    no_show_grace_min = IntegerField(default=15)
    # Assessments on the premises need both agreements recorded beforehand.
    family_agreed_assessment_on = DateField(null=True)
    coordinator_agreed_assessment_on = DateField(null=True)


class Person(BaseModel):
    # index=False: the (case, role) index below begins with it (schema step 10).
    case = ForeignKeyField(Case, backref="people", on_delete="CASCADE", index=False)
    role = CharField()
    first_name = CharField()
    last_name = CharField(default="")
    phone = CharField(default="")
    # Shown to the door only while a resident parent has stepped out mid-session.
    emergency_phone = CharField(default="")
    email = CharField(default="")
    address = TextField(default="")
    postcode = CharField(default="")
    pre_visit_on = DateField(null=True)
    rules_agreed_on = DateField(null=True)
    created_at = DateTimeField()
    last_used_at = DateTimeField()

    class Meta:
        indexes = ((("case", "role"), False),)


class Child(BaseModel):
    case = ForeignKeyField(Case, backref="children", on_delete="CASCADE")
    first_name = CharField()


class Referral(BaseModel):
    case = ForeignKeyField(Case, backref="referrals", on_delete="CASCADE", unique=True)
    organisation = CharField(default="")
    contact_name = CharField(default="")
    contact_email = CharField(default="")
    court_order = BooleanField(default=False)
    risk_notes = TextField(default="")
    referred_on = DateField(null=True)
    # Added by schema step 4. A ReferrerKind value, or "" when not recorded.
    kind = CharField(default="")


class Consent(BaseModel):
    """Permission to pass a parent's details to a named person or agency."""

    person = ForeignKeyField(Person, backref="consents", on_delete="CASCADE")
    recipient = CharField()
    scope = TextField(default="")
    given_on = DateField()


# Added by schema step 5. Case search matches the start of a reference, name or
# postcode with LIKE, which is case-blind: only an index in the NOCASE collation
# lets SQLite answer it by a range instead of reading every row.
SEARCH_INDEXES = [
    ("case", "ref"),
    ("person", "first_name"),
    ("person", "last_name"),
    ("person", "postcode"),
]


def search_index_sql(table: str, column: str) -> str:
    return (
        f'CREATE INDEX IF NOT EXISTS "{table}_{column}_nocase" '
        f'ON "{table}" ("{column}" COLLATE NOCASE)'
    )


for _table, _column in SEARCH_INDEXES:
    (Case if _table == "case" else Person).add_index(SQL(search_index_sql(_table, _column)))

# Added by schema step 9. A name or postcode is matched at the start of its second word
# too ("1AA" finds "ZZ1 1AA", "Ann" finds "Mary Ann"): an index on what follows the
# first space, case-blind, answers it by a range as the indexes above answer the first.
WORD_COLUMNS = ("first_name", "last_name", "postcode")


def second_word_sql(column: str) -> str:
    """What follows the first space of column (all of it when there is none)."""
    return f'substr("{column}", instr("{column}", \' \') + 1)'


def word_index_sql(column: str) -> str:
    return (
        f'CREATE INDEX IF NOT EXISTS "person_{column}_word_nocase" '
        f'ON "person" ({second_word_sql(column)} COLLATE NOCASE)'
    )


for _column in WORD_COLUMNS:
    Person.add_index(SQL(word_index_sql(_column)))
