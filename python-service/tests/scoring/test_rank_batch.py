"""The batch ranker must give exactly what the per-lead reference gives, byte for byte."""

import random
import unicodedata
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from pydantic_core import to_json

from app.schemas.rank import RANK_REQUEST
from app.scoring.rank_batch import rank_batch
from app.services.ranking import rank_request, rank_response_json
from tests.conftest import auth
from tests.scoring.reference_rank import ReferenceRequest, reference_body, reference_results

TIERS: list[Any] = [
    1, 2, 3, 0, 4, -1, True, False, "1", "2", "3", "Tier 1", "tier 2", " TIER3 ", "Tier 4",
    "A", "", None,
]  # fmt: skip
SEGMENTS = [
    "Implantes Odontológicos",
    " Implantes Ortopédicos ",
    unicodedata.normalize("NFD", "Implantes Veterinários"),  # decomposed accents
    "IMPLANTES e dispositivos",
    "Dispositivos Médicos",
    "dispositivos eletrônicos",
    "Distribuidor",
    "Equipamentos Hospitalares",
    "Comércio de materiais",
    "Rede industrial",
    "Ferramental Customizado",
    "Implante",
    "Laboratório",
    "",
    None,
]
PRODUCTS: list[Any] = [
    "implantes, prótese",
    "Implantes implantes IMPLANTES",
    "instrumentos cirúrgicos",
    unicodedata.normalize("NFD", "PRÓTESE de quadril"),
    "luvas e seringas",
    "luvas, seringas, agulhas e descartáveis",
    "parafusos",
    ["Implantes", "cirúrgicos"],
    ["Prótese", "Seringas"],
    [],
    "",
    None,
]
CERTIFICATIONS = [
    "FDA", "CE", "ISO", "ce", "iso 13485", "ISO 9001:2015", "FDA 510(k)", "CE/MDR", "MDR",
    "CE Mark", "ANVISA", "INMETRO", "ISOLADO", "",
]  # fmt: skip
COMPANIES = [
    "Acme Ltda", "J&J Medical", "Johnson & Johnson do Brasil", "Zimmer Biomet", "STRYKER",
    "Straumann e Stryker", "Straumann Neodent", "neodent parceira", "Arthrex", "Align Tech",
    "Dentsply Sirona", "BIOTRONIK", "Gamma Saúde", "Ação Médica", "Biometria SA",
]  # fmt: skip
NUMBERS: dict[str, list[Any]] = {
    "yearsInBusiness": [0, 1, 19, 19.9, 20, 20.0, 35.5, 120, None],
    "countriesServed": [0, 9, 10, 11, 190, None],
    "employees": [0, 99, 100, 101, 25_000, None],
    "engagementScore": [0, 0.0, 0.1, 1, 33.333, 49.99, 50, 66.7, 99.99, 100, 5e-324, None],
}
# Both spellings are accepted on the wire; the batch must read both the same way.
SNAKE = {
    "hasRnd": "has_rnd",
    "isManufacturer": "is_manufacturer",
    "yearsInBusiness": "years_in_business",
    "countriesServed": "countries_served",
    "engagementScore": "engagement_score",
}


