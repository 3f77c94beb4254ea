"""QR cards: tokens (random, stored as SHA-256 only), drawing them as SVG, PNG or PDF, and
issuing or revoking them.
"""
