"""The co-ordinator's home: what they should be told on signing in, gathered from every
domain (new safeguarding concerns first, then policy review, retention due, DBS checks).
Imports store, staff, release, retention, safeguarding.
"""
