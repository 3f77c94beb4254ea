"""The co-ordinator's diary: `sessions` (a case's sessions, past and future, with their
outcomes), `acts` (cancelling and moving a session ahead of its day, the rest of a series)
and `week` (the week at a glance, room by room). Imports store, staff, centre, cases,
attendance and models.
"""
