import pytest

from app.schemas.enrich import EnrichLeadIn
from app.services.enrichment import company_identifier, slugify


@pytest.mark.parametrize(
    ("linkedin_url", "company", "expected"),
    [
        ("https://www.linkedin.com/company/acme-implantes/about/", "x", "acme-implantes"),
        ("https://br.linkedin.com/company/acme?trk=1", "x", "acme"),
        ("https://www.linkedin.com/in/ana-souza/", "Acme Médica Ltda.", "acme-medica-ltda"),
        (None, "  Órtese & Prótese S/A ", "ortese-protese-s-a"),
    ],
)
def test_company_identifier(linkedin_url: str | None, company: str, expected: str) -> None:
    lead = EnrichLeadIn(id="l", company=company, linkedin_url=linkedin_url)
    assert company_identifier(lead) == expected


def test_slugify_strips_accents() -> None:
    assert slugify("Peças de Micro Precisão") == "pecas-de-micro-precisao"
