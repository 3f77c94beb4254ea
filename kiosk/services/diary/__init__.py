"""The centre's diary: what the bookings are laid on, and the week at a glance.

`windows` (when a session's families pass through the entrance). Imports store,
staff and models; `cases` builds its booking checks on it, so it never imports cases.
"""
