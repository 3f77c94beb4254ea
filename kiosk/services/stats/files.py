"""The report as a file that leaves the system: CSV, Markdown or PDF, audited, created new.

Counts and rates only: every cell is one of our own labels, a period or a
figure, so no name, case reference, room or single session's date can be in
it. Small numbers are withheld unless the co-ordinator asked for exact figures,
which the file then says at its top and foot (on every page of a PDF).

A file with small numbers withheld covers whole months that have ended. A
single day's figures are that day's sessions (when a family was in, what
happened); a period reaching into the future counts the sessions still to
come (when a family will next be in); and two from/to periods a day apart
give that day's counts by subtraction. Whole months leave only month against
quarter or year to subtract, and suppress.py withholds the month-by-month
figures with their period's total (docs/DESIGN.md, "Statistics").
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.services.staff.auth import StaffMember
from kiosk.services.stats import report as reports
from kiosk.services.stats import suppress
from kiosk.services.stats.figures import EXACT_NOTE, NONE, NOTES, WITHHELD_NOTE, Line, shown
from kiosk.services.stats.period import Period, day, month_name, whole_months
from kiosk.services.store import audit, private_files, settings
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import writes

FORMATS = ("pdf", "csv", "md")


class StatsRefused(KioskError, ValueError):
    """A report that cannot be written; the message says why in one line."""


@dataclass(frozen=True)
class StatsRequest:
    period: Period
    fmt: str
    # Exact figures for internal use: small numbers are not withheld.
    exact: bool = False
    # The co-ordinator confirmed replacing an existing file of that name.
    replace: bool = False


def format_for(out: Path, asked: str | None) -> str:
    """The format asked for, or the file's ending's; an ending that contradicts it is refused."""
    ending = out.suffix.lower().lstrip(".")
    if asked is None:
        if ending not in FORMATS:
            choices = ".pdf, .csv or .md"
            raise StatsRefused(f"{out.name}: the file's ending chooses the format, {choices}")
        return ending
    if ending in FORMATS and ending != asked:
        raise StatsRefused(f"{out.name} ends in .{ending}, not .{asked} as asked: make them agree")
    return asked


def note(exact: bool) -> str:
    return EXACT_NOTE if exact else WITHHELD_NOTE


def _before_heading(report: reports.Report) -> str:
    return report.earlier.label if report.earlier else "a year earlier"


def _before(line: Line, exact: bool) -> str:
    return shown(line.before, exact=exact) if line.before is not None else NONE


def to_csv(report: reports.Report, exact: bool) -> bytes:
    """One row per figure, then one per month of each trend; utf-8-sig for spreadsheets."""
    buffer = io.StringIO(newline="")
    rows = csv.writer(buffer)
    if exact:
        rows.writerow([EXACT_NOTE])
    rows.writerow(["section", "figure", report.period.label, _before_heading(report)])
    for line in report.lines:
        rows.writerow(
            [line.section, line.label.strip(), shown(line.now, exact=exact), _before(line, exact)]
        )
    rows.writerow(["section", "month", "that month", "the same month a year earlier"])
    for series in report.series:
        for i, month in enumerate(series.months):
            earlier = series.before[i] if series.before else None
            rows.writerow(
                [
                    f"Month by month: {series.name}",
                    month,
                    shown(series.now[i], exact=exact),
                    shown(earlier, exact=exact) if earlier else NONE,
                ]
            )
    rows.writerow([note(exact)])
    return buffer.getvalue().encode("utf-8-sig")


def to_markdown(report: reports.Report, exact: bool) -> bytes:
    out = [f"# {report.centre}: figures for {report.period.label}", ""]
    if exact:
        out += [f"**{EXACT_NOTE}**", ""]
    made = f"{day(report.made_at.date())} {report.made_at:%H:%M}"
    out += [f"Made on {made}. Counts and rates only. {report.begins}.", ""]
    section = ""
    for line in report.lines:
        if line.section != section:
            section = line.section
            out += [
                "",
                f"## {section}",
                "",
                f"| | {report.period.label} | {_before_heading(report)} |",
            ]
            out += ["|---|---:|---:|"]
        label = line.label.strip()
        out.append(f"| {label} | {shown(line.now, exact=exact)} | {_before(line, exact)} |")
    out += [
        "",
        "## Month by month",
        "",
        "| Month | " + " | ".join(s.name for s in report.series) + " |",
    ]
    out.append("|---|" + "---:|" * len(report.series))
    for i, month in enumerate(report.series[0].months):
        cells = [shown(s.now[i], exact=exact) for s in report.series]
        out.append(f"| {month_name(month)} | " + " | ".join(cells) + " |")
    out += ["", *(f"_{line}_\n" for line in (*NOTES, note(exact)))]
    return "\n".join(out).encode("utf-8")


def render(report: reports.Report, fmt: str, exact: bool) -> bytes:
    if not exact:
        report = suppress.released(report)
    if fmt == "csv":
        return to_csv(report, exact)
    if fmt == "md":
        return to_markdown(report, exact)
    # fpdf2 and matplotlib take a second to import: loaded when a PDF is made.
    from kiosk.services.stats import pdf_report

    return pdf_report.to_pdf(report, exact)


def releasable(period: Period, now: datetime) -> None:
    """Refuse a period a file with small numbers withheld may not cover (see the module)."""
    if not whole_months(period):
        field, day = ("from", "first") if period.first.day != 1 else ("until", "last")
        raise StatsRefused(
            f"{field}: a file that leaves the centre covers whole months (give a month's {day}"
            " day), so that no day's sessions can be told apart; --exact for internal use"
        )
    if period.last >= now.date():
        raise StatsRefused(
            "until: a file that leaves the centre covers months that have ended,"
            " so that no session still to come is in it; --exact for internal use"
        )


def export(request: StatsRequest, out: Path, now: datetime, by: StaffMember | None) -> Path:
    """Write the report to a new file and put the export in the audit log, all or nothing.

    The figures are read and drawn first, outside any write lock; a file written
    before the database refused the audit entry, or its commit, is removed.
    """
    if request.fmt not in FORMATS:
        raise StatsRefused(f"format: choose {', '.join(FORMATS)}")
    if not request.exact:
        releasable(request.period, now)
    data = render(reports.build(request.period, now), request.fmt, request.exact)
    with private_files.removed_on_failure() as written:
        return _record(request, out, data, now, by, written)


@writes
def _record(
    request: StatsRequest,
    out: Path,
    data: bytes,
    now: datetime,
    by: StaffMember | None,
    written: list[Path],
) -> Path:
    figures = "exact figures for internal use" if request.exact else "small numbers withheld"
    audit.record(
        "stats_export",
        now,
        detail=f"{request.fmt}, {request.period.label}, {figures}, to {out}",
        actor=by,
        actor_label="" if by else "cli",
    )
    with private_files.refused_as(StatsRefused, str(out)):
        settings.make_export_folder(out)
        private_files.write_new(out, data, replace=request.replace)
    written.append(out)
    return out
