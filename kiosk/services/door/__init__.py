"""The door console's services: today's board, acts at the door, check-in by name, no-shows,
roll call, the log books (incidents, accidents), the alert history (the co-ordinator's view
of how each alert left the board), what a volunteer saw of a session when they
chose an act (`seen`), and the known-person rule and the write lock every act takes first
(`access`). Only volunteers see what these produce.
Imports store, staff, cases, scan, attendance and models.
"""
