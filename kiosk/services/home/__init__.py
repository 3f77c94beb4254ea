"""The co-ordinator's home: what they should be told on signing in, gathered from every
domain (new safeguarding concerns first, then policy review, retention due, DBS checks,
waiting areas). Imports store, staff, centre, release, retention, safeguarding.
"""
