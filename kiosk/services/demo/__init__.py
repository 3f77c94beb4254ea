"""The demo database: a year of a small, fictional centre."""
