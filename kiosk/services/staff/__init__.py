"""Staff: sign-in (argon2id, lockout, the DBS rule), volunteers and their declarations, the
co-ordinator's reminders and permissions. Imports store and models.
"""
