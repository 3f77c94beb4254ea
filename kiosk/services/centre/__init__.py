"""The centre itself, as the bookings are laid on it: `rooms` (the register of contact rooms
and waiting areas), `closures` (closed days: the centre's own and its nation's bank
holidays) and `windows` (when a session's families pass through the entrance).
Imports store, staff and models; `cases` builds its booking checks on it, so it never
imports cases.
"""
