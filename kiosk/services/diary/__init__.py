"""The co-ordinator's diary: `sessions` (a case's sessions, past and future, with their
outcomes), `acts` (cancelling and moving a session ahead of its day, the rest of a
series), `closing` (a closure over booked sessions cancels them at once) and `week` (the
week at a glance, room by room). Imports store, staff, centre, cases, attendance and models.
"""
