"""Starting the kiosk loads nothing that only staff, printing or records need.

The parent screen must be ready fast (bench/startup.py: spawn to the idle
screen drawn within 1.5 s). kiosk/app.py defers on purpose: the door console
(screens.door, loaded at a volunteer's sign-in) and the co-ordinator's menu
and tools (screens.coordinator.menu and what it opens, with the PDF and image
libraries, loaded at the co-ordinator's sign-in). Each test starts a new
Python process, brings the real KioskApp up headless on a new database until
its idle screen is composed, and reads sys.modules.

Loaded on purpose at start: kiosk.services.release.policy (the parent's `?`
overlay), kiosk.services.attendance.alerts and kiosk.services.cards.tokens (a
scan raises alerts and reads cards).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.support.cli import ROOT

# Never loaded before the parent screen is up (a name and everything under it).
DEFERRED = (
    # PDF and imaging libraries, and the loader that defers fpdf2's own imports.
    "fpdf",
    "kiosk.fpdf_loader",
    # The bank holidays, for booking checks, closed days and the week.
    "holidays",
    "PIL",
    "qrcode",
    "pypdf",
    # The statistics' charts: matplotlib for the PDF, plotext for the co-ordinator's screen.
    "matplotlib",
    "plotext",
    "textual_plotext",
    # The confidentiality policy's overlay and its Markdown reader: loaded at the first `?`.
    "screens.parent.policy",
    "markdown_it",
    # The door console, its app and its services.
    "screens.door",
    "kiosk.door_app",
    "kiosk.services.door",
    # The co-ordinator's home, its reminders, the menu and every screen it opens.
    "screens.coordinator",
    "kiosk.services.home",
    "kiosk.services.retention",
    "kiosk.services.safeguarding",
    # Records work: exports, disclosures, subject access, backups, cards, imports, the demo.
    "kiosk.services.release.accident_book",
    "kiosk.services.release.accident_export",
    "kiosk.services.release.audit_query",
    "kiosk.services.release.disclosures",
    "kiosk.services.release.exports",
    "kiosk.services.release.pdf",
    "kiosk.services.release.subject_access",
    "kiosk.services.release.subject_access_held",
    "kiosk.services.release.subject_access_pdf",
    "kiosk.services.stats",
    # Subject access's redaction and the phone-number and confusables data it reads.
    "kiosk.services.release.redaction",
    "kiosk.services.release.identifiers",
    "kiosk.services.release.folding",
    "kiosk.services.release.finders",
    "phonenumbers",
    "confusable_homoglyphs",
    "kiosk.services.cards.issue",
    "kiosk.services.cards.render",
    "kiosk.services.cases.importer",
    "kiosk.services.demo",
    # The camera: OpenCV, the QR reader and numpy load only with `--camera`.
    "kiosk.camera",
    "kiosk.camera_link",
    "cv2",
    "zxingcpp",
    "numpy",
)

PROBE = """
import asyncio, json, sys
from datetime import datetime
from pathlib import Path

{imports}
import kiosk.app
import screens.parent.idle
from kiosk.clock import FixedClock
from kiosk.services import store
from models import DbConfig

store.create(DbConfig(Path(sys.argv[1]), "hygiene passphrase", 1000))
app = kiosk.app.KioskApp(FixedClock(datetime(2026, 11, 21, 9, 0)))


async def up() -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        while not isinstance(app.screen, screens.parent.idle.IdleScreen):
            await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#headline") is not None


asyncio.run(up())
store.close()
print(json.dumps(sorted(sys.modules)))
"""


def loaded_at_start(tmp_path: Path, *, through_the_command: bool) -> set[str]:
    """Every module a new process has loaded once the kiosk's idle screen is composed."""
    imports = "import kiosk.cli" if through_the_command else ""
    script = textwrap.dedent(PROBE).format(imports=imports)
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "hygiene.db")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    modules = set(json.loads(done.stdout.splitlines()[-1]))
    # The probe really started the kiosk, so an empty answer cannot pass.
    assert {"kiosk.app", "screens.parent.idle", "textual.app", "sqlcipher3"} <= modules
    assert ("kiosk.cli" in modules) is through_the_command
    return modules


def deferred_but_loaded(modules: set[str], deferred: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules for d in deferred if m == d or m.startswith(d + "."))


def test_the_kiosk_app_starts_without_staff_printing_or_records_modules(tmp_path: Path) -> None:
    assert deferred_but_loaded(loaded_at_start(tmp_path, through_the_command=False), DEFERRED) == []


def test_the_kiosk_command_starts_without_any_deferred_module(tmp_path: Path) -> None:
    # kiosk.cli imports only the chosen command's module, so `kiosk run` loads nothing that
    # `kiosk card` (PIL, qrcode), export, sar, backup, import or the demo need.
    modules = loaded_at_start(tmp_path, through_the_command=True)
    assert deferred_but_loaded(modules, DEFERRED) == []
