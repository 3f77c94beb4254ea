"""Roll call: everyone on the premises now, for a fire evacuation.

The list is a head count first: a family the viewer has declared they know is
not left out (everyone must be accounted for). On screen it is one line that
counts it ("2 adults, 1 child: known to you") and says nothing else: no name,
no role, no room, no time, for those would tell the volunteer which parent is
in, where and since when, which is what masking hides. The line comes after
everyone else's, so its place in the list says no room either.

The file written for an evacuation names every person on the premises by first
name, whoever writes it: a fire outranks masking, and a marshal cannot call a
roll of "known to you". It leaves the encrypted database, so it holds the
least that lets a fire marshal call a roll: first names, adult / child /
staff, the room and the time they came in. No surnames, phones, addresses,
case references or risk flags.

A family the writer knows is named in it by first names only, after everyone
else and in alphabetical order, without role, room or time. That gives up
some of masking by design: a writer who knows the family knows whose first
name is whose, so the file tells them which of that family are in. It still
keeps from them where (the room) and since when (the time), and the order
says neither. A roll is called by name at the assembly point; the building is
swept room by room whatever the list says, and if one of that family is
missing the co-ordinator's screens (or any volunteer who does not know them)
give the room.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.clock import Clock, day_bounds
from kiosk.services.door.access import DoorError, actor, known_case_ids
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import audit, private_files, settings
from kiosk.services.store.faults import reads, writes
from models import (
    Attendance,
    AuditEntry,
    Booking,
    BookingEvent,
    Case,
    Child,
    Person,
    Role,
    Volunteer,
)

KNOWN = "known to you"
STAFF = "staff"
CHILD = "child"


@dataclass(frozen=True)
class Present:
    """One line of the roll call: a person, or a known family counted as `heads` people."""

    name: str
    # "resident", "visiting", "adult", "child" or "staff"; "" for a known family
    kind: str
    room: str
    since: datetime | None
    heads: int = 1


@dataclass(frozen=True)
class RollCall:
    at: datetime
    people: tuple[Present, ...]
    # First names only (a family the writer of the file knows): no role, room or time.
    unplaced: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return sum(p.heads for p in self.people) + len(self.unplaced)

    @property
    def counts_a_known_family(self) -> bool:
        """Does a line count a family the viewer knows (the file will name them)?"""
        return any(not p.kind for p in self.people)


def on_duty(now: datetime) -> list[tuple[str, datetime]]:
    """Staff who signed in today and have not gone off duty since: (name, since)."""
    start, _ = day_bounds(now)
    rows = (
        AuditEntry.select(AuditEntry.actor, AuditEntry.action, AuditEntry.at)
        .where(
            AuditEntry.at >= start,
            AuditEntry.at <= now,
            AuditEntry.action.in_(["sign_in", "off_duty"]),
            AuditEntry.actor.is_null(False),
        )
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    first_in: dict[int, datetime] = {}
    for r in rows:
        vid = r.actor_id  # type: ignore[attr-defined]
        if r.action == "sign_in":
            first_in.setdefault(vid, r.at)
        else:
            first_in.pop(vid, None)
    names = {v.id: v.name for v in Volunteer.select().where(Volunteer.id.in_(list(first_in)))}
    return sorted((names[v], at) for v, at in first_in.items() if v in names)


@writes
def off_duty(staff: StaffMember, clock: Clock) -> None:
    """The volunteer has left the building: off the roll call until they sign in again."""
    audit.record("off_duty", clock.now(), target=f"volunteer:{staff.id}", actor=actor(staff))


def first_name(full: str) -> str:
    """Staff are stored by full name; the roll call holds first names only."""
    return full.split()[0] if full.split() else full


def _last(rows: list[Attendance]) -> Attendance | None:
    return rows[-1] if rows else None


def _booking_people(b: Booking) -> list[Present]:
    case: Case = b.case
    people = list(Person.select().where(Person.case == case).order_by(Person.role, Person.id))
    logs = {
        p.id: list(
            Attendance.select()
            .where(Attendance.booking == b.id, Attendance.person == p.id)
            .order_by(Attendance.at, Attendance.id)
        )
        for p in people
    }
    present: list[Present] = []
    for p in people:
        last = _last(logs[p.id])
        if last is not None and last.kind == "in":
            present.append(Present(p.first_name, p.role, b.room, last.at))
    if _children_here(b, people, logs):
        for child in Child.select().where(Child.case == case).order_by(Child.id):
            present.append(Present(child.first_name, CHILD, b.room, None))
    return present


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def known_family(people: list[Present]) -> Present:
    """A family the viewer knows, as one line: how many adults and children, nothing else."""
    children = sum(1 for p in people if p.kind == CHILD)
    adults = len(people) - children
    counted = [_plural(adults, "adult", "adults")] if adults else []
    counted += [_plural(children, "child", "children")] if children else []
    return Present(f"{', '.join(counted)}: {KNOWN}", "", "", None, heads=len(people))


def _children_here(b: Booking, people: list[Person], logs: dict[int, list[Attendance]]) -> bool:
    """Are the children on the premises? A fire roll call must never miss a child.

    Children arrive with the parent they live with and are with the other one
    during contact, so they are listed while either parent is in. After a
    handover that has not been returned they are in the contact room even if
    both parents have stepped out.
    """
    parents = [p for p in people if p.role != Role.ADULT.value]
    if any((last := _last(logs[p.id])) is not None and last.kind == "in" for p in parents):
        return True
    came = any(any(a.kind == "in" for a in logs[p.id]) for p in parents)
    if not came:
        return False
    kinds = {e.kind for e in BookingEvent.select().where(BookingEvent.booking == b.id)}
    return "handed_over" in kinds and "returned" not in kinds


def _todays(now: datetime) -> list[Booking]:
    start, end = day_bounds(now)
    return list(
        Booking.select(Booking, Case)
        .join(Case)
        .where(Booking.starts_at >= start, Booking.starts_at < end)
        .order_by(Booking.room, Booking.starts_at)
    )


def _staff_on_duty(now: datetime) -> list[Present]:
    return [Present(first_name(name), STAFF, "", since) for name, since in on_duty(now)]


@reads
def roll_call(staff: StaffMember, clock: Clock) -> RollCall:
    """The roll call as staff may see it: each family they know counted on one line."""
    now = clock.now()
    known = known_case_ids(staff)
    people: list[Present] = []
    families: list[Present] = []
    for b in _todays(now):
        here = _booking_people(b)
        if b.case_id not in known:  # type: ignore[attr-defined]
            people += here
        elif here:
            families.append(known_family(here))
    return RollCall(now, tuple(people + families + _staff_on_duty(now)))


@reads
def visitors_in(clock: Clock) -> int:
    """How many parents, other adults and children are on the premises now (staff not counted)."""
    return sum(p.heads for p in everyone(clock.now()).people if p.kind != STAFF)


def everyone(now: datetime, known: frozenset[int] = frozenset()) -> RollCall:
    """The roll call for the fire marshal: every person by first name, nobody left out; the
    families of the cases in `known` by first name alone (see the module's docstring)."""
    people: list[Present] = []
    unplaced: list[str] = []
    for b in _todays(now):
        here = _booking_people(b)
        if b.case_id in known:  # type: ignore[attr-defined]
            unplaced += [p.name for p in here]
        else:
            people += here
    return RollCall(now, tuple(people + _staff_on_duty(now)), tuple(sorted(unplaced)))


def render(call: RollCall) -> str:
    lines = [
        f"Fire roll call at {call.at:%Y-%m-%d %H:%M}: {call.count} on the premises",
        "First names only. Destroy this list when the roll has been called.",
        "",
    ]
    for p in call.people:
        since = f"in since {p.since:%H:%M}" if p.since else ""
        lines.append(f"{p.name:<20} {p.kind:<9} {p.room:<16} {since}".rstrip())
    if call.unplaced:
        lines += ["", "Also on the premises (first names only):", *call.unplaced]
    return "\n".join(lines) + "\n"


def default_path(at: datetime) -> Path:
    """The roll-call file in the product's own folder, unless the volunteer picks another.

    Named to the second: a second roll call in the same minute (a drill, then the real
    thing) is a new file, not a question about replacing the first."""
    return settings.export_dir() / "roll-call" / f"roll-call-{at:%Y%m%d-%H%M%S}.txt"


def write(
    staff: StaffMember, call: RollCall, path: Path, clock: Clock, *, replace: bool = False
) -> Path:
    """Write the roll call of everyone on the premises to a new file, readable by its owner only.

    The file names every person by first name whoever writes it (see the module's
    docstring); `call` is what the writer saw, and names the default file. Audited
    with the path.

    A file that is there already is replaced only with replace=True, which the
    volunteer confirmed; FileExists (with the final path) asks them first. One
    write transaction: if the database refuses the audit entry, or its commit, no
    file is left, for the list names people and every copy of it is on record.
    """
    with private_files.removed_on_failure() as written:
        return _write(staff, call, path, clock, replace, written)


@writes
def _write(
    staff: StaffMember, call: RollCall, path: Path, clock: Clock, replace: bool, written: list[Path]
) -> Path:
    by = actor(staff)
    path = private_files.typed_path(str(path))
    if path.is_dir():
        path = path / f"roll-call-{call.at:%Y%m%d-%H%M%S}.txt"
    # Everyone as they are now, read under the write lock, whoever writes it: a fire
    # outranks masking (call may count a family the writer knows on one line), though
    # the writer still learns no role, room or time of that family.
    fire = everyone(clock.now(), frozenset(known_case_ids(staff)))
    # Logged first, the file written last: a log the database refuses leaves no file.
    audit.record(
        "roll_call_written", clock.now(), detail=f"{fire.count} people to {path}", actor=by
    )
    try:
        if path.parent == default_path(call.at).parent:
            private_files.make_folder(path.parent)
        # 0600 from creation, never over the database: the list names people.
        private_files.write_new(path, render(fire).encode("utf-8"), replace=replace)
    except private_files.FileExists:
        raise
    except private_files.FileRefused as exc:
        raise DoorError(f"{exc}.") from None
    written.append(path)
    return path
