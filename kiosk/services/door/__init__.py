"""The door console's services: today's board, acts at the door, alerts, manual check-in by name,
no-shows, roll call, and the known-person rule. Only volunteers see what these produce.
"""
