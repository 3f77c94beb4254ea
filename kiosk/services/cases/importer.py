"""Bring a centre's spreadsheets in: all or nothing, every problem with its line."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kiosk.services.cases import booking_rules, bookings
from kiosk.services.cases.case_file import new_case_settings
from kiosk.services.cases.checks import REF_PATTERN, REF_RULE
from kiosk.services.cases.records import REFERRER_KINDS
from kiosk.services.store import audit
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import writes
from kiosk.services.store.forms import UNSHOWABLE, counted, read_date, unshowable
from models import Case, Child, Person, Referral, Role

CASE_COLUMNS = [
    "case_ref",
    "role",
    "first_name",
    "last_name",
    "phone",
    "email",
    "address",
    "postcode",
    "children",
    "referrer_org",
    "referrer_name",
    "referrer_email",
]
# Files made before the kind of referrer was recorded have no such column: it may be left out.
OPTIONAL_CASE_COLUMNS = ["referrer_kind"]
BOOKING_COLUMNS = ["case_ref", "date", "start", "end", "room", "service"]


@dataclass(frozen=True)
class Problem:
    line: int
    reason: str

    def __str__(self) -> str:
        # Line 0 is the file as a whole (it cannot be read at all).
        return f"line {self.line}: {self.reason}" if self.line else self.reason


class ImportRejected(KioskError):
    """The file has problems; each is printed with its line, and nothing was imported."""

    exit_status = 1

    def __init__(self, problems: list[Problem], source: Path | None = None) -> None:
        super().__init__(f"nothing imported ({counted(len(problems), 'problem')})")
        self.problems = problems
        self.source = source

    def lines(self) -> list[str]:
        where = f"{self.source}: " if self.source else ""
        return [f"{where}{p}" for p in self.problems] + [f"kiosk: {self}"]


@dataclass
class _CaseRows:
    first_line: int
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def _read(
    path: Path, columns: list[str], optional: tuple[str, ...] = ()
) -> list[tuple[int, dict[str, str]]]:
    # A pipe or a device would be read for ever, or never end.
    if path.exists() and not path.is_file():
        raise ImportRejected([Problem(0, f"{path} is not a file")])
    try:
        # utf-8-sig: spreadsheets often save a byte-order mark.
        with path.open(encoding="utf-8-sig", newline="") as handle:
            # strict: a quote left open at the end of the file is an error, not a
            # last field that swallowed the rest of its row.
            reader = csv.DictReader(handle, strict=True)
            try:
                return _rows(reader, columns, optional)
            except csv.Error as exc:
                # The reader fails inside the next record, before it counts that record's line.
                raise ImportRejected([_csv_problem(exc, reader.line_num + 1)]) from None
    except UnicodeDecodeError as exc:
        problem = Problem(_first_line_not_utf8(path), "the file is not UTF-8 text")
        raise ImportRejected([problem]) from exc
    except OSError as exc:
        raise ImportRejected([Problem(0, f"cannot read {path}: {exc.strerror}")]) from exc


def _first_line_not_utf8(path: Path) -> int:
    """The line a decoding error is on: text is decoded a block at a time, not a line."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return 1


def _rows(
    reader: csv.DictReader[str], columns: list[str], optional: tuple[str, ...]
) -> list[tuple[int, dict[str, str]]]:
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportRejected(
            [
                Problem(
                    1,
                    f"missing {'column' if len(missing) == 1 else 'columns'}: {', '.join(missing)}",
                )
            ]
        )
    rows = []
    bad: list[Problem] = []
    for row in reader:
        clean = {k: (row.get(k) or "").strip() for k in (*columns, *optional)}
        if any(unshowable(v) for v in clean.values()):
            bad.append(Problem(reader.line_num, UNSHOWABLE))
        elif any(clean.values()):
            rows.append((reader.line_num, clean))
    if bad:
        raise ImportRejected(bad)
    return rows


def _csv_problem(exc: csv.Error, line: int) -> Problem:
    """A file the csv module cannot read, in a co-ordinator's words; never the text itself."""
    if "field limit" in str(exc):
        return Problem(line, f"a field is too long (over {csv.field_size_limit():,} characters)")
    return Problem(line, "not readable as CSV (an unclosed quote or a stray character)")


def _check_case(ref: str, group: _CaseRows, problems: list[Problem]) -> None:
    seen: set[tuple[str, str]] = set()
    roles: list[str] = []
    for line, row in group.rows:
        if row["role"] not in {r.value for r in Role}:
            problems.append(Problem(line, f"unknown role {row['role']!r}"))
            continue
        if not row["first_name"]:
            problems.append(Problem(line, "missing first name"))
            continue
        key = (row["first_name"].casefold(), row["last_name"].casefold())
        if key in seen:
            problems.append(Problem(line, f"duplicate person in case {ref}"))
        seen.add(key)
        roles.append(row["role"])
        if row["referrer_kind"] and row["referrer_kind"] not in REFERRER_KINDS:
            kinds = ", ".join(REFERRER_KINDS)
            problems.append(Problem(line, f"referrer_kind is one of {kinds} (or left blank)"))
    residents = roles.count(Role.RESIDENT.value)
    if residents != 1:
        problems.append(
            Problem(group.first_line, f"case {ref} has {residents} resident parents; needs one")
        )
    if roles.count(Role.VISITING.value) > 1:
        problems.append(Problem(group.first_line, f"case {ref} has more than one visiting parent"))


