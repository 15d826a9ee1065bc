import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

# Settings are read from the environment; pin them before the app is imported.
os.environ.update(
    {
        "ENVIRONMENT": "test",
        "SERVICE_TOKEN_SECRET": "test-secret-that-is-long-enough-0123456789",
    }
)
for name in ("UNIPILE_DSN", "UNIPILE_API_KEY", "UNIPILE_BASE_URL"):
    os.environ.pop(name, None)

from app.core.config import get_settings  # noqa: E402
from app.core.security import create_token  # noqa: E402
from app.main import create_app  # noqa: E402
from tests.fakes.unipile import FakeUnipile, RunningFake  # noqa: E402

SECRET = os.environ["SERVICE_TOKEN_SECRET"]


def token(scopes: list[str], **kwargs: object) -> str:
    return create_token(SECRET, sub="user_01", scopes=scopes, **kwargs)  # type: ignore[arg-type]


def auth(*scopes: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(list(scopes))}"}


@pytest.fixture
def client() -> Iterator[TestClient]:
    get_settings.cache_clear()
    with TestClient(create_app()) as test_client:
        yield test_client
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def _running_fake() -> Iterator[RunningFake]:
    running = RunningFake()
    yield running
    running.stop()


@pytest.fixture
def fake_unipile(_running_fake: RunningFake) -> FakeUnipile:
    _running_fake.fake.reset()
    return _running_fake.fake


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
