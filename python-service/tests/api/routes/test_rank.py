import time

import pytest
from fastapi.testclient import TestClient

from app.core.security import create_token
from app.schemas.rank import RankResponse
from tests.conftest import SECRET, auth, token

LEAD = {
    "id": "lead_1",
    "company": "Stryker do Brasil",
    "segment": " Implantes Ortopédicos ",
    "tier": "Tier 2",
    "products": "implantes, prótese",
    "certifications": ["FDA", "ce"],
    "hasRnd": False,
    "yearsInBusiness": 30,
    "engagementScore": 50,
}


def assert_problem(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status
    return body


def test_rank_happy_path(client: TestClient) -> None:
    response = client.post("/v1/rank", json={"leads": [LEAD]}, headers=auth("leads:rank"))
    assert response.status_code == 200, response.text
    RankResponse.model_validate(response.json())  # the documented schema holds
    [result] = response.json()["results"]
    # predicted = 4 + 2 + 2 + 1 = 9; fit = 9 + 3 (brand) + 2 (certs) + 1 (years) → 10
    assert result["id"] == "lead_1"
    assert result["predicted"] == 9.0
    assert result["fitScore"] == 10.0
    assert result["leadScore"] == 10.0
    assert result["heat"] == "HOT"
    assert result["heatLabel"] == "HOT 🔥"
    assert result["territory"] == "manufacturing"
    factors = [f["factor"] for f in result["breakdown"]]
    assert factors == [
        "base", "tier", "segment", "products", "brand", "certifications", "years",
        "engagement", "cap",
    ]  # fmt: skip
    assert set(result["breakdown"][0]) == {"factor", "points", "detail"}


def test_rank_rounds_to_two_decimals_and_defaults(client: TestClient) -> None:
    lead = {"id": "l2", "company": "Acme", "tier": 3, "engagementScore": 33.333}
    [result] = client.post("/v1/rank", json={"leads": [lead]}, headers=auth("leads:rank")).json()[
        "results"
    ]
    assert result["fitScore"] == 5.0
    assert result["leadScore"] == 5.67
    assert result["heat"] == "COLD"
    assert result["heatLabel"] == "COLD ❄️"
    assert result["territory"] == "unassigned"


def test_rank_empty_list(client: TestClient) -> None:
    response = client.post("/v1/rank", json={"leads": []}, headers=auth("leads:rank"))
    assert response.json() == {"results": []}


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({}, "leads"),
        ({"leads": [{"id": "x"}]}, "leads.0.company"),
        ({"leads": [{**LEAD, "engagementScore": 101}]}, "leads.0.engagementScore"),
        ({"leads": [{**LEAD, "certifications": ["x" * 121]}]}, "leads.0.certifications.0"),
        ({"leads": [{**LEAD, "employees": -1}]}, "leads.0.employees"),
    ],
)
def test_invalid_body_is_400_with_paths(client: TestClient, body: dict, path: str) -> None:
    response = client.post("/v1/rank", json=body, headers=auth("leads:rank"))
    problem = assert_problem(response, 400)
    assert path in [e["path"] for e in problem["errors"]]
    assert all(set(e) == {"path", "message"} for e in problem["errors"])


def test_malformed_json_is_400(client: TestClient) -> None:
    response = client.post(
        "/v1/rank",
        content=b"{not json",
        headers={**auth("leads:rank"), "content-type": "application/json"},
    )
    assert_problem(response, 400)


def test_too_many_leads_is_400(client: TestClient) -> None:
    leads = [{"id": str(i), "company": "c"} for i in range(20_001)]
    response = client.post("/v1/rank", json={"leads": leads}, headers=auth("leads:rank"))
    assert_problem(response, 400)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer not.a.jwt"},
        {"Authorization": "Bearer " + token(["leads:rank"], iat=int(time.time()) - 301)},
        {"Authorization": "Bearer " + create_token("wrong-secret", sub="u", scopes=["leads:rank"])},
        {"Authorization": "Bearer " + token(["leads:rank"], aud="lifetrek-app")},
        {"Authorization": "Bearer " + token(["leads:rank"], iss="someone-else")},
    ],
    ids=["missing", "empty", "basic", "malformed", "expired", "signature", "audience", "issuer"],
)
def test_bad_tokens_are_401(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/v1/rank", json={"leads": []}, headers=headers)
    assert_problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


def test_under_scoped_token_is_403(client: TestClient) -> None:
    response = client.post("/v1/rank", json={"leads": []}, headers=auth("leads:enrich"))
    body = assert_problem(response, 403)
    assert "leads:rank" in body["detail"]


def test_auth_is_checked_before_body(client: TestClient) -> None:
    response = client.post("/v1/rank", json={"bogus": True})
    # Without a token we must not reveal anything about the body schema.
    assert_problem(response, 401)
    assert SECRET not in response.text
