"""Retention and keys: the three-year purge, backups, restores, rekeying and integrity checks."""
