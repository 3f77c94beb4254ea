"""The kiosk's tests, in three tiers, each runnable alone.

    tests/services  plain tests of kiosk/services (and the `kiosk` command) on a
                    real temporary SQLCipher database; no App.
    tests/screens   the real apps through App.run_test(), and snapshots
                    (tests/screens/__snapshots__, fixed size, frozen clock).
    tests/stress    crashes (SIGKILLed writers), faults (read-only file, full
                    disk, held lock), hostile input, two processes on one file.

Run them with

    make test                                 # everything, as CI does, one worker per core
    .venv/bin/python -m pytest tests/services # one tier by folder...
    .venv/bin/python -m pytest -m services    # ...or by its marker
    .venv/bin/python -m pytest -m screens
    .venv/bin/python -m pytest -m stress
    .venv/bin/python -m pytest -m "not stress"  # the quick loop

tests/conftest.py marks every test with its tier's marker (from its folder) and
holds the fixtures every tier shares; tests/support is the one package of
helpers (see its docstring). After a deliberate change to a screen, update its
snapshots with `pytest tests/screens --snapshot-update` and look at the SVGs
before committing them. tests/screens/conftest.py stops every text cursor
blinking before a snapshot, so a snapshot never depends on the machine's speed.
"""
