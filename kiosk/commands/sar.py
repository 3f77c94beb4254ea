"""`kiosk sar`: a subject access export for one adult, logged as a disclosure.

`--preview` lists every redaction with the released text around it, the
redacted words themselves shown only as their kind ("[name]"), then every
free-text value as it will be released, and a digest of that text; it writes
and logs nothing. The files are made only with `--previewed DIGEST` (refused
if the records changed since) or `--without-preview`, which the disclosure log
records. `--redact` adds the co-ordinator's own terms.
"""

from __future__ import annotations

import argparse

from kiosk.clock import SystemClock
from kiosk.commands.common import (
    add_command,
    adult_arguments,
    opened,
    output_argument,
    whole_number,
)
from kiosk.services.release import subject_access
from kiosk.services.release.redaction import Redaction, summary
from kiosk.services.store.printable import escaped


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        sub, "sar", "subject access: everything held about one adult, other adults redacted", run
    )
    adult_arguments(p, "whose records they are")
    p.add_argument(
        "--person",
        # A row id: past SQLite's 64-bit integers the query itself would fail.
        type=whole_number(1, 2**63 - 1),
        metavar="ID",
        help="which adult, when the case has several with that role",
    )
    output_argument(p, "FOLDER", "folder for the JSON and PDF (created if missing)")
    p.add_argument("--force", action="store_true", help="replace the files if they exist")
    p.add_argument(
        "--redact",
        action="append",
        default=[],
        metavar="TERM",
        help="also redact this word or phrase wherever it stands (may be given again)",
    )
    p.add_argument(
        "--preview",
        action="store_true",
        help="list every redaction in context (the redacted words masked) and every "
        "free-text value released, and print the digest to make the files with; write nothing",
    )
    p.add_argument(
        "--previewed",
        metavar="DIGEST",
        help="make the files as previewed (the digest --preview printed); refused if changed",
    )
    p.add_argument(
        "--without-preview",
        action="store_true",
        help="make the files unseen (the disclosure log says they were not previewed)",
    )


def masked(r: Redaction) -> str:
    """One redaction for a terminal: where, what kind, and the released text around it."""
    # Stored text may be old data holding a terminal's escapes: shown, never obeyed.
    return escaped(
        f"  {r.where} ({r.kind}): " + " ".join(p for p in (r.before, f"[{r.kind}]", r.after) if p)
    )


def run(args: argparse.Namespace) -> int:
    now = SystemClock().now()
    with opened(args):
        if args.preview:
            seen = subject_access.preview(args.case, args.role, now, args.person, added=args.redact)
            print(f"Would redact: {seen.summary}.")
            for r in seen.redactions:
                print(masked(r))
            print("Would release:")
            for v in seen.values:
                print(escaped(f"  {v.where}: {v.text}"))
            print(f"Previewed: {seen.digest} (make the files with --previewed {seen.digest})")
            return 0
        if not (args.previewed or args.without_preview):
            raise subject_access.SubjectAccessRefused(
                "preview first (--preview), then make the files with --previewed DIGEST "
                "(or --without-preview)"
            )
        result = subject_access.export(
            args.case,
            args.role,
            args.output,
            now,
            None,
            person_id=args.person,
            replace=args.force,
            added=args.redact,
            previewed=args.previewed,
        )
    print(
        f"Wrote {result.json_path} and {result.pdf_path}; "
        f"{summary(result.redactions)}; "
        f"logged as disclosure {result.disclosure_id}."
    )
    return 0
