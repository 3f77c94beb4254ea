"""Figures for trustees, funders and accreditation: counts and rates, never a person.

`period` (a month, quarter, year or from/to, and the same dates a year earlier),
`figures` (a figure, the rule that withholds one drawn from one or two families,
and how each is written), `window` (the span a report reads once, split into
tallies by period and month), `sessions` (bookings, families, services,
attendance), `records` (referrals, incidents, accidents, volunteers' duty and
DBS checks), `report` (the whole report with its month-by-month series),
`suppress` (secondary suppression: no withheld figure worked out from a
total and its parts), `files` (CSV and Markdown, and the audited export), `pdf_report` (the PDF with
charts drawn by matplotlib, loaded only when a PDF is made).

Imports store, staff (the DBS interval, the acting staff member), cases (the
kinds of referrer) and release (the PDF helpers, in pdf_report only).
"""
