"""Information that leaves the centre: the referrer export (attendance dates and times only),
subject access (subject_access, subject_access_held; other adults redacted by meaning through
redaction, identifiers, wordlists, folding, finders and readings), safeguarding disclosures
and the disclosure log, the accident book (read with its corrections, and exported as a logged
disclosure), the centre's policy, reading the audit log, and PDF drawing. Imports store,
staff, cases, attendance.spans and models.
"""
