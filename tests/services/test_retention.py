"""Retention: the three-year boundary, the cascade, the accident book, the bytes on disk."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from kiosk.clock import FixedClock
from kiosk.services.retention import cutoffs
from kiosk.services.retention import purge as retention
from kiosk.services.store import settings
from models import (
    AccidentEntry,
    Alert,
    Attendance,
    AuditEntry,
    BookingEvent,
    Card,
    Case,
    Consent,
    DbConfig,
    Declaration,
    Disclosure,
    Incident,
    IncidentNote,
    Person,
    Referral,
    Role,
    Volunteer,
    database,
)
from tests.support.builders import former_volunteer, make_booking, make_case, person
from tests.support.sqlcipher_pages import decrypted_pages, found_in_pages


def _case(ref: str, last_used: datetime, resident: str, visiting: str, phone: str) -> Case:
    """A case whose adults carry distinctive names, phones and postcodes."""
    case = make_case(ref, last_used, resident=resident, visiting=visiting, children=(f"{ref}kid",))
    for n, role in enumerate((Role.RESIDENT, Role.VISITING)):
        Person.update(phone=f"{phone}{n}", postcode=f"Q{phone[-3:]} {n}QX").where(
            Person.id == person(case, role).id
        ).execute()
    return case


def _full_case(
    ref: str, last_used: datetime, volunteer: Volunteer, phone: str = "07700111"
) -> Case:
    """A case with one of everything that hangs on a case."""
    case = _case(ref, last_used, f"{ref}Res", f"{ref}Vis", phone)
    resident = person(case, Role.RESIDENT)
    booking = make_booking(case, last_used - timedelta(days=1))
    Attendance.create(booking=booking, person=resident, kind="in", at=last_used, method="scan")
    Referral.create(case=case, organisation="Family Court", risk_notes=f"{ref} risk note")
    Consent.create(person=resident, recipient="Solicitor", given_on=last_used.date())
    Card.create(person=resident, token_hash=f"hash-{ref}", issued_at=last_used)
    Alert.create(case=case, booking=booking, kind="late", created_at=last_used)
    BookingEvent.create(booking=booking, kind="handed_over", at=last_used, by=volunteer)
    Declaration.create(volunteer=volunteer, case=case, declared_on=last_used.date())
    incident = Incident.create(at=last_used, case=case, description=f"{ref} incident")
    Disclosure.create(
        at=last_used, kind="safeguarding", recipient="Police", case=case, incident=incident
    )
    IncidentNote.create(incident=incident, at=last_used, author_name="Alex", text=f"{ref} note")
    return case


def test_three_years_and_a_day_is_purged_three_years_less_a_day_is_kept(
    db: DbConfig, clock: FixedClock
) -> None:
    now = clock.now()
    three_years_ago = now.replace(year=now.year - 3)
    _case("OLD", three_years_ago - timedelta(days=1), "Ophelia", "Osric", "07700200")
    _case("EDGE", three_years_ago.replace(hour=0), "Edith", "Edgar", "07700300")
    _case("NEW", three_years_ago + timedelta(days=1), "Nerys", "Nestor", "07700400")

    report = retention.due(now.date())
    assert report.case_refs == ["OLD"]
    assert report.case_cutoff == date(2023, 11, 21)

    result = retention.purge(now.date(), now)
    assert result.case_refs == ["OLD"]
    assert sorted(c.ref for c in Case.select()) == ["EDGE", "NEW"]
    # The next day, the case used exactly three years before today is due.
    assert retention.due(now.date() + timedelta(days=1)).case_refs == ["EDGE"]


def test_leap_day_counts_back_to_the_28th() -> None:
    assert cutoffs.years_before(date(2028, 2, 29), 3) == date(2025, 2, 28)


def test_purge_cascades_to_everything_on_the_case(db: DbConfig, clock: FixedClock) -> None:
    now = clock.now()
    helper = former_volunteer("Helen Helper", now)
    _full_case("GONE", now - timedelta(days=4 * 365), helper)
    _full_case("STAY", now - timedelta(days=30), helper)
    tables = [Person, Attendance, Referral, Consent, Card, Alert, Declaration, Disclosure]
    tables += [Incident, IncidentNote, BookingEvent]
    before = {t.__name__: t.select().count() for t in tables}

    report = retention.due(now.date())
    result = retention.purge(now.date(), now)

    assert report.counts == result.counts
    expected = {
        "cases": 1,
        "people": 2,
        "children": 1,
        "referrals": 1,
        "consents": 1,
        "bookings": 1,
        "attendance": 1,
        "booking events": 1,
        "cards": 1,
        "alerts": 1,
        "declarations": 1,
        "disclosures": 1,
        "incidents": 1,
        "incident notes": 1,
        "volunteers": 0,
        "unlinked alerts": 0,
    }
    assert result.counts == expected
    after = {t.__name__: t.select().count() for t in tables}
    assert after["Person"] == before["Person"] - 2
    for name in after:
        if name != "Person":
            assert after[name] == before[name] - 1, name
    # No orphan anywhere: the cascade, not luck, removed the rows.
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    assert Case.get(Case.ref == "STAY").people.count() == 2


def test_accident_entries_of_any_age_survive(db: DbConfig, clock: FixedClock) -> None:
    now = clock.now()
    for years in (0, 2, 4, 10, 40):
        at = now - timedelta(days=365 * years)
        AccidentEntry.create(
            at=at, recorded_at=at, recorded_by_name="Helen Helper", description=f"fall {years}"
        )
    _case("OLD", now - timedelta(days=5 * 365), "Ophelia", "Osric", "07700200")
    before = [
        (a.id, a.at, a.description) for a in AccidentEntry.select().order_by(AccidentEntry.id)
    ]

    retention.purge(now.date(), now)

    after = [(a.id, a.at, a.description) for a in AccidentEntry.select().order_by(AccidentEntry.id)]
    assert after == before and len(after) == 5
    assert Case.select().count() == 0


def test_purge_removes_a_case_s_incidents_and_never_an_accident_entry(
    db: DbConfig, clock: FixedClock
) -> None:
    now = clock.now()
    helper = former_volunteer("Helen Helper", now)
    old = now - timedelta(days=4 * 365)
    _full_case("GONE", old, helper)
    first = AccidentEntry.create(
        at=old, recorded_at=old, recorded_by_name="Helen", person_hurt="GONERes", description="fell"
    )
    AccidentEntry.create(
        at=old,
        recorded_at=old,
        recorded_by_name="Helen",
        person_hurt="GONERes",
        description="fell on the step",
        corrects=first,
    )

    retention.purge(now.date(), now)

    assert not Incident.select().exists() and not IncidentNote.select().exists()
    assert not Disclosure.select().exists()
    book = [
        (a.person_hurt, a.description) for a in AccidentEntry.select().order_by(AccidentEntry.id)
    ]
    assert book == [("GONERes", "fell"), ("GONERes", "fell on the step")]


def test_volunteers_who_left_over_six_years_ago_go(db: DbConfig, clock: FixedClock) -> None:
    now = clock.now()
    six_years_ago = now.date().replace(year=now.year - 6)
    gone = former_volunteer("Gwen Gone", now, six_years_ago - timedelta(days=1))
    former_volunteer("Kay Kept", now, six_years_ago + timedelta(days=1))
    former_volunteer("Abe Active", now)
    _full_case("STAY", now, gone)

    assert retention.due(now.date()).volunteer_names == ["Gwen Gone"]
    result = retention.purge(now.date(), now)
    assert result.counts["volunteers"] == 1 and result.counts["declarations"] == 1
    assert sorted(v.name for v in Volunteer.select()) == ["Abe Active", "Kay Kept"]
    assert Case.select().count() == 1

    settings.put(cutoffs.VOLUNTEER_RETENTION_KEY, "2")
    assert retention.due(now.date()).volunteer_names == ["Kay Kept"]
    # The one line the screen and `kiosk purge` print names the volunteers too.
    assert retention.summary(result).startswith(
        f"Destroyed {sum(result.counts.values())} records (1 volunteer record) in "
    )


def test_audit_entry_holds_counts_not_names_or_refs(db: DbConfig, clock: FixedClock) -> None:
    now = clock.now()
    _case("REF-7781", now - timedelta(days=4 * 365), "Ophelia", "Osric", "07700200")
    retention.purge(now.date(), now, actor_label="cli")

    entry = AuditEntry.get(AuditEntry.action == "purge")
    text = f"{entry.target} {entry.detail} {entry.actor_label}"
    assert "cases=1" in entry.detail and "people=2" in entry.detail
    for secret in ("REF-7781", "Ophelia", "Osric", "072002000"):
        assert secret not in text


def test_due_summary_for_start_up(db: DbConfig, clock: FixedClock) -> None:
    now = clock.now()
    assert not retention.due_summary(now).any
    _case("OLD", now - timedelta(days=4 * 365), "Ophelia", "Osric", "07700200")
    former_volunteer("Gwen Gone", now, date(2010, 1, 1))
    summary = retention.due_summary(now)
    assert (summary.cases, summary.volunteers) == (1, 1)
    assert summary.message.startswith("Retention: 1 case and 1 former volunteer due")


def _secrets_of(case: Case) -> list[str]:
    out: list[str] = [case.ref]
    for p in case.people:
        out += [p.first_name, p.last_name, p.phone, p.postcode]
    return out


def test_purged_people_are_in_no_byte_of_any_file(db: DbConfig, clock: FixedClock) -> None:
    now = clock.now()
    helper = former_volunteer("Helen Helper", now)
    gone = _full_case("GONE", now - timedelta(days=4 * 365), helper)
    kept = _full_case("KEPT", now - timedelta(days=10), helper, phone="07700999")
    gone_secrets, kept_secrets = _secrets_of(gone), _secrets_of(kept)
    # Churn so the purged rows also sit in old WAL frames and rewritten pages.
    for n in range(200):
        Person.update(address=f"{n} Long Road " * 20).where(Person.case == gone).execute()
    path = db.path
    files = [path, *[path.with_name(path.name + s) for s in ("-wal", "-shm")]]

    # Control: the decryption works, so the check below is able to fail.
    before = decrypted_pages(path, db.passphrase, db.kdf_iter or 0)
    assert all(found_in_pages(before, s) for s in gone_secrets + kept_secrets)

    retention.purge(now.date(), now)

    after = decrypted_pages(path, db.passphrase, db.kdf_iter or 0)
    for secret in gone_secrets:
        assert not found_in_pages(after, secret), secret
        for f in files:
            if f.exists():
                assert secret.encode() not in f.read_bytes(), (f.name, secret)
    assert all(found_in_pages(after, s) for s in kept_secrets)
    # And nothing readable through SQL either, in any table.
    for table in database.get_tables():
        for row in database.execute_sql(f'SELECT * FROM "{table}"').fetchall():
            for secret in gone_secrets:
                assert secret not in " ".join(map(str, row)), table


def test_purge_reports_progress(db: DbConfig, clock: FixedClock) -> None:
    now = clock.now()
    for n in range(60):
        _case(f"C{n:03d}", now - timedelta(days=2000), f"Res{n}", f"Vis{n}", f"0770{n:04d}")
    steps: list[retention.PurgeStep] = []
    result = retention.purge(now.date(), now, progress=steps.append)
    # One step a statement (a kind of record deleted by set), however many cases.
    deletes = [(s.done, s.total) for s in steps if s.stage == "delete"]
    total = deletes[0][1]
    assert total >= len(retention.KINDS)
    assert deletes == [(n, total) for n in range(total + 1)]
    assert steps[-1].stage == "vacuum" and steps[-1].done == steps[-1].total
    assert result.counts["cases"] == 60 and result.wal_cleared


def test_no_planner_statistics_are_left_behind(db: DbConfig, clock: FixedClock) -> None:
    """The product never runs ANALYZE (nor PRAGMA optimize), not even in its maintenance.

    The bundled SQLCipher is built with STAT4: with statistics present, every
    statement is planned again each time a bound value changes, which doubled a
    scan's time (bench/scan.py). Every query here is an index lookup whose plan
    does not depend on statistics.
    """
    now = clock.now()
    for n in range(5):
        _case(f"S{n:03d}", now - timedelta(days=2000), f"Res{n}", f"Vis{n}", f"0770{n:04d}")
    retention.purge(now.date(), now)
    names = [r[0] for r in database.execute_sql("SELECT name FROM sqlite_master").fetchall()]
    assert names, "the schema was read"
    assert not [n for n in names if n.startswith("sqlite_stat")]


def test_alerts_about_no_case_go_after_ninety_days_or_the_centre_s_setting(
    db: DbConfig, clock: FixedClock
) -> None:
    # Unknown cards' refusals name nobody, but kept for ever they slowed every refused
    # scan's look-back; an alert about a case goes with its case, never by age.
    today = clock.now()
    live = make_case("LIVE-1", today)

    def refused(days_ago: int, **about: object) -> int:
        at = today - timedelta(days=days_ago)
        return int(
            Alert.create(kind="scan_refused", message="unknown card", created_at=at, **about).id
        )

    old, recent, on_case = refused(91), refused(89), refused(400, case=live)
    assert retention.due(today.date()).counts["unlinked alerts"] == 1
    retention.purge(today.date(), today)
    assert {a.id for a in Alert.select()} == {recent, on_case}, old

    settings.put(cutoffs.UNLINKED_ALERT_KEY, "30")
    assert retention.due(today.date()).counts["unlinked alerts"] == 1
    retention.purge(today.date(), today)
    assert {a.id for a in Alert.select()} == {on_case}
