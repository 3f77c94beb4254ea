"""Case files: people, children, referral, consents, search, bookings and spreadsheet imports.
Imports store, staff and models.
"""
