"""The parent's half of a scan: what a scan means to the person who scanned.

`own_view` reads only the scanning person's card, their own booking and their own attendance;
`rules` decides from that view and the clock what happens and what the parent is told, and
imports nothing but models. No module here imports the door's half (`door`, `attendance`), so
the other party's live status cannot reach a parent's screen (DESIGN.md section 1). Imports
store, cards.tokens and models.
"""
