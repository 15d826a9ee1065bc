"""Lead enrichment over Unipile: decision makers + company facts, each field with its source.

Leads are processed one after another (the client paces calls anyway). An account error
(401/403) stops the batch: the lead that hit it and every later lead are returned ``failed``
with code ``unipile_auth`` and ``retryable: false``.
"""

import re
import unicodedata
from typing import Any
from urllib.parse import urlparse

from app.clients.unipile import UnipileAuthError, UnipileClient, UnipileError, UnipileResponse
from app.schemas.enrich import (
    CompanyOut,
    DecisionMakerOut,
    EnrichErrorOut,
    EnrichLeadIn,
    EnrichRequest,
    EnrichResponse,
    EnrichResultOut,
    SourceOut,
)

_COMPANY_PATH = re.compile(r"/(?:company|school|showcase)/([^/?#]+)", re.IGNORECASE)


def company_identifier(lead: EnrichLeadIn) -> str:
    """The LinkedIn company slug from ``linkedinUrl`` if it is a company page, else a slug
    of the company name ("Acme Médica Ltda." → "acme-medica-ltda")."""
    if lead.linkedin_url:
        match = _COMPANY_PATH.search(urlparse(lead.linkedin_url.strip()).path)
        if match:
            return match.group(1)
    return slugify(lead.company)


def slugify(text: str) -> str:
    ascii_text = (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


async def enrich_leads(client: UnipileClient, request: EnrichRequest) -> EnrichResponse:
    account_id = request.account_id
    if account_id is None:
        try:
            account_id = await client.find_linkedin_account_id()
        except UnipileError as exc:
            return EnrichResponse(results=[_failed(lead.id, exc) for lead in request.leads])
        if account_id is None:
            missing = UnipileError(
                "unipile_no_account",
                "No connected LinkedIn account with status OK was found in Unipile.",
                retryable=False,
            )
            return EnrichResponse(results=[_failed(lead.id, missing) for lead in request.leads])

    results: list[EnrichResultOut] = []
    auth_error: UnipileAuthError | None = None
    for lead in request.leads:
        if auth_error is not None:
            results.append(_failed(lead.id, auth_error))
            continue
        result = await _enrich_one(client, account_id, lead)
        if result.error is not None and result.error.code == "unipile_auth":
            auth_error = UnipileAuthError(result.error.message)
        results.append(result)
    return EnrichResponse(account_id=account_id, results=results)


async def _enrich_one(
    client: UnipileClient, account_id: str, lead: EnrichLeadIn
) -> EnrichResultOut:
    company = CompanyOut()
    people: list[DecisionMakerOut] = []
    sources: list[SourceOut] = []
    try:
        company_response = await client.get_company(account_id, company_identifier(lead))
        if company_response is not None:
            company, company_sources = _company_facts(company_response)
            sources.extend(company_sources)
        search_response, items = await client.search_decision_makers(account_id, lead.company)
        if search_response is not None:
            for index, item in enumerate(items):
                people.append(_decision_maker(item))
                sources.append(_source(f"decisionMakers[{index}]", search_response))
    except UnipileError as exc:
        return EnrichResultOut(
            id=lead.id,
            status="failed",
            error=_error(exc),
            decision_makers=people,
            company=company,
            sources=sources,
        )
    status = "enriched" if sources else "not_found"
    return EnrichResultOut(
        id=lead.id, status=status, decision_makers=people, company=company, sources=sources
    )


def _company_facts(response: UnipileResponse) -> tuple[CompanyOut, list[SourceOut]]:
    data = response.data
    facts: dict[str, Any] = {
        "industry": _text(data.get("industry")),
        "employee_count": _employee_count(data),
        "locations": _locations(data.get("locations")),
        "website": _text(data.get("website")),
        "linkedin_url": _text(data.get("profile_url") or data.get("public_url")),
        "description": _text(data.get("description")),
    }
    company = CompanyOut(**{k: v for k, v in facts.items() if v not in (None, [], "")})
    wire = company.model_dump(by_alias=True, exclude_none=True)
    return company, [_source(f"company.{name}", response) for name in wire]


def _decision_maker(item: dict[str, Any]) -> DecisionMakerOut:
    slug = _text(item.get("public_identifier"))
    url = _text(item.get("public_profile_url") or item.get("profile_url"))
    if url is None and slug:
        url = f"https://www.linkedin.com/in/{slug}"
    return DecisionMakerOut(
        name=str(item["name"]).strip(),
        headline=_text(item.get("headline")),
        profile_url=url,
        provider_id=_text(item.get("provider_id") or item.get("id")),
    )


def _source(field: str, response: UnipileResponse) -> SourceOut:
    return SourceOut(field=field, url=response.url, fetched_at=response.fetched_at)


def _error(exc: UnipileError) -> EnrichErrorOut:
    return EnrichErrorOut(code=exc.code, message=exc.message, retryable=exc.retryable)


def _failed(lead_id: str, exc: UnipileError) -> EnrichResultOut:
    return EnrichResultOut(id=lead_id, status="failed", error=_error(exc))


def _text(value: object) -> str | None:
    if isinstance(value, list):
        joined = ", ".join(str(v).strip() for v in value if isinstance(v, str) and v.strip())
        return joined or None
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _employee_count(data: dict[str, Any]) -> int | None:
    count = data.get("employee_count")
    if isinstance(count, int) and not isinstance(count, bool):
        return count
    span = data.get("employee_count_range")
    if isinstance(span, dict) and isinstance(span.get("from"), int):
        return int(span["from"])
    return None


def _locations(value: object) -> list[str] | None:
    if not isinstance(value, list):
        return None
    out: list[str] = []
    for item in value:
        if isinstance(item, str) and item.strip():
            out.append(item.strip())
        elif isinstance(item, dict):
            parts = [item.get("city"), item.get("area"), item.get("country")]
            label = ", ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
            if label:
                out.append(label)
    return out or None
