"""Retention and keys: the three-year purge (the accident book is kept), backups and integrity
checks (`backup`), restores (`restore`) and passphrase changes (`keys`). Imports store and models.
"""
