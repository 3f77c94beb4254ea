"""Fictional people for the demo database. Every name and number here is made up."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from models import Case, Person, Role

FIRST_NAMES = [
    "Amara",
    "Bethan",
    "Callum",
    "Deepa",
    "Eamon",
    "Fiona",
    "Gareth",
    "Hollie",
    "Imran",
    "Jasmine",
    "Kieran",
    "Leanne",
    "Marcus",
    "Nadia",
    "Owen",
    "Poppy",
    "Rhys",
    "Sadia",
    "Tariq",
    "Una",
    "Vikram",
    "Wendy",
    "Yusuf",
    "Zara",
    "Ellis",
    "Mairead",
    "Dominic",
    "Chloe",
]
LAST_NAMES = [
    "Ashworth",
    "Brennan",
    "Chowdhury",
    "Dlamini",
    "Evans",
    "Fairbairn",
    "Gallagher",
    "Hussain",
    "Iqbal",
    "Jenkins",
    "Kowalski",
    "Lindqvist",
    "McAllister",
    "Nwosu",
    "Okafor",
    "Pritchard",
    "Quigley",
    "Rahman",
]
CHILD_NAMES = [
    "Alfie",
    "Bella",
    "Charlie",
    "Daisy",
    "Ethan",
    "Freya",
    "George",
    "Isla",
    "Jack",
    "Lily",
    "Mia",
    "Noah",
    "Oscar",
    "Ruby",
    "Sophie",
    "Theo",
    "Willow",
    "Zac",
]
STREETS = ["Meadow Lane", "Station Road", "Church Street", "Orchard Close", "Mill Road"]
TOWNS = ["Melbury", "Ashford Vale", "Kingsmere", "Little Hadley"]
# Organisation, contact, e-mail and the kind of referrer (cases.records.REFERRER_KINDS).
REFERRERS = [
    ("Harbour & Co Solicitors", "Ruth Kendal", "rkendal@harbour-law.example", "solicitor"),
    ("Cafcass", "Daniel Osei", "daniel.osei@cafcass.example", "court"),
    ("County Children's Services", "Megan Price", "m.price@county.example", "local_authority"),
    ("Self-referral", "", "", "self"),
]
# Contact rooms; the waiting areas are the settings' defaults, so no session is ever
# booked where a parent is sent to wait.
ROOMS = ["Blue Room", "Green Room", "Playroom", "Yellow Room"]
WAITING_AREAS = ["Garden Room", "Front Lounge"]


def person(case: Case, role: Role, rng: random.Random, now: datetime) -> Person:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return Person.create(
        case=case,
        role=role.value,
        first_name=first,
        last_name=last,
        phone=f"07700 9{rng.randrange(10000, 99999)}",
        emergency_phone=f"07700 9{rng.randrange(10000, 99999)}" if role is Role.RESIDENT else "",
        email=f"{first}.{last}@mail.example".lower(),
        address=f"{rng.randrange(1, 120)} {rng.choice(STREETS)}, {rng.choice(TOWNS)}",
        postcode=postcode(rng),
        pre_visit_on=now.date() - timedelta(days=400),
        rules_agreed_on=now.date() - timedelta(days=400),
        created_at=now - timedelta(days=400),
        last_used_at=now,
    )


def postcode(rng: random.Random) -> str:
    # ZZ is not a real UK postcode area, so demo postcodes never match a home.
    inward = f"{rng.randrange(1, 9)}{rng.choice('ABDEFG')}{rng.choice('HJLNPQ')}"
    return f"ZZ{rng.randrange(1, 99)} {inward}"
