"""The door console's services: today's board, acts at the door, check-in by name, no-shows,
roll call, and the known-person rule (`access`). Only volunteers see what these produce.
Imports store, staff, cases, scan, attendance and models.
"""
