"""Staff accounts: argon2id secrets, lockout, and the DBS rule for signing in."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from peewee import Case as SqlCase

from kiosk.clock import Clock
from kiosk.services.store import audit
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import reads, writes
from models import DbsLevel, StaffRole, Volunteer

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=5)
# A DBS check over three years old still signs in, but the co-ordinator is warned.
DBS_STALE_AFTER = timedelta(days=3 * 365)
MIN_PIN_DIGITS = 6
MIN_PASSWORD_CHARS = 8

# argon2id inside OWASP's recommended set (Password Storage Cheat Sheet: 19 MiB,
# 2 iterations, 1 lane). argon2-cffi's default (64 MiB, 4 lanes) took the kiosk's
# peak memory past its budget at every staff sign-in, for no gain a PIN lockout
# does not already give. Hashes made with other parameters still verify, and are
# hashed again at their next right sign-in (`check_needs_rehash`).
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


class AccountError(KioskError, ValueError):
    """A staff record that cannot be saved; the message says why."""


@dataclass(frozen=True)
class StaffMember:
    id: int
    name: str
    role: StaffRole

    @property
    def is_coordinator(self) -> bool:
        return self.role is StaffRole.COORDINATOR


@dataclass(frozen=True)
class SignIn:
    staff: StaffMember | None
    message: str
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.staff is not None


def hash_secret(secret: str) -> str:
    return _hasher.hash(secret)


def check_secret(role: StaffRole, secret: str) -> None:
    """Volunteers use a PIN of 6+ digits; the co-ordinator a password of 8+ characters."""
    if role is StaffRole.VOLUNTEER:
        if not (secret.isdigit() and len(secret) >= MIN_PIN_DIGITS):
            raise AccountError(f"a PIN is at least {MIN_PIN_DIGITS} digits")
    elif len(secret) < MIN_PASSWORD_CHARS:
        raise AccountError(f"a password is at least {MIN_PASSWORD_CHARS} characters")


def no_dbs_message(role: StaffRole) -> str:
    """Why someone without a DBS record on file may not work at the door."""
    if role is StaffRole.COORDINATOR:
        return "No DBS check is on file for you: add yours under Volunteers to use the door."
    return "No DBS check is on file for you: please see the co-ordinator."


def check_dbs_number(number: str) -> None:
    if not (len(number) == 12 and number.isdigit()):
        raise AccountError("a DBS certificate number is 12 digits")


def create_staff(
    name: str,
    role: StaffRole,
    secret: str,
    now: datetime,
    *,
    dbs_number: str = "",
    dbs_issued_on: date | None = None,
    dbs_level: DbsLevel | None = None,
    dbs_update_service: bool = False,
) -> Volunteer:
    name = name.strip()
    if not name:
        raise AccountError("a name is required")
    check_secret(role, secret)
    if dbs_number:
        check_dbs_number(dbs_number)
    return Volunteer.create(
        name=name,
        role=role.value,
        secret_hash=hash_secret(secret),
        dbs_number=dbs_number,
        dbs_issued_on=dbs_issued_on,
        dbs_level=dbs_level.value if dbs_level else "",
        dbs_update_service=dbs_update_service,
        dbs_decision="clear" if dbs_number else "",
        created_at=now,
    )


def fold_name(name: str) -> str:
    """A name as sign-in compares it: one Unicode case fold, the same on both sides.

    SQLite's lower() folds ASCII only, so "Élodie" never met "élodie" (nor even
    itself, folded by Python on the other side). NFKC first and last, so an é
    typed as e + combining accent is the same letter; runs of spaces count as one.
    """
    folded = unicodedata.normalize("NFKC", " ".join(name.split())).casefold()
    return unicodedata.normalize("NFKC", folded)


def _active_named(name: str) -> Volunteer | None:
    """The current staff member with this name, compared in Python (a handful of rows)."""
    wanted = fold_name(name)
    staff = Volunteer.select().where(Volunteer.left_on.is_null()).order_by(Volunteer.id)
    return next((row for row in staff if fold_name(row.name) == wanted), None)


def _verify(secret_hash: str, secret: str) -> bool:
    try:
        return bool(_hasher.verify(secret_hash, secret))
    except (VerificationError, InvalidHashError):
        return False


def sign_in(name: str, secret: str, clock: Clock) -> SignIn:
    """Check a name and PIN or password; lock the account after repeated failures.

    The secret is verified before the write lock is taken: argon2id takes a
    fifth of a second, and a sign-in holding the lock meanwhile would keep the
    kiosk from recording a parent's scan. What the check means is then decided
    and recorded in one write transaction (`_record`), so a database fault
    leaves nothing behind and is a StoreFault the screen can show.
    """
    now = clock.now()
    found = _account(name)
    if found is None:
        return _unknown(now)
    volunteer_id, secret_hash = found
    right = _verify(secret_hash, secret)
    # Hashed again with today's parameters outside the lock, as the verify was.
    renewed = hash_secret(secret) if right and _hasher.check_needs_rehash(secret_hash) else None
    return _record(volunteer_id, secret, secret_hash, right, now, renewed)


@reads
def _account(name: str) -> tuple[int, str] | None:
    row = _active_named(name)
    return None if row is None else (row.id, str(row.secret_hash))


@writes
def _unknown(now: datetime) -> SignIn:
    audit.record("sign_in_failed", now, detail="unknown name", actor_label="unknown")
    return SignIn(None, "Name or PIN not recognised.")


@writes
def _record(
    volunteer_id: int,
    secret: str,
    checked: str,
    right: bool,
    now: datetime,
    renewed: str | None = None,
) -> SignIn:
    """The verified check, counted and recorded under the write lock.

    The check is claimed first (counted as a failure, refused while the account
    is locked), so however many processes check at once no more than
    MAX_FAILURES answers are ever given. Only the lockout counters are written,
    each by one statement: never the whole row, which would put back a PIN or
    leaving date a co-ordinator changed while the check ran. A PIN changed since
    it was verified is verified again, as it is now; `renewed` replaces the
    hash only if it is still the one verified.
    """
    row = Volunteer.get_or_none(Volunteer.id == volunteer_id, Volunteer.left_on.is_null())
    if row is None:
        return _unknown(now)
    if not _claim_check(row.id, now):
        audit.record("sign_in_locked", now, target=f"volunteer:{row.id}", actor=row)
        return SignIn(None, "Too many failed attempts: this account is locked for a few minutes.")
    if row.secret_hash != checked:
        right = _verify(str(row.secret_hash), secret)
    if not right:
        audit.record("sign_in_failed", now, target=f"volunteer:{row.id}", actor=row)
        return SignIn(None, "Name or PIN not recognised.")
    # The right secret: the failures so far are forgiven, whatever is decided next.
    Volunteer.update(failed_attempts=0, locked_until=None).where(Volunteer.id == row.id).execute()
    if renewed is not None:
        Volunteer.update(secret_hash=renewed).where(
            Volunteer.id == row.id, Volunteer.secret_hash == checked
        ).execute()
    role = StaffRole(row.role)
    # A co-ordinator without one still signs in to keep the records; the door stays shut.
    if role is StaffRole.VOLUNTEER and not row.dbs_number:
        audit.record("sign_in_refused", now, target=f"volunteer:{row.id}", detail="no DBS record")
        return SignIn(None, no_dbs_message(role))
    audit.record("sign_in", now, target=f"volunteer:{row.id}", actor=row)
    return SignIn(StaffMember(row.id, row.name, role), "Signed in.", _dbs_warnings(row, now))


@writes
def locked(staff: StaffMember, now: datetime, why: str) -> None:
    """The staff screens locked (by hand, when idle, or going off duty).

    On the log so that a duty never closed by "off duty" ends here, not at the
    volunteer's last act before it (kiosk/services/stats/records.py duty).
    """
    audit.record("lock", now, target=f"volunteer:{staff.id}", detail=why, actor=staff)


def _claim_check(volunteer_id: int, now: datetime) -> bool:
    """Count this check as a failure before it is made; False while the account is locked.

    One UPDATE, so processes checking at once cannot each read the same count:
    the check that makes MAX_FAILURES locks the account there and then, and no
    further check is made until LOCKOUT has passed. A lock that has run out
    starts the count again. A right secret clears the count afterwards.
    """
    unlocked = Volunteer.locked_until.is_null()
    reaches_max = unlocked & (Volunteer.failed_attempts + 1 >= MAX_FAILURES)
    claimed = (
        Volunteer.update(
            failed_attempts=SqlCase(None, [(unlocked, Volunteer.failed_attempts + 1)], 1),
            locked_until=SqlCase(None, [(reaches_max, now + LOCKOUT)], None),
        )
        .where(
            Volunteer.id == volunteer_id,
            Volunteer.left_on.is_null(),
            unlocked | (Volunteer.locked_until <= now),
        )
        .execute()
    )
    return bool(claimed)


def _dbs_warnings(row: Volunteer, now: datetime) -> list[str]:
    issued = row.dbs_issued_on
    if issued is not None and now.date() - issued > DBS_STALE_AFTER:
        return [f"{row.name}'s DBS check is over three years old (issued {issued.isoformat()})."]
    return []
