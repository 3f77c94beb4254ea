"""Case files: people, children, referral, consents, search, bookings (`bookings`, and the
rules every session passes in `booking_rules`) and spreadsheet imports.
Imports store, staff, centre and models.
"""
