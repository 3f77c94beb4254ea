"""The centre's confidentiality policy: stored, shown, and reviewed yearly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib.resources import files

from kiosk.services.store import audit
from kiosk.services.store.errors import KioskError
from kiosk.services.store.faults import writes
from kiosk.services.store.forms import first_unshowable
from models import Policy

REVIEW_EVERY = timedelta(days=365)


class PolicyRefused(KioskError, ValueError):
    """The policy was not stored; the message says which part is missing."""


@dataclass(frozen=True)
class PolicyView:
    text: str
    reviewed_by: str
    reviewed_on: date | None

    def review_overdue(self, today: date) -> bool:
        """True when the last review is over twelve months old, or never happened."""
        return self.reviewed_on is None or today - self.reviewed_on > REVIEW_EVERY


def default_text() -> str:
    return files("kiosk").joinpath("default_policy.md").read_text(encoding="utf-8")


def current() -> PolicyView:
    """The policy in force: the newest stored one, else the product's default text."""
    row = Policy.select().order_by(Policy.set_at.desc(), Policy.id.desc()).first()
    if row is None:
        return PolicyView(default_text(), "", None)
    return PolicyView(row.text, row.reviewed_by, row.reviewed_on)


@writes
def set_policy(
    text: str, reviewed_by: str, reviewed_on: date, now: datetime, *, actor_label: str = "cli"
) -> PolicyView:
    """Store a reviewed policy and audit the change, in one transaction."""
    if not text.strip():
        raise PolicyRefused("the policy text is empty")
    if not reviewed_by.strip():
        raise PolicyRefused("say who reviewed the policy")
    typed = {"the policy text": text, "who reviewed it": reviewed_by}
    if refusal := first_unshowable(typed, multiline=frozenset({"the policy text"})):
        raise PolicyRefused(refusal)
    if reviewed_on > now.date():
        # A future date would hold off the yearly review reminder for longer.
        raise PolicyRefused(f"the review date {reviewed_on} is in the future")
    Policy.create(text=text, reviewed_by=reviewed_by.strip(), reviewed_on=reviewed_on, set_at=now)
    audit.record("policy_set", now, target="policy", actor_label=actor_label)
    return current()
