import pytest
from pydantic import ValidationError

from app.core.config import DEV_SECRET, Settings


def test_production_refuses_default_secret() -> None:
    with pytest.raises(ValidationError, match="SERVICE_TOKEN_SECRET"):
        Settings(ENVIRONMENT="production", SERVICE_TOKEN_SECRET=DEV_SECRET)


def test_production_refuses_short_secret() -> None:
    with pytest.raises(ValidationError, match="at least 32"):
        Settings(ENVIRONMENT="production", SERVICE_TOKEN_SECRET="x" * 31)


def test_production_accepts_long_secret_and_development_accepts_default() -> None:
    assert Settings(ENVIRONMENT="production", SERVICE_TOKEN_SECRET="x" * 32)
    dev = Settings(ENVIRONMENT="development", SERVICE_TOKEN_SECRET=DEV_SECRET)
    assert dev.UNIPILE_MIN_INTERVAL_SECONDS == 2.0
    assert dev.UNIPILE_429_BACKOFF_SECONDS == 60


def test_production_env_var_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.delenv("SERVICE_TOKEN_SECRET")
    with pytest.raises(ValidationError):
        Settings()


def test_unipile_base_url_from_dsn_or_override() -> None:
    assert Settings(UNIPILE_DSN="api8.unipile.com:13851").unipile_base_url == (
        "https://api8.unipile.com:13851/api/v1"
    )
    override = Settings(UNIPILE_DSN="x", UNIPILE_BASE_URL="http://127.0.0.1:9/api/v1/")
    assert override.unipile_base_url == "http://127.0.0.1:9/api/v1"
    assert Settings().unipile_base_url is None
