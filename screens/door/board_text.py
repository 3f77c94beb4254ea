"""What the door console shows of a board row, and its key legend, as plain text.

Pure functions of the board's dataclasses: the console screen puts them on
the screen, so they are kept apart from its reading and acting.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from kiosk.services.door.board import BoardRow, PartyStatus

STATE_LABELS = {
    "booked": "booked",
    "first_in": "first in",
    "both_in": "both in",
    "in_contact": "in contact",
    "children_returned": "returned",
    "second_out": "second out",
    "closed": "closed",
    "cancelled": "cancelled",
    "no_show": "no-show",
    "curtailed": "curtailed",
    "terminated": "terminated",
    "refused_entry": "refused",
}

# How the header names the signed-in person's role, spelt as everywhere else.
ROLE_NAMES = {"volunteer": "volunteer", "coordinator": "co-ordinator"}


def role_name(role: str) -> str:
    return ROLE_NAMES.get(role, role)


# The State column's width: its longest label, or "9 alerts" under it.
STATE_WIDTH = max(len(label) for label in (*STATE_LABELS.values(), "9 alerts"))

LEGEND_GAP = "  ·  "


def key_legend(bindings: list[Binding], width: int) -> str:
    """Every key of the board, in lines no wider than `width`, never breaking a key's words.

    Textual's footer shows one line and scrolls the rest out of sight; at 80
    columns half the door's keys would never be seen.
    """
    items = [f"{b.key.replace('escape', 'esc')} {b.description.lower()}" for b in bindings]
    lines: list[str] = []
    for item in items:
        joined = f"{lines[-1]}{LEGEND_GAP}{item}" if lines else item
        if lines and len(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(item)
    return "\n".join(lines)


def session_label(row: BoardRow) -> str:
    """The session a dialog or a refusal is about, as the board shows it (masking kept)."""
    label = f"{row.starts_at:%H:%M}-{row.ends_at:%H:%M} {row.room}, {row.case_ref}"
    if row.children and not row.masked:
        label += f" ({', '.join(row.children)})"
    return label


def party_cell(party: PartyStatus | None) -> Text:
    if party is None:
        return Text("—")
    name = f"{party.first_name}{' (1st)' if party.first else ''}"
    if party.status == "in" and party.in_at:
        status = f"in {party.in_at:%H:%M}"
    elif party.status == "out" and party.out_at:
        status = f"out {party.out_at:%H:%M}"
    else:
        # "late 5m" and "due in 10m" say it already: the column stays narrow enough for 80.
        status = "" if party.note else "not in"
    line2 = f"{status} {party.note}".strip()
    style = "bold red" if party.note.startswith(("late", "hold")) else ""
    text = Text(name + "\n")
    text.append(line2, style=style)
    return text


def row_cells(row: BoardRow) -> list[Text]:
    # Time and room share a column: with a column each the state was cut at 80 columns.
    session = Text(f"{row.starts_at:%H:%M}-{row.ends_at:%H:%M}\n{row.room}")
    if row.masked:
        masked = Text("masked", style="dim")
        return [session, Text(row.case_ref, style="dim italic"), masked, masked, Text("")]
    by_role = {p.role: p for p in row.parties}
    case = Text(row.case_ref + "\n")
    case.append(row.risk_flag, style="bold red")
    state = Text(STATE_LABELS.get(row.state, row.state))
    if row.alerts:
        state.append(f"\n{len(row.alerts)} alert{'s' if len(row.alerts) > 1 else ''}", "reverse")
    return [
        session,
        case,
        party_cell(by_role.get("resident")),
        party_cell(by_role.get("visiting")),
        state,
    ]


def detail_text(row: BoardRow | None) -> str:
    if row is None:
        return "No bookings today."
    if row.masked:
        return "You have declared that you know this family: another volunteer looks after it."
    parts = [f"Children: {', '.join(row.children) or 'none'}"]
    adults = [p for p in row.parties if p.role == "adult"]
    if adults:
        parts.append("Other adults: " + ", ".join(f"{p.first_name} ({p.status})" for p in adults))
    if row.handed_over_at:
        parts.append(f"handed over {row.handed_over_at:%H:%M}")
    if row.returned_at:
        parts.append(f"returned {row.returned_at:%H:%M}")
    lines = [" · ".join(parts)]
    if row.emergency_phone:
        lines.append(f"Resident stepped out. Emergency phone: {row.emergency_phone}")
    return "\n".join(lines)
