"""Safeguarding follow-up: the incidents the door records, as the co-ordinator reads and
follows them up. `incidents` (statuses, what was done, reading one, the new ones for the
home screen) and `follow_up` (notes, what was done, closing). A referral to Children's
Services or a report to the police is written in the disclosure log (release.disclosures),
linked to its incident. Imports store, staff, release and models.
"""
