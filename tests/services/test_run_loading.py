"""`kiosk run` loads its screens while the key is derived, and never reports a failure twice."""

from __future__ import annotations

import sys

import pytest

from kiosk.commands.run import loading


def test_the_module_is_loaded_by_the_end_of_the_block() -> None:
    sys.modules.pop("kiosk.commands.rooms", None)
    with loading("kiosk.commands.rooms"):
        pass
    assert "kiosk.commands.rooms" in sys.modules


def test_a_module_that_fails_to_load_says_nothing_on_its_thread(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # It fails again where it is used, on the main thread, and is reported there once.
    with loading("kiosk.no_such_module"):
        pass
    assert capsys.readouterr().err == ""
    with pytest.raises(ModuleNotFoundError):
        __import__("kiosk.no_such_module")


def test_a_refusal_while_opening_still_waits_for_the_import() -> None:
    sys.modules.pop("kiosk.commands.closures", None)
    with pytest.raises(RuntimeError), loading("kiosk.commands.closures"):
        raise RuntimeError("wrong passphrase")
    assert "kiosk.commands.closures" in sys.modules
