"""QR cards: `tokens` (random, stored as SHA-256 only), `render` (SVG, PNG or PDF showing the
centre, the holder's first name and the code) and `issue` (the one path that issues or revokes
a card, from the screen or the command). Imports store, staff, cases and models.
"""
