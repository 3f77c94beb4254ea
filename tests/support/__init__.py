"""Everything the tests share, one module for each kind of thing.

Making data (one way each):
    builders      staff (make_coordinator, make_volunteer, former_volunteer),
                  families (make_case, add_person, make_booking,
                  two_party_case, sample_file, door_day), events (scan_in,
                  declare), and the constants behind them (names, PIN,
                  passwords, DAY, the test database's PASSPHRASE and
                  TEST_KDF_ITER). tests/conftest.py
                  makes fixtures of the common ones: `coordinator`,
                  `volunteer`, `two_party_case`.
    release_data  one case with every outcome and a referrer, for the release
                  (export, disclosure, subject access) tests' leak checks.
    separation    generated families (hypothesis) for the separation rule.
    hostile       hostile scanner and keyboard input (also fuzz/scan_fuzz.py).
    redaction_cases, redaction_forms, redaction_files  generated families whose
                  notes write the other adults' details every way a note might,
                  on record, and the oracle that searches subject access files
                  for them (also bench/redaction.py).
    redaction_notes one case whose subject's notes name another adult, and what
                  its subject access releases (the redaction examples).

Driving the apps:
    pilots        sign_in/signed_in (a pilot signs a member of staff in),
                  choose (an entry of the co-ordinator's menu),
                  kiosk_at/parent_screen/scan/burst/settle for the parent
                  screen, HostApp/fill/click/until for one co-ordinator screen,
                  and readers of what a screen shows (screen_text, parent_sees,
                  table_text, text_of...).

Files, processes and faults:
    cli           `kiosk init` as a user runs it (kiosk_init, init_database),
                  a Python process on this checkout, `held_open` (another
                  process has the database) and `opened` (this one, again).
    files         the bytes of a database and its -wal/-shm on disk.
    sqlcipher_pages  every page decrypted, to prove purged data is gone.
    fault_helpers    a read-only file, a full disk, a held lock, another
                  program's write between a piece of work's reads and writes.
    staff_actions, release_actions  every staff action but the door's acts,
                  driven through the real App, for the fault matrix
                  (tests/stress/test_staff_faults.py).
    crash_worker, door_writer  programs run as second processes by the stress tests.
"""
