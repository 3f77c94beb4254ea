"""`kiosk card`: real files, read back with a standard QR reader and a PDF parser."""

from __future__ import annotations

import io
import stat
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from kiosk.cli import main
from kiosk.services import store
from kiosk.services.cards import tokens as cards
from kiosk.services.cards.render import CardFace, render_png
from kiosk.services.store import settings
from models import AuditEntry, Card, DbConfig, Person, Role
from tests.support.builders import PASSPHRASE, add_person, make_case
from tests.support.cli import opened

NOW = datetime(2026, 11, 21, 9, 0)


@pytest.fixture
def family(db: DbConfig, monkeypatch: pytest.MonkeyPatch) -> DbConfig:
    settings.put("centre_name", "Riverside Child Contact Centre")
    case = make_case("CASE-1", NOW, resident="Rosa", visiting="Victor")
    # Two other named adults share a role: a card must say which one.
    for first in ("Gran", "Grace"):
        add_person(
            case,
            Role.ADULT,
            first,
            NOW,
            last_name="Adultson",
            phone="07700 900555",
            email="adult@example.test",
            address="9 Elder Lane",
            postcode="ZZ9 9ZZ",
        )
    monkeypatch.setenv("KIOSK_PASSPHRASE", PASSPHRASE)
    store.close()
    return db


def _card(db: DbConfig, capsys: pytest.CaptureFixture[str], out: Path, *extra: str) -> str:
    rc = main(["card", "--db", str(db.path), "--case", "CASE-1", *extra, "-o", str(out)])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    code = captured.out.splitlines()[0]
    assert cards.is_well_formed(code)
    return code


def _decoded(path: Path) -> list[str]:
    """What a standard QR reader reads from a card's image."""
    return [r.text for r in zxingcpp.read_barcodes(Image.open(path))]


def _personal_data(db: DbConfig) -> list[str]:
    """Everything about every adult of the case that a card must not carry."""
    with opened(db):
        fields: list[str] = []
        for p in Person.select():
            fields += [p.last_name, p.phone, p.email, p.address, p.postcode]
        return [f for f in fields if f]


def test_png_decodes_to_exactly_the_printed_code(
    family: DbConfig, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "rosa.png"
    code = _card(family, capsys, out, "--role", "resident")
    decoded = _decoded(out)
    assert decoded == [code]


def test_new_card_revokes_the_old_one(
    family: DbConfig, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first = _card(family, capsys, tmp_path / "a.svg", "--role", "visiting")
    second = _card(family, capsys, tmp_path / "b.svg", "--role", "visiting")
    assert first != second
    with opened(family):
        old = Card.get(Card.token_hash == cards.token_hash(first))
        new = Card.get(Card.token_hash == cards.token_hash(second))
        assert old.revoked_at is not None and new.revoked_at is None
        # Only hashes are kept: the raw code is nowhere in the table.
        assert not Card.select().where(Card.token_hash.in_([first, second])).exists()


def test_pdf_has_centre_and_first_name_and_nothing_else_identifying(
    family: DbConfig, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "victor.pdf"
    _card(family, capsys, out, "--role", "visiting")
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Riverside Child Contact Centre" in text
    assert "Victor" in text
    for other in ("Rosa", "Gran", "Grace", "Mia", "CASE-1", *_personal_data(family)):
        assert other not in text


def test_svg_is_valid_xml_with_only_centre_and_first_name(
    family: DbConfig, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "rosa.svg"
    _card(family, capsys, out, "--role", "resident")
    root = ET.parse(out).getroot()
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert " ".join(filter(None, texts)) == "Riverside Child Contact Centre Rosa"
    raw = out.read_text(encoding="utf-8")
    for other in ("Victor", "CASE-1", *_personal_data(family)):
        assert other not in raw


def test_several_adults_of_a_role_need_a_first_name(
    family: DbConfig, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "adult.png"
    rc = main(
        ["card", "--db", str(family.path), "--case", "CASE-1", "--role", "adult", "-o", str(out)]
    )
    err = capsys.readouterr().err
    assert rc == 2 and "--first-name" in err and not out.exists()
    code = _card(family, capsys, out, "--role", "adult", "--first-name", "grace")
    assert _decoded(out) == [code]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--case", "CASE-1", "--role", "resident", "-o", "card.txt"], ".svg, .png or .pdf"),
        (["--case", "NOPE", "--role", "resident", "-o", "card.png"], "no case 'NOPE'"),
        (["--case", "CASE-1", "--role", "adult", "--first-name", "Zed", "-o", "c.png"], "Zed"),
    ],
)
def test_bad_requests_are_one_line_and_issue_nothing(
    family: DbConfig,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    args: list[str],
    message: str,
) -> None:
    args = [*args[:-1], str(tmp_path / args[-1])]
    rc = main(["card", "--db", str(family.path), *args])
    err = capsys.readouterr().err
    assert rc == 2
    assert message in err and len(err.strip().splitlines()) == 1
    with opened(family):
        assert Card.select().count() == 0


def test_unwritable_file_keeps_the_earlier_card(
    family: DbConfig, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first = _card(family, capsys, tmp_path / "ok.png", "--role", "resident")
    missing_dir = tmp_path / "no-such-dir" / "card.png"
    rc = main(
        [
            "card",
            "--db",
            str(family.path),
            "--case",
            "CASE-1",
            "--role",
            "resident",
            "-o",
            str(missing_dir),
        ]
    )
    assert rc == 2 and "cannot write" in capsys.readouterr().err
    with opened(family):
        assert Card.select().count() == 1
        still = Card.get(Card.token_hash == cards.token_hash(first))
        assert still.revoked_at is None


@pytest.mark.parametrize("name", ["Łucja-Zoë", "A" * 40, "[b]Bold[/b] <x>"])
def test_unusual_names_still_decode(name: str) -> None:
    code = cards.new_token()
    png = render_png(CardFace("A Very Long Name For A Child Contact Centre", name, code))
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))] == [code]


def test_cli_card_is_audited_under_the_screens_action_name(
    family: DbConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _card(family, capsys, tmp_path / "card.png", "--role", "resident")
    with opened(family):
        actions = [e.action for e in AuditEntry.select()]
    # The co-ordinator screen logs "issue_card" (kiosk.services.cards.issue).
    assert actions.count("issue_card") == 1
    assert "card_issued" not in actions


def test_no_holder_message_names_the_role_once(
    family: DbConfig, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args = ["--case", "CASE-1", "--role", "adult", "--first-name", "Nobody"]
    rc = main(["card", "--db", str(family.path), *args, "-o", str(tmp_path / "c.png")])
    err = capsys.readouterr().err
    assert rc == 2
    assert "case CASE-1 has no other adult named 'Nobody'" in err
    assert "adult adult" not in err


def test_card_file_from_the_cli_is_0600(
    family: DbConfig,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "card.png"
    _card(family, capsys, out, "--role", "resident")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
