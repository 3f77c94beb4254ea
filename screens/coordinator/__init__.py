"""The co-ordinator's screens: home, cases, bookings, volunteers, cards, releases, retention."""