def _group_cases(
    rows: list[tuple[int, dict[str, str]]], problems: list[Problem]
) -> dict[str, _CaseRows]:
    groups: dict[str, _CaseRows] = {}
    for line, row in rows:
        ref = row["case_ref"]
        if not ref:
            problems.append(Problem(line, "missing case_ref"))
            continue
        if not REF_PATTERN.fullmatch(ref):
            problems.append(Problem(line, REF_RULE))
            continue
        groups.setdefault(ref, _CaseRows(line)).rows.append((line, row))
    existing = {c.ref for c in Case.select(Case.ref).where(Case.ref.in_(list(groups)))}
    for ref, group in groups.items():
        if ref in existing:
            problems.append(Problem(group.first_line, f"case {ref} already exists"))
        _check_case(ref, group, problems)
    return groups


@contextmanager
def _problems_of(path: Path) -> Iterator[None]:
    """Every rejection names the file its lines belong to."""
    try:
        yield
    except ImportRejected as rejected:
        rejected.source = path
        raise


def import_cases(path: Path, now: datetime) -> int:
    """Import families; returns how many cases. Raises ImportRejected, changing nothing."""
    with _problems_of(path):
        return _import_cases(path, now)


@writes
def _import_cases(path: Path, now: datetime) -> int:
    problems: list[Problem] = []
    groups = _group_cases(_read(path, CASE_COLUMNS, tuple(OPTIONAL_CASE_COLUMNS)), problems)
    if problems:
        raise ImportRejected(sorted(problems, key=lambda p: p.line))
    for ref, group in groups.items():
        _create_case(ref, [row for _, row in group.rows], now)
    audit.record("import_cases", now, detail=counted(len(groups), "case"), actor_label="cli")
    return len(groups)


def _create_case(ref: str, rows: list[dict[str, str]], now: datetime) -> None:
    defaults = new_case_settings()
    case = Case.create(
        ref=ref,
        created_at=now,
        last_used_at=now,
        arrival_gap_min=defaults.arrival_gap_min,
        departure_hold_min=defaults.departure_hold_min,
        no_show_grace_min=defaults.no_show_grace_min,
    )
    children: dict[str, str] = {}
    for row in rows:
        Person.create(
            case=case,
            role=row["role"],
            first_name=row["first_name"],
            last_name=row["last_name"],
            phone=row["phone"],
            email=row["email"],
            address=row["address"],
            postcode=row["postcode"],
            created_at=now,
            last_used_at=now,
        )
        for name in filter(None, (n.strip() for n in row["children"].split(";"))):
            children.setdefault(name.casefold(), name)
    for name in children.values():
        Child.create(case=case, first_name=name)
    referrer = next((r for r in rows if r["referrer_org"]), None)
    if referrer is not None:
        Referral.create(
            case=case,
            organisation=referrer["referrer_org"],
            contact_name=referrer["referrer_name"],
            contact_email=referrer["referrer_email"],
            referred_on=now.date(),
            kind=referrer["referrer_kind"],
        )


def _parse_booking(
    line: int, row: dict[str, str], problems: list[Problem]
) -> booking_rules.NewBooking | None:
    try:
        day = read_date(row["date"])
    except ValueError as exc:
        problems.append(Problem(line, f"date: {exc}"))
        return None
    try:
        # HH:MM and nothing else: time.fromisoformat also takes seconds and a zone
        # ("10:00Z"), and a time with a zone cannot be compared with the day's others.
        start, end = (datetime.strptime(row[k].strip(), "%H:%M").time() for k in ("start", "end"))
    except ValueError:
        problems.append(Problem(line, "start and end are 24-hour HH:MM"))
        return None
    return booking_rules.NewBooking(
        case_ref=row["case_ref"],
        starts_at=datetime.combine(day, start),
        ends_at=datetime.combine(day, end),
        room=row["room"],
        service=row["service"],
    )


def import_bookings(path: Path, now: datetime, *, allow_past: bool = False) -> int:
    """Import bookings; returns how many. Raises ImportRejected, changing nothing.

    A row dated before now is refused unless `allow_past` says the co-ordinator
    means it (a mistyped month would put a false "did not attend" into an export).
    """
    with _problems_of(path):
        return _import_bookings(path, now, allow_past)


@writes
def _import_bookings(path: Path, now: datetime, allow_past: bool) -> int:
    """The bookings of the file, in one transaction under the write lock.

    Each row must pass the booking form's rules: validity, then the room and
    entrance checks against stored bookings and the rows above it (they are
    written as we go inside one transaction, which any problem rolls back).
    """
    problems: list[Problem] = []
    count = 0
    rows = _read(path, BOOKING_COLUMNS)
    for line, row in rows:
        new = _parse_booking(line, row, problems)
        if new is None:
            continue
        reasons = bookings.validate(new)
        if not reasons:
            reasons = booking_rules.closed(new.starts_at)
            reasons += booking_rules.clashes(new, Case.get(Case.ref == new.case_ref))
        if not allow_past:
            reasons += [f"{w} (add --allow-past to import it)" for w in _past(new, now)]
        problems.extend(Problem(line, reason) for reason in reasons)
        if not reasons:
            bookings.create(new, now)
            count += 1
    if problems:
        # Raising inside the transaction undoes the rows already written.
        raise ImportRejected(problems)
    audit.record("import_bookings", now, detail=f"{count} bookings", actor_label="cli")
    return count


def _past(new: booking_rules.NewBooking, now: datetime) -> list[str]:
    return booking_rules.past_warning(new.starts_at, now)


__all__ = ["ImportRejected", "Problem", "import_bookings", "import_cases"]
