"""Retention and keys: the three-year purge (`purge`, each kind of record deleted by set in
`doomed`; the accident book is kept), backups and integrity checks (`backup`), restores
(`restore`) and passphrase changes (`keys`). Imports store and models.
"""
