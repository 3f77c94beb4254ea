"""A card scanned while the door console is open at the kiosk: a scan, never console keys.

On the kiosk the console and the parent screen share one keyboard, and so the
scanner. A keyboard-wedge scanner types its code and Enter a few milliseconds a
key apart; the console's keys are single letters, and a code read in lower case
(Caps Lock, or a scanner set so) would act as them: its first "c" opened the
Cancel dialog and the rest of the code went into the dialog.

So the console holds back each printable key until it knows the key is not the
start of a burst. Keys closer together than a person types (BURST_GAP) are one
burst; a burst ended by Enter is a scan; a key with no other within
HOLD_SECONDS is a person's, and acts then. A burst with no Enter is neither and
is dropped. A door dialog on the kiosk sees its keys the same way (DialogKeys),
before its fields do, except that what is not a scan is typed into the field.
The gaps are measured between the times the keys were read from the terminal
(each event's own time), so a busy moment on the kiosk, which delays their
handling, does not make a scanner's keys look like a person's.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Checkbox, RadioButton, RadioSet

from kiosk.services.scan.own_view import clean_scan
from screens.parent.idle import IdleScreen
from screens.widgets.inactivity import Inactivity
from screens.widgets.late_keys import pass_on_if_closed

# A scanner's keys come 1 to 20 ms apart; a person's, one key at a time, 100 ms or more.
BURST_GAP = 0.05
# How long a person's key waits before it acts: above the gap, so a key of a burst
# that the kiosk was slow to handle still arrives before the first one is let go.
HOLD_SECONDS = 0.1
DROPPED = "Keys came faster than anyone types, with no Enter: they were ignored."
CARD_AT_THE_DOOR = "A card was read here: cards are scanned at the kiosk. Nothing was recorded."


@dataclass(frozen=True)
class Verdict:
    """What to do now about the keys held so far and the one just read."""

    # A person's key, held until now: act on it.
    act: str | None = None
    # A burst ended by Enter: what was scanned, as typed.
    scan: str | None = None
    # Several keys too close for a person, with no Enter: neither a scan nor keys.
    dropped: bool = False
    # The key just read belongs to the burst: the console must not see it.
    taken: bool = False
    # The keys let go (act) or dropped, with their characters: a dialog types them.
    held: tuple[tuple[str, str], ...] = field(default=(), compare=False)


class KeyBurst:
    """Tells a scanner's keys from a person's by the time between them; no clock of its own."""

    def __init__(self, gap: float = BURST_GAP) -> None:
        self.gap = gap
        self._keys: list[str] = []
        self._chars: list[str] = []
        self._last = 0.0

    @property
    def holding(self) -> bool:
        return bool(self._keys)

    def key(self, key: str, character: str | None, at: float) -> Verdict:
        """A key read `at` (seconds, the same clock for every key)."""
        close = self.holding and at - self._last <= self.gap
        if key == "enter":
            if not close:
                return self.settle()  # a person's Enter, after whatever was held
            scanned = "".join(self._chars)
            self._forget()
            return Verdict(scan=scanned, taken=True)
        if character is None or not character.isprintable():
            return self.settle()  # arrows, Tab, Escape: a person's; a scanner sends none
        before = Verdict() if close else self.settle()
        self._keys.append(key)
        self._chars.append(character)
        self._last = at
        return replace(before, taken=True)

    def settle(self) -> Verdict:
        """No key came within the gap: one key held is a person's; more are dropped."""
        keys, held = self._keys, tuple(zip(self._keys, self._chars, strict=True))
        self._forget()
        if len(keys) == 1:
            return Verdict(act=keys[0], held=held)
        return Verdict(dropped=len(keys) > 1, held=held)

    def _forget(self) -> None:
        self._keys, self._chars = [], []


class ScannerKeys:
    """A screen's keys, with a burst taken as a scan and a person's key let through late.

    The screen passes on each key it is given (its `on_key`); a person's key, once
    known not to start a burst, runs the screen's binding for it.
    """

    def __init__(self, screen: Screen[Any]) -> None:
        self.screen = screen
        self.burst = KeyBurst()
        self._quiet = Inactivity(screen, HOLD_SECONDS, self._settled)

    @property
    def holding(self) -> bool:
        return self.burst.holding

    def on_key(self, event: events.Key) -> bool:
        """True when the key was taken: held back, the Enter of a scan, or passed on."""
        if pass_on_if_closed(self.screen, event):
            return True  # read before a scan handed the kiosk to the parent screen
        verdict = self.burst.key(event.key, event.character, event.time)
        if verdict.taken:
            event.stop()
            event.prevent_default()
            if self.burst.holding:
                self._quiet.touch()
        self._apply(verdict)
        return verdict.taken

    def _settled(self) -> None:
        self._apply(self.burst.settle())

    def _apply(self, verdict: Verdict) -> None:
        if verdict.held:
            self._let_go(verdict)
        if verdict.scan is not None:
            self.scanned(verdict.scan)

    def _let_go(self, verdict: Verdict) -> None:
        """Keys that were not a scan: a person's key runs its binding; a burst is dropped."""
        if verdict.act is not None:
            self._act(verdict.act)
        if verdict.dropped:
            self.screen.notify(DROPPED, severity="warning")

    def _act(self, key: str) -> None:
        for binding in self.screen.BINDINGS:
            if isinstance(binding, Binding) and binding.key == key:
                self.screen.call_later(self.screen.run_action, binding.action)

    def scanned(self, typed: str) -> None:
        """Lock the console, then answer the parent exactly as the parent screen would."""
        app = self.screen.app
        parent = next((s for s in app.screen_stack if isinstance(s, IdleScreen)), None)
        if parent is None:
            # `kiosk door` on its own terminal: no parent to answer, and nothing is acted on.
            self.screen.notify(CARD_AT_THE_DOOR, severity="warning")
            return
        # Signed out first: the staff screens and their messages go before the answer shows.
        app.action_sign_out()  # type: ignore[attr-defined]
        code = clean_scan(typed)
        if code:
            parent.scanned(code)


class DialogKeys(ScannerKeys):
    """A door dialog's keys, seen by the app before the dialog's fields see them.

    A card read into a dialog is a scan, as on the console. Anything else is
    typed into the focused field, as it came: in a dialog a fast burst with no
    Enter is more likely a quick typist than a scanner, and dropping it would
    lose what they typed.

    Space on a checkbox or button is let through at once: a held key is forwarded
    as typing, which only a text field takes, so Space never ticked a box. No
    card's code has a space in it, so this lets no scan through.
    """

    def on_key(self, event: events.Key) -> bool:
        # Space on a focused checkbox or radio set toggles it (its binding, which a key
        # forwarded late would not reach). A scanner's codes have no spaces, and one
        # inside a burst still goes with the burst.
        if event.key == "space" and not self.holding and _toggles(self.screen.app.focused):
            return False
        return super().on_key(event)

    def _let_go(self, verdict: Verdict) -> None:
        target = self.screen.app.focused or self.screen
        for key, character in verdict.held:
            # Forwarded, as the app forwards a key: it does not come back here.
            target._forward_event(events.Key(key, character))


def _toggles(widget: Widget | None) -> bool:
    """A checkbox, a radio button or a radio set: space chooses, it types nothing."""
    return isinstance(widget, Checkbox | RadioButton | RadioSet)
