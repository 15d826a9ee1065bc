import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from app.core.config import get_settings
from app.main import create_app


def test_app_refuses_to_start_in_production_with_dev_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("SERVICE_TOKEN_SECRET", "dev-python-secret")
    get_settings.cache_clear()
    try:
        with pytest.raises(ValidationError), TestClient(create_app()):
            pass
    finally:
        get_settings.cache_clear()


def test_openapi_declares_bearer_security(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "HTTPBearer" in spec["components"]["securitySchemes"]
    assert spec["paths"]["/v1/rank"]["post"]["security"] == [{"HTTPBearer": []}]