def generated_leads(count: int, seed: int) -> list[dict[str, Any]]:
    """Leads mixing every edge the rules have: thresholds, caps, brands, text variants, nulls."""
    rng = random.Random(seed)
    leads = []
    for i in range(count):
        lead: dict[str, Any] = {"id": f"lead_{i}", "company": f"{rng.choice(COMPANIES)} {i}"}
        optional: dict[str, Any] = {
            "segment": rng.choice(SEGMENTS),
            "tier": rng.choice(TIERS),
            "products": rng.choice(PRODUCTS),
            "certifications": rng.sample(CERTIFICATIONS, rng.randint(0, 4)),
            "hasRnd": rng.random() < 0.4,
            "isManufacturer": rng.random() < 0.5,
            "unknownField": "ignored",
            **{name: rng.choice(values) for name, values in NUMBERS.items()},
        }
        for name, value in optional.items():
            if rng.random() < 0.85:  # sometimes the field is simply absent
                lead[SNAKE[name] if name in SNAKE and rng.random() < 0.1 else name] = value
        leads.append(lead)
    return leads


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_batch_matches_the_reference_on_a_large_generated_batch(seed: int) -> None:
    payload = {"leads": generated_leads(5_000, seed)}
    fast = rank_request(RANK_REQUEST.validate_python(payload))["results"]
    reference = reference_results(payload)
    assert len(fast) == len(reference) == 5_000
    for got, want in zip(fast, reference, strict=True):
        assert got == want, got["id"]
    # Equal numbers are not enough (0.0 == -0.0): the bytes the route sends must match too.
    assert rank_response_json(RANK_REQUEST.validate_python(payload)) == reference_body(payload)


def test_the_generated_batch_reaches_every_rule() -> None:
    """Guards the test above: a batch missing a case would make agreement meaningless."""
    results = rank_request(RANK_REQUEST.validate_python({"leads": generated_leads(5_000, 1)}))
    factors = {f["factor"] for r in results["results"] for f in r["breakdown"]}
    assert factors == {
        "base", "tier", "segment", "products", "brand", "certifications", "rnd", "years",
        "countries", "employees", "manufacturer", "engagement", "cap",
    }  # fmt: skip
    assert {r["heat"] for r in results["results"]} == {"HOT", "WARM", "COLD"}
    assert {r["territory"] for r in results["results"]} == {
        "manufacturing",
        "commercial",
        "unassigned",
    }
    assert any(r["priority"] > 10 for r in results["results"])
    assert any(r["predicted"] == 0 for r in results["results"])


def test_batch_results_do_not_leak_between_calls() -> None:
    """Memos are per call: ranking one batch must not change how another is ranked."""
    first = generated_leads(300, 4)
    alone = rank_batch(RANK_REQUEST.validate_python({"leads": first})["leads"])
    mixed = generated_leads(300, 5) + first
    together = rank_batch(RANK_REQUEST.validate_python({"leads": mixed})["leads"])
    assert together[300:] == alone


@pytest.mark.parametrize(
    "lead",
    [
        {"id": "x"},
        {"id": "", "company": "c"},
        {"id": "x", "company": "c", "engagementScore": 101},
        {"id": "x", "company": "c", "employees": -1},
        {"id": "x", "company": "c", "certifications": ["x" * 121]},
        {"id": "x", "company": "c", "tier": 1.5},
        {"id": "x", "company": "c", "products": 7},
        {"id": "x", "company": "c", "hasRnd": "maybe"},
    ],
)
def test_validation_rejects_what_the_reference_rejects(lead: dict[str, Any]) -> None:
    payload = {"leads": [lead]}
    with pytest.raises(ValidationError) as fast:
        RANK_REQUEST.validate_python(payload)
    with pytest.raises(ValidationError) as reference:
        ReferenceRequest.model_validate(payload)
    errors = [(e["loc"], e["type"]) for e in fast.value.errors()]
    assert errors == [(e["loc"], e["type"]) for e in reference.value.errors()]


def test_http_response_bytes_match_the_reference(client: TestClient) -> None:
    payload = {"leads": generated_leads(500, 6)}
    response = client.post("/v1/rank", json=payload, headers=auth("leads:rank"))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.content == reference_body(payload)
    assert response.content == to_json(response.json())  # compact, UTF-8, no escapes


def test_unvalidated_bool_tier_is_not_confused_with_tier_1() -> None:
    """``True == 1`` as a dict key; validation turns True into 1, a direct caller might not."""
    leads: list[dict[str, Any]] = [
        {"id": "a", "company": "X", "tier": True},
        {"id": "b", "company": "X", "tier": 1},
    ]
    assert [r["fitScore"] for r in rank_batch(leads)] == [4.0, 7.0]
