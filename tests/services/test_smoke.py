from kiosk.services.store import settings
from models import DbConfig, schema


def test_new_database_is_at_current_schema(db: DbConfig) -> None:
    assert schema.user_version() == schema.SCHEMA_VERSION
    assert settings.get("centre_name")
