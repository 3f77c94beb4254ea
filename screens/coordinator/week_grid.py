"""Drawing a week (kiosk/services/diary/week.py) as lines of text: rooms across, hours down.

Each day is a band of half-hour rows from its first arrival to its last
departure; each room a column where a session shows its case, service and
state (a cancelled one marked ✗ and its second row saying "cancelled", as strike
and grey are lost on many terminals); the last column is the entrance, where
every arrival (↓) and departure (↑) window is written at its time, and a window
that meets another family's is marked red with "!". A closed day is shaded. A
helper of the week screen, not a screen: pure functions of the week and the
width, so the benchmark can time them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from rich.text import Text

from kiosk.services.diary.week import Week, WeekDay, WeekSession

SLOT = timedelta(minutes=30)
TIME_W = 6
CLOSED = "white on grey30"
CLASH = "bold white on red3"
STATES = {
    "booked": "white on dark_blue",
    "closed": "white on grey23",
    "cancelled": "grey50 strike",
}
UNDER_WAY = "black on dark_sea_green2"
CANCELLED_MARK = "✗"
ENDED_EARLY = "black on light_goldenrod3"


@dataclass
class Drawn:
    header: Text = field(default_factory=Text)  # the rooms' names, kept above the scrolling days
    lines: list[Text] = field(default_factory=list)
    # Where each session's first row is, so the screen can scroll to it.
    line_of: dict[int, int] = field(default_factory=dict)


def _fit(text: str, width: int, style: str = "") -> Text:
    cell = Text(text[:width].ljust(width), style=style, no_wrap=True)
    return cell


def _style(s: WeekSession) -> str:
    if s.state in STATES:
        return STATES[s.state]
    if s.state in ("no_show", "curtailed", "terminated", "refused_entry"):
        return ENDED_EARLY
    return UNDER_WAY


def _slots(day: WeekDay) -> list[datetime]:
    """Half-hour rows from the day's first arrival to its last departure."""
    first = min(s.arrival.starts for s in day.sessions)
    last = max(s.departure.ends for s in day.sessions)
    at = _slot_of(first)
    slots = []
    while at < last:
        slots.append(at)
        at += SLOT
    return slots


def _room_cell(
    booked: list[WeekSession], at: datetime, width: int, selected: int | None, shade: str
) -> tuple[Text, WeekSession | None]:
    """One room's cell at one half hour; `booked` is the room's sessions that day, the
    cancelled first, so that a live session is drawn over one that held the room before."""
    here = [s for s in booked if s.starts_at < at + SLOT and s.ends_at > at]
    if not here:
        return _fit("", width, shade), None
    s = here[-1]
    row = int((at - _slot_of(s.starts_at)) / SLOT)
    mark = CANCELLED_MARK if s.cancelled else ("!" if s.clashes_with else "")
    words = [s.case_ref, "cancelled" if s.cancelled else s.service, s.outcome]
    text = words[row] if row < len(words) else ""
    if row == 0 and len(mark + text) > width - 1:
        # A narrow column keeps the end of the reference, where references differ.
        text = "…" + text[-(width - 2 - len(mark)) :]
    if row == 0:
        text = mark + text
    style = _style(s) + (" reverse" if s.id == selected else "")
    return _fit(" " + text, width, style), (s if row == 0 else None)


def _entrances(day: WeekDay) -> dict[datetime, Text]:
    """The entrance column's text by half hour: each window once, in the row of its start."""
    cells: dict[datetime, Text] = {}
    for s in day.sessions:
        if s.cancelled:
            continue
        for w, arrow in ((s.arrival, "↓"), (s.departure, "↑")):
            meets = w.kind in s.clashing
            cell = cells.setdefault(_slot_of(w.starts), Text(no_wrap=True))
            cell.append(
                f"{'!' if meets else ''}{arrow}{s.case_ref} {w.starts:%H:%M}",
                style=CLASH if meets else "",
            )
            cell.append(" ")
    return cells


def _slot_of(at: datetime) -> datetime:
    return at.replace(minute=0 if at.minute < 30 else 30, second=0, microsecond=0)


def _day_header(day: WeekDay, today: date, width: int) -> Text:
    title = f"{day.day:%A %d %B %Y}" + ("  (today)" if day.day == today else "")
    if day.closed:
        return _fit(f"{title}  closed: {day.closed}", width, CLOSED + " bold")
    return _fit(title, width, "bold underline")


def draw(week: Week, width: int, today: date, selected: int | None = None) -> Drawn:
    """The week's lines at `width` columns, the selected session shown reversed."""
    entrance_w = max(21, width // 5)
    room_w = max(8, (width - TIME_W - entrance_w) // max(1, len(week.rooms)))
    out = Drawn()
    head = Text(" " * TIME_W, no_wrap=True)
    for room in week.rooms:
        head.append_text(_fit(room, room_w - 1, "bold"))
        head.append(" ")
    head.append_text(_fit("Entrance", entrance_w, "bold"))
    out.header = head
    for day in week.days:
        out.lines.append(_day_header(day, today, width))
        if not day.sessions:
            note = "  closed" if day.closed else "  no sessions"
            out.lines.append(_fit(note, width, CLOSED if day.closed else "grey50"))
            continue
        by_room = {
            room: sorted((s for s in day.sessions if s.room == room), key=lambda s: not s.cancelled)
            for room in week.rooms
        }
        entrances = _entrances(day)
        shade = CLOSED if day.closed else ""
        for at in _slots(day):
            line = Text(f"{at:%H:%M} ", no_wrap=True)
            for room in week.rooms:
                cell, starts = _room_cell(by_room[room], at, room_w - 1, selected, shade)
                if starts is not None:
                    out.line_of[starts.id] = len(out.lines)
                line.append_text(cell)
                line.append(" ")
            entrance = entrances.get(at, Text())
            entrance.truncate(entrance_w, overflow="ellipsis", pad=True)
            line.append_text(entrance)
            out.lines.append(line)
    return out
