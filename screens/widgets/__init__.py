"""Widgets shared by screens: the scan field, person fields, form errors, confirmation,
inactivity timers, and printing a written file in the background.
"""
