"""POST /v1/enrich end to end: TestClient → app → UnipileClient → real local fake Unipile."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.core.config import get_settings
from app.main import create_app
from tests.conftest import auth
from tests.fakes.unipile import ACCOUNT_ID, API_KEY, FakeUnipile

ACME_PEOPLE = [
    {
        "object": "SearchResult",
        "type": "PEOPLE",
        "id": "ACoAAA1",
        "name": "Ana Souza",
        "headline": "CEO na Acme Implantes",
        "public_identifier": "ana-souza",
        "public_profile_url": "https://www.linkedin.com/in/ana-souza",
        "location": "Campinas, SP",
    },
    {
        "object": "SearchResult",
        "type": "PEOPLE",
        "id": "ACoAAA2",
        "name": "Bruno Lima",
        "headline": "Director of Operations",
        "public_identifier": "bruno-lima",
    },
]
ACME_COMPANY = {
    "id": "123456",
    "name": "Acme Implantes",
    "public_identifier": "acme-implantes",
    "profile_url": "https://www.linkedin.com/company/acme-implantes/",
    "industry": ["Medical Equipment Manufacturing"],
    "employee_count": 240,
    "locations": [
        {"is_headquarter": True, "country": "BR", "city": "Indaiatuba", "area": "SP"},
    ],
    "website": "https://acme.example.com.br",
    "description": "Fabricante de implantes ortopédicos.",
}


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


def enrich(api: TestClient, body: dict) -> dict:
    response = api.post("/v1/enrich", json=body, headers=auth("leads:enrich"))
    assert response.status_code == 200, response.text
    return response.json()


def test_happy_path_with_citations(api: TestClient, fake_unipile: FakeUnipile) -> None:
    fake_unipile.people["acme implantes"] = ACME_PEOPLE
    fake_unipile.companies["acme-implantes"] = ACME_COMPANY
    body = enrich(
        api,
        {
            "leads": [
                {
                    "id": "lead_1",
                    "company": "Acme Implantes",
                    "linkedinUrl": "https://www.linkedin.com/company/acme-implantes/about/",
                }
            ]
        },
    )
    assert body["accountId"] == ACCOUNT_ID
    [result] = body["results"]
    assert result["status"] == "enriched"
    assert "error" not in result
    assert result["decisionMakers"] == [
        {
            "name": "Ana Souza",
            "headline": "CEO na Acme Implantes",
            "profileUrl": "https://www.linkedin.com/in/ana-souza",
            "providerId": "ACoAAA1",
            "source": "unipile",
        },
        {
            "name": "Bruno Lima",
            "headline": "Director of Operations",
            "profileUrl": "https://www.linkedin.com/in/bruno-lima",
            "providerId": "ACoAAA2",
            "source": "unipile",
        },
    ]
    assert result["company"] == {
        "industry": "Medical Equipment Manufacturing",
        "employeeCount": 240,
        "locations": ["Indaiatuba, SP, BR"],
        "website": "https://acme.example.com.br",
        "linkedinUrl": "https://www.linkedin.com/company/acme-implantes/",
        "description": "Fabricante de implantes ortopédicos.",
    }
    cited = {s["field"] for s in result["sources"]}
    assert cited == {
        "company.industry",
        "company.employeeCount",
        "company.locations",
        "company.website",
        "company.linkedinUrl",
        "company.description",
        "decisionMakers[0]",
        "decisionMakers[1]",
    }
    for source in result["sources"]:
        assert source["source"] == "unipile"
        assert source["url"].startswith(fake_unipile.base_url)
        assert f"account_id={ACCOUNT_ID}" in source["url"]
        assert source["fetchedAt"].endswith("Z")
    # Every LinkedIn call carried the account id.
    linkedin_calls = [c for c in fake_unipile.calls if c.path != "/accounts"]
    assert linkedin_calls and all(c.query["account_id"] == ACCOUNT_ID for c in linkedin_calls)


def test_company_slug_from_name_when_no_linkedin_url(
    api: TestClient, fake_unipile: FakeUnipile
) -> None:
    fake_unipile.companies["acme-medica-ltda"] = {"name": "Acme Médica", "employee_count": 12}
    body = enrich(
        api, {"accountId": ACCOUNT_ID, "leads": [{"id": "l", "company": "Acme Médica Ltda."}]}
    )
    [result] = body["results"]
    assert result["status"] == "enriched"
    assert result["company"] == {"employeeCount": 12}
    assert fake_unipile.calls_to("/accounts") == []  # accountId given → no lookup


def test_empty_results_are_not_found(api: TestClient, fake_unipile: FakeUnipile) -> None:
    body = enrich(api, {"leads": [{"id": "l", "company": "Ninguém S.A."}]})
    [result] = body["results"]
    assert result == {
        "id": "l",
        "status": "not_found",
        "decisionMakers": [],
        "company": {},
        "sources": [],
    }


def test_429_then_success(api: TestClient, fake_unipile: FakeUnipile) -> None:
    fake_unipile.people["acme implantes"] = ACME_PEOPLE[:1]
    fake_unipile.fail_next("/linkedin/search", 429)
    body = enrich(api, {"leads": [{"id": "l", "company": "Acme Implantes"}]})
    assert body["results"][0]["status"] == "enriched"
    assert len(fake_unipile.calls_to("/linkedin/search")) == 2


def test_cannot_resend_yet_fails_lead_without_retry(
    api: TestClient, fake_unipile: FakeUnipile
) -> None:
    fake_unipile.fail_next(
        "/linkedin/search", 422, {"status": 422, "type": "errors/cannot_resend_yet"}
    )
    body = enrich(
        api,
        {"leads": [{"id": "a", "company": "Acme Implantes"}, {"id": "b", "company": "Beta"}]},
    )
    first, second = body["results"]
    assert first["status"] == "failed"
    assert first["error"]["code"] == "unipile_cannot_resend_yet"
    assert first["error"]["retryable"] is False
    assert second["status"] == "not_found"  # the batch continues
    assert len(fake_unipile.calls_to("/linkedin/search")) == 2  # one per lead, no retry


def test_401_stops_the_batch(api: TestClient, fake_unipile: FakeUnipile) -> None:
    fake_unipile.fail_next("/linkedin/company/beta", 401)
    leads = [{"id": x, "company": x.capitalize()} for x in ("alpha", "beta", "gamma", "delta")]
    body = enrich(api, {"leads": leads})
    statuses = [(r["id"], r["status"], r.get("error", {}).get("code")) for r in body["results"]]
    assert statuses == [
        ("alpha", "not_found", None),
        ("beta", "failed", "unipile_auth"),
        ("gamma", "failed", "unipile_auth"),
        ("delta", "failed", "unipile_auth"),
    ]
    assert all(r["error"]["retryable"] is False for r in body["results"][1:])
    assert "reconnect" in body["results"][3]["error"]["message"]
    # Nothing was called for gamma or delta.
    assert not [c for c in fake_unipile.calls if "gamma" in c.path or "delta" in c.path]


def test_no_linkedin_account(api: TestClient, fake_unipile: FakeUnipile) -> None:
    fake_unipile.accounts[:] = fake_unipile.accounts[:1]
    body = enrich(api, {"leads": [{"id": "l", "company": "Acme"}]})
    assert "accountId" not in body
    assert body["results"][0]["error"]["code"] == "unipile_no_account"


def test_5xx_is_retryable_failure(api: TestClient, fake_unipile: FakeUnipile) -> None:
    fake_unipile.fail_next("/linkedin/company/acme", 502)
    body = enrich(api, {"leads": [{"id": "l", "company": "Acme"}]})
    assert body["results"][0]["error"] == {
        "code": "unipile_unavailable",
        "message": "Unipile failed with HTTP 502.",
        "retryable": True,
    }


def test_validation_and_scope(api: TestClient) -> None:
    too_many = {"leads": [{"id": str(i), "company": "c"} for i in range(26)]}
    response = api.post("/v1/enrich", json=too_many, headers=auth("leads:enrich"))
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "leads"
    response = api.post("/v1/enrich", json=too_many, headers=auth("leads:rank"))
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"


def test_not_configured_is_503(client: TestClient) -> None:
    response = client.post(
        "/v1/enrich", json={"leads": [{"id": "l", "company": "c"}]}, headers=auth("leads:enrich")
    )
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"


def test_client_is_shared_across_requests(api: TestClient, fake_unipile: FakeUnipile) -> None:
    enrich(api, {"leads": [{"id": "l", "company": "A"}]})
    enrich(api, {"leads": [{"id": "l", "company": "B"}]})
    assert len(api.app.state.unipile_clients) == 1  # type: ignore[attr-defined]
