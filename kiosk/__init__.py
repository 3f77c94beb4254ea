"""Contact Centre Kiosk: the application, its CLI and its services."""

__version__ = "0.1.0"
