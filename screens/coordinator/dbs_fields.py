"""A DBS certificate's four fields, as the volunteer record and the co-ordinator's own ask them.

Number, issue date, level and Update Service: all the product keeps of a
certificate (kiosk/services/staff/volunteers.py checks them, one rule for both).
"""

from __future__ import annotations

from collections.abc import Iterator

from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select

from kiosk.services.staff.volunteers import DbsData, DbsLevel
from kiosk.services.store.forms import DATE_HINT, Problem, parse_date
from screens.coordinator.admin_form import AdminFormScreen, date_text, form_row
from screens.widgets.marked_toggle import MarkedCheckbox

LEVELS = [
    ("Basic", DbsLevel.BASIC.value),
    ("Standard", DbsLevel.STANDARD.value),
    ("Enhanced", DbsLevel.ENHANCED.value),
    ("Enhanced with barred lists", DbsLevel.ENHANCED_BARRED.value),
]


def dbs_rows(dbs: DbsData) -> Iterator[Widget]:
    """The four labelled rows, filled with dbs."""
    # No cut at 12: a digit too many is refused by name, not silently dropped.
    yield form_row("Certificate no.", Input(dbs.number, max_length=40, id="dbs_number"))
    yield form_row(
        "Issued on",
        Input(date_text(dbs.issued_on), placeholder=DATE_HINT, id="dbs_issued_on"),
    )
    level = dbs.level.value if dbs.level else Select.NULL
    yield form_row("Level", Select(LEVELS, value=level, id="dbs_level"))
    yield form_row(
        "Update Service", MarkedCheckbox("Subscribed", dbs.update_service, id="dbs_update_service")
    )


def read_dbs(screen: AdminFormScreen, problems: list[Problem]) -> DbsData:
    """What the rows hold; a date that is not one adds a problem for its field."""
    level = screen.query_one("#dbs_level", Select).value
    return DbsData(
        number=screen.value_of("dbs_number").strip(),
        issued_on=parse_date(screen.value_of("dbs_issued_on"), "dbs_issued_on", problems),
        level=DbsLevel(str(level)) if level is not Select.NULL else None,
        update_service=screen.query_one("#dbs_update_service", Checkbox).value,
    )
