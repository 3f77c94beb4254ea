"""`kiosk import`: all or nothing, every problem with its line, nothing in plaintext."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import FixedClock
from kiosk.services import store
from kiosk.services.cases import importer
from models import Booking, Case, Child, DbConfig, Person, Referral, database
from tests.support.builders import COORDINATOR_NAME
from tests.support.cli import init_database
from tests.support.files import digest, raw_bytes, write

HEADER = importer.CASE_COLUMNS

# Distinctive strings: if any of them shows up in the raw bytes, encryption failed.
SECRET_ROWS = [
    [
        "ZQX-001",
        "resident",
        "Xanthippe",
        "Quillfeather",
        "07700 913579",
        "xanthippe.q@zq.example",
        "42 Zebrafinch Crescent",
        "ZQ9 9XQ",
        "Peregrine;Ottoline",
        "Zebra Law LLP",
        "Yolanda Vexley",
        "yv@zebra-law.example",
    ],
    [
        "ZQX-001",
        "visiting",
        "Bartholomew",
        "Grimsditch",
        "07700 924680",
        "barty.g@zq.example",
        "7 Aardvark Terrace",
        "ZQ8 8QX",
        "Peregrine;Ottoline",
        "",
        "",
        "",
    ],
]


def _csv(rows: list[list[str]], header: list[str] = HEADER) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _counts() -> tuple[int, int, int, int]:
    return (
        Case.select().count(),
        Person.select().count(),
        Child.select().count(),
        Booking.select().count(),
    )


def test_import_cases_builds_families(db: DbConfig, tmp_path: Path, clock: FixedClock) -> None:
    path = write(tmp_path / "cases.csv", _csv(SECRET_ROWS))
    assert importer.import_cases(path, clock.now()) == 1
    case = Case.get(Case.ref == "ZQX-001")
    people = {p.role: p for p in Person.select().where(Person.case == case)}
    assert people["resident"].postcode == "ZQ9 9XQ"
    assert people["visiting"].last_name == "Grimsditch"
    assert sorted(c.first_name for c in Child.select()) == ["Ottoline", "Peregrine"]
    assert Referral.get(Referral.case == case).organisation == "Zebra Law LLP"
    assert case.last_used_at == clock.now()


def test_no_personal_data_in_any_byte_on_disk(
    db: DbConfig, tmp_path: Path, clock: FixedClock
) -> None:
    importer.import_cases(write(tmp_path / "cases.csv", _csv(SECRET_ROWS)), clock.now())
    # While the connection is open the WAL holds the newest pages: check it too.
    assert Path(str(db.path) + "-wal").exists()
    on_disk = raw_bytes(db.path)
    store.close()
    on_disk += raw_bytes(db.path)
    needles = {cell for row in SECRET_ROWS for cell in row[2:] if cell}
    needles |= {"Peregrine", "Ottoline"}
    for needle in needles:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert needle.encode(encoding) not in on_disk, needle


def test_cli_import_then_no_personal_data_on_disk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, pw = init_database(tmp_path)
    csv_file = write(tmp_path / "cases.csv", _csv(SECRET_ROWS))
    assert (
        main(["import", "cases", str(csv_file), "--db", str(db), "--passphrase-file", str(pw)]) == 0
    )
    # One case is said as one: not "1 cases".
    assert capsys.readouterr().out.splitlines()[-1] == "Imported 1 case."
    on_disk = raw_bytes(db)
    for needle in (
        "Xanthippe",
        "Quillfeather",
        "07700 913579",
        "Zebrafinch",
        "ZQ9 9XQ",
        "Grimsditch",
        "barty.g@zq.example",
        COORDINATOR_NAME,
    ):
        assert needle.encode() not in on_disk


BAD_ROWS = [
    (["ZQX-002", "grandad", "Ann", "", "", "", "", "", "", "", "", ""], "line 5: unknown role"),
    (
        ["ZQX-002", "visiting", "", "Smith", "", "", "", "", "", "", "", ""],
        "line 5: missing first name",
    ),
    (
        ["ZQX-001", "resident", "Xanthippe", "Quillfeather", "", "", "", "", "", "", "", ""],
        "line 5: duplicate person",
    ),
    (
        ["ZQX-003", "visiting", "Lonely", "", "", "", "", "", "", "", "", ""],
        "line 5: case ZQX-003 has 0 resident parents",
    ),
    (
        ["ZQX-001", "resident", "Second", "Resident", "", "", "", "", "", "", "", ""],
        # A case-level problem is reported at the case's first line.
        "line 3: case ZQX-001 has 2 resident parents",
    ),
]


@pytest.mark.parametrize(("bad", "reason"), BAD_ROWS)
def test_one_bad_row_rejects_the_whole_file(
    tmp_path: Path, bad: list[str], reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db, pw = init_database(tmp_path)
    good_case = [["OK-1", "resident", "Alma", "", "", "", "", "", "", "", "", ""]]
    path = write(tmp_path / "cases.csv", _csv([*good_case, *SECRET_ROWS, bad]))
    before = digest(db)
    capsys.readouterr()
    code = main(["import", "cases", str(path), "--db", str(db), "--passphrase-file", str(pw)])
    err = capsys.readouterr().err
    assert code == 1
    assert reason in err
    # Lines: 1 header, 2 OK-1, 3-4 ZQX-001, 5 the bad row.
    assert "Traceback" not in err
    assert digest(db) == before


def test_missing_columns_are_reported(db: DbConfig, tmp_path: Path, clock: FixedClock) -> None:
    path = write(tmp_path / "c.csv", "case_ref,role,first_name\nA,resident,Ann\n")
    with pytest.raises(importer.ImportRejected) as err:
        importer.import_cases(path, clock.now())
    assert "missing column" in str(err.value.problems[0])
    assert _counts() == (0, 0, 0, 0)


def test_existing_case_ref_is_rejected(db: DbConfig, tmp_path: Path, clock: FixedClock) -> None:
    path = write(tmp_path / "c.csv", _csv(SECRET_ROWS))
    importer.import_cases(path, clock.now())
    before = _counts()
    with pytest.raises(importer.ImportRejected) as err:
        importer.import_cases(path, clock.now())
    assert "already exists" in str(err.value.problems[0])
    assert _counts() == before


def _bookings(rows: list[str]) -> str:
    return "case_ref,date,start,end,room,service\n" + "\n".join(rows) + "\n"


def _refused_bookings(tmp_path: Path, clock: FixedClock, *rows: str) -> list[importer.Problem]:
    """Import a bookings file that must be refused whole: the problems it was refused for."""
    path = write(tmp_path / "refused.csv", _bookings(list(rows)))
    with pytest.raises(importer.ImportRejected) as err:
        importer.import_bookings(path, clock.now())
    return list(err.value.problems)


def test_import_bookings(db: DbConfig, tmp_path: Path, clock: FixedClock) -> None:
    importer.import_cases(write(tmp_path / "c.csv", _csv(SECRET_ROWS)), clock.now())
    path = write(
        tmp_path / "b.csv",
        _bookings(
            [
                "ZQX-001,2026-12-05,10:00,12:00,Blue Room,supported",
                "ZQX-001,2026-12-19,14:00,16:00,Green Room,handover",
            ]
        ),
    )
    assert importer.import_bookings(path, clock.now()) == 2
    first = Booking.select().order_by(Booking.starts_at).first()
    assert (first.room, first.service, first.state) == ("Blue Room", "supported", "booked")
    assert str(first.starts_at) == "2026-12-05 10:00:00"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("NOPE,2026-12-05,10:00,12:00,Blue Room,supported", "no case"),
        # Both 2026-12-05 and 05/12/2026 are dates; 31/02/2026 is not.
        ("ZQX-001,31/02/2026,10:00,12:00,Blue Room,supported", "not a date"),
        ("ZQX-001,2026-12-05,10am,12:00,Blue Room,supported", "HH:MM"),
        # A time with a zone (accepted by time.fromisoformat) stopped the door console
        # for the whole day: a wall-clock time at the centre has none.
        ("ZQX-001,2026-12-05,10:00Z,12:00Z,Blue Room,supported", "HH:MM"),
        ("ZQX-001,2026-12-05,10:00+01:00,12:00,Blue Room,supported", "HH:MM"),
        ("ZQX-001,2026-12-05,10:00:30,12:00,Blue Room,supported", "HH:MM"),
        ("ZQX-001,2026-12-05,12:00,10:00,Blue Room,supported", "after the start"),
        ("ZQX-001,2026-12-05,10:00,12:00,,supported", "room"),
        ("ZQX-001,2026-12-05,10:00,12:00,Blue Room,picnic", "unknown service"),
        ("ZQX-001,2026-12-05,10:00,12:00,Blue Room,assessment", "agreement"),
    ],
)
def test_bad_booking_rows_reject_the_file(
    db: DbConfig,
    tmp_path: Path,
    clock: FixedClock,
    row: str,
    reason: str,
) -> None:
    importer.import_cases(write(tmp_path / "c.csv", _csv(SECRET_ROWS)), clock.now())
    problems = _refused_bookings(
        tmp_path, clock, "ZQX-001,2026-12-05,14:00,16:00,Blue Room,supported", row
    )
    assert [p.line for p in problems] == [3]
    assert reason in problems[0].reason
    assert Booking.select().count() == 0
    assert database.is_closed() is False


def _two_cases(tmp_path: Path, clock: FixedClock) -> None:
    other = [
        ["ZQX-002", "resident", "Ada", "Other", "", "", "", "", "", "", "", ""],
        ["ZQX-002", "visiting", "Bob", "Other", "", "", "", "", "", "", "", ""],
    ]
    importer.import_cases(write(tmp_path / "c.csv", _csv(SECRET_ROWS + other)), clock.now())


def test_booking_import_refuses_a_room_clash_with_a_stored_booking(
    db: DbConfig, tmp_path: Path, clock: FixedClock
) -> None:
    _two_cases(tmp_path, clock)
    first = write(
        tmp_path / "b1.csv", _bookings(["ZQX-001,2026-12-05,10:00,12:00,Blue Room,supported"])
    )
    assert importer.import_bookings(first, clock.now()) == 1
    # Same room, overlapping, well clear of ZQX-001's entrance windows.
    problems = _refused_bookings(
        tmp_path,
        clock,
        "ZQX-002,2026-12-19,10:00,12:00,Blue Room,supported",
        "ZQX-002,2026-12-05,11:00,11:30,blue room,supported",
    )
    assert [p.line for p in problems] == [3]
    assert "blue room is booked 10:00-12:00" in problems[0].reason
    assert Booking.select().count() == 1


def test_booking_import_refuses_clashes_between_rows_of_one_file(
    db: DbConfig, tmp_path: Path, clock: FixedClock
) -> None:
    _two_cases(tmp_path, clock)
    problems = _refused_bookings(
        tmp_path,
        clock,
        "ZQX-001,2026-12-05,10:00,12:00,Blue Room,supported",
        # Another family arriving in the same minutes: the entrance rule.
        "ZQX-002,2026-12-05,10:00,12:00,Green Room,supported",
    )
    assert problems
    assert {p.line for p in problems} == {3}
    assert any("entrance" in p.reason for p in problems)
    assert Booking.select().count() == 0


def test_a_room_not_in_the_register_is_refused(
    db: DbConfig, tmp_path: Path, clock: FixedClock
) -> None:
    importer.import_cases(write(tmp_path / "c.csv", _csv(SECRET_ROWS)), clock.now())
    problems = _refused_bookings(
        tmp_path,
        clock,
        "ZQX-001,2026-12-05,10:00,12:00,Bleu Room,supported",
        "ZQX-001,2026-12-12,10:00,12:00,Garden Room,supported",
    )
    assert "'Bleu Room' is not a room of the centre" in problems[0].reason
    assert "Garden Room is a waiting area, not a contact room" in problems[1].reason


def test_a_quote_left_open_at_the_end_is_refused_with_its_line(
    db: DbConfig, tmp_path: Path, clock: FixedClock
) -> None:
    # Accepted before: the last field swallowed the rest of its row as a first name.
    text = _csv(SECRET_ROWS) + 'NEW-7,resident,"Ann,Lee,1,a@b,addr,ZZ1,Tom,Org,Ref,r@o\n'
    with pytest.raises(importer.ImportRejected) as refused:
        importer.import_cases(write(tmp_path / "c.csv", text), clock.now())
    assert [str(p) for p in refused.value.problems] == [
        "line 4: not readable as CSV (an unclosed quote or a stray character)"
    ]
    assert Case.select().count() == 0


def test_a_file_that_is_not_utf_8_names_the_line_it_fails_on(
    db: DbConfig, tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(_csv(SECRET_ROWS).encode() + b"NEW-8,resident,Ren\xe9e,,,,,,,,,\n")
    with pytest.raises(importer.ImportRejected) as refused:
        importer.import_cases(path, clock.now())
    (problem,) = refused.value.problems
    assert problem.line == 4 and "UTF-8" in problem.reason


def test_a_pipe_is_refused_not_read_for_ever(
    db: DbConfig, tmp_path: Path, clock: FixedClock
) -> None:
    pipe = tmp_path / "cases.csv"
    os.mkfifo(pipe)
    with pytest.raises(importer.ImportRejected) as refused:
        importer.import_cases(pipe, clock.now())
    assert [str(p) for p in refused.value.problems] == [f"{pipe} is not a file"]


def test_the_kind_of_referrer_is_read_when_the_file_has_the_column(
    db: DbConfig, tmp_path: Path, clock: FixedClock
) -> None:
    header = [*HEADER, "referrer_kind"]
    rows = [SECRET_ROWS[0] + ["solicitor"], SECRET_ROWS[1] + [""]]
    importer.import_cases(write(tmp_path / "c.csv", _csv(rows, header)), clock.now())
    assert Referral.get().kind == "solicitor"


def test_a_file_without_the_kind_of_referrer_leaves_it_unrecorded(
    db: DbConfig, tmp_path: Path, clock: FixedClock
) -> None:
    importer.import_cases(write(tmp_path / "c.csv", _csv(SECRET_ROWS)), clock.now())
    assert Referral.get().kind == ""


def test_an_unknown_kind_of_referrer_rejects_the_file(
    db: DbConfig, tmp_path: Path, clock: FixedClock
) -> None:
    header = [*HEADER, "referrer_kind"]
    rows = [SECRET_ROWS[0] + ["the vicar"], SECRET_ROWS[1] + [""]]
    with pytest.raises(importer.ImportRejected) as err:
        importer.import_cases(write(tmp_path / "c.csv", _csv(rows, header)), clock.now())
    assert str(err.value.problems[0]).startswith("line 2: referrer_kind is one of court,")
    assert _counts() == (0, 0, 0, 0)
