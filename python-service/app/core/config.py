"""Service settings, read once from the environment (pydantic-settings).

Outside development the service refuses to start with the default or a short token secret,
so a forgotten variable can never leave production signing-compatible with a public default.
"""

from functools import lru_cache
from typing import Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-python-secret"
MIN_SECRET_LENGTH = 32


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_ignore_empty=True, extra="ignore")

    ENVIRONMENT: Literal["development", "test", "staging", "production"] = "development"
    SERVICE_TOKEN_SECRET: str = DEV_SECRET
    SERVICE_TOKEN_ISSUER: str = "lifetrek-worker"
    SERVICE_TOKEN_AUDIENCE: str = "lifetrek-python"

    UNIPILE_DSN: str | None = None
    UNIPILE_API_KEY: str | None = None
    # Tests point this at the local fake; otherwise derived from the DSN.
    UNIPILE_BASE_URL: str | None = None
    UNIPILE_MIN_INTERVAL_SECONDS: float = 2.0
    UNIPILE_429_BACKOFF_SECONDS: float = 60.0
    UNIPILE_TIMEOUT_SECONDS: float = 20.0

    @model_validator(mode="after")
    def _refuse_weak_secret_in_production(self) -> "Settings":
        if self.ENVIRONMENT == "production" and (
            self.SERVICE_TOKEN_SECRET == DEV_SECRET
            or len(self.SERVICE_TOKEN_SECRET) < MIN_SECRET_LENGTH
        ):
            raise ValueError(
                "SERVICE_TOKEN_SECRET must be set to a non-default value of at least "
                f"{MIN_SECRET_LENGTH} characters when ENVIRONMENT=production"
            )
        return self

    @property
    def unipile_base_url(self) -> str | None:
        if self.UNIPILE_BASE_URL:
            return self.UNIPILE_BASE_URL.rstrip("/")
        if self.UNIPILE_DSN:
            dsn = self.UNIPILE_DSN.removeprefix("https://").rstrip("/")
            return f"https://{dsn}/api/v1"
        return None


@lru_cache
def get_settings() -> Settings:
    return Settings()
