"""What a scan means to the person who scanned: decided from their own view only.

The separation rule (DESIGN.md section 1) is structural here. `OwnView` holds
one person's own booking, their own attendance and their own case settings;
nothing in it describes the other party. `decide` and `parent_message` take an
OwnView and the time and nothing else, so what the kiosk tells a parent cannot
depend on what the other party is doing. What the other party is doing goes to
the door console only (see door_side.py).

No database access here: these are pure functions, tested exhaustively.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from models import Role

IN, OUT = "in", "out"


class Outcome(StrEnum):
    CHECKED_IN = "checked_in"
    # Checked in before their own time: told to wait in their own waiting area.
    EARLY = "early"
    CHECKED_OUT = "checked_out"
    # The first party asked to leave during the departure hold: not recorded.
    HOLD = "hold"
    # The same card again within the duplicate window: nothing changes.
    DUPLICATE = "duplicate"
    SPEAK_TO_VOLUNTEER = "speak_to_volunteer"
    NOT_A_CARD = "not_a_card"


class Party(StrEnum):
    """A person's place in the session timeline (DESIGN.md section 2)."""

    FIRST = "first"
    SECOND = "second"
    # Other named adults follow no timeline of their own; a volunteer meets them.
    ADULT = "adult"


@dataclass(frozen=True)
class OwnEvent:
    kind: str
    at: datetime


@dataclass(frozen=True)
class OwnView:
    """One person, their own booking today and their own attendance on it."""

    first_name: str
    role: Role
    party: Party
    room: str
    starts_at: datetime
    ends_at: datetime
    arrival_gap: timedelta
    departure_hold: timedelta
    waiting_area: str
    events: tuple[OwnEvent, ...]
    # The booking took a side exit (cancelled, no-show, ended early): a volunteer's
    # act about the whole session, so the booking's own state, not the other party's.
    side_exit: bool = False

    @property
    def expected_at(self) -> datetime:
        """When this person is due: the first party G minutes before the start."""
        if self.party is Party.FIRST:
            return self.starts_at - self.arrival_gap
        return self.starts_at

    @property
    def may_leave_from(self) -> datetime | None:
        """The first party's own earliest departure, E + H; None for everyone else."""
        return self.ends_at + self.departure_hold if self.party is Party.FIRST else None

    @property
    def last(self) -> OwnEvent | None:
        return self.events[-1] if self.events else None

    @property
    def is_in(self) -> bool:
        return self.last is not None and self.last.kind == IN


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    # "in" or "out" to record, None when nothing is recorded.
    record: str | None
    # For EARLY and HOLD: the person's own time to wait for.
    until: datetime | None
    # Console-facing: why, in a volunteer's words.
    reason: str


@dataclass(frozen=True)
class ParentMessage:
    """What the parent screen shows. Plain text: never parsed as markup."""

    headline: str
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join((self.headline, *self.lines))


def decide(view: OwnView, now: datetime, duplicate_window: timedelta) -> Decision:
    last = view.last
    if last is not None and timedelta(0) <= now - last.at < duplicate_window:
        return Decision(Outcome.DUPLICATE, None, None, f"repeat scan (last {last.kind})")
    if view.is_in:
        return _leaving(view, now)
    if view.side_exit:
        # The session is over for anyone not in: only a volunteer can say what next.
        return Decision(Outcome.SPEAK_TO_VOLUNTEER, None, None, "the session has been called off")
    if now >= view.ends_at:
        # Leaving after the end is normal (the first party's hold runs past
        # it); arriving after it is not: the room is someone else's by now.
        reason = (
            "scanned in again after leaving, and the session has ended"
            if last is not None
            else f"scanned in after the session ended at {_hm(view.ends_at)}"
        )
        return Decision(Outcome.SPEAK_TO_VOLUNTEER, None, None, reason)
    if view.party is not Party.ADULT and now < view.expected_at:
        return Decision(
            Outcome.EARLY, IN, view.expected_at, f"early: due at {_hm(view.expected_at)}"
        )
    return Decision(Outcome.CHECKED_IN, IN, None, "checked in")


