"""Recording attendance: a scan or a manual check-in joined to the door's half (the event
recorded, the booking moved, alerts raised), and one reading of a person's arrival and departure
used by the door board, the referrer export and subject access. Imports scan, door.alerts, store.
"""
