"""The demo database: a year of a small, fictional centre. It may import any service, and
nothing imports it but the `kiosk demo` command and the benchmarks.
"""
