"""Information that leaves the centre: the referrer export, subject access, safeguarding
disclosures and the disclosure log, the policy, reading the audit log, and PDF drawing.
"""
