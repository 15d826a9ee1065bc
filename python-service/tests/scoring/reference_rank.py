"""The ranking path as it was before the batch ranker, kept as the reference it must match.

A pydantic model per lead (the earlier ``RankLeadIn``), ``rank_lead`` per lead, the result
rounded into camelCase dicts, and ``json.dumps`` as FastAPI's ``JSONResponse`` wrote it.
Slow and plain on purpose: ``test_rank_batch.py`` compares the fast path with it.
"""

import json
from typing import Annotated, Any

from pydantic import Field

from app.schemas.base import CamelModel
from app.scoring.rank_leads import LeadFacts, rank_lead


class ReferenceLeadIn(CamelModel):
    id: str = Field(min_length=1, max_length=200)
    company: str = Field(max_length=500)
    segment: str | None = Field(default=None, max_length=500)
    tier: int | str | None = None
    products: str | list[str] | None = None
    certifications: list[Annotated[str, Field(max_length=120)]] = Field(
        default_factory=list, max_length=50
    )
    has_rnd: bool = False
    years_in_business: float | None = Field(default=None, ge=0)
    countries_served: int | None = Field(default=None, ge=0)
    employees: int | None = Field(default=None, ge=0)
    is_manufacturer: bool = False
    engagement_score: float | None = Field(default=None, ge=0, le=100)


class ReferenceRequest(CamelModel):
    leads: list[ReferenceLeadIn] = Field(max_length=20_000)


def reference_results(payload: dict[str, Any]) -> list[dict[str, Any]]:
    results = []
    for lead in ReferenceRequest.model_validate(payload).leads:
        ranked = rank_lead(
            LeadFacts(
                company=lead.company,
                segment=lead.segment,
                tier=lead.tier,
                products=lead.products,
                certifications=lead.certifications,
                has_rnd=lead.has_rnd,
                years_in_business=lead.years_in_business,
                countries_served=lead.countries_served,
                employees=lead.employees,
                is_manufacturer=lead.is_manufacturer,
                engagement_score=lead.engagement_score,
            )
        )
        results.append(
            {
                "id": lead.id,
                "predicted": round(ranked.predicted, 2),
                "fitScore": round(ranked.fit_score, 2),
                "leadScore": round(ranked.lead_score, 2),
                "rawFit": round(ranked.raw_fit, 2),
                "priority": round(ranked.priority, 2),
                "heat": ranked.heat,
                "heatLabel": ranked.heat_label,
                "territory": ranked.territory,
                "breakdown": [
                    {"factor": f.factor, "points": round(f.points, 2), "detail": f.detail}
                    for f in ranked.breakdown
                ],
            }
        )
    return results


def reference_body(payload: dict[str, Any]) -> bytes:
    """The response bytes the earlier route sent (starlette's ``JSONResponse.render``)."""
    return json.dumps(
        {"results": reference_results(payload)},
        ensure_ascii=False,
        allow_nan=False,
        indent=None,
        separators=(",", ":"),
    ).encode("utf-8")