def _leaving(view: OwnView, now: datetime) -> Decision:
    if view.side_exit:
        # The session is over: no hold to the scheduled end. The door's half still
        # alerts when the other party is in, and "a volunteer will see you out".
        return Decision(
            Outcome.CHECKED_OUT, OUT, None, "checked out after the session was called off"
        )
    free_at = view.may_leave_from
    if free_at is not None and now < free_at:
        # Refused, not recorded: the attendance log (what referrers receive)
        # must say when a person really left, and this one has been asked to stay.
        return Decision(
            Outcome.HOLD, None, free_at, f"asked to leave during the hold (until {_hm(free_at)})"
        )
    return Decision(Outcome.CHECKED_OUT, OUT, None, "checked out")


def _hm(at: datetime) -> str:
    return at.strftime("%H:%M")


def parent_message(view: OwnView, decision: Decision, now: datetime) -> ParentMessage:
    """The words for the parent: from their own view, the decision and the time only."""
    name, t = view.first_name, _hm(now)
    outcome = decision.outcome
    if outcome is Outcome.CHECKED_IN:
        return ParentMessage(f"Welcome, {name}", (f"You are checked in at {t}.", _where(view)))
    if outcome is Outcome.EARLY:
        until = _hm(decision.until or view.expected_at)
        return ParentMessage(
            f"Welcome, {name}",
            (
                f"You are checked in at {t}.",
                f"You are early: please wait in the {view.waiting_area} until {until}.",
            ),
        )
    if outcome is Outcome.CHECKED_OUT:
        return ParentMessage(f"Goodbye, {name}", (f"You are checked out at {t}.", _bye(view, now)))
    if outcome is Outcome.HOLD and now < view.ends_at:
        # Their own session has not ended: the wait is in the contact room, not elsewhere.
        return ParentMessage(
            f"Please wait, {name}",
            (
                f"Your session is still running, until {_hm(view.ends_at)}.",
                "If you must leave early, a volunteer can help.",
            ),
        )
    if outcome is Outcome.HOLD:
        until = _hm(decision.until or view.ends_at)
        return ParentMessage(
            f"Please wait, {name}",
            (
                "You are still checked in.",
                f"You may leave from {until}. Please wait in the {view.waiting_area};"
                " a volunteer will see you out.",
            ),
        )
    if outcome is Outcome.DUPLICATE and view.last is not None:
        state = "in" if view.is_in else "out"
        return ParentMessage(
            f"Thank you, {name}",
            (f"Your card was already read at {_hm(view.last.at)}.", f"You are checked {state}."),
        )
    return speak_to_volunteer()


def _where(view: OwnView) -> str:
    if view.party is Party.ADULT:
        return "Please wait here: a volunteer will come to you."
    if view.role is Role.VISITING:
        return f"Please go to the {view.room}."
    return f"Please wait in the {view.waiting_area}: a volunteer will come to you."


def _bye(view: OwnView, now: datetime) -> str:
    if view.party is Party.FIRST:
        # Always said, so a volunteer may hold anyone at the door without the
        # words on screen hinting why.
        return "A volunteer will see you out."
    if view.role is Role.RESIDENT and now < view.ends_at and not view.side_exit:
        return f"If you are coming back, please be here by {_hm(view.ends_at)}."
    return "Thank you for coming."


def speak_to_volunteer() -> ParentMessage:
    """Neutral: says nothing about why, which is for the door console."""
    return ParentMessage("Please speak to a volunteer", ("A volunteer at the door will help you.",))


def not_a_card() -> ParentMessage:
    return ParentMessage(
        "Sorry, that card could not be read", ("Please try again, or speak to a volunteer.",)
    )
