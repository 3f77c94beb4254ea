"""The parent's half of a scan: what a scan means to the person who scanned, decided from their
own booking, their own attendance and the clock. `rules` imports nothing but models; no module
here imports the door's half (`door`, `attendance`), so the other party's live status cannot reach
a parent's screen.
"""
