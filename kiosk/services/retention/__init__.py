"""Retention and keys: the three-year purge (the accident book is kept), backups, restores,
passphrase changes and integrity checks. Imports store and models.
"""
