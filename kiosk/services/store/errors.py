"""The error base every service's refusal derives from (defined beside the models, so that
the database's own `OpenError` is one too)."""

from models.errors import KioskError

__all__ = ["KioskError"]
