"""Recording attendance: a scan or a check-in by name joined to the door's half.

`checkin` runs a scan (or a volunteer's check-in by name): the parent's half in `scan` decides,
then `recording` writes the event, moves the booking and raises `alerts` for the door console,
looking at both parties because only volunteers see what it produces. `spans` is the one reading
of a person's first arrival and last departure of a session, used by the door board, the
referrer export and subject access. Imports store, cards, cases, scan and models.
"""
