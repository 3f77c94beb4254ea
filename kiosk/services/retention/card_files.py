"""The card files of the people a purge destroys: they go with their records.

A card file (`card-<id>.<ext>` in the card folder) holds a first name and a
code that no longer means anything, but it is personal data all the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.services.store import card_files
from models import Card, Person


@dataclass(frozen=True)
class Removed:
    files: int
    # Files that could not be deleted (permissions, a read-only disk): named by count only.
    left: int


def of_cases(case_ids: list[int]) -> list[int]:
    """Every card, revoked or not, of everyone in these cases: read before they are deleted."""
    people = Person.select(Person.id).where(Person.case.in_(case_ids))
    return [c.id for c in Card.select(Card.id).where(Card.person.in_(people))]


def remove(card_ids: list[int]) -> Removed:
    """Delete the cards' files from the card folder; one that cannot go is counted, not fatal.

    Called after the records are destroyed: a file error must not stop the scrub.
    """
    folder = card_files.export_folder()
    removed = left = 0
    for card_id in card_ids:
        try:
            removed += card_files.remove(folder, [card_id])
        except OSError:
            left += len(card_files.files(folder, card_id))
    return Removed(removed, left)
