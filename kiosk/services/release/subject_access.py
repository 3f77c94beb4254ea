"""Subject access: everything held about one person, with every other adult redacted.

What is gathered, and how the other adults are kept out of it, is in
subject_access_held.py and redaction.py. Before the files are written the
co-ordinator previews every redaction in context and every free-text value
released, and may add terms; the export is given the preview's digest of the
released text and refuses when the records changed since (without one, the
log says the files were not previewed). The files and the disclosure log are
made in one write transaction, the log counting the redactions of each kind,
never what they said.

Safeguarding records (risk notes, court-order details, incidents and
disclosures) are not released by this route: the co-ordinator reviews them
first, and the export says so.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.services.cases.records import role_noun
from kiosk.services.release import disclosures
from kiosk.services.release.redaction import Redaction, Released, summary
from kiosk.services.release.subject_access_held import gather
from kiosk.services.staff.auth import StaffMember
from kiosk.services.store import private_files
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import reads, writes
from kiosk.services.store.forms import UNSHOWABLE, unshowable
from models import Case, Person, Role

# Whose information may be asked for: the screens offer these.
ROLES = tuple(r.value for r in Role)


class SubjectAccessRefused(KioskError, ValueError):
    """A request that cannot be answered as asked; the message says why in one line."""


@dataclass(frozen=True)
class SubjectAccessResult:
    json_path: Path
    pdf_path: Path
    person_id: int
    disclosure_id: int
    redactions: tuple[Redaction, ...]


@dataclass(frozen=True)
class Preview:
    """Every free-text value the files would release, and every redaction in them, before
    they are written; `digest` ties the export to what was seen."""

    person_id: int
    redactions: tuple[Redaction, ...]
    values: tuple[Released, ...]
    digest: str

    @property
    def summary(self) -> str:
        return summary(self.redactions)


def digest_of(person_id: int, held: dict[str, Any]) -> str:
    """A short digest of everything released for one person (but the moment it is made):
    a note, a child, the reference or the subject's own record added or changed since the
    preview gives another."""
    content = {k: v for k, v in held.items() if k != "made on"}
    seen = json.dumps([person_id, content], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(seen.encode("utf-8")).hexdigest()[:16]


def added_terms(terms: Iterable[str]) -> tuple[str, ...]:
    """The co-ordinator's own terms to redact, checked like every text a person types."""
    kept = tuple(t.strip() for t in terms if t.strip())
    if any(unshowable(t) for t in kept):
        raise SubjectAccessRefused(f"a term to redact {UNSHOWABLE}")
    return kept


@reads
def preview(
    case_ref: str,
    role: str,
    now: datetime,
    person_id: int | None = None,
    *,
    added: Iterable[str] = (),
) -> Preview:
    """What export would redact, without writing or logging anything."""
    subject = find_subject(case_ref, role, person_id)
    held, redactor = gather(subject, now, added_terms(added))
    values = tuple(redactor.released)
    return Preview(subject.id, tuple(redactor.redactions), values, digest_of(subject.id, held))


def find_subject(case_ref: str, role: str, person_id: int | None = None) -> Person:
    case = Case.get_or_none(Case.ref == case_ref.strip())
    if case is None:
        raise SubjectAccessRefused(f"no case {case_ref.strip()!r}")
    if role not in ROLES:
        raise SubjectAccessRefused(f"unknown role {role!r} (resident, visiting or adult)")
    people = list(
        Person.select().where(Person.case == case, Person.role == role).order_by(Person.id)
    )
    if person_id is not None:
        people = [p for p in people if p.id == person_id]
    if not people:
        raise SubjectAccessRefused(f"case {case.ref} has no {role_noun(role)} with that id")
    if len(people) > 1:
        ids = ", ".join(str(p.id) for p in people)
        raise SubjectAccessRefused(
            f"case {case.ref} has several {role_noun(role)}s: choose one (ids {ids})"
        )
    return people[0]


def _write_both(
    folder: Path, files: list[tuple[Path, bytes]], replace: bool, written: list[Path]
) -> None:
    """Both files or neither: a refusal of the second removes the first."""
    # What was written is removed by the caller's removed_on_failure if anything fails.
    with private_files.refused_as(SubjectAccessRefused, f"into {folder}"):
        private_files.make_folder(folder)
        # Both refused or both written: nothing is replaced until both may be.
        for path, _ in files:
            private_files.check_target(path, replace=replace)
        for path, data in files:
            written.append(private_files.write_new(path, data, replace=replace))


def export(
    case_ref: str,
    role: str,
    folder: Path,
    now: datetime,
    by: StaffMember | None,
    person_id: int | None = None,
    *,
    replace: bool = False,
    added: Iterable[str] = (),
    previewed: str | None = None,
) -> SubjectAccessResult:
    """Write the JSON and PDF into folder and log the disclosure, all or nothing.

    `added` are the co-ordinator's own terms to redact, as previewed;
    `previewed` is the preview's digest, and the files are refused if what they
    would release is not what was previewed. Without it the disclosure log says
    the files were not previewed. Files written before the database refused
    the log, or its commit, are removed.
    """
    terms = added_terms(added)
    with private_files.removed_on_failure() as written:
        return _export(
            case_ref, role, folder, now, by, person_id, replace, (terms, previewed), written
        )


@writes
def _export(
    case_ref: str,
    role: str,
    folder: Path,
    now: datetime,
    by: StaffMember | None,
    person_id: int | None,
    replace: bool,
    asked: tuple[tuple[str, ...], str | None],
    written: list[Path],
) -> SubjectAccessResult:
    # Gathered and logged under one write lock: what is logged is what the files hold.
    added, previewed = asked
    subject = find_subject(case_ref, role, person_id)
    held, redactor = gather(subject, now, added)
    if previewed is not None and previewed != digest_of(subject.id, held):
        raise SubjectAccessRefused(
            "the records changed since the preview: preview again before making the files"
        )
    redactions = tuple(redactor.redactions)
    # Named by the case's number, not its reference: a reference may spell a name or postcode.
    stem = f"subject-access-case{subject.case.id}-{subject.role}-{subject.id}"
    json_path, pdf_path = folder / f"{stem}.json", folder / f"{stem}.pdf"
    data_json = json.dumps(held, indent=2, ensure_ascii=False).encode("utf-8")
    # fpdf2 is slow to import: loaded when a PDF is made, not at start-up.
    from kiosk.services.release.subject_access_pdf import render_pdf

    data_pdf = render_pdf(held)
    disclosure_id = disclosures.log(
        disclosures.Kind.SUBJECT_ACCESS,
        recipient=f"the data subject (person:{subject.id}, {subject.role})",
        case=subject.case,
        # How many of each kind, never what they said.
        what="everything held about the subject (JSON and PDF), other adults redacted; "
        + summary(redactions)
        + ("" if previewed else "; not previewed"),
        at=now,
        now=now,
        by=by,
    )
    # Written last, inside the transaction: if a file cannot be written, nothing is logged.
    _write_both(folder, [(json_path, data_json), (pdf_path, data_pdf)], replace, written)
    return SubjectAccessResult(json_path, pdf_path, subject.id, disclosure_id, redactions)
