"""Staff: sign-in (argon2id secrets, lockout, the DBS rule), volunteers and their known-person
declarations, and `permissions` (only the co-ordinator keeps the records). Imports store and models.
"""
