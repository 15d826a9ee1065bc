"""POST /v1/outreach/execute: who an invitation goes to, against the real local fake Unipile."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.core.config import get_settings
from app.main import create_app
from tests.conftest import auth
from tests.fakes.unipile import ACCOUNT_ID, API_KEY, FakeUnipile


@pytest.fixture
def api(fake_unipile: FakeUnipile, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("UNIPILE_BASE_URL", fake_unipile.base_url)
    monkeypatch.setenv("UNIPILE_API_KEY", API_KEY)
    monkeypatch.setenv("UNIPILE_MIN_INTERVAL_SECONDS", "0")
    monkeypatch.setenv("UNIPILE_429_BACKOFF_SECONDS", "0")
    get_settings.cache_clear()
    with TestClient(create_app()) as client:
        yield client
    get_settings.cache_clear()


def invite(api: TestClient, target: str) -> dict:
    response = api.post(
        "/v1/outreach/execute",
        json={"accountId": ACCOUNT_ID, "kind": "send_invite", "providerId": target, "text": "Olá"},
        headers=auth("outreach:execute"),
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_a_provider_id_is_invited_without_a_profile_visit(
    api: TestClient, fake_unipile: FakeUnipile
) -> None:
    body = invite(api, "ACoAAA1")
    assert body["ok"] is True
    assert body["providerRef"].startswith("inv_")
    assert [c.path for c in fake_unipile.calls] == ["/users/invite"]
    assert fake_unipile.calls[0].body == {
        "account_id": ACCOUNT_ID,
        "provider_id": "ACoAAA1",
        "message": "Olá",
    }


def test_a_member_profile_url_costs_one_visit_then_invites_the_member(
    api: TestClient, fake_unipile: FakeUnipile
) -> None:
    body = invite(api, "https://www.linkedin.com/in/ana-souza")
    assert body["ok"] is True
    assert [(c.method, c.path) for c in fake_unipile.calls] == [
        ("GET", "/users/ana-souza"),
        ("POST", "/users/invite"),
    ]
    assert fake_unipile.calls[0].query == {"account_id": ACCOUNT_ID}
    assert (fake_unipile.calls[1].body or {})["provider_id"] == "ACoAana-souza"


def test_a_company_page_is_nobody_to_invite_and_nothing_is_called(
    api: TestClient, fake_unipile: FakeUnipile
) -> None:
    body = invite(api, "https://www.linkedin.com/company/acme-implantes")
    assert body == {
        "ok": False,
        "code": "failed",
        "message": "The target is not a LinkedIn member (provider id).",
        "retryable": False,
    }
    assert fake_unipile.calls == []


def test_an_unknown_member_fails_without_an_invitation(
    api: TestClient, fake_unipile: FakeUnipile
) -> None:
    fake_unipile.fail_next("/users/ghost", 404)
    body = invite(api, "https://www.linkedin.com/in/ghost")
    assert body["ok"] is False
    assert body["message"] == "LinkedIn has no member at this profile URL."
    assert [c.path for c in fake_unipile.calls] == ["/users/ghost"]
