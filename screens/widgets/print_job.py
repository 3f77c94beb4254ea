"""Sending a written file to the printer without freezing the screen.

lp can take its time (a printer asleep, a CUPS server across the network): it runs
in a thread worker, and the screen that asked is told the one line when lp has
answered. A screen closed meanwhile (the roll call's dialog, closed the moment its
file is written) has its line shown as a notification instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.dom import DOMNode

from kiosk import printing

# Told on the UI thread: the line to show, and whether the file was sent.
Done = Callable[[str, bool], None]


def print_in_background(
    node: DOMNode, path: Path, done: Done, *, actual_size: bool = False, named: bool = True
) -> None:
    """Send path to the printer in a thread worker; done(line, sent) when lp answers (on node,
    or as a notification once node has closed). named=False: a refusal's line leaves out
    the file's path, which the screen has just shown."""
    app = node.app

    def finish(line: str, sent: bool) -> None:
        if node.is_attached:
            done(line, sent)
        else:
            app.notify(line, severity="information" if sent else "warning", markup=False)

    def job() -> None:
        try:
            line, sent = printing.send(path, actual_size=actual_size), True
        except printing.PrintError as exc:
            line, sent = (str(exc) if named else exc.reason), False
        app.call_from_thread(finish, line, sent)

    # On the app: a worker of a screen closed meanwhile would be cancelled with it.
    app.run_worker(job, thread=True, group="print", exit_on_error=False)


def sending(path: Path) -> str:
    """What a screen says while lp has not answered."""
    return f"Sending {path.name} to the printer…"
