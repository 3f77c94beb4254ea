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


def key_legend(bindings: list[Binding], per_line: int = 6) -> str:
    """Every key of the board on the screen itself: the footer is too narrow for them all."""
    items = [f"{b.key.replace('escape', 'esc')} {b.description.lower()}" for b in bindings]
    lines = [items[i : i + per_line] for i in range(0, len(items), per_line)]
    return "\n".join("  ·  ".join(line) for line in lines)


def party_cell(party: PartyStatus | None) -> Text:
    if party is None:
        return Text("—")
    name = f"{party.first_name}{' (1st)' if party.first else ''}"
    if party.status == "in" and party.in_at:
        status = f"in {party.in_at:%H:%M}"
    elif party.status == "out" and party.out_at:
        status = f"out {party.out_at:%H:%M}"
    else:
        status = "not in"
    line2 = f"{status} {party.note}".strip()
    style = "bold red" if party.note.startswith(("late", "hold")) else ""
    text = Text(name + "\n")
    text.append(line2, style=style)
    return text


def row_cells(row: BoardRow) -> list[Text]:
    times = Text(f"{row.starts_at:%H:%M}\n{row.ends_at:%H:%M}")
    if row.masked:
        masked = Text("masked", style="dim")
        return [times, Text(row.room), Text(row.case_ref, style="dim italic"), masked, masked]
    by_role = {p.role: p for p in row.parties}
    case = Text(row.case_ref + "\n")
    case.append(row.risk_flag, style="bold red")
    state = Text(STATE_LABELS.get(row.state, row.state))
    if row.alerts:
        state.append(f"\n{len(row.alerts)} alert{'s' if len(row.alerts) > 1 else ''}", "reverse")
    return [
        times,
        Text(row.room),
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
